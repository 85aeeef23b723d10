"""`plantrack serve` and `plantrack site`: the plans as web pages (issue 33; docs/web.md).

The pages are made from the same models as the command line (overview.py, progress/, render/rows.py,
render/working.py, report/) and every write goes through recording.record, the core of `record` and
`import`: the web is one more presenter, never a second copy of a rule. Starlette, Jinja2 and uvicorn (the
optional `[web]` extra) are imported only here, and only by these two commands.
"""

from __future__ import annotations

LANGS = ("zh", "en")
