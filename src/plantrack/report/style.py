"""The page's CSS, inline in the report. Status colours follow render/words.py's STATUS_STYLE."""

from __future__ import annotations

from plantrack.fonts import EMBEDDED_FAMILY
from plantrack.parts import CJK_FONTS
from plantrack.render.words import HEADERS, STATUS_STYLE

# First the name of the font the PDF embeds (report/pdffonts.py; a browser has none and goes on), then the
# Chinese fonts of macOS, Windows and Linux (parts.CJK_FONTS, the charts' list too), then Latin ones.
FONTS = ", ".join(f'"{name}"' for name in (EMBEDDED_FAMILY, *CJK_FONTS)) + ', "Helvetica Neue", Arial, sans-serif'
# The terminal's colour words, as ink and tint on paper.
INK = {"green": "#15803d", "cyan": "#0e7490", "yellow": "#a16207", "red": "#b91c1c", "dim": "#6b7280"}
TINT = {"green": "#dcfce7", "cyan": "#cffafe", "yellow": "#fef3c7", "red": "#fee2e2", "dim": "#f1f3f5"}


def _status_rules() -> str:
    rules = []
    for status, style in STATUS_STYLE.items():
        colour = style.split()[-1]
        weight = "700" if "bold" in style.split() else "600"
        rules.append(f".s-{status}{{color:{INK[colour]};font-weight:{weight}}}")
        rules.append(f".badge.s-{status},.chip.s-{status}{{background:{TINT[colour]}}}")
        rules.append(f".s-border-{status}{{border-left-color:{INK[colour]}}}")
    rules.append(f".s-retired{{color:{INK['dim']};font-weight:400}}")  # a district matrix's 已停用 cell (issue 30)
    return "\n".join(rules)


BASE = """
*{box-sizing:border-box}
html{background:#eef0f3}
body{margin:0;font-family:%(fonts)s;color:#1f2933;line-height:1.6;font-size:15px}
.report{max-width:1060px;margin:24px auto;background:#fff;padding:44px 56px 32px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
.cover{border-bottom:3px solid #a4161a;padding-bottom:18px;margin-bottom:8px}
.kicker{margin:0;color:#a4161a;font-weight:700;letter-spacing:.12em;font-size:15px}
h1{font-size:28px;margin:6px 0 4px;line-height:1.35}
.subtitle{margin:0 0 10px;font-size:17px;color:#374151}
.meta{display:flex;flex-wrap:wrap;gap:4px 28px;margin:0;font-size:13px;color:#4b5563}
.meta div{display:flex;gap:6px}.meta dt{color:#6b7280}.meta dd{margin:0}
h2{font-size:20px;margin:30px 0 10px;padding-bottom:4px;border-bottom:1px solid #d5d9e0}
h3{font-size:17px;margin:0;flex:1}h3 small{font-weight:400;color:#6b7280;font-size:13px;margin-left:6px}
h4{font-size:13px;margin:10px 0 2px;color:#4b5563}
.lead{font-size:16px;margin:4px 0 12px}
.chips{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:10px}
.chip{min-width:104px;padding:8px 14px;border-radius:6px;text-align:center}
.chip b{display:block;font-size:26px;line-height:1.2}.chip span{font-size:13px}
.chip.zero{opacity:.45}
.lagging{background:#fff5f5;border:1px solid #f5c2c2;border-left:5px solid #b91c1c;padding:4px 18px 10px;
  margin-top:26px}
.lagging h2{border:0;margin-top:10px;color:#991b1b}
.lagging.none{background:#f6fbf7;border-color:#cfe8d6;border-left-color:#15803d}
.lagging.none h2{color:#166534}
.lagging li{margin:4px 0}
.scroll{overflow-x:auto}
table.status{border-collapse:collapse;width:100%%;font-size:13.5px}
.status th{background:#f3f4f6;font-weight:600;text-align:left;padding:7px 8px;border-bottom:2px solid #9ca3af;
  white-space:nowrap}
.status td{padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
.status tbody tr:nth-child(even){background:#fafbfc}
.status .c-no,.status .c-target,.status .c-actual,.status .c-expected,.status .c-pace,.status .c-required,
.status .c-projection{text-align:right;white-space:nowrap}
.status .c-year,.status .c-status,.status .c-attribute{white-space:nowrap}
.status tr.alarm{background:#fff1f1 !important}.status tr.binding .c-attribute{font-weight:700}
.status a,.lagging a{color:inherit;text-decoration:none;border-bottom:1px dotted #9ca3af}
.notes{font-size:12.5px;color:#4b5563;margin:8px 0 0;padding-left:18px}
.chart-note{font-size:13px;color:#4b5563}
.indicator{border:1px solid #e1e4e8;border-left:5px solid #9ca3af;border-radius:4px;padding:14px 20px 12px;
  margin:16px 0;break-inside:avoid}
.indicator.lagging{background:#fffafa}
.indicator header{display:flex;align-items:center;gap:12px}
.no{display:inline-block;min-width:28px;height:28px;line-height:28px;border-radius:14px;background:#1f4e79;
  color:#fff;text-align:center;font-weight:700;font-size:14px}
.badge{padding:2px 10px;border-radius:12px;font-size:13px;white-space:nowrap}
.ind-note{font-size:12.5px;color:#6b7280;margin:6px 0 0}
.sentence{margin:8px 0}
.warning{color:#a16207;font-weight:600;margin:4px 0}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:6px 18px;margin:8px 0;
  font-size:13.5px}
.facts div{border-top:1px solid #eef0f3;padding-top:3px}
.facts dt{color:#6b7280;font-size:12px}.facts dd{margin:0;font-weight:600}
figure.chart{margin:10px 0 4px}figure.chart svg{width:100%%;height:auto;max-width:820px;display:block}
figure.chart svg *{stroke-linejoin:round;stroke-linecap:butt}
.placeholder{color:#6b7280;background:#f6f7f9;border:1px dashed #d1d5db;padding:10px 14px;border-radius:4px;
  font-size:14px}
details{margin:6px 0;font-size:13px}summary{cursor:pointer;color:#1f4e79}
pre{background:#f6f7f9;padding:10px 12px;overflow-x:auto;font-size:12.5px;line-height:1.5;white-space:pre-wrap;
  font-family:%(mono)s}
.sources ul{margin:0;padding-left:18px;font-size:12.5px;color:#374151}.sources p{font-size:12.5px;margin:0}
.years{font-weight:600;margin-right:4px}.src-note{color:#6b7280}
footer{margin-top:28px;border-top:1px solid #d5d9e0;font-size:12px;color:#6b7280}
body{overflow-wrap:anywhere}
.overall{margin:14px 0 4px}.overall h3{font-size:16px;margin:0 0 4px}.overall p,.narrative p{margin:4px 0;text-indent:2em}
.office-note{background:#f7f9fc;border-left:3px solid #1f4e79;padding:4px 12px;margin:8px 0;font-size:14px}
.office-note p{margin:2px 0}
figcaption{font-size:12.5px;color:#6b7280}
.appendix ol{font-size:13.5px;padding-left:22px}.appendix li{margin:3px 0}
"""

