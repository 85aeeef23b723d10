"""The fast TOML reader (toml-rs) must be indistinguishable from tomli, and must never crash the process.

tomlread.loads hands text to toml-rs only when the fast reader is switched on and the text's nesting bound is
small; whatever toml-rs refuses goes to tomli. So the promises to hold are:
- where toml-rs accepts a text, tomli accepts it too, with the same data (types and exact digits included);
- loads() with the fast reader on gives exactly what tomli gives, data or exception, on every text;
- nesting_bound never under-counts, whatever the strings, comments and line breaks;
- deep nesting, which crashes toml-rs, reaches tomli instead (checked in a child process: a crash there is a
  failed test, not a lost test run).
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import toml_rs
import tomli
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, XKS
from plantrack import tomlread
from plantrack.models import NotPlain, plain_decimal
from test_check_scale import make_plans
from test_fuzz_loader import ANY_MUTATION, BOM

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def fast(monkeypatch):
    monkeypatch.setattr(tomlread, "_fast", None)
    assert tomlread.use_fast_reader()
    return tomlread


def canonical(value):
    """Data with its exact types and digits: Decimal('1.0') and Decimal('1.00') differ here, as do 1 and True."""
    if isinstance(value, dict):
        return ("dict", tuple((k, canonical(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("list", tuple(canonical(v) for v in value))
    if isinstance(value, NotPlain):
        return ("NotPlain", value.text)
    if isinstance(value, (datetime.datetime, datetime.time)):
        return (type(value).__name__, repr(value), str(value.utcoffset()) if value.tzinfo else None)
    return (type(value).__name__, repr(value))


def outcome(parse, text: str):
    try:
        return canonical(parse(text, parse_float=plain_decimal))
    except Exception as exc:  # noqa: BLE001 - the exception is the outcome being compared
        return ("raises", type(exc).__name__, str(exc))


def assert_same_as_tomli(text: str) -> None:
    fast_data = None
    if tomlread.fast_reader_may_read(text):  # only then may toml-rs see it (deep nesting crashes it)
        try:
            fast_data = toml_rs.loads(text, parse_float=plain_decimal, toml_version="1.0.0")
        except Exception:  # noqa: BLE001
            pass
    if fast_data is not None:
        assert canonical(fast_data) == outcome(tomli.loads, text), "toml-rs and tomli read this text differently"
    assert outcome(tomlread.loads, text) == outcome(tomli.loads, text)


def shipped_texts() -> list[tuple[str, str]]:
    files = [*(BUNDLED).glob("*/*.toml"), *(ROOT / "examples" / "plans").glob("*/*.toml"),
             *(ROOT / "tests" / "fixtures").glob("**/*.toml")]
    return [(str(f.relative_to(ROOT)), f.read_bytes().removeprefix(BOM).decode("utf-8", "replace")) for f in files]


# --- the same data --------------------------------------------------------------------------------------------


def test_every_shipped_file_and_fixture_reads_the_same(fast):
    texts = shipped_texts()
    assert len(texts) > 60  # the bundled plans, the example, every check fixture and the fuzz corpus
    fast_read = 0
    for name, text in texts:
        assert_same_as_tomli(text), name
        fast_read += tomlread.fast_reader_may_read(text)
    assert fast_read > len(texts) // 2  # the fast path is really taken, not bypassed


@SETTINGS
@given(mutation=ANY_MUTATION)
def test_every_fuzz_mutation_reads_the_same(fast, mutation):
    assert_same_as_tomli(mutation.data.removeprefix(BOM).decode("utf-8", "replace"))


_keys = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=8)
_decimals = st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**12, max_value=10**12)
_scalars = st.one_of(
    st.integers(-(2**63), 2**63 - 1), _decimals, st.booleans(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20),
    st.datetimes(timezones=st.just(datetime.timezone(datetime.timedelta(hours=8)))), st.dates(),
)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
                       max_leaves=12)


@SETTINGS
@given(doc=st.dictionaries(_keys, _values, max_size=6), multiline=st.booleans())
def test_generated_documents_read_the_same(fast, doc, multiline):
    assert_same_as_tomli(tomli_w.dumps(doc, multiline_strings=multiline))


@pytest.mark.parametrize("text", [
    "a = 1.10\nb = 1.0_0\nc = -0.0\nd = +1.5\ne = 6.24e1\nf = nan\ng = -inf\n",
    "a = 99999999999999999999\n",               # beyond 64 bits: toml-rs refuses, tomli reads it
    "a = {b = 1,}\n", "a = {\nb = 1}\n", 'a = "\\e"\n', "a = 07:32\n",   # TOML 1.1: tomli's answer either way
    '[a]\n[a]\n', 'a.b = 1\n[a]\n', 'a = "\\ud800"\n', 'a = 1\n\x00', "a=1 # \x01\n", 'x = "\u2028"\n',
    "[[a.b]]\nc = 1\n[[a.b]]\nc = 2\n", "a = [\n  [1],\n  [[2]],\n]\n",
])
def test_edge_cases_read_the_same(fast, text):
    assert_same_as_tomli(text)


def test_numbers_keep_their_digits(fast):
    data = tomlread.loads("a = 48.90\nb = 1_000.5\n", parse_float=plain_decimal)
    assert str(data["a"]) == "48.90" and data["b"] == Decimal("1000.5")


def test_without_toml_rs_tomli_reads_everything(monkeypatch):
    monkeypatch.setattr(tomlread, "_fast", None)
    monkeypatch.setitem(sys.modules, "toml_rs", None)  # import fails, as where no wheel could be installed
    assert tomlread.use_fast_reader() is False
    assert tomlread.loads("a = 1.5\n", parse_float=plain_decimal) == {"a": Decimal("1.5")}


# --- nesting: never let toml-rs see what would crash it -----------------------------------------------------------

_TRICKY = ["]", "]]", "[", "}", "{", "#", "'", '"', "]\n[", "a]"]


@st.composite
def nested_text(draw) -> str:
    """A valid document with arrays and inline tables nested at random, written awkwardly: line breaks and
    comments inside arrays, strings full of brackets and quotes."""

    def value(depth: int, inline: bool) -> str:
        if depth >= 40 or (depth > 0 and draw(st.booleans())):
            if draw(st.booleans()):
                return tomli_w.dumps({"s": "".join(draw(st.lists(st.sampled_from(_TRICKY), max_size=4)))})[4:-1]
            return str(draw(st.integers(0, 9)))
        if draw(st.booleans()):
            items = [value(depth + 1, inline) for _ in range(draw(st.integers(1, 3)))]
            if inline:  # TOML 1.0: an inline table is one line, so arrays inside it are too
                return "[" + ", ".join(items) + "]"
            sep = draw(st.sampled_from([", ", ",\n", ", # ] ] } [\n", ",\n  "]))
            return "[" + draw(st.sampled_from(["", "\n"])) + sep.join(items) + draw(st.sampled_from(["]", "\n]"]))
        return "{ k = " + value(depth + 1, True) + " }"

    return "a = " + value(0, False) + "\n"


def true_depth(data) -> int:
    if isinstance(data, dict):
        return 1 + max((true_depth(v) for v in data.values()), default=0)
    if isinstance(data, list):
        return 1 + max((true_depth(v) for v in data), default=0)
    return 0


@SETTINGS
@given(text=nested_text())
def test_nesting_bound_never_undercounts(text):
    # Then table headers, as in an actuals file: enough to get past the shortcut for few brackets, and theirs
    # are the brackets the bound leaves out.
    text += "".join(f"[t{i}]\nx = 1\n" for i in range(tomlread.FAST_MAX_DEPTH + 1))
    data = tomli.loads(text)  # the generator writes valid TOML only
    assert tomlread.nesting_bound(text) >= true_depth(data["a"])


@pytest.mark.parametrize("text", [
    "a = [\n" + '[ """]\n""",\n' * 70 + "1" + "]" * 71 + "\n",   # brackets that open multi-line strings
    "a = [\n" + "[ # ]\n" * 70 + "1" + "]" * 71 + "\n",             # comments hiding closing brackets
])
def test_lines_that_only_look_balanced_are_counted(text):
    depth = true_depth(tomli.loads(text)["a"])
    assert depth > tomlread.FAST_MAX_DEPTH
    assert tomlread.nesting_bound(text) >= depth


@pytest.mark.parametrize("shape", ["[" * 100_000 + "]" * 100_000, "{b = " * 100_000 + "1" + "}" * 100_000,
                                   "[\n" * 100_000 + "]" * 100_000])
def test_deep_nesting_goes_to_tomli_not_to_a_crash(shape):
    """toml-rs segfaults on these (a few thousand levels on the main thread): tomli must get them instead."""
    script = (
        "import sys; from plantrack import tomlread; from plantrack.models import plain_decimal\n"
        "assert tomlread.use_fast_reader()\n"
        "try:\n"
        "    tomlread.loads(sys.stdin.read(), parse_float=plain_decimal)\n"
        "except RecursionError:\n"
        "    print('tomli refused it')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], input="a = " + shape + "\n", capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, f"the child died ({done.returncode}): {done.stderr[-500:]}"
    assert done.stdout.strip() == "tomli refused it"


def test_check_switches_the_fast_reader_on_only_for_many_plans(tmp_path):
    script = (
        "import sys; from pathlib import Path\n"
        "from plantrack import tomlread; from plantrack.check.run import check_paths\n"
        "results = list(check_paths([Path(sys.argv[1])], jobs=1))\n"
        "print(len(results), sum(bool(r.findings) for r in results), tomlread._fast is not None)\n"
    )
    one = subprocess.run([sys.executable, "-c", script, str(BUNDLED / XKS)], capture_output=True, text=True)
    assert one.stdout.split() == ["1", "0", "False"], one.stderr  # one plan: no 11 ms import for nothing
    make_plans(tmp_path / "plans", 200, broken_every=50)
    many = subprocess.run([sys.executable, "-c", script, str(tmp_path / "plans")], capture_output=True, text=True)
    assert many.stdout.split() == ["200", "4", "True"], many.stderr
