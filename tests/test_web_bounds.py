"""What serve's page may make the server do (issue 33, review leftovers): a workbook upload unpacks to no more
than the page's own bound, far below the command line's; the listening socket is the one serve's alone."""

from __future__ import annotations

import io
import sys
import zipfile

import pytest

from conftest import snapshot
from test_web_record import workbook
from web_client import PLAN, client, hidden, text

MB = 1024 * 1024


def padded_workbook(unpacked: int) -> bytes:
    """The one-row workbook of test_web_record, its sheet XML ending in spaces making its parts unpack to exactly
    `unpacked` bytes: it deflates to a few tens of KB, well inside the 5 MB body limit, and parses in a tenth of a
    second."""
    plain = io.BytesIO(workbook("xlsx"))
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        others = sum(i.file_size for i in src.infolist())
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                pad = unpacked - others
                data = data.replace(b"</worksheet>", b" " * pad + b"</worksheet>")
            dst.writestr(item.filename, data)
    return out.getvalue()


def test_an_upload_unpacking_past_the_pages_bound_is_refused_but_import_reads_it(plans_dir, invoke, tmp_path):
    data = padded_workbook(33 * MB)   # above the page's 32 MB, far below import's 256 MB
    assert len(data) < 1 * MB
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}").text
    before = snapshot(plans_dir)
    sent = browser.post(f"/plan/{PLAN}/upload", data={"csrf": hidden(page, "csrf")},
                        files={"file": ("2022.xlsx", data, "application/octet-stream")})
    said = " ".join(text(sent.text).split())
    assert sent.status_code == 400, said
    assert "2022.xlsx 解压后有 33 MB" in said and "超过网页上传上限 32 MB" in said
    assert "拆成" in said and "plantrack import" in said and "split the workbook" in said
    assert 'id="write"' not in sent.text and "Traceback" not in sent.text
    assert snapshot(plans_dir) == before
    # The command line keeps its own bound: the same file is read by `import --dry-run`.
    (tmp_path / "2022.xlsx").write_bytes(data)
    cli = invoke("import", str(tmp_path / "2022.xlsx"), "--dry-run", "--plans-dir", str(plans_dir))
    assert cli.exit_code == 0, cli.stderr
    assert "value-added-growth" in cli.stdout and "512000" in cli.stdout
    assert snapshot(plans_dir) == before


def test_an_upload_just_inside_the_pages_bound_is_shown_as_its_dry_run(plans_dir):
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}").text
    sent = browser.post(f"/plan/{PLAN}/upload", data={"csrf": hidden(page, "csrf")},
                        files={"file": ("2022.xlsx", padded_workbook(31 * MB), "application/octet-stream")})
    assert sent.status_code == 200, text(sent.text)
    assert "value-added-growth 2022 = 512000 万元" in text(sent.text) and 'id="write"' in sent.text


# The listening socket. Windows' constants (winsock2.h): SOL_SOCKET 0xFFFF, SO_REUSEADDR 4, SO_EXCLUSIVEADDRUSE
# ~SO_REUSEADDR = -5; Linux's (asm-generic/socket.h): SOL_SOCKET 1, SO_REUSEADDR 2; macOS: 0xFFFF and 4.
WINDOWS = {"SOL_SOCKET": 0xFFFF, "SO_REUSEADDR": 4, "SO_EXCLUSIVEADDRUSE": -5}
LINUX = {"SOL_SOCKET": 1, "SO_REUSEADDR": 2}
MACOS = {"SOL_SOCKET": 0xFFFF, "SO_REUSEADDR": 4}


@pytest.mark.parametrize(("constants", "options"), [
    (WINDOWS, [(0xFFFF, -5, 1)]),   # exclusive, and never SO_REUSEADDR (on Windows, the option that steals a port)
    (LINUX, [(1, 2, 1)]),           # as uvicorn binds: a restart is not refused for TIME_WAIT
    (MACOS, [(0xFFFF, 4, 1)]),
], ids=["windows", "linux", "macos"])
def test_the_listening_socket_options_for_each_platform(constants, options):
    from types import SimpleNamespace

    from plantrack.web.server import listen_options

    assert listen_options(SimpleNamespace(**constants)) == options


class FakeNet:
    """A Windows socket module: its socket records what is done to it, in order; `refuse` makes bind fail."""

    AF_INET, SOCK_STREAM = 2, 1

    def __init__(self, refuse: OSError | None = None) -> None:
        self.__dict__.update(WINDOWS)
        self.calls: list[tuple[object, ...]] = []
        self.refuse = refuse

    def socket(self, family: int, kind: int) -> FakeNet:
        self.calls.append(("socket", family, kind))
        return self

    def setsockopt(self, *option: int) -> None:
        self.calls.append(("setsockopt", *option))

    def bind(self, address: tuple[str, int]) -> None:
        self.calls.append(("bind", address))
        if self.refuse:
            raise self.refuse

    def listen(self, backlog: int) -> None:
        self.calls.append(("listen", backlog))

    def close(self) -> None:
        self.calls.append(("close",))


def test_on_windows_the_port_is_made_exclusive_before_it_is_bound():
    from plantrack.web.server import bind

    net = FakeNet()
    assert bind(8765, net) is net
    assert net.calls == [("socket", 2, 1), ("setsockopt", 0xFFFF, -5, 1), ("bind", ("127.0.0.1", 8765)),
                         ("listen", 64)]


def test_on_windows_a_port_in_use_is_refused_with_the_same_words():
    from plantrack.errors import PlantrackError
    from plantrack.web.server import bind

    net = FakeNet(OSError(10048, "通常每个套接字地址只允许使用一次"))   # WSAEADDRINUSE, as Windows words it
    with pytest.raises(PlantrackError) as refused:
        bind(8765, net)
    assert refused.value.code == 1
    assert refused.value.message.startswith("端口 8765 无法使用（通常每个套接字地址只允许使用一次）；换一个端口，或用 --port 0")
    assert net.calls[-1] == ("close",) and ("listen", 64) not in net.calls


def test_the_real_socket_listens_on_127_0_0_1_on_a_free_port_with_the_platforms_options():
    import socket

    from plantrack.web.server import bind

    with bind(0) as sock:
        assert sock.getsockname()[0] == "127.0.0.1" and sock.getsockname()[1] != 0
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):   # only a Windows run checks this row
            assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE) != 0
            assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) == 0
        else:
            assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0


@pytest.mark.parametrize("other_reuses", [False, True], ids=["plain", "other-sets-so_reuseaddr"])
def test_a_port_another_program_listens_on_is_still_refused(invoke, plans_dir, other_reuses):
    import socket

    with socket.socket() as busy:
        if other_reuses:   # another uvicorn, say
            busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = invoke("serve", "--plans-dir", str(plans_dir), "--port", str(port))
    assert result.exit_code == 1 and result.stdout == ""
    assert f"端口 {port} 无法使用" in result.stderr and "--port 0" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="TIME_WAIT never blocks a bind on Windows")
def test_serve_can_listen_again_on_its_port_right_after_it_stopped():
    """Stopping serve leaves the connections it closed in TIME_WAIT for a minute; `--port N` again at once
    must not be refused for them (before: "端口 N 无法使用（Address already in use）")."""
    import socket

    from plantrack.web.server import bind

    with bind(0) as first:
        port = first.getsockname()[1]
        browser = socket.create_connection(("127.0.0.1", port))
        conn, _ = first.accept()
        conn.close()                 # serve closes first: its side of the connection waits in TIME_WAIT
        browser.recv(1)
        browser.close()
    with bind(port) as again:
        assert again.getsockname() == ("127.0.0.1", port)
