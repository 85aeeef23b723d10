"""The hover help of the shipped JSON Schemas: one bilingual `description` per property (issue 20, item 6).

Why a table here and not `Field(description=...)` in models.py: models.py is imported by every `status` call,
and these ~120 sentences are needed only when a schema is generated (`plantrack schema`, `init`, the tests).
The status output's schema is written by hand (status_schema.py); its table is in status_text.py, in this form.
tests/test_schema_descriptions.py walks the generated schemas: a property without an entry here, or an entry
for a property that is gone, fails there.

A table maps an owner to {property: text}. The owner is "" for the schema's root, a name in its `$defs`
("Indicator"), or such a name and a property holding a nested object ("plan.counts"); the property "" is the
owner's own description (editors show it for a table header). Text: Chinese first, then
" / " and English; say what the key means to a planning-office clerk, its unit and its allowed words.
"""

from __future__ import annotations

from typing import Any

Table = dict[str, dict[str, str]]

# The id rule (fields.id_problem), said once for the three keys that hold an id.
_ID_ZH = "只用小写字母、数字和连字符，首尾为字母或数字，最长 64 位"
_ID_EN = "a-z, 0-9 and '-' only, starting and ending with a letter or digit, at most 64 characters"

PLAN: Table = {
    "": {
        "plan": "规划基本信息 [plan]：编号、名称、规划期 / The [plan] table: the plan's id, name and period",
        "indicators": "指标表：每项指标一个 [[indicators]]，至少一项 / The indicators, one [[indicators]] table each; "
                      "at least one",
    },
    "PlanInfo": {
        "": "规划基本信息 [plan]：哪一个规划、规划期，以及判断进度用的界限 / The [plan] table: which plan, its "
            "period, and the thresholds its verdicts use",
        "id": f"规划编号，须与文件夹名相同；{_ID_ZH} / Plan id, the same as the folder name: {_ID_EN}",
        "name": "规划名称（中文），显示在状态表上方 / The plan's title, in Chinese, shown above the status table",
        "start": "规划期第一年，例如 2021（1949–2200）/ First year of the plan period, e.g. 2021 (1949–2200)",
        "end": "规划期最后一年，例如 2025；不早于 start，规划期最长 15 年 / Last year of the period, e.g. 2025; not "
               "before start, at most 15 years",
        "name_en": "规划英文名称，--lang en 时使用 / English title, used with --lang en",
        "region": "规划所覆盖的地区，例如 上海市松江区小昆山镇；仅供说明 / The place the plan covers, e.g. "
                  "上海市松江区小昆山镇; informational",
        "base_year": "基期年：目标据以计算的年份；默认 start − 1，须满足 start − 5 ≤ base_year < start / Base year the "
                     "targets are measured from; start − 1 if left out, start − 5 ≤ base_year < start",
        "source": "数据来源的规划文件（规划纲要名称及文号）/ The plan document the figures come from",
        "units": "本规划另加的单位，补充内置单位表（%、元、万元、亿元、家、个、吨标准煤…）/ Extra units for this plan, "
                 "added to the built-in list (%, 元, 万元, 亿元, 家, 个, 吨标准煤, …)",
        "thresholds": "进度比 R 的分档界限 [plan.thresholds]；可省略，默认 1.05、0.95、0.60 / Where the pace-ratio "
                      "bands are drawn; may be left out (defaults 1.05, 0.95, 0.60)",
        "short_name": "简称，多规划总览中显示；最多 8 个汉字（16 个字母）；默认取地区名末段 / The name the overview "
                      "shows; at most 8 Chinese characters (16 letters); by default the last part of region",
        "members": "下级规划编号列表（如区的各镇），其数值相加可与本规划对照；配合指标的 rollup = \"sum\" / Ids of the "
                   "plans whose figures add up to this one's (a district's towns), used with rollup = \"sum\"",
        "previous": "上一期规划的编号（同一规划目录中）；本规划没有的基期年及以前的数据从其实际值中读取 / Id of the "
                    "plan before this one, in the same plans folder; years up to and including base_year that this "
                    "plan lacks are read from its actuals",
        "closed": "总结评估通过的日期，不加引号，例如 2026-03-15；不早于 end 年 1 月 1 日；之后记录需加 --force / Date "
                  "the final evaluation was adopted, without quotes, e.g. 2026-03-15; recording then needs --force",
    },
    "Thresholds": {
        "": "进度比分档 [plan.thresholds]：快于预期、符合预期、滞后的下限，须 ahead > on_track > behind > 0 / "
            "Pace-ratio bands: the lower bounds of ahead, on track and behind; ahead > on_track > behind > 0",
        "ahead": "进度比 R ≥ 此值为「快于预期」，默认 1.05；须大于 on_track / R at or above this is ahead "
                 "(快于预期); default 1.05, above on_track",
        "on_track": "进度比 R ≥ 此值为「符合预期」，默认 0.95；约束性指标至少按 1.00 / R at or above this is on track "
                    "(符合预期); default 0.95; binding indicators need at least 1.00",
        "behind": "进度比 R ≥ 此值为「滞后」，低于则「严重滞后」，默认 0.60；须大于 0 / R at or above this is behind "
                  "(滞后), below it far behind (严重滞后); default 0.60, above 0",
    },
    "Indicator": {
        "": "一项指标 [[indicators]]：目标及衡量进度的方式 / One [[indicators]] table: a target and how progress "
            "towards it is measured",
        "id": f"指标编号，用于 actuals.toml 和命令行，规划内唯一；{_ID_ZH} / Indicator id, used in actuals.toml and "
              f"on the command line, unique in the plan: {_ID_EN}",
        "no": "序号：规划指标表中的行号，从 1 起且唯一；按序号排列显示 / Row number in the plan's indicator table, "
              "1 or more and unique; indicators are listed in this order",
        "name": "指标名称（中文），与规划文件一致 / Indicator name, in Chinese, as in the plan document",
        "kind": "指标类型：annual_rate 年均增长率、total_change 期内累计变化、cumulative 五年累计、level 期末达到、"
                "qualitative 定性 / How progress is measured: average annual rate, change over the period, "
                "period total, level to reach, or in words",
        "target": "目标值：qualitative 为加引号的文字，其他类型为数字（率类为 %，cumulative、level 按 unit）/ The "
                  "target: words in quotes for qualitative, a number for every other kind (% for rates, in unit "
                  "otherwise)",
        "name_en": "指标英文名称，--lang en 时使用 / English name, used with --lang en",
        "attribute": "指标属性：expected 预期性（默认）或 binding 约束性（必须完成，没有容差）/ expected (the "
                     "default) or binding: a binding indicator is a promise, with no tolerance below schedule",
        "direction": "方向：increase 增长（默认）或 decrease 下降；level 为 decrease 时目标是上限；cumulative 只能 "
                     "increase / increase (the default) or decrease; a decreasing level is a ceiling; cumulative "
                     "must be increase",
        "unit": "目标的单位，例如 %、亿元、家；率类必须为 %，cumulative 不能为 %；除 qualitative 外必填 / The "
                "target's unit, e.g. %, 亿元, 家; % for rate kinds, not % for cumulative; required except for "
                "qualitative",
        "value_unit": "年度水平值的单位，例如 万元；仅用于 annual_rate 和 total_change，缺省时只能记录增长率 / Unit "
                      "of the yearly levels, e.g. 万元; rate kinds only; without it only rates can be recorded",
        "net": "净增：true 时各年数值可为负；仅用于 cumulative，默认 false / Net change: yearly amounts may be "
               "negative; cumulative only, default false",
        "note": "备注，例如指标口径；plantrack show 显示 / Anything the reader should know, such as the "
                "indicator's definition; shown by plantrack show",
        "group": f"指标组：编号在各规划中不同的同一指标，在矩阵中归为一列（下级合计先按它对应，没有时按相同编号）；{_ID_ZH} / "
                 f"The matrix column (and roll-up match, else the same id) of an indicator whose id differs between "
                 f"plans: {_ID_EN}",
        "rollup": "写 \"sum\"：在本指标旁显示 members 各规划数值之和以便核对；用于以金额或计数为单位的 "
                  "cumulative、level，或 value_unit 为金额或计数的增长率指标（加总水平值并对照隐含增速）/ \"sum\": "
                  "show the members' total beside this figure as a cross-check; cumulative or level in money or "
                  "counts, or a rate kind whose value_unit is money or a count (its levels are added and the growth "
                  "they imply compared)",
        "previous_id": "上一期规划中本指标的编号（改名时填写）；需有 [plan] previous / This indicator's id in the "
                       "previous plan, when it was renamed; needs [plan] previous",
        "adjustments": "中期调整 [[indicators.adjustments]]：某年起改用的新目标及批准文件 / Mid-term adjustments: the "
                       "target in force from a year on, and the document that approved it",
        "first_year": "新增指标的第一个评估年（规划期中途新增时填写），其基期为 first_year − 1 / The first evaluation "
                      "year of an indicator added mid-plan; its base year is first_year − 1",
        "retired": "停用年份：该年起单独列出、不计入汇总，评估只到该年（该年及以前的数据仍有效），须同时写 retired_reason / "
                   "The year the indicator was retired: from then on shown apart and not counted, judged as of that "
                   "year (its figures up to that year stay valid); needs retired_reason",
        "retired_reason": "停用原因，例如批准文件 / Why it was retired, e.g. the document",
        "aliases": "别名：公报、总结中对本指标的其他叫法，例如 [\"地区生产总值\", \"GDP\"]；plantrack extract 按别名认出数字；"
                   "一个别名只能指一个指标 / Other names documents use for this indicator, e.g. [\"地区生产总值\", "
                   "\"GDP\"]: plantrack extract reads figures by them; an alias names one indicator only",
    },
}

