"""`report --format pdf`: the HTML report and its print stylesheet, laid out by WeasyPrint (the `pdf` extra).

WeasyPrint needs no browser: it lays out HTML and CSS itself with Pango, so the PDF is the printed page of
style.py (A4, the table fitting the width, page numbers and the plan name in the margin). Chinese needs a CJK
font installed on the machine (e.g. Debian's fonts-noto-cjk); WeasyPrint embeds the glyphs it uses, so the PDF
reads the same anywhere. Nothing is fetched: the page has no external reference, and the fetcher refuses any.
"""

from __future__ import annotations

from typing import NoReturn

from plantrack.errors import PlantrackError

EXTRA_MESSAGE = ("需要安装 plantrack-fyp[pdf]（并需系统字体，如 fonts-noto-cjk）/ install the pdf extra: "
                 "pip install 'plantrack-fyp[pdf]' (and a Chinese font, e.g. fonts-noto-cjk)")


def require_weasyprint() -> None:
    """Refuse cleanly, naming the extra, when WeasyPrint (or the Pango library it loads) is missing."""
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401 - WeasyPrint ships no type information
    except (ImportError, OSError):  # OSError: the Python package is there but libpango is not
        raise PlantrackError(EXTRA_MESSAGE) from None


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
