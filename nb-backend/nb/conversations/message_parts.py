"""Gemini parts as stored: each `inlineData` swapped for an `imageRef` to its blob, every other field
kept as sent (`thought`, `thoughtSignature`, ...), so a conversation can be replayed upstream."""

from typing import Any

from nb.conversations import images
from nb.conversations.models import Image
from nb.core.settings import Settings

INLINE_KEYS = ("inlineData", "inline_data")
TITLE_LENGTH = 80


def inline_images(parts: list[dict[str, Any]]) -> list[str]:
    """The base64 payload of every inline image, in part order."""
    return [part[key]["data"] for part in parts for key in INLINE_KEYS if key in part]


def reused_images(parts: list[dict[str, Any]]) -> list[str]:
    """Images a client sends back by reference (as it received them) instead of re-uploading."""
    return [part["imageRef"]["id"] for part in parts if "imageRef" in part]


def with_references(parts: list[dict[str, Any]], decoded: list[images.DecodedImage]) -> list[dict[str, Any]]:
    """Replace the inline images, in order, by references to their blobs; a reference sent back by
    the client keeps only its id (its URLs are signed anew on every read)."""
    remaining = iter(decoded)
    stored = []
    for part in parts:
        inline = next((key for key in INLINE_KEYS if key in part), None)
        if inline is None and "imageRef" not in part:
            stored.append(part)
            continue
        image_id = next(remaining).sha256 if inline else part["imageRef"]["id"]
        rest = {key: value for key, value in part.items() if key not in (inline, "imageRef")}
        stored.append({"imageRef": {"id": image_id}, **rest})
    return stored


def referenced(parts: list[dict[str, Any]]) -> set[str]:
    return {part["imageRef"]["id"] for part in parts if "imageRef" in part}


def rendered(settings: Settings, parts: list[dict[str, Any]], known: dict[str, Image]) -> list[dict[str, Any]]:
    """Stored parts with full references: signed URLs, mime, dimensions and size."""
    out = []
    for part in parts:
        if "imageRef" in part and (image := known.get(part["imageRef"]["id"])) is not None:
            part = {**part, "imageRef": images.reference(settings, image)}
        out.append(part)
    return out


def title_from(parts: list[dict[str, Any]]) -> str | None:
    """The first non-thought text, on one line, short enough for a sidebar."""
    for part in parts:
        text = part.get("text")
        if isinstance(text, str) and not part.get("thought") and text.strip():
            line = " ".join(text.split())
            return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1] + "…"
    return None
