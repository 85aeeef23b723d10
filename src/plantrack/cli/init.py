"""plantrack init"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plantrack.cli.options import PlansDir, complete_plan

if TYPE_CHECKING:
    from plantrack.plan import Plan


def register(app: typer.Typer) -> None:
    @app.command("init", short_help="新建规划文件夹 / start a new plan folder")
    def init(
        plan_id: Annotated[str | None, typer.Argument(help="新规划编号 / the new plan's id, e.g. xiaokunshan-15th.",
                                                      metavar="PLAN-ID", show_default=False)] = None,
        from_: Annotated[str | None, typer.Option("--from", help="以哪个规划为底稿 / start from this plan (the next plan).",
                                                   autocompletion=complete_plan)] = None,
        blank: Annotated[bool, typer.Option("--blank", help="空白模板 / a blank template (the default).")] = False,
        start: Annotated[int | None, typer.Option("--start", help="开始年 / first year (default: after --from's end, or 2026).")] = None,
        end: Annotated[int | None, typer.Option("--end", help="结束年 / last year (default: start + 4).")] = None,
        plans_dir: PlansDir = Path("plans"),
        example: Annotated[bool, typer.Option("--example", help="复制示例规划（小昆山镇十四五）/ copy the bundled example plan.")] = False,
    ) -> None:
        """新建规划文件夹 / Start a new plan folder: the next plan from the current one, or a blank one.

        \b
        Example: plantrack init xiaokunshan-15th --from xiaokunshan-14th
                 plantrack init my-town-15th --blank --start 2026 --end 2030
                 plantrack init --example
        """
        from plantrack import gitignore
        from plantrack.contain import display_path
        from plantrack.errors import usage_error

        if example:  # the bundled example plan (bundled.py), so a first try works in an empty folder (issue 20)
            if plan_id is not None or from_ or blank:
                raise usage_error("--example 不带规划编号、--from 或 --blank / --example takes no PLAN-ID, --from or --blank")
            ignore = gitignore.prepare(plans_dir)  # decided before anything is made (gitignore.py)
            from plantrack.bundled import copy_example

            where = display_path(copy_example(plans_dir))
            note = gitignore.apply(ignore)
            _said(f"✓ 已复制示例规划到 {where} / copied the example plan to {where}\n{_plans_folder_line(plans_dir)}\n"
                  f"  下一步：plantrack status / next: plantrack status", note)
            return
        from plantrack.opening import open_plan
        from plantrack.scaffold import create

        if from_ and blank:
            raise usage_error("--from 和 --blank 只能选一个 / give --from or --blank, not both")
        source = open_plan(plans_dir, from_) if from_ else None
        first = start if start is not None else (source.info.end + 1 if source else 2026)
        length = (source.info.end - source.info.start) if source else 4
        if plan_id is None:
            raise usage_error("请给出新规划编号，例如 plantrack init my-town-15th / give the new plan's id, e.g. "
                              "plantrack init my-town-15th (or --example)")
        ignore = gitignore.prepare(plans_dir)  # decided before the plan is made, written after (gitignore.py)
        created = create(plans_dir, plan_id, source, first, end if end is not None else first + length)
        note = gitignore.apply(ignore)
        where = display_path(created.directory)
        copied = (f"，指标照抄自 {source.id}，基期年数值读取自 {source.id}（previous）/ indicators copied from "
                  f"{source.id}, base-year figures read from {source.id} (previous)" if source else "")
        schema = (f"\n  已写入编辑器用的 {display_path(created.schema)} / wrote {display_path(created.schema)} for editors"
                  if created.schema else "")
        carried = "".join(f"{line}\n" for line in _carried(source)) if source else ""
        _said(f"✓ 已创建 {where}（{created.indicators} 个指标{copied}）。{schema}\n{_plans_folder_line(plans_dir)}\n"
              f"{carried}  下一步：编辑 {where}/plan.toml 中的名称、来源和目标值（（…）中的占位文字须填写），然后运行 plantrack check / "
              f"next: edit the name, source and targets in {where}/plan.toml (fill in every （…） placeholder), "
              "then run plantrack check", note)


def _said(done: str, note: str | None) -> None:
    """What init made, on stdout; the note about .gitignore (gitignore.py), if any, on stderr."""
    from plantrack.render.wrap import fill

    print(fill(done))
    if note:
        print(fill(note), file=sys.stderr)


def _plans_folder_line(plans_dir: Path) -> str:
    """Where init wrote, in full, and which plantrack.toml chose it (issue 25: a plantrack.toml in a folder
    above decides where init writes; the user must be able to see that it did)."""
    import os

    from plantrack.config import ENV_PLANS_DIR, discover
    from plantrack.text import safe

    line = f"  规划目录 / plans folder: {safe(plans_dir.absolute())}"
    settings = discover()
    if settings.config is not None and not os.environ.get(ENV_PLANS_DIR) and \
            settings.plans_dir.absolute() == plans_dir.absolute():
        line += f"（由 {safe(settings.config.absolute())} 指定 / set by {safe(settings.config.absolute())}）"
    return line


def _carried(source: Plan) -> list[str]:
    """What `init --from` did with the old plan's mid-plan changes (issue 30), so an indicator missing from the
    new plan or a target other than the plan document's is not a surprise: a retired indicator is left out, an
    adjusted target copied as it stood at the old plan's end (without the adjustments: their years are past)."""
    from plantrack.render.rows import target_words
    from plantrack.text import safe

    end = source.info.end
    retired = [f"{safe(ind.name)}（{ind.retired} 年停用）" for ind in source.indicators if ind.retired is not None]
    adjusted = [f"{safe(ind.name)} {target_words(ind, ind.judged_at(end).target, 'zh')}"
                f"（原 {target_words(ind, ind.target, 'zh')}）"
                for ind in source.indicators if ind.retired is None and ind.adjustments]
    out = []
    if retired:
        out.append(f"  未带入已停用的指标 / left out, retired: {'、'.join(retired)}")
    if adjusted:
        out.append(f"  目标按中期调整后的值照抄 / targets copied as adjusted: {'、'.join(adjusted)}")
    return out
