"""`record --delete` and `record --restore` (removal.py): the options they allow, and what they say."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from plantrack.models import Entry


def no_reason(reason: str) -> None:
    """--reason is for --delete only: refused with `record` alone and with --restore."""
    if reason:
        raise typer.BadParameter("--reason 只与 --delete 一起使用 / --reason goes with --delete", param_hint="--reason")


def delete_or_restore(plans_dir: Path, plan_id: str | None, indicator: str, year: str, delete: bool, restore: bool,
                      reason: str, force: bool, confirm: bool, dry_run: bool, typed: list[str], lang: str) -> None:
    if delete and restore:
        raise typer.BadParameter("--delete 与 --restore 只能选一个 / choose --delete or --restore, not both",
                                 param_hint="--delete")
    if typed:
        flag = "--delete" if delete else "--restore"
        raise typer.BadParameter(f"{flag} 不接受 {'、'.join(typed)}：{'删除' if delete else '恢复'}的是已记录的数值 / "
                                 f"{flag} takes no {', '.join(typed)}: it acts on the recorded figure",
                                 param_hint=flag)
    if restore:
        no_reason(reason)
        from plantrack.render.recorded import report_written
        from plantrack.removal import restore as do_restore

        saved, stored = do_restore(plans_dir, plan_id, indicator, year, force=force, dry_run=dry_run, confirm=confirm)
        report_written(saved, stored, lang, dry_run)
        return
    from plantrack.plan import describe
    from plantrack.removal import remove
    from plantrack.render.console import say
    from plantrack.render.history import dry_run_mark
    from plantrack.text import safe

    _, item = remove(plans_dir, plan_id, indicator, year, reason, force=force, dry_run=dry_run)
    assert item.previous is not None  # a removal always takes a figure away
    ind, gone = item.indicator, describe(item.previous, item.indicator, lang)
    if lang == "zh":
        line = (f"{ind.id} {item.year} 已删除（原为 {gone}）；原因：{reason.strip()}。旧值保存在修订记录中，"
                f"可用 plantrack record {ind.id} {item.year} --restore 恢复")
    else:
        line = (f"{ind.id} {item.year} removed (was {gone}); reason: {reason.strip()}. The old entry is kept in "
                f"the history: plantrack record {ind.id} {item.year} --restore brings it back")
    if dry_run:
        line = dry_run_mark(lang) + line
    say(safe(line))


def restore_history(plans_dir: Path, plan_id: str, entries: dict[tuple[str, int], Entry], force: bool,
                    dry_run: bool) -> None:
    """`import` of an `export --with-history` file: what was restored, counted."""
    from plantrack.render.console import say
    from plantrack.render.history import dry_run_mark
    from plantrack.sheets.history import restore

    _, stored, same = restore(plans_dir, plan_id, entries, force=force, dry_run=dry_run)
    revisions = sum(len(s.entry.revisions) for s in stored)
    line = (f"恢复 {len(stored)} 条记录（含 {revisions} 条修订），{same} 条已有相同记录 / restored {len(stored)} "
            f"entries with {revisions} revisions; {same} already there")
    if dry_run:
        line = dry_run_mark(None) + line
    say(line)
