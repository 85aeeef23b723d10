"""plantrack: track a five-year plan's targets, record actuals, judge progress.

The stages a plan goes through (docs/architecture.md; tests/test_stages.py holds the order: a module imports
only from its own stage or those above it here, and no modules import each other in a circle):

    base      errors, text, units, years, verdicts, models (the files' dataclasses), plan (the loaded Plan),
              numbers (Decimal rounding and display), parts, pool
    read      readfile (bounded bytes), tomlpos + documents (TOML with line:column), config, contain (which
              folders, may they be read), bundled, extract/
    validate  check/schema.py (pydantic, over models), loader (one folder's files read and validated), cache,
              office, schema_text, status_schema, status_text, schemas
    check     check/rules.py + partial.py (one plan's rules), check/load.py (a folder: the Plan or every
              finding), check/cycle/ (the links between plans: succession, members, closing, lifecycle),
              plausibility, opening (the plan a command acts on), check/run.py (`check`), doctor
    evaluate  progress/ (pure Decimal maths: engine.py bands, result.py the verdicts), overview, many, matrix,
              rollup
    write     recording (build and check an entry), store (atomic writes under a lock), tomledit, removal,
              scaffold, gitignore
    present   render/ (terminal, JSON, CSV via csvio.py), report/, sheets/
    cli       cli/ (commands; the one declaration of them), completion + completion_table (derived), __main__

The core (all but cli/, render/, report/, sheets/) imports none of those, nor typer or rich (tests/test_layers.py).
"""

__version__ = "0.1.0"
