"""Hostile input, part 1: Hypothesis mutates the shipped plan files and `plantrack check` must keep its promises.

Every example copies plans/xiaokunshan-14th/{plan,actuals}.toml into a temporary folder named xiaokunshan-14th,
breaks one of them in one way, and runs the checker twice: `plantrack check <folder>` through the CLI runner and
plantrack.check.run.check_paths directly. Whatever the mutation:

- nothing raises and no Python traceback is printed; the exit code is 0 or 1;
- every finding starts with FILE:LINE:COL: for a file of the folder, LINE within that file's lines and COL within
  that line (+1, for "at the end of the line").

Each mutation also says what it is sure of (`expect`):

- BROKEN: it cannot leave a valid plan. Exit 1, at least one finding in the mutated file, and, where the mutation
  knows it (`line`), one of them points at the broken line (or its table header, for a missing key).
- MAYBE: it may leave a valid file (dropping `unit` from an actual, truncating between two tables, ...): only the
  promises above.
- VALID: it changes nothing that matters (a UTF-8 BOM, CRLF, dropping a note): exit 0 and no findings.

Mutation kinds: drop a key line, drop a table header, duplicate a key or header line, retype a number (string,
boolean, nan/inf, exponent, 20 digits, more digits than Python converts, a date, 6.0 for a whole number), make a
number negative where that is invalid, misspell a key or table name, insert a control character, truncate at a
byte offset, append / insert / replace bytes that are not UTF-8, prefix one or two BOMs, CRLF line endings, make an
id unsafe ('/', '..', uppercase, spaces). A last property puts valid but awkward text in a string or comment (U+2028,
NEL, ''' or \"\"\" inside a string, a multi-line string that looks like keys) and breaks a later line: the finding must
still name that later line.

Failures found here are minimised into tests/fixtures/fuzz/<case>/xiaokunshan-14th/ and replayed by
test_fuzz_corpus below, so they stay fixed.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, XKS
from plantrack.check.run import check_paths
from plantrack.models import Entry, Indicator, PlanInfo

P, A = "plan.toml", "actuals.toml"
FILES = (P, A)
ORIGINAL = {name: (BUNDLED / XKS / name).read_bytes() for name in FILES}
TEXT = {name: data.decode("utf-8") for name, data in ORIGINAL.items()}
BOM = b"\xef\xbb\xbf"
CORPUS = Path(__file__).resolve().parent / "fixtures" / "fuzz"

BROKEN, MAYBE, VALID = "broken", "maybe", "valid"

# Bounded for CI and reproducible: the same examples on every run (no example database, no random seed).
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- the shipped files, line by line ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    file: str
    no: int  # 1-based
    text: str
    header: int  # line number of the table header this line belongs to (its own, for a header)
    table: tuple[str | int, ...]  # ("plan",), ("indicators", 3) or ("value-added-growth", "2016")
    key: str | None = None  # for `key = value` lines
    value: str | None = None
    is_header: bool = False


_KEY = re.compile(r"^([A-Za-z0-9_-]+) = (.+)$")
_HEADER = re.compile(r"^(\[\[?)([^\[\]]+)\]\]?$")
_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def _read_lines(name: str) -> list[Line]:
    out: list[Line] = []
    header, table, count = 0, (), -1
    for no, text in enumerate(TEXT[name].split("\n")[:-1], start=1):
        if m := _HEADER.match(text):
            header = no
            if m.group(1) == "[[":
                count += 1
                table = (m.group(2), count)
            else:
                table = tuple(m.group(2).split("."))
            out.append(Line(name, no, text, header, table, is_header=True))
        elif m := _KEY.match(text):
            out.append(Line(name, no, text, header, table, m.group(1), m.group(2)))
        else:
            out.append(Line(name, no, text, header, table))
    return out


LINES = {name: _read_lines(name) for name in FILES}
PLAN = tomllib.loads(TEXT[P])
ACTUALS = tomllib.loads(TEXT[A])
INDICATORS = PLAN["indicators"]
BY_ID = {ind["id"]: ind for ind in INDICATORS}
KEY_LINES = [line for name in FILES for line in LINES[name] if line.key]
HEADER_LINES = [line for name in FILES for line in LINES[name] if line.is_header]
FIELDS = {
    "plan": {f.name for f in dataclasses.fields(PlanInfo)},
    "indicators": {f.name for f in dataclasses.fields(Indicator)},
    "entry": {f.name for f in dataclasses.fields(Entry)},
}


def section(line: Line) -> str:
    return "plan" if line.table == ("plan",) else "indicators" if line.table[0] == "indicators" else "entry"


def indicator_of(line: Line) -> dict:
    return INDICATORS[line.table[1]] if section(line) == "indicators" else BY_ID[line.table[0]]


def entry_of(line: Line) -> dict:
    return ACTUALS[line.table[0]][line.table[1]]


def keys_of(line: Line) -> set[str]:
    """The keys of the table `line` belongs to."""
    return {other.key for other in LINES[line.file] if other.header == line.header and other.key}


# --- a mutation ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutation:
    kind: str
    file: str  # the mutated file; the other one is copied unchanged
    data: bytes  # its whole new content
    expect: str  # BROKEN, MAYBE or VALID
    line: int | None = None  # for BROKEN: a finding in `file` must name this line
    finding_in: str | None = None  # for BROKEN: the file a finding must be in, when not `file` itself

    def __repr__(self) -> str:
        before = TEXT[self.file].split("\n")
        after = self.data.decode("utf-8", "backslashreplace").split("\n")
        diff = list(difflib.unified_diff(before, after, lineterm="", n=0))[2:]
        diff = [ascii(d)[1:-1] if len(d) <= 100 else f"{ascii(d[:90])[1:-1]}... ({len(d)} chars)" for d in diff]
        if len(diff) > 12:
            diff = [*diff[:12], f"... ({len(diff) - 12} more diff lines)"]
        body = "\n    ".join(diff) or "(no textual change)"
        return f"Mutation({self.kind}, {self.file}, expect={self.expect}, line={self.line}):\n    {body}"

    def _repr_pretty_(self, printer, cycle) -> None:  # Hypothesis prints falsifying examples with this
        printer.text(repr(self))


def replaced(name: str, changes: dict[int, str | None]) -> bytes:
    """`name` with line numbers mapped to new text (which may hold newlines) or None to drop the line."""
    lines = TEXT[name].split("\n")
    for no in sorted(changes, reverse=True):
        if changes[no] is None:
            del lines[no - 1]
        else:
            lines[no - 1] = changes[no]
    return "\n".join(lines).encode("utf-8")


def inserted_after(name: str, no: int, text: str) -> bytes:
    lines = TEXT[name].split("\n")
    lines.insert(no, text)
    return "\n".join(lines).encode("utf-8")


# --- strategies, one per mutation kind ----------------------------------------------------------------------------

REQUIRED = {"plan": {"id", "name", "start", "end"}, "indicators": {"id", "no", "name", "kind", "target", "unit"}}
HARMLESS = {
    "plan": {"name_en", "region", "source", "base_year"},  # base_year = start - 1, the default
    "indicators": {"name_en", "attribute", "note"},
    "entry": {"source", "note", "recorded_at"},
}


def _drop_expectation(line: Line) -> str:
    where = section(line)
    if line.key in REQUIRED.get(where, ()):
        return BROKEN
    if line.key in HARMLESS[where]:
        return VALID
    if where == "indicators" and line.key == "value_unit":
        # Without value_unit a rate indicator cannot hold levels; these have some recorded.
        has_levels = any("value" in e for e in ACTUALS.get(indicator_of(line)["id"], {}).values())
        return BROKEN if has_levels else MAYBE
    if where == "indicators" and line.key == "direction" and line.value == '"increase"':
        return VALID
    if where == "entry" and line.key in ("value", "rate"):
        other = "rate" if line.key == "value" else "value"
        return MAYBE if other in entry_of(line) else BROKEN
    return MAYBE


@st.composite
def dropped_key(draw) -> Mutation:
    required = [ln for ln in KEY_LINES if _drop_expectation(ln) == BROKEN]
    line = draw(st.one_of(st.sampled_from(required), st.sampled_from(KEY_LINES)))
    expect = _drop_expectation(line)
    data = replaced(line.file, {line.no: None})
    if line.key == "value_unit":  # the plan is fine; the levels recorded for it in actuals.toml are not
        return Mutation("drop-key", line.file, data, expect, finding_in=A)
    # A missing key is reported at its table's header, which is above the dropped line.
    return Mutation("drop-key", line.file, data, expect, line.header if expect == BROKEN else None)


def _header_drop_expectation(line: Line) -> str:
    if line.file == P:
        return BROKEN  # its keys land in [plan] (unknown keys) or repeat the previous indicator's keys
    previous = [h for h in HEADER_LINES if h.file == A and h.no < line.no]
    if not previous:
        return BROKEN  # its keys land at the top level, where every key must be an indicator id
    return BROKEN if keys_of(line) & keys_of(previous[-1]) else MAYBE


@st.composite
def dropped_header(draw) -> Mutation:
    line = draw(st.sampled_from(HEADER_LINES))
    return Mutation("drop-header", line.file, replaced(line.file, {line.no: None}), _header_drop_expectation(line))


@st.composite
def duplicated_line(draw) -> Mutation:
    line = draw(st.sampled_from(KEY_LINES + HEADER_LINES))
    # A repeated [[indicators]] adds an empty indicator (the original header): its missing keys are on that line.
    at = line.no if line.text.startswith("[[") else line.no + 1
    return Mutation("duplicate-line", line.file, inserted_after(line.file, line.no, line.text), BROKEN, at)


NUMBER_LINES = [ln for ln in KEY_LINES if _NUMBER.match(ln.value)]
INT_KEYS = {"no", "start", "end", "base_year"}


def _digits(n: int) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from("123456789"), st.text("0123456789", min_size=n - 1, max_size=n - 1)).map(
        "".join
    )


def _not_a_number(line: Line) -> st.SearchStrategy[tuple[str, str]]:
    old = line.value
    sign = st.sampled_from(["", "-", "+"])
    options = [
        st.just(("string", f'"{old}"')),
        st.sampled_from([("boolean", "true"), ("boolean", "false")]),
        st.sampled_from(["nan", "+nan", "-nan", "inf", "+inf", "-inf"]).map(lambda v: ("nonfinite", v)),
        st.sampled_from(["1e400", "-1e400", "1E400", f"{old}e0", "6.24e1", "1e-400"]).map(lambda v: ("exponent", v)),
        st.tuples(sign, _digits(20)).map(lambda t: ("20-digits", "".join(t))),
        st.tuples(sign, _digits(20), st.sampled_from(["", ".5"])).map(lambda t: ("20-digits", "".join(t))),
        # Python refuses to turn more than 4300 digits into an int (sys.int_max_str_digits); tomllib calls int().
        st.integers(4301, 6000).flatmap(_digits).map(lambda v: ("overlong", v)),
        st.sampled_from(["2021-01-01", "2021-01-01T00:00:00+08:00", "10:00:00"]).map(lambda v: ("date", v)),
        st.sampled_from(["[6]", "{ v = 6 }", "'6'", '""']).map(lambda v: ("structure", v)),
        # tomllib recurses once per level and has no limit of its own.
        st.integers(1, 1500).map(lambda n: ("nested", "[" * n + "6" + "]" * n)),
        st.integers(1, 1000).map(lambda n: ("nested", "{ v = " * n + "6" + " }" * n)),
    ]
    if line.key in INT_KEYS:
        options.append(st.just(("decimal-for-whole", f"{old}.0")))
    return st.one_of(options)


@st.composite
def retyped_number(draw) -> Mutation:
    line = draw(st.sampled_from(NUMBER_LINES))
    how, new = draw(_not_a_number(line))
    event(f"retype: {how}")
    return Mutation("retype-number", line.file, replaced(line.file, {line.no: f"{line.key} = {new}"}), BROKEN,
                    line.no)


def _negative_is_invalid(line: Line) -> bool:
    if line.value.startswith("-") or not line.value.strip("0."):
        return False  # already negative, or zero (-0 is 0)
    if line.file == P:
        return line.key in ("no", "start", "end", "base_year", "target")
    # A rate may be negative (a decline); a level may not; a cumulative amount only for a net indicator.
    return line.key == "value" and not BY_ID[line.table[0]].get("net", False)


NEGATIVE_LINES = [ln for ln in NUMBER_LINES if _negative_is_invalid(ln)]


@st.composite
def negative_number(draw) -> Mutation:
    line = draw(st.sampled_from(NEGATIVE_LINES))
    new = f"{line.key} = -{line.value}"
    return Mutation("negative", line.file, replaced(line.file, {line.no: new}), BROKEN, line.no)


@st.composite
def typo(draw, word: str, alphabet: str) -> str:
    how = draw(st.sampled_from(["insert", "delete", "swap"] if len(word) > 1 else ["insert"]))
    if how == "insert":
        i = draw(st.integers(0, len(word)))
        new = word[:i] + draw(st.sampled_from(alphabet)) + word[i:]
    elif how == "delete":
        i = draw(st.integers(0, len(word) - 1))
        new = word[:i] + word[i + 1 :]
    else:
        i = draw(st.integers(0, len(word) - 2))
        new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    assume(new != word)
    return new


@st.composite
def misspelled_key(draw) -> Mutation:
    line = draw(st.sampled_from(KEY_LINES + HEADER_LINES))
    if line.key:
        new = draw(typo(line.key, "abcdefghijklmnopqrstuvwxyz_"))
        # One edit may, in principle, spell another allowed key of the same table.
        expect = MAYBE if new in FIELDS[section(line)] else BROKEN
        text = f"{new} = {line.value}"
    elif line.file == P:
        name = line.table[0]
        new = draw(typo(name, "abcdefghijklmnopqrstuvwxyz_"))
        expect = MAYBE if new in ("plan", "indicators") else BROKEN
        text = f"[[{new}]]" if line.text.startswith("[[") else f"[{new}]"
    else:
        ind, year = line.table
        new = draw(typo(ind, "abcdefghijklmnopqrstuvwxyz0123456789-"))
        expect = MAYBE if new in BY_ID else BROKEN
        text = f"[{new}.{year}]"
    return Mutation("misspell-key", line.file, replaced(line.file, {line.no: text}), expect,
                    line.no if expect == BROKEN else None)


CONTROL = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A)] + ["\x7f"]


@st.composite
def control_character(draw) -> Mutation:
    name = draw(st.sampled_from(FILES))
    text = TEXT[name]
    pos = draw(st.integers(0, len(text)))
    char = draw(st.sampled_from(CONTROL))
    new = (text[:pos] + char + text[pos:]).encode("utf-8")
    if char == "\r" and text[pos : pos + 1] == "\n":
        return Mutation("control-char", name, new, VALID)  # \r\n is a TOML newline
    return Mutation("control-char", name, new, BROKEN, text.count("\n", 0, pos) + 1)


def _truncation_expectation(name: str, prefix: str) -> str:
    """Whether a prefix of a file that decodes cleanly is sure to be broken."""
    partial = prefix.rsplit("\n", 1)[-1]
    full = TEXT[name].split("\n")[prefix.count("\n")]
    if partial == full or not partial.strip() or partial.lstrip().startswith("#"):
        return MAYBE  # cut between lines (or in a comment): the kept tables may be a valid file
    if full.startswith("[") or "=" not in partial:
        return BROKEN  # half a header or half a key
    value = partial.split("=", 1)[1].strip()
    if not value or value.startswith('"'):
        return BROKEN  # no value yet, or a string without its closing quote
    return MAYBE  # half a number or date is often still one: value = 3701, recorded_at = 2026-11-23


@st.composite
def truncated(draw) -> Mutation:
    name = draw(st.sampled_from(FILES))
    data = ORIGINAL[name]
    new = data[: draw(st.integers(0, len(data) - 1))]
    try:
        prefix = new.decode("utf-8")
    except UnicodeDecodeError:
        return Mutation("truncate", name, new, BROKEN, new.count(b"\n") + 1)  # cut inside a character
    expect = _truncation_expectation(name, prefix)
    event(f"truncate: {expect}")
    return Mutation("truncate", name, new, expect, prefix.count("\n") + 1 if expect == BROKEN else None)


# Bytes that appear nowhere in UTF-8, so the file cannot decode whatever surrounds them.
NEVER_UTF8 = [0xC0, 0xC1, *range(0xF5, 0x100)]


def _first_bad_line(data: bytes) -> int:
    raw = data[len(BOM) :] if data.startswith(BOM) else data
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return raw.count(b"\n", 0, exc.start) + 1
    raise AssertionError("the mutation was meant to leave invalid UTF-8")


@st.composite
def invalid_bytes(draw) -> Mutation:
    name = draw(st.sampled_from(FILES))
    data = ORIGINAL[name]
    blob = draw(st.binary(max_size=12))
    at = draw(st.integers(0, len(blob)))
    blob = blob[:at] + bytes([draw(st.sampled_from(NEVER_UTF8))]) + blob[at:]
    how = draw(st.sampled_from(["append", "insert", "replace"]))
    if how == "append":
        new = data + blob
    else:
        start = draw(st.integers(0, len(data)))
        end = start if how == "insert" else draw(st.integers(start, min(len(data), start + 16)))
        new = data[:start] + blob + data[end:]
    return Mutation("invalid-utf8", name, new, BROKEN, _first_bad_line(new))


@st.composite
def byte_order_mark(draw) -> Mutation:
    name = draw(st.sampled_from(FILES))
    if draw(st.booleans()):
        return Mutation("bom", name, BOM + ORIGINAL[name], VALID)
    # A second BOM is not stripped: it is a character U+FEFF before the first statement.
    return Mutation("double-bom", name, BOM + BOM + ORIGINAL[name], BROKEN, 1)


@st.composite
def crlf(draw) -> Mutation:
    name = draw(st.sampled_from(FILES))
    return Mutation("crlf", name, ORIGINAL[name].replace(b"\n", b"\r\n"), VALID)


ID_LINES = [ln for ln in LINES[P] if ln.key == "id"]
ACTUALS_HEADERS = [ln for ln in HEADER_LINES if ln.file == A]


@st.composite
def unsafe_id_text(draw, old: str) -> str:
    how = draw(st.sampled_from(["slash", "dotdot", "space", "upper", "traversal"]))
    event(f"unsafe id: {how}")
    i = draw(st.integers(0, len(old)))
    if how == "upper":
        letters = [j for j, c in enumerate(old) if c.isalpha()]
        j = draw(st.sampled_from(letters))
        return old.upper() if draw(st.booleans()) else old[:j] + old[j].upper() + old[j + 1 :]
    if how == "traversal":
        return draw(st.sampled_from(["../", "../../", "/"])) + old
    return old[:i] + {"slash": "/", "dotdot": "..", "space": " "}[how] + old[i:]


@st.composite
def unsafe_id(draw) -> Mutation:
    line = draw(st.sampled_from(ID_LINES + ACTUALS_HEADERS))
    if line.file == P:
        new = draw(unsafe_id_text(line.value.strip('"')))
        return Mutation("unsafe-id", P, replaced(P, {line.no: f'id = "{new}"'}), BROKEN, line.no)
    ind, year = line.table
    new = draw(unsafe_id_text(ind))
    # Quoted, it is a key naming no indicator; bare, '/', ' ' and '..' are not even TOML.
    key = f'"{new}"' if draw(st.booleans()) else new
    return Mutation("unsafe-id", A, replaced(A, {line.no: f"[{key}.{year}]"}), BROKEN, line.no)


MUTATIONS: dict[str, st.SearchStrategy[Mutation]] = {
    "drop-key": dropped_key(),
    "drop-header": dropped_header(),
    "duplicate-line": duplicated_line(),
    "retype-number": retyped_number(),
    "negative": negative_number(),
    "misspell-key": misspelled_key(),
    "control-char": control_character(),
    "truncate": truncated(),
    "invalid-utf8": invalid_bytes(),
    "bom": byte_order_mark(),
    "crlf": crlf(),
    "unsafe-id": unsafe_id(),
}


def with_optional_bom(mutation: Mutation, bom: bool) -> Mutation:
    """A BOM in front changes nothing else: not the verdict, not the line numbers."""
    if not bom or mutation.data.startswith(BOM):
        return mutation
    return dataclasses.replace(mutation, kind=f"bom+{mutation.kind}", data=BOM + mutation.data)


ANY_MUTATION = st.builds(with_optional_bom, st.one_of(list(MUTATIONS.values())), st.booleans())


# --- awkward but valid text before a broken line ------------------------------------------------------------------

# Notes only: the one-line fields (names, sources, region) refuse line breaks and U+2028/2029 since issue 13.
TEXT_LINES = [ln for ln in KEY_LINES if ln.key == "note"
              and ln.value.startswith('"') and "'" not in ln.value
              and any(n.file == ln.file and n.no > ln.no for n in NUMBER_LINES)]
AWKWARD = ["\u2028", "\u2029", "\x85", "'''", '\\"\\"\\"', "#", "[x]", "key = 1", "\u3000", "\ufeff"]


@st.composite
def awkward_value(draw, line: Line) -> str:
    content = line.value[1:-1]
    odd = draw(st.sampled_from(AWKWARD))
    how = draw(st.sampled_from(["basic", "literal", "multiline-basic", "multiline-literal", "comment"]))
    event(f"awkward: {how} {odd!r}")
    if how == "basic":
        return f'{line.key} = "{odd}{content}"'
    if how == "literal":  # a literal string may hold \"\"\" as text
        return f"{line.key} = '{content} \"\"\" {odd.replace(chr(39), '')}'"
    if how == "multiline-basic":
        return f'{line.key} = """\n[fake]\nid = "x"\nit\'\'\'s {odd}\n{content}"""'
    if how == "multiline-literal":
        return f"{line.key} = '''\nkey = \"\"\"\n[[indicators]]\n{odd.replace(chr(39), '')}'''"
    return f"{line.text}  # {odd} \"\"\" '''"


