"""plantrack check"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import PlansDir


class CheckFormat(str, Enum):
    text = "text"
    github = "github"
    json = "json"


def register(app: typer.Typer) -> None:
    @app.command("check", short_help="校验规划文件 / validate plan files")
    def check(
        paths: Annotated[
            list[Path] | None,
            typer.Argument(help="规划文件夹、plan.toml 或规划目录 / plan folders, plan.toml files or folders of plans.",
                           metavar="[PATH]...", readable=False),  # an unreadable folder: our message, exit 1
        ] = None,
        plans_dir: PlansDir = Path("plans"),
        format: Annotated[
            CheckFormat, typer.Option("--format", help="text, github (Actions annotations) or json.")
        ] = CheckFormat.text,
        max_errors: Annotated[
            int, typer.Option("--max-errors", min=1, help="最多列出的错误数 / list at most this many errors.")
        ] = 200,
        jobs: Annotated[
            int | None, typer.Option("--jobs", min=1, help="并行进程数（默认：全部核心）/ worker processes (default: all cores).")
        ] = None,
        strict: Annotated[
            bool, typer.Option("--strict", help="看似有误的数值（如相差万倍）也视为错误 / implausible figures fail too.")
        ] = False,
    ) -> None:
        """校验规划文件 / Validate plan files; exit 1 on any error.

        \b
        Example: plantrack check            (all plans in ./plans)
                 plantrack check plans/xiaokunshan-14th --format github
        """
        from plantrack.check.run import check_paths
        from plantrack.render.check import render_check

        from plantrack.cli.stdio import checked_paths, renamed  # PATH "-": a plan.toml on standard input

        with checked_paths(paths or [plans_dir]) as (given, shown):
            failed = render_check(renamed(check_paths(given, jobs, plans_folder=not paths), shown), format.value, max_errors, strict)
        raise typer.Exit(1 if failed else 0)
