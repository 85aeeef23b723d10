"""Recording from the page: the same core as `record` and `import` (recording.record), with what a page adds.

- The slip guards (plausibility.py) refuse as on the command line; the page then asks for the confirmation
  `--confirm` gives (`slip`), and only a second, confirmed send writes.
- Replacing a recorded year (`record --force`) needs a reason on the page; it is kept in the new entry's note
  ("修订原因 / reason: …"), since an entry has no other key for it (models.ENTRY_KEYS).
- A closed plan is never written from the page (docs/web.md): its forms are not shown, and a send made from a
  page opened before it was closed is refused with `record`'s own words (closing.refuse_write, as without
  --force), before the lock and again under it, whatever the send's revision needs.
- A stale form is refused: each form carries the fingerprint of what it was made from (data.fingerprint, the
  indicator's tables; for an upload, every table of the plan), compared before the lock and again under it
  (recording.record's guard), so a figure someone changed meanwhile is never overwritten.
- An upload is read by `import`'s own reader (sheets.read_import) and shown as the dry-run table first.
"""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.errors import PlantrackError

if TYPE_CHECKING:
    from collections.abc import Callable

    from plantrack.changes import Change
    from plantrack.plan import Plan, Stored

STALE = ("在您打开此页之后，这里的数值已被修改（另一个窗口、另一位同事或 git pull）；没有写入任何数据。请重新打开此页，核对后再提交 / "
         "the figures changed after this page was opened (another tab, a colleague, a git pull): nothing was "
         "written. Reload the page, check them, and send again")
UPLOAD_SUFFIXES = (".csv", ".xlsx")
KEPT_UPLOADS = 20   # uploads waiting for their "write" button; the oldest is forgotten first
# What an uploaded workbook may unpack to. `import` allows 256 MB, chosen by the person at the command line for
# their own PC; the page is any colleague's browser, and a 5 MB body of spaces or zeros unpacks 200-fold or more.
# A plan's real workbook unpacks to well under 1 MB (the bundled plan's export with its whole history: 53 KB), so
# 32 MB leaves hundreds of times that, and keeps what one upload can make the server parse to an eighth of import's.
UPLOAD_UNPACKED_MAX = 32 * 1024 * 1024


@dataclass(frozen=True)
class Outcome:
    """What a send did: `slip` (the guard's words, nothing written) or the entries stored."""

    plan: Plan | None
    stored: list[Stored]
    slip: str = ""


def closed_guard(plan: Plan) -> None:
    """A closed plan refuses the page as it refuses `record` without --force."""
    from plantrack.check.cycle.closing import refuse_write

    refuse_write(plan.info, False)


def stale_guard(expected: str, make: Callable[[Plan], str]) -> Callable[[Plan], None]:
    """A send's check of the plan as read: closed (closed_guard), or changed since its page was made (STALE)."""
    from plantrack.web.guard import same

    def check(plan: Plan) -> None:
        closed_guard(plan)  # first: a closed plan is refused as such, stale or not
        if not same(expected, make(plan)):
            raise PlantrackError(STALE, code=1)
    return check


def record_form(plans_dir: Path, plan_id: str, fields: dict[str, str]) -> Outcome:
    """One indicator-year from the page's form, written like `record` (or refused with its message)."""
    from plantrack.changes import Change, Words, parse_year
    from plantrack.opening import open_plan
    from plantrack.web.data import fingerprint

    plan = open_plan(plans_dir, plan_id)
    closed_guard(plan)  # before the form's own refusals (a missing reason): the plan's state comes first
    ind = plan.find_indicator(fields.get("indicator", ""))
    year = parse_year(fields.get("year", "").strip())
    value, rate = fields.get("value", "").strip() or None, fields.get("rate", "").strip() or None
    assessment = fields.get("assessment", "").strip() or None
    if value is None and rate is None and assessment is None:
        raise PlantrackError("请填写数值、增长率或评估 / give a value, a rate or an assessment", code=2)
    old = plan.records(ind.id).get(year)
    revision = old is not None and old.removed is None
    note, reason = fields.get("note", "").strip(), fields.get("reason", "").strip()
    if revision and not reason:
        raise PlantrackError(f"{ind.id} {year} 已有记录；修改须填写原因（旧值保存在修订记录中）/ {year} already has an "
                             "actual: give the reason for the revision (the old entry is kept)", code=2)
    if revision:
        note = "；".join(p for p in (note, f"修订原因 / reason: {reason}") if p)
    # A refusal names the form's own fields (数值, 增长率, 单位), not the command line's VALUE and --unit.
    change = Change(ind.id, year, value, rate, fields.get("unit", "").strip() or None, assessment,
                    fields.get("source", "").strip(), note, words=Words("数值", "增长率", "单位"))
    guard = stale_guard(fields.get("fingerprint", ""), lambda p: fingerprint(p, ind.id))
    return _send(plans_dir, plan_id, [change], revision, fields.get("confirm") == "1", guard)


