"""The generation path: reserve credits, call Gemini through the key pool, settle, answer in Gemini's shape.

Retries move to another key only while no image exists and only for classes that another key can
fix (see `RETRYABLE`). Anything that ends without a final image — an error, a block, a text-only
answer, a cancelled or disconnected request — is refunded exactly once. All attempts together end
by GENERATION_DEADLINE_SECONDS, and the sweeper waits that long plus a grace period, so it never
settles a generation that is still running. The service returns an
`Answer`; the router turns it into an HTTP response.
"""

import logging
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Protocol

import anyio
import httpx
import orjson

from nb.core.errors import ApiError
from nb.core.runtime import Runtime
from nb.gateway import billing
from nb.gateway.sse import SseImageWatcher
from nb.pool.key_pool import KeyPool, PoolExhausted, PoolKey
from nb.upstream.classify import RETRYABLE, Classified, Outcome
from nb.upstream.client import TIMED_OUT, UpstreamClient

log = logging.getLogger("nb.generation")
EXCERPT_LENGTH = 200
JSON = "application/json"
SSE = "text/event-stream"


@dataclass(frozen=True)
class Answer:
    """What the caller receives: a complete body, or a stream of SSE bytes relayed as they arrive."""

    status: int
    body: bytes = b""
    stream: AsyncIterator[bytes] | None = None
    media_type: str = JSON
    headers: dict[str, str] = field(default_factory=dict)


class Attempt(Protocol):
    """One upstream call; a non-None answer means the request is handed over (a started stream)."""

    async def __call__(
        self,
        key: PoolKey,
        request: "GenerationRequest",
        reservation: billing.Reservation,
        attempts: int,
        started: float,
    ) -> tuple[Classified, Answer | None]: ...


@dataclass(frozen=True)
class GenerationRequest:
    user_id: int
    api_key_id: int | None
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
            texts = [
                part["text"]
                for part in content.get("parts") or ()
                if isinstance(part, dict) and isinstance(part.get("text"), str)
            ]
            if texts:
                return " ".join(texts)[:EXCERPT_LENGTH].replace("\x00", "")
    return ""


def _failure_error(result: Classified | None) -> ApiError:
    if result is None or result.outcome in RETRYABLE:
        return ApiError(
            503,
            "pool_unavailable",
            "no upstream key can serve this request right now; your credits were refunded, please retry shortly",
        )
    if result.outcome == Outcome.TIMEOUT:
        return ApiError(504, "upstream_timeout", "the upstream model took too long; your credits were refunded")
    if result.outcome == Outcome.MALFORMED:
        return ApiError(
            502, "upstream_malformed", "the upstream answered with a malformed body; your credits were refunded"
        )
    return ApiError(
        result.status_code,
        "upstream_rejected",
        result.message or "the request was rejected upstream",
        gemini_status=result.error_status or None,
    )


def _error_answer(error: ApiError) -> Answer:
    return Answer(error.status, orjson.dumps(error.gemini_body()))


