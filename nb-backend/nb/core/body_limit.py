"""Refuse request bodies over a size limit with 413 before reading them into memory."""

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyLimitMiddleware:
    """Declared sizes are refused before routing; chunked bodies when they cross the limit.

    `limits` maps a path prefix to its byte limit; the longest matching prefix wins."""

    def __init__(self, app: ASGIApp, default_limit: int, limits: dict[str, int]):
        self.app = app
        self.default_limit = default_limit
        self.limits = sorted(limits.items(), key=lambda item: -len(item[0]))

    def _limit_for(self, path: str) -> int:
        return next((limit for prefix, limit in self.limits if path.startswith(prefix)), self.default_limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(send, limit)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, _message(limit))
            return message

        await self.app(scope, counting_receive, send)


def _message(limit: int) -> str:
    return f"request body is larger than {limit} bytes"


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"detail": _message(limit), "code": "body_too_large"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
