"""Public catalogue and client configuration."""

from fastapi import APIRouter

from nb.deps import RuntimeDep, SessionDep
from nb.schemas.gateway import ModelOut
from nb.services import prices

router = APIRouter(prefix="/api", tags=["models"])


@router.get("/models")
async def list_models(session: SessionDep) -> list[ModelOut]:
    return [ModelOut(**prices.model_out(price)) for price in await prices.list_models(session, enabled_only=True)]


@router.get("/config")
async def client_config(runtime: RuntimeDep, session: SessionDep) -> dict[str, bool]:
    """What the SPA needs to know up front: whether images come from the offline demo upstream."""
    await runtime.gateway.pool.active_keys(session)
    return {"demo_upstream": runtime.gateway.pool.empty and runtime.settings.demo_upstream_allowed}
