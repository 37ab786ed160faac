"""Shapes shared by several routers."""

import re
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, model_validator

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


MAX_DEPTH = 32
SURROGATES = re.compile("[\ud800-\udfff]")


def _check_storable(value: Any, depth: int = 0) -> None:
    """PostgreSQL text holds neither NUL nor lone UTF-16 surrogates, and a document nested deeper than
    MAX_DEPTH can no longer be read back (serializers recurse): refuse all three before storing."""
    if depth > MAX_DEPTH:
        raise ValueError(f"objects must not nest deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        if "\x00" in value or (not value.isascii() and SURROGATES.search(value)):
            raise ValueError("text must not contain NUL characters or unpaired surrogates")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_storable(key, depth + 1)
            _check_storable(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_storable(item, depth + 1)


class Input(BaseModel):
    """Base of every request body: what PostgreSQL cannot store, or we could not read back, is refused up front."""

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        _check_storable(data)
        return data
