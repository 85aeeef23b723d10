"""A workbook's XML is handed to the parser in 1 MiB pieces (sheets/pieces.py): with expat before 2.6.0 a long
comment in a sheet cost time growing with the square of its length (33 MB: 24 s) when ElementTree fed it 16 KiB
at a time. The time itself is measured in docs/reliability.md, not asserted here; these tests hold the
mechanism and that the workbook still reads the same."""

from __future__ import annotations

import io
import zipfile

import pytest

from plantrack.sheets.pieces import PIECE, Large

openpyxl = pytest.importorskip("openpyxl")


def test_a_small_read_is_given_a_large_piece_and_the_bytes_are_the_same():
    data = bytes(range(256)) * 12_000  # 3,072,000 bytes
    piece = Large(io.BytesIO(data))
    got = [piece.read(16 * 1024), piece.read(16 * 1024), piece.read(16 * 1024), piece.read(16 * 1024)]
    assert [len(g) for g in got] == [1_048_576, 1_048_576, 974_848, 0]
    assert b"".join(got) == data
    assert Large(io.BytesIO(data)).read() == data and Large(io.BytesIO(data)).read(5_000_000) == data
    assert PIECE == 1_048_576


def test_a_sheet_with_a_long_comment_reads_its_cells_as_before(tmp_path):
    from plantrack.sheets.xlsxread import Bound, read_workbook

    wb = openpyxl.Workbook()
    wb.active.append(["indicator", "year", "value", "source"])
    wb.active.append(["value-added-growth", 2021, 512000, "区统计局"])
    buf = io.BytesIO()
    wb.save(buf)
    plain, padded = buf.getvalue(), io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain)) as src, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            part = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # a comment three pieces long, across their edges
                part = part.replace(b"<sheetData>", b"<!--" + b" " * (3 * PIECE + 7) + b"--><sheetData>", 1)
            out.writestr(item, part)
    read = [read_workbook(data, "x.xlsx", None, Bound(256 << 20)) for data in (plain, padded.getvalue())]
    expected = [(1, ["indicator", "year", "value", "source"]), (2, ["value-added-growth", "2021", "512000", "区统计局"])]
    assert read[0].rows == expected and read[1].rows == expected
