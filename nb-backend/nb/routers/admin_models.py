"""Admin: model prices and availability."""

from typing import Annotated

from fastapi import APIRouter, Path

from nb.deps import AdminUser, ClientIp, SessionDep
from nb.schemas.gateway import ModelOut, ModelPriceIn
from nb.services import audit, prices

router = APIRouter(prefix="/api/admin/models", tags=["admin"])
ModelId = Annotated[str, Path(min_length=1, max_length=128, pattern=r"^[a-zA-Z0-9._-]+$")]


@router.get("")
async def list_models(admin: AdminUser, session: SessionDep) -> list[ModelOut]:
    return [ModelOut(**prices.model_out(price)) for price in await prices.list_models(session, enabled_only=False)]


@router.put("/{model}")
async def update_model(model: ModelId, body: ModelPriceIn, admin: AdminUser, session: SessionDep,
                       ip: ClientIp) -> ModelOut:
    price, before = await prices.upsert_price(session, model, body.model_dump(exclude_unset=True))
    audit.record(session, admin, "model.update", "model", model, ip, before, prices.snapshot(price))
    await session.commit()
    return ModelOut(**prices.model_out(price))
