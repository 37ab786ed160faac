"""Blobs as files under one directory; every filesystem call runs in a thread."""

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path


class LocalBlobStore:
    def __init__(self, root: str):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / key

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(self._write, self._path(key), data)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        """Write a temporary file and rename it, so a reader never sees half a blob."""
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    async def get(self, key: str) -> bytes | None:
        def read() -> bytes | None:
            try:
                return self._path(key).read_bytes()
            except FileNotFoundError:
                return None

        return await asyncio.to_thread(read)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, missing_ok=True)

    async def key_pages(self) -> AsyncIterator[list[str]]:
        """One page per shard directory (`originals/ab`, `thumbs/ab`, ...)."""
        shards = await asyncio.to_thread(self._shards)
        for shard in shards:
            names = await asyncio.to_thread(self._files_in, shard)
            if names:
                yield [str((shard / name).relative_to(self.root)) for name in names]

    def _shards(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        kinds = [kind for kind in self.root.iterdir() if kind.is_dir()]
        return sorted(shard for kind in kinds for shard in kind.iterdir() if shard.is_dir())

    @staticmethod
    def _files_in(shard: Path) -> list[str]:
        return sorted(entry.name for entry in os.scandir(shard) if entry.is_file() and not entry.name.startswith("."))
