"""What every request to `plantrack serve` must pass before a page is made (docs/web.md, "Safe by default").

- The Host header names this server (127.0.0.1 or localhost, its port): a page of another site that a DNS
  rebinding points at 127.0.0.1 sends its own host name, and is refused.
- The token printed on serve's first line, once in the address (?token=…), then in a cookie (HttpOnly,
  SameSite=Strict: another site's form or script never sends it). Every page needs it, reading too: the
  figures may not be public, and another user of the same PC can reach 127.0.0.1.
- A write (POST) needs, besides, the form's CSRF field (an HMAC of the token: a page that cannot read ours
  cannot know it), an Origin, when the browser sends one, of this server, and a body under the upload limit.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plantrack.errors import PlantrackError

if TYPE_CHECKING:
    from starlette.requests import Request

# The cookie's name carries the port: a browser keeps cookies by host, not by port, so two `plantrack serve`
# on one PC (two repositories) would otherwise each replace the other's token and sign its tabs out.
COOKIE = "plantrack_token"
# On every answer, a second line of defence: no script runs (the pages have none), nothing is loaded from
# elsewhere, no other site may frame the page, forms go only here, and no address leaks to another site as a
# referrer. (same-origin, not no-referrer: under no-referrer Chromium sends the page's own forms with "Origin: null",
# which check_write must refuse.)
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
# A workbook of a plan's figures is tens of kilobytes; 5 MB leaves room for a bureau's whole annual sheet
# (readfile.MAX_BYTES bounds what any command reads).
MAX_UPLOAD = 5 * 1024 * 1024


def same(given: str, expected: str) -> bool:
    """Constant-time equality of a token, a form field or a fingerprint as sent: compared as UTF-8 bytes, since
    hmac.compare_digest raises TypeError on a str with a non-ASCII character (a 500 page, not a refusal)."""
    return bool(given) and hmac.compare_digest(given.encode("utf-8", "surrogatepass"),
                                               expected.encode("utf-8", "surrogatepass"))


class Refused(PlantrackError):
    """A request refused before any plan is read: its HTTP status beside the message."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message, code=2)
        self.status = status


@dataclass
class Guard:
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    hosts: frozenset[str] = frozenset()
    read_only: bool = False
    cookie: str = COOKIE

    @property
    def csrf(self) -> str:
        return hmac.new(self.token.encode(), b"plantrack-form", hashlib.sha256).hexdigest()

    def allow(self, port: int) -> None:
        """The Host headers this server answers to, once its port is known (on port 80 a browser leaves the
        port out). Not [::1]: serve listens on 127.0.0.1 only."""
        names = ("127.0.0.1", "localhost")
        self.hosts = frozenset({f"{name}:{port}" for name in names} | (set(names) if port == 80 else set()))
        self.cookie = f"{COOKIE}_{port}"

    def check_host(self, request: Request) -> None:
        host = request.headers.get("host", "")
        if host not in self.hosts:
            raise Refused(f"拒绝访问：请求的主机名 {host!r} 不是本机的 plantrack serve（防 DNS 重绑定）。请用 plantrack serve "
                          f"打印的地址打开 / refused: the Host {host!r} is not this plantrack serve (DNS rebinding "
                          "guard). Open the address plantrack serve printed", 403)

    def has_token(self, request: Request) -> bool:
        return same(request.cookies.get(self.cookie, ""), self.token)

    def token_in_query(self, request: Request) -> bool:
        return same(request.query_params.get("token", ""), self.token)

    def check_token(self, request: Request) -> None:
        if not self.has_token(request):
            raise Refused("需要访问令牌：请用 plantrack serve 第一行打印的地址（含 ?token=…）打开 / a token is needed: open "
                          "the address plantrack serve printed on its first line (with ?token=…)", 403)

    def check_write(self, request: Request) -> None:
        """Before a POST's body is read: read-only, the Origin, the size."""
        if self.read_only:
            raise Refused("本服务以 --read-only 启动，不能记录或导入 / this server was started with --read-only: "
                          "nothing can be recorded or imported", 403)
        origin = request.headers.get("origin")
        if origin is not None and origin.removeprefix("http://") not in self.hosts:
            raise Refused(f"拒绝来自其他网站的提交（Origin {origin!r}）/ refused a form sent from another site "
                          f"(Origin {origin!r})", 403)
        length = request.headers.get("content-length")
        if length is None or not length.isdigit():
            raise Refused("提交缺少长度（Content-Length）/ the form has no Content-Length", 411)
        if int(length) > MAX_UPLOAD:
            raise Refused(f"上传的文件过大（{int(length)} 字节，上限 {MAX_UPLOAD} 字节）；没有写入任何数据 / the upload is "
                          f"too large ({int(length)} bytes, limit {MAX_UPLOAD}): nothing was written", 413)

    def check_csrf(self, given: str) -> None:
        if not same(given, self.csrf):
            raise Refused("表单已失效或来自其他网站（CSRF 校验失败）；没有写入任何数据。请重新打开此页再提交 / the form is not "
                          "this page's (CSRF check failed): nothing was written. Reload the page and send it again", 403)
