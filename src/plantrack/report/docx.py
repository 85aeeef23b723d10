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

from plantrack.errors import PlantrackError
from plantrack.text import safe
from plantrack.render.words import COLON
from plantrack.report.docx_page import SMALL, a4, fit_columns, no_wrap, official_styles, page_numbers
from plantrack.report.labels import REPORT
from plantrack.report.model import Document, Part
from plantrack.report.narrative import WORDS

if TYPE_CHECKING:
    from docx.section import Section as WordSection
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph

# The table's columns that share what the fitted ones leave (docx_page.fit_columns), and in what proportion;
# every other column (the numbers, 属性) is as wide as its widest cell and never wraps.
SHARE = {"name": 3.0, "status": 2.0}
CHART_WIDTH_CM = 15  # the text block of a 公文 page is 15.6 cm wide
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
    from plantrack.readfile import Refused, missing, read_limited

    try:
        data = read_limited(template, TEMPLATE_LIMIT, wanted=("普通的 Word .docx 文件", "a regular Word .docx file"))
    except Refused as exc:
        raise PlantrackError(f"无法使用模板 {safe(template)}：{exc.message}", code=2) from None
    except FileNotFoundError:  # gone since typer checked --template (exists=True): readfile's words
        raise PlantrackError(missing(safe(template)), code=2) from None
    return data


class Writer:
    def __init__(self, template: Path | None):
        import docx

        self._noted: set[str] = set()

        self.template = template is not None
        if template is None:
            self.doc = docx.Document()
            official_styles(self.doc)
            a4(self.doc.sections[0])
        else:
            data = _template_bytes(template)
            try:
                self.doc = docx.Document(io.BytesIO(data))
            except Exception as exc:  # noqa: BLE001 - any unreadable template is the user's file, said plainly
                raise PlantrackError(f"无法读取模板 {safe(template)}：{safe(exc)} / cannot read the template: it must "
                                     "be a Word .docx file", code=2) from None
            self._clear_body()
        page_numbers(self.doc.sections[0])

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
        self.doc.add_paragraph(safe(text), style=style)

    def para(self, text: str, style: str | None = None, bold: bool = False,
             size: float | None = None) -> Paragraph:
        from docx.shared import Pt

        p = self.doc.add_paragraph(style=self._style(style) if style else None)
        run = p.add_run(safe(text))
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        return p

    def landscape(self, new_page: bool = True) -> None:
        """The status table goes on its own landscape pages (a 公文's wide table, 横排表格); `new_page` False
        turns the pages so far (the district report's title and matrix)."""
        from docx.enum.section import WD_SECTION

        self._turn(self.doc.add_section(WD_SECTION.NEW_PAGE) if new_page else self.doc.sections[-1], landscape=True)

    def table(self, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], share: list[float]) -> None:
        """A real table: the header row repeats on every page (w:tblHeader), no row is split (w:cantSplit), number
        columns as wide as their numbers and never wrapped (w:noWrap), the type as large as that allows
        (docx_page.fit_columns)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        section = self.doc.sections[-1]
        width, left, right = section.page_width or 0, section.left_margin or 0, section.right_margin or 0
        page = (width - left - right) / 360000  # EMU to cm
        size, widths = fit_columns(header, rows, share, page)
        numeric = [not s for s in share]
        table = self.doc.add_table(rows=1, cols=len(header))
        if (grid := self._style("Table Grid", table=True)) is not None:
            table.style = grid
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            run = cell.paragraphs[0].add_run(safe(text))
            run.bold = True
            run.font.size = Pt(size)
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(repeat)
        for values in rows:
            row = table.add_row()
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for cell, text, number in zip(row.cells, values, numeric, strict=True):
                cell.paragraphs[0].add_run(safe(text)).font.size = Pt(size)
                if number:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        no_wrap(table, numeric, widths)
        self.size = size

    def portrait(self) -> None:
        """Back to the upright page after the table."""
        from docx.enum.section import WD_SECTION

        self._turn(self.doc.add_section(WD_SECTION.NEW_PAGE), landscape=False)

    def _turn(self, section: WordSection, landscape: bool) -> None:
        if not self.template:
            a4(section, landscape=landscape)
        else:  # the template's page turned on its side
            section.page_width, section.page_height = section.page_height, section.page_width

    def picture(self, png: bytes) -> None:
        from docx.shared import Cm

        self.doc.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def render_docx(doc: Document, pictures: dict[str, bytes | None], template: Path | None = None) -> bytes:
    w = Writer(template)
    write_document(w, doc, pictures)
    return w.bytes()


def write_document(w: Writer, doc: Document, pictures: dict[str, bytes | None], level: int = 0) -> None:
    """Lay the report out (model.py says every word); `level` 1 puts a whole plan's report under a district's."""
    sep = COLON[doc.lang]
    w.heading(doc.title, level)
    w.para(doc.head, bold=True)
    for key, value in doc.cover:
        w.para(f"{key}{sep}{value}")
    w.heading(doc.summary_heading, level + 1)
    w.para(doc.summary)
    w.para(("；" if doc.lang == "zh" else "; ").join(f"{word} {count}" for _, word, count in doc.counts))
    if doc.gaps:
        w.para(doc.gaps)
    w.heading(doc.overall_heading, level + 2)
    for text in doc.overall:
        w.para(text)
    w.heading(doc.binding_heading, level + 1)
    for intro, items in doc.binding:
        w.para(intro)
        for i in items:
            w.para(f"{'‼ ' if i.alarm else ''}{i.no}. {i.name} — {i.word}{sep}{i.sentence}", style="List Bullet")
    w.landscape()
    w.heading(doc.table_heading, level + 1)
    t = doc.table
    w.table(t.header, tuple(tuple(("‼ " if alarm and c == "name" else "") + cell for c, cell in zip(t.columns, row))
                            for row, alarm in zip(t.rows, t.alarms)), [SHARE.get(c, 0.0) for c in t.columns])
    for note in t.notes:
        w.para(note, size=SMALL)
    w.portrait()
    w.heading(doc.details_heading, level + 1)
    w.para(doc.chart_note, size=SMALL)
    for part in doc.parts:
        _part(w, part, doc.lang, pictures.get(part.id), level)
    for _, heading, texts in doc.closing:
        w.heading(heading, level + 1)
        for text in texts:
            w.para(text)
    w.heading(doc.appendix_heading, level + 1)
    for n, text in enumerate(doc.method, 1):
        w.para(f"{n}. {text}")
    w.para(doc.footer, size=SMALL)


def _part(w: Writer, part: Part, lang: str, png: bytes | None, level: int) -> None:
    words, sep = REPORT[lang], COLON[lang]
    w.heading(part.heading, min(level + 2, 3))
    if part.note:
        w.para(part.note, size=SMALL)
    if part.sentence:
        w.para(part.sentence)
    for text in part.office:
        w.para(f"{WORDS[lang]['office_note']}{sep}{text}")
    if part.warning:
        w.para(f"⚠ {part.warning}", bold=True)
    w.para(("；" if lang == "zh" else "; ").join(f"{k}{sep}{v}" for k, v in part.facts), size=SMALL)
    if png is not None:
        w.picture(png)
        if part.caption:
            w.para(part.caption, size=SMALL)
    elif part.placeholder:
        w.para(part.placeholder, size=SMALL)
    if part.working:
        w.para(words["working"], bold=True, size=SMALL)
        for line in part.working:
            w.para(line, size=SMALL)
    w.para(words["sources"], bold=True, size=SMALL)
    for line in part.sources or (words["no_sources"],):
        w.para(line, size=SMALL)
