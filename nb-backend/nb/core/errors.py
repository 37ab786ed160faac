"""One error type for the /api family: a status, a human message and a machine-readable code."""

GEMINI_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    402: "FAILED_PRECONDITION",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    413: "INVALID_ARGUMENT",
    422: "INVALID_ARGUMENT",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}


class ApiError(Exception):
    """Rendered as `{"detail", "code"}` under /api and as Gemini's `{"error": {...}}` under /v1beta."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        headers: dict[str, str] | None = None,
        gemini_status: str | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers
        self.gemini_status = gemini_status or GEMINI_STATUS.get(status, "UNKNOWN")

    def gemini_body(self) -> dict:
        return {"error": {"code": self.status, "message": self.detail, "status": self.gemini_status}}


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"{what} not found")


def unauthorized(detail: str = "not authenticated") -> ApiError:
    return ApiError(401, "unauthorized", detail, {"WWW-Authenticate": "Bearer"})


def forbidden(detail: str = "not allowed") -> ApiError:
    return ApiError(403, "forbidden", detail)


def throttled(retry_after: int, detail: str = "too many attempts, try again later") -> ApiError:
    return ApiError(429, "throttled", detail, {"Retry-After": str(max(1, retry_after))})
