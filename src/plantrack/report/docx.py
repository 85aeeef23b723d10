"""`report --format docx`: the evaluation report as a Word document (python-docx, the `docx` extra).

Offices exchange 中期评估 / 总结评估 as Word files (Word or WPS) and finalise them as PDF, so this is the
report's main form for them. The document is built with python-docx rather than filled into a docxtpl
template: the report's structure (a section per indicator, a table of any length, a picture per chart) is
made by code either way, and with python-docx an office's own template is optional (`--template`: its styles
are used, its body is not) instead of being a second file to keep in step with the code.

Every word of plan text goes in as the text of a run: Word never interprets it (no field codes, no markup),
and control characters are made visible first (text.safe), as everywhere, since XML cannot hold them.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack import __version__
from plantrack.errors import PlantrackError
from plantrack.progress.result import NO_DATA, STATUSES
from plantrack.text import safe
from plantrack.render.words import COLUMNS, HEADERS, status_word
from plantrack.report.build import Report, Section, facts, placeholder, sentence
from plantrack.report.labels import REPORT
from plantrack.report.narrative import WORDS, no_data_caption, closing_sections, method, numbered, overall
from plantrack.office import OfficeWords, paragraphs

if TYPE_CHECKING:
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph

EAST_ASIAN_FONT = "宋体"  # the body font of Chinese official documents; Word and WPS have it, others substitute
CHART_WIDTH_CM = 16
# The status table's columns on A4 (17 cm between the margins): the name gets the room, numbers the rest.
TABLE_WIDTHS_CM = (0.8, 3.4, 1.2, 1.4, 1.6, 1.1, 1.3, 1.1, 1.5, 1.4, 2.2)
# A template is styles and a page set-up: an office's own is some tens of KB, with a logo a few MB. 20 MB is
# far beyond that, and bounds what a wrong path (a device, a huge file) can cost.
TEMPLATE_LIMIT = 20 * 1024 * 1024


# What works without the docx extra (issue 29: a way out when a part is missing).
PDF_OR_HTML = ("也可以生成 HTML 报告（--format html），用浏览器或 WPS 打开 / or make the HTML report (--format html) "
               "and open it in a browser or WPS")


def require_docx() -> None:
    """Refuse cleanly, naming the extra and how to install it (parts.py), when python-docx is missing."""
    from plantrack.parts import require

    require("docx", instead=PDF_OR_HTML)



def _template_bytes(template: Path) -> bytes:
    """The template's bytes, read as plan files are (readfile.py): a regular file only, at most TEMPLATE_LIMIT.
    A FIFO hung `report`, and /dev/zero grew to 24 GB before the kernel killed it (issue 25, item 11)."""
    from plantrack.readfile import Refused, read_limited

    try:
        data = read_limited(template, TEMPLATE_LIMIT)
    except FileNotFoundError:
        raise PlantrackError(f"模板不存在 / no such template: {safe(template)}", code=2) from None
    except Refused as exc:
        raise PlantrackError(f"无法使用模板 {safe(template)}：{exc.message} / cannot use the template: it must be a "
                             "Word .docx file", code=2) from None
    return data


def _t(text: object) -> str:
    return safe(text)


class _Writer:
    def __init__(self, template: Path | None):
        import docx

        self._noted: set[str] = set()

        if template is None:
            self.doc = docx.Document()
            self._default_fonts()
            self._a4()
        else:
            data = _template_bytes(template)
            try:
                self.doc = docx.Document(io.BytesIO(data))
            except Exception as exc:  # noqa: BLE001 - any unreadable template is the user's file, said plainly
                raise PlantrackError(f"无法读取模板 {safe(template)}：{safe(exc)} / cannot read the template: it must "
                                     "be a Word .docx file", code=2) from None
            self._clear_body()

    def _default_fonts(self) -> None:
        from docx.oxml.ns import qn
        from docx.shared import Pt

        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
            style = self._style(name)
            if style is None:
                continue
            fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        self.doc.styles["Normal"].font.size = Pt(10.5)  # 五号

    def _a4(self) -> None:
        """python-docx's own template is US Letter; an office here prints A4 with 2.5 / 2 cm margins."""
        from docx.shared import Cm

        for section in self.doc.sections:
            section.page_width, section.page_height = Cm(21), Cm(29.7)
            section.left_margin = section.right_margin = Cm(2)
            section.top_margin, section.bottom_margin = Cm(2.5), Cm(2)

    def _clear_body(self) -> None:
        """A template gives its styles and page set-up; its own text is not part of the report."""
        body = self.doc.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)

    def _style(self, name: str, table: bool = False) -> ParagraphStyle | None:
        """The document's style `name` if it is of the kind asked for (a paragraph style, or a table style),
        else None: the default look. A template may hold "Heading 1" as a character style or "Table Grid" as a
        paragraph style; python-docx then raised ValueError (issue 25, item 11). Said once per style."""
        from docx.enum.style import WD_STYLE_TYPE

        try:
            style: ParagraphStyle = self.doc.styles[name]
        except KeyError:
            return None
        wanted = WD_STYLE_TYPE.TABLE if table else WD_STYLE_TYPE.PARAGRAPH
        if style.type != wanted:
            if name not in self._noted:
                self._noted.add(name)
                kind_zh, kind_en = ("表格", "table") if table else ("段落", "paragraph")
                print(f"注意：模板中的样式 “{safe(name)}” 不是{kind_zh}样式，已改用默认格式 / note: the template's style "
                      f"\"{safe(name)}\" is not a {kind_en} style: the default look is used instead", file=sys.stderr)
            return None
        return style

    def heading(self, text: str, level: int) -> None:
        style = self._style("Title" if level == 0 else f"Heading {level}")
        self.doc.add_paragraph(_t(text), style=style)

    def para(self, text: str, style: str | None = None, bold: bool = False,
             size: float | None = None) -> Paragraph:
        from docx.shared import Pt

        p = self.doc.add_paragraph(style=self._style(style) if style else None)
        run = p.add_run(_t(text))
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        return p

    def table(self, header: list[str], rows: list[list[str]], size: float = 8,
              widths: tuple[float, ...] | None = None) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        table = self.doc.add_table(rows=1, cols=len(header))
        if (grid := self._style("Table Grid", table=True)) is not None:
            table.style = grid
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(_t(text))
            run.bold = True
            run.font.size = Pt(size)
        # The header row repeats on every page (w:tblHeader); no row is split across pages (w:cantSplit).
        properties = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
        for values in rows:
            row = table.add_row()
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for cell, text in zip(row.cells, values, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(_t(text)).font.size = Pt(size)
        if widths:
            from docx.shared import Cm

            table.autofit = False
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=True):
                    cell.width = Cm(width)

    def picture(self, png: bytes) -> None:
        from docx.shared import Cm

        self.doc.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def render_docx(report: Report, office: OfficeWords, pictures: dict[str, bytes | None],
                template: Path | None = None) -> bytes:
    lang, words, w = report.lang, REPORT[report.lang], _Writer(template)
    info, plan = report.plan.info, report.plan
    w.heading(report.title, 0)
    w.para(report.summary.split("：" if lang == "zh" else ": ", 1)[0], bold=True)
    cover = [(words["period"], f"{plan.period.start}–{plan.period.end}"), (words["base"], str(plan.period.base)),
             (words["as_of"], str(plan.as_of))]
    if info.region:
        cover.insert(0, (words["region"], info.region))
    if info.source:
        cover.append((words["plan_source"], info.source))
    from plantrack.report.html import office_facts

    cover += office_facts(office, lang)
    sep = "：" if lang == "zh" else ": "
    for key, value in cover:
        w.para(f"{key}{sep}{value}")

    w.heading(words["summary"], 1)
    w.para(report.summary)
    counts = report.plan.counts()
    w.para(("；" if lang == "zh" else "; ").join(f"{status_word(s, lang)} {counts[s]}" for s in STATUSES))
    w.heading(WORDS[lang]["overall"], 2)
    for text in overall(report, office):
        w.para(text)

    w.heading(words["lagging"], 1)
    if not report.lagging:
        w.para(words["lagging_none"])
    else:
        w.para(words["lagging_intro"])
        for s in report.lagging:
            w.para(f"‼ {s.indicator.no}. {s.row.cells['name']} — "
                   f"{status_word(s.result.status, lang, s.result.final)}{sep}{sentence(s, lang)}", style="List Bullet")

    w.heading(words["table"], 1)
    w.table([HEADERS[lang][c] for c in COLUMNS],
            [[("‼ " if row.alarm and c == "name" else "") + row.cells[c] for c in COLUMNS] for row in report.rows],
            widths=TABLE_WIDTHS_CM)
    for note in report.notes:
        w.para(note, size=8)

    w.heading(words["details"], 1)
    w.para(words["chart_note"], size=9)
    for section in report.sections:
        _section(w, section, report, office, pictures.get(section.indicator.id))

    for i, (key, texts) in enumerate(closing_sections(office)):
        w.heading(numbered(5 + i, WORDS[lang][key], lang), 1)
        for text in texts:
            w.para(text)
    w.heading(WORDS[lang]["appendix"], 1)
    for n, text in enumerate(method(report), 1):
        w.para(f"{n}. {text}")
    w.para(words["footer"].format(version=__version__), size=8)
    return w.bytes()


