"""Bodies of the admin routes."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from nb.schemas.auth import UserOut
from nb.schemas.common import Input

MAX_ADJUSTMENT = 100_000_000


class AdminUserOut(UserOut):
    status: str
    updated_at: datetime


class UserPatchIn(Input):
    status: Literal["active", "banned"] | None = None
    role: Literal["user", "admin"] | None = None


class CreditAdjustIn(Input):
    delta: int = Field(ge=-MAX_ADJUSTMENT, le=MAX_ADJUSTMENT)
    reason: str = Field(min_length=1, max_length=500)

    @field_validator("delta")
    @classmethod
    def _not_zero(cls, delta: int) -> int:
        if delta == 0:
            raise ValueError("delta must not be zero")
        return delta


class CreditAdjustOut(BaseModel):
    user_id: int
    balance: int


class RedeemBatchIn(Input):
    count: int = Field(ge=1, le=1000)
    credits: int = Field(ge=1, le=1_000_000)
    expires_at: datetime | None = None
    note: str | None = Field(None, max_length=200)

    @field_validator("expires_at")
    @classmethod
    def _future_and_aware(cls, value: datetime | None) -> datetime | None:
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("expires_at needs a time zone")
            if value <= datetime.now(value.tzinfo):
                raise ValueError("expires_at must be in the future")
        return value


class RedeemBatchOut(BaseModel):
    batch_id: int
    count: int
    credits: int
    expires_at: datetime | None
    note: str | None
    codes: list[str]


class RedeemCodeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    batch_id: int
    display_prefix: str
    credits: int
    state: str
    expires_at: datetime | None
    redeemed_by: int | None
    redeemed_at: datetime | None
    created_at: datetime


class AuditEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    actor_id: int | None
    action: str
    target_type: str
    target_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    ip: str | None
    created_at: datetime
