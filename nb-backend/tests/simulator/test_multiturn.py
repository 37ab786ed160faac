"""Multi-turn editing: Gemini 3 wants earlier model turns back unchanged, signatures included."""

import pytest
from google.genai import errors, types

from .helpers import FLASH_25, PRO, SMALL_SCALE, b64, decode_image, final_image, png_bytes, prompt_body, raw_post


def first_turn(gemini, **config) -> tuple[types.Content, types.Content]:
    user = types.Content(role="user", parts=[types.Part.from_text(text="a cat on a wall")])
    response = gemini.models.generate_content(model=PRO, contents=[user], config=types.GenerateContentConfig(**config))
    return user, response.candidates[0].content


def without_signature(content: types.Content, index: int) -> types.Content:
    parts = list(content.parts)
    parts[index] = parts[index].model_copy(update={"thought_signature": None})
    return content.model_copy(update={"parts": parts})


def test_multi_turn_edit_passes_when_the_model_turn_comes_back_with_its_signatures(gemini):
    user, model_turn = first_turn(
        gemini,
        image_config=types.ImageConfig(aspect_ratio="16:9"),
        thinking_config=types.ThinkingConfig(include_thoughts=True),
    )

    response = gemini.models.generate_content(model=PRO, contents=[user, model_turn, "now make it night"])

    edited = decode_image(final_image(response).inline_data.data)
    assert edited.size == (round(1376 * SMALL_SCALE), round(768 * SMALL_SCALE))


def test_stripped_image_thought_signature_is_rejected_like_gemini(gemini):
    user, model_turn = first_turn(gemini)
    assert [bool(part.inline_data) for part in model_turn.parts] == [False, True]

    with pytest.raises(errors.ClientError) as raised:
        gemini.models.generate_content(model=PRO, contents=[user, without_signature(model_turn, 1), "night"])

    assert raised.value.code == 400 and raised.value.status == "INVALID_ARGUMENT"
    assert raised.value.message == "Image part is missing a thought_signature in content position 2, part position 2."


def test_stripped_text_thought_signature_is_rejected_like_gemini(gemini):
    user, model_turn = first_turn(gemini)

    with pytest.raises(errors.ClientError) as raised:
        gemini.models.generate_content(model=PRO, contents=[user, without_signature(model_turn, 0), "night"])

    assert raised.value.code == 400
    assert raised.value.message == "Text part is missing a thought_signature in content position 2, part position 1."


def test_snake_case_thought_signature_counts_as_a_signature(sim_url):
    body = prompt_body("night")
    body["contents"][:0] = [
        {"role": "user", "parts": [{"text": "a cat"}]},
        {
            "role": "model",
            "parts": [
                {
                    "inline_data": {"mime_type": "image/png", "data": b64(png_bytes(20, 20))},
                    "thought_signature": "c2ln",
                },
            ],
        },
    ]

    assert raw_post(sim_url, PRO, body).status_code == 200


def test_gemini_25_flash_image_accepts_history_without_signatures(sim_url):
    body = prompt_body("night")
    body["contents"][:0] = [
        {"role": "user", "parts": [{"text": "a cat"}]},
        {
            "role": "model",
            "parts": [
                {"text": "Here it is."},
                {"inlineData": {"mimeType": "image/png", "data": b64(png_bytes(20, 20))}},
            ],
        },
    ]

    assert raw_post(sim_url, FLASH_25, body).status_code == 200
