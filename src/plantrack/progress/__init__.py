"""The progress engine (progress.md): pure Decimal arithmetic, no typer, no rich."""

from plantrack.progress.engine import band, default_as_of, evaluate_indicator, evaluate_plan
from plantrack.progress.result import STATUSES, IndicatorResult, Measure, Period, PlanResult

__all__ = [
    "STATUSES", "IndicatorResult", "Measure", "Period", "PlanResult",
    "band", "default_as_of", "evaluate_indicator", "evaluate_plan",
]
