"""The Gemini image models the simulator serves, with their limits, sizes and token prices.

Pixel tables are the ones Google documents for 1K output; 2K and 4K double and quadruple them,
``512`` (3.1 Flash only) halves them. Ratios missing from a table are derived from the 1K area.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

BASE_RATIOS = ("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9")
EXTREME_RATIOS = ("1:4", "4:1", "1:8", "8:1")
SIZE_FACTORS = MappingProxyType({"512": 0.5, "1K": 1, "2K": 2, "4K": 4})

GEMINI_3_PIXELS_1K = MappingProxyType(
    {
        "1:1": (1024, 1024),
        "2:3": (848, 1264),
        "3:2": (1264, 848),
        "3:4": (896, 1200),
        "4:3": (1200, 896),
        "4:5": (928, 1152),
        "5:4": (1152, 928),
        "9:16": (768, 1376),
        "16:9": (1376, 768),
        "21:9": (1584, 672),
    }
)
FLASH_25_PIXELS = MappingProxyType(
    {
        "1:1": (1024, 1024),
        "2:3": (832, 1248),
        "3:2": (1248, 832),
        "3:4": (864, 1184),
        "4:3": (1184, 864),
        "4:5": (896, 1152),
        "5:4": (1152, 896),
        "9:16": (768, 1344),
        "16:9": (1344, 768),
        "21:9": (1536, 672),
    }
)


@dataclass(frozen=True)
class ModelSpec:
    """What one model accepts and what it costs in tokens."""

    id: str
    display_name: str
    description: str
    version: str
    input_token_limit: int
    max_reference_images: int
    aspect_ratios: tuple[str, ...]
    image_sizes: tuple[str, ...]
    """Accepted ``imageSize`` values; empty means the field is rejected."""
    image_tokens: Mapping[str, int]
    input_image_tokens: int
    thinks: bool
    pixels_1k: Mapping[str, tuple[int, int]]

    def output_image_tokens(self, size: str) -> int:
        return self.image_tokens.get(size, self.image_tokens["1K"])

    def pixel_size(self, aspect_ratio: str, size: str) -> tuple[int, int]:
        """Width and height Gemini produces for a ratio and size label."""
        factor = SIZE_FACTORS.get(size, 1)
        if aspect_ratio in self.pixels_1k:
            width, height = self.pixels_1k[aspect_ratio]
        else:
            ratio_w, ratio_h = (int(n) for n in aspect_ratio.split(":"))
            area = 1024 * 1024
            width = round(math.sqrt(area * ratio_w / ratio_h) / 16) * 16
            height = round(math.sqrt(area * ratio_h / ratio_w) / 16) * 16
        return round(width * factor), round(height * factor)

    def closest_ratio(self, width: int, height: int) -> str:
        """The supported ratio nearest to an input image's shape (used for "Auto")."""

        def distance(ratio: str) -> float:
            ratio_w, ratio_h = (int(n) for n in ratio.split(":"))
            return abs(math.log((width / height) / (ratio_w / ratio_h)))

        return min(self.aspect_ratios, key=distance)

    def as_listing(self) -> dict:
        """The model's entry as ``GET /v1beta/models`` returns it."""
        listing = {
            "name": f"models/{self.id}",
            "version": self.version,
            "displayName": self.display_name,
            "description": self.description,
            "inputTokenLimit": self.input_token_limit,
            "outputTokenLimit": 32768,
            "supportedGenerationMethods": ["generateContent"],
            "temperature": 1,
            "topP": 0.95,
            "topK": 64,
            "maxTemperature": 2,
        }
        if self.thinks:
            listing["thinking"] = True
        return listing


def _gemini_3_pro(model_id: str, description: str) -> ModelSpec:
    """The 3 Pro Image model, listed under its preview and stable ids."""
    return ModelSpec(
        id=model_id,
        display_name="Nano Banana Pro",
        description=description,
        version="3.0",
        input_token_limit=131072,
        max_reference_images=14,
        aspect_ratios=BASE_RATIOS,
        image_sizes=("1K", "2K", "4K"),
        image_tokens=MappingProxyType({"1K": 1120, "2K": 1120, "4K": 2000}),
        input_image_tokens=1120,
        thinks=True,
        pixels_1k=GEMINI_3_PIXELS_1K,
    )


MODELS: Mapping[str, ModelSpec] = MappingProxyType(
    {
        spec.id: spec
        for spec in (
            ModelSpec(
                id="gemini-2.5-flash-image",
                display_name="Nano Banana",
                description="Gemini 2.5 Flash Image",
                version="2.0",
                input_token_limit=32768,
                max_reference_images=3,
                aspect_ratios=BASE_RATIOS,
                image_sizes=(),
                image_tokens=MappingProxyType({"1K": 1290}),
                input_image_tokens=258,
                thinks=False,
                pixels_1k=FLASH_25_PIXELS,
            ),
            _gemini_3_pro("gemini-3-pro-image-preview", "Gemini 3 Pro Image Preview"),
            _gemini_3_pro("gemini-3-pro-image", "Gemini 3 Pro Image"),
            ModelSpec(
                id="gemini-3.1-flash-image-preview",
                display_name="Nano Banana 2",
                description="Gemini 3.1 Flash Image Preview",
                version="3.1",
                input_token_limit=65536,
                max_reference_images=14,
                aspect_ratios=BASE_RATIOS + EXTREME_RATIOS,
                image_sizes=("512", "1K", "2K", "4K"),
                image_tokens=MappingProxyType({"512": 747, "1K": 1120, "2K": 1680, "4K": 2520}),
                input_image_tokens=1120,
                thinks=True,
                pixels_1k=GEMINI_3_PIXELS_1K,
            ),
        )
    }
)


def normalize_model_id(path_segment: str) -> str:
    """Model id from a URL segment; some clients send ``models/<id>``."""
    return path_segment.removeprefix("models/")


def find_model(model_id: str) -> ModelSpec | None:
    return MODELS.get(model_id)
