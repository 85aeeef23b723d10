"""Checking plan files, one job a module: `schema` validates parsed TOML against the models (the only module
that imports pydantic), `rules` holds the rules that need the whole plan or entry, `run` walks plan folders
for the `check` command (one plan at a time, in worker processes for many).

Empty on purpose: importing `check.x` runs this file first, and the loader imports `check.schema` (and
check/load.py `check.rules`) only when files must be validated. `load` makes one folder a Plan; `cycle/` holds
the rules of the links between plans."""
