"""Reading what Gemini answered: the classification every pool and billing decision uses.

Classes follow GEMINI.md: the HTTP status, `error.status`, `details[].reason` and the quota id decide
whether the key is at fault (invalid, suspended, rate-limited, daily quota), the service is (5xx,
timeouts, broken connections) or the request is (any other 4xx). A 200 succeeds only when it holds
at least one non-thought image part.
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import orjson


class Outcome(StrEnum):
    IMAGE = "image"
    NO_IMAGE = "no_image"
    REQUEST_ERROR = "request_error"
    KEY_INVALID = "key_invalid"
    KEY_SUSPENDED = "key_suspended"
    KEY_REGION = "key_region"
    RATE_LIMITED = "rate_limited"
    DAILY_QUOTA = "daily_quota"
    SERVER_ERROR = "server_error"
    CONNECTION_ERROR = "connection_error"
    TIMEOUT = "timeout"
    MALFORMED = "malformed"


RETRYABLE = {
    Outcome.KEY_INVALID,
    Outcome.KEY_SUSPENDED,
    Outcome.KEY_REGION,
    Outcome.RATE_LIMITED,
    Outcome.DAILY_QUOTA,
    Outcome.SERVER_ERROR,
    Outcome.CONNECTION_ERROR,
}
DISABLING = {Outcome.KEY_INVALID: "invalid", Outcome.KEY_SUSPENDED: "suspended", Outcome.KEY_REGION: "region"}
COOLING = {Outcome.RATE_LIMITED, Outcome.DAILY_QUOTA, Outcome.SERVER_ERROR, Outcome.CONNECTION_ERROR, Outcome.TIMEOUT}


@dataclass
class Classified:
    outcome: Outcome
    status_code: int
    error_status: str = ""
    message: str = ""
    retry_after: float | None = None
    image_count: int = 0
    details: list[Any] = field(default_factory=list)
    body: bytes = b""


def final_image_count(response: dict[str, Any]) -> int:
    """Non-thought image parts across candidates; the client takes the last one as the result."""
    count = 0
    for candidate in response.get("candidates") or ():
        for part in (candidate.get("content") or {}).get("parts") or ():
            inline = part.get("inlineData") or part.get("inline_data")
            if (
                inline
                and not part.get("thought")
                and str(inline.get("mimeType", inline.get("mime_type", ""))).startswith("image/")
            ):
                count += 1
    return count


def classify_success(body: bytes) -> Classified:
    try:
        parsed = orjson.loads(body)
    except orjson.JSONDecodeError:
        return Classified(Outcome.MALFORMED, 200, message="upstream answered with a malformed body")
    if not isinstance(parsed, dict):
        return Classified(Outcome.MALFORMED, 200, message="upstream answered with an unexpected body")
    images = final_image_count(parsed)
    return Classified(Outcome.IMAGE if images else Outcome.NO_IMAGE, 200, image_count=images, body=body)


def _retry_delay(details: list[Any]) -> float | None:
    for detail in details:
        if isinstance(detail, dict) and str(detail.get("@type", "")).endswith("RetryInfo"):
            match = re.fullmatch(r"([\d.]+)s", str(detail.get("retryDelay", "")))
            if match:
                return float(match.group(1))
    return None


def _is_daily(details: list[Any]) -> bool:
    for detail in details:
        for violation in (detail.get("violations") or ()) if isinstance(detail, dict) else ():
            if "PerDay" in str(violation.get("quotaId", "")):
                return True
    return False


def _reasons(details: list[Any]) -> set[str]:
    return {str(detail.get("reason")) for detail in details if isinstance(detail, dict) and detail.get("reason")}


def classify_error(status_code: int, body: bytes) -> Classified:
    try:
        parsed = orjson.loads(body)
        error = (parsed[0] if isinstance(parsed, list) else parsed).get("error") or {}
    except (orjson.JSONDecodeError, AttributeError, IndexError, TypeError):
        error = {}
    error_status = str(error.get("status", ""))
    message = str(error.get("message", ""))[:500]
    raw_details = error.get("details")
    details: list[Any] = raw_details if isinstance(raw_details, list) else []
    result = Classified(Outcome.REQUEST_ERROR, status_code, error_status, message, details=details)
    if status_code == 400 and (
        "API_KEY_INVALID" in _reasons(details) or "API key not valid" in message or "API Key not found" in message
    ):
        result.outcome = Outcome.KEY_INVALID
    elif status_code == 400 and error_status == "FAILED_PRECONDITION":
        result.outcome = Outcome.KEY_REGION
    elif status_code in (401, 403):
        result.outcome = Outcome.KEY_SUSPENDED
    elif status_code == 429:
        result.outcome = Outcome.DAILY_QUOTA if _is_daily(details) else Outcome.RATE_LIMITED
        result.retry_after = _retry_delay(details)
    elif status_code == 504:
        result.outcome = Outcome.TIMEOUT
    elif status_code >= 500:
        result.outcome = Outcome.SERVER_ERROR
    return result
