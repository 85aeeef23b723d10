"""The office's own words: plans/<id>/report.toml, beside plan.toml and actuals.toml.

An evaluation report is more than its numbers: it names who wrote it (编制单位) and when, and says in the
office's own words how the plan went (总体评价), what it achieved (主要成效), what went wrong (存在问题) and what
comes next (下一步建议). Those words live in this optional file; the report places them where an evaluation
report has them. The file is validated like the plan's own (strict keys, located findings): by `plantrack check`
and before a report is made. Every word is plan text: escaped in HTML, never interpreted in Word.

    organisation = "小昆山镇经济发展办公室"
    date = 2022-03-31
    overall = "……"            # 不写则由数字生成初稿 / drafted from the numbers when left out
    achievements = "……"
    problems = "……"
    next_steps = "……"
    [indicators]
    value-added-growth = "……"  # shown in that indicator's section

Every text is bounded: at most MAX_FIELD_CHARS (5,000) characters per field, line breaks included, and
MAX_TOTAL_CHARS (50,000) in the whole file. An evaluation report's 总体评价 or 主要成效 runs to one or two
thousand characters; 5,000 is some five printed pages. The bound is what keeps a report quick to make: the PDF
engine lays out a paragraph without break opportunities in time growing with the square of its length (an
unbroken 20,000 characters added about 4 s, 60,000 took 35 s, 300,000 took 200 s; issue 25), while 5,000 add
a fraction of a second, and ten such fields a couple of seconds. `check` and `report` refuse more, located.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, get_args

from plantrack.contain import OFFICE_FILE as OFFICE_FILE  # named with the containment rule that guards it
from plantrack.errors import Finding
from plantrack.models import MODEL_CONFIG
from plantrack.fields import Text, Rule
SECTIONS = ("overall", "achievements", "problems", "next_steps")


def _day(value: Any) -> date:
    # A TOML date (2022-03-31), not a date-time and not a string: the report prints the day, nothing else.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"应为日期，例如 2022-03-31（不加引号），而不是 {value!r} / must be a date such as 2022-03-31 "
                         "(no quotes)")
    return value


Day = Annotated[date, Rule(_day, {"type": "string", "format": "date"})]

MAX_FIELD_CHARS = 5_000   # per text (module docstring says why)
MAX_TOTAL_CHARS = 50_000  # all texts of the file together
_as_text = get_args(Text)[1].check  # a string in quotes, as every text of a plan (models.Text)


def _bounded(value: Any) -> str:
    text: str = _as_text(value)
    if len(text) > MAX_FIELD_CHARS:
        raise ValueError(f"文字过长（{len(text)} 个字符，每项最多 {MAX_FIELD_CHARS} 个），请精简 / "
                         f"too long ({len(text)} characters, at most {MAX_FIELD_CHARS} per text): shorten it")
    return text


Narrative = Annotated[str, Rule(_bounded, {"type": "string", "maxLength": MAX_FIELD_CHARS})]


@dataclass(frozen=True)
class OfficeWords:
    """报告文字 / report.toml: who wrote the report, when, and its narrative sections."""

    __pydantic_config__ = MODEL_CONFIG
    organisation: Narrative = ""       # 编制单位
    date: Day | None = None            # 编制日期
    overall: Narrative = ""            # 总体评价
    achievements: Narrative = ""       # 主要成效
    problems: Narrative = ""           # 存在问题
    next_steps: Narrative = ""         # 下一步建议
    indicators: dict[str, Narrative] = field(default_factory=dict)  # indicator id → text in its section


NONE = OfficeWords()


def load_office(directory: Path, indicator_ids: set[str]) -> tuple[OfficeWords, list[Finding]]:
    """The words in directory/report.toml (none when there is no file) and every finding, located."""
    import os

    from plantrack.contain import display_path

    path = directory / OFFICE_FILE
    if not os.path.lexists(path):
        return NONE, []
    from plantrack.documents import read_document
    from plantrack.check.schema import validate

    doc, findings = read_document(path, display_path(path), allow_empty=True)
    if doc is None:
        return NONE, findings
    words, findings = validate(OfficeWords, doc.data, doc)
    if words is None:
        return NONE, findings
    assert isinstance(words, OfficeWords)
    for ind_id in words.indicators:
        if ind_id not in indicator_ids:
            findings.append(doc.finding(("indicators", ind_id), f"indicators.{ind_id}",
                                        f"规划中没有这个指标编号 {ind_id}，请用 plan.toml 中的 id / no such indicator in "
                                        "plan.toml: use an id from plan.toml"))
    if over := _over_the_total(words):
        key, total = over
        findings.append(doc.finding(key, ".".join(key), f"报告文字合计超过 {MAX_TOTAL_CHARS} 个字符（到这里共 {total} 个），"
                                    f"请精简 / the texts together pass {MAX_TOTAL_CHARS} characters here ({total}): "
                                    "shorten them"))
    return (NONE, findings) if findings else (words, [])


def _over_the_total(words: OfficeWords) -> tuple[tuple[str, ...], int] | None:
    """The key of the text that takes the file past MAX_TOTAL_CHARS, and the total up to it; None if none does.
    Texts in the model's order: the sections, then the indicators in the file's order."""
    texts: list[tuple[tuple[str, ...], str]] = [((name,), getattr(words, name)) for name in ("organisation", *SECTIONS)]
    texts += [(("indicators", ind_id), text) for ind_id, text in words.indicators.items()]
    total = 0
    for key, text in texts:
        total += len(text)
        if total > MAX_TOTAL_CHARS:
            return key, total
    return None


def paragraphs(text: str) -> list[str]:
    """Free text as paragraphs: one per non-empty line (an office writes a paragraph per line)."""
    return [line.strip() for line in text.splitlines() if line.strip()]
