"""Bodies of the admin user-management routes."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from nb.accounts.schemas import UserOut
from nb.core.schemas import Input
from nb.credits.schemas import LedgerEntryOut

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


class AdminGenerationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    model: str
    status: str
    credits: int
    attempts: int
    latency_ms: int | None
    error_class: str | None
    image_count: int
    upstream_key_id: int | None
    api_key_id: int | None
    streamed: bool
    prompt_excerpt: str | None
    created_at: datetime
    settled_at: datetime | None


class UserTotals(BaseModel):
    generations: int
    succeeded: int
    refunded: int
    failed: int
    pending: int
    credits_spent: int
    api_keys: int
    active_sessions: int
    conversations: int


class AdminUserDetailOut(BaseModel):
    """The account with its most recent ledger entries and generations (20 each)."""

    user: AdminUserOut
    totals: UserTotals
    ledger: list[LedgerEntryOut]
    generations: list[AdminGenerationOut]


class PasswordResetIn(Input):
    new_password: str = Field(min_length=1, max_length=128)
