"""Liveness and readiness."""

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from nb.core.deps import RuntimeDep

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/ready")
async def ready(runtime: RuntimeDep) -> JSONResponse:
    """200 only when PostgreSQL and Redis both answer within two seconds."""

    async def database() -> None:
        async with runtime.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    checks = {"database": database(), "redis": runtime.cache.redis.ping()}
    results = await asyncio.gather(*(asyncio.wait_for(check, 2) for check in checks.values()), return_exceptions=True)
    status = {
        name: "ok" if not isinstance(result, BaseException) else "down"
        for name, result in zip(checks, results, strict=True)
    }
    ready_now = all(value == "ok" for value in status.values())
    return JSONResponse(
        {"status": "ok" if ready_now else "unavailable", **status}, status_code=200 if ready_now else 503
    )
