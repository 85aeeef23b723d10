"""`plantrack serve`'s application: Starlette routes over the plans folder. Every request passes the guard
(guard.py) first; every refusal, the guard's or the core's (a PlantrackError), is a page with the message the
command line prints; anything else is a page without a traceback (the traceback goes to the server's log)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plantrack.errors import PlantrackError
from plantrack.web.downloads import DOWNLOADS, label, make
from plantrack.web.guard import HEADERS, MAX_UPLOAD, Guard, Refused
from plantrack.web.links import ServeLinks
from plantrack.web.words import WORDS

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.datastructures import FormData
    from starlette.requests import Request
    from starlette.responses import Response


def lang_of(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "zh"


def create_app(plans_dir: Path, guard: Guard) -> Starlette:
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.middleware import Middleware
    from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
    from starlette.responses import HTMLResponse, RedirectResponse, Response
    from starlette.routing import Route

    from plantrack.web import data, pages, write

    uploads = write.Uploads()

    def links(request: Request) -> ServeLinks:
        # The language switch of an answer to a form leads to the page the form was on (the form's address
        # takes only POST).
        path = request.url.path
        path = path.removesuffix("/record") if path.endswith("/record") else path.split("/upload", 1)[0]
        return ServeLinks(lang_of(request), path)

    def forms() -> dict[str, Any]:
        return {"csrf": guard.csrf, "writable": not guard.read_only}

    def refused(request: Request, exc: PlantrackError, status: int) -> Response:
        findings = [str(f) for f in exc.findings[:50]]
        return HTMLResponse(pages.error_page(exc.message, findings, lang_of(request), links(request)), status)

    async def guarded(request: Request, call_next: RequestResponseEndpoint) -> Response:
        answer = await checked(request, call_next)
        answer.headers.update(HEADERS)
        return answer

    async def checked(request: Request, call_next: RequestResponseEndpoint) -> Response:
        try:
            guard.check_host(request)
            if guard.token_in_query(request):  # the printed address: keep the token in a cookie, drop it from the URL
                # One leading slash: "//evil.example/?token=…" must not send the browser to another site.
                target = "/" + request.url.path.lstrip("/") + ("?lang=en" if lang_of(request) == "en" else "")
                answer = RedirectResponse(target, 303)
                answer.set_cookie(guard.cookie, guard.token, httponly=True, samesite="strict", path="/")
                return answer
            guard.check_token(request)
            if request.method not in ("GET", "HEAD"):
                guard.check_write(request)
            return await call_next(request)
        except Refused as exc:
            return refused(request, exc, exc.status)
        except PlantrackError as exc:
            return refused(request, exc, 400 if exc.code == 2 else 409)
        except Exception:  # never a traceback on the page; the server's log keeps it
            import logging

            logging.getLogger("plantrack.web").exception("page failed")
            message = PlantrackError("内部错误，没有写入任何数据；详情见 plantrack serve 的窗口 / internal error: nothing "
                                     "was written; the details are in plantrack serve's window")
            return refused(request, message, 500)

    async def form_of(request: Request, max_fields: int = 40) -> FormData:
        """The form sent, within its bounds, once its CSRF field is this page's (every POST reads it so)."""
        form = await request.form(max_files=1, max_fields=max_fields, max_part_size=MAX_UPLOAD)
        guard.check_csrf(str(form.get("csrf", "")))
        return form

    def plan_id_of(request: Request) -> str:
        """The plan named in the address, one of the plans folder's own (contain.py): never a path."""
        from plantrack.contain import plan_ids

        wanted = request.path_params["plan"]
        if wanted not in plan_ids(plans_dir):
            from plantrack.many import chosen_ids

            chosen_ids(plans_dir, [wanted])  # the command line's refusal, naming the plans there are
        return str(wanted)

    async def index(request: Request) -> Response:
        lang = lang_of(request)
        return HTMLResponse(pages.index_page(data.overview(plans_dir, lang), lang, links(request)))

    def plan_response(request: Request, plan_id: str, **extra: Any) -> Response:
        lang = lang_of(request)
        plan, result = data.judged(plans_dir, plan_id)
        downloads = [(label(name, lang), links(request).download(plan_id, name)) for name in DOWNLOADS]
        return HTMLResponse(pages.plan_page(plan, result, lang, links(request), downloads, **forms(), **extra))

    async def plan_page(request: Request) -> Response:
        return plan_response(request, plan_id_of(request))

    def indicator_response(request: Request, plan_id: str, ind_id: str, status: int = 200, **extra: Any) -> Response:
        lang = lang_of(request)
        page = data.indicator_page(plans_dir, plan_id, ind_id, lang)
        return HTMLResponse(pages.indicator_page(page, lang, links(request), **forms(), **extra), status)

    async def indicator(request: Request) -> Response:
        return indicator_response(request, plan_id_of(request), request.path_params["ind"])

    async def indicator_csv(request: Request) -> Response:
        from plantrack.web.site import indicator_csv as make

        plan_id = plan_id_of(request)
        text = make(data.judged(plans_dir, plan_id)[0], request.path_params["ind"], lang_of(request))
        return Response(text.encode("utf-8"), media_type="text/csv; charset=utf-8")

    async def record(request: Request) -> Response:
        plan_id = plan_id_of(request)
        fields = {k: v for k, v in (await form_of(request)).items() if isinstance(v, str)}
        ind_id = request.path_params["ind"]
        fields["indicator"] = ind_id
        # In a worker thread: the event loop keeps serving while a write waits for the plan's lock.
        done = await run_in_threadpool(write.record_form, plans_dir, plan_id, fields)
        if done.slip:  # the slip guard's words, and a button that sends the same form confirmed
            sent = {k: v for k, v in fields.items() if k not in ("csrf", "confirm")}
            return indicator_response(request, plan_id, ind_id, 200, slip=done.slip, sent=sent)
        return indicator_response(request, plan_id, ind_id, notice=written(done, lang_of(request)))

    def written(done: write.Outcome, lang: str) -> str:
        from plantrack.render.recorded import written_lines

        assert done.plan is not None
        return WORDS[lang]["written"] + "：" + "；".join(written_lines(done.plan, done.stored, lang, False))

    async def upload(request: Request) -> Response:
        from plantrack.opening import open_plan
        from plantrack.render.recorded import written_lines

        plan_id = plan_id_of(request)
        sent = (await form_of(request, max_fields=5)).get("file")
        if sent is None or isinstance(sent, str):
            raise PlantrackError("请选择要上传的文件 / choose a file to upload", code=2)
        got = write.Upload(sent.filename or "upload.csv", await sent.read(),
                           data.fingerprint(open_plan(plans_dir, plan_id)))
        done = await run_in_threadpool(write.import_upload, plans_dir, plan_id, got, True)
        lang = lang_of(request)
        lines = written_lines(done.plan, done.stored, lang, True) if done.plan else []
        key = uploads.keep(replace(got, plan_id=plan_id, confirmed=bool(done.slip))) if lines else ""
        return HTMLResponse(pages.render("upload.html", lang, links(request), got.name, plan_id=plan_id,
                                         name=got.name, lines=lines, key=key, notice="", slip=done.slip, **forms()))

    async def upload_write(request: Request) -> Response:
        from plantrack.render.recorded import written_lines

        plan_id = plan_id_of(request)
        await form_of(request)
        got = uploads.take(request.path_params["key"], plan_id)
        done = await run_in_threadpool(write.import_upload, plans_dir, plan_id, got, False)
        lang = lang_of(request)
        lines = written_lines(done.plan, done.stored, lang, False) if done.plan else []
        return HTMLResponse(pages.render("upload.html", lang, links(request), got.name, plan_id=plan_id,
                                         name=got.name, lines=lines, key="", notice=WORDS[lang]["written"],
                                         slip="", **forms()))

    async def download(request: Request) -> Response:
        plan_id = plan_id_of(request)
        name = request.path_params["name"]
        if name not in DOWNLOADS:
            raise PlantrackError(f"没有这个下载：{name!r} / no such download: {name!r}", code=2)
        body = await run_in_threadpool(make, plans_dir, plan_id, name, lang_of(request))
        filename = f"{plan_id}-{name}"
        return Response(body, media_type=DOWNLOADS[name][1],
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    async def no_icon(_request: Request) -> Response:
        return Response(status_code=204)

    routes = [
        Route("/", index),
        Route("/favicon.ico", no_icon),
        Route("/plan/{plan}", plan_page),
        Route("/plan/{plan}/i/{ind}.csv", indicator_csv),
        Route("/plan/{plan}/i/{ind}", indicator),
        Route("/plan/{plan}/i/{ind}/record", record, methods=["POST"]),
        Route("/plan/{plan}/upload", upload, methods=["POST"]),
        Route("/plan/{plan}/upload/{key}", upload_write, methods=["POST"]),
        Route("/plan/{plan}/download/{name}", download),
    ]
    async def not_found(request: Request, _exc: Exception) -> Response:
        return refused(request, PlantrackError("没有这个页面 / no such page", code=2), 404)

    async def unreadable(request: Request, exc: Exception) -> Response:
        # Starlette's own refusal of a form past its limits (too many fields or files, a part too large, a
        # broken multipart body): a page in both languages, as every other refusal, not a bare English line.
        detail = getattr(exc, "detail", "")
        return refused(request, PlantrackError(f"表单无法读取（{detail}）；没有写入任何数据 / the form could not be read "
                                               f"({detail}): nothing was written", code=2), 400)

    return Starlette(routes=routes, middleware=[Middleware(BaseHTTPMiddleware, dispatch=guarded)],
                     exception_handlers={400: unreadable, 404: not_found, 405: not_found, 413: unreadable})
