"""The application factory: `create_app(settings)` builds a fully wired app; the lifespan owns its connections."""

from contextlib import asynccontextmanager
from urllib.parse import unquote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from nb.body_limit import BodyLimitMiddleware
from nb.errors import ApiError
from nb import periodic
from nb.observability import multiprocess
from nb.observability.http import ObservabilityMiddleware
from nb.routers import (admin_audit, admin_conversations, admin_models, admin_redeem, admin_stats, admin_tokens,
                        admin_users, auth, conversations, credits, gemini, health, images, keys, metrics, models)
from nb.runtime import Runtime
from nb.services import maintenance, retention, rollups
from nb.services.generation import Gateway
from nb.settings import MIN_SECRET_LENGTH, Settings
from nb.spa import mount_spa

API_BODY_LIMIT = 1 << 20
GENERATION_BODY_LIMIT = 64 << 20
CONVERSATION_BODY_LIMIT = 64 << 20
GEMINI_PREFIXES = ("/v1beta", "/v1")
ROUTERS = (health, auth, keys, credits, models, admin_users, admin_redeem, admin_audit, admin_models, admin_tokens,
           conversations, images, admin_conversations, admin_stats, metrics)


def _require_secrets(settings: Settings) -> None:
    """No environment runs with a weak JWT or encryption secret; `nb run` generates them when unset."""
    for name in ("jwt_secret_key", "token_encryption_key"):
        if len(getattr(settings, name)) < MIN_SECRET_LENGTH:
            raise ValueError(f"{name.upper()} must be at least {MIN_SECRET_LENGTH} characters")


async def _reject_nul_in_query(request: Request) -> None:
    """PostgreSQL text cannot hold NUL; refuse it in the query string before it reaches a filter."""
    if "\x00" in unquote(request.url.query):
        raise ApiError(400, "invalid_request", "query parameters must not contain NUL characters")


def _render(request: Request, error: ApiError) -> JSONResponse:
    """One error type, two envelopes: Gemini's under the Gemini-compatible paths, ours elsewhere."""
    if request.url.path.startswith(tuple(prefix + "/" for prefix in GEMINI_PREFIXES)):
        return JSONResponse(error.gemini_body(), status_code=error.status, headers=error.headers)
    return JSONResponse({"detail": error.detail, "code": error.code}, status_code=error.status, headers=error.headers)


def _validation_message(error: RequestValidationError) -> str:
    """Field paths and reasons only: the offending values may be passwords or keys."""
    parts = []
    for item in error.errors()[:5]:
        location = ".".join(str(part) for part in item.get("loc", ()) if part != "body")
        parts.append(f"{location}: {item.get('msg', 'invalid')}" if location else item.get("msg", "invalid"))
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> JSONResponse:
        return _render(request, error)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        return _render(request, ApiError(422, "invalid_request", _validation_message(error)))

    @app.exception_handler(PoolTimeout)
    async def saturated(request: Request, _: PoolTimeout) -> JSONResponse:
        """Every database connection stayed busy past the pool timeout: a retryable 503, not a 500.
        Nothing was charged that is not refunded (settlement failures are left to the sweeper)."""
        return _render(request, ApiError(503, "busy", "the server is saturated, retry shortly", {"Retry-After": "2"}))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}.get(error.status_code, "http_error")
        return _render(request, ApiError(error.status_code, code, str(error.detail), getattr(error, "headers", None)))


def create_app(settings: Settings) -> FastAPI:
    _require_secrets(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        runtime = app.state.runtime = Runtime.open(settings)
        runtime.gateway = Gateway.open(runtime)
        jobs = [periodic.start(runtime, "sweep", settings.sweep_interval_seconds, maintenance.sweep_stale_generations),
                periodic.start(runtime, "probe", settings.probe_interval_seconds, maintenance.probe_pool),
                retention.start_periodic_cleanup(runtime),
                periodic.start(runtime, "stats-rollup", settings.stats_rollup_interval_seconds, rollups.roll_up_now)]
        try:
            yield
        finally:
            for job in jobs:
                job.cancel()
            await runtime.close()
            multiprocess.forget_this_worker()

    app = FastAPI(title="NanoBanana Pro", version="0.1.0", lifespan=lifespan, docs_url="/docs",
                  dependencies=[Depends(_reject_nul_in_query)])
    _install_error_handlers(app)
    for module in ROUTERS:
        app.include_router(module.router)
    for prefix in GEMINI_PREFIXES:
        app.include_router(gemini.build_router(prefix))
    if settings.static_dir is not None:
        mount_spa(app, settings.static_dir)
    app.add_middleware(BodyLimitMiddleware, default_limit=API_BODY_LIMIT,
                       limits={"/api/conversations": CONVERSATION_BODY_LIMIT,
                               **{prefix + "/": GENERATION_BODY_LIMIT for prefix in GEMINI_PREFIXES}})
    app.add_middleware(ObservabilityMiddleware)
    return app


def app_from_environment() -> FastAPI:
    """Entry point for uvicorn workers (`--factory`): settings come from the environment."""
    return create_app(Settings())
