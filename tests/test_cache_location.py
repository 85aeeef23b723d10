"""Where the cache of validated plans lives on each platform (issue 20): the platform's own cache folder, as
platformdirs names it, with PLANTRACK_NO_CACHE and PLANTRACK_CACHE_DIR first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from plantrack import cache


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("PLANTRACK_NO_CACHE", "PLANTRACK_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_use_the_platform_cache_folder(clean_env, platform, tmp_path):
    asked = []

    def user_cache_dir(appname, appauthor=None, **kwargs):
        asked.append((appname, appauthor))
        return str(tmp_path / platform / appname)

    clean_env.setattr(sys, "platform", platform)
    clean_env.setattr(platformdirs, "user_cache_dir", user_cache_dir)
    assert cache.cache_dir() == tmp_path / platform / "plantrack"
    assert asked == [("plantrack", False)]  # no "plantrack\plantrack" folder on Windows


def test_macos_cache_is_under_library_caches(clean_env):
    from platformdirs.macos import MacOS

    clean_env.setattr(sys, "platform", "darwin")
    clean_env.setattr(platformdirs, "user_cache_dir",
                      lambda appname, appauthor=None: MacOS(appname, appauthor).user_cache_dir)
    assert cache.cache_dir() == Path.home() / "Library" / "Caches" / "plantrack"


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_the_environment_still_comes_first(clean_env, platform, tmp_path):
    clean_env.setattr(sys, "platform", platform)
    clean_env.setattr(platformdirs, "user_cache_dir", lambda *a, **k: pytest.fail("platformdirs asked"))
    clean_env.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    clean_env.setenv("PLANTRACK_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_linux_keeps_xdg_cache_home_else_dot_cache(clean_env, tmp_path):
    clean_env.setattr(sys, "platform", "linux")
    assert cache.cache_dir() == Path.home() / ".cache" / "plantrack"
    clean_env.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "plantrack"
    clean_env.setenv("XDG_CACHE_HOME", "  ")  # blank is unset, as platformdirs and the XDG spec have it
    assert cache.cache_dir() == Path.home() / ".cache" / "plantrack"
    # and the answer is platformdirs' own Unix one
    from platformdirs.unix import Unix

    clean_env.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == Path(Unix("plantrack", False).user_cache_dir)


def test_linux_does_not_import_platformdirs():
    probe = "import sys; from plantrack import cache; cache.cache_dir(); print('platformdirs' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