# One table serves both schemas: an adjustment in plan.toml and its copy in the status record.
# The keys of one [[indicators.adjustments]] table: the same text in plan.toml's schema and the status JSON's.
ADJUSTMENT = {
    "": "中期调整：year 年起评估改用 target（docs/progress.md，中期调整）/ A mid-term adjustment: from year on, "
        "the indicator is judged against target (docs/progress.md)",
    "year": "调整后目标生效的第一个评估年，须在规划期内，每年至多一条，按年份升序 / The first evaluation year judged "
            "against the new target: inside the period, one a year, ascending",
    "target": "调整后的目标，规则与 target 相同 / The adjusted target, under the same rules as target",
    "source": "批准调整的文件及文号，必填，例如 松府〔2023〕12号 / The document that approved it (required)",
    "reason": "调整原因，可省略 / Why the target was adjusted (optional)",
}
PLAN["Adjustment"] = ADJUSTMENT

_VALUE = ("数值：率类和 level 为当年水平（率类须大于 0），cumulative 为当年自身的数量；qualitative 不用 / The "
          "year's level (rate kinds: above 0; level) or its own amount (cumulative); not for qualitative")
_RATE = ("当年变化率（%），按指标自身方向：decrease 指标写 3.2 表示下降 3.2%；仅用于率类 / That year's change in "
         "percent, in the indicator's own terms (3.2 on a decrease indicator: it fell 3.2%); rate kinds only")
