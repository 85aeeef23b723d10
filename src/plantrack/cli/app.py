"""The `plantrack` command group and the one place where a PlantrackError becomes an exit code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from plantrack import __version__
from plantrack.cli.helptext import CellCommand, CellContext, wrapped
from plantrack.errors import EXIT_OK, PlantrackError

if TYPE_CHECKING:
    from typer import _click as click  # the Context class TyperGroup.invoke is declared with


class _Group(TyperGroup):
    # Help and usage errors in terminal cells (cli/helptext.py); parsing happens in both methods.
    context_class = CellContext

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with wrapped():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with wrapped():
            try:
                return super().invoke(ctx)
            except PlantrackError as exc:
                from plantrack.render.errors import report_error

                raise typer.Exit(report_error(exc)) from None


app = typer.Typer(
    name="plantrack",
    cls=_Group,
    help="plantrack：五年规划指标跟踪 / track a five-year plan's targets, record actuals, judge progress.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"plantrack {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本 / show the version.")
    ] = False,
) -> None:
    """plantrack：五年规划指标跟踪 / track a five-year plan's targets."""


def _register() -> None:
    # Each command module is small and imports only typer; the core is imported inside each command.
    from plantrack.cli import check, doctor, extract, init, record, report, schema, show, status, web

    status.register(app)
    show.register(app)
    record.register(app)
    extract.register(app)
    check.register(app)
    schema.register(app)
    init.register(app)
    report.register(app)
    doctor.register(app)
    web.register(app)  # serve, site (issue 33)
    for command in app.registered_commands:  # each command's help in terminal cells too (Typer's default class)
        if command.cls in (None, TyperCommand):
            command.cls = CellCommand


_register()


def for_argv(argv: list[str]) -> typer.Typer:
    """The app to run `plantrack ARGV` with: when ARGV names a command, the same app holding only that command.

    Why: Typer builds the Click command of every registered command before parsing, ~120 M instructions for
    twelve of them, a sixth of a `status` (docs/performance.md); one is all a run needs. Anything else (help,
    --version, a mistyped command, which Click answers with the names it knows) gets the whole app."""
    chosen = [c for c in app.registered_commands if argv[:1] == [c.name]]
    if not chosen:
        return app
    import copy

    one = copy.copy(app)  # not app itself: a caller that goes on (tests) keeps every command
    one.registered_commands = chosen
    return one
