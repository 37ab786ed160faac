"""The HTTP middleware: a request id for every request (and its `X-Request-ID` header), one access
log line without the query string, and latency by route template for /metrics."""

import logging
import time

from prometheus_client import Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nb.core.observability.request_context import current_request_id, request_id_from

log = logging.getLogger("nb.access")
HTTP_SECONDS = Histogram(
    "nb_http_request_duration_seconds",
    "HTTP request latency by route template",
    ("method", "route", "status"),
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)
DB_POOL_IN_USE = Gauge(
    "nb_db_pool_connections_in_use",
    "Database connections checked out, summed over live workers",
    multiprocess_mode="livesum",
)


class ObservabilityMiddleware:
    """Pure ASGI, so streamed answers pass through untouched; the route template (not the raw path)
    labels the metrics, keeping their cardinality bounded."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or ())
        request_id = request_id_from(headers.get(b"x-request-id", b"").decode("latin-1"))
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            HTTP_SECONDS.labels(scope["method"], route, f"{status // 100}xx").observe(elapsed)
            self._pool_in_use(scope)
            log.info(
                "%s %s %s",
                scope["method"],
                route,
                status,
                extra={"path": scope["path"], "status": status, "duration_ms": round(elapsed * 1000, 1)},
            )
            current_request_id.reset(token)

    @staticmethod
    def _pool_in_use(scope: Scope) -> None:
        runtime = getattr(getattr(scope.get("app"), "state", None), "runtime", None)
        if runtime is not None:
            DB_POOL_IN_USE.set(runtime.engine.pool.checkedout())
