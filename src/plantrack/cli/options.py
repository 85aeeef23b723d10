"""Options shared by every command, declared once."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

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
PlanId = Annotated[
    str | None,
    typer.Option("--plan", help="规划编号 / plan id; may be left out when the folder holds one plan."),
]


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LangOpt = Annotated[Lang, typer.Option("--lang", help="界面语言 / output language: zh (default) or en.")]