# A4 portrait, as an office prints and files it (issue 18, item 1). The status table must fit the width of the
# page: smaller type, and the long columns (name, target, projection) may wrap; nothing is ever clipped. Its
# header repeats on every page and a page breaks only between rows. An indicator's chart is never split.
PRINT = """
@page{size:A4 portrait;margin:18mm 14mm 16mm;font-family:%(fonts)s;
  @bottom-center{content:counter(page) " / " counter(pages);font-size:9pt;color:#6b7280;font-family:%(fonts)s}}
@media print{
html{background:#fff}body{font-size:10.5pt;line-height:1.5}
.report{box-shadow:none;margin:0;padding:0;max-width:none}
h1{font-size:20pt}h2{font-size:14pt;break-after:avoid}h3{break-after:avoid}
.scroll{overflow:visible}
table.status{font-size:7.6pt;table-layout:auto;width:100%%}
.status th,.status td{padding:3px 3px;white-space:normal}
.status .c-target,.status .c-projection,.status .c-required{white-space:normal}
.status .c-name{min-width:8em}
.status thead{display:table-header-group}
.status tr{break-inside:avoid}
.status a{border:0}
.indicator{break-inside:auto;padding:8px 12px;margin:10px 0}
.indicator header,.indicator .sentence{break-after:avoid}
figure.chart,.placeholder,.facts{break-inside:avoid}
figure.chart svg{max-width:100%%}
.chips{gap:6px}.chip{min-width:0;padding:4px 10px}.chip b{font-size:16pt}
.meta{display:block}.meta div{display:inline-block;margin-right:18px}
.facts{grid-template-columns:repeat(4,1fr)}
details>summary{list-style:none}
}
"""

# A phone (issue 18, item 1): the status table becomes one card per indicator, each cell under its header's
# name (the names come from the table's own headers, per language), so nothing scrolls sideways.
PHONE = """
@media screen and (max-width:600px){
body{font-size:14px}
.report{margin:0;padding:16px 14px;box-shadow:none}
h1{font-size:22px}
.scroll{overflow:visible}
table.status,.status tbody,.status tr,.status td{display:block;width:auto}
.status thead{display:none}
.status tr{border:1px solid #e1e4e8;border-radius:6px;margin:0 0 10px;padding:6px 10px;display:grid;
  grid-template-columns:1fr 1fr;gap:2px 12px}
.status td{border:0;padding:2px 0;text-align:left !important;white-space:normal !important}
.status td.c-name{grid-column:1/-1;font-weight:600;font-size:15px}
.status td.c-no{display:none}
.status td::before{display:block;font-size:11px;color:#6b7280;font-weight:400}
.indicator{padding:10px 12px}
.facts{grid-template-columns:1fr 1fr}
}
"""


def _phone_labels() -> str:
    """Each stacked cell's label, from the table headers of the page's language (html lang)."""
    rules = []
    for lang, selector in (("zh", "zh"), ("en", "en")):
        for column, label in HEADERS[lang].items():
            if column in ("no", "name"):  # the card's heading: the number and the name need no label
                continue
            rules.append(f'html:lang({selector}) .status td.c-{column}::before{{content:"{label}"}}')
    return "@media screen and (max-width:600px){" + "\n".join(rules) + "}"


def css_string(text: str) -> str:
    """Text as a CSS string literal: everything but letters and digits as a hex escape, so plan text in a
    page-margin rule can neither end the string nor the <style> element."""
    return '"' + "".join(c if c.isalnum() else f"\\{ord(c):06x}" for c in text) + '"'


def page_css(title: str) -> str:
    """The plan's name in the top margin of every printed page."""
    return ("@page{@top-center{content:" + css_string(title)
            + f";font-size:8.5pt;color:#6b7280;white-space:nowrap;overflow:hidden;font-family:{FONTS}}}}}\n")


# The working's monospace Latin fonts, then the Chinese list (not the generic `monospace`, which fontconfig
# would answer with a monospace CJK collection for the Chinese in it, 20 MB more for the PDF to read).
MONO = '"SFMono-Regular", Consolas, Menlo, "DejaVu Sans Mono", "Liberation Mono", ' + FONTS

CSS = (BASE % {"fonts": FONTS, "mono": MONO}) + _status_rules() + "\n" + (PRINT % {"fonts": FONTS}) + PHONE + _phone_labels() + "\n"
