"""Headers every answer carries, added in one place (pure ASGI, so streams pass untouched).

All: `X-Content-Type-Options: nosniff` and `Referrer-Policy`. JSON that answers a request carrying
credentials: `Cache-Control: no-store` (balances, keys and tokens never sit in a shared cache).
HTML: it may not be framed (`frame-ancestors 'none'`, and `X-Frame-Options` for old browsers).
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

ALWAYS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"strict-origin-when-cross-origin")]
FRAMING = [(b"content-security-policy", b"frame-ancestors 'none'"), (b"x-frame-options", b"DENY")]
NO_STORE = (b"cache-control", b"no-store")
CREDENTIALS = (b"authorization", b"x-api-key", b"x-goog-api-key", b"x-visitor-id")


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request_headers = dict(scope.get("headers") or ())
        credentialed = any(name in request_headers for name in CREDENTIALS) or b"key=" in scope.get("query_string", b"")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                names = {name.lower() for name, _ in headers}
                content_type = dict(headers).get(b"content-type", b"")
                headers += [header for header in ALWAYS if header[0] not in names]
                if content_type.startswith(b"text/html"):
                    headers += [header for header in FRAMING if header[0] not in names]
                if credentialed and content_type.startswith(b"application/json") and b"cache-control" not in names:
                    headers.append(NO_STORE)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
