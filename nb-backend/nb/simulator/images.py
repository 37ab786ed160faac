"""Synthetic but real PNGs, deterministic per prompt and edit source, and cheap to make.

Output is an 8-bit palette PNG whose IDAT is stored with zlib level 0: a seeded gradient with
shapes and grain, blended with the image being edited. Stored deflate costs almost no CPU yet
keeps the byte size close to a real Gemini PNG (~1 MB at 1K, ~17 MB at 4K), so the benchmark
measures the gateway rather than the simulator. Decoding and rendering block; callers run them
in a worker thread.
"""

import io
import random
import struct
import zlib
from collections import OrderedDict
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw

from nb.simulator.errors import invalid_argument
from nb.simulator.wire import InlineImage

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PADDING_CHUNK = b"nbPd"
"""Private, ancillary, safe-to-copy chunk type: every decoder skips it."""
SUPPORTED_INPUT_TYPES = frozenset({"image/png", "image/jpeg", "image/webp"})
PATTERN_SIDE = 256
GRAIN_ROWS = 64
GRAIN_LUT = tuple(value & 15 for value in range(256))


@dataclass(frozen=True)
class EditSource:
    """The input image an edit starts from: its shape (for "Auto" ratio) and a thumbnail to blend."""

    width: int
    height: int
    thumbnail: Image.Image
    tint: tuple[int, int, int]
    digest: bytes


def _decode(data: bytes) -> tuple[Image.Image, tuple[int, int]]:
    """Fully decode an input image (JPEG at reduced scale); the size is the original one."""
    try:
        image = Image.open(io.BytesIO(data))
        size = image.size
        image.draft("RGB", (PATTERN_SIDE, PATTERN_SIDE))
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise invalid_argument("Provided image is not valid") from None
    return image, size


def load_edit_source(images: list[InlineImage], last_user_index: int) -> EditSource | None:
    """Decode every inline image, as the API does, and keep the one an edit starts from.

    That is the first image of the last user turn, else the latest non-thought image in the
    history (the previous result in a multi-turn edit).
    """
    candidates = [image for image in images if not image.thought]
    latest_turn = [image for image in candidates if image.content_index == last_user_index]
    chosen = latest_turn[0] if latest_turn else (candidates[-1] if candidates else None)
    source = None
    for image in images:
        decoded, (width, height) = _decode(image.data)
        if image is chosen:
            thumbnail = decoded.convert("RGB").resize((PATTERN_SIDE, PATTERN_SIDE))
            pixel = thumbnail.resize((1, 1)).getpixel((0, 0))
            if not isinstance(pixel, tuple):
                raise TypeError(f"an RGB image gave a non-tuple pixel: {pixel!r}")
            red, green, blue = pixel
            tint = (red, green, blue)
            digest = zlib.crc32(image.data).to_bytes(4, "big")
            source = EditSource(width, height, thumbnail.convert("L"), tint, digest)
    return source


def _pattern(rnd: random.Random) -> Image.Image:
    linear = Image.linear_gradient("L").rotate(rnd.choice((0, 90, 180, 270)))
    field = Image.blend(linear, Image.radial_gradient("L"), rnd.uniform(0.2, 0.8))
    draw = ImageDraw.Draw(field)
    for _ in range(rnd.randint(3, 7)):
        x, y, radius = rnd.randrange(PATTERN_SIDE), rnd.randrange(PATTERN_SIDE), rnd.randrange(12, 80)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=rnd.randrange(256))
    return field


def _palette(rnd: random.Random, first: tuple[int, int, int] | None) -> bytes:
    stops = [first or tuple(rnd.randrange(256) for _ in range(3))]
    stops += [tuple(rnd.randrange(256) for _ in range(3)) for _ in range(3)]
    palette = bytearray()
    for index in range(256):
        position = index / 255 * (len(stops) - 1)
        low = min(int(position), len(stops) - 2)
        fraction = position - low
        start, end = stops[low], stops[low + 1]
        palette += bytes(round(start[c] + (end[c] - start[c]) * fraction) for c in range(3))
    return bytes(palette)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_palette_png(pixels: Image.Image, palette: bytes) -> bytes:
    """PNG of an ``L`` image read as palette indices; filter None, deflate stored."""
    width, height = pixels.size
    raw = pixels.tobytes()
    scanlines = b"".join(b"\x00" + raw[start : start + width] for start in range(0, len(raw), width))
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", palette)
        + _chunk(b"IDAT", zlib.compress(scanlines, 0))
        + _chunk(b"IEND", b"")
    )


def render_png(width: int, height: int, seed: bytes, source: EditSource | None) -> bytes:
    """A ``width`` x ``height`` picture that only changes when the seed or the source does."""
    rnd = random.Random(seed)
    field = _pattern(rnd)
    if source is not None:
        field = Image.blend(field, source.thumbnail, 0.6)
    field = field.resize((width, height), Image.Resampling.BILINEAR)
    grain_rows = min(height, GRAIN_ROWS)
    grain_tile = Image.frombytes("L", (width, grain_rows), rnd.randbytes(width * grain_rows)).point(GRAIN_LUT)
    repeats = -(-height // grain_rows)
    grain = Image.frombytes("L", (width, height), (grain_tile.tobytes() * repeats)[: width * height])
    return encode_palette_png(ImageChops.add(field, grain), _palette(rnd, source.tint if source else None))


def pad_png(png: bytes, pad_bytes: int) -> bytes:
    """Grow a PNG by ``pad_bytes`` with an ancillary chunk placed before IEND."""
    if pad_bytes <= 0:
        return png
    return png[:-12] + _chunk(PADDING_CHUNK, bytes(pad_bytes)) + png[-12:]


class ImageCache:
    """Recently rendered images as base64 text, bounded by total size.

    Repeated prompts (the benchmark's case) then cost a dictionary lookup instead of rendering
    and encoding. It lives on ``app.state`` and is only touched from the event loop.
    """

    def __init__(self, max_chars: int = 96 * 1024 * 1024):
        self.max_chars = max_chars
        self._items: OrderedDict[tuple, str] = OrderedDict()
        self._size = 0

    def get(self, key: tuple) -> str | None:
        data = self._items.get(key)
        if data is not None:
            self._items.move_to_end(key)
        return data

    def put(self, key: tuple, data: str) -> None:
        if len(data) > self.max_chars or key in self._items:
            return
        self._items[key] = data
        self._size += len(data)
        while self._size > self.max_chars:
            _, evicted = self._items.popitem(last=False)
            self._size -= len(evicted)
