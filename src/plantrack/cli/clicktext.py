"""Click's own words in both languages (issue 29).

Typer's Click writes its usage errors and the words of its help in English only ("Missing argument 'YEAR'.",
"No such command", "Show this message and exit."), and the Click that Typer now vendors has no gettext to hook.
So the text Click produced is given its Chinese in front, in plantrack's own form "中文 / English": the English
stays exactly as Click wrote it (scripts, search engines and Click's documentation still find it), and a reader
of Chinese reads what is wrong first. A message that matches no rule here is left as Click wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def _values(listed: str) -> str:
    """Click's "'table', 'json', 'csv'" as "table、json、csv"."""
    return "、".join(v.strip().strip("'") for v in listed.split(","))


def _value_problem(text: str) -> str | None:
    """The Chinese for what Click says about a value, after "Invalid value for 'X': "."""
    for pattern, chinese in _VALUE:
        found = pattern.fullmatch(text)
        if found:
            return chinese(found)
    return None


def _invalid(found: re.Match[str]) -> str:
    """"Invalid value for 'X': …" (X absent: "Invalid value: …")."""
    problem = _value_problem(found["rest"])
    name = (found["name"] or "").strip("'")
    return (f"{name} 的值不对" if name else "值不对") + (f"：{problem}" if problem else "")


_VALUE: list[_Rule] = [
    (re.compile(r"'(?P<v>.*)' is not one of (?P<list>.+)\."),
     lambda m: f"{m['v']} 不是可选的值，可选：{_values(m['list'])}"),
    (re.compile(r"'(?P<v>.*)' is not a valid (?:int range|integer)\."), lambda m: f"{m['v']} 不是整数"),
    (re.compile(r"'(?P<v>.*)' is not a valid (?:float range|float)\."), lambda m: f"{m['v']} 不是数字"),
    (re.compile(r"(?P<v>\S+) is not in the range (?P<r>.+)\."), lambda m: f"{m['v']} 不在范围 {m['r']} 之内"),
    (re.compile(r"(?:Path|File|Directory) '(?P<v>.*)' does not exist\."), lambda m: f"找不到 {m['v']}"),
    (re.compile(r"(?:Path|File|Directory) '(?P<v>.*)' is a directory\."), lambda m: f"{m['v']} 是文件夹，不是文件"),
    (re.compile(r"(?:Path|File|Directory) '(?P<v>.*)' is a file\."), lambda m: f"{m['v']} 是文件，不是文件夹"),
    (re.compile(r"(?:Path|File|Directory) '(?P<v>.*)' is not readable\."), lambda m: f"没有权限读取 {m['v']}"),
    (re.compile(r".*[\u4e00-\u9fff].*", re.S), lambda _m: ""),  # plantrack's own bilingual text: nothing to add
]

ERRORS: list[_Rule] = [
    (re.compile(r"Missing argument '(?P<x>[^']+)'\..*", re.S), lambda m: f"缺少参数 {m['x']}"),
    (re.compile(r"Missing option '(?P<x>[^']+)'\..*", re.S), lambda m: f"缺少选项 {m['x']}"),
    (re.compile(r"Missing (?:parameter|argument): (?P<x>.+)"), lambda m: f"缺少参数 {m['x']}"),
    (re.compile(r"No such command '(?P<x>.*)'\."), lambda m: f"没有这个命令：{m['x']}，可用 plantrack -h 查看所有命令"),
    (re.compile(r"No such option: (?P<x>\S+) \(Possible options: (?P<y>.+)\)"),
     lambda m: f"没有这个选项：{m['x']}，是不是 {m['y'].replace(', ', '、')}"),
    (re.compile(r"No such option: (?P<x>\S+)"), lambda m: f"没有这个选项：{m['x']}"),
    (re.compile(r"Option '(?P<x>[^']+)' requires an argument\."), lambda m: f"选项 {m['x']} 后面要写一个值"),
    (re.compile(r"Option '(?P<x>[^']+)' requires (?P<n>\d+) arguments\."),
     lambda m: f"选项 {m['x']} 后面要写 {m['n']} 个值"),
    (re.compile(r"Option '(?P<x>[^']+)' does not take a value\."), lambda m: f"选项 {m['x']} 后面不能写值"),
    (re.compile(r"Got unexpected extra argument(?:\(s\)|s?) \((?P<x>.*)\)"),
     lambda m: f"多余的参数：{m['x']}（有空格的值请加引号）"),
    (re.compile(r"Argument '(?P<x>[^']+)' takes (?P<n>\d+) values\."), lambda m: f"参数 {m['x']} 要写 {m['n']} 个值"),
    (re.compile(r"Invalid value(?: for (?P<name>'[^']*'|\S+))?: (?P<rest>.*)", re.S), _invalid),
]

# The words of Click's and Typer's help, each as it stands in the help (a heading, a line of option help).
HELP_WORDS: dict[str, str] = {
    "Usage: ": "用法 / Usage: ",
    "Options": "选项 / Options",
    "Arguments": "参数 / Arguments",
    "Commands": "命令 / Commands",
    "Show this message and exit.": "显示本帮助并退出 / show this message and exit.",
    "Install completion for the current shell.": "为当前的 shell 安装 Tab 补全 / install completion for the current shell.",
    "Show completion for the current shell, to copy it or customize the installation.":
        "显示当前 shell 的补全脚本，供复制或自行安装 / show completion for the current shell, to copy it or "
        "customize the installation.",
}
_HELP_MARKS = [(re.compile(r"\[required\]"), "[必填 / required]"),
               (re.compile(r"\[default: "), "[默认 / default: "),
               (re.compile(r"\[env var: "), "[环境变量 / env var: ")]


def error_message(message: str) -> str:
    """Click's message for a usage error, with its Chinese in front: "缺少参数 YEAR / Missing argument 'YEAR'."."""
    for pattern, chinese in ERRORS:
        found = pattern.fullmatch(message)
        if found:
            said = chinese(found)
            return f"{said} / {message}" if said else message
    return message


def usage_error_text(text: str) -> str:
    """What Click writes for a usage error (usage line, hint, "Error: …"), in both languages."""
    out = []
    for line in text.split("\n"):
        if line.startswith("Error: "):
            line = "错误 / Error: " + error_message(line.removeprefix("Error: "))
        elif line.startswith("Usage: "):
            line = HELP_WORDS["Usage: "] + line.removeprefix("Usage: ")
        else:
            hint = re.fullmatch(r"Try '(?P<x>.+)' for help\.", line)
            if hint:
                line = f"查看帮助 / for help: {hint['x']}"
        out.append(line)
    return "\n".join(out)


def help_words(text: str) -> str:
    """A heading or a line of option help, Click's words given in both languages."""
    text = HELP_WORDS.get(text, text)
    for pattern, both in _HELP_MARKS:
        text = pattern.sub(both, text)
    return text
