"""The workbench web app (Starlette, server-rendered Jinja2 pages, one register connection).

Handlers are `async` and read the register directly: all requests share one connection on the event
loop's thread, which suits a local, single-analyst tool.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from pipeline.register import open_register
from pipeline.register.queries import resolve_document_id

from . import queries, store
from .charts import overview_charts
from .diff import diff_outputs
from .items import (KIND_LABELS, KINDS, ROLES, STATUSES, CorrectionError, build_added_item, finding_codes,
                    reviewed_items, sanction_kinds, validate_change)
from .render import segment_text
from .security import Forbidden, Guard, csrf_token, read_form, remember_csrf

HERE = Path(__file__).parent
REVIEWER_COOKIE = "findings_reviewer"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["query"] = lambda params: urlencode(params)
    return env


def create_app(db_url: str, *, token: str | None = None, loopback_only: bool = True,
               reviewer: str = "") -> Guard:
    """The ASGI app over the register at `db_url`, wrapped in the security guard."""
    env = _environment()
    state: dict = {}

    @contextlib.asynccontextmanager
    async def lifespan(app):
        state["register"] = open_register(db_url)
        try:
            yield
        finally:
            state.pop("register").close()

    def db():
        return state["register"].db

    def page(request: Request, template: str, status_code: int = 200, **context) -> Response:
        html = env.get_template(template).render(
            request=request, csrf=csrf_token(request), path=request.url.path,
            reviewer=request.cookies.get(REVIEWER_COOKIE) or reviewer, **context)
        return remember_csrf(request, HTMLResponse(html, status_code=status_code))

    def current_reviewer(request: Request, form: dict) -> str:
        return (form.get("reviewer") or request.cookies.get(REVIEWER_COOKIE) or reviewer).strip()[:100]

    async def overview(request: Request) -> Response:
        filters = queries.Filters.from_params(request.query_params)
        try:
            number = int(request.query_params.get("page", "1"))
        except ValueError:
            number = 1
        stats = queries.read_overview(db(), filters)
        return page(request, "overview.html", filters=filters, stats=stats, charts=overview_charts(stats),
                    listing=queries.read_document_list(db(), filters, number),
                    choices=queries.read_choices(db()), codes=finding_codes())

    def find_document(request: Request) -> str | None:
        return resolve_document_id(db(), request.path_params["document_id"])

    async def document(request: Request) -> Response:
        doc_id = find_document(request)
        found = queries.read_payload(db(), doc_id, request.query_params.get("version")) if doc_id else None
        if found is None:
            return page(request, "error.html", 404, message="No such document or version.")
        version, output = found
        versions = queries.read_versions(db(), doc_id)
        current = next((v["extractor_version"] for v in versions if v["current"]), None)
        corrections = store.read_corrections(db(), doc_id, version)
        items = reviewed_items(output, corrections)
        return page(request, "document.html", doc_id=doc_id, version=version, output=output,
                    versions=versions, editable=version == current, items=items,
                    segments=segment_text(output.get("text") or "", items),
                    state=store.read_state(db(), doc_id, version), corrections=corrections,
                    kinds=KINDS, kind_labels=KIND_LABELS, codes=finding_codes(), statuses=STATUSES,
                    roles=ROLES, sanction_kinds=sanction_kinds(), error=request.query_params.get("error", ""))

    async def changes(request: Request) -> Response:
        doc_id = find_document(request)
        versions = queries.read_versions(db(), doc_id) if doc_id else []
        if len(versions) < 2:
            return page(request, "error.html", 404, message="This document has only one extractor version.")
        names = [v["extractor_version"] for v in versions]
        new = request.query_params.get("to") or names[-1]
        old = request.query_params.get("from") or names[max(0, names.index(new) - 1) if new in names else -2]
        left, right = queries.read_payload(db(), doc_id, old), queries.read_payload(db(), doc_id, new)
        if left is None or right is None:
            return page(request, "error.html", 404, message="No such extractor version of this document.")
        return page(request, "changes.html", doc_id=doc_id, versions=names, old=old, new=new,
                    title=right[1].get("title"), diff=diff_outputs(left[1], right[1]))

    async def runs(request: Request) -> Response:
        return page(request, "runs.html", runs=queries.read_runs(db()))

    async def run(request: Request) -> Response:
        run_id = request.path_params["run_id"]
        found = state["register"].run(run_id)
        if found is None:
            return page(request, "error.html", 404, message="No such run.")
        return page(request, "run.html", run=found, changes=queries.read_run_changes(db(), run_id))

    async def post_review(request: Request) -> Response:
        """accept / reject / change an item, add one from a selection, or set the document's review state."""
        try:
            form = await read_form(request)
        except Forbidden as exc:
            return PlainTextResponse(str(exc), status_code=403)
        doc_id = find_document(request)
        if doc_id is None:
            return PlainTextResponse("no such document", status_code=404)
        version, action = form.get("version", ""), form.get("action", "")
        anchor = ""
        try:
            name = current_reviewer(request, form)
            output = queries.read_payload(db(), doc_id, version)
            if output is None:
                raise CorrectionError(f"no version {version} of this document")
            output = output[1]
            if action in ("reviewed", "in_review"):
                store.set_state(db(), doc_id, version, action, name)
            elif action == "add":
                kind = form.get("kind", "")
                item = build_added_item(output.get("text") or "", kind, _int(form.get("start")),
                                        _int(form.get("end")), form.get("value", ""))
                anchor = store.record_correction(db(), doc_id, version, "", "add", {"kind": kind, "item": item},
                                                 name)
                anchor = f"add:{anchor}"
            elif action in ("accept", "reject", "change"):
                items = {i.ref: i for i in reviewed_items(output, store.read_corrections(db(), doc_id, version))}
                target = items.get(form.get("item", ""))
                if target is None:
                    raise CorrectionError(f"no item {form.get('item')!r} in this version")
                detail = {}
                if action == "change":
                    wanted = {k: form[k] for k in ("code", "status", "role") if form.get(k)}
                    detail = validate_change(target, {k: v for k, v in wanted.items() if target.data.get(k) != v})
                store.record_correction(db(), doc_id, version, target.ref, action, detail, name)
                anchor = target.ref
            else:
                raise CorrectionError(f"unknown action: {action!r}")
        except CorrectionError as exc:
            return _back(doc_id, version, error=str(exc))
        response = _back(doc_id, version, anchor=anchor)
        if form.get("reviewer"):
            response.set_cookie(REVIEWER_COOKIE, name, httponly=True, samesite="strict")
        return response

    async def post_reviewer(request: Request) -> Response:
        try:
            form = await read_form(request)
        except Forbidden as exc:
            return PlainTextResponse(str(exc), status_code=403)
        back = form.get("back", "/")
        response = RedirectResponse(back if back.startswith("/") and not back.startswith("//") else "/",
                                    status_code=303)
        response.set_cookie(REVIEWER_COOKIE, form.get("reviewer", "").strip()[:100], httponly=True,
                            samesite="strict")
        return response

    routes = [
        Route("/", overview),
        Route("/documents/{document_id}", document),
        Route("/documents/{document_id}/changes", changes),
        Route("/documents/{document_id}/review", post_review, methods=["POST"]),
        Route("/runs", runs),
        Route("/runs/{run_id}", run),
        Route("/reviewer", post_reviewer, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Guard(Starlette(routes=routes, lifespan=lifespan), token=token, loopback_only=loopback_only)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise CorrectionError(f"not a number: {value!r}") from None


def _back(doc_id: str, version: str, *, anchor: str = "", error: str = "") -> RedirectResponse:
    query = urlencode({"version": version, **({"error": error} if error else {})})
    return RedirectResponse(f"/documents/{doc_id}?{query}" + (f"#item-{anchor}" if anchor else ""),
                            status_code=303)
