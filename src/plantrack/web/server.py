"""Running `serve` (uvicorn on a socket of our own, bound to 127.0.0.1 only and, on Windows, exclusively) and
writing `site`'s folder."""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from typing import Any

from plantrack.errors import PlantrackError

HOST = "127.0.0.1"  # never 0.0.0.0: the page can write the plans, and has no other login than the token


def listen_options(net: Any) -> list[tuple[int, int, int]]:
    """The (level, option, value) set on the listening socket before it is bound, for the platform whose socket
    module `net` is.

    Windows (it alone has SO_EXCLUSIVEADDRUSE): the port is ours alone. Without it, another program of the same
    user may bind the same address and port with SO_REUSEADDR and receive the browser's connections (the token
    and the forms with it); SO_REUSEADDR is never set here, since on Windows it is that stealing option.
    POSIX: SO_REUSEADDR, as uvicorn sets it, so `--port N` again right after Ctrl+C is not refused for the
    closed connections' TIME_WAIT; there it never lets a second program listen on a port already listened on.
    """
    if hasattr(net, "SO_EXCLUSIVEADDRUSE"):
        return [(net.SOL_SOCKET, net.SO_EXCLUSIVEADDRUSE, 1)]
    return [(net.SOL_SOCKET, net.SO_REUSEADDR, 1)]


def bind(port: int, net: Any = socket) -> socket.socket:
    """A listening socket on 127.0.0.1:port (0: a free port the system picks). `net`: the socket module (a test
    passes a fake Windows one)."""
    sock: socket.socket = net.socket(net.AF_INET, net.SOCK_STREAM)
    try:
        for option in listen_options(net):
            sock.setsockopt(*option)
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise PlantrackError(f"端口 {port} 无法使用（{exc.strerror}）；换一个端口，或用 --port 0 自动选择 / port {port} "
                             f"cannot be used ({exc.strerror}): choose another, or --port 0 for a free one", code=1) from None
    sock.listen(64)
    return sock


def serve(plans_dir: Path, port: int, read_only: bool) -> None:
    import uvicorn

    from plantrack.contain import plan_ids
    from plantrack.web.app import create_app
    from plantrack.web.guard import Guard

    plan_ids(plans_dir)  # the plans folder's own refusal (none there, unreadable) before anything is served
    sock = bind(port)
    guard = Guard(read_only=read_only)
    port = sock.getsockname()[1]
    guard.allow(port)
    # The first line: the address with its token, flushed at once (a script or a test reads it to connect).
    sys.stdout.write(f"http://{HOST}:{port}/?token={guard.token}\n")
    sys.stdout.write(("只读 / read-only · " if read_only else "") + "按 Ctrl+C 停止 / Ctrl+C stops it\n")
    sys.stdout.flush()
    config = uvicorn.Config(create_app(plans_dir, guard), log_level="warning", access_log=False,
                            server_header=False)
    uvicorn.Server(config).run(sockets=[sock])


def write_site(plans_dir: Path, out: Path) -> None:
    from plantrack.contain import plan_ids
    from plantrack.render.console import out as console
    from plantrack.web.site import build_site

    plan_ids(plans_dir)
    if out.resolve().is_relative_to(plans_dir.resolve()):
        raise PlantrackError("不能把网页写进规划目录 / the site cannot be written inside the plans folder: choose "
                             "another -o folder", code=2)
    written = build_site(plans_dir, out)
    console().print(f"已写入 {len(written)} 个文件到 {out} / wrote {len(written)} files to {out}", markup=False,
                    highlight=False)
