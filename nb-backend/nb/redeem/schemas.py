"""Bodies of the API-key, credit and redeem routes."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from nb.core.schemas import Input


class RedeemIn(Input):
    code: str = Field(min_length=1, max_length=64)


class RedeemOut(BaseModel):
    credits_added: int
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


class RedeemBatchSummaryOut(BaseModel):
    """`used` is `redeemed`; the four states partition the batch's codes."""

    id: int
    credits: int
    count: int
    note: str | None
    expires_at: datetime | None
    created_by: int | None
    created_at: datetime
    used: int
    unused: int
    redeemed: int
    expired: int
    disabled: int
