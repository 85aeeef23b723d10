"""Options shared by every command, declared once."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

MAX_YEAR_CHARS = 9  # a longer --as-of is refused without echoing it whole (_year)


def _given(ctx: typer.Context, name: str) -> bool:
    """Was the option given (command line or its environment variable), rather than left at its default?"""
    source = ctx.get_parameter_source(name)  # click's ParameterSource (vendored by typer: compared by name)
    return source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")


def _resolve_plans_dir(ctx: typer.Context, param: typer.CallbackParam, value: Path | None) -> Path:
    # Left out: plantrack.toml, then the upward search, then ./plans (config.py).
    from plantrack.config import plans_dir

    return Path(value) if value is not None and _given(ctx, param.name or "") else plans_dir(None)


def _resolve_lang(ctx: typer.Context, param: typer.CallbackParam, value: Lang) -> str:
    # The plain word: Typer turns the callback's value into the Enum afterwards.
    from plantrack.config import default_lang

    return value.value if _given(ctx, param.name or "") else default_lang(value.value)


PlansDir = Annotated[
    Path,
    typer.Option(
        "--plans-dir",
        envvar="PLANTRACK_PLANS_DIR",
        help="规划目录 / folder holding one folder per plan (default: $PLANTRACK_PLANS_DIR, plantrack.toml's "
             "plans_dir, the nearest plans/ found upwards, ./plans).",
        file_okay=False,
        show_default=False,
        callback=_resolve_plans_dir,
    ),
]


def complete_plan(ctx: typer.Context, incomplete: str) -> list[str]:
    from plantrack.completion import offered_plans, plans_folder

    return [p for p in offered_plans(plans_folder(ctx.params.get("plans_dir"))) if p.startswith(incomplete)]


def complete_indicator(ctx: typer.Context, incomplete: str) -> list[str]:
    from plantrack.completion import indicator_ids, plans_folder

    plans = plans_folder(ctx.params.get("plans_dir"))
    return [i for i in indicator_ids(plans, ctx.params.get("plan")) if i.startswith(incomplete)]


def complete_unit(incomplete: str) -> list[str]:
    # The known units; a plan may declare more ([plan] units), so --unit is not a closed choice.
    from plantrack.units import KNOWN_UNITS

    return [u for u in KNOWN_UNITS if u.startswith(incomplete)]


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


def plan_list(plans: str | None) -> list[str] | None:
    """--plans A,B,C (report, export) as its ids; None when it is not given."""
    return None if plans is None else [p.strip() for p in plans.split(",") if p.strip()]


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def _year(value: str | int) -> int:
    """click's integer, except that a value longer than a year could be is refused without echoing it all (a
    5,000-digit --as-of ended in int()'s ValueError, and click echoed it whole)."""
    from plantrack.text import safe  # typed text: no control character may reach the terminal

    if isinstance(value, str) and len(value) > MAX_YEAR_CHARS:
        raise typer.BadParameter(f"须为年份，例如 2023，而不是 {safe(value[:20])}…（共 {len(value)} 个字符 / {len(value)} "
                                 "characters） / must be a year such as 2023")
    if isinstance(value, int):
        return value
    # 2023 or 2023年, as a spreadsheet header may say it (years.py); any whole number of digits otherwise, so a
    # year outside the plans (20255) gets the message that names the years it could be (cli/status_run.py).
    from plantrack.years import year_in

    year = year_in(value, any_length=True)
    if year is None:
        raise typer.BadParameter(f"须为年份，例如 2023 或 2023年，而不是 {safe(repr(value))} / must be a year such as 2023")
    return year


AsOf = Annotated[
    int | None,
    typer.Option("--as-of", help="评估年份 / evaluate as of this year (default: latest year with data).",
                 parser=_year, metavar="<int>"),
]
LangOpt = Annotated[Lang, typer.Option("--lang", help="界面语言 / output language: zh (default, or plantrack.toml's "
                                                     "lang) or en.", callback=_resolve_lang)]


class TableOrJson(str, Enum):  # --format of show, history and extract
    table = "table"
    json = "json"


# show and history: the table, or the indicator's record of the status JSON (docs/status-json.md).
TableFormat = Annotated[TableOrJson, typer.Option("--format", help="table（默认）或 json：与 status 的 JSON 指标记录"
                                                  "同形 / table (default) or json: the status JSON's indicator record.")]
