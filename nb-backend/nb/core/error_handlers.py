"""Every error leaves in its API family's envelope: Gemini's `{"error": {code, message, status}}`
under /v1beta and /v1, `{"detail", "code"}` everywhere else — an unexpected exception included."""

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from nb.core.errors import ApiError

GEMINI_PREFIXES = ("/v1beta", "/v1")


def is_gemini_path(path: str) -> bool:
    return path.startswith(tuple(prefix + "/" for prefix in GEMINI_PREFIXES))


def render(request: Request, error: ApiError) -> JSONResponse:
    """One error type, two envelopes: Gemini's under the Gemini-compatible paths, ours elsewhere."""
    body = error.gemini_body() if is_gemini_path(request.url.path) else {"detail": error.detail, "code": error.code}
    return JSONResponse(body, status_code=error.status, headers=error.headers)


def _validation_message(error: RequestValidationError) -> str:
    """Field paths and reasons only: the offending values may be passwords or keys."""
    parts = []
    for item in error.errors()[:5]:
        location = ".".join(str(part) for part in item.get("loc", ()) if part != "body")
        parts.append(f"{location}: {item.get('msg', 'invalid')}" if location else item.get("msg", "invalid"))
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> JSONResponse:
        return render(request, error)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        return render(request, ApiError(422, "invalid_request", _validation_message(error)))

    @app.exception_handler(PoolTimeout)
    async def saturated(request: Request, _: PoolTimeout) -> JSONResponse:
        """Every database connection stayed busy past the pool timeout: a retryable 503, not a 500.
        Nothing was charged that is not refunded (settlement failures are left to the sweeper)."""
        return render(request, ApiError(503, "busy", "the server is saturated, retry shortly", {"Retry-After": "2"}))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}.get(error.status_code, "http_error")
        return render(request, ApiError(error.status_code, code, str(error.detail), getattr(error, "headers", None)))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, _: Exception) -> JSONResponse:
        """A bug: the client gets the envelope its SDK parses and no internals; the log (through the
        server's own error logging) keeps the traceback."""
        return render(request, ApiError(500, "internal_error", "internal server error"))
