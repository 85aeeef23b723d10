"""Which encoding a CSV is in: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"), or
GB18030 (what Excel on a Chinese Windows saves as plain CSV) when the bytes are not UTF-8 and decode cleanly."""

from __future__ import annotations

import codecs

from plantrack.errors import PlantrackError


def decode(data: bytes, display: str) -> tuple[str, str | None]:
    """The text, and the encoding's name when it is not UTF-8 (the caller says so on stderr)."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", display), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", display), "UTF-16"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise PlantrackError(
            f"{display} 既不是 UTF-8 也不是 GB18030（GBK）编码，无法读取；请在 Excel 中另存为「CSV UTF-8」/ "
            "neither UTF-8 nor GB18030: save it as CSV UTF-8", code=2) from None
    # GB18030 maps nearly every byte pair to some character: a file in another encoding (Big5, Latin-1...) would
    # "decode" into control characters; refuse it instead of reading nonsense.
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        raise PlantrackError(
            f"{display} 不是 UTF-8 编码，按 GB18030 读出的内容含控制字符，请另存为「CSV UTF-8」/ "
            "not UTF-8, and not clean GB18030 either: save it as CSV UTF-8", code=2)
    return text, "GB18030"


def _strict(data: bytes, encoding: str, display: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise PlantrackError(f"{display} 的 {encoding.upper()} 编码有误 / not valid {encoding.upper()}: "
                             "save it again as CSV UTF-8", code=2) from None
