"""Requests the real API refuses with 400 INVALID_ARGUMENT, refused the same way here."""

import io

import pytest
from PIL import Image

from .helpers import FLASH_25, FLASH_31, PRO, b64, png_bytes, prompt_body, raw_post


def with_images(count: int, prompt: str = "combine these") -> dict:
    image = {"inlineData": {"mimeType": "image/png", "data": b64(png_bytes(8, 8))}}
    return {"contents": [{"role": "user", "parts": [{"text": prompt}] + [image] * count}]}


def rejection(sim_url: str, model: str, body: object) -> str:
    response = raw_post(sim_url, model, body)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["status"] == "INVALID_ARGUMENT"
    return error["message"]


@pytest.mark.parametrize(
    ("model", "image_config", "expected"),
    [
        (PRO, {"imageSize": "2k"}, "image_size must be one of '1K', '2K', or '4K'"),
        (PRO, {"imageSize": "512"}, "image_size must be one of '1K', '2K', or '4K'"),
        (FLASH_25, {"imageSize": "1K"}, "image_size is not supported by models/gemini-2.5-flash-image"),
        (PRO, {"aspectRatio": "7:3"}, "aspect_ratio must be one of '1:1', '2:3'"),
        (PRO, {"aspectRatio": "4:1"}, "aspect_ratio must be one of"),
        (PRO, {"personGeneration": "ALLOW_ALL"}, 'Unknown name "personGeneration"'),
        (PRO, {"output_mime_type": "image/jpeg"}, 'Unknown name "outputMimeType"'),
    ],
)
def test_bad_image_config_is_rejected(sim_url, model, image_config, expected):
    assert expected in rejection(sim_url, model, prompt_body("a cat", imageConfig=image_config))


@pytest.mark.parametrize("image_config", [{"imageSize": "512"}, {"aspectRatio": "8:1"}])
def test_gemini_31_flash_accepts_its_extra_sizes_and_ratios(sim_url, image_config):
    assert raw_post(sim_url, FLASH_31, prompt_body("a cat", imageConfig=image_config)).status_code == 200


def test_invalid_base64_is_rejected_with_the_field_path(sim_url):
    body = {"contents": [{"parts": [{"text": "edit"}, {"inlineData": {"mimeType": "image/png", "data": "@@not*b64"}}]}]}

    message = rejection(sim_url, PRO, body)

    assert message.startswith("Invalid value at 'contents[0].parts[1].inline_data.data' (TYPE_BYTES)")


def test_url_safe_unpadded_base64_is_accepted_as_proto_json_allows(sim_url):
    data = b64(png_bytes(9, 7)).replace("+", "-").replace("/", "_").rstrip("=")
    body = {"contents": [{"parts": [{"text": "edit"}, {"inlineData": {"mimeType": "image/png", "data": data}}]}]}

    assert raw_post(sim_url, PRO, body).status_code == 200


@pytest.mark.parametrize(("pillow_format", "mime_type"), [("JPEG", "image/jpeg"), ("WEBP", "image/webp")])
def test_jpeg_and_webp_inputs_are_accepted(sim_url, pillow_format, mime_type):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(buffer, pillow_format)
    image = {"inlineData": {"mimeType": mime_type, "data": b64(buffer.getvalue())}}
    body = {"contents": [{"parts": [{"text": "edit"}, image]}]}

    assert raw_post(sim_url, PRO, body).status_code == 200


def test_non_image_inline_data_is_rejected(sim_url):
    body = {"contents": [{"parts": [{"text": "read"}, {"inlineData": {"mimeType": "text/plain", "data": b64(b"hi")}}]}]}

    assert rejection(sim_url, PRO, body) == "Unsupported MIME type: text/plain"


def test_undecodable_image_is_rejected(sim_url):
    body = {"contents": [{"parts": [{"inlineData": {"mimeType": "image/png", "data": b64(b"not a png at all")}}]}]}

    assert rejection(sim_url, PRO, body) == "Provided image is not valid"


@pytest.mark.parametrize(("model", "allowed"), [(PRO, 14), (FLASH_31, 14), (FLASH_25, 3)])
def test_reference_images_are_limited_per_model(sim_url, model, allowed):
    assert raw_post(sim_url, model, with_images(allowed)).status_code == 200
    assert f"accepts at most {allowed}" in rejection(sim_url, model, with_images(allowed + 1))


@pytest.mark.parametrize("body", [{}, {"contents": []}])
def test_missing_contents_are_rejected(sim_url, body):
    assert rejection(sim_url, PRO, body) == "* GenerateContentRequest.contents: contents is not specified\n"


def test_empty_parts_and_unknown_roles_are_rejected(sim_url):
    assert "contents.parts must not be empty" in rejection(sim_url, PRO, {"contents": [{"role": "user", "parts": []}]})
    body = {"contents": [{"role": "assistant", "parts": [{"text": "hi"}]}]}
    assert rejection(sim_url, PRO, body) == "Please use a valid role: user, model."


@pytest.mark.parametrize("raw", [b'{"contents": [', b"not json", b"[1, 2]"])
def test_malformed_json_is_rejected(sim_url, raw):
    assert rejection(sim_url, PRO, raw).startswith("Invalid JSON payload received.")


def test_unknown_response_modality_is_rejected(sim_url):
    message = rejection(sim_url, PRO, prompt_body("a cat", responseModalities=["PICTURE"]))

    assert message.startswith("Invalid value at 'generation_config.response_modalities[0]'")


def test_oversized_payload_is_rejected(sim_url):
    body = {"contents": [{"parts": [{"text": "x" * (20 * 1024 * 1024)}]}]}

    assert rejection(sim_url, PRO, body).startswith("Request payload size exceeds the limit")
