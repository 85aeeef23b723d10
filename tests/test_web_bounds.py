"""What serve's page may make the server do (issue 33, review leftovers): a workbook upload unpacks to no more
than the page's own bound, far below the command line's; the listening socket is the one serve's alone."""

from __future__ import annotations

import io
import zipfile

import pytest

from conftest import snapshot
from web_client import PLAN, client, hidden, text

MB = 1024 * 1024
ROWS = [["指标", "年份", "数值", "单位", "来源"], ["value-added-growth", 2022, 512000, "万元", "2022年统计公报"]]


def padded_workbook(unpacked: int) -> bytes:
    """A real one-row workbook whose sheet XML ends in spaces making its parts unpack to exactly `unpacked`
    bytes: it deflates to a few tens of KB, well inside the 5 MB body limit, and parses in a tenth of a second."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for row in ROWS:
        wb.active.append(row)
    plain = io.BytesIO()
    wb.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        others = sum(i.file_size for i in src.infolist())
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                pad = unpacked - others
                data = data.replace(b"</worksheet>", b" " * pad + b"</worksheet>")
            dst.writestr(item.filename, data)
    return out.getvalue()


def test_an_upload_unpacking_past_the_pages_bound_is_refused_but_import_reads_it(plans_dir, invoke, tmp_path):
    data = padded_workbook(33 * MB)   # above the page's 32 MB, far below import's 256 MB
    assert len(data) < 1 * MB
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}").text
    before = snapshot(plans_dir)
    sent = browser.post(f"/plan/{PLAN}/upload", data={"csrf": hidden(page, "csrf")},
                        files={"file": ("2022.xlsx", data, "application/octet-stream")})
    said = " ".join(text(sent.text).split())
    assert sent.status_code == 400, said
    assert "2022.xlsx 解压后有 33 MB" in said and "超过网页上传上限 32 MB" in said
    assert "拆成" in said and "plantrack import" in said and "split the workbook" in said
    assert 'id="write"' not in sent.text and "Traceback" not in sent.text
    assert snapshot(plans_dir) == before
    # The command line keeps its own bound: the same file is read by `import --dry-run`.
    (tmp_path / "2022.xlsx").write_bytes(data)
    cli = invoke("import", str(tmp_path / "2022.xlsx"), "--dry-run", "--plans-dir", str(plans_dir))
    assert cli.exit_code == 0, cli.stderr
    assert "value-added-growth" in cli.stdout and "512000" in cli.stdout
    assert snapshot(plans_dir) == before


def test_an_upload_just_inside_the_pages_bound_is_shown_as_its_dry_run(plans_dir):
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}").text
    sent = browser.post(f"/plan/{PLAN}/upload", data={"csrf": hidden(page, "csrf")},
                        files={"file": ("2022.xlsx", padded_workbook(31 * MB), "application/octet-stream")})
    assert sent.status_code == 200, text(sent.text)
    assert "value-added-growth 2022 = 512000 万元" in text(sent.text) and 'id="write"' in sent.text
