"""Images of messages: decoded to prove they are images, stored once per content as blobs, referenced
from messages, served to their owners or through short-lived signed URLs, freed when unreferenced."""

import asyncio
import base64
import binascii
import hashlib
import hmac
import io
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from PIL import Image as PillowImage
from PIL import ImageOps, UnidentifiedImageError
from sqlalchemy import delete, exists, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from nb.conversations.models import Image, MessageImage
from nb.conversations.storage import BlobStore, original_key, sha256_of_key, thumbnail_key
from nb.conversations.storage.locks import BlobBusy, holding, holding_for_writer
from nb.core.cache import Cache
from nb.core.errors import ApiError
from nb.core.settings import Settings

MAX_IMAGE_BYTES = 20 << 20
MAX_PIXELS = 64_000_000
THUMBNAIL_EDGE = 256
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}


@dataclass(frozen=True)
class DecodedImage:
    sha256: str
    data: bytes
    mime_type: str
    width: int
    height: int
    thumbnail: bytes


def _invalid(detail: str) -> ApiError:
    return ApiError(422, "invalid_image", detail)


def _thumbnail(image: PillowImage.Image) -> bytes:
    frame = ImageOps.exif_transpose(image)
    frame = frame.convert("RGBA" if "A" in frame.getbands() or "transparency" in frame.info else "RGB")
    frame.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
    out = io.BytesIO()
    frame.save(out, "WEBP", quality=80)
    return out.getvalue()


def decode_image(encoded: str) -> DecodedImage:
    """Trust the bytes, not the declared mime: a blob is kept only if Pillow decodes it completely."""
    if len(encoded) > (MAX_IMAGE_BYTES + 2) // 3 * 4 + 4:
        raise ApiError(413, "image_too_large", f"an image is larger than {MAX_IMAGE_BYTES >> 20} MB")
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise _invalid("inlineData.data is not valid base64") from None
    if len(data) > MAX_IMAGE_BYTES:
        raise ApiError(413, "image_too_large", f"an image is larger than {MAX_IMAGE_BYTES >> 20} MB")
    try:
        with PillowImage.open(io.BytesIO(data), formats=list(FORMATS)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise _invalid(f"an image has more than {MAX_PIXELS} pixels")
            image.load()
            mime_type = FORMATS.get(image.format or "")
            if mime_type is None:  # Pillow names the format it opened, always one of those allowed
                raise _invalid("inlineData is not a PNG, JPEG, WebP or GIF image")
            return DecodedImage(
                hashlib.sha256(data).hexdigest(),
                data,
                mime_type,
                image.width,
                image.height,
                _thumbnail(image),
            )
    except ApiError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, PillowImage.DecompressionBombError):
        raise _invalid("inlineData is not a PNG, JPEG, WebP or GIF image") from None


async def decode_images(encoded: list[str]) -> list[DecodedImage]:
    """Decoding and thumbnailing are CPU work: one thread per message, never the event loop."""
    return await asyncio.to_thread(lambda: [decode_image(item) for item in encoded]) if encoded else []


def unique(decoded: Iterable[DecodedImage]) -> list[DecodedImage]:
    return list({image.sha256: image for image in decoded}.values())


async def _put(store: BlobStore, image: DecodedImage) -> None:
    await asyncio.gather(
        store.put(original_key(image.sha256), image.data, image.mime_type),
        store.put(thumbnail_key(image.sha256), image.thumbnail, "image/webp"),
    )


async def _delete_blob(store: BlobStore, sha256: str) -> None:
    await asyncio.gather(store.delete(original_key(sha256)), store.delete(thumbnail_key(sha256)))


async def _existing(session: AsyncSession, sha256s: Iterable[str]) -> set[str]:
    wanted = list(set(sha256s))
    if not wanted:
        return set()
    return set(await session.scalars(select(Image.sha256).where(Image.sha256.in_(wanted))))


