"""Cancel a request's work when its client goes away, so a disconnect refunds instead of billing
for an answer nobody receives."""

from collections.abc import Awaitable
from typing import TypeVar

import anyio
from starlette.requests import Request

CLIENT_CLOSED = 499
T = TypeVar("T")


async def cancel_on_disconnect(request: Request, work: Awaitable[T]) -> T | None:
    """Run `work` (whose body was already read) while watching for `http.disconnect`; None when the
    client went away first and the work was cancelled."""
    outcome: T | None = None
    failure: Exception | None = None
    async with anyio.create_task_group() as group:

        async def watch() -> None:
            while (await request.receive())["type"] != "http.disconnect":
                pass
            group.cancel_scope.cancel()

        async def run() -> None:
            nonlocal outcome, failure
            try:
                outcome = await work
            except Exception as error:
                failure = error
            group.cancel_scope.cancel()

        group.start_soon(watch)
        group.start_soon(run)
    if failure is not None:
        raise failure
    return outcome
