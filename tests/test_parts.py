"""A way out when a part is missing (issue 29): the hint fits the installer, names every missing extra at once,
one exit code (1) for a missing part, and PDF without Pango says which library, the route for the system, and
what works instead."""

from __future__ import annotations

import builtins
import sys
from pathlib import Path

import pytest

from plantrack import parts
from plantrack.errors import PlantrackError

LACKING = {"pdf": ["matplotlib>=3.7", "weasyprint>=62"], "xlsx": ["openpyxl>=3.1"]}


@pytest.mark.parametrize(("how", "command"), [
    ("pip", 'pip install "plantrack-fyp[pdf,xlsx]"'),
    ("pipx", 'pipx inject plantrack-fyp "matplotlib>=3.7" "openpyxl>=3.1" "weasyprint>=62"'),
    ("uv", 'uv tool install plantrack-fyp --with "matplotlib>=3.7" --with "openpyxl>=3.1" --with "weasyprint>=62"'),
])
def test_the_install_command_fits_the_installer_and_names_every_extra(how, command):
    assert parts.install_command(LACKING, how) == command


@pytest.mark.parametrize(("marker", "how"), [("pipx_metadata.json", "pipx"), ("uv-receipt.toml", "uv"), (None, "pip")])
def test_the_installer_is_told_by_the_marker_its_tool_leaves(tmp_path, marker, how):
    if marker:
        (tmp_path / marker).write_text("{}", encoding="utf-8")
    assert parts.installer(tmp_path) == how


def test_the_extras_come_from_the_installed_metadata():
    extras = parts.extra_requirements()
    assert extras["pdf"] == ["matplotlib>=3.7", "weasyprint>=62"]
    assert extras["docx"] == ["matplotlib>=3.7", "python-docx>=1.1"]
    assert extras["xlsx"] == ["openpyxl>=3.1"] and extras["report"] == ["matplotlib>=3.7"]


def test_every_missing_extra_is_named_in_one_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    monkeypatch.setattr(parts, "installer", lambda prefix=None: "pip")
    with pytest.raises(PlantrackError) as caught:
        parts.require("report", "xlsx")
    assert caught.value.code == 1
    assert str(caught.value).startswith('缺少可选组件 [report]（HTML 报告的图表）、[xlsx]（Excel 工作簿导入导出），'
                                        '请运行：pip install "plantrack-fyp[report,xlsx]"')


def test_a_pipx_install_gets_the_pipx_hint_from_the_command(invoke, plans_dir, monkeypatch, tmp_path):
    venv = tmp_path / "pipx" / "venvs" / "plantrack-fyp"
    venv.mkdir(parents=True)
    (venv / "pipx_metadata.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(sys, "prefix", str(venv))
    monkeypatch.setitem(sys.modules, "docx", None)
    result = invoke("report", "--plans-dir", str(plans_dir), "-o", str(tmp_path / "r.docx"))
    assert result.exit_code == 1 and result.stdout == ""
    assert 'pipx inject plantrack-fyp "python-docx>=1.1"' in result.stderr
    assert "pip install" not in result.stderr and not (tmp_path / "r.docx").exists()


def test_a_missing_xlsx_extra_is_exit_1_like_every_missing_part(invoke, plans_dir, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    result = invoke("export", "--plans-dir", str(plans_dir), "--format", "xlsx", "-o", str(tmp_path / "a.xlsx"))
    assert result.exit_code == 1
    assert '"plantrack-fyp[xlsx]"' in result.stderr and "CSV" in result.stderr


def without_pango(monkeypatch, error: str) -> None:
    """WeasyPrint installed, its system libraries not: `import weasyprint` raises OSError(error), as on Windows."""
    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError(error)
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pango)


def test_pdf_without_pango_names_the_library_the_windows_route_and_what_works(invoke, plans_dir, monkeypatch,
                                                                              tmp_path):
    without_pango(monkeypatch, "cannot load library 'libgobject-2.0-0': error 0x7e.\n  Additionally, ctypes.util found None")
    monkeypatch.setattr(sys, "platform", "win32")
    out = tmp_path / "r.pdf"
    result = invoke("report", "--plans-dir", str(plans_dir), "--format", "pdf", "-o", str(out))
    assert result.exit_code == 1 and result.stdout == "" and not out.exists()
    text = result.stderr
    # The library's own error, on one line; never "install the pdf extra", which is installed.
    assert "cannot load library 'libgobject-2.0-0': error 0x7e. Additionally, ctypes.util found None" in text
    assert "缺少可选组件" not in text and "pip install" not in text
    assert "pacman -S mingw-w64-x86_64-pango" in text and "WEASYPRINT_DLL_DIRECTORIES" in text
    assert "fonts-noto-cjk" not in text  # a Debian package means nothing on Windows
    assert "--format docx" in text and "另存为 PDF" in text and "HTML" in text


def test_the_pango_route_follows_the_system():
    from plantrack.parts import pango_route

    assert "apt install libpango-1.0-0" in pango_route("linux")
    assert "brew install pango" in pango_route("darwin")
    assert "MSYS2" in pango_route("win32")


def test_no_hint_uses_single_quotes_that_windows_cmd_does_not_understand():
    src = Path(parts.__file__).parent
    for path in src.rglob("*.py"):
        assert "'plantrack-fyp[" not in path.read_text(encoding="utf-8"), path
