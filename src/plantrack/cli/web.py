"""plantrack serve · site (issue 33; docs/web.md). The `[web]` extra is imported only inside these commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import PlansDir

SERVE_HELP = "在浏览器中查看与记录（仅本机）/ look and record in a browser, on this PC only"
SITE_HELP = "生成静态网页（可发布）/ the pages as static files, for publication"


def register(app: typer.Typer) -> None:
    @app.command("serve", short_help=SERVE_HELP)
    def serve(
        port: Annotated[int, typer.Option("--port", help="端口，0 为自动选择空闲端口 / the port; 0 picks a free one.", min=0, max=65535, metavar="N")] = 0,
        read_only: Annotated[bool, typer.Option("--read-only", help="只看不写：不显示记录与上传表单 / look only: no forms, no writes.")] = False,
        plans_dir: PlansDir = Path("plans"),
    ) -> None:
        """在浏览器中查看与记录 / Serve the plans as web pages on 127.0.0.1, to look and record in a browser.

        The first line printed is the address to open, with its access token (as Jupyter does); only this PC can
        reach it. Every write goes through the same checks, lock and atomic write as `record` and `import`.

        \b
        Example: plantrack serve
                 plantrack serve --port 8765 --read-only
        """
        from plantrack.parts import require

        require("web")  # the [web] extra, named with the command that installs it, or a refusal
        from plantrack.web.server import serve as run

        run(plans_dir, port, read_only)

    @app.command("site", short_help=SITE_HELP)
    def site(
        output: Annotated[Path | None, typer.Option("-o", "--output", help="输出文件夹（必填）/ the folder to write the pages into (required).", file_okay=False, show_default=False, metavar="DIR")] = None,
        plans_dir: PlansDir = Path("plans"),
    ) -> None:
        """生成静态网页 / Write the plans' pages as static files (no forms) for an intranet or a government site.

        An index, a page per plan and per indicator in 中文 and English, charts, a CSV per indicator, print
        styles; every link relative, nothing fetched from elsewhere.

        \b
        Example: plantrack site -o 网站
        """
        if output is None:
            from plantrack.errors import usage_error

            raise usage_error("请用 -o 指定输出文件夹，例如 plantrack site -o 网站 / give the folder with -o, e.g. "
                              "plantrack site -o site")
        from plantrack.parts import require

        require("web")  # the [web] extra, named with the command that installs it, or a refusal
        from plantrack.web.server import write_site

        write_site(plans_dir, output)
