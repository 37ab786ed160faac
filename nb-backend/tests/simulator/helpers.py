"""Helpers shared by the simulator tests: SDK clients, raw HTTP calls, image utilities."""

import base64
import io

import httpx
from google import genai
from google.genai import types
from PIL import Image

PRO = "gemini-3-pro-image-preview"
FLASH_25 = "gemini-2.5-flash-image"
FLASH_31 = "gemini-3.1-flash-image-preview"
SMALL_SCALE = 0.05
SLOW_MS = 300


def sdk_client(base_url: str, api_key: str) -> genai.Client:
    options = types.HttpOptions(base_url=base_url, retry_options=types.HttpRetryOptions(attempts=1))
    return genai.Client(api_key=api_key, http_options=options)


def raw_post(
    base_url: str,
    model: str,
    body: object,
    api_key: str | None = "raw-key",
    method: str = "generateContent",
    params: dict | None = None,
) -> httpx.Response:
    """POST a body exactly as given (dicts as JSON, bytes verbatim) and read the whole answer."""
    headers = {"x-goog-api-key": api_key} if api_key else {}
    url = f"{base_url}/v1beta/models/{model}:{method}"
    payload = {"content": body} if isinstance(body, bytes) else {"json": body}
    return httpx.post(url, headers=headers, params=params, timeout=30, **payload)


def prompt_body(prompt: str, **generation_config: object) -> dict:
    body: dict = {"contents": [{"role": "user", "parts": [{"text": prompt}]}]}
    if generation_config:
        body["generationConfig"] = generation_config
    return body


def png_bytes(width: int, height: int, color: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def decode_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def final_image(response: types.GenerateContentResponse) -> types.Part:
    """The result as Gemini clients must pick it: the last non-thought inlineData part."""
    images = [part for part in response.parts or [] if part.inline_data and not part.thought]
    assert images, "no final image in the response"
    return images[-1]
