"""The two commands themselves (issue 33, items 3 and 5): serve's first line and what it listens on, the
missing extra named as every command names one, and the refusals of their options."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from conftest import snapshot

pytest.importorskip("starlette", reason="the web extra: pip install -e '.[test]' installs it")


@pytest.mark.parametrize("command", [["serve"], ["site", "-o", "site-out"]])
def test_without_the_web_extra_the_command_says_which_extra_to_install(invoke, plans_dir, monkeypatch, command):
    from plantrack import parts

    monkeypatch.setattr(parts, "missing", lambda extras: {"web": ["starlette>=0.37"]} if "web" in extras else {})
    monkeypatch.setattr(parts, "installer", lambda prefix=None: "pip")
    result = invoke(*command, "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    assert '缺少可选组件 [web]（serve 与 site 网页）' in result.stderr
    assert 'pip install "plantrack-fyp[web]"' in result.stderr and "Traceback" not in result.stderr


def test_serve_prints_its_address_with_a_token_first_and_listens_on_127_0_0_1_only(plans_dir, tmp_path):
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PLANTRACK_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "plantrack", "serve", "--plans-dir", str(plans_dir), "--port", "0",
                             "--read-only"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        assert first.startswith("http://127.0.0.1:") and "/?token=" in first, first
        port = int(first.split(":")[2].split("/")[0])
        token = first.split("?token=")[1]
        assert len(token) >= 40                                   # secrets.token_urlsafe(32)
        assert "只读 / read-only" in proc.stdout.readline()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(first, timeout=30) as page:              # the token becomes a cookie
            assert page.status == 200 and "小昆山镇" in page.read().decode("utf-8")
        with pytest.raises(urllib.error.HTTPError) as refused:     # a rebinding page's Host
            opener.open(urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": "evil.example"}),
                        timeout=30)
        assert refused.value.code == 403
        for address in _other_addresses():                         # nothing listens beyond 127.0.0.1
            with socket.socket() as s:
                s.settimeout(2)
                assert s.connect_ex((address, port)) != 0, address
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl+C is a console event on Windows, not a signal to a pid")
def test_serve_prints_the_token_once_and_stops_on_ctrl_c_with_130(plans_dir, tmp_path):
    """Only the first line carries the token: no later line (a page, a refusal, an internal error's log) repeats
    it, since uvicorn's access log would print each address with ?token=…. Ctrl+C stops it with exit 130."""
    import signal

    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PLANTRACK_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "plantrack", "serve", "--plans-dir", str(plans_dir), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        token = first.split("?token=")[1]
        base = first.split("/?token=")[0]
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(first, timeout=30) as page:
            assert page.status == 200
        for address, code in ((f"{base}/plan/nowhere?token={token}", 400), (f"{base}/nowhere", 404),
                              (f"{base}/?token=wrong", 200)):
            try:
                opener.open(address, timeout=30).close()
                got = 200
            except urllib.error.HTTPError as refused:
                got = refused.code
            assert got == code, address
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == 130
    assert "已中断 / interrupted" in err and "Traceback" not in err
    assert token not in out and token not in err   # out: what followed the first line


def _other_addresses() -> list[str]:
    """This machine's address on its network: a UDP socket "connected" to a documentation address (RFC 5737;
    no packet is sent) is given the address it would send from."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return []
        address = probe.getsockname()[0]
    return [] if address.startswith("127.") or address == "0.0.0.0" else [address]


def test_the_listening_socket_is_bound_to_127_0_0_1():
    from plantrack.web.server import bind

    with bind(0) as sock:
        assert sock.getsockname()[0] == "127.0.0.1"


def test_serve_on_a_port_in_use_says_so(invoke, plans_dir):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        result = invoke("serve", "--plans-dir", str(plans_dir), "--port", str(busy.getsockname()[1]))
    assert result.exit_code == 1
    assert "无法使用" in result.stderr and "--port 0" in result.stderr


def test_site_refuses_to_write_into_the_plans_folder(invoke, plans_dir):
    before = snapshot(plans_dir)
    result = invoke("site", "--plans-dir", str(plans_dir), "-o", str(plans_dir / "site"))
    assert result.exit_code == 2
    assert "不能把网页写进规划目录" in result.stderr
    assert snapshot(plans_dir) == before


def test_site_without_a_folder_says_so_in_both_languages(invoke, plans_dir):
    result = invoke("site", "--plans-dir", str(plans_dir))
    assert result.exit_code == 2
    assert "请用 -o 指定输出文件夹" in result.stderr and "give the folder with -o" in result.stderr
