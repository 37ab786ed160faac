"""One logging configuration for the whole process, uvicorn included: JSON lines (or plain text)
carrying the request id, with credentials scrubbed as a last line of defence.

The code never logs credentials on purpose; the scrubber catches the shapes they take (bearer
tokens, JWTs, platform and Google keys, redeem codes, `key=` query parameters) should one slip into
a message or a traceback. uvicorn's own access log is off: it prints the raw query string, where
`?key=` lives. The HTTP middleware writes the access line instead, without the query.
"""

import logging
import re
from datetime import UTC, datetime
from typing import Any

import orjson

from nb.core.observability.request_context import current_request_id
from nb.core.settings import Settings

SECRET_SHAPES = (
    (re.compile(r"(?i)\b(bearer)\s+[^\s\"',]+"), r"\1 [redacted]"),
    (
        re.compile(
            r"(?i)((?:authorization|x-api-key|x-goog-api-key|password|secret|token)[\"']?\s*[:=]\s*[\"']?)"
            r"[^\s\"',&}]+"
        ),
        r"\1[redacted]",
    ),
    (re.compile(r"(?i)([?&](?:key|token|sig|signature|code)=)[^&\s\"']+"), r"\1[redacted]"),
    (re.compile(r"\beyJ[\w-]+\.[\w-]+\.[\w-]+"), "[redacted-jwt]"),
    (re.compile(r"\b(?:nbk|nbr)_[\w-]{8,}"), "[redacted-key]"),
    (re.compile(r"\bAIza[\w-]{20,}"), "[redacted-key]"),
    (re.compile(r"\bNB-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b"), "[redacted-code]"),
)
QUIET_LOGGERS = ("httpx", "httpcore")  # at INFO they print every URL, query string included
STANDARD_ATTRIBUTES = {
    *vars(logging.LogRecord("", 0, "", 0, "", None, None)),
    "message",
    "asctime",
    "request_id",
    "color_message",
}  # uvicorn's coloured copy of the message


def scrub(text: str) -> str:
    for pattern, replacement in SECRET_SHAPES:
        text = pattern.sub(replacement, text)
    return text


class RequestContext(logging.Filter):
    """Stamps the current request id on every record (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line; fields passed with `extra=` become top-level keys."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": scrub(record.getMessage()),
            "request_id": getattr(record, "request_id", None),
        }
        line.update((name, value) for name, value in vars(record).items() if name not in STANDARD_ATTRIBUTES)
        if record.exc_info:
            line["exception"] = scrub(self.formatException(record.exc_info))
        return orjson.dumps(line, default=str).decode()


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def logging_config(settings: Settings) -> dict[str, Any]:
    """A dictConfig for `logging.config.dictConfig` or uvicorn's `log_config`."""
    formatter = JsonFormatter if settings.log_format == "json" else TextFormatter
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": RequestContext}},
        "formatters": {"default": {"()": formatter}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "default",
                "filters": ["request"],
            }
        },
        "root": {"level": settings.log_level.upper(), "handlers": ["stdout"]},
        "loggers": {
            **{name: {"handlers": [], "propagate": True} for name in ("uvicorn", "uvicorn.error")},
            "uvicorn.access": {"handlers": [], "propagate": True, "level": "WARNING"},
            **{name: {"level": "WARNING"} for name in QUIET_LOGGERS},
        },
    }


def capture_handler(stream) -> logging.Handler:
    """A handler formatting exactly as production does, writing to `stream` (the tests' log capture);
    the loggers production quiets are quieted here too."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContext())
    return handler
