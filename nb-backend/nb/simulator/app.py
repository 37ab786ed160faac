"""The simulator's FastAPI app: Gemini's REST routes plus ``/_sim`` controls for tests.

All state (config, counters, image cache) lives on ``app.state``, so several simulators can run
in one process, in-process behind an ASGI transport or served by uvicorn.

Order of checks on a generation call, as a real front end would: caller identity, model,
request body, quota and capacity, then prompt markers. Errors before a stream starts are plain
JSON error bodies (wrapped in a one-element array for non-SSE streams, as Google does).
"""

import asyncio
from collections.abc import AsyncIterator

import orjson
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response, StreamingResponse

from nb.simulator import behaviours
from nb.simulator.catalog import MODELS, ModelSpec, find_model, normalize_model_id
from nb.simulator.config import SimulatorConfig
from nb.simulator.errors import GeminiError, model_not_found
from nb.simulator.images import EditSource, ImageCache, load_edit_source
from nb.simulator.replies import Reply, plan_reply, response_body, stream_bodies
from nb.simulator.stats import SimulatorStats
from nb.simulator.validation import validate_for_model
from nb.simulator.wire import GenerationRequest, parse_generation_request

API_VERSIONS = ("v1beta", "v1")
JSON_TYPE = "application/json; charset=UTF-8"
MALFORMED_JSON = b'{"candidates": [{"content": {"role": "model", "parts": [{"text": "Here is'


def _api_key(request: Request) -> str | None:
    return request.headers.get("x-goog-api-key") or request.query_params.get("key")


def _api_version(request: Request) -> str:
    return request.url.path.split("/", 2)[1]


def _json(body: bytes, status_code: int = 200) -> Response:
    return Response(body, status_code=status_code, media_type=JSON_TYPE)


def _error_response(error: GeminiError, as_array: bool = False) -> Response:
    body = error.body()
    return _json(orjson.dumps([body] if as_array else body), error.code)


def _parse_and_decode(raw: bytes, spec: ModelSpec) -> tuple[GenerationRequest, EditSource | None]:
    """All CPU-bound request work (JSON, base64, image decoding); runs in a worker thread."""
    request = parse_generation_request(raw)
    validate_for_model(request, spec)
    return request, load_edit_source(request.images, request.last_user_index)


async def _plan(request: Request, key: str | None, model_id: str, call_number: int) -> tuple[Reply, frozenset[str]]:
    config: SimulatorConfig = request.app.state.config
    caller = behaviours.check_caller(key)
    spec = find_model(model_id)
    if spec is None:
        raise model_not_found(model_id, _api_version(request))
    parsed, source = await asyncio.to_thread(_parse_and_decode, await request.body(), spec)
    markers = behaviours.find_markers(parsed.prompt)
    if behaviours.is_slow(caller, markers):
        await asyncio.sleep(config.slow_ms / 1000)
    behaviours.check_generation_quota(caller, model_id, call_number)
    if error := behaviours.marker_error(markers):
        raise error
    return plan_reply(spec, parsed, source, markers, config), markers


def _outcome(reply: Reply) -> str:
    return "succeeded" if reply.has_image else "no_image"


async def _stream(
    request: Request, reply: Reply, markers: frozenset[str], sse: bool, key: str | None, model_id: str
) -> AsyncIterator[bytes]:
    """SSE events (``data: …\\r\\n\\r\\n``, no [DONE]) or one growing JSON array."""
    state = request.app.state
    outcome = "errored"
    try:
        first = True
        async for body in stream_bodies(reply, state.image_cache, state.config.latency_ms / 1000):
            data = await asyncio.to_thread(orjson.dumps, body)
            if sse:
                yield b"data: " + data + b"\r\n\r\n"
            else:
                yield (b"[" if first else b",\r\n") + data
            first = False
            if "#cut" in markers:
                return
        if not sse:
            yield b"]"
        outcome = _outcome(reply)
    finally:
        state.stats.record_outcome(key, model_id, outcome)


async def _generate(request: Request, model: str, stream: bool) -> Response:
    state = request.app.state
    model_id = normalize_model_id(model)
    key = _api_key(request)
    call_number = state.stats.record_call(key, model_id)
    sse = stream and request.query_params.get("alt") == "sse"
    try:
        reply, markers = await _plan(request, key, model_id, call_number)
    except GeminiError as error:
        state.stats.record_outcome(key, model_id, "errored")
        return _error_response(error, as_array=stream and not sse)

    if "#malformed" in markers:
        state.stats.record_outcome(key, model_id, "errored")
        if sse:
            return StreamingResponse(iter([b"data: " + MALFORMED_JSON + b"\r\n\r\n"]), media_type="text/event-stream")
        return _json(b"[" + MALFORMED_JSON if stream else MALFORMED_JSON)
    if stream:
        media_type = "text/event-stream" if sse else JSON_TYPE
        return StreamingResponse(_stream(request, reply, markers, sse, key, model_id), media_type=media_type)

    await asyncio.sleep(state.config.latency_ms / 1000)
    body = await response_body(reply, state.image_cache)
    state.stats.record_outcome(key, model_id, _outcome(reply))
    return _json(await asyncio.to_thread(orjson.dumps, body))


async def generate_content(model: str, request: Request) -> Response:
    return await _generate(request, model, stream=False)


async def stream_generate_content(model: str, request: Request) -> Response:
    return await _generate(request, model, stream=True)


async def list_models(request: Request) -> Response:
    key = _api_key(request)
    request.app.state.stats.record_probe(key, None)
    try:
        behaviours.check_caller(key)
    except GeminiError as error:
        return _error_response(error)
    return _json(orjson.dumps({"models": [spec.as_listing() for spec in MODELS.values()]}))


async def get_model(model: str, request: Request) -> Response:
    key, model_id = _api_key(request), normalize_model_id(model)
    request.app.state.stats.record_probe(key, model_id)
    try:
        behaviours.check_caller(key)
        spec = find_model(model_id)
        if spec is None:
            raise model_not_found(model_id, _api_version(request))
    except GeminiError as error:
        return _error_response(error)
    return _json(orjson.dumps(spec.as_listing()))


async def stats(request: Request) -> Response:
    return _json(orjson.dumps(request.app.state.stats.snapshot()))


async def reset(request: Request) -> Response:
    request.app.state.stats.reset()
    return _json(orjson.dumps(request.app.state.stats.snapshot()))


def create_simulator_app(config: SimulatorConfig | None = None) -> FastAPI:
    """A fresh simulator with its own counters; see ``behaviours`` for the magic keys and markers.

    Routes exist under ``/v1beta`` and ``/v1``: the API serves both and google-genai 3.x
    defaults to ``/v1``. Like the real API it answers browsers from any origin (guests call it directly).
    """
    app = FastAPI(title="Gemini API simulator", openapi_url=None, docs_url=None, redoc_url=None)
    app.state.config = config or SimulatorConfig()
    app.state.stats = SimulatorStats()
    app.state.image_cache = ImageCache()
    for version in API_VERSIONS:
        app.add_api_route(f"/{version}/models/{{model:path}}:generateContent", generate_content, methods=["POST"])
        app.add_api_route(
            f"/{version}/models/{{model:path}}:streamGenerateContent", stream_generate_content, methods=["POST"]
        )
        app.add_api_route(f"/{version}/models", list_models, methods=["GET"])
        app.add_api_route(f"/{version}/models/{{model:path}}", get_model, methods=["GET"])
    app.add_api_route("/_sim/stats", stats, methods=["GET"])
    app.add_api_route("/_sim/reset", reset, methods=["POST"])
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"], allow_headers=["*"])
    return app
