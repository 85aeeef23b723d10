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

    def index(self) -> str:
        return self._q("/")

    def plan(self, plan_id: str) -> str:
        return self._q(f"/plan/{quote(plan_id)}")

    def indicator(self, plan_id: str, ind_id: str) -> str:
        return self._q(f"/plan/{quote(plan_id)}/i/{quote(ind_id)}")

    def csv(self, plan_id: str, ind_id: str) -> str:
        return self._q(f"/plan/{quote(plan_id)}/i/{quote(ind_id)}.csv")

    def record(self, plan_id: str, ind_id: str) -> str:
        return self._q(f"/plan/{quote(plan_id)}/i/{quote(ind_id)}/record")

    def upload(self, plan_id: str) -> str:
        return self._q(f"/plan/{quote(plan_id)}/upload")

    def upload_write(self, plan_id: str, key: str) -> str:
        return self._q(f"/plan/{quote(plan_id)}/upload/{quote(key)}")

    def download(self, plan_id: str, name: str) -> str:
        return self._q(f"/plan/{quote(plan_id)}/download/{quote(name)}")

    def other_lang(self) -> str:
        return self.path + ("" if self.lang == "en" else "?lang=en")


class SiteLinks:
    """Relative file names: index(.en).html at the top, <plan>/index(.en).html, <plan>/i/<indicator>(.en).html."""

    def __init__(self, lang: str, depth: int, here: str) -> None:
        self.lang, self.up, self.here = lang, "../" * depth, here

    def _page(self, stem: str) -> str:
        return f"{stem}{'.en' if self.lang == 'en' else ''}.html"

    def index(self) -> str:
        return self.up + self._page("index")

    def plan(self, plan_id: str) -> str:
        return self.up + quote(plan_id) + "/" + self._page("index")

    def indicator(self, plan_id: str, ind_id: str) -> str:
        return self.up + quote(plan_id) + "/i/" + self._page(quote(ind_id))

    def csv(self, plan_id: str, ind_id: str) -> str:
        return self.up + quote(plan_id) + "/i/" + quote(ind_id) + ".csv"

    def download(self, plan_id: str, name: str) -> str:
        return self.up + quote(plan_id) + "/" + quote(name)

    def other_lang(self) -> str:
        stem = self.here.removesuffix(".html").removesuffix(".en")
        return stem + (".html" if self.lang == "en" else ".en.html")
