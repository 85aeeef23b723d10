"""`report --format pdf`: the HTML report and its print stylesheet, laid out by WeasyPrint (the `pdf` extra).

WeasyPrint needs no browser: it lays out HTML and CSS itself with Pango, so the PDF is the printed page of
style.py (A4, the table fitting the width, page numbers and the plan name in the margin). Chinese needs a CJK
font installed on the machine (e.g. Debian's fonts-noto-cjk); WeasyPrint embeds the glyphs it uses, so the PDF
reads the same anywhere. Nothing is fetched: the page has no external reference, and the fetcher refuses any.
"""

from __future__ import annotations

from typing import NoReturn

from plantrack.errors import PlantrackError

def pango_problem(exc: BaseException, platform: str) -> str:
    """The message for WeasyPrint installed but its system libraries missing: the library's own error in one
    line, the route for this system, and what else works."""
    from plantrack.parts import WITHOUT_PDF, pango_route

    said = " ".join(str(exc).split())[:300]
    return (f"PDF 需要系统库 Pango，但没有找到（{said}）/ PDF needs the Pango system library, which was not found "
            f"({said}). {pango_route(platform)}. {WITHOUT_PDF}")


def require_weasyprint() -> None:
    """Refuse cleanly when the pdf extra is missing (naming it, parts.py), or when WeasyPrint is installed but
    cannot load Pango (the usual case on Windows)."""
    import sys

    from plantrack.parts import WITHOUT_PDF, require

    require("pdf", instead=WITHOUT_PDF)
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401 - WeasyPrint ships no type information
    except OSError as exc:  # the Python package is there but libpango (or libgobject) is not
        raise PlantrackError(pango_problem(exc, sys.platform)) from None


def _no_fetch(url: str, *args: object, **kwargs: object) -> NoReturn:
    raise ValueError(f"the report fetches nothing: {url}")


def render_pdf(html: str) -> bytes:
    import logging

    import weasyprint

    # WeasyPrint logs every CSS property it does not support (e.g. overflow-wrap on old versions) as a warning;
    # they say nothing a clerk can act on.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    return pdf
