"""Public catalogue and client configuration."""

from fastapi import APIRouter, Response
from sqlalchemy.ext.asyncio import AsyncSession

from nb.core.deps import SessionDep, SettingsDep
from nb.core.settings import Settings
from nb.gateway import prices
from nb.gateway.schemas import ModelOut
from nb.pool.deps import PoolDep
from nb.pool.key_pool import KeyPool

router = APIRouter(prefix="/api", tags=["models"])


async def _demo_upstream(pool: KeyPool, settings: Settings, session: AsyncSession) -> bool:
    await pool.active_keys(session)
    return pool.empty and settings.demo_upstream_allowed


@router.get("/models")
async def list_models(pool: PoolDep, settings: SettingsDep, session: SessionDep, response: Response) -> list[ModelOut]:
    """Enabled models with price and capabilities; `X-Demo-Upstream: true` while the demo upstream serves."""
    if await _demo_upstream(pool, settings, session):
        response.headers["X-Demo-Upstream"] = "true"
    return [ModelOut(**prices.model_out(price)) for price in await prices.list_models(session, enabled_only=True)]


@router.get("/config")
async def client_config(pool: PoolDep, settings: SettingsDep, session: SessionDep) -> dict[str, bool]:
    """What the SPA needs to know up front: whether images come from the offline demo upstream."""
    return {"demo_upstream": await _demo_upstream(pool, settings, session)}
