import subprocess
import sys

from plantrack import __version__


def test_version(invoke):
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"plantrack {__version__}\n"


def test_python_dash_m_runs_check_on_bundled_plans():
    proc = subprocess.run(
        [sys.executable, "-m", "plantrack", "check"], capture_output=True, text=True, cwd=str(__import__("conftest").REPO)
    )
    assert proc.returncode == 0, proc.stderr
    assert "14 indicators" in proc.stdout
    assert proc.stderr == ""
