"""The PDF's Chinese font: the installed one, cut to the characters the report uses (issue 27, item 6).

A Chinese font is a collection of 20–30 MB (Noto Sans CJK .ttc, Microsoft YaHei .ttc). WeasyPrint copies the
whole file of every face it draws with into memory and subsets it there: with HarfBuzz's subsetter that costs
about 150 MB; with fontTools' (WeasyPrint's fallback when HarfBuzz's subsetter is missing or older than 4.1, and
its only way before version 62) about 20 s and 450 MB for the 14-indicator report. Cutting the font first, with
fontTools, to the few hundred characters in the page (about 0.4 s a face, reading only the glyphs kept) hands
WeasyPrint a font of ~100 KB instead, under one family name (fonts.EMBEDDED_FAMILY) that the page's font lists
and the charts' SVG text name first. The font is still embedded in the PDF (as a subset, as before); it reaches
WeasyPrint as a data: URL that only pdf.py's fetcher serves. A character outside the cut (there should be none)
is drawn by the system's fonts as before.
"""

from __future__ import annotations

import base64
import html as markup
import io
import re

from plantrack.fonts import EMBEDDED_FAMILY, FontFile, cjk_font

# Characters the page draws that are not in its text: page numbers and their separator (@page content), list
# bullets, the ellipsis of a cut line.
_ALWAYS = {*range(0x20, 0x7F), 0x2022, 0x25E6, 0x25AA, 0x2026, 0x2014, 0x2013, 0x3000}
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?")
# The OpenType features HarfBuzz applies to horizontal text by default; the rest (vertical forms, ruby, …) are
# never used by the page, and keeping them would keep their glyphs too.
_FEATURES = ["ccmp", "locl", "mark", "mkmk", "rlig", "calt", "clig", "curs", "dist", "kern", "liga", "rclt", "rvrn"]


def report_chars(html: str) -> set[int]:
    """Every character the page can draw: its text (entities decoded), the text of CSS strings (the plan's name
    in the page margin is hex-escaped, style.css_string), and _ALWAYS."""
    text = markup.unescape(html) + _CSS_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if int(m[1], 16) < 0x110000 else "",
                                                   html)
    return {ord(c) for c in text} | _ALWAYS


def _face(font: FontFile) -> object:
    """The face of a collection that is `font.family` (matplotlib before 3.10 tells no face index)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # matplotlib's own dependency

    face = TTFont(font.path, fontNumber=font.index, lazy=True, recalcBBoxes=False)
    if font.index or not font.path.lower().endswith((".ttc", ".otc")):
        return face
    from fontTools.ttLib import TTCollection

    for number, candidate in enumerate(TTCollection(font.path, lazy=True).fonts):
        names = {candidate["name"].getDebugName(i) for i in (1, 16)}
        if font.family in names:
            return TTFont(font.path, fontNumber=number, lazy=True, recalcBBoxes=False)
    return face


def subset(font: FontFile, chars: set[int]) -> bytes:
    """The font cut to `chars` (and what its features reach from them), outlines unhinted, as OpenType bytes."""
    from fontTools import subset as cutter  # type: ignore[import-untyped]

    face = _face(font)
    options = cutter.Options()
    options.layout_features = _FEATURES
    options.hinting = False  # WeasyPrint drops hinting too (its `hinting` option, off by default)
    options.desubroutinize = True
    options.ignore_missing_unicodes = True
    subsetter = cutter.Subsetter(options)
    subsetter.populate(unicodes=chars)
    subsetter.subset(face)
    out = io.BytesIO()
    face.save(out)  # type: ignore[attr-defined]
    face.close()  # type: ignore[attr-defined]
    return out.getvalue()


def font_faces(html: str) -> tuple[str, dict[str, bytes]]:
    """The @font-face rules naming the cut fonts (regular, and bold when the machine has a bold face), and the
    bytes behind each data: URL they use; ("", {}) when the machine has no Chinese font."""
    chars = report_chars(html)
    text = "".join(map(chr, chars))
    regular = cjk_font(text)
    if regular is None:
        return "", {}
    bold = cjk_font(text, bold=True)
    faces = [(400, regular)] + ([(700, bold)] if bold is not None and bold != regular else [])
    rules, served = [], {}
    for weight, font in faces:
        data = subset(font, chars)
        url = "data:font/otf;base64," + base64.b64encode(data).decode("ascii")
        served[url] = data
        rules.append(f'@font-face{{font-family:"{EMBEDDED_FAMILY}";font-weight:{weight};src:url("{url}")}}')
    import gc

    gc.collect()  # the parsed collection is tens of MB of objects in cycles: free them before WeasyPrint starts
    return "\n".join(rules), served
