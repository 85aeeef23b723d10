"""plantrack schema"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from plantrack.completion import COMMANDS


class Which(str, Enum):
    plan = "plan"
    actuals = "actuals"
    status = "status"


def register(app: typer.Typer) -> None:
    @app.command("schema", short_help=COMMANDS["schema"][0])
    def schema(
        which: Annotated[Which, typer.Argument(help="plan、actuals 或 status（status --format json 的输出）/ which schema.", metavar="[plan|actuals|status]")] = Which.plan,
    ) -> None:
        """打印 JSON Schema，供编辑器校验 / Print the JSON Schema of plan.toml or actuals.toml, for editors.

        \b
        Example: plantrack schema plan > plantrack-plan.schema.json
                 then put  #:schema ./plantrack-plan.schema.json  as the first line of plan.toml
        """
        import json
        import sys

        from plantrack.schemas import SCHEMAS

        sys.stdout.write(json.dumps(SCHEMAS[which.value](), ensure_ascii=False, indent=2) + "\n")
