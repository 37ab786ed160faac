"""Shapes shared by several routers."""

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, model_validator

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def _reject_nul(value: Any) -> None:
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    if isinstance(value, dict):
        for item in value.values():
            _reject_nul(item)
    elif isinstance(value, list):
        for item in value:
            _reject_nul(item)


class Input(BaseModel):
    """Base of every request body: PostgreSQL text cannot hold NUL, so it is refused up front."""

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        _reject_nul(data)
        return data
