"""Successful generations, read back through the real google-genai SDK."""

import base64

import pytest
from google.genai import types

from .helpers import (
    FLASH_25,
    FLASH_31,
    PRO,
    SMALL_SCALE,
    b64,
    decode_image,
    final_image,
    png_bytes,
    prompt_body,
    raw_post,
    sdk_client,
)


def image_config(aspect_ratio: str | None, image_size: str | None) -> types.GenerateContentConfig:
    return types.GenerateContentConfig(image_config=types.ImageConfig(aspect_ratio=aspect_ratio, image_size=image_size))


def with_thoughts() -> types.GenerateContentConfig:
    return types.GenerateContentConfig(thinking_config=types.ThinkingConfig(include_thoughts=True))


@pytest.mark.parametrize(
    ("model", "ratio", "size", "expected"),
    [
        (PRO, "16:9", "1K", (1376, 768)),
        (PRO, "1:1", "2K", (2048, 2048)),
        (FLASH_25, "3:4", None, (864, 1184)),
        (FLASH_31, "1:1", "512", (512, 512)),
        (FLASH_31, "4:1", "1K", (2048, 512)),
    ],
)
def test_image_has_gemini_pixel_size_for_ratio_and_size(full_size_url, key, model, ratio, size, expected):
    gemini = sdk_client(full_size_url, key)
    response = gemini.models.generate_content(
        model=model, contents="a lighthouse at dusk", config=image_config(ratio, size)
    )

    part = final_image(response)
    assert part.inline_data.mime_type == "image/png"
    assert decode_image(part.inline_data.data).size == expected


def test_default_1k_image_weighs_about_a_megabyte_like_a_real_one(full_size_url, key):
    gemini = sdk_client(full_size_url, key)
    response = gemini.models.generate_content(model=PRO, contents="a red fox")

    assert 800_000 < len(final_image(response).inline_data.data) < 1_500_000


def test_image_scale_shrinks_pixels_but_keeps_the_ratio(gemini):
    response = gemini.models.generate_content(model=PRO, contents="a boat", config=image_config("16:9", "1K"))

    assert decode_image(final_image(response).inline_data.data).size == (
        round(1376 * SMALL_SCALE),
        round(768 * SMALL_SCALE),
    )


def test_thoughts_come_first_and_the_final_image_is_the_last_non_thought_part(gemini):
    response = gemini.models.generate_content(model=PRO, contents="a castle", config=with_thoughts())

    parts = response.parts
    assert [bool(part.thought) for part in parts] == [True, True, True, False, False]
    assert parts[0].text and parts[1].text
    draft, final = parts[2], parts[-1]
    assert draft.inline_data and final.inline_data and final is final_image(response)
    assert decode_image(draft.inline_data.data).width < decode_image(final.inline_data.data).width


def test_thought_signatures_sit_on_the_first_answer_text_and_the_final_image(gemini):
    response = gemini.models.generate_content(model=PRO, contents="a castle", config=with_thoughts())

    signed = [part for part in response.parts if part.thought_signature]
    assert [bool(part.text) for part in signed] == [True, False]
    assert all(isinstance(part.thought_signature, bytes) and len(part.thought_signature) > 32 for part in signed)
    assert not any(part.thought_signature for part in response.parts if part.thought)


def test_gemini_3_thinks_without_showing_thoughts_unless_asked(gemini):
    response = gemini.models.generate_content(model=PRO, contents="a castle")

    assert not any(part.thought for part in response.parts)
    assert response.usage_metadata.thoughts_token_count > 0


def test_gemini_25_flash_image_never_thinks_nor_signs(gemini):
    response = gemini.models.generate_content(model=FLASH_25, contents="a castle", config=with_thoughts())

    assert not any(part.thought or part.thought_signature for part in response.parts)
    assert response.usage_metadata.thoughts_token_count is None
    assert response.usage_metadata.candidates_tokens_details[0].token_count == 1290


