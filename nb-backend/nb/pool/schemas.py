"""Bodies of the model, pricing and key-pool routes."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, UrlConstraints, field_validator, model_validator

from nb.core.schemas import Input

RelayUrl = Annotated[HttpUrl, UrlConstraints(max_length=255)]  # upstream_keys.base_url is varchar(255)

MAX_BULK = 500


class TokensIn(Input):
    key: str | None = Field(None, min_length=8, max_length=256, pattern=r"^[\x21-\x7e]+$")
    keys: list[str] | None = Field(None, min_length=1, max_length=MAX_BULK)
    label: str | None = Field(None, max_length=64)
    weight: int = Field(1, ge=1, le=100)
    base_url: RelayUrl | None = None

    @field_validator("keys")
    @classmethod
    def _each_key(cls, keys: list[str] | None) -> list[str] | None:
        for key in keys or ():
            if not 8 <= len(key.strip()) <= 256 or not key.strip().isascii() or any(c.isspace() for c in key.strip()):
                raise ValueError("each key must be 8-256 printable ASCII characters")
        return keys

    @model_validator(mode="after")
    def _one_source(self) -> "TokensIn":
        if bool(self.key) == bool(self.keys):
            raise ValueError("give either key or keys")
        return self

    @property
    def secrets(self) -> list[str]:
        return [self.key] if self.key else list(self.keys or [])


class TokenPatchIn(Input):
    """Only the fields sent change; `label` and `base_url` may be cleared with null, the others not."""

    label: str | None = Field(None, max_length=64)
    weight: int | None = Field(None, ge=1, le=100)
    base_url: RelayUrl | None = None
    status: str | None = Field(None, pattern="^(active|disabled)$")

    @model_validator(mode="after")
    def _required_fields_not_null(self) -> "TokenPatchIn":
        for name in ("weight", "status"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class TokenOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    label: str | None
    hint: str
    base_url: str | None
    weight: int
    status: str
    state: str = "active"
    status_reason: str | None
    cooling_until: datetime | None
    consecutive_failures: int
    success_count: int
    failure_count: int
    last_error_code: str | None
    last_error_message: str | None
    last_used_at: datetime | None
    created_at: datetime


class TokensAddedOut(BaseModel):
    added: list[TokenOut]
    duplicates: int


class ProbeOut(BaseModel):
    ok: bool
    error: str | None
    token: TokenOut
