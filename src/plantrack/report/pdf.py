"""`report --format pdf`: the HTML report and its print stylesheet, laid out by WeasyPrint (the `pdf` extra).

WeasyPrint needs no browser: it lays out HTML and CSS itself with Pango, so the PDF is the printed page of
style.py (A4, the table fitting the width, page numbers and the plan name in the margin). Chinese needs a CJK
font installed on the machine (e.g. Debian's fonts-noto-cjk); it is handed to WeasyPrint already cut to the
report's characters (pdffonts.py: seconds and megabytes instead of half a minute and half a gigabyte), and
embedded, so the PDF reads the same anywhere. Nothing is fetched: the page has no external reference, and the
fetcher serves only the fonts pdffonts.py made, refusing anything else.
"""

from __future__ import annotations

from typing import Any

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


def fetcher(served: dict[str, bytes]) -> Any:
    """WeasyPrint's URL fetcher that serves `served` (our fonts, by their data: URLs) and refuses every other URL.
    WeasyPrint 68 made fetchers URLFetcher objects (a plain function that raises then breaks it); before, a
    function returning a dict."""
    import weasyprint

    def refuse(url: str) -> ValueError:
        return ValueError(f"the report fetches nothing: {url[:80]}")

    base = getattr(weasyprint, "URLFetcher", None)
    if base is None:
        def fetch(url: str, *_args: object, **_kwargs: object) -> dict[str, Any]:  # WeasyPrint's signature
            if url in served:
                return {"string": served[url], "mime_type": "font/otf"}
            raise refuse(url)

        return fetch
    from weasyprint.urls import URLFetcherResponse  # type: ignore[import-untyped]

    class Fonts(base):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: object = None) -> Any:  # noqa: ARG002 - URLFetcher.fetch's signature
            if url in served:
                return URLFetcherResponse(url, served[url], {"Content-Type": "font/otf"})
            raise refuse(url)

    return Fonts()


def render_pdf(html: str) -> bytes:
    import logging

    import weasyprint
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    from plantrack.report.pdffonts import font_faces

    # WeasyPrint logs every CSS property it does not support (e.g. overflow-wrap on old versions) as a warning;
    # they say nothing a clerk can act on.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    rules, served = font_faces(html)
    fetch = fetcher(served)
    fonts = FontConfiguration()
    css = weasyprint.CSS(string=rules or "html{}", url_fetcher=fetch, font_config=fonts)
    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=fetch).write_pdf(stylesheets=[css], font_config=fonts)
    return pdf
