"""The Word document's page and type, in the manner of GB/T 9704 (党政机关公文格式), and its building blocks.

Without `--template`, the document looks like an official document (公文): A4, margins 37 / 35 / 28 / 26 mm
(top / bottom / left / right), the title in 方正小标宋简体 二号 (22 pt) centred, the body in 仿宋_GB2312 三号
(16 pt), first-level headings in 黑体, second-level in 楷体_GB2312, page numbers "— 1 —" at the foot in 宋体 四号,
Latin letters and digits in Times New Roman. Each font is named as the East Asian font of its style's run
properties (`w:rFonts w:eastAsia`), which is what Word and WPS pick Chinese glyphs by, and the font table gives
each a fallback that Windows ships (`w:altName`: 宋体, 仿宋, 楷体), used where the 公文 font is not installed.

With `--template`, the office's own styles and page set-up are used as they are; only the page numbers are
added when the template's footer has none of its own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.section import Section as WordSection
    from docx.table import Table as WordTable

# (style, East Asian font, fallback on Windows, size in pt, bold, centred)
STYLES = (
    ("Normal", "仿宋_GB2312", "仿宋", 16, False, False),
    ("Title", "方正小标宋简体", "宋体", 22, False, True),
    ("Heading 1", "黑体", "黑体", 16, False, False),
    ("Heading 2", "楷体_GB2312", "楷体", 16, False, False),
    ("Heading 3", "仿宋_GB2312", "仿宋", 16, True, False),
)
LATIN_FONT = "Times New Roman"
PAGE_NUMBER_FONT = ("宋体", 14)                  # 四号
MARGINS_MM = (37, 35, 28, 26)                    # top, bottom, left, right
SMALL = 12                                       # 小四: notes, facts, working, sources
TABLE_SIZES = (12, 10.5, 9)                      # 小四, then 五号, then 小五 when the numbers need the room
TEXT_COLUMNS_MIN_CM = 6.0                        # what the name and status columns need at least, together


def east_asian(run_properties: object, font: str, latin: str = LATIN_FONT) -> None:
    """Name the fonts of a w:rPr: the East Asian one (w:eastAsia) and the Latin ones; theme fonts removed, since a
    theme font named in the same element wins over the font named."""
    from docx.oxml.ns import qn

    fonts = run_properties.get_or_add_rFonts()  # type: ignore[attr-defined]
    for key in list(fonts.attrib):
        if key.endswith(("Theme", "theme")):
            del fonts.attrib[key]
    for attr, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin), ("w:eastAsia", font)):
        fonts.set(qn(attr), name)


def official_styles(doc: WordDocument) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    for name, font, _, size, bold, centred in STYLES:
        style = doc.styles[name]
        rpr = style.element.get_or_add_rPr()
        east_asian(rpr, font)
        style.font.size, style.font.bold = Pt(size), bold
        style.font.color.rgb = RGBColor(0, 0, 0)
        if name == "Title":
            # python-docx's Title has a blue rule under it; a 公文 title has none.
            ppr = style.element.get_or_add_pPr()
            for border in ppr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"):
                ppr.remove(border)
        if centred:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style.paragraph_format.space_before = Pt(6 if name.startswith("Heading") else 0)
        style.paragraph_format.space_after = Pt(6)
    _font_fallbacks(doc)


def _font_fallbacks(doc: WordDocument) -> None:
    """w:altName in the font table: the font Word uses where the named 公文 font is not installed."""
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    xml = part.blob.decode("utf-8")
    entries = "".join(f'<w:font w:name="{font}"><w:altName w:val="{alt}"/><w:charset w:val="86"/></w:font>'
                      for font, alt in {(f, a) for _, f, a, *_ in STYLES if f != a} | {("仿宋", "FangSong")})
    part._blob = re.sub(r"</w:fonts>\s*$", entries + "</w:fonts>", xml).encode("utf-8")  # a generic part: bytes


def a4(section: WordSection, landscape: bool = False) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    top, bottom, left, right = MARGINS_MM
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.top_margin, section.bottom_margin = Mm(top if not landscape else left), Mm(bottom if not landscape else right)
    section.left_margin, section.right_margin = Mm(left if not landscape else top), Mm(right if not landscape else bottom)
    section.footer_distance = Mm(20)


def page_numbers(section: WordSection) -> None:
    """'— 1 —' centred at the foot: an em dash, the PAGE field, an em dash, in 宋体 四号."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    footer = section.footer
    if any("PAGE" in (p._p.xml) for p in footer.paragraphs):
        return  # the template numbers its pages already
    paragraph = footer.paragraphs[0] if footer.paragraphs and not footer.paragraphs[0].text else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def run(text: str = "") -> object:
        r = paragraph.add_run(text)
        r.font.size = Pt(PAGE_NUMBER_FONT[1])
        east_asian(r._r.get_or_add_rPr(), PAGE_NUMBER_FONT[0])
        return r

    run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = run()
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "1":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        r._r.append(element)  # type: ignore[attr-defined]
    run(" —")


def cell_width(text: str, size: float) -> float:
    """The width of a line of text in cm at `size` pt, a little over rather than under: CJK and full-width
    characters one em; in Times New Roman digits and letters half an em, punctuation and spaces less, % more."""
    import unicodedata

    ems = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.3 if c in ",.:;()' " else 0.85 if c == "%"
              else 0.55 for c in text)
    return ems * size * 2.54 / 72 + 0.4  # cell margins, 0.19 cm a side in Word's default


def fit_columns(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], share: list[float],
                page_cm: float) -> tuple[float, list[float]]:
    """The table's size and column widths: a column whose share is 0 (numbers, short words) as wide as its
    widest cell, so that nothing in it is broken; the rest of the page shared by the others in proportion to
    their shares (the name, the status); the largest of TABLE_SIZES that leaves those TEXT_COLUMNS_MIN_CM."""
    for size in TABLE_SIZES:
        widths = [0.0 if share[i] else max([cell_width(header[i], size)]
                                           + [cell_width(r[i], size) for r in rows if numbered(r[i])])
                  for i in range(len(header))]
        left = page_cm - sum(widths)
        if left >= TEXT_COLUMNS_MIN_CM or size == TABLE_SIZES[-1]:
            left = max(left, TEXT_COLUMNS_MIN_CM / 2)
            return size, [w or left * share[i] / sum(share) for i, w in enumerate(widths)]
    raise AssertionError("unreachable: the last size always returns")


def numbered(text: str) -> bool:
    """A cell that holds a number (or is a short word, 约束性): it must never be broken across lines. A long text
    in a number column (a qualitative indicator's assessment) may wrap, and does not widen the column."""
    return any(c.isdigit() for c in text) or len(text) <= 4


def no_wrap(table: WordTable, numeric: list[bool], widths: list[float]) -> None:
    """Fixed column widths (w:tblLayout fixed, w:gridCol, w:tcW) and w:noWrap on every number in a number column."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        col.w = Cm(width)
    for row in table.rows:
        for cell, width, number in zip(row.cells, widths, numeric, strict=True):
            cell.width = Cm(width)
            if number and numbered(cell.text):
                cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))
