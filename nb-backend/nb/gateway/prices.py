"""The model catalogue: prices and capabilities, editable by admins, read by everyone."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts.models import User
from nb.audit import service as audit
from nb.core.errors import ApiError
from nb.gateway.models import ModelPrice


def model_not_found(model: str) -> ApiError:
    return ApiError(404, "model_not_found", f"models/{model} is not found or is not enabled on this platform")


async def enabled_price(session: AsyncSession, model: str) -> ModelPrice:
    price = await session.get(ModelPrice, model)
    if price is None or not price.enabled:
        raise model_not_found(model)
    return price


async def list_models(session: AsyncSession, enabled_only: bool) -> list[ModelPrice]:
    query = select(ModelPrice).order_by(ModelPrice.sort_order, ModelPrice.model)
    if enabled_only:
        query = query.where(ModelPrice.enabled.is_(True))
    return list((await session.scalars(query)).all())


def snapshot(price: ModelPrice | None) -> dict[str, Any] | None:
    if price is None:
        return None
    return {"name": price.display_name, "credits": price.credits, "enabled": price.enabled}


async def upsert_price(session: AsyncSession, actor: User, ip: str, model: str, changes: dict[str, Any]) -> ModelPrice:
    """Change a model's price or availability, or add a new model id (Google renames preview models).
    Audited and committed as one unit of work."""
    price = await session.get(ModelPrice, model, with_for_update=True)
    before = snapshot(price)
    if price is None:
        price = ModelPrice(
            model=model,
            display_name=changes.get("name") or model,
            credits=changes.get("credits", 0),
            enabled=changes.get("enabled", False),
            image_sizes=[],
            aspect_ratios=[],
        )
        session.add(price)
    renames = {"name": "display_name"}
    for field, value in changes.items():
        setattr(price, renames.get(field, field), value)
    await session.flush()
    audit.record(session, actor, "model.update", "model", model, ip, before, snapshot(price))
    await session.commit()
    return price


def model_out(price: ModelPrice) -> dict[str, Any]:
    return {
        "id": price.model,
        "name": price.display_name,
        "credits": price.credits,
        "enabled": price.enabled,
        "image_sizes": price.image_sizes,
        "aspect_ratios": price.aspect_ratios,
        "max_input_images": price.max_input_images,
    }
