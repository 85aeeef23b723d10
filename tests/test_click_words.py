"""Click's own words in the Chinese interface (issue 29): a usage error says what is wrong in Chinese first,
Click's English after it, and the help's headings and option words are in both languages."""

from __future__ import annotations

import re

import pytest

from conftest import XKS

CJK = re.compile(r"[\u4e00-\u9fff]")

# (arguments, the Chinese the error line must carry). Each is a mistake a clerk makes at the keyboard.
CASES = [
    (["record"], "缺少参数 INDICATOR / Missing argument 'INDICATOR'."),
    (["record", "gdp-growth"], "缺少参数 YEAR / Missing argument 'YEAR'."),
    (["bogus"], "没有这个命令：bogus，可用 plantrack -h 查看所有命令 / No such command 'bogus'."),
    (["status", "--bogus"], "没有这个选项：--bogus / No such option: --bogus"),
    (["status", "--forma", "json"], "没有这个选项：--forma，是不是 --format / No such option: --forma"),
    (["status", "--format"], "选项 --format 后面要写一个值 / Option '--format' requires an argument."),
    (["status", "--matrix=1"], "选项 --matrix 后面不能写值 / Option '--matrix' does not take a value."),
    (["status", "a", "b"], "多余的参数：a b（有空格的值请加引号） / Got unexpected extra argument(s) (a b)"),
    (["status", "--format", "xx"], "--format 的值不对：xx 不是可选的值，可选：table、json、csv、markdown、jsonl"),
    (["status", "--lang", "fr"], "--lang 的值不对：fr 不是可选的值，可选：zh、en / Invalid value for '--lang'"),
    (["check", "--jobs", "x"], "--jobs 的值不对：x 不是整数 / Invalid value for '--jobs': 'x' is not a valid"),
    (["export", "--layout", "q"], "--layout 的值不对：q 不是可选的值，可选：long、wide"),
]


@pytest.mark.parametrize(("args", "chinese"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_usage_error_says_what_is_wrong_in_chinese_first(invoke, plans_dir, monkeypatch, args, chinese):
    monkeypatch.chdir(plans_dir.parent)
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    text = " ".join(result.stderr.split())  # one line whatever the wrapping
    assert "错误 / Error: " + chinese in text
    # No line of Click's is left in English only: each line is blank, Chinese, or a usage line with its Chinese.
    for line in result.stderr.splitlines():
        assert not line.strip() or CJK.search(line) or line.startswith("  "), line


def test_help_says_click_s_words_in_both_languages(invoke):
    result = invoke("history", "--help")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("用法 / Usage: plantrack history ")
    for words in ("参数 / Arguments", "选项 / Options", "显示本帮助并退出 / show this message and exit.",
                  "[必填 / required]", "[默认 / default: zh]"):
        assert words in " ".join(out.split()), words
    assert "Show this message and exit." not in out


def test_a_message_no_rule_knows_is_left_as_click_wrote_it():
    from plantrack.cli.clicktext import error_message

    assert error_message("Something new in Click 9.") == "Something new in Click 9."
    # plantrack's own bilingual message inside Click's frame gets only the frame's Chinese.
    assert error_message("Invalid value for '--as-of': 'abc' 不是整数 / is not a valid integer") == (
        "--as-of 的值不对 / Invalid value for '--as-of': 'abc' 不是整数 / is not a valid integer")


def test_the_record_example_still_works(invoke, plans_dir):
    # The translation touches only what Click says: a good command is untouched.
    result = invoke("status", "--plans-dir", str(plans_dir), "--plan", XKS)
    assert result.exit_code == 0 and "错误" not in result.stderr


def _commands() -> list[str]:
    import typer

    from plantrack.cli.app import app

    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", _commands())
def test_every_command_s_usage_errors_say_it_in_chinese_first(invoke, plans_dir, monkeypatch, command):
    monkeypatch.chdir(plans_dir.parent)
    for args in ([command, "--no-such-option"], [command, "--plans-dir"] if command != "schema" else [command, "x"]):
        result = invoke(*args)
        assert result.exit_code == 2, (args, result.stderr)
        error = next(line for line in result.stderr.splitlines() if line.startswith("错误 / Error: "))
        said = error.removeprefix("错误 / Error: ")
        assert CJK.search(said.split(" / ")[0]), (args, error)  # the Chinese comes first
        for line in result.stderr.splitlines():
            assert not line.strip() or CJK.search(line) or line.startswith("  "), (args, line)


@pytest.mark.parametrize("argv,built", [
    (["status", "--as-of", "2023"], ["status"]),
    (["import", "figures.csv"], ["import"]),
    (["status", "--help"], ["status"]),
    (["--help"], None), (["stat"], None), ([], None), (["--version"], None), (["--", "status"], None),
])
def test_a_run_builds_only_the_command_it_names(argv, built):
    # None: the whole app (help lists every command; Click suggests a mistyped one from all the names).
    from plantrack.cli.app import app, for_argv

    chosen = for_argv(argv)
    assert [c.name for c in chosen.registered_commands] == (built or [c.name for c in app.registered_commands])
    assert (chosen is app) == (built is None)
    assert len(app.registered_commands) == len(_commands())  # the app itself keeps every command
