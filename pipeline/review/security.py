"""Who may reach the workbench and how POSTs are protected.

- Loopback by default; any other address needs FINDINGS_REVIEW_TOKEN (refused otherwise).
- With a token, every request carries it: `Authorization: Bearer ...`, or `?token=...` once, which sets
  an HttpOnly cookie and redirects to the same page without it.
- On loopback, only loopback Host headers are served (no DNS rebinding).
- POSTs need the double-submit CSRF token (cookie + form field) and, when the browser sends one, an
  Origin of this server.
- Every response carries a strict Content-Security-Policy: scripts and styles only from /static.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

TOKEN_ENV = "FINDINGS_REVIEW_TOKEN"
TOKEN_COOKIE = "findings_review_token"
CSRF_COOKIE = "findings_csrf"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class UnsafeBind(Exception):
    """Listening beyond loopback without a token."""


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse a non-loopback address unless a token is set."""
    if not is_loopback(host) and not token:
        raise UnsafeBind(f"refusing to listen on {host} without a token: set {TOKEN_ENV} "
                         "(or listen on 127.0.0.1)")


class Guard:
    """ASGI middleware: Host check, token, security headers."""

    def __init__(self, app, *, token: str | None, loopback_only: bool):
        self.app = app
        self.token = token
        self.loopback_only = loopback_only

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is not None:
            return await self._with_headers(refusal)(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _refusal(self, request: Request) -> Response | None:
        if self.loopback_only and not is_loopback(request.url.hostname or ""):
            return PlainTextResponse("this workbench only answers on loopback", status_code=400)
        if not self.token:
            return None
        given = request.query_params.get("token")
        if given is not None and _same(given, self.token):
            query = urlencode([(k, v) for k, v in parse_qsl(request.url.query) if k != "token"])
            response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), status_code=303)
            response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
            return response
        auth = request.headers.get("authorization", "")
        if auth.startswith("Bearer ") and _same(auth[7:], self.token):
            return None
        if _same(request.cookies.get(TOKEN_COOKIE, ""), self.token):
            return None
        return PlainTextResponse(f"a token is required: open the address with ?token=... ({TOKEN_ENV})",
                                 status_code=401)

    @staticmethod
    def _with_headers(response: Response) -> Response:
        response.headers.update(HEADERS)
        return response


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def csrf_token(request: Request) -> str:
    """The browser's CSRF token (made now if it has none; `remember_csrf` then sets the cookie)."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = request.state.new_csrf = secrets.token_urlsafe(24)
    return token


def remember_csrf(request: Request, response: Response) -> Response:
    new = getattr(request.state, "new_csrf", None)
    if new:
        response.set_cookie(CSRF_COOKIE, new, httponly=True, samesite="strict")
    return response


class Forbidden(Exception):
    """A POST failed the cross-site checks."""


async def read_form(request: Request) -> dict[str, str]:
    """The url-encoded form of a POST, after the CSRF and Origin checks (Forbidden otherwise)."""
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        raise Forbidden(f"cross-site request from {origin}")
    body = (await request.body()).decode("utf-8", errors="replace")
    form = dict(parse_qsl(body, keep_blank_values=True))
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not _same(form.get("csrf", ""), cookie):
        raise Forbidden("missing or wrong CSRF token: reload the page and try again")
    return form
