"""The names of the files in a plan folder, defined once. No imports: shell completion and the containment rule
(contain.py) use them on every Tab without loading the models (plan.py re-exports them for the core)."""

PLAN_FILE = "plan.toml"
ACTUALS_FILE = "actuals.toml"
OFFICE_FILE = "report.toml"  # the office's own words (office.py)
