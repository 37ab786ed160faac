"""The generation path: reserve credits, call Gemini through the key pool, settle, answer in Gemini's shape.

Retries move to another key only while no image exists and only for classes that another key can
fix (see upstream.RETRYABLE). Anything that ends without a final image — an error, a block, a
text-only answer, a cancelled or disconnected request — is refunded exactly once.
"""

import logging
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol

import anyio
import httpx
import orjson
from starlette.responses import Response, StreamingResponse

from nb.deps import Principal
from nb.errors import ApiError
from nb.runtime import Runtime
from nb.security.secretbox import SecretBox
from nb.services import billing
from nb.services.key_pool import DEMO_KEY_ID, KeyPool, PoolExhausted, PoolKey
from nb.services.sse import SseImageWatcher
from nb.services.upstream import GEMINI_PATH, RETRYABLE, Classified, Outcome, classify_error, classify_success
from nb.simulator import SimulatorConfig, create_simulator_app

log = logging.getLogger("nb.generation")
EXCERPT_LENGTH = 200
TIMED_OUT = Classified(Outcome.TIMEOUT, 504, message="upstream timed out")
CONNECTION_FAILED = Classified(Outcome.CONNECTION_ERROR, 502, message="upstream connection failed")


class Attempt(Protocol):
    """One upstream call; a non-None response means the request is handed over (a started stream)."""

    async def __call__(self, key: PoolKey, request: "GenerationRequest", reservation: billing.Reservation,
                       attempts: int, started: float) -> tuple[Classified, Response | None]: ...


@dataclass(frozen=True)
class GenerationRequest:
    principal: Principal
    model: str
    body: bytes
    stream: bool
    idempotency_key: str | None


def prompt_excerpt(body: bytes) -> str:
    """The last user text, for admins' listings; also proves the body is a Gemini request."""
    try:
        parsed = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise ApiError(400, "invalid_json", "Invalid JSON payload received.") from None
    contents = parsed.get("contents") if isinstance(parsed, dict) else None
    if not isinstance(contents, list) or not contents or not all(isinstance(item, dict) for item in contents):
        raise ApiError(400, "invalid_request", "contents must be a non-empty list of Content objects")
    for content in reversed(contents):
        if content.get("role", "user") == "user":
            texts = [part["text"] for part in content.get("parts") or () if isinstance(part, dict)
                     and isinstance(part.get("text"), str)]
            if texts:
                return " ".join(texts)[:EXCERPT_LENGTH].replace("\x00", "")
    return ""


def _failure_error(result: Classified | None) -> ApiError:
    if result is None or result.outcome in RETRYABLE:
        return ApiError(503, "pool_unavailable", "no upstream key can serve this request right now; "
                        "your credits were refunded, please retry shortly")
    if result.outcome == Outcome.TIMEOUT:
        return ApiError(504, "upstream_timeout", "the upstream model took too long; your credits were refunded")
    if result.outcome == Outcome.MALFORMED:
        return ApiError(502, "upstream_malformed", "the upstream answered with a malformed body; "
                        "your credits were refunded")
    return ApiError(result.status_code, "upstream_rejected", result.message or "the request was rejected upstream",
                    gemini_status=result.error_status or None)