@st.composite
def awkward_then_broken(draw) -> Mutation:
    line = draw(st.sampled_from(TEXT_LINES))
    new = draw(awkward_value(line))
    if draw(st.integers(0, 4)) == 0:
        return Mutation("awkward-only", line.file, replaced(line.file, {line.no: new}), VALID)
    later = draw(st.sampled_from([ln for ln in NUMBER_LINES if ln.file == line.file and ln.no > line.no]))
    data = replaced(line.file, {line.no: new, later.no: f'{later.key} = "{later.value}"'})
    return Mutation("awkward-then-string", line.file, data, BROKEN, later.no + new.count("\n"))


# --- running the checker ------------------------------------------------------------------------------------------

_POSITION = re.compile(r"^:([0-9]+):([0-9]+): ")


def file_lines(data: bytes) -> list[str]:
    """The lines of a file as positions count them: after a BOM, split at \\n only."""
    raw = data[len(BOM) :] if data.startswith(BOM) else data
    lines = raw.decode("utf-8", "replace").split("\n")
    return lines[:-1] if len(lines) > 1 and lines[-1] == "" else lines


def assert_located(text: str, shown: dict[str, str], contents: dict[str, bytes]) -> tuple[str, int, int]:
    """`text` starts FILE:LINE:COL: for one of the files, with LINE and COL inside it; returns them."""
    for path, name in shown.items():
        if text.startswith(path) and (m := _POSITION.match(text[len(path) :])):
            line, col = int(m.group(1)), int(m.group(2))
            lines = file_lines(contents[name])
            assert 1 <= line <= len(lines), f"line {line} of {len(lines)}: {text}"
            assert 1 <= col <= len(lines[line - 1]) + 1, f"column {col} of {len(lines[line - 1])}: {text}"
            return name, line, col
    raise AssertionError(f"not FILE:LINE:COL: {text!r}")


