"""The run's log capture and the secrets the tests created, for the end-of-run scan for leaks.

Secrets are harvested from what the test clients send and receive (passwords, tokens, platform and
pool keys, redeem codes), so every secret a test makes is covered without listing them by hand."""

import io
import json
from contextlib import suppress

import httpx

CAPTURED = io.StringIO()
SECRETS: set[str] = set()
SENT_SECRETS = {"password", "old_password", "new_password", "code", "key", "keys", "secrets"}
RECEIVED_SECRETS = {"access_token", "refresh_token", "key", "codes"}
MIN_LENGTH = 8


def _harvest(payload: object, names: set[str], inside: bool = False) -> None:
    if isinstance(payload, dict):
        for name, value in payload.items():
            _harvest(value, names, name in names)
    elif isinstance(payload, list):
        for item in payload:
            _harvest(item, names, inside)
    elif inside and isinstance(payload, str) and len(payload) >= MIN_LENGTH:
        SECRETS.add(payload)


async def _on_request(request: httpx.Request) -> None:
    for header in ("authorization", "x-api-key", "x-goog-api-key"):
        value = request.headers.get(header, "").removeprefix("Bearer ").strip()
        if len(value) >= MIN_LENGTH:
            SECRETS.add(value)
    if "json" in request.headers.get("content-type", ""):
        with suppress(ValueError, httpx.RequestNotRead):
            _harvest(json.loads(request.content), SENT_SECRETS)


async def _on_response(response: httpx.Response) -> None:
    if response.headers.get("content-type", "").startswith("application/json"):
        await response.aread()
        with suppress(ValueError):
            _harvest(response.json(), RECEIVED_SECRETS)


EVENT_HOOKS = {"request": [_on_request], "response": [_on_response]}


def leaked_secrets() -> list[str]:
    text = CAPTURED.getvalue()
    return sorted(secret for secret in SECRETS if secret in text)
