"""Bodies of the API-key, credit and redeem routes."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from nb.schemas.common import Input


class ApiKeyIn(Input):
    name: str = Field(min_length=1, max_length=64)


class ApiKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None = None


class CreatedApiKeyOut(ApiKeyOut):
    key: str


class BalanceOut(BaseModel):
    balance: int


class LedgerEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    delta: int
    balance_after: int
    kind: str
    reference: str
    note: str | None = None
    created_at: datetime


class RedeemIn(Input):
    code: str = Field(min_length=1, max_length=64)


class RedeemOut(BaseModel):
    credits_added: int
    balance: int
