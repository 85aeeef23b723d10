"""plantrack schema"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class Which(str, Enum):
    plan = "plan"
    actuals = "actuals"
    status = "status"


def register(app: typer.Typer) -> None:
    @app.command("schema", short_help="打印 JSON Schema / print the JSON Schema for editors")
    def schema(
        which: Annotated[Which, typer.Argument(help="plan、actuals 或 status（status --format json 的输出）/ which schema.", metavar="[plan|actuals|status]")] = Which.plan,
        output: Annotated[
            Path | None,
            typer.Option("-o", "--output", help="写入文件（默认输出到屏幕），UTF-8 / write to this file (default: "
                         "stdout), UTF-8.", dir_okay=False, show_default=False, metavar="FILE"),
        ] = None,
    ) -> None:
        """打印 JSON Schema，供编辑器校验 / Print the JSON Schema of plan.toml or actuals.toml, for editors.

        \b
        Example: plantrack schema plan -o schemas/plan.schema.json
                 then put  #:schema ./plan.schema.json  as the first line of plan.toml
        """
        import json

        from plantrack.render.destination import write_output
        from plantrack.schemas import SCHEMAS

        # By the rule of every -o, and UTF-8 to a file, `>` or a pipe alike (render/destination.py): Taplo
        # reads nothing else.
        write_output(output, json.dumps(SCHEMAS[which.value](), ensure_ascii=False, indent=2) + "\n")
