"""Bodies of the API-key, credit and redeem routes."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict


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
