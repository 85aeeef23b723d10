"""`plantrack site -o DIR`: the pages of `serve` as static files, without forms, for an intranet or a
government site. Every link is relative and stays inside DIR; nothing is fetched from elsewhere (the style is
in each page, the charts are inline SVG). Layout:

    DIR/index.html, index.en.html                     the plans
    DIR/<plan>/index.html, index.en.html              a plan's status table and its downloads
    DIR/<plan>/actuals.csv, status.csv                the plan's figures and status table (and report.html,
                                                      report.en.html where the report extra is installed)
    DIR/<plan>/i/<indicator>.html, .en.html           an indicator: chart, working, history
    DIR/<plan>/i/<indicator>.csv                      its figures

An indicator's files are a folder apart, as its address on `serve` (/plan/<plan>/i/<indicator>): an indicator
may be called `index`, `status` or `report` (fields.ID_PATTERN), and beside the plan's own files its page or CSV
would replace the plan's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.errors import PlantrackError
from plantrack.web import LANGS

if TYPE_CHECKING:
    from plantrack.plan import Plan


def indicator_csv(plan: Plan, indicator_id: str, lang: str) -> str:
    """One indicator's recorded figures, as `export` writes them (with the BOM Excel needs)."""
    from plantrack.plan import Plan as PlanType
    from plantrack.sheets.export import csv_export

    ind = plan.find_indicator(indicator_id)
    one = PlanType(plan.info, (ind,), {ind.id: plan.actuals.get(ind.id, {})}, plan.directory)
    return csv_export(one, "long", True, lang)


def build_site(plans_dir: Path, out: Path) -> list[Path]:
    """Every page and file of the site under `out`; the files written. A plan that cannot be judged is listed
    on the index with check's finding, and has no pages."""
    from plantrack.contain import plan_ids
    from plantrack.parts import missing
    from plantrack.web import data, pages
    from plantrack.web.downloads import label, make
    from plantrack.web.links import SiteLinks, page_file

    files: dict[Path, bytes] = {}

    def put(path: Path, body: str | bytes) -> None:
        files[path] = body.encode("utf-8") if isinstance(body, str) else body

    with_report = not missing(["report"])
    for lang in LANGS:
        index = page_file("index", lang)
        put(out / index, pages.index_page(data.overview(plans_dir, lang), lang, SiteLinks(lang, 0, index)))
    for plan_id in plan_ids(plans_dir):
        try:
            plan, result = data.judged(plans_dir, plan_id)
        except PlantrackError:  # listed on the index with its finding; no pages for a plan with errors
            continue
        folder = out / plan_id
        files_of_plan = ["actuals.csv", "status.csv"]
        for lang in LANGS:
            index, report = page_file("index", lang), page_file("report", lang)
            downloads = [(label(name, lang), name) for name in files_of_plan]
            if with_report:
                downloads.insert(0, (label("report.html", lang), report))
                put(folder / report, make(plans_dir, plan_id, "report.html", lang))
            put(folder / index, pages.plan_page(plan, result, lang, SiteLinks(lang, 1, index), downloads))
            for ind in plan.indicators:
                page = data.indicator_page(plans_dir, plan_id, ind.id, lang)
                here = page_file(ind.id, lang)
                put(folder / "i" / here, pages.indicator_page(page, lang, SiteLinks(lang, 2, here)))
        for ind in plan.indicators:
            put(folder / "i" / f"{ind.id}.csv", indicator_csv(plan, ind.id, "zh"))
        for name in files_of_plan:
            put(folder / name, make(plans_dir, plan_id, name, "zh"))
    return _write_all(out, files)


def _write_all(out: Path, files: dict[Path, bytes]) -> list[Path]:
    """Every file, each replaced atomically, once none of them is a link, a FIFO or a device and no folder on the
    way is a link: DIR is often a shared folder, and a link planted there (index.html -> a colleague's file, a
    plan's folder -> elsewhere) would have been written through, outside DIR. Refused: nothing is written."""
    import os
    import stat

    from plantrack.store import replace_bytes
    from plantrack.text import safe

    for path in files:
        here = out
        for part in path.relative_to(out).parts:
            here = here / part
            try:
                mode = os.lstat(here).st_mode
            except FileNotFoundError:
                break
            except OSError as exc:
                raise PlantrackError(f"无法写入 {safe(here)}：{exc.strerror} / cannot write to {safe(here)}: "
                                     f"{exc.strerror}") from None
            wanted = stat.S_ISREG(mode) if here == path else stat.S_ISDIR(mode)
            if stat.S_ISLNK(mode) or not wanted:
                raise PlantrackError(f"网页文件夹中的 {safe(here)} 是链接或特殊文件，plantrack site 不会写入或替换它；没有写入任何文件。"
                                     f"请删除它，或换一个 -o 文件夹 / {here} in the site folder is a link or a special "
                                     "file: site never writes through or replaces one, and wrote nothing. Remove it, "
                                     "or choose another -o folder", code=2)
    for path, body in files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PlantrackError(f"无法创建文件夹 {safe(path.parent)}：{exc.strerror} / cannot make the folder "
                                 f"{safe(path.parent)}: {exc.strerror}") from None
        replace_bytes(path, body, None, prefix=f".{path.name}.")
    return list(files)
