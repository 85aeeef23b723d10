"""The Chinese README is the one most users read first: it covers every command and option of the English one
(issue 29). A command or option added to README.md and not to README.zh-CN.md fails here."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
COMMAND = re.compile(r"`plantrack ([a-z]+)")


def _missing(pattern: re.Pattern[str], english: str, chinese: str, prefix: str = "") -> list[str]:
    return sorted({m for m in pattern.findall(english) if prefix + m not in chinese})


def test_every_option_of_the_english_readme_is_in_the_chinese_one() -> None:
    english = (REPO / "README.md").read_text(encoding="utf-8")
    chinese = (REPO / "README.zh-CN.md").read_text(encoding="utf-8")
    assert _missing(OPTION, english, chinese) == []


def test_every_command_of_the_english_readme_is_in_the_chinese_one() -> None:
    english = (REPO / "README.md").read_text(encoding="utf-8")
    chinese = (REPO / "README.zh-CN.md").read_text(encoding="utf-8")
    assert _missing(COMMAND, english, chinese, prefix="plantrack ") == []


def test_the_parity_check_sees_a_missing_option() -> None:
    # The check itself can fail: an option only the English text has is reported.
    assert _missing(OPTION, "use `--only-here` now", "没有这个选项") == ["--only-here"]


def test_the_chinese_user_guide_covers_plantrack_toml() -> None:
    guide = (REPO / "docs" / "user-guide.zh-CN.md").read_text(encoding="utf-8")
    assert "plantrack.toml" in guide and "plans_dir" in guide