_UNIT = ("value 的单位；省略时为指标的水平单位；金额可写 元、万元、亿元，计算时换算 / Unit the value is written in; "
         "the indicator's level unit if left out; money may be 元, 万元 or 亿元, converted when computing")
_WHEN = "日期或日期时间，例如 2023-04-01 或 2023-03-05T16:00:00+08:00"
_WHEN_EN = "a date or a date-time such as 2023-04-01 or 2023-03-05T16:00:00+08:00"

ACTUALS: Table = {
    "Entry": {
        "": "一项指标一年的实际值 [<指标编号>.<年份>] / One indicator-year: [<indicator-id>.<year>]",
        "value": _VALUE, "rate": _RATE, "unit": _UNIT,
        "assessment": "定性指标的判断：achieved、nearly_met、ahead、on_track、behind、far_behind、missed；仅用于 "
                      "qualitative 且必填 / The judgement of a qualitative indicator (required there, only there): "
                      "achieved, nearly_met, ahead, on_track, behind, far_behind or missed",
        "source": "数据来源，例如统计公报、年鉴；这是依据，请保留 / Where the figure comes from: bulletin, yearbook, "
                  "article; keep it, it is the evidence",
        "note": "备注；定性指标必填，写明判断理由 / Remarks; required for a qualitative entry: the reasons for the "
                "assessment",
        "recorded_at": f"记录时间：{_WHEN}；plantrack record 自动填写 / When it was recorded: {_WHEN_EN}; plantrack "
                       "record fills it in",
        "removed": "删除原因：有此项即表示这一年的数值已被 record --delete 删除（被删的数值是最后一条修订记录）；不参与计算 / "
                   "The reason the year's figure was removed (record --delete); the removed figure is the last "
                   "revision. Not used in the computation",
        "revisions": "修订记录：record --force 替换前的旧版本，只作记录，不参与计算 / Earlier versions this entry "
                     "replaced (record --force), kept as a record; not used in the computation",
    },
    # A revision is the past: checked for its keys and types only, so its text claims no rule of an entry.
    "Revision": {
        "": "修订记录：record --force 替换前的一个旧版本，只检查键和类型 / An entry as it was before record "
            "--force replaced it; checked for its keys and types only",
        **{key: f"被替换前的 {key}（{zh}）/ The {key} before it was replaced ({en})" for key, zh, en in [
            ("value", "水平值或当年数量", "a level or a year's amount"),
            ("rate", "当年变化率 %", "that year's change in percent"),
            ("unit", "value 的单位", "the value's unit"),
            ("assessment", "定性指标的判断", "a qualitative indicator's judgement"),
            ("source", "数据来源", "where the figure came from"),
            ("note", "备注", "remarks"),
            ("recorded_at", "记录时间", "when it was recorded"),
            ("removed", "删除原因（这一版本是删除记录）", "the reason, when this version was a removal"),
        ]},
        "replaced_at": f"被替换的时间：{_WHEN} / When it was replaced: {_WHEN_EN}",
    },
}

def describe(schema: dict[str, Any], table: Table) -> dict[str, Any]:
    """`schema` with the table's text as each property's `description` (first key, where a reader looks), and
    as an owner's own. A property gets a new dict: status_schema.py shares one dict among the nullable numbers."""
    for owner, texts in table.items():
        node = schema
        for i, part in enumerate(owner.split(".") if owner else []):
            node = (schema.get("$defs", {}) if i == 0 else node.get("properties", {})).get(part, {})
        props = node.get("properties", {})
        for key, text in texts.items():
            if key == "" and node:
                node["description"] = text  # over the model's docstring, which pydantic copies
            elif key in props:  # an entry for a property that is gone: tests/test_schema_descriptions.py says so
                props[key] = {"description": text, **props[key]}
    return schema
