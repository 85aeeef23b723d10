"""A workbook's XML parts read in large pieces.

Why: ElementTree's iterparse asks its source for 16 KiB at a time, and expat before 2.6.0 (CVE-2023-52425,
still the system library of many Linux installs) scans a token that spans pieces again at every piece, so one
long comment or processing instruction costs time that grows with the square of its length: 24 s for a 33 MB
comment in a sheet (measured here with expat 2.5.0), within the unpacked bound `serve` allows an upload. Read
in 1 MiB pieces, the same part takes a few hundredths of a second; the bytes and the parse are the same.
"""

from __future__ import annotations

import zipfile
from typing import IO, Any, Literal

PIECE = 1 << 20  # bytes handed to the parser at a time, whatever it asks for


class Large:
    """A file object whose read(n) returns at least PIECE bytes (until the end), for a parser that asks less."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw

    def read(self, n: int | None = -1) -> bytes:
        return self.raw.read(-1 if n is None or n < 0 else max(n, PIECE))

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> Large:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class Archive(zipfile.ZipFile):
    """The workbook's zip, its members opened for reading as `Large` (openpyxl's readers open them here)."""

    def open(self, name: Any, mode: Literal["r", "w"] = "r", pwd: bytes | None = None, *,
             force_zip64: bool = False) -> Any:
        member = super().open(name, mode, pwd, force_zip64=force_zip64)
        return Large(member) if mode == "r" else member


def in_large_pieces(archive: zipfile.ZipFile) -> None:
    """Make an open ZipFile read its members in large pieces from now on (openpyxl made it; it is the same
    object, with Archive's open)."""
    archive.__class__ = Archive
