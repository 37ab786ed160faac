"""The HTTP 200 answers: which parts a generation yields, its finish reason, usage and SSE chunks.

A ``Reply`` is planned first (cheap, no pixels) and images are rendered only when a response or
stream chunk is written, so thought text can be streamed before the image exists. Signatures are
only attached by thinking models (Gemini 3); 2.5 Flash Image never thinks and never signs.
"""

import asyncio
import base64
import math
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from nb.simulator.catalog import ModelSpec
from nb.simulator.config import SimulatorConfig
from nb.simulator.images import EditSource, ImageCache, pad_png, render_png
from nb.simulator.wire import GenerationRequest

NO_IMAGE_MARKERS = {
    "#imagesafety": "IMAGE_SAFETY",
    "#noimage": "NO_IMAGE",
    "#maxtokens": "MAX_TOKENS",
    "#textonly": "STOP",
}
IMAGE_SAFETY_MESSAGE = (
    "Unable to show the generated image. The image was filtered out because it violated Google's "
    "Generative AI Prohibited Use policy. You will not be charged for blocked images. Try rephrasing the prompt."
)
THOUGHTS = (
    "**Planning the composition**\n\nI'm working out subject, layout and framing for: {snippet}",
    "**Refining light and palette**\n\nI'm settling the lighting and colours before rendering the final image.",
)


@dataclass(frozen=True)
class ImageJob:
    """An image part still to be rendered."""

    width: int
    height: int
    seed: bytes
    source: EditSource | None
    thought: bool
    signature: str | None
    pad_bytes: int

    @property
    def cache_key(self) -> tuple:
        return self.width, self.height, self.seed, self.source.digest if self.source else b"", self.pad_bytes


Part = dict | ImageJob


@dataclass
class Reply:
    model_version: str
    usage: dict
    prompt_usage: dict
    chunks: list[list[Part]] = field(default_factory=list)
    """Parts grouped as they are streamed, one SSE event per group."""
    finish_reason: str | None = None
    finish_message: str | None = None
    block_reason: str | None = None
    response_id: str = field(default_factory=lambda: secrets.token_urlsafe(16))

    @property
    def has_image(self) -> bool:
        return any(isinstance(part, ImageJob) and not part.thought for chunk in self.chunks for part in chunk)


def _estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / 4)


def _new_signature() -> str:
    return base64.b64encode(secrets.token_bytes(96)).decode()


def _details(**counts: int) -> list[dict]:
    return [{"modality": modality, "tokenCount": count} for modality, count in counts.items() if count]


def _usage(prompt: dict, candidates: list[dict], thoughts: int) -> dict:
    """usageMetadata as the API writes it: zero counts omitted, total = prompt + candidates + thoughts."""
    candidate_count = sum(detail["tokenCount"] for detail in candidates)
    usage = {"promptTokenCount": prompt["promptTokenCount"]}
    if candidate_count:
        usage["candidatesTokenCount"] = candidate_count
    usage["totalTokenCount"] = prompt["promptTokenCount"] + candidate_count + thoughts
    usage["promptTokensDetails"] = prompt["promptTokensDetails"]
    if candidates:
        usage["candidatesTokensDetails"] = candidates
    if thoughts:
        usage["thoughtsTokenCount"] = thoughts
    return usage


def _prompt_usage(spec: ModelSpec, request: GenerationRequest) -> dict:
    images = sum(1 for image in request.images if not image.thought)
    details = _details(TEXT=_estimate_tokens(request.all_text), IMAGE=images * spec.input_image_tokens)
    total = sum(detail["tokenCount"] for detail in details)
    return {"promptTokenCount": total, "totalTokenCount": total, "promptTokensDetails": details}


def _answer_text(finish_reason: str, wants_image: bool, editing: bool, snippet: str) -> str | None:
    if wants_image:
        return "Here is the edited image." if editing else "Here is the generated image."
    return {
        "IMAGE_SAFETY": None,
        "NO_IMAGE": f"I can't create that image, but I can describe it instead: {snippet}",
        "MAX_TOKENS": f"Describing the scene step by step: {snippet}",
    }.get(finish_reason, f"Simulated answer to: {snippet}")