def check_folder(invoke, folder: Path) -> tuple[int, list[tuple[str, int, int]]]:
    """Run check both ways on a plan folder; assert the promises every input gets; return (exit, findings)."""
    contents = {name: (folder / name).read_bytes() for name in FILES if (folder / name).exists()}
    shown = {os.path.relpath(folder / name): name for name in contents}

    result = invoke("check", str(folder))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    assert result.exit_code in (0, 1), (result.exit_code, result.stdout, result.stderr)
    assert result.stderr == "", result.stderr
    *lines, summary = result.stdout.splitlines()
    assert summary.startswith("✗" if result.exit_code else "✓"), summary
    # Every line is located; a warning (an implausible figure, issue 15) is a line of its own, not an error.
    warned = [assert_located(line, shown, contents) for line in lines if ": ⚠ 提醒 / warning: " in line]
    found = [assert_located(line, shown, contents) for line in lines if ": ⚠ 提醒 / warning: " not in line]

    # The library entry point: no exception escapes, and it agrees with the CLI.
    (checked,) = list(check_paths([folder]))
    assert (checked.plan_id is None) == bool(checked.findings) == (result.exit_code == 1)
    assert len(found) == min(len(checked.findings), 200)
    assert len(warned) == len(checked.warnings)
    for finding in checked.findings:
        assert finding.path in shown and finding.line >= 1 and finding.col >= 1, finding
    return result.exit_code, found


