"""`init`: start a new plan folder — the next five-year plan from the current one, or a blank template.

The folder is built in a hidden temporary folder next to it, checked with the same loader as every command,
and renamed into place: it never overwrites anything and never leaves a half-made plan behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plantrack.errors import EXIT_FINDINGS, PlantrackError, usage_error
from plantrack.models import Entry, Indicator
from plantrack.fields import id_problem
from plantrack.plan import ACTUALS_FILE, PLAN_FILE, Plan
from plantrack.store import dump_actuals, fsync_dir, write_error

CN_DIGITS = "零一二三四五六七八九"
# One place for the schemas, the same for `init`, `init --example` and this repository: schemas/ beside plans/
# (bundled.write_schemas), so plan.toml's first line is the same everywhere (issue 29: there were two names).
SCHEMA_LINE = "#:schema ../../schemas/plan.schema.json"
BLANK = SCHEMA_LINE + '''
# 新规划模板 / a new plan. Fill in [plan], then replace the example indicator with the plan's own
# (docs/plan-format.md lists every key and kind). Run `plantrack check` after each edit.

[plan]
id = "{id}"
name = "（规划名称）"
name_en = ""
region = ""
start = {start}
end = {end}
base_year = {base}
source = "（规划文件名称及文号）"

# One indicator of each kind is shown; keep what you need. Kinds: annual_rate, total_change, cumulative,
# level, qualitative (docs/progress.md explains how each is judged).
[[indicators]]
id = "example-investment"
no = 1
name = "（示例）全社会固定资产投资"
name_en = "(example) Total fixed-asset investment, five-year total"
attribute = "expected"
kind = "cumulative"
unit = "亿元"
target = 100
note = "示例指标：请替换为本规划的指标 / an example: replace it with the plan's own indicators"

# [[indicators]]
# id = "value-added-growth"
# no = 2
# name = "增加值年均增长率"
# kind = "annual_rate"
# direction = "increase"
# unit = "%"
# target = 6
# value_unit = "万元"
'''


@dataclass(frozen=True)
class Created:
    directory: Path
    indicators: int
    history: int          # actuals copied as history: none since `previous` links them (succession.py)
    schema: Path | None = None  # the schemas/ folder init wrote beside plans/, when it was missing


def plan_ordinal(start: int) -> int:
    """Which five-year plan starts in `start`: 2021 -> 14 (十四五), 2026 -> 15 (十五五)."""
    return (start - 1953) // 5 + 1


def chinese_number(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def _ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _renamed(text: str, old_start: int, new_start: int) -> str:
    old, new = plan_ordinal(old_start), plan_ordinal(new_start)
    for a, b in ((f"{chinese_number(old)}五", f"{chinese_number(new)}五"), (_ordinal_en(old), _ordinal_en(new))):
        text = text.replace(a, b)
    return text


def _plan_text(source: Plan, plan_id: str, start: int, end: int) -> str:
    import tomli_w

    info = source.info
    plan = {"id": plan_id, "name": _renamed(info.name, info.start, start),
            "name_en": _renamed(info.name_en, info.start, start), "region": info.region,
            "start": start, "end": end, "base_year": start - 1, "source": "（新规划文件名称及文号）",
            # The base-year figures are read from the previous plan, not copied (succession.py).
            "previous": source.id}
    if info.units:
        plan["units"] = list(info.units)
    t = info.thresholds
    plan["thresholds"] = {"ahead": t.ahead, "on_track": t.on_track, "behind": t.behind}
    # A retired indicator is not carried on; an adjusted one starts from the target it ended with (issue 30).
    indicators = [_indicator_table(ind.judged_at(info.end), (info.start, info.end), (start, end))
                  for ind in source.indicators if ind.retired is None]
    header = (f"{SCHEMA_LINE}\n"
              f"# 由 plantrack init 从 {source.id} 生成：指标和目标值照抄自上一规划，请逐项核对修改；上一规划的说明（note）\n"
              f"# 已删去。基期年数值读取自上一规划（previous），不在此另存。\n"
              f"# Made by `plantrack init` from {source.id}: indicators and targets are copied from the previous\n"
              f"# plan (its notes left out); review every target, then run `plantrack check`. Base-year figures are\n"
              f"# read from the previous plan (previous), not copied. Format: docs/plan-format.md\n\n")
    return header + tomli_w.dumps({"plan": plan, "indicators": indicators}, multiline_strings=False).replace(
        "[plan.thresholds]", "# 评估阈值（与上一规划相同）/ thresholds, as in the previous plan\n[plan.thresholds]")


def _new_period(text: str, old: tuple[int, int], new: tuple[int, int]) -> str:
    """ "…, 2021–2025 total" -> "…, 2026–2030 total": the old period's span, however it is dashed."""
    for dash in ("–", "-", "—", "～", "~", "至", " to "):
        text = text.replace(f"{old[0]}{dash}{old[1]}", f"{new[0]}{dash}{new[1]}")
    return text


