"""Query parameters shared by listing routes."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Query


@dataclass(frozen=True)
class PageParams:
    limit: int
    before_id: int | None

    def next_cursor(self, last_id: int | None) -> str | None:
        return None if last_id is None else str(last_id)


async def page_params(
    limit: Annotated[int, Query(ge=1, le=200)] = 50, cursor: Annotated[str | None, Query(pattern=r"^\d{1,18}$")] = None
) -> PageParams:
    return PageParams(limit, int(cursor) if cursor else None)


Paging = Annotated[PageParams, Depends(page_params)]


MAX_ID = 2**63 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
RowIdFilter = Annotated[int | None, Query(ge=1, le=MAX_ID)]
