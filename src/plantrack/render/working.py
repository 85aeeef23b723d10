"""The working behind a verdict, in words: the one place its lines are said, one table per language.

The engine returns its working and its reasons as data (progress.result.Step: a code and its numbers, written
as digits once, in the core); `show`, `record` and every report format put them into the chosen language here
(issue 26, item 6). The mathematics (symbols, numbers) is the same in both languages: only the words differ,
and the Chinese lines carry no English word. A status in a line is its display word (render/words.py) in
Chinese; English keeps the status values themselves (`far_behind`), as `show --lang en` always printed them.
"""

from __future__ import annotations

from collections.abc import Iterable

from plantrack.numbers import OUT_OF_RANGE
from plantrack.progress.result import IndicatorResult, Step
from plantrack.render.likely import WORKING_EN, WORKING_ZH
from plantrack.render.words import OUT_OF_RANGE_WORDS, STATUS_ZH, status_word
from plantrack.text import safe

_BANDS_EN = "ahead R ≥ {ahead}; on_track R ≥ {on_track}{binding}; behind R ≥ {behind}; else far_behind"
_BANDS_ZH = (f"进度比 R ≥ {{ahead}} 为{STATUS_ZH['ahead']}；R ≥ {{on_track}} 为{STATUS_ZH['on_track']}{{binding}}；"
             f"R ≥ {{behind}} 为{STATUS_ZH['behind']}；否则为{STATUS_ZH['far_behind']}")
_END_EN = "{status}: the end year is evaluated and the target is not met"
_END_ZH = "{status}：已到规划期末，目标未实现"
_NO_FINAL_EN = "{status}: no figure for the end year {end}; latest judgement ({year}): {latest_status}"
_NO_FINAL_ZH = "{status}：没有期末（{end} 年）数据；截至 {year} 年的判断：{latest_status}"

EN: dict[str, str] = {
    # the formula lines (progress/rates.py, progress/amounts.py, progress/engine.py)
    "factor_rate": "g{year} = 1 + {rate}% = {g}  (recorded rate)",
    "factor_decline": "g{year} = 1 − {rate}% = {g}  (recorded decline)",
    "factor_levels": "g{span} = {now} / {before} = {g}  (levels)",
    "average": "a = ({factors})^(1/{k}) − 1 = {a}%",
    "average_decline": "a = ({factors})^(1/{k}) − 1 = {a}% (decline)",
    "pace_rate": "R = a / r = {a} / {target} = {pace}",
    "required_rate": "required = ((1 {sign} {target}%)^{big_n} / (1 {sign} a)^{n})^(1/{m}) − 1 = {required}% a year",
    "projection_rate": "projection {end} = {level} × (1 {sign} a)^{m} = {projection}",
    "change": "c = {factors} → {c}%",
    "change_decline": "c = {factors} → {c}% (decline)",
    "schedule_change": "e = C × k / N = {target} × {k} / {big_n} = {e}%",
    "pace_change": "R = c / e = {c} / {e} = {pace}",
    "required_change": "required = ((1 {sign} {target}%) / (1 {sign} c))^(1/{m}) − 1 = {required}% a year",
    "projection_change": "projection {end} = (1 {sign} c)^({big_n}/{k}) − 1 = {projection}%",
    "sum": "S = {terms} = {total} {unit}",
    "completion": "S / T = {total} / {target} = {completion}%;  schedule k / N = {k} / {big_n} = {schedule}%",
    "pace_sum": "R = {completion}% / {schedule}% = {pace}",
    "required_sum": "required = (T − S) / m = ({target} − {total}) / {m} = {required} {unit} a year",
    "projection_sum": "projection {end} = S × N / k = {total} × {big_n} / {k} = {projection} {unit}",
    "level_values": "V_B = {base} ({base_year}), V_Y = {latest} ({year}), T = {target}",
    "schedule_level": "E_Y = V_B + (T − V_B) × n / N = {base} + ({target} − {base}) × {n} / {big_n} = {expected}",
    "pace_level": "R = (V_Y − V_B) / (E_Y − V_B) = {done} / {due} = {pace}",
    "required_level": "required = (T − V_Y) / m = ({target} − {latest}) / {m} = {required} a year",
    "projection_level": "projection {end} = V_Y + (V_Y − V_B) / n × m = {projection}",
    "assessment": "{year}: assessment = {assessment}",
    "partial": "partial: no data for {years}",
    # why a measure has no figures (Measure.reason)
    "no_base_value": "no base-year value ({year}) recorded",
    "no_base_level": "no base-year level ({year}) and no recorded rates",
    "no_amounts": "no amounts recorded in the period",
    "no_data_yet": "no data recorded in the period yet",
    "not_added_yet": "added to the plan from {year}: judged from then on",
    "wrong_side": "target is on the wrong side of the base value",
    # why the status is what it is (engine.band_reason)
    "no_data": "{status}: {cause}",
    "no_final_data": _NO_FINAL_EN,
    "no_final_data_pace": _NO_FINAL_EN + ", R = {pace}",
    "assessed": "{status}: recorded assessment",
    "assessed_end": "{status}: recorded assessment (end year: achieved, nearly_met for an expected indicator, else "
                    "missed)",
    "achieved": "{status}: the target is met",
    "achieved_kept": "{status}: the target is met (a total reached in {year} stays reached)",
    "nearly_met": "{status}: the end year is evaluated, the target is not met, R = {pace} ≥ {on_track} (expected "
                  "indicator: within the on-track tolerance)",
    "missed_binding": _END_EN + " (binding: no tolerance)",
    "missed_pace": _END_EN + " (R = {pace} < {on_track})",
    "missed": _END_EN + " ({cause})",
    "no_pace": "{status}: {cause}",
    "pace": "R = {pace} → {status}  (" + _BANDS_EN.replace("{binding}", "") + ")",
    "pace_binding": "R = {pace} → {status}  (" + _BANDS_EN.replace("{binding}", " (binding: no tolerance)") + ")",
}

