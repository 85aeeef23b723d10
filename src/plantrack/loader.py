"""A plan folder's two files read (each once, bounded) and validated against the models: the validate stage of
one folder. The rules of a whole plan are check's: check/load.py runs them on what this gives and makes the Plan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.contain import display_path
from plantrack.errors import Finding
from plantrack.models import Entry, PlanFile
from plantrack.plan import ACTUALS_FILE, PLAN_FILE
from plantrack.readfile import Refused, read_limited

if TYPE_CHECKING:
    from plantrack.documents import Document


def file_bytes(directory: Path) -> tuple[tuple[bytes | None, bytes | None], list[Finding]]:
    """plan.toml's and actuals.toml's bytes, each read once (readfile.py), and why a file could not be read.
    No actuals file is None and no finding: nothing recorded yet."""
    found: list[bytes | None] = []
    for name in (PLAN_FILE, ACTUALS_FILE):
        path = directory / name
        try:
            found.append(read_limited(path))
        except FileNotFoundError as exc:
            found.append(None)
            if name == PLAN_FILE:
                return (None, None), [_unreadable(path, f"无法读取文件 / cannot read the file: {exc.strerror or exc}")]
        except Refused as exc:
            found.append(None)
            if name == PLAN_FILE:
                return (None, None), [_unreadable(path, exc.message)]
            return (found[0], None), [_unreadable(path, exc.message)]
    return (found[0], found[1]), []


def _unreadable(path: Path, message: str) -> Finding:
    return Finding(display_path(path), 1, 1, "", message)


def read_plan_file(directory: Path, plan_bytes: bytes) -> tuple[Document | None, PlanFile | None, list[Finding]]:
    """plan.toml's bytes parsed (with positions) and validated against the models: its document (None when it
    is not TOML), the PlanFile (None when it fails the schema) and the findings."""
    # The validation stack (tomllib, pydantic) is imported only when files must be validated.
    from plantrack.check.schema import validate
    from plantrack.documents import read_document

    path = directory / PLAN_FILE
    doc, findings = read_document(path, display_path(path), raw=plan_bytes)
    if doc is None:
        return None, None, findings
    plan_file, findings = validate(PlanFile, doc.data, doc)
    assert plan_file is None or isinstance(plan_file, PlanFile)
    return doc, plan_file, findings


def read_entries(directory: Path, actuals_bytes: bytes,
                 known: set[str] | None) -> tuple[Document | None, dict[tuple[str, str], Entry], list[Finding]]:
    """actuals.toml's bytes parsed and each `[<indicator>.<year>]` table validated as an Entry: its document,
    the entries by (indicator id, year as written) and the findings. `known`: the indicator ids plan.toml names
    (None: any table names a known indicator)."""
    from plantrack.documents import read_document

    path = directory / ACTUALS_FILE
    doc, findings = read_document(path, display_path(path), allow_empty=True, raw=actuals_bytes)
    if doc is None:
        return None, {}, findings
    tables, more = _year_tables(doc, set(doc.data) if known is None else known)
    findings += more
    entries, more = _entries(doc, tables)
    return doc, entries, findings + more


def in_file_order(findings: list[Finding], directory: Path) -> list[Finding]:
    """As a reader goes through the files (schema and cross-field findings interleaved)."""
    plan_shown = display_path(directory / PLAN_FILE)  # once, not per finding (60,000 findings: issue 13)
    return sorted(findings, key=lambda f: (f.path != plan_shown, f.line, f.col))


def _year_tables(doc: Document, known: set[str]) -> tuple[dict[str, dict[str, object]], list[Finding]]:
    """The `[<indicator>.<year>]` tables whose indicator exists and whose year is four digits."""
    tables: dict[str, dict[str, object]] = {}
    findings: list[Finding] = []
    for ind_id, years in doc.data.items():
        if ind_id not in known:
            near = nearest(ind_id, sorted(known))
            findings.append(doc.finding((ind_id,), ind_id, f"规划中没有这个指标编号{near} / no such indicator in plan.toml"))
        elif not isinstance(years, dict):
            findings.append(doc.finding((ind_id,), ind_id, f"应为按年份分的表，例如 [{ind_id}.2021] / must be tables by year"))
        else:
            for year_key, raw in years.items():
                if year_key.isascii() and year_key.isdigit() and len(year_key) == 4:
                    tables.setdefault(ind_id, {})[year_key] = raw
                else:
                    findings.append(doc.finding((ind_id, year_key), f"{ind_id}.{year_key}",
                                                f"年份须为四位数字，例如 [{ind_id}.2021] / the year must be four digits"))
    return tables, findings


def _entries(doc: Document, tables: dict[str, dict[str, object]]) -> tuple[dict[tuple[str, str], Entry], list[Finding]]:
    """Every table validated as an Entry: in one pydantic call (fast for thousands of plans); only when that
    fails, entry by entry, so the good entries still get their cross-field checks."""
    from plantrack.check.schema import validate

    whole, findings = validate(dict[str, dict[str, Entry]], tables, doc)
    if whole is not None:
        return {(i, y): e for i, years in whole.items() for y, e in years.items()}, []
    entries = {}
    for ind_id, years in tables.items():
        for year_key, raw in years.items():
            entry, _ = validate(Entry, raw, doc, (ind_id, year_key))
            if entry is not None:
                entries[(ind_id, year_key)] = entry
    return entries, findings


def nearest(name: str, options: list[str]) -> str:
    """"，是不是 X？/ did you mean X?" for the option nearest `name` in spelling, or ""."""
    import difflib

    near = difflib.get_close_matches(name, options, n=1)
    return f"，是不是 {near[0]}？/ did you mean {near[0]}?" if near else ""
