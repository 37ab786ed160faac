"""The application factory: `create_app(settings)` wires the domains into one app; the lifespan owns
the process's connections (database, Redis, HTTP), the key pool, the gateway and the periodic jobs."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import unquote

from fastapi import Depends, FastAPI, Request

from nb.accounts import admin_router as admin_users
from nb.accounts import keys_router
from nb.accounts import router as auth
from nb.audit import admin_router as admin_audit
from nb.conversations import admin_router as admin_conversations
from nb.conversations import images_router, retention
from nb.conversations import router as conversations
from nb.core import health, periodic
from nb.core.body_limit import BodyLimitMiddleware
from nb.core.error_handlers import GEMINI_PREFIXES, install_error_handlers
from nb.core.errors import ApiError
from nb.core.observability import multiprocess
from nb.core.observability import router as metrics
from nb.core.observability.http import ObservabilityMiddleware
from nb.core.openapi import document_errors
from nb.core.runtime import Runtime
from nb.core.security_headers import SecurityHeadersMiddleware
from nb.core.settings import MIN_SECRET_LENGTH, Settings
from nb.core.spa import mount_spa
from nb.credits import router as credits
from nb.gateway import admin_router as admin_models
from nb.gateway import gemini_router, sweeper
from nb.gateway import router as models
from nb.gateway.generation import Gateway
from nb.pool import admin_router as admin_tokens
from nb.pool import probe
from nb.pool.key_pool import KeyPool
from nb.pool.secretbox import SecretBox
from nb.redeem import admin_router as admin_redeem
from nb.redeem import router as redeem
from nb.simulator import SimulatorConfig, create_simulator_app
from nb.stats import admin_router as admin_stats
from nb.stats import rollups
from nb.upstream.client import UpstreamClient

API_BODY_LIMIT = 1 << 20
GENERATION_BODY_LIMIT = 64 << 20
CONVERSATION_BODY_LIMIT = 64 << 20
ROUTERS = (
    health,
    auth,
    keys_router,
    credits,
    redeem,
    models,
    admin_users,
    admin_redeem,
    admin_audit,
    admin_models,
    admin_tokens,
    conversations,
    images_router,
    admin_conversations,
    admin_stats,
    metrics,
)


def _require_secrets(settings: Settings) -> None:
    """No environment runs with a weak JWT or encryption secret; `nb run` generates them when unset."""
    for name in ("jwt_secret_key", "token_encryption_key"):
        if len(getattr(settings, name)) < MIN_SECRET_LENGTH:
            raise ValueError(f"{name.upper()} must be at least {MIN_SECRET_LENGTH} characters")


async def _reject_nul_in_query(request: Request) -> None:
    """PostgreSQL text cannot hold NUL; refuse it in the query string before it reaches a filter."""
    if "\x00" in unquote(request.url.query):
        raise ApiError(400, "invalid_request", "query parameters must not contain NUL characters")


def _upstream(runtime: Runtime) -> UpstreamClient:
    """The demo upstream is the offline simulator served in-process, used only while the pool is empty."""
    settings = runtime.settings
    demo_app = (
        create_simulator_app(SimulatorConfig(image_scale=settings.demo_image_scale))
        if settings.demo_upstream_allowed
        else None
    )
    return UpstreamClient(runtime.http, settings.upstream_base_url, settings.upstream_timeout_seconds, demo_app)


def create_app(settings: Settings) -> FastAPI:
    _require_secrets(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = app.state.runtime = Runtime.open(settings)
        previous = tuple(key for key in settings.token_encryption_key_previous.split(",") if key)
        pool = app.state.pool = KeyPool(settings, runtime.cache, SecretBox(settings.token_encryption_key, previous))
        upstream = app.state.upstream = _upstream(runtime)
        app.state.gateway = Gateway(runtime, pool, upstream)

        async def probe_pool(runtime: Runtime) -> int:
            async with runtime.sessions() as session:
                return await probe.probe_due_keys(session, pool, upstream, settings.probe_model)

        jobs = [
            periodic.start(runtime, "sweep", settings.sweep_interval_seconds, sweeper.sweep_stale_generations),
            periodic.start(runtime, "probe", settings.probe_interval_seconds, probe_pool),
            retention.start_periodic_cleanup(runtime),
            periodic.start(runtime, "stats-rollup", settings.stats_rollup_interval_seconds, rollups.roll_up_now),
        ]
        try:
            yield
        finally:
            for job in jobs:
                job.cancel()
            await upstream.close()
            await runtime.close()
            multiprocess.forget_this_worker()

    app = FastAPI(
        title="NanoBanana Pro",
        version="0.1.0",
        lifespan=lifespan,
        docs_url="/docs" if settings.docs_exposed else None,
        redoc_url=None,
        openapi_url="/openapi.json" if settings.docs_exposed else None,
        dependencies=[Depends(_reject_nul_in_query)],
    )
    install_error_handlers(app)
    routers = [module.router for module in ROUTERS]
    routers += [gemini_router.build_router(prefix) for prefix in GEMINI_PREFIXES]
    for router in routers:
        app.include_router(router)
    document_errors(app, routers)
    if settings.static_dir is not None:
        mount_spa(app, settings.static_dir)
    app.add_middleware(
        BodyLimitMiddleware,
        default_limit=API_BODY_LIMIT,
        limits={
            "/api/conversations": CONVERSATION_BODY_LIMIT,
            **{prefix + "/": GENERATION_BODY_LIMIT for prefix in GEMINI_PREFIXES},
        },
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(ObservabilityMiddleware)
    return app


def app_from_environment() -> FastAPI:
    """Entry point for uvicorn workers (`--factory`): settings come from the environment."""
    return create_app(Settings())