class Gateway:
    """One per process: the key pool and the upstream client, over the runtime's DB and Redis."""

    def __init__(self, runtime: Runtime, pool: KeyPool, upstream: UpstreamClient):
        self.runtime = runtime
        self.pool = pool
        self.upstream = upstream

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

    async def generate(self, request: GenerationRequest) -> Answer:
        return await self._run(request, self._call)

    async def stream(self, request: GenerationRequest) -> Answer:
        """Relay Gemini's SSE byte for byte; retries happen only before the first byte is sent."""
        return await self._run(request, self._open_stream)

    async def _run(self, request: GenerationRequest, attempt: Attempt) -> Answer:
        reservation = await self._reserve(request, prompt_excerpt(request.body))
        if reservation.replay_of is not None:
            return await self._replay(reservation, reservation.replay_of)
        started = time.monotonic()
        deadline = started + self.runtime.settings.generation_deadline_seconds
        tried: set[int] = set()
        result: Classified | None = None
        key: PoolKey | None = None
        try:
            while len(tried) < self.runtime.settings.upstream_attempts:
                key = await self._pick(tried)
                if key is None:
                    break
                tried.add(key.id)
                result, handed_over = TIMED_OUT, None
                with anyio.move_on_after(deadline - time.monotonic()):
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
            answer = Answer(200, result.body)
        else:
            answer = _error_answer(_failure_error(result))
        await self._remember(request, reservation, answer.status, answer.body)
        return answer

    async def _mark_produced(self, reservation: billing.Reservation) -> None:
        await self.runtime.cache.redis.set(
            billing.produced_marker(self.runtime.cache, reservation.generation_id), 1, ex=86400
        )

    async def _reserve(self, request: GenerationRequest, excerpt: str) -> billing.Reservation:
        async with self.runtime.sessions() as session:
            return await billing.reserve(
                session,
                request.user_id,
                request.api_key_id,
                request.model,
                request.idempotency_key,
                excerpt,
                request.stream,
            )

    async def _call(
        self, key: PoolKey, request: GenerationRequest, reservation: billing.Reservation, attempts: int, started: float
    ) -> tuple[Classified, Answer | None]:
        return await self.upstream.generate(key.credential, request.model, request.body), None

    async def _open_stream(
        self, key: PoolKey, request: GenerationRequest, reservation: billing.Reservation, attempts: int, started: float
    ) -> tuple[Classified, Answer | None]:
        result, upstream = await self.upstream.open_stream(key.credential, request.model, request.body)
        if upstream is None:
            return result, None
        relay = self._relay(request, reservation, key, upstream, attempts, started)
        return result, Answer(200, stream=relay, media_type=SSE)

    async def _settle(
        self,
        reservation: billing.Reservation,
        key: PoolKey | None,
        result: Classified | None,
        attempts: int,
        started: float,
    ) -> None:
        """Record the key's health and settle the charge in one transaction. When that transaction
        fails after an image was produced, the pending row and the Redis marker let the sweeper keep
        the charge later, and the image is still delivered."""
        settlement = billing.Settlement(
            upstream_key_id=key.id if key else None,
            attempts=attempts,
            latency_ms=int((time.monotonic() - started) * 1000),
            image_count=result.image_count if result else 0,
            error_class=None
            if result and result.outcome == Outcome.IMAGE
            else (result.outcome.value if result else "cancelled_or_unavailable"),
        )
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

    async def _remember(
        self, request: GenerationRequest, reservation: billing.Reservation, status: int, body: bytes
    ) -> None:
        if request.idempotency_key:
            record = orjson.dumps({"status": status, "body": body.decode("utf-8", "replace")})
            await self.runtime.cache.redis.set(
                self._outcome_key(reservation.generation_id), record, ex=self.runtime.settings.idempotency_ttl_seconds
            )

    async def _replay(self, reservation: billing.Reservation, earlier: billing.Earlier) -> Answer:
        if earlier.status == "pending":
            raise ApiError(409, "idempotency_in_progress", "a request with this Idempotency-Key is still running")
        stored = await self.runtime.cache.redis.get(self._outcome_key(reservation.generation_id))
        if stored is None:
            raise ApiError(
                409,
                "idempotency_expired",
                f"generation {reservation.generation_id} already completed "
                "with this Idempotency-Key; its answer is no longer kept",
            )
        record = orjson.loads(stored)
        media_type = SSE if earlier.streamed and record["status"] == 200 else JSON
        return Answer(
            record["status"], record["body"].encode(), media_type=media_type, headers={"Idempotent-Replay": "true"}
        )

    async def _relay(
        self,
        request: GenerationRequest,
        reservation: billing.Reservation,
        key: PoolKey,
        upstream: httpx.Response,
        attempts: int,
        started: float,
    ) -> AsyncIterator[bytes]:
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
                result = (
                    Classified(Outcome.IMAGE, 200, image_count=watcher.image_count)
                    if watcher.image_count
                    else Classified(Outcome.CONNECTION_ERROR if broken else Outcome.NO_IMAGE, 200)
                )
                await self._settle(reservation, key, result, attempts, started)
                if relayed is not None:
                    await self._remember(request, reservation, 200, bytes(relayed))
        if broken:
            error = ApiError(502, "upstream_broken", "the upstream stream broke off; your credits were refunded")
            yield b"data: " + orjson.dumps(error.gemini_body()) + b"\r\n\r\n"
