"""Request and response bodies of the auth and account routes."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from nb.core.schemas import Input

Password = Field(min_length=1, max_length=1024)


class RegisterIn(Input):
    email: EmailStr = Field(max_length=254)
    password: str = Password
    nickname: str | None = Field(None, min_length=1, max_length=64)
    visitor_id: UUID | None = None


class LoginIn(Input):
    email: str = Field(min_length=1, max_length=254)
    password: str = Password
    visitor_id: UUID | None = None


class RefreshIn(Input):
    refresh_token: str = Field(min_length=1, max_length=256)


class ChangePasswordIn(Input):
    old_password: str = Password
    new_password: str = Password


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    nickname: str | None
    role: str
    credits: int
    created_at: datetime


class TokenPairOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int
    user: UserOut


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
