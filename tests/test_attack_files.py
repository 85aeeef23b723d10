"""Issue 25, items 5, 6, 7 and 12: the files beside the plans that plantrack reads or writes.

- 5: `init` and plans/.gitignore: regular files only, never through a link, bounded and encoding-blind,
  replaced atomically, and every decision made before the plan folder is;
- 6: report.toml is held by the containment rule like plan.toml and actuals.toml;
- 7: a plantrack.toml someone else owns or can write is ignored with a warning, and one too large refused;
- 12: report.toml's narrative fields are bounded (office.py).
Every refusal is a message and an exit code, never a traceback (reliability.md, "Attacks found and closed").
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import XKS, snapshot

SECRET = "SECRET-OUTSIDE-TEXT"


def clean(result, code: int):
    """Exit `code`, no traceback, no exception escaped (a user error is a message)."""
    assert result.exit_code == code, (result.exit_code, result.stdout[-2000:], result.stderr[-2000:])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def run(args: list[str], cwd: Path, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process (the working directory matters: init, plantrack.toml)."""
    full = {k: v for k, v in os.environ.items() if k not in ("PLANTRACK_PLANS_DIR", "NO_COLOR", "FORCE_COLOR")}
    full.update({"COLUMNS": "200", **env})
    done = subprocess.run([sys.executable, "-m", "plantrack", *args], capture_output=True, cwd=cwd, env=full,
                          timeout=timeout, text=True, encoding="utf-8")
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


# --- item 6: report.toml is contained ------------------------------------------------------------------------


def _outside_secret(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.toml"
    secret.write_text(f'organisation = "{SECRET}"\noverall = "{SECRET}"\n', encoding="utf-8")
    return secret


@pytest.mark.parametrize("target", ["relative-outside", "etc-passwd"])
def test_a_report_toml_linked_outside_its_plan_folder_is_refused_by_check_report_and_status(
        invoke, plans_dir, tmp_path, target):
    folder = plans_dir / XKS
    link = folder / "report.toml"
    if target == "relative-outside":
        _outside_secret(tmp_path)
        os.symlink("../../outside/secret.toml", link)  # as `ln -s ../../outside/secret.toml plans/p/report.toml`
    else:
        os.symlink("/etc/passwd", link)
    before = snapshot(tmp_path)
    checked = clean(invoke("check", str(plans_dir)), 1)
    out = checked.stdout + checked.stderr
    # As for plan.toml: a finding of the plan folder, naming the link (contain.escape_problem).
    assert f"{XKS}/report.toml 是指向本规划文件夹之外的链接" in out and "is a link leading outside its plan folder" in out
    assert SECRET not in out and "root:" not in out and "report.toml:2" not in out  # nothing of it was read
    report = clean(invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown",
                          "-o", str(tmp_path / "r.md")), 1)
    assert "is a link leading outside its plan folder" in report.stderr and SECRET not in report.stdout + report.stderr
    status = clean(invoke("status", "--plans-dir", str(plans_dir)), 1)
    assert "report.toml" in status.stdout + status.stderr
    assert snapshot(tmp_path) == before  # and no report was written


def test_a_report_toml_linked_to_a_file_in_its_own_folder_is_read(invoke, plans_dir, tmp_path):
    folder = plans_dir / XKS
    (folder / "words-2023.toml").write_text('organisation = "镇经济发展办公室"\n', encoding="utf-8")
    os.symlink("words-2023.toml", folder / "report.toml")
    clean(invoke("check", str(plans_dir)), 0)
    out = clean(invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown"), 0).stdout
    assert "镇经济发展办公室" in out


# --- item 12: narrative fields are bounded -------------------------------------------------------------------

FIELD_LIMIT = 5_000   # office.MAX_FIELD_CHARS, as documented in docs/report.md
TOTAL_LIMIT = 50_000  # office.MAX_TOTAL_CHARS


def _write_report(plans_dir: Path, text: str) -> Path:
    path = plans_dir / XKS / "report.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("field, line", [("overall", 2), ("organisation", 1), ("indicators.value-added-growth", 4)])
def test_a_narrative_field_one_over_the_limit_is_refused_by_check_and_report(invoke, plans_dir, tmp_path,
                                                                             field, line):
    fields = {"organisation": "单位", "overall": "好", "value-added-growth": "好"}
    fields[field.split(".")[-1]] = "字" * (FIELD_LIMIT + 1)
    _write_report(plans_dir, f'organisation = "{fields["organisation"]}"\noverall = "{fields["overall"]}"\n'
                             f'[indicators]\nvalue-added-growth = "{fields["value-added-growth"]}"\n')
    checked = clean(invoke("check", str(plans_dir)), 1)
    col = 1
    assert f"report.toml:{line}:{col}" in checked.stdout + checked.stderr
    assert "5001" in checked.stdout + checked.stderr and "5000" in checked.stdout + checked.stderr
    before = snapshot(tmp_path)
    report = clean(invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown",
                          "-o", str(tmp_path / "r.md")), 1)
    assert f"report.toml:{line}:{col}" in report.stderr
    assert snapshot(tmp_path) == before


