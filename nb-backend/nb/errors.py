"""One error type for the /api family: a status, a human message and a machine-readable code."""


class ApiError(Exception):
    def __init__(self, status: int, code: str, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"{what} not found")


def unauthorized(detail: str = "not authenticated") -> ApiError:
    return ApiError(401, "unauthorized", detail, {"WWW-Authenticate": "Bearer"})


def forbidden(detail: str = "not allowed") -> ApiError:
    return ApiError(403, "forbidden", detail)


def throttled(retry_after: int, detail: str = "too many attempts, try again later") -> ApiError:
    return ApiError(429, "throttled", detail, {"Retry-After": str(max(1, retry_after))})
