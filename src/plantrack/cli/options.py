"""Options shared by every command, declared once."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.express import MAX_YEAR_CHARS

PlansDir = Annotated[
    Path,
    typer.Option(
        "--plans-dir",
        envvar="PLANTRACK_PLANS_DIR",
        help="规划目录 / folder holding one folder per plan (default: ./plans, or $PLANTRACK_PLANS_DIR).",
        file_okay=False,
        show_default=False,
    ),
]
def _plans_dir(ctx: typer.Context) -> Path:
    import os

    given = ctx.params.get("plans_dir")
    return Path(given) if given else Path(os.environ.get("PLANTRACK_PLANS_DIR") or "plans")


def complete_plan(ctx: typer.Context, incomplete: str) -> list[str]:
    from plantrack.completion import offered_plans

    return [p for p in offered_plans(_plans_dir(ctx)) if p.startswith(incomplete)]


def complete_indicator(ctx: typer.Context, incomplete: str) -> list[str]:
    from plantrack.completion import indicator_ids

    return [i for i in indicator_ids(_plans_dir(ctx), ctx.params.get("plan")) if i.startswith(incomplete)]


PlanId = Annotated[
    str | None,
    typer.Option("--plan", help="规划编号 / plan id; may be left out when the folder holds one plan.",
                 autocompletion=complete_plan),
]
IndicatorArg = Annotated[
    str,
    typer.Argument(help="指标编号、序号或名称 / indicator id, 序号 or Chinese name.", autocompletion=complete_indicator,
                   show_default=False, metavar="INDICATOR"),
]


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def _year(value: str | int) -> int:
    """click's integer, except that a value longer than a year could be is refused without echoing it all (a
    5,000-digit --as-of ended in int()'s ValueError in the express lane, and click echoed it whole)."""
    from plantrack.text import safe  # typed text: no control character may reach the terminal

    if isinstance(value, str) and len(value) > MAX_YEAR_CHARS:
        raise typer.BadParameter(f"须为年份，例如 2023，而不是 {safe(value[:20])}…（共 {len(value)} 个字符 / {len(value)} "
                                 "characters） / must be a year such as 2023")
    try:
        return int(value)
    except ValueError:
        raise typer.BadParameter(f"{safe(repr(value))} 不是整数 / is not a valid integer") from None


AsOf = Annotated[
    int | None,
    typer.Option("--as-of", help="评估年份 / evaluate as of this year (default: latest year with data).",
                 parser=_year, metavar="<int>"),
]
LangOpt = Annotated[Lang, typer.Option("--lang", help="界面语言 / output language: zh (default) or en.")]
