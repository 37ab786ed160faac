"""Watching a Gemini SSE stream pass by: events split on blank lines (CRLF or LF), any size.

An image arrives whole in one event that can be tens of megabytes on a single line, so there is no
line limit here; the buffer only ever holds the event being received.
"""

import re

import orjson

from nb.upstream.classify import final_image_count

_BOUNDARY = re.compile(rb"\r\n\r\n|\n\n|\r\r")


class SseImageWatcher:
    def __init__(self) -> None:
        self._buffer = bytearray()
        self._scanned = 0
        self.image_count = 0
        self.events = 0
        self.error: dict | None = None

    def feed(self, chunk: bytes) -> None:
        self._buffer += chunk
        while True:
            match = _BOUNDARY.search(self._buffer, max(0, self._scanned - 3))
            if match is None:
                self._scanned = len(self._buffer)
                return
            self._event(bytes(self._buffer[: match.start()]))
            del self._buffer[: match.end()]
            self._scanned = 0

    def close(self) -> None:
        if self._buffer.strip():
            self._event(bytes(self._buffer))
        self._buffer.clear()

    def _event(self, raw: bytes) -> None:
        data = b"\n".join(line[5:].lstrip(b" ") for line in raw.splitlines() if line.startswith(b"data:"))
        if not data:
            return
        try:
            payload = orjson.loads(data)
        except orjson.JSONDecodeError:
            return
        self.events += 1
        if isinstance(payload, dict):
            if isinstance(payload.get("error"), dict):
                self.error = payload["error"]
            self.image_count += final_image_count(payload)