class Gateway:
    """One per process: the key pool, the shared HTTP client and the demo upstream."""

    def __init__(self, runtime: Runtime, box: SecretBox, pool: KeyPool, demo_http: httpx.AsyncClient | None):
        self.runtime = runtime
        self.box = box
        self.pool = pool
        self.demo_http = demo_http

    @classmethod
    def open(cls, runtime: Runtime) -> "Gateway":
        """The demo upstream is the offline simulator served in-process, used only while the pool is empty."""
        settings = runtime.settings
        previous = tuple(key for key in settings.token_encryption_key_previous.split(",") if key)
        box = SecretBox(settings.token_encryption_key, previous)
        demo_http = None
        if settings.demo_upstream_allowed:
            simulator = create_simulator_app(SimulatorConfig(image_scale=settings.demo_image_scale))
            demo_http = httpx.AsyncClient(transport=httpx.ASGITransport(app=simulator), base_url="http://demo-upstream",
                                          headers={"x-goog-api-key": "demo"}, timeout=settings.upstream_timeout_seconds)
        return cls(runtime, box, KeyPool(settings, runtime.cache, box), demo_http)

    async def close(self) -> None:
        if self.demo_http is not None:
            await self.demo_http.aclose()

    def _target(self, key: PoolKey, model: str, method: str) -> tuple[httpx.AsyncClient, str]:
        path = GEMINI_PATH.format(model=model, method=method)
        if key.id == DEMO_KEY_ID and self.demo_http is not None:
            return self.demo_http, path
        base = (key.base_url or self.runtime.settings.upstream_base_url).rstrip("/")
        return self.runtime.http, base + path

    async def _pick(self, tried: set[int]) -> PoolKey | None:
        async with self.runtime.sessions() as session:
            try:
                return await self.pool.pick(session, tried)
            except PoolExhausted:
                return None

    async def _record(self, key: PoolKey, result: Classified) -> None:
        async with self.runtime.sessions() as session:
            await self.pool.record(session, key.id, result)
            await session.commit()

    async def generate(self, request: GenerationRequest) -> Response:
        return await self._run(request, self._call)

    async def stream(self, request: GenerationRequest) -> Response:
        """Relay Gemini's SSE byte for byte; retries happen only before the first byte is sent."""
        return await self._run(request, self._open_stream)

    async def _run(self, request: GenerationRequest, attempt: Attempt) -> Response:
        reservation = await self._reserve(request, prompt_excerpt(request.body))
        if reservation.replay_of is not None:
            return await self._replay(reservation)
        started = time.monotonic()
        tried: set[int] = set()
        result: Classified | None = None
        key: PoolKey | None = None
        try:
            while len(tried) < self.runtime.settings.upstream_attempts:
                key = await self._pick(tried)
                if key is None:
                    break
                tried.add(key.id)
                result, handed_over = await attempt(key, request, reservation, len(tried), started)
                if handed_over is not None:
                    return handed_over
                if result.outcome == Outcome.IMAGE:
                    await self._mark_produced(reservation)
                if result.outcome not in RETRYABLE or len(tried) >= self.runtime.settings.upstream_attempts:
                    break
                await self._record(key, result)
                key = None
        except BaseException:
            with anyio.CancelScope(shield=True):
                await self._settle(reservation, None, None, len(tried), started)
            raise
        await self._settle(reservation, key, result, len(tried), started)
        if result is not None and result.outcome in (Outcome.IMAGE, Outcome.NO_IMAGE):
            response = Response(result.body, media_type="application/json")
        else:
            response = _gemini_error_response(_failure_error(result))
        await self._remember(request, reservation, response.status_code, response.body)
        return response

    async def _mark_produced(self, reservation: billing.Reservation) -> None:
        await self.runtime.cache.redis.set(billing.produced_marker(self.runtime.cache, reservation.generation_id),
                                           1, ex=86400)

    async def _reserve(self, request: GenerationRequest, excerpt: str) -> billing.Reservation:
        async with self.runtime.sessions() as session:
            return await billing.reserve(session, request.principal.user.id, request.principal.api_key_id,
                                         request.model, request.idempotency_key, excerpt, request.stream)

    async def _call(self, key: PoolKey, request: GenerationRequest, *_) -> tuple[Classified, None]:
        http, url = self._target(key, request.model, "generateContent")
        try:
            response = await http.post(url, content=request.body, headers=_upstream_headers(key))
        except httpx.TimeoutException:
            return TIMED_OUT, None
        except httpx.HTTPError:
            return CONNECTION_FAILED, None
        if response.status_code == 200:
            return classify_success(response.content), None
        return classify_error(response.status_code, response.content), None

    async def _open_stream(self, key: PoolKey, request: GenerationRequest, reservation: billing.Reservation,
                           attempts: int, started: float) -> tuple[Classified, Response | None]:
        http, url = self._target(key, request.model, "streamGenerateContent")
        upstream_request = http.build_request("POST", url, params={"alt": "sse"}, content=request.body,
                                              headers=_upstream_headers(key))
        try:
            upstream = await http.send(upstream_request, stream=True)
        except httpx.TimeoutException:
            return TIMED_OUT, None
        except httpx.HTTPError:
            return CONNECTION_FAILED, None
        if upstream.status_code != 200:
            result = classify_error(upstream.status_code, await upstream.aread())
            await upstream.aclose()
            return result, None
        relay = self._relay(request, reservation, key, upstream, attempts, started)
        return Classified(Outcome.IMAGE, 200), StreamingResponse(relay, media_type="text/event-stream")

    async def _settle(self, reservation: billing.Reservation, key: PoolKey | None, result: Classified | None,
                      attempts: int, started: float) -> None:
        """Record the key's health and settle the charge in one transaction. When that transaction
        fails after an image was produced, the pending row and the Redis marker let the sweeper keep
        the charge later, and the image is still delivered."""
        settlement = billing.Settlement(
            upstream_key_id=key.id if key else None, attempts=attempts,
            latency_ms=int((time.monotonic() - started) * 1000),
            image_count=result.image_count if result else 0,
            error_class=None if result and result.outcome == Outcome.IMAGE else (
                result.outcome.value if result else "cancelled_or_unavailable"))
        try:
            async with self.runtime.sessions() as session:
                if key is not None and result is not None:
                    await self.pool.record(session, key.id, result)
                if result is not None and result.outcome == Outcome.IMAGE:
                    await billing.mark_succeeded(session, reservation.generation_id, settlement)
                else:
                    await billing.refund(session, reservation.generation_id, settlement)
                await session.commit()
        except Exception:
            log.exception("settling generation %s failed; the sweeper will settle it", reservation.generation_id)

    def _outcome_key(self, generation_id: uuid.UUID) -> str:
        return self.runtime.cache.key("generation", "outcome", generation_id)

    async def _remember(self, request: GenerationRequest, reservation: billing.Reservation, status: int,
                        body: bytes) -> None:
        if request.idempotency_key:
            record = orjson.dumps({"status": status, "body": body.decode("utf-8", "replace")})
            await self.runtime.cache.redis.set(self._outcome_key(reservation.generation_id), record,
                                               ex=self.runtime.settings.idempotency_ttl_seconds)

    async def _replay(self, reservation: billing.Reservation) -> Response:
        if reservation.replay_of.status == "pending":
            raise ApiError(409, "idempotency_in_progress", "a request with this Idempotency-Key is still running")
        stored = await self.runtime.cache.redis.get(self._outcome_key(reservation.generation_id))
        if stored is None:
            raise ApiError(409, "idempotency_expired", f"generation {reservation.generation_id} already completed "
                           "with this Idempotency-Key; its answer is no longer kept")
        record = orjson.loads(stored)
        media_type = "text/event-stream" if reservation.replay_of.streamed and record["status"] == 200 else "application/json"
        return Response(record["body"], status_code=record["status"], media_type=media_type,
                        headers={"Idempotent-Replay": "true"})

    async def _relay(self, request: GenerationRequest, reservation: billing.Reservation, key: PoolKey,
                     upstream: httpx.Response, attempts: int, started: float) -> AsyncIterator[bytes]:
        watcher = SseImageWatcher()
        produced = False
        relayed = bytearray() if request.idempotency_key else None
        broken = False
        try:
            async for chunk in upstream.aiter_raw():
                watcher.feed(chunk)
                if watcher.image_count and not produced:
                    produced = True
                    await self._mark_produced(reservation)
                if relayed is not None:
                    relayed += chunk
                yield chunk
            watcher.close()
        except httpx.HTTPError:
            broken = True
        finally:
            with anyio.CancelScope(shield=True):
                await upstream.aclose()
                result = (Classified(Outcome.IMAGE, 200, image_count=watcher.image_count) if watcher.image_count
                          else Classified(Outcome.CONNECTION_ERROR if broken else Outcome.NO_IMAGE, 200))
                await self._settle(reservation, key, result, attempts, started)
                if relayed is not None:
                    await self._remember(request, reservation, 200, bytes(relayed))
        if broken:
            error = ApiError(502, "upstream_broken", "the upstream stream broke off; your credits were refunded")
            yield b"data: " + orjson.dumps(error.gemini_body()) + b"\r\n\r\n"


def _upstream_headers(key: PoolKey) -> dict[str, str]:
    return {"x-goog-api-key": key.secret, "content-type": "application/json"}


def _gemini_error_response(error: ApiError) -> Response:
    return Response(orjson.dumps(error.gemini_body()), status_code=error.status, media_type="application/json")
