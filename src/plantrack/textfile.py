"""Which encoding a text file a clerk saved is in, one rule for every text plantrack reads that is not TOML
(TOML is UTF-8 by its specification: documents.py): an import CSV or JSON, a bulletin for `extract`.

A Chinese Windows PC saves text in three encodings: UTF-8 (Excel's "CSV UTF-8", with a BOM), UTF-16 with a BOM
(Excel's "Unicode text", Notepad's "Unicode") and GB18030/GBK (Excel's plain "CSV", Notepad's "ANSI"). The first
two announce themselves; GB18030 is tried only when the bytes are not UTF-8, and only taken when it reads
cleanly. Anything else is refused, naming the file and how to save it again, with the usage error's exit code,
as an unreadable file is.
"""

from __future__ import annotations

import codecs

from plantrack.errors import PlantrackError


def decode_text(data: bytes, display: str, save_as: tuple[str, str],
                controls: str = "\t\r\n") -> tuple[str, str | None]:
    """The text, and the encoding's name when it is not UTF-8 (the caller may say so). `save_as` is what to do
    instead, 中文 and English ("另存为 UTF-8 文本", "save it as UTF-8 text"); `controls` the control characters
    the text may hold (a page break `\\f` in text copied out of a PDF)."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", display, save_as), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", display, save_as), "UTF-16"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = "\x00"
    # GB18030 maps nearly every byte pair to some character: a file in another encoding (Big5, Latin-1, ...)
    # "decodes" into control characters; refuse it instead of reading nonsense.
    if any(ord(c) < 32 and c not in controls for c in text):
        raise PlantrackError(f"{display} 既不是 UTF-8 也不是 GB18030（GBK）编码，无法读取；请{save_as[0]} / "
                             f"{display} is neither UTF-8 nor GB18030: {save_as[1]}", code=2)
    return text, "GB18030"


def _strict(data: bytes, encoding: str, display: str, save_as: tuple[str, str]) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise PlantrackError(f"{display} 的 {encoding.upper()} 编码有误；请{save_as[0]} / {display} is not valid "
                             f"{encoding.upper()}: {save_as[1]}", code=2) from None
