"""The words of a verdict, spelled once: the statuses the engine gives, the assessments a clerk may record,
and `--fail-on`'s choices. The engine (progress/result.py), the models, the CLI's choices and shell
completion all take them from here.

No imports on purpose: shell completion reads these lists on every Tab (docs/performance.md)."""

ACHIEVED, AHEAD, ON_TRACK, BEHIND, FAR_BEHIND, MISSED, NO_DATA = (
    "achieved", "ahead", "on_track", "behind", "far_behind", "missed", "no_data",
)
# The final evaluation's own verdicts (decisions.md, "The final evaluation"; issue 16, item 1).
NEARLY_MET, NO_FINAL_DATA = "nearly_met", "no_final_data"
STATUSES = (ACHIEVED, NEARLY_MET, AHEAD, ON_TRACK, BEHIND, FAR_BEHIND, MISSED, NO_FINAL_DATA, NO_DATA)
# The words a mid-term and a final evaluation can give (missed: a qualitative assessment may say so early).
MIDTERM_STATUSES = (ACHIEVED, AHEAD, ON_TRACK, BEHIND, FAR_BEHIND, MISSED, NO_DATA)
FINAL_STATUSES = (ACHIEVED, NEARLY_MET, MISSED, NO_FINAL_DATA, NO_DATA)
# What `record --assessment` accepts for a qualitative indicator (nearly_met, 基本实现: an end-year word).
# models.Assessment spells the same words as a type; tests/test_layers.py holds them equal.
ASSESSMENTS = (ACHIEVED, NEARLY_MET, AHEAD, ON_TRACK, BEHIND, FAR_BEHIND, MISSED)
# --fail-on: a status and worse, or a binding indicator behind or worse (progress.result.failing).
BINDING = "binding"
FAIL_ON = (BEHIND, FAR_BEHIND, BINDING)

# The Chinese a clerk may type for an assessment (`record --assessment 基本实现`, issue 29): each status's display
# word (render/words.py spells them from here), and 已实现, the end-year word for achieved.
STATUS_ZH = {
    ACHIEVED: "提前实现", AHEAD: "快于预期", ON_TRACK: "符合预期", BEHIND: "滞后",
    FAR_BEHIND: "严重滞后", MISSED: "未实现", NO_DATA: "暂无数据",
    NEARLY_MET: "基本实现", NO_FINAL_DATA: "期末数据缺失",
}
ACHIEVED_AT_END_ZH = "已实现"
ASSESSMENT_ZH = {**{STATUS_ZH[a]: a for a in ASSESSMENTS}, ACHIEVED_AT_END_ZH: ACHIEVED}
