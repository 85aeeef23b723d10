"""plantrack doctor"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer


class DoctorFormat(str, Enum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    @app.command("doctor", short_help="检查本机环境 / what this machine has, and what it lacks")
    def doctor(
        plans_dir: Annotated[
            str | None,
            typer.Option("--plans-dir", help="规划目录 / the plans folder to look at (default: as every command "
                         "finds it).", show_default=False, metavar="<directory>"),
        ] = None,
        format: Annotated[DoctorFormat, typer.Option("--format", help="text 或 json / text or json.")] = DoctorFormat.text,
    ) -> None:
        """检查本机环境 / What this machine has for plantrack, and what to do about what it lacks.

        The plans folder and why it was chosen, plantrack.toml, the cache folder, the console's encoding, the
        optional extras, Pango (PDF), a Chinese font (charts), LibreOffice. Always exit 0: it only reports.

        \b
        Example: plantrack doctor
                 plantrack doctor --format json
        """
        import sys

        from plantrack.doctor import examine
        from plantrack.render.destination import write_data
        from plantrack.render.doctor import doctor_json, doctor_text

        findings = examine(plans_dir)
        if format is DoctorFormat.json:
            write_data(doctor_json(findings))  # UTF-8 whatever the console's encoding (issue 29)
        else:
            sys.stdout.write(doctor_text(findings))
