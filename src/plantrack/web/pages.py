"""The pages as HTML, shared by `serve` (with forms) and `site` (without): Jinja2 templates with autoescaping on
for every template, so plan text (names, sources, notes, units) is always text, never markup; no template
marks any of it safe. The environment is sandboxed as well: a template cannot reach Python objects' internals."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from plantrack.web.words import WORDS

if TYPE_CHECKING:
    from jinja2 import Environment

    from plantrack.plan import Plan
    from plantrack.progress.result import PlanResult
    from plantrack.web.data import IndicatorPage, Overview

TEMPLATES = Path(__file__).parent / "templates"
# The indicator page lists its row top to bottom, in the status table's order and with its columns
# (render/words.table_columns: no 尚需每年 at the final evaluation), less what its heading already says (序号,
# name, 属性) and 把握, which this page has never shown.
PAGE_LEAVES_OUT = ("no", "name", "attribute", "likely")


class Links(Protocol):
    def index(self) -> str: ...
    def plan(self, plan_id: str) -> str: ...
    def indicator(self, plan_id: str, ind_id: str) -> str: ...
    def csv(self, plan_id: str, ind_id: str) -> str: ...
    def download(self, plan_id: str, name: str) -> str: ...
    def other_lang(self) -> str: ...


@cache
def environment() -> Environment:
    from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                                undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(template: str, lang: str, links: Links, title: str, **context: Any) -> str:
    context.setdefault("plan_id", "")
    context.setdefault("plan_title", "")
    context.setdefault("csrf", "")
    context.setdefault("writable", False)
    return environment().get_template(template).render(lang=lang, w=WORDS[lang], links=links, title=title, **context)


def index_page(view: Overview, lang: str, links: Links) -> str:
    return render("index.html", lang, links, WORDS[lang]["plans"], view=view)


def plan_page(plan: Plan, result: PlanResult, lang: str, links: Links, downloads: list[tuple[str, str]],
              **forms: Any) -> str:
    from plantrack.render.rows import footnotes, head
    from plantrack.render.words import HEADERS, table_columns
    from plantrack.text import lang_name
    from plantrack.web.data import status_rows

    title = lang_name(plan.info, lang)
    # head and notes: the status table's title line and its footnotes, as `status` prints them
    return render("plan.html", lang, links, title, plan_id=plan.id, plan_title=title, head=head(result, lang),
                  notes=footnotes(result, lang), columns=table_columns(result.final), headers=HEADERS[lang],
                  rows=status_rows(result, lang), downloads=downloads, closed=plan.info.closed is not None, **forms)


def indicator_page(page: IndicatorPage, lang: str, links: Links, **forms: Any) -> str:
    from plantrack.render.words import HEADERS, table_columns

    forms.setdefault("notice", "")
    forms.setdefault("slip", "")
    forms.setdefault("sent", {})
    # The year after the latest figure: the one an office usually comes to record.
    recorded = [h.year for h in page.history]
    if page.years:  # none only for an indicator no year of the plan can hold: then no year is chosen
        forms.setdefault("default_year", min(max(recorded, default=page.years[0]) + 1, page.years[-1]))
    return render("indicator.html", lang, links, page.name, plan_id=page.plan_id, plan_title=page.plan_name,
                  page=page, columns=[c for c in table_columns(page.final) if c not in PAGE_LEAVES_OUT], headers=HEADERS[lang], **forms)


def error_page(message: str, findings: list[str], lang: str, links: Links) -> str:
    return render("error.html", lang, links, WORDS[lang]["refused"], message=message, findings=findings)
