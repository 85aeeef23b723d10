"""Where each page is: an address on `serve`, a relative file name in `site`'s folder (no link leaves it)."""

from __future__ import annotations

from urllib.parse import quote


class ServeLinks:
    """Addresses on the running server; the language rides in ?lang=en (Chinese is the default)."""

    def __init__(self, lang: str, path: str = "/") -> None:
        # The address asked for, one leading slash: "//evil.example/x" would be a link to another site.
        self.lang, self.path = lang, "/" + path.lstrip("/")

    def _q(self, url: str) -> str:
        return url + ("?lang=en" if self.lang == "en" else "")

    def _plan(self, plan_id: str, tail: str = "") -> str:
        """A plan's address, or one under it: every such address begins /plan/<plan id>."""
        return self._q(f"/plan/{quote(plan_id)}{tail}")

    def index(self) -> str:
        return self._q("/")

    def plan(self, plan_id: str) -> str:
        return self._plan(plan_id)

    def indicator(self, plan_id: str, ind_id: str) -> str:
        return self._plan(plan_id, f"/i/{quote(ind_id)}")

    def csv(self, plan_id: str, ind_id: str) -> str:
        return self._plan(plan_id, f"/i/{quote(ind_id)}.csv")

    def record(self, plan_id: str, ind_id: str) -> str:
        return self._plan(plan_id, f"/i/{quote(ind_id)}/record")

    def upload(self, plan_id: str) -> str:
        return self._plan(plan_id, "/upload")

    def upload_write(self, plan_id: str, key: str) -> str:
        return self._plan(plan_id, f"/upload/{quote(key)}")

    def download(self, plan_id: str, name: str) -> str:
        return self._plan(plan_id, f"/download/{quote(name)}")

    def other_lang(self) -> str:
        return self.path + ("" if self.lang == "en" else "?lang=en")


def page_file(stem: str, lang: str) -> str:
    """A page's file name in `site`'s folder: index.html in Chinese, index.en.html in English."""
    return f"{stem}{'.en' if lang == 'en' else ''}.html"


class SiteLinks:
    """Relative file names: index(.en).html at the top, <plan>/index(.en).html, <plan>/i/<indicator>(.en).html."""

    def __init__(self, lang: str, depth: int, here: str) -> None:
        self.lang, self.up, self.here = lang, "../" * depth, here

    def index(self) -> str:
        return self.up + page_file("index", self.lang)

    def plan(self, plan_id: str) -> str:
        return self.up + quote(plan_id) + "/" + page_file("index", self.lang)

    def indicator(self, plan_id: str, ind_id: str) -> str:
        return self.up + quote(plan_id) + "/i/" + page_file(quote(ind_id), self.lang)

    def csv(self, plan_id: str, ind_id: str) -> str:
        return self.up + quote(plan_id) + "/i/" + quote(ind_id) + ".csv"

    def download(self, plan_id: str, name: str) -> str:
        return self.up + quote(plan_id) + "/" + quote(name)

    def other_lang(self) -> str:
        stem = self.here.removesuffix(".html").removesuffix(".en")
        return stem + (".html" if self.lang == "en" else ".en.html")