@asynccontextmanager
async def storing(
    session: AsyncSession, cache: Cache, store: BlobStore, decoded: list[DecodedImage], also_locked: Iterable[str] = ()
) -> AsyncIterator[None]:
    """Write the blobs that are not stored yet, with no DB connection held, then let the body
    commit the rows that reference them; blobs the body did not keep are removed again.
    `also_locked` are stored images the body references too: locked, so none is freed meanwhile."""
    images = unique(decoded)
    async with holding_for_writer(cache, [image.sha256 for image in images] + list(also_locked)):
        known = await _existing(session, [image.sha256 for image in images])
        await session.commit()
        fresh = [image for image in images if image.sha256 not in known]
        try:
            await asyncio.gather(*(_put(store, image) for image in fresh))
            yield
        finally:
            await session.rollback()
            kept = await _existing(session, [image.sha256 for image in fresh])
            await session.commit()
            await asyncio.gather(*(_delete_blob(store, image.sha256) for image in fresh if image.sha256 not in kept))


async def add_rows(session: AsyncSession, decoded: list[DecodedImage]) -> None:
    """Insert the metadata rows in the caller's transaction (the caller holds the blob locks)."""
    rows = [
        dict(
            sha256=image.sha256, mime_type=image.mime_type, width=image.width, height=image.height, size=len(image.data)
        )
        for image in unique(decoded)
    ]
    if rows:
        await session.execute(insert(Image).values(rows).on_conflict_do_nothing(index_elements=["sha256"]))


async def free_unreferenced(
    session: AsyncSession, cache: Cache, store: BlobStore, sha256s: Iterable[str], wait_seconds: float = 5.0
) -> int:
    """Delete the row and the blob of each image no message references any more; a blob busy with a
    writer is left for the orphan sweep. Returns how many blobs were freed."""
    freed = 0
    for sha256 in sorted(set(sha256s)):
        try:
            async with holding(cache, [sha256], wait_seconds):
                gone = await session.scalar(
                    delete(Image)
                    .where(Image.sha256 == sha256, ~exists().where(MessageImage.image_sha256 == sha256))
                    .returning(Image.sha256)
                )
                await session.commit()
                if gone:
                    await _delete_blob(store, sha256)
                    freed += 1
        except BlobBusy:
            continue
    return freed


async def delete_orphan_blobs(session: AsyncSession, cache: Cache, store: BlobStore, keys: list[str]) -> int:
    """Remove stored blobs that have no row (left by a crash); a blob a writer holds is skipped."""
    candidates = {sha for sha in map(sha256_of_key, keys) if sha}
    known = await _existing(session, candidates)
    await session.commit()
    removed = 0
    for sha256 in sorted(candidates - known):
        try:
            async with holding(cache, [sha256], 0):
                orphan = not await _existing(session, [sha256])
                await session.commit()
                if orphan:
                    await _delete_blob(store, sha256)
                    removed += 1
        except BlobBusy:
            continue
    return removed


def _url_key(settings: Settings) -> bytes:
    return hmac.new(settings.jwt_secret_key.encode(), b"image-url", hashlib.sha256).digest()


def _signature(settings: Settings, path: str, expires: int) -> str:
    digest = hmac.new(_url_key(settings), f"{path}\n{expires}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def signed_path(settings: Settings, path: str) -> str:
    """Expiry is rounded up to a TTL boundary, so a URL is stable (and cacheable) for a while."""
    ttl = settings.image_url_ttl_seconds
    expires = (int(time.time()) // ttl + 2) * ttl
    return f"{path}?expires={expires}&signature={_signature(settings, path, expires)}"


def signature_valid(settings: Settings, path: str, expires: int | None, signature: str | None) -> bool:
    if expires is None or signature is None or expires < time.time():
        return False
    return hmac.compare_digest(signature, _signature(settings, path, expires))


def image_path(sha256: str, thumbnail: bool = False) -> str:
    return f"/api/images/{sha256}/thumb" if thumbnail else f"/api/images/{sha256}"


def reference(settings: Settings, image: Image) -> dict:
    """What a client sees in place of `inlineData`: signed URLs usable in `<img>`, and the metadata."""
    return {
        "id": image.sha256,
        "url": signed_path(settings, image_path(image.sha256)),
        "thumbUrl": signed_path(settings, image_path(image.sha256, True)),
        "mimeType": image.mime_type,
        "width": image.width,
        "height": image.height,
        "size": image.size,
    }


async def read(session: AsyncSession, store: BlobStore, sha256: str, thumbnail: bool) -> tuple[bytes, str] | None:
    image = await session.get(Image, sha256)
    await session.commit()
    if image is None:
        return None
    data = await store.get(thumbnail_key(sha256) if thumbnail else original_key(sha256))
    return None if data is None else (data, "image/webp" if thumbnail else image.mime_type)
