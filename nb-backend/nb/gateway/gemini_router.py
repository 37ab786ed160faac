"""The Gemini-compatible API, under /v1beta and /v1 (the google-genai SDK uses either), so official
SDKs work against this platform with a platform key or a session token."""

import re
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from starlette.responses import Response, StreamingResponse

from nb.accounts.deps import CurrentPrincipal
from nb.core.deps import SessionDep
from nb.core.disconnect import CLIENT_CLOSED, cancel_on_disconnect
from nb.core.errors import ApiError
from nb.gateway import prices
from nb.gateway.deps import GatewayDep
from nb.gateway.generation import Answer, GenerationRequest

MODEL_ID = re.compile(r"^(?:models/)?([a-zA-Z0-9._-]{1,128})$")
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,128}$")


def _gemini_model(price) -> dict:
    return {
        "name": f"models/{price.model}",
        "baseModelId": price.model,
        "version": "001",
        "displayName": price.display_name,
        "description": f"{price.display_name} ({price.credits} credits)",
        "inputTokenLimit": 65536,
        "outputTokenLimit": 32768,
        "supportedGenerationMethods": ["generateContent", "streamGenerateContent"],
    }


def _model_id(raw: str) -> str:
    match = MODEL_ID.match(raw)
    if match is None:
        raise ApiError(404, "model_not_found", f"models/{raw[:64]} is not found for API version v1beta")
    return match.group(1)


def _render(answer: Answer | None) -> Response:
    """None: the client went away and the work was cancelled (already refunded)."""
    if answer is None:
        return Response(status_code=CLIENT_CLOSED)
    if answer.stream is not None:
        return StreamingResponse(answer.stream, answer.status, answer.headers, answer.media_type)
    return Response(answer.body, answer.status, answer.headers, answer.media_type)


def build_router(prefix: str) -> APIRouter:
    router = APIRouter(prefix=prefix, tags=["gemini"])

    @router.get("/models")
    async def list_models(principal: CurrentPrincipal, session: SessionDep) -> dict:
        return {"models": [_gemini_model(price) for price in await prices.list_models(session, enabled_only=True)]}

    @router.get("/models/{model}")
    async def get_model(model: str, principal: CurrentPrincipal, session: SessionDep) -> dict:
        return _gemini_model(await prices.enabled_price(session, _model_id(model)))

    @router.post("/models/{target}")
    async def generate(
        target: str,
        request: Request,
        principal: CurrentPrincipal,
        gateway: GatewayDep,
        alt: Annotated[str | None, Query(max_length=8)] = None,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> Response:
        """`{model}:generateContent` or `{model}:streamGenerateContent` (SSE with `alt=sse`, else one JSON array)."""
        model, _, method = target.rpartition(":")
        if method not in ("generateContent", "streamGenerateContent"):
            raise ApiError(404, "method_not_found", f"method {method[:64]!r} is not supported")
        if idempotency_key is not None and not IDEMPOTENCY_KEY.match(idempotency_key):
            raise ApiError(400, "invalid_idempotency_key", "Idempotency-Key must be 1-128 printable ASCII characters")
        generation = GenerationRequest(
            principal.user.id,
            principal.api_key_id,
            _model_id(model),
            await request.body(),
            stream=method == "streamGenerateContent" and alt == "sse",
            idempotency_key=idempotency_key,
        )
        if generation.stream:
            return _render(await cancel_on_disconnect(request, gateway.stream(generation)))
        answer = await cancel_on_disconnect(request, gateway.generate(generation))
        if answer is not None and method == "streamGenerateContent" and answer.status == 200:
            return Response(b"[" + answer.body + b"]", media_type="application/json")
        return _render(answer)

    return router
