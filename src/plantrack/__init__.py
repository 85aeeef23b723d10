"""plantrack: track a five-year plan's targets, record actuals, judge progress.

The stages a plan goes through (docs/architecture.md), each in its own module:

    read      contain.py (the plans directory: which folders, may they be read), readfile.py (bounded bytes),
              documents.py (tomllib) + tomlpos.py (TOML with line:column), loader.py (the load pipeline)
    validate  check/schema.py (the models.py dataclasses, by pydantic)
    check     check/rules.py (rules over a whole plan or entry); check/run.py (`check` over many plans)
    evaluate  progress/ (pure Decimal maths: engine.py bands, result.py the verdicts; words in verdicts.py)
    render    render/ (terminal, JSON, CSV via csvio.py), report/ (HTML and Markdown reports), cli/ (commands)

Writing actuals: recording.py (build and check an entry), store.py (atomic writes under a lock).
The core (all but cli/, render/, report/) imports none of those, nor typer or rich (tests/test_layers.py).
"""

__version__ = "0.1.0"
