"""Admin: model prices and availability."""

from typing import Annotated

from fastapi import APIRouter, Path

from nb.accounts.deps import AdminUser
from nb.core.deps import ClientIp, SessionDep
from nb.gateway import prices
from nb.gateway.schemas import ModelOut, ModelPriceIn

router = APIRouter(prefix="/api/admin/models", tags=["admin"])
ModelId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[a-zA-Z0-9._-]+$")]


@router.get("")
async def list_models(admin: AdminUser, session: SessionDep) -> list[ModelOut]:
    return [ModelOut(**prices.model_out(price)) for price in await prices.list_models(session, enabled_only=False)]


@router.put("/{model}")
async def update_model(
    model: ModelId, body: ModelPriceIn, admin: AdminUser, session: SessionDep, ip: ClientIp
) -> ModelOut:
    price = await prices.upsert_price(session, admin, ip, model, body.model_dump(exclude_unset=True))
    return ModelOut(**prices.model_out(price))
