"""The OpenAPI document says what the routes really answer: every error body in its family's envelope.

FastAPI documents only 200 and its own 422 array shape; this adds our envelopes (`ErrorOut` under
/api, `GeminiErrorOut` under /v1beta and /v1) for the statuses each route can return — 401 and
403 where a credential is required, 404 where a path names a resource, 422 for invalid input, 503
for an outage — plus `default` for the rest (429 throttles, 409 conflicts, 413 bodies), so a
schema-driven fuzzer and generated clients agree with the server.
"""

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from nb.core.error_handlers import is_gemini_path

ERROR = {
    "title": "ErrorOut",
    "type": "object",
    "required": ["detail", "code"],
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
}
GEMINI_ERROR = {
    "title": "GeminiErrorOut",
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "status"],
            "properties": {
                "code": {"type": "integer"},
                "message": {"type": "string"},
                "status": {"type": "string"},
                "details": {"type": "array", "items": {}},
            },
        }
    },
}
DESCRIPTIONS = {
    "400": "Bad request",
    "401": "Not authenticated",
    "403": "Not allowed",
    "404": "Not found",
    "422": "Invalid input",
    "500": "Internal error",
    "503": "Service unavailable; retry after Retry-After",
    "default": "Any other error (409 conflict, 413 body too large, 429 throttled, …)",
}
AUTHENTICATED = {"get_principal", "get_owner"}


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def _error_statuses(route: APIRoute) -> list[str]:
    names = {getattr(call, "__name__", "") for call in _calls(route.dependant)}
    statuses = ["400", "422", "500", "503", "default"]
    if names & AUTHENTICATED:
        statuses += ["401", "403"]
    if route.dependant.path_params:
        statuses.append("404")
    return statuses


def document_errors(app: FastAPI, routers: list[APIRouter]) -> None:
    """Replace `app.openapi` with a generator that adds the error responses of the given routers'
    routes (built once, then cached)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components["ErrorOut"], components["GeminiErrorOut"] = ERROR, GEMINI_ERROR
            for name in ("HTTPValidationError", "ValidationError"):
                components.pop(name, None)
            for router in routers:
                for route in router.routes:
                    if isinstance(route, APIRoute) and route.include_in_schema:
                        _document_route(schema, route)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _document_route(schema: dict[str, Any], route: APIRoute) -> None:
    envelope = "GeminiErrorOut" if is_gemini_path(route.path_format) else "ErrorOut"
    body = {"application/json": {"schema": {"$ref": f"#/components/schemas/{envelope}"}}}
    for method in route.methods or ():
        operation = schema["paths"].get(route.path_format, {}).get(method.lower())
        if operation is None:
            continue
        responses = operation.setdefault("responses", {})
        for status in _error_statuses(route):
            responses[status] = {"description": DESCRIPTIONS[status], "content": body}
