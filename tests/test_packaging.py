"""Issue 20: the package as a stranger installs it — named plantrack-fyp, built and checked as the package index
would, carrying its example plan and schemas, working from the wheel in an empty folder."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from conftest import REPO, XKS

DATA = REPO / "src" / "plantrack" / "data"


def test_the_distribution_is_ours_and_its_version_has_one_home():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "plantrack-fyp" and project["scripts"] == {"plantrack": "plantrack.cli:main"}
    assert "version" not in project and project["dynamic"] == ["version"]
    assert project["license-files"] == ["LICENSE"] and (REPO / "LICENSE").read_text().startswith("MIT License")


def test_every_install_hint_names_the_distribution():
    for path in [*(REPO / "src").rglob("*.py"), REPO / "README.md", *(REPO / "docs").glob("*.md")]:
        text = path.read_text(encoding="utf-8")
        assert "'plantrack[" not in text and '"plantrack[' not in text, path


@pytest.mark.parametrize(("copy", "original"), [
    (DATA / "example" / XKS / "plan.toml", REPO / "plans" / XKS / "plan.toml"),
    (DATA / "example" / XKS / "actuals.toml", REPO / "plans" / XKS / "actuals.toml"),
    # every schema: `init` writes each one beside the plans folder
    *((DATA / "schemas" / p.name, p) for p in sorted((REPO / "schemas").glob("*.schema.json"))),
], ids=lambda p: p.name)
def test_the_package_data_is_the_repository_s(copy, original):
    assert copy.read_bytes() == original.read_bytes(), f"copy {original} to {copy}"


def test_the_package_has_no_schema_the_repository_lacks():
    assert sorted(p.name for p in (DATA / "schemas").iterdir()) == \
        ["actuals.schema.json", "plan.schema.json", "status.schema.json"]
    assert sorted(p.name for p in (REPO / "schemas").glob("*.schema.json")) == \
        ["actuals.schema.json", "plan.schema.json", "status.schema.json"]


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    build = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(REPO)], capture_output=True,
                           text=True, timeout=900)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    return out


def test_twine_accepts_the_build(dist):
    files = sorted(str(p) for p in dist.iterdir())
    assert any(f.endswith(".whl") for f in files) and any(f.endswith(".tar.gz") for f in files)
    check = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *files], capture_output=True,
                           text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_wheel_carries_its_type_marker_and_no_stale_files(dist):
    import zipfile

    wheel = next(dist.glob("plantrack_fyp-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = next(archive.read(n).decode("utf-8") for n in names if n.endswith(".dist-info/METADATA"))
    # "Typing :: Typed" is a promise only a py.typed marker keeps (PEP 561).
    assert "Classifier: Typing :: Typed" in metadata and "plantrack/py.typed" in names
    # The schemas ship once, under data/schemas/; a second, older plan.schema.json beside them was stale.
    assert "plantrack/data/plan.schema.json" not in names and "plantrack/data/schemas/plan.schema.json" in names
    # No address in a namespace that is not the project's (issue 29): no Project-URL until it has a home.
    assert "OWNER" not in metadata and "Project-URL" not in metadata


def test_the_wheel_works_in_an_empty_folder(dist, tmp_path):
    wheel = next(dist.glob("plantrack_fyp-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    # The wheel itself, its dependencies borrowed from this environment (no package index needed): a .pth line
    # adds our site-packages after the fresh venv's own, and its editable-install .pth files are not read.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    install = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANTRACK_PLANS")}
    env["PYTHONPATH"] = ""
    plantrack = str(bindir / "plantrack")
    where = subprocess.run([str(python), "-c", "import plantrack; print(plantrack.__file__)"], capture_output=True,
                           text=True, cwd=empty, env=env)
    assert str(venv) in where.stdout, where.stdout + where.stderr  # the wheel, not this checkout
    init = subprocess.run([plantrack, "init", "--example"], capture_output=True, text=True, cwd=empty, env=env)
    assert init.returncode == 0, init.stderr
    status = subprocess.run([plantrack, "status"], capture_output=True, text=True, cwd=empty, env=env)
    assert status.returncode == 0, status.stderr
    assert "小昆山镇" in status.stdout
    schema = subprocess.run([plantrack, "schema"], capture_output=True, text=True, cwd=empty, env=env)
    assert schema.returncode == 0 and '"title": "plantrack plan.toml"' in schema.stdout
    version = subprocess.run([plantrack, "--version"], capture_output=True, text=True, cwd=empty, env=env)
    assert version.stdout.strip() == f"plantrack {__import__('plantrack').__version__}"
