"""Finished plans: `[plan] closed = YYYY-MM-DD`, the date the plan's final evaluation (总结评估) was adopted
(decisions.md, "Successive and finished plans").

A closed plan is still shown and reported, marked closed (`mark`); recording into it needs --force
(`refuse_write`); `status --fail-on` skips it and says so (cli/status_run.py); `check` warns about a plan whose
period ended more than a year ago and is not closed (`stale_warning`), since in CI its missed binding indicators
would otherwise fail every later pull request.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from plantrack.errors import EXIT_FINDINGS, PlantrackError
from plantrack.models import PlanInfo
from plantrack.text import safe

if TYPE_CHECKING:
    from plantrack.models import Indicator
    from plantrack.plan import Plan


def today() -> date:
    """Today, for `check`'s warning about a plan left open; a test replaces this function."""
    return date.today()


def mark(info: PlanInfo, lang: str) -> str:
    """"已结束（2026-03-15 通过总结评估）" / "closed (final evaluation adopted 2026-03-15)", or "" if open."""
    if info.closed is None:
        return ""
    day = info.closed.isoformat()
    return f"已结束（{day} 通过总结评估）" if lang == "zh" else f"closed (final evaluation adopted {day})"


def titled(name: str, info: PlanInfo, lang: str) -> str:
    """A plan's title with its closed mark: "小昆山镇…指标 · 已结束（…）"."""
    closed = mark(info, lang)
    return f"{name} · {closed}" if closed else name


def refuse_write(info: PlanInfo, force: bool) -> None:
    """`record`/`import` into a closed plan: refused (nothing changed) unless --force."""
    if info.closed is None or force:
        return
    raise PlantrackError(
        f"规划 {info.id} {mark(info, 'zh')}，不再记录数据；没有写入任何数据。如确需补记或修订（例如统计数据事后修正），"
        f"请加 --force：该记录与其他修订一样保存，旧值留在修订记录中 / plan {info.id} is {mark(info, 'en')}: nothing "
        "was written. To record in it anyway (a revised statistic), add --force: the entry is kept like any other "
        "revision",
        code=EXIT_FINDINGS,
    )


def closed_problem(info: PlanInfo) -> str | None:
    """A closed date that cannot be the adoption of this plan's final evaluation."""
    if info.closed is None:
        return None
    if info.closed.year < info.end:
        return (f"结束日期 {info.closed.isoformat()} 早于规划期的最后一年 {info.end}：总结评估评的是整个规划期，"
                f"请填写总结评估通过的日期（通常在 {info.end} 年末或 {info.end + 1} 年）/ the closed date is before the "
                f"period's last year {info.end}: give the date the final evaluation was adopted")
    return None


def stale_warning(info: PlanInfo, on: date | None = None) -> str | None:
    """A plan whose period ended more than a year before today and is not marked closed."""
    on = on or today()
    if info.closed is not None or on <= date(info.end + 1, 12, 31):
        return None
    return (f"规划期已于 {info.end} 年结束一年多，但未标记为已结束：总结评估通过后，请在 [plan] 中加上 "
            f"closed = {info.end + 1}-03-31（通过的日期），status --fail-on 便不再检查它 / the period ended in "
            f"{info.end}, over a year ago, and the plan is not closed: once its final evaluation is adopted, add "
            f"closed = YYYY-MM-DD to [plan] so that status --fail-on stops checking it")


def skipped_note(info: PlanInfo) -> str:
    """What --fail-on says on stderr about a closed plan it skipped."""
    return (f"提示：规划 {safe(info.id)} {mark(info, 'zh')}，--fail-on 不检查它 / note: plan {safe(info.id)} is "
            f"{mark(info, 'en')}: --fail-on skips it")


def history_note(plan: Plan, ind: Indicator, lang: str) -> str:
    """`history`'s first line: the plan is closed, and/or its base-year figures live in the previous plan."""
    parts = []
    if plan.info.closed is not None:
        parts.append(f"规划 {plan.id} {mark(plan.info, 'zh')}" if lang == "zh" else f"Plan {plan.id} is {mark(plan.info, 'en')}")
    if plan.info.previous is not None:
        source = ind.previous_id or ind.id
        parts.append(f"基期年 {plan.info.base} 及以前的数值记在上一规划：plantrack history {source} --plan {plan.info.previous}"
                     if lang == "zh" else f"figures up to the base year {plan.info.base} are the previous plan's: "
                     f"plantrack history {source} --plan {plan.info.previous}")
    return "；".join(parts) if lang == "zh" else "; ".join(parts)