def _indicator_table(ind: Indicator, old: tuple[int, int], new: tuple[int, int]) -> dict[str, Any]:
    from plantrack.store import toml_value

    # The note is left out: it speaks of the previous plan (its sources, its predecessor's totals), and a
    # copied note would go on saying so in the new plan's reports. The names keep their words, with the
    # period's years moved on ("2021–2025 total" would be wrong in the 15th plan).
    table = {"id": ind.id, "no": ind.no, "name": _new_period(ind.name, old, new),
             "name_en": _new_period(ind.name_en, old, new), "attribute": ind.attribute,
             "kind": ind.kind, "direction": ind.direction, "unit": ind.unit, "target": toml_value(ind.target),
             "value_unit": ind.value_unit, "net": ind.net or None}
    return {k: v for k, v in table.items() if v not in (None, "")}


def create(plans_dir: Path, plan_id: str, source: Plan | None, start: int, end: int) -> Created:
    """Make plans_dir/plan_id, from `source` (the next plan) or blank; refuse if anything is in the way."""
    if problem := id_problem(plan_id, "plan "):
        raise usage_error(problem)
    if end < start:
        raise usage_error(f"--end {end} 早于 --start {start} / the plan must end after it starts")
    target = plans_dir / plan_id
    if target.exists() or target.is_symlink():
        raise _exists(target)
    if not plans_dir.is_dir():
        _make_plans_dir(plans_dir)
    if source is None:
        text = BLANK.format(id=plan_id, start=start, end=end, base=start - 1)
    else:
        text = _plan_text(source, plan_id, start, end)
    created = _materialise(plans_dir, plan_id, text, {}, source)
    from plantrack.bundled import write_schemas

    return Created(created.directory, created.indicators, created.history, write_schemas(plans_dir))


def _exists(target: Path) -> PlantrackError:
    return PlantrackError(f"{target} 已存在，未做任何修改（init 从不覆盖）/ {target} exists: nothing was changed "
                          "(init never overwrites)", code=EXIT_FINDINGS)


def _make_plans_dir(plans_dir: Path) -> None:
    """A new repository has no plans/ yet: make it (only it: a mistyped deeper path stays an error)."""
    if not plans_dir.parent.is_dir():
        raise usage_error(f"规划目录 {plans_dir} 不存在，其上级文件夹也不存在 / the plans directory {plans_dir} and "
                          "its parent folder do not exist")
    try:
        plans_dir.mkdir()
    except FileExistsError:
        raise usage_error(f"{plans_dir} 已存在但不是文件夹 / {plans_dir} exists and is not a folder") from None
    except OSError as exc:
        raise write_error(plans_dir.parent, exc) from None


def _materialise(plans_dir: Path, plan_id: str, text: str, history: dict[str, dict[int, Entry]], source: Plan | None) -> Created:
    from plantrack.check.load import load_plan

    try:
        work = Path(tempfile.mkdtemp(prefix=f".init-{plan_id}-", dir=plans_dir))
    except OSError as exc:  # a read-only plans directory, a full disk: nothing was made
        raise write_error(plans_dir, exc) from None
    try:
        folder = work / plan_id
        kept = sum(len(v) for v in history.values())
        try:
            folder.mkdir()
            _write_durably(folder / PLAN_FILE, text)
            if kept:
                order = [i.id for i in source.indicators] if source else []
                actuals = dump_actuals({k: v for k, v in history.items() if v}, order,
                                       "#:schema ../../schemas/actuals.schema.json")
                _write_durably(folder / ACTUALS_FILE, actuals)
            fsync_dir(folder)
        except OSError as exc:
            raise write_error(plans_dir, exc) from None
        plan, findings = load_plan(folder)
        if plan is None:  # a bug, not a user error: say what failed rather than leave a broken plan
            raise PlantrackError("新规划未通过校验，未创建 / the new plan did not pass check: nothing was created",
                                 findings=tuple(findings))
        try:
            folder.rename(plans_dir / plan_id)  # fails rather than replace if the folder appeared meanwhile
        except OSError as exc:
            if (plans_dir / plan_id).exists():
                raise _exists(plans_dir / plan_id) from None
            raise write_error(plans_dir, exc) from None
        fsync_dir(plans_dir)
        return Created(plans_dir / plan_id, len(plan.indicators), kept)
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(work)


def _write_durably(path: Path, text: str) -> None:
    """Write a new file and flush it to disk: once renamed into place, the plan must not be an empty file after
    a power cut (a full disk can also first show at fsync)."""
    path.write_text(text, encoding="utf-8")
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

