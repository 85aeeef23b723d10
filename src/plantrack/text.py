"""Plan text is data: make any string from a file safe to print, literally.

Three pure helpers, no Rich (the core uses them in messages too):

* `safe`: every character `str.isprintable()` refuses becomes a visible escape (\\x1b, \\u202e, \\U000e0041):
  C0/C1 controls, DEL, line and paragraph separators, format characters (direction overrides, zero-width
  characters, tag characters U+E0000–E007F, U+206A–206F, U+FFF9–FFFB, U+0600–0605, U+1D173–1D17A), private-use,
  surrogates (a command-line argument that was not UTF-8) and unassigned code points. Rich strips only a few
  control codes and keeps ESC, so nothing else stands between plan text and the terminal.
* `command_safe`: no line of output can be read as a CI workflow command (`::cmd::` at a line start, `##[cmd]`
  or `##vso[` anywhere in a line, the GitHub Actions and Azure Pipelines forms).
* `md`: plan text as literal Markdown, for every Markdown output.

And `lang_name`: the name of a plan or an indicator in the output's language.

Rich markup is never interpreted: callers pass text as rich.text.Text or with markup=False.
"""

from __future__ import annotations

import os
import re
from functools import cache

# A hint only (mypy reads it as typing's): typing is not imported at run time for one annotation.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Protocol

    class Named(Protocol):  # what has a name in both languages: models.PlanInfo, models.Indicator, matrix.Column
        @property
        def name(self) -> str: ...
        @property
        def name_en(self) -> str: ...

# Characters str.isprintable() refuses that are shown as they are, on purpose: the space separators (Unicode
# category Zs) other than " ", which is printable already. U+3000 (ideographic space, typed by every Chinese input
# method in full-width mode) and U+00A0 (no-break space, pasted from Word and web pages) are ordinary in plan
# names; each Zs character takes visible width, cannot move the cursor, hide or reorder text, and cannot start a
# workflow command (command_safe treats them as the whitespace they are). tests/test_hostile_text.py holds that
# this is exactly Unicode's Zs list.
ALLOWED = frozenset("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u202f\u205f\u3000")


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def safe(text: object, *, keep_newlines: bool = False) -> str:
    """`text` with every character that str.isprintable() refuses (but those in ALLOWED) shown as an escape."""
    text = str(text)
    # Printable text, nearly all of it, needs no scan: this test costs nanoseconds (start-up time matters).
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch in ALLOWED or (keep_newlines and ch == "\n") else _escape_char(ch)
                   for ch in text)


# Characters no single-line field may hold: every C0 and C1 control (tab, line feed and carriage return among
# them), DEL, and the line and paragraph separators. Each one breaks a line or drives a terminal.
_LINE_BREAKING = "[\x00-\x1f\x7f-\x9f\u2028\u2029]"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # Each pattern is compiled on first need (~0.3 ms each, paid by every command's start-up otherwise).
    return re.compile(pattern)


def line_problem(text: str) -> str | None:
    """Why `text` cannot be a single-line field (a name, a unit, a source), or None when it can."""
    if text.isprintable():  # every refused character is one isprintable() refuses: nearly all text stops here
        return None
    m = _compiled(_LINE_BREAKING).search(text)
    if m is None:
        return None
    where = m.start() + 1
    return (f"第 {where} 个字符是控制字符 {_escape_char(m.group())}（换行、制表符等），这一项只能写一行文字，请删除它 / "
            f"character {where} is the control character {_escape_char(m.group())} (a line break, tab or similar): "
            "this field is one line of text, delete it")


# The runner reads a line as a command when it starts with "::" after leading whitespace (GitHub Actions), or when
# it holds "##[" (the legacy GitHub form) or "##vso[" (Azure Pipelines) anywhere. Lines end at LF or CR.
_LINE_COMMAND = r"([\n\r])([^\S\n\r]*)(?=::)"


def _unstart(m: re.Match[str]) -> str:
    # The last leading blank becomes the backslash, so a folded table line keeps its width and alignment.
    blanks = m.group(2)
    return m.group(1) + (blanks[:-1] + "\\" if blanks else "\\")


def command_safe(text: str, at_line_start: bool = True) -> str:
    """`text` with nothing a CI runner would take as a workflow command: `::x` at a line start reads `\\::x`,
    `##[` reads `##\\[` (and `##vso[`, `##vso\\[`). A human reads the same words; the runner sees no command.

    `at_line_start`: whether `text` begins a line (False when it continues one already written).
    """
    if "::" not in text and "##" not in text:
        return text
    marked = _compiled(_LINE_COMMAND).sub(_unstart, ("\n" if at_line_start else "\0") + text)[1:]
    return marked.replace("##[", "##\\[").replace("##vso[", "##vso\\[")


# Markdown: punctuation that can open a link, an image, raw HTML, emphasis, code, a table cell or strikethrough is
# backslash-escaped; < and > become entities, so no raw < reaches a renderer that passes HTML through.
_MD_SPECIAL = r"[\\`*_\[\]<>|#&~!{}]"
_MD_ENTITY = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
# At the start of the text (which md() always keeps on one line): list items, rules, setext underlines, ordered
# lists ("2021. x") and a workflow command.
_MD_START = r"^(\s*)(?:([-+=])(?=[\s+=-]|$)|([0-9]{1,9})\.(?=\s|$)|(:))"


def _md_char(m: re.Match[str]) -> str:
    ch = m.group()
    return _MD_ENTITY.get(ch) or "\\" + ch


def _md_start(m: re.Match[str]) -> str:
    lead, marker, number, colon = m.groups()
    if number is not None:
        return f"{lead}{number}\\."
    return f"{lead}\\{marker or colon}"


def md(text: object) -> str:
    """Plan text as literal Markdown, one line: control characters and line breaks made visible (safe),
    punctuation escaped, < > & as entities, and a line-start marker (`- `, `+ `, `1.`, `::`) escaped.

    Used by every Markdown output: status --format markdown, the overview's Markdown and the Markdown report.
    Bare URLs stay text that some viewers (GitHub) turn into links; javascript: and data: are never linked.
    """
    escaped = _compiled(_MD_SPECIAL).sub(_md_char, safe(text))
    return _compiled(_MD_START).sub(_md_start, escaped, count=1)


def lang_name(named: Named, lang: str) -> str:
    """The name of a plan, an indicator or a matrix column in `lang`: in English its English name where the plan
    gives one, else its (Chinese) name. Plan text as written: the caller makes it safe for its output."""
    return named.name_en if lang == "en" and named.name_en else named.name


def display_path(path: Path) -> str:
    """A path as the user would type it (relative to the working directory when inside it), made safe to
    print: a folder name is data, and a newline or escape sequence in it must not reach the terminal."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        shown = str(path)
    return safe(shown)


def width(text: str) -> int:
    """Terminal columns of `text`: wide (CJK) characters take two."""
    import unicodedata  # here, not at the top: text.py is on the path of `plantrack --version`

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
