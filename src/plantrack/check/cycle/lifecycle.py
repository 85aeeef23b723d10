"""`check`'s rules about a plan's life, beyond its own two files: placeholders left from `init`, the link to
the previous plan (succession.py), and the closed date (closing.py). Errors fail `check`; warnings are shown
and leave the exit code alone.

Only `check` applies the placeholder and closed-date rules: a plan still named （规划名称） can be looked at
with `status`, but it cannot pass CI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plantrack.errors import Finding
from plantrack.plan import PLAN_FILE, Plan, Stored

if TYPE_CHECKING:
    from plantrack.check.cycle.succession import Locator

# The blank template's placeholders (scaffold.BLANK, and the source line of `init --from`): text to replace.
PLACEHOLDERS = ("（规划名称）", "（规划文件名称及文号）", "（新规划文件名称及文号）", "（示例）", "(example)")
_PLAN_TEXT = ("name", "name_en", "region", "source")
_INDICATOR_TEXT = ("name", "name_en", "note")


def review(plan: Plan) -> tuple[list[Finding], list[Finding]]:
    """(errors, warnings) of a plan that loaded cleanly."""
    from plantrack.check.cycle import closing
    from plantrack.check.cycle.succession import Locator, link

    at = Locator(plan, PLAN_FILE)
    errors = list(link(plan, use_cache=False).findings)  # check never uses the cache
    if problem := closing.closed_problem(plan.info):
        errors.append(at.plan_key("closed", problem))
    errors += _placeholders(plan, at)
    warnings = []
    if problem := closing.stale_warning(plan.info):
        warnings.append(at.plan_key("end", problem))
    return sorted(errors, key=lambda f: (f.path, f.line, f.col)), warnings


def _placeholders(plan: Plan, at: Locator) -> list[Finding]:
    out = []
    for key in _PLAN_TEXT:
        if found := _placeholder(getattr(plan.info, key)):
            out.append(at.plan_key(key, _message(found)))
    for ind in plan.indicators:
        for key in _INDICATOR_TEXT:
            if found := _placeholder(getattr(ind, key)):
                out.append(at.indicator_key(ind, key, _message(found)))
    return out


def _placeholder(text: str) -> str | None:
    return next((p for p in PLACEHOLDERS if p in text), None)


def _message(placeholder: str) -> str:
    return (f"{placeholder} 是模板中的占位文字，请填写实际内容（或删去这一项）/ {placeholder} is a placeholder from the "
            "template: fill it in (or remove the line)")


def refuse_record(plan: Plan, stored: list[Stored], force: bool) -> None:
    """`record`/`import`: refuse (before anything is written) a change into a closed plan without --force, and
    a figure for a year up to the base year that lives in the previous plan's actuals (succession.py)."""
    from plantrack.check.cycle.closing import refuse_write
    from plantrack.errors import EXIT_FINDINGS, PlantrackError
    from plantrack.check.cycle.succession import base_year_refusal

    refuse_write(plan.info, force)
    for item in stored:
        if message := base_year_refusal(plan, item.indicator, item.year):
            raise PlantrackError(message, code=EXIT_FINDINGS)
