"""Text as a clerk pastes it, made readable by the rules: decoded (textfile.py), full-width forms made
half-width, Markdown emphasis and bracketed romanisation removed, cut into sentences with their line numbers,
and each sentence also in simplified characters for matching (OpenCC, the `extract` extra).

Why OpenCC (its `opencc` package on PyPI): it is the converter the Chinese-language world maintains (BYVoid's
OpenCC, used by Wikipedia's tools and most input methods), with phrase-level tables rather than character
tables, wheels for Windows, macOS and Linux, and it starts in ~30 ms. zhconv, the other candidate, is a source
package last released in 2021 whose tables take ~230 ms to load. OpenCC is 7 MB installed with native code, so
it is an optional extra, needed only for traditional text: simplified text is read without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from plantrack.errors import PlantrackError
from plantrack.extract import patterns

if TYPE_CHECKING:
    from collections.abc import Callable


@dataclass(frozen=True)
class Sentence:
    line: int       # 1-based line of the file where the sentence starts
    text: str       # as quoted in a source: cleaned, in the document's own script
    simplified: str  # what the rules read (the same text in simplified characters)


def decode(data: bytes, display: str) -> str:
    """The text in whichever encoding it was saved (textfile.py: UTF-8, UTF-16 with a BOM, or GB18030); a page
    break, as text copied out of a PDF has, is kept."""
    from plantrack.textfile import decode_text

    return decode_text(data, display, ("另存为 UTF-8 文本", "save it as UTF-8 text"), controls="\t\r\n\f")[0]


def clean(text: str) -> str:
    """Half-width forms, no Markdown emphasis or links, no bracketed romanisation; line breaks kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(patterns.FULL_WIDTH)
    text = patterns.LINK.sub(r"\1", text)
    text = patterns.EMPHASIS.sub("", text)
    return patterns.ROMANISATION.sub("", text)


def sentences(text: str, to_simplified: Callable[[str], str]) -> list[Sentence]:
    """The cleaned text cut at each sentence end, with the line each sentence starts on."""
    out = []
    line, start = 1, 0
    for end in [m.start() for m in patterns.SENTENCE_END.finditer(text)] + [len(text)]:
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            first = line + piece[: len(piece) - len(piece.lstrip())].count("\n")
            # One line in a source (a tab or a run of spaces is one space): sources are single-line fields.
            quoted = " ".join(stripped.split())
            out.append(Sentence(first, quoted, to_simplified(quoted)))
        line += text[start:end + 1].count("\n")
        start = end + 1
    return out


def simplifier(text: str) -> Callable[[str], str]:
    """Traditional to simplified by OpenCC when it is installed; without it, simplified text reads as it is and
    traditional text is refused with the command that installs the part."""
    try:
        import opencc  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        if not patterns.TRADITIONAL.search(text):
            return lambda s: s
        from plantrack import parts

        parts.require("extract")
        # Run from a source tree that was never installed: no metadata to name the extra from.
        raise PlantrackError('文本含繁体字，需要可选组件 [extract]（OpenCC）：pip install "plantrack-fyp[extract]" / '
                             'the text is in traditional characters, which needs the optional part [extract] '
                             '(OpenCC): pip install "plantrack-fyp[extract]"') from None
    converter = opencc.OpenCC("t2s")
    return lambda s: str(converter.convert(s))