def _section(w: _Writer, section: Section, report: Report, office: OfficeWords, png: bytes | None) -> None:
    lang, words, ind, result = report.lang, REPORT[report.lang], section.indicator, section.result
    name = ind.name_en if lang == "en" and ind.name_en else ind.name
    other = ind.name_en if lang == "zh" else ind.name
    word = status_word(result.status, lang, result.final)
    w.heading(f"{ind.no}. {name}" + (f"（{other}）" if other and lang == "zh" else f" ({other})" if other else "")
              + f" — {word}", 2)
    if ind.note:
        w.para(ind.note, size=9)
    if result.status != NO_DATA:
        w.para(sentence(section, lang))
    own = office.indicators.get(ind.id, "")
    for text in paragraphs(own):
        w.para(f"{WORDS[lang]['office_note']}：{text}" if lang == "zh" else f"{WORDS[lang]['office_note']}: {text}")
    if result.warning:
        w.para(f"⚠ {words['warning']}", bold=True)
    sep = "：" if lang == "zh" else ": "
    w.para(("；" if lang == "zh" else "; ").join(f"{k}{sep}{v}" for k, v in facts(section, lang)), size=9)
    if png is not None:
        w.picture(png)
        if result.status == NO_DATA:
            w.para(no_data_caption(section, lang), size=9)
    else:
        w.para(placeholder(section, lang) or words["no_data"], size=9)
    if result.status != NO_DATA:
        w.para(words["working"], bold=True, size=9)
        for line in section.working:
            w.para(line, size=8)
    w.para(words["sources"], bold=True, size=9)
    if not section.sources:
        w.para(words["no_sources"], size=8)
    for s in section.sources:
        w.para(f"{s.years} {s.source or '—'}" + (f"（{s.note}）" if s.note and lang == "zh" else
                                                f" ({s.note})" if s.note else ""), size=8)