def test_a_narrative_field_at_the_limit_is_accepted(invoke, plans_dir):
    # Several paragraphs (one per line) count together, line breaks included: 2,499 + 1 + 2,500 = 5,000.
    text = "甲" * 2_499 + "\n" + "乙" * 2_500
    _write_report(plans_dir, f'overall = """{text}"""\n')
    clean(invoke("check", str(plans_dir)), 0)
    out = clean(invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown"), 0).stdout
    assert "乙" * 2_500 in out


def test_the_narrative_as_a_whole_is_bounded_too(invoke, plans_dir):
    # Ten indicator texts at the field limit are 50,000 characters: accepted; one character more anywhere after
    # them is refused at the field that crosses the total.
    import tomllib

    plan = tomllib.loads((plans_dir / XKS / "plan.toml").read_text(encoding="utf-8"))
    ids = [i["id"] for i in plan["indicators"]][:10]
    assert len(ids) == 10
    body = "".join(f'{i} = "{"字" * FIELD_LIMIT}"\n' for i in ids)
    _write_report(plans_dir, "[indicators]\n" + body)
    clean(invoke("check", str(plans_dir)), 0)
    _write_report(plans_dir, 'overall = "好"\n[indicators]\n' + body)  # 50,001: the last indicator crosses it
    checked = clean(invoke("check", str(plans_dir)), 1)
    out = checked.stdout + checked.stderr
    assert "report.toml:12:1" in out and "50000" in out


def test_completion_reads_plan_toml_as_every_reader_does(plans_dir):
    # A FIFO named plan.toml blocked a Tab forever (completion read it with read_text): now it offers nothing.
    plan = plans_dir / XKS / "plan.toml"
    plan.unlink()
    os.mkfifo(plan)
    code = ("import sys; from pathlib import Path; from plantrack.completion import indicator_ids; "
            f"print(indicator_ids(Path(sys.argv[1]), {XKS!r}))")
    done = subprocess.run([sys.executable, "-c", code, str(plans_dir)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr


# --- item 5: init and plans/.gitignore ------------------------------------------------------------------------

ADDED = b"# plantrack's lock files (the lock `record` takes while it writes)\n.plantrack.lock\n"
BASHRC = b"# my shell settings\nexport PS1='$ '\n"


def _home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_bytes(BASHRC)
    return home / ".bashrc"


def _link_to_bashrc(plans: Path, tmp_path: Path) -> None:
    _home(tmp_path)
    os.symlink("../home/.bashrc", plans / ".gitignore")  # a cloned repository can carry one


def _dangling_link(plans: Path, tmp_path: Path) -> None:
    _home(tmp_path)
    os.symlink("../home/.created-by-plantrack", plans / ".gitignore")


def _folder(plans: Path, tmp_path: Path) -> None:
    (plans / ".gitignore").mkdir()


def _fifo(plans: Path, tmp_path: Path) -> None:
    os.mkfifo(plans / ".gitignore")


@pytest.mark.parametrize("make, kind", [(_link_to_bashrc, "is a symbolic link"), (_dangling_link, "is a symbolic link"),
                                        (_folder, "is a folder"), (_fifo, "is a special file (a pipe or a device)")])
@pytest.mark.parametrize("how", [["init", "t-15th", "--blank"], ["init", "--example"]])
def test_init_never_reads_or_writes_through_an_odd_gitignore_and_still_makes_the_plan(tmp_path, make, kind, how):
    plans = tmp_path / "plans"
    plans.mkdir()
    make(plans, tmp_path)
    before = snapshot(tmp_path / "home") if (tmp_path / "home").exists() else None
    done = run(how, tmp_path, timeout=60)  # a FIFO hung init forever: the timeout fails the test
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stderr.split())  # as one line, however it was wrapped
    assert f"note: plans/.gitignore {kind}: left alone" in said and "add the line .plantrack.lock to it yourself" in said
    plan_id = how[1] if how[1] != "--example" else XKS
    assert (plans / plan_id / "plan.toml").is_file()  # the plan is whole, and no work folder is left
    assert not [name for name in os.listdir(plans) if name.startswith((".init-", f".{XKS}"))]
    if before is not None:
        assert snapshot(tmp_path / "home") == before  # .bashrc untouched, nothing created beside it
    assert os.path.islink(plans / ".gitignore") == (make in (_link_to_bashrc, _dangling_link))


GBK = "# 忽略临时文件\n*.tmp".encode("gbk")  # no final line break, as Notepad saves


@pytest.mark.parametrize("old, new", [
    (None, ADDED),                                                           # no .gitignore yet
    (b"", ADDED),
    (GBK, GBK + b"\n" + ADDED),                                              # GBK bytes kept as they are
    (b"*.tmp\r\n", b"*.tmp\r\n" + ADDED.replace(b"\n", b"\r\n")),            # CRLF kept
    (b"\xef\xbb\xbf*.tmp\n", b"\xef\xbb\xbf*.tmp\n" + ADDED),                  # a BOM kept
    (GBK + b"\n*.lock\n", GBK + b"\n*.lock\n"),                              # already ignored: not a byte changed
    (b"  .plantrack.lock  \r\n", b"  .plantrack.lock  \r\n"),
    (b"\xff\xfe*\x00.\x00t\x00m\x00p\x00", b"\xff\xfe*\x00.\x00t\x00m\x00p\x00"),  # UTF-16: left alone with a note
])
def test_init_adds_two_ascii_lines_to_a_gitignore_in_any_encoding(tmp_path, old, new):
    plans = tmp_path / "plans"
    plans.mkdir()
    path = plans / ".gitignore"
    if old is not None:
        path.write_bytes(old)
        path.chmod(0o640)
    done = run(["init", "t-15th", "--blank"], tmp_path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert path.read_bytes() == new
    assert ("left alone" in done.stderr) == old.startswith(b"\xff\xfe") if old else "left alone" not in done.stderr
    if old:
        assert oct(path.stat().st_mode & 0o777) == oct(0o640)  # the mode is kept
    assert not [p for p in os.listdir(plans) if p.endswith(".tmp")]  # no temp file left


def test_a_gitignore_hard_linked_to_another_file_is_replaced_not_written_through(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    bashrc = _home(tmp_path)
    os.link(bashrc, plans / ".gitignore")
    done = run(["init", "t-15th", "--blank"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert bashrc.read_bytes() == BASHRC
    assert (plans / ".gitignore").read_bytes() == BASHRC + ADDED


def test_a_gitignore_that_cannot_be_written_is_a_note_after_a_whole_plan(invoke, tmp_path, monkeypatch):
    from plantrack import store
    from plantrack.errors import PlantrackError

    def full_disk(*args, **kwargs):
        raise PlantrackError("no space left on device")

    monkeypatch.setattr(store, "replace_bytes", full_disk)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / ".gitignore").write_bytes(b"*.tmp\n")
    result = clean(invoke("init", "t-15th", "--blank", "--plans-dir", str(plans)), 0)
    assert "could not be written (check permissions and disk space): left alone" in " ".join(result.stderr.split())
    assert (plans / ".gitignore").read_bytes() == b"*.tmp\n"
    assert (plans / "t-15th" / "plan.toml").is_file()


# --- item 7: whose plantrack.toml ----------------------------------------------------------------------------

OTHER_UID = 12345


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """A shared folder whose plantrack.toml sends plans to a folder of the victim's; the user works below it."""
    (tmp_path / "victim").mkdir()
    (tmp_path / "shared" / "office").mkdir(parents=True)
    (tmp_path / "shared" / "plantrack.toml").write_text(f'plans_dir = "{tmp_path / "victim" / "chosen"}"\n',
                                                        encoding="utf-8")
    return tmp_path / "shared"


def _root_only() -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file to another uid needs root (CI runs as root; the in-process tests cover the rule)")


@pytest.mark.parametrize("uid, mode, why", [
    (OTHER_UID, 0o644, f"it is owned by another user (uid {OTHER_UID})"),
    ("mine", 0o666, "it can be changed by other users"),
    ("mine", 0o664, "it can be changed by other users"),  # group-writable counts too
])
def test_init_ignores_a_plantrack_toml_that_is_not_the_users_own(shared, tmp_path, uid, mode, why):
    _root_only()
    config = shared / "plantrack.toml"
    os.chown(config, OTHER_UID if uid != "mine" else os.getuid(), -1)
    os.chmod(config, mode)
    done = run(["init", "t-15th", "--blank"], shared / "office")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "victim" / "chosen").exists()  # the other user's file chose nothing
    assert (shared / "office" / "plans" / "t-15th" / "plan.toml").is_file()  # ./plans, as without the file
    said = " ".join(done.stderr.split())
    assert f"warning: ignoring ../plantrack.toml: {why}" in said and "chmod go-w" in said
    assert said.count("warning: ignoring") == 1  # named once, however often the walk was made
    assert f"plans folder: {shared / 'office' / 'plans'}" in " ".join(done.stdout.split())


def test_init_names_the_folder_a_plantrack_toml_chose(shared, tmp_path):
    os.chmod(shared / "plantrack.toml", 0o644)
    done = run(["init", "t-15th", "--blank"], shared / "office")
    assert done.returncode == 0 and "warning" not in done.stderr, done.stderr
    said = " ".join(done.stdout.split())
    chosen = tmp_path / "victim" / "chosen"
    assert f"plans folder: {chosen}" in said and f"set by {shared / 'plantrack.toml'}" in said
    assert (chosen / "t-15th" / "plan.toml").is_file()


@pytest.mark.parametrize("file_uid, user_uid, mode, trusted", [
    (1000, 1000, 0o644, True),    # the user's own
    (0, 1000, 0o644, True),       # root's file: trusted by every user
    (0, 0, 0o644, True),
    (2000, 1000, 0o644, False),   # another user's
    (2000, 0, 0o644, False),      # another user's, even for root (git's rule)
    (1000, 1000, 0o666, False),   # writable by others
    (1000, 1000, 0o620, False),   # writable by the group
    (0, 1000, 0o646, False),
])
def test_the_owner_rule(tmp_path, monkeypatch, capsys, file_uid, user_uid, mode, trusted):
    from plantrack import config, readfile

    (tmp_path / "plantrack.toml").write_text('lang = "en"\n', encoding="utf-8")
    (tmp_path / "plantrack.toml").chmod(mode)
    real_fstat = os.fstat

    def fstat(fd):  # the file as its owner would have it: the rule judges the opened file's fstat
        info = list(real_fstat(fd))
        info[4] = file_uid  # st_uid
        return os.stat_result(info)

    monkeypatch.setattr(readfile.os, "fstat", fstat)
    monkeypatch.setattr(config.os, "getuid", lambda: user_uid)
    monkeypatch.setattr(config, "_warned", set())
    monkeypatch.delenv("_PLANTRACK_COMPLETE", raising=False)
    settings = config.discover(tmp_path)
    assert (settings.lang == "en") is trusted
    assert ("warning: ignoring" in capsys.readouterr().err) is not trusted


def test_without_posix_owners_the_rule_does_nothing(tmp_path, monkeypatch, capsys):
    # Windows has no os.getuid: a file any user may write is still read (docs/reliability.md says so).
    from plantrack import config

    (tmp_path / "plantrack.toml").write_text('lang = "en"\n', encoding="utf-8")
    (tmp_path / "plantrack.toml").chmod(0o666)
    monkeypatch.delattr(config.os, "getuid")
    monkeypatch.setattr(config, "_warned", set())
    assert config.discover(tmp_path).lang == "en"
    assert capsys.readouterr().err == ""


def test_a_plantrack_toml_over_64_kb_is_refused_unread_and_at_64_kb_read(plans_dir):
    tmp_path = plans_dir.parent
    config = tmp_path / "plantrack.toml"
    head = 'lang = "en"\n#'
    config.write_text(head + "x" * (65_536 - len(head) - 1) + "\n", encoding="utf-8")
    assert config.stat().st_size == 65_536
    done = run(["status", "--format", "markdown"], tmp_path)
    assert done.returncode == 0 and "Value added" in done.stdout, done.stderr  # read: lang = "en" was taken
    with config.open("a", encoding="utf-8") as grow:
        grow.write("\n")
    done = run(["status"], tmp_path)
    assert done.returncode == 2
    assert "plantrack.toml: 文件过大（65537 字节，上限 65536）/ file too large (65537 bytes, limit 65536)" in done.stderr
