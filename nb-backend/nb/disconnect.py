"""Cancel a request's work when its client goes away, so a disconnect refunds instead of billing
for an answer nobody receives."""

from collections.abc import Awaitable

import anyio
from starlette.requests import Request
from starlette.responses import Response

CLIENT_CLOSED = 499


async def cancel_on_disconnect(request: Request, work: Awaitable[Response]) -> Response:
    """Run `work` (whose body was already read) while watching for `http.disconnect`."""
    outcome: Response | None = None
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
    return outcome if outcome is not None else Response(status_code=CLIENT_CLOSED)
