"""Public catalogue and client configuration."""

from fastapi import APIRouter, Response
from sqlalchemy.ext.asyncio import AsyncSession

from nb.deps import RuntimeDep, SessionDep
from nb.runtime import Runtime
from nb.schemas.gateway import ModelOut
from nb.services import prices

router = APIRouter(prefix="/api", tags=["models"])


async def _demo_upstream(runtime: Runtime, session: AsyncSession) -> bool:
    await runtime.gateway.pool.active_keys(session)
    return runtime.gateway.pool.empty and runtime.settings.demo_upstream_allowed


@router.get("/models")
async def list_models(runtime: RuntimeDep, session: SessionDep, response: Response) -> list[ModelOut]:
    """Enabled models with price and capabilities; `X-Demo-Upstream: true` while the demo upstream serves."""
    if await _demo_upstream(runtime, session):
        response.headers["X-Demo-Upstream"] = "true"
    return [ModelOut(**prices.model_out(price)) for price in await prices.list_models(session, enabled_only=True)]


@router.get("/config")
async def client_config(runtime: RuntimeDep, session: SessionDep) -> dict[str, bool]:
    """What the SPA needs to know up front: whether images come from the offline demo upstream."""
    return {"demo_upstream": await _demo_upstream(runtime, session)}
