"""Checking plan files, one job a module: `schema` validates parsed TOML against the models (the only module
that imports pydantic), `rules` holds the rules that need the whole plan or entry, `run` walks plan folders
for the `check` command (one plan at a time, in worker processes for many).

Empty on purpose: the loader imports `check.rules` and `check.schema` only when files must be validated."""
