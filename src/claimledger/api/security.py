"""HTTP hardening for the app, as one ASGI middleware: ``harden(app)``.

- Security headers on every response: a Content-Security-Policy that allows no inline script
  (nor any script but the app's own), ``X-Content-Type-Options: nosniff``, framing refused
  (``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``), no referrer.
- A request body limit (``Policy.max_body`` bytes): 413 before the route runs, whether the
  client sends a Content-Length or streams the body.
- CPU-heavy routes (``POST /api/extract``): the ledger's bearer token when one is set
  (``Settings.api_token``: ``CLAIMLEDGER_TOKEN`` or ``serve --token``; 401 without it), a
  per-client token-bucket rate limit (429 with ``Retry-After``) and a cap on requests in
  flight at once (429), whatever the token.

A request FastAPI finds invalid (a lone surrogate in the posted JSON, say) is a 422 whose
JSON always encodes. Refusals are JSON like every API error: ``{"error": "CL012", "detail": "[CL012] ..."}``
(``"unauthorized"`` for a missing or wrong token).
"""

from __future__ import annotations

import hmac
import json
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from claimledger.errors import OverLimit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)


@dataclass(frozen=True)
class Policy:
    """What the middleware enforces."""

    max_body: int = 512 * 1024  # bytes in one request body
    heavy: tuple[tuple[str, str], ...] = (("POST", "/api/extract"),)  # (method, path) of CPU-heavy routes
    token: str | None = None  # required as "Authorization: Bearer <token>" on heavy routes when set
    rate: float = 0.5  # heavy requests per second per client, sustained ...
    burst: int = 5  # ... with this many at once after a pause
    in_flight: int = 2  # heavy requests running at once, all clients together
    clients: int = 10_000  # rate-limit buckets kept (least recently seen dropped first)


class _Buckets:
    """Token buckets per client address, at most ``policy.clients`` of them."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # client -> (tokens, at)

    def wait(self, client: str, now: float) -> float:
        """0 when ``client`` may go now (a token is taken), else the seconds until it may."""
        tokens, at = self.buckets.pop(client, (float(self.policy.burst), now))
        tokens = min(float(self.policy.burst), tokens + (now - at) * self.policy.rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self.policy.rate
        self.buckets[client] = (tokens - 1 if wait == 0 else tokens, now)
        while len(self.buckets) > self.policy.clients:
            self.buckets.popitem(last=False)
        return wait


@dataclass(frozen=True)
class Refusal:
    """A response sent instead of running the route."""

    status: int
    payload: dict[str, str]
    headers: tuple[tuple[str, str], ...] = ()


class SecurityMiddleware:
    """The ASGI middleware; see the module docstring."""

    def __init__(self, app: ASGIApp, policy: Policy) -> None:
        self.app = app
        self.policy = policy
        self.buckets = _Buckets(policy)
        self.running = 0  # heavy requests in flight (one event loop: no lock needed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        heavy = (scope["method"], scope["path"]) in self.policy.heavy
        refusal = self._declared_too_large(scope) or (self._heavy_refusal(scope) if heavy else None)
        body: list[Message] = []
        if refusal is None:
            body, over = await _read_body(receive, self.policy.max_body)
            refusal = _too_large(self.policy.max_body) if over else None
        if refusal is not None:
            await _respond(send, refusal)
            return
        self.running += heavy
        try:
            await self.app(scope, _replay(body, receive), send)
        finally:
            self.running -= heavy

    def _declared_too_large(self, scope: Scope) -> Refusal | None:
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.policy.max_body):
            return _too_large(self.policy.max_body)
        return None

    def _heavy_refusal(self, scope: Scope) -> Refusal | None:
        if self.policy.token:
            given = (_header(scope, b"authorization") or "").removeprefix("Bearer ").strip()
            if not hmac.compare_digest(given.encode(), self.policy.token.encode()):
                detail = "this route needs 'Authorization: Bearer <token>' (the server's CLAIMLEDGER_TOKEN)"
                return Refusal(401, {"error": "unauthorized", "detail": detail}, (("www-authenticate", "Bearer"),))
        if self.running >= self.policy.in_flight:
            return _over(f"{self.policy.in_flight} extractions are running, the most at once", 1.0)
        client = (scope.get("client") or ("?", 0))[0]
        wait = self.buckets.wait(client, time.monotonic())
        if wait > 0:
            return _over(f"more than {self.policy.rate:g} extractions a second from {client}", wait)
        return None


def harden(app: Any, policy: Policy | None = None, token: str | None = None) -> None:
    """Wrap ``app`` (a FastAPI app) in the middleware (``policy``, else the defaults with
    ``token``), and answer invalid requests with JSON that always encodes (FastAPI echoes the
    input, which may hold a lone surrogate)."""
    from fastapi.exceptions import RequestValidationError

    app.add_middleware(SecurityMiddleware, policy=policy or Policy(token=token))
    app.add_exception_handler(RequestValidationError, _invalid_request)


async def _invalid_request(_: Any, exc: Any) -> Any:
    from fastapi.encoders import jsonable_encoder
    from starlette.responses import Response

    body = json.dumps({"detail": jsonable_encoder(exc.errors())}, ensure_ascii=True)  # \ud800 stays an escape
    return Response(body, status_code=422, media_type="application/json")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {k.lower() for k, _ in message.get("headers") or ()}
            message["headers"] = list(message.get("headers") or ()) + [h for h in HEADERS if h[0] not in present]
        await send(message)
    return sending


async def _read_body(receive: Receive, limit: int) -> tuple[list[Message], bool]:
    """The request's body messages, read up to ``limit`` bytes; True when it is over."""
    messages, size = [], 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages, False
        size += len(message.get("body", b""))
        if size > limit:
            return messages, True
        if not message.get("more_body"):
            return messages, False


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that gives the body read already, then what the client sends next."""
    pending = list(messages)

    async def replaying() -> Message:
        return pending.pop(0) if pending else await receive()
    return replaying


def _too_large(limit: int) -> Refusal:
    detail = str(OverLimit(f"request body over the {limit:,}-byte limit"))
    return Refusal(413, {"error": OverLimit.code, "detail": detail})


def _over(reason: str, wait: float) -> Refusal:
    seconds = str(max(1, math.ceil(wait)))
    detail = str(OverLimit(f"too many requests: {reason}; retry in {seconds} s"))
    return Refusal(429, {"error": OverLimit.code, "detail": detail}, (("retry-after", seconds),))


async def _respond(send: Send, refusal: Refusal) -> None:
    body = json.dumps(refusal.payload).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in refusal.headers]
    await send({"type": "http.response.start", "status": refusal.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
