"""Per-blob Redis locks. They keep one invariant across workers: an `images` row exists only while its
blob exists. Writers hold the lock from "is it stored?" through the commit that references it;
the blob is deleted only under the lock, after its row was seen gone."""

import asyncio
import secrets
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from nb.core.cache import Cache
from nb.core.errors import ApiError

LOCK_MILLISECONDS = 120_000
POLL_SECONDS = 0.02
RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"


class BlobBusy(Exception):
    """Another worker holds a blob's lock for longer than the caller wants to wait."""


def _key(cache: Cache, sha256: str) -> str:
    return cache.key("blob-lock", sha256)


async def _acquire(cache: Cache, key: str, token: str, wait_seconds: float) -> None:
    deadline = time.monotonic() + wait_seconds
    while not await cache.redis.set(key, token, nx=True, px=LOCK_MILLISECONDS):
        if time.monotonic() >= deadline:
            raise BlobBusy(key)
        await asyncio.sleep(POLL_SECONDS)


@asynccontextmanager
async def holding(cache: Cache, sha256s: Iterable[str], wait_seconds: float = 30.0) -> AsyncIterator[None]:
    """Hold the locks of every blob given, taken in sorted order so two holders never deadlock."""
    token = secrets.token_hex(8)
    held: list[str] = []
    try:
        for sha256 in sorted(set(sha256s)):
            key = _key(cache, sha256)
            await _acquire(cache, key, token, wait_seconds)
            held.append(key)
        yield
    finally:
        for key in held:
            await cache.redis.eval(RELEASE, 1, key, token)


@asynccontextmanager
async def holding_for_writer(cache: Cache, sha256s: Iterable[str]) -> AsyncIterator[None]:
    """Like `holding`, but a writer that cannot get a lock answers 503 rather than waiting forever."""
    try:
        async with holding(cache, sha256s):
            yield
    except BlobBusy:
        raise ApiError(503, "storage_busy", "image storage is busy, try again") from None