ZH: dict[str, str] = {
    "factor_rate": "g{year} = 1 + {rate}% = {g}（按记录的增速）",
    "factor_decline": "g{year} = 1 − {rate}% = {g}（按记录的下降率）",
    "factor_levels": "g{span} = {now} / {before} = {g}（按水平值）",
    "average": EN["average"],
    "average_decline": "a = ({factors})^(1/{k}) − 1 = {a}%（下降）",
    "pace_rate": EN["pace_rate"],
    "required_rate": "实现目标尚需 = ((1 {sign} {target}%)^{big_n} / (1 {sign} a)^{n})^(1/{m}) − 1 = {required}%（每年）",
    "projection_rate": "{end} 年预计 = {level} × (1 {sign} a)^{m} = {projection}",
    "change": EN["change"],
    "change_decline": "c = {factors} → {c}%（下降）",
    "schedule_change": EN["schedule_change"],
    "pace_change": EN["pace_change"],
    "required_change": "实现目标尚需 = ((1 {sign} {target}%) / (1 {sign} c))^(1/{m}) − 1 = {required}%（每年）",
    "projection_change": "{end} 年预计 = (1 {sign} c)^({big_n}/{k}) − 1 = {projection}%",
    "sum": EN["sum"],
    "completion": "S / T = {total} / {target} = {completion}%；按计划 k / N = {k} / {big_n} = {schedule}%",
    "pace_sum": EN["pace_sum"],
    "required_sum": "实现目标尚需 = (T − S) / m = ({target} − {total}) / {m} = {required} {unit}（每年）",
    "projection_sum": "{end} 年预计 = S × N / k = {total} × {big_n} / {k} = {projection} {unit}",
    "level_values": EN["level_values"],
    "schedule_level": EN["schedule_level"],
    "pace_level": EN["pace_level"],
    "required_level": "实现目标尚需 = (T − V_Y) / m = ({target} − {latest}) / {m} = {required}（每年）",
    "projection_level": "{end} 年预计 = V_Y + (V_Y − V_B) / n × m = {projection}",
    "assessment": "{year} 年评估意见 = {assessment}",
    "partial": "数据不全：缺 {years} 年",
    "no_base_value": "未记录基期（{year} 年）数值",
    "no_base_level": "未记录基期（{year} 年）水平值，也没有记录增速",
    "no_amounts": "规划期内没有记录数量",
    "no_data_yet": "规划期内尚无记录",
    "not_added_yet": "{year} 年新增的指标，自该年起评估",
    "wrong_side": "目标值与基期值的方向不符",
    "no_data": "{status}：{cause}",
    "no_final_data": _NO_FINAL_ZH,
    "no_final_data_pace": _NO_FINAL_ZH + "，R = {pace}",
    "assessed": "{status}：按记录的评估意见",
    "assessed_end": "{status}：按记录的评估意见（期末：已实现；预期性指标可为基本实现；其余为未实现）",
    "achieved": "{status}：目标已实现",
    "achieved_kept": "{status}：目标已实现（期内累计在 {year} 年已达到目标，之后只增不减）",
    "nearly_met": "{status}：已到规划期末，目标未完全实现，R = {pace} ≥ {on_track}（预期性指标，在基本实现的容差之内）",
    "missed_binding": _END_ZH + "（约束性指标，不留余量）",
    "missed_pace": _END_ZH + "（R = {pace} < {on_track}）",
    "missed": _END_ZH + "（{cause}）",
    "no_pace": "{status}：{cause}",
    "pace": "R = {pace} → {status}（" + _BANDS_ZH.replace("{binding}", "") + "）",
    "pace_binding": "R = {pace} → {status}（" + _BANDS_ZH.replace("{binding}", "（约束性指标，不留余量）") + "）",
}

EN.update(WORKING_EN)  # the likelihood's lines (issue 31): said in render/likely.py
ZH.update(WORKING_ZH)
_TABLES = {"zh": ZH, "en": EN}


def say(line: Step | None, lang: str) -> str:
    """One step of working or one reason in `lang` (plain text: the caller makes plan text safe)."""
    if line is None:
        return ""
    # numbers.fmt writes both languages' words; a line says its own
    args = {key: value.replace(OUT_OF_RANGE, OUT_OF_RANGE_WORDS[lang]) for key, value in line.args.items()}
    if lang == "zh":  # the statuses a line names, as the words every other output shows them
        final = args.get("final") == "1"
        for key in ("status", "latest_status", "assessment"):
            if key in args:
                args[key] = STATUS_ZH.get(args[key], args[key]) if key == "assessment" else status_word(
                    args[key], "zh", final and key == "status")
    return _TABLES[lang][line.code].format(cause=say(line.cause, lang), **args)


def working_lines(result: IndicatorResult, reason: Step, lang: str) -> tuple[str, ...]:
    """What `show` and the reports print under a verdict: the formula lines with their numbers, the years
    missing if any, then why the status is what it is; each line safe to print (units are plan text)."""
    steps: Iterable[Step] = result.measure.formula
    if result.partial:
        steps = [*steps, Step("partial", {"years": ", ".join(map(str, result.measure.missing))})]
    return tuple(safe(say(line, lang)) for line in (*steps, reason))