def plan_reply(
    spec: ModelSpec,
    request: GenerationRequest,
    source: EditSource | None,
    markers: frozenset[str],
    config: SimulatorConfig,
) -> Reply:
    """Decide every part of a 200 answer; pixels are rendered later, when the part is written."""
    prompt_usage = _prompt_usage(spec, request)
    if "#block" in markers:
        return Reply(spec.id, dict(prompt_usage), prompt_usage, block_reason="PROHIBITED_CONTENT")

    finish_reason = next((NO_IMAGE_MARKERS[m] for m in NO_IMAGE_MARKERS if m in markers), "STOP")
    wants_image = "IMAGE" in request.response_modalities and not markers & NO_IMAGE_MARKERS.keys()
    size = "4K" if "#4k" in markers else request.image_size or "1K"
    ratio = request.aspect_ratio or (spec.closest_ratio(source.width, source.height) if source else "1:1")
    width, height = (max(1, round(side * config.image_scale)) for side in spec.pixel_size(ratio, size))
    seed = f"{request.prompt}\x00{request.seed}".encode()
    snippet = request.prompt[:120]
    signatures = [_new_signature(), _new_signature()] if spec.thinks else [None, None]

    chunks: list[list[Part]] = []
    thought_texts = [text.format(snippet=snippet) for text in THOUGHTS] if spec.thinks else []
    if spec.thinks and request.include_thoughts:
        chunks += [[{"text": text, "thought": True}] for text in thought_texts]
        if wants_image:
            draft = ImageJob(max(1, width // 2), max(1, height // 2), seed + b"\x00draft", source, True, None, 0)
            chunks.append([draft])
    answer = _answer_text(finish_reason, wants_image, source is not None, snippet)
    if answer and ("TEXT" in request.response_modalities or not wants_image):
        text_part = {"text": answer}
        if signatures[0]:
            text_part["thoughtSignature"] = signatures[0]
        chunks.append([text_part])
    image_tokens = 0
    if wants_image:
        chunks.append([ImageJob(width, height, seed, source, False, signatures[1], config.pad_bytes)])
        image_tokens = spec.output_image_tokens(size)

    text_tokens = sum(
        _estimate_tokens(part["text"])
        for chunk in chunks
        for part in chunk
        if isinstance(part, dict) and not part.get("thought")
    )
    thoughts = sum(_estimate_tokens(text) for text in thought_texts)
    usage = _usage(prompt_usage, _details(IMAGE=image_tokens, TEXT=text_tokens), thoughts)
    finish_message = IMAGE_SAFETY_MESSAGE if finish_reason == "IMAGE_SAFETY" else None
    return Reply(spec.id, usage, prompt_usage, chunks, finish_reason, finish_message)


def _render_base64(job: ImageJob) -> str:
    png = pad_png(render_png(job.width, job.height, job.seed, job.source), job.pad_bytes)
    return base64.b64encode(png).decode("ascii")


async def _image_part(job: ImageJob, cache: ImageCache) -> dict:
    data = cache.get(job.cache_key)
    if data is None:
        data = await asyncio.to_thread(_render_base64, job)
        cache.put(job.cache_key, data)
    part: dict = {"inlineData": {"mimeType": "image/png", "data": data}}
    if job.thought:
        part["thought"] = True
    if job.signature:
        part["thoughtSignature"] = job.signature
    return part


async def _materialize(parts: list[Part], cache: ImageCache) -> list[dict]:
    """Parts ready for JSON, rendering (or fetching from the cache) any image in a worker thread."""
    return [await _image_part(part, cache) if isinstance(part, ImageJob) else part for part in parts]


def _envelope(reply: Reply, body: dict) -> dict:
    return {**body, "modelVersion": reply.model_version, "responseId": reply.response_id}


def _finished_candidate(reply: Reply, parts: list[dict]) -> dict:
    candidate: dict = {"content": {"role": "model", "parts": parts}} if parts else {}
    candidate["finishReason"] = reply.finish_reason
    if reply.finish_message:
        candidate["finishMessage"] = reply.finish_message
    candidate["index"] = 0
    return candidate


def _blocked_body(reply: Reply) -> dict:
    return _envelope(reply, {"promptFeedback": {"blockReason": reply.block_reason}, "usageMetadata": reply.usage})


async def response_body(reply: Reply, cache: ImageCache) -> dict:
    """The whole non-streaming GenerateContentResponse."""
    if reply.block_reason:
        return _blocked_body(reply)
    parts = await _materialize([part for chunk in reply.chunks for part in chunk], cache)
    return _envelope(reply, {"candidates": [_finished_candidate(reply, parts)], "usageMetadata": reply.usage})


async def _chunk_body(reply: Reply, parts: list[Part], cache: ImageCache) -> dict:
    """One intermediate stream chunk: some parts, prompt-only usage, no finishReason."""
    candidate = {"content": {"role": "model", "parts": await _materialize(parts, cache)}, "index": 0}
    return _envelope(reply, {"candidates": [candidate], "usageMetadata": reply.prompt_usage})


def _finish_body(reply: Reply) -> dict:
    """The last stream chunk: finishReason and complete usage."""
    return _envelope(reply, {"candidates": [_finished_candidate(reply, [])], "usageMetadata": reply.usage})


async def stream_bodies(reply: Reply, cache: ImageCache, latency_s: float) -> AsyncIterator[dict]:
    """Stream chunks in order; the configured latency is spent before the first image chunk."""
    if reply.block_reason:
        yield _blocked_body(reply)
        return
    delayed = False
    for parts in reply.chunks:
        if not delayed and any(isinstance(part, ImageJob) for part in parts):
            await asyncio.sleep(latency_s)
            delayed = True
        yield await _chunk_body(reply, parts, cache)
    if not delayed:
        await asyncio.sleep(latency_s)
    yield _finish_body(reply)
