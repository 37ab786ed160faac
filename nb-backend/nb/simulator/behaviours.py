"""Magic key prefixes and prompt markers that make the simulator misbehave on purpose.

Key prefixes, checked on every route:
  (no key)     403 PERMISSION_DENIED, unregistered caller
  bad-*        400 INVALID_ARGUMENT with ErrorInfo reason API_KEY_INVALID
  suspended-*  403 PERMISSION_DENIED, consumer suspended (key masked)
  location-*   400 FAILED_PRECONDITION, user location not supported
Key prefixes, checked on generation calls only (model probes still succeed, as they do upstream):
  rpm-*        429 RESOURCE_EXHAUSTED, per-minute quota id, RetryInfo 2s
  daily-*      429 RESOURCE_EXHAUSTED, per-day quota id, no RetryInfo
  flaky-*      503 UNAVAILABLE on the 1st, 3rd, 5th… generation call of that key, success otherwise
  slow-*       waits ``slow_ms`` before answering
Any other key is a healthy key.

Prompt markers, looked for (case-insensitively) in the text of the last user turn:
  #block       200, no candidates, promptFeedback.blockReason PROHIBITED_CONTENT
  #imagesafety 200, finishReason IMAGE_SAFETY, no image
  #noimage     200, finishReason NO_IMAGE, text only
  #textonly    200, finishReason STOP, text only
  #maxtokens   200, finishReason MAX_TOKENS, no image
  #500 #503 #504  INTERNAL / UNAVAILABLE / DEADLINE_EXCEEDED
  #slow        waits ``slow_ms``
  #4k          renders at 4K whatever the request asked
  #malformed   200 whose body (or SSE event) is not valid JSON
  #cut         streaming only: the stream ends after its first chunk, without image or finishReason
"""

from nb.simulator import errors
from nb.simulator.errors import GeminiError

MARKERS = frozenset(
    {
        "#block",
        "#imagesafety",
        "#noimage",
        "#textonly",
        "#maxtokens",
        "#500",
        "#503",
        "#504",
        "#slow",
        "#4k",
        "#malformed",
        "#cut",
    }
)
MARKER_ERRORS = {"#500": errors.internal_error, "#503": errors.model_overloaded, "#504": errors.deadline_exceeded}


def check_caller(key: str | None) -> str:
    """Identity checks Google runs before looking at the request; the key, known to be present."""
    if not key:
        raise errors.unregistered_caller()
    if key.startswith("bad-"):
        raise errors.api_key_invalid()
    if key.startswith("suspended-"):
        raise errors.consumer_suspended(key)
    if key.startswith("location-"):
        raise errors.location_unsupported()
    return key


def check_generation_quota(key: str, model_id: str, call_number: int) -> None:
    """Quota and capacity failures; ``call_number`` counts this key's generation calls from 1."""
    if key.startswith("rpm-"):
        raise errors.quota_exceeded(model_id, per_day=False)
    if key.startswith("daily-"):
        raise errors.quota_exceeded(model_id, per_day=True)
    if key.startswith("flaky-") and call_number % 2 == 1:
        raise errors.model_overloaded()


def find_markers(prompt: str) -> frozenset[str]:
    lowered = prompt.lower()
    return frozenset(marker for marker in MARKERS if marker in lowered)


def marker_error(markers: frozenset[str]) -> GeminiError | None:
    for marker, make_error in MARKER_ERRORS.items():
        if marker in markers:
            return make_error()
    return None


def is_slow(key: str, markers: frozenset[str]) -> bool:
    return key.startswith("slow-") or "#slow" in markers