def check_mutation(invoke, mutation: Mutation) -> None:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        folder = Path(tmp) / XKS
        folder.mkdir()
        for name in FILES:
            (folder / name).write_bytes(mutation.data if name == mutation.file else ORIGINAL[name])
        code, found = check_folder(invoke, folder)
    if mutation.expect == VALID:
        assert code == 0 and not found, found
    elif mutation.expect == BROKEN:
        assert code == 1, "a broken file passed check"
        where = mutation.finding_in or mutation.file
        here = [line for name, line, _ in found if name == where]
        assert here, f"no finding in {where}: {found}"
        if mutation.line is not None:
            assert mutation.line in here, f"expected a finding on line {mutation.line}, got {found}"


# --- the properties -----------------------------------------------------------------------------------------------


def test_the_shipped_files_are_what_the_mutations_assume(invoke, tmp_path):
    assert all(text.endswith("\n") and "\r" not in text for text in TEXT.values())
    assert NUMBER_LINES and NEGATIVE_LINES and TEXT_LINES and ID_LINES
    folder = tmp_path / XKS
    folder.mkdir()
    for name in FILES:
        (folder / name).write_bytes(ORIGINAL[name])
    assert check_folder(invoke, folder) == (0, [])


@pytest.mark.parametrize("kind", list(MUTATIONS))
@FUZZ
@given(data=st.data())
def test_mutation_kind(invoke, kind, data):
    mutation = data.draw(MUTATIONS[kind], label="mutation")
    event(f"expect {mutation.expect}")
    check_mutation(invoke, mutation)


