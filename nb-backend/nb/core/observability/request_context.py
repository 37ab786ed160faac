"""The id of the request being served, for every log line written while serving it."""

import re
import uuid
from contextvars import ContextVar

SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
current_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def request_id_from(header: str | None) -> str:
    """Keep a caller's X-Request-ID when it is short and plain (so it can be correlated end to end),
    otherwise mint one: a header is never echoed into logs or responses unchecked."""
    if header and SAFE_ID.match(header):
        return header
    return uuid.uuid4().hex
