"""Gemini error envelopes: ``{"error": {code, message, status, details}}`` with real ``@type`` URLs.

Messages are the ones the live API sends (see GEMINI.md section 6), so gateway classifiers that
match on status, ``details[].reason`` or quota ids behave as they would in production. API keys
are never echoed in full.
"""

import zlib
from dataclasses import dataclass, field

SERVICE = "generativelanguage.googleapis.com"
ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"
LOCALIZED_MESSAGE = "type.googleapis.com/google.rpc.LocalizedMessage"
QUOTA_FAILURE = "type.googleapis.com/google.rpc.QuotaFailure"
HELP = "type.googleapis.com/google.rpc.Help"
RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo"
BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest"

RATE_LIMITS_DOC = "https://ai.google.dev/gemini-api/docs/rate-limits"
QUOTA_MESSAGE = (
    "You exceeded your current quota, please check your plan and billing details. For more "
    f"information on this error, head to: {RATE_LIMITS_DOC}. To monitor your current usage, "
    "head to: https://ai.dev/usage?tab=rate-limit. "
)


@dataclass
class GeminiError(Exception):
    """An error answer; raising it anywhere in a request ends that request with this body."""

    code: int
    status: str
    message: str
    details: list[dict] = field(default_factory=list)

    def body(self) -> dict:
        error = {"code": self.code, "message": self.message, "status": self.status}
        if self.details:
            error["details"] = self.details
        return {"error": error}


def mask_key(key: str) -> str:
    """Enough of a key to recognise it in logs, never the whole of it."""
    return f"…{key[-4:]}" if len(key) > 8 else "…"


def _error_info(reason: str, **metadata: str) -> dict:
    return {
        "@type": ERROR_INFO,
        "reason": reason,
        "domain": "googleapis.com",
        "metadata": {"service": SERVICE, **metadata},
    }


def _localized(message: str) -> dict:
    return {"@type": LOCALIZED_MESSAGE, "locale": "en-US", "message": message}


def invalid_argument(message: str, field_path: str | None = None) -> GeminiError:
    details = []
    if field_path:
        details = [{"@type": BAD_REQUEST, "fieldViolations": [{"field": field_path, "description": message}]}]
    return GeminiError(400, "INVALID_ARGUMENT", message, details)


def unregistered_caller() -> GeminiError:
    message = (
        "Method doesn't allow unregistered callers (callers without established identity). "
        "Please use API Key or other form of API consumer identity to call this API."
    )
    return GeminiError(403, "PERMISSION_DENIED", message)


def api_key_invalid() -> GeminiError:
    message = "API key not valid. Please pass a valid API key."
    return GeminiError(400, "INVALID_ARGUMENT", message, [_error_info("API_KEY_INVALID"), _localized(message)])


def consumer_suspended(key: str) -> GeminiError:
    message = f"Permission denied: Consumer 'api_key:{mask_key(key)}' has been suspended."
    details = [_error_info("CONSUMER_SUSPENDED", consumer=f"projects/{zlib.crc32(key.encode())}"), _localized(message)]
    return GeminiError(403, "PERMISSION_DENIED", message, details)


def location_unsupported() -> GeminiError:
    return GeminiError(400, "FAILED_PRECONDITION", "User location is not supported for the API use.")


def model_not_found(model_id: str, api_version: str = "v1beta") -> GeminiError:
    message = (
        f"models/{model_id} is not found for API version {api_version}, or is not supported for generateContent. "
        "Call ListModels to see the list of available models and their supported methods."
    )
    return GeminiError(404, "NOT_FOUND", message)


def quota_exceeded(model_id: str, per_day: bool) -> GeminiError:
    """429 for a per-minute quota (with a short RetryInfo) or a per-day one (without)."""
    period = "Day" if per_day else "Minute"
    limit = "100" if per_day else "10"
    metric = f"{SERVICE}/generate_content_free_tier_requests"
    message = QUOTA_MESSAGE + f"\n* Quota exceeded for metric: {metric}, limit: {limit}, model: {model_id}"
    details = [
        {
            "@type": QUOTA_FAILURE,
            "violations": [
                {
                    "quotaMetric": metric,
                    "quotaId": f"GenerateRequestsPer{period}PerProjectPerModel-FreeTier",
                    "quotaDimensions": {"location": "global", "model": model_id},
                    "quotaValue": limit,
                }
            ],
        },
        {"@type": HELP, "links": [{"description": "Learn more about Gemini API quotas", "url": RATE_LIMITS_DOC}]},
    ]
    if not per_day:
        message += "\nPlease retry in 2s."
        details.append({"@type": RETRY_INFO, "retryDelay": "2s"})
    return GeminiError(429, "RESOURCE_EXHAUSTED", message, details)


def model_overloaded() -> GeminiError:
    return GeminiError(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")


def internal_error() -> GeminiError:
    message = (
        "An internal error has occurred. Please retry or report in "
        "https://developers.generativeai.google/guide/troubleshooting"
    )
    return GeminiError(500, "INTERNAL", message)


def deadline_exceeded() -> GeminiError:
    return GeminiError(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.")