@pytest.mark.parametrize(
    ("model", "size", "image_tokens"),
    [
        (PRO, "1K", 1120),
        (PRO, "4K", 2000),
        (FLASH_31, "512", 747),
        (FLASH_31, "2K", 1680),
        (FLASH_31, "4K", 2520),
    ],
)
def test_usage_metadata_counts_output_image_tokens_like_gemini(gemini, model, size, image_tokens):
    response = gemini.models.generate_content(model=model, contents="a tree", config=image_config("1:1", size))

    usage = response.usage_metadata
    by_modality = {detail.modality.value: detail.token_count for detail in usage.candidates_tokens_details}
    assert by_modality["IMAGE"] == image_tokens
    assert usage.candidates_token_count == sum(by_modality.values())
    assert usage.total_token_count == (
        usage.prompt_token_count + usage.candidates_token_count + usage.thoughts_token_count
    )
    assert response.candidates[0].finish_reason == types.FinishReason.STOP
    assert response.candidates[0].index == 0
    assert response.model_version == model and response.response_id


def test_input_images_count_as_prompt_image_tokens(gemini):
    contents = [types.Part.from_bytes(data=png_bytes(40, 40), mime_type="image/png"), "make it blue"]
    response = gemini.models.generate_content(model=PRO, contents=contents)

    details = {d.modality.value: d.token_count for d in response.usage_metadata.prompt_tokens_details}
    assert details["IMAGE"] == 1120 and details["TEXT"] > 0


def test_text_modality_alone_answers_with_text_and_no_image(gemini):
    response = gemini.models.generate_content(
        model=PRO, contents="describe a cat", config=types.GenerateContentConfig(response_modalities=["TEXT"])
    )

    assert response.text and not any(part.inline_data for part in response.parts)
    assert response.candidates[0].finish_reason == types.FinishReason.STOP


def test_image_modality_alone_answers_with_the_image_only(gemini):
    response = gemini.models.generate_content(
        model=PRO, contents="a cat", config=types.GenerateContentConfig(response_modalities=["IMAGE"])
    )

    assert [bool(part.inline_data) for part in response.parts] == [True]
    assert response.parts[0].thought_signature


def test_same_prompt_gives_the_same_picture_and_other_prompts_differ(gemini):
    def pixels(prompt: str) -> bytes:
        response = gemini.models.generate_content(model=PRO, contents=prompt)
        return decode_image(final_image(response).inline_data.data).convert("RGB").tobytes()

    assert pixels("a quiet harbour") == pixels("a quiet harbour")
    assert pixels("a quiet harbour") != pixels("a busy harbour")


def test_an_edit_follows_the_input_ratio_and_differs_from_a_plain_generation(gemini):
    source = types.Part.from_bytes(data=png_bytes(1600, 900, (20, 200, 90)), mime_type="image/png")
    edited = gemini.models.generate_content(model=PRO, contents=[source, "add a moon"])
    plain = gemini.models.generate_content(model=PRO, contents="add a moon")

    edited_image = decode_image(final_image(edited).inline_data.data)
    assert edited_image.size == (round(1376 * SMALL_SCALE), round(768 * SMALL_SCALE))
    assert (
        edited_image.convert("RGB").tobytes()
        != decode_image(final_image(plain).inline_data.data).convert("RGB").resize(edited_image.size).tobytes()
    )


def test_snake_case_request_is_accepted_and_answered_in_camel_case(sim_url):
    body = {
        "system_instruction": {"parts": [{"text": "You are an illustrator"}]},
        "contents": [
            {
                "role": "user",
                "parts": [
                    {"text": "a kite"},
                    {"inline_data": {"mime_type": "image/png", "data": b64(png_bytes(30, 40))}},
                ],
            }
        ],
        "generation_config": {
            "response_modalities": ["TEXT", "IMAGE"],
            "image_config": {"aspect_ratio": "3:4", "image_size": "1K"},
            "thinking_config": {"include_thoughts": True},
        },
    }
    response = raw_post(sim_url, PRO, body)

    assert response.status_code == 200
    answer = response.json()
    parts = answer["candidates"][0]["content"]["parts"]
    assert any(part.get("thought") for part in parts)
    assert "inlineData" in parts[-1] and "thoughtSignature" in parts[-1]
    assert {"usageMetadata", "modelVersion", "responseId"} <= answer.keys()
    assert "_" not in "".join(answer["usageMetadata"])
    assert decode_image(base64.b64decode(parts[-1]["inlineData"]["data"])).size == (
        round(896 * SMALL_SCALE),
        round(1200 * SMALL_SCALE),
    )


def test_model_path_may_carry_a_models_prefix_and_the_key_may_come_in_the_query(sim_url):
    response = raw_post(sim_url, f"models/{PRO}", prompt_body("a kite"), api_key=None, params={"key": "query-key"})

    assert response.status_code == 200
    assert response.json()["modelVersion"] == PRO
