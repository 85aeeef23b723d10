"""The one table of header names import understands, English and Chinese (docs/recording.md shows it)."""

from __future__ import annotations

import re

from plantrack.models import ENTRY_KEYS

# canonical column -> the names a spreadsheet may give it (compared without blanks, English case-insensitively).
# `indicator`, `year` ... are written by import; `plan`, `name`, `no`, `recorded_at`, `revisions` are only
# checked (they are what export writes beside them); `item` says which field a wide row holds.
ALIASES: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "指标", "指标名称", "指标编号"),
    "no": ("no", "序号"),
    "name": ("name", "名称"),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "实际值", "完成值"),
    "rate": ("rate", "增长率", "下降率", "增速"),
    "unit": ("unit", "单位"),
    "assessment": ("assessment", "评估"),
    "source": ("source", "来源", "数据来源"),
    "note": ("note", "备注", "说明"),
    "plan": ("plan", "规划"),
    "recorded_at": ("recorded_at", "记录时间"),
    "revisions": ("revisions", "修订次数"),
    "item": ("item", "项目"),
    # export --with-history (sheets/history.py): a revision's number, a removal's reason, when it was replaced
    "revision": ("revision", "修订"),
    "removed": ("removed", "删除原因"),
    "replaced_at": ("replaced_at", "替换时间"),
}
# The entry's fields a sheet row holds, taken from models.Entry (ENTRY_KEYS): what import writes, what a wide
# row's `item` names, what a round trip compares. recorded_at is stamped by plantrack and `removed` set by
# `record --delete`: a sheet only shows them (export --with-history).
FIELDS = tuple(k for k in ENTRY_KEYS if k not in ("recorded_at", "removed"))
# The order a sheet shows them in: the unit right after the value (48.9 | 亿元), the rest in Entry's order.
COLUMN_ORDER = ("value", "unit", *(k for k in FIELDS if k not in ("value", "unit")))
CHECKED = ("plan", "name", "no", "recorded_at", "revisions")
_LOOKUP = {re.sub(r"\s+", "", a).casefold(): key for key, names in ALIASES.items() for a in names}
# A table's total row: import stops there (what follows is a footer, not figures).
TOTAL_WORDS = frozenset({"合计", "总计"})


def column(header: str) -> str | None:
    """The canonical column a header cell names, or None."""
    return _LOOKUP.get(re.sub(r"\s+", "", header).casefold())


def item(cell: str) -> str | None:
    key = column(cell)
    return key if key in FIELDS else None  # a wide row's item: the field, in English or Chinese


def is_total(cell: str) -> bool:
    return re.sub(r"\s+", "", cell) in TOTAL_WORDS


def label(key: str, lang: str) -> str:
    """The header (or item word) export writes for a column: English, or the first Chinese name (import reads
    both back through this same table)."""
    return ALIASES[key][0 if lang == "en" else 1]


def known_names() -> str:
    return ", ".join(names[0] for names in ALIASES.values())
