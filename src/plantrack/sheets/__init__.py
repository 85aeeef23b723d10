"""Spreadsheets both ways (issue 17): CSV, JSON and .xlsx in and out, Chinese headers, the wide layout.

`read_import` turns a file into changes for recording.record; `export_bytes` writes what import reads back.
openpyxl is an optional extra (`pip install "plantrack-fyp[xlsx]"`), imported only when a workbook is read or written.
"""

from __future__ import annotations

from plantrack.sheets.reading import read_import

__all__ = ["read_import"]
