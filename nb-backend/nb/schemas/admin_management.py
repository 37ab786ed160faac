"""Bodies of the admin routes for account detail, password resets and redeem batches."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from nb.schemas.account import LedgerEntryOut
from nb.schemas.admin import AdminUserOut
from nb.schemas.common import Input


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
