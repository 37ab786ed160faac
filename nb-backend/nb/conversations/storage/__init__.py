"""Where image blobs live: one small interface, a local directory (default) or S3-compatible storage.

Keys are derived from the content's sha256, so a blob is written once however often it is used."""

from collections.abc import AsyncIterator
from functools import lru_cache
from typing import Protocol

from nb.core.settings import Settings

ORIGINALS = "originals"
THUMBNAILS = "thumbs"


class BlobStore(Protocol):
    async def put(self, key: str, data: bytes, content_type: str) -> None: ...

    async def get(self, key: str) -> bytes | None: ...

    async def delete(self, key: str) -> None: ...

    def key_pages(self) -> AsyncIterator[list[str]]:
        """Every stored key, a page at a time (for the orphan sweep)."""
        ...


def original_key(sha256: str) -> str:
    return f"{ORIGINALS}/{sha256[:2]}/{sha256}"


def thumbnail_key(sha256: str) -> str:
    return f"{THUMBNAILS}/{sha256[:2]}/{sha256}.webp"


def sha256_of_key(key: str) -> str | None:
    """The blob a stored key belongs to, or None for a key that is not ours."""
    name = key.rsplit("/", 1)[-1].removesuffix(".webp")
    return name if len(name) == 64 and key.startswith((ORIGINALS + "/", THUMBNAILS + "/")) else None


def open_blob_store(settings: Settings) -> BlobStore:
    if settings.image_storage == "s3":
        return _s3_store(
            settings.s3_endpoint_url,
            settings.s3_region,
            settings.s3_bucket,
            settings.s3_access_key_id,
            settings.s3_secret_access_key,
        )
    return _local_store(str(settings.image_storage_path.resolve()))


@lru_cache(maxsize=8)
def _local_store(root: str) -> BlobStore:
    from nb.conversations.storage.local import LocalBlobStore

    return LocalBlobStore(root)


@lru_cache(maxsize=8)
def _s3_store(
    endpoint_url: str | None, region: str, bucket: str, access_key_id: str | None, secret_access_key: str | None
) -> BlobStore:
    """One boto3 client per configuration and process: clients are thread-safe and costly to build."""
    from nb.conversations.storage.s3 import S3BlobStore

    return S3BlobStore(endpoint_url, region, bucket, access_key_id, secret_access_key)