@FUZZ
@given(mutation=ANY_MUTATION)
def test_any_mutation_with_or_without_a_bom(invoke, mutation):
    event(mutation.kind)
    check_mutation(invoke, mutation)


@FUZZ
@given(mutation=awkward_then_broken())
def test_awkward_text_does_not_move_later_positions(invoke, mutation):
    check_mutation(invoke, mutation)


# --- the regression corpus ----------------------------------------------------------------------------------------

CORPUS_CASES = sorted(d.name for d in CORPUS.iterdir() if d.is_dir()) if CORPUS.is_dir() else []

# Where a finding of each saved case must point (file, line, col). The first five are bugs this suite
# found: a traceback (ValueError, RecursionError from tomllib), a 20-digit 序号 that passed, and two positions a
# line off or lost (U+2028 and ''' inside a string). The rest are seeds, one per mutation kind.
CORPUS_AT = {
    "overlong-integer": (P, 1, 10),
    "deeply-nested-array": (P, 1, 110),
    "twenty-digit-no": (P, 9, 1),
    "line-separator-in-string": (P, 13, 1),
    "triple-quote-in-string": (P, 13, 1),
    "control-char-in-string": (P, 10, 12),
    "double-bom": (P, 1, 1),
    "duplicated-header": (P, 2, 1),
    "invalid-utf8-appended": (P, 14, 1),
    "missing-target": (P, 7, 1),
    "misspelled-table": (P, 7, 1),
    "nan-target": (P, 13, 1),
    "negative-cumulative-amount": (A, 2, 1),
    "truncated-mid-string": (P, 10, 1),
    "unsafe-id-in-actuals": (A, 1, 1),
}


def test_the_corpus_has_seeds_of_several_kinds():
    assert len(CORPUS_CASES) >= 5
    assert set(CORPUS_AT) <= set(CORPUS_CASES)


@pytest.mark.parametrize("case", CORPUS_CASES)
def test_fuzz_corpus(invoke, case):
    """Every saved failure (and seed) fails check with a located finding and no traceback."""
    code, found = check_folder(invoke, CORPUS / case / XKS)
    assert code == 1
    assert found
    if case in CORPUS_AT:
        assert CORPUS_AT[case] in found, found