def _send(plans_dir: Path, plan_id: str, changes: list[Change], force: bool, confirm: bool,
          guard: Callable[[Plan], None]) -> Outcome:
    from plantrack.recording import record

    def run(confirm: bool, dry: bool) -> Outcome:
        return Outcome(*record(plans_dir, plan_id, changes, force=force, dry_run=dry, confirm=confirm, guard=guard,
                               into_closed=False))

    if not confirm and (asked := slips(lambda confirm: run(confirm, True))).slip:
        return asked   # the page asks; nothing is written
    return run(confirm, False)


def slips(dry_run: Callable[[bool], Outcome]) -> Outcome:
    """A dry run (`dry_run(confirm)`) as the page shows it. Refused only by a slip guard (the same send confirmed
    passes every other check): what it would store, with the guard's words (`slip`) for the page to ask about.
    Any other refusal is raised as the command line raises it."""
    try:
        return dry_run(False)
    except PlantrackError as exc:
        try:
            shown = dry_run(True)
        except PlantrackError:
            raise exc from None
        return Outcome(shown.plan, shown.stored, "\n".join([exc.message, *(str(f) for f in exc.findings)]))


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes
    fingerprint: str
    confirmed: bool = False   # its slips were shown and the button that writes it is their confirmation
    plan_id: str = ""         # the plan it was shown for: its button writes into that plan only


class Uploads:
    """Uploads shown as a dry run and waiting for the button that writes them, by a random key."""

    def __init__(self) -> None:
        self._kept: dict[str, Upload] = {}

    def keep(self, upload: Upload) -> str:
        key = secrets.token_urlsafe(16)
        self._kept[key] = upload
        while len(self._kept) > KEPT_UPLOADS:
            self._kept.pop(next(iter(self._kept)))
        return key

    def take(self, key: str, plan_id: str) -> Upload:
        """The upload kept under `key`, once (a second send of its button finds nothing), for its own plan."""
        if key not in self._kept:
            raise PlantrackError("这个上传已过期，请重新上传文件 / this upload has expired: upload the file again", code=2)
        upload = self._kept.pop(key)
        if upload.plan_id != plan_id:
            raise PlantrackError(f"这个上传属于规划 {upload.plan_id}，不能写入 {plan_id}；没有写入任何数据 / this upload was "
                                 f"shown for plan {upload.plan_id}, not {plan_id}: nothing was written", code=2)
        return upload


def read_upload(plans_dir: Path, plan_id: str, upload: Upload
                ) -> tuple[list[Change], list[tuple[str, int, int]], Callable[[PlantrackError], PlantrackError]]:
    """The changes an uploaded workbook holds, read by `import`'s reader from a private temporary copy."""
    from plantrack.opening import open_plan
    from plantrack.sheets import read_import
    from plantrack.sheets.reading import IMPORT_MAX_BYTES
    from plantrack.sheets.xlsxread import Bound

    suffix = Path(upload.name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise PlantrackError(f"只能上传 .csv 或 .xlsx 文件（收到 {upload.name!r}）/ upload a .csv or .xlsx file "
                             f"(got {upload.name!r})", code=2)
    plan = open_plan(plans_dir, plan_id)
    with tempfile.TemporaryDirectory(prefix="plantrack-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(upload.data)
        cli = IMPORT_MAX_BYTES // (1024 * 1024)
        bound = Bound(UPLOAD_UNPACKED_MAX, ("网页上传", "upload"), (
            f"请把工作簿拆成几个较小的文件分别上传，或在命令行用 plantrack import 导入（上限 {cli} MB）",
            "split the workbook into smaller files and upload each, or import it on the command line with "
            f"plantrack import ({cli} MB limit)"))
        got = read_import(path, Path(upload.name).name, plan, None, False, bound)
        if got.history is not None:
            raise PlantrackError("带修订记录的导出文件请用命令行恢复：plantrack import FILE / a file exported with "
                                 "--with-history is restored on the command line: plantrack import FILE", code=2)
        if got[4]:  # hidden rows: refused as `import` refuses them without --include-hidden
            from plantrack.sheets.reading import hidden_refusal

            raise hidden_refusal(Path(upload.name).name, got[4])
        return list(got.changes), list(got.where), got.name


def import_upload(plans_dir: Path, plan_id: str, upload: Upload, dry_run: bool) -> Outcome:
    """The upload's rows: checked as `import --dry-run` checks them, or written as `import` writes them. A dry
    run refused only by slips is shown with them (`slip`): the upload is then kept confirmed, as `--confirm`."""
    from plantrack.recording import record
    from plantrack.web.data import fingerprint

    changes, where, name = read_upload(plans_dir, plan_id, upload)
    if not changes:
        return Outcome(None, [])

    def run(confirm: bool, dry: bool) -> Outcome:
        try:  # a refusal names its cells and rows as `import` names them
            return Outcome(*record(plans_dir, plan_id, changes, force=False, dry_run=dry, where=where,
                                   confirm=confirm, guard=stale_guard(upload.fingerprint, fingerprint),
                                   into_closed=False))
        except PlantrackError as exc:
            raise name(exc) from None

    if not dry_run:
        return run(upload.confirmed, False)
    return slips(lambda confirm: run(confirm, True))
