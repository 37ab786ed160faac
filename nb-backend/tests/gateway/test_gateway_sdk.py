"""The official google-genai SDK works against the platform unchanged, with a platform key."""

import asyncio
import io

import pytest
from google import genai
from google.genai import errors, types
from PIL import Image

from tests.support.gateway import FLASH, PRO, balance, funded_user, key_pool, register_admin


def sdk(base_url: str, key: str) -> genai.Client:
    return genai.Client(
        api_key=key, http_options=types.HttpOptions(base_url=base_url, retry_options=types.HttpRetryOptions(attempts=1))
    )


@pytest.fixture
async def setup(client, engine):
    admin = await register_admin(client, engine)
    account = await funded_user(client, admin, 100)
    key = (await client.post("/api/keys", headers=account.headers, json={"name": "sdk"})).json()["key"]
    async with key_pool(client, admin, ["ok-sdk-key"]):
        yield admin, account, key


def _final_image(response: types.GenerateContentResponse) -> types.Part:
    return [part for part in response.candidates[0].content.parts if part.inline_data and not part.thought][-1]


async def test_sdk_generates_an_image_and_the_price_is_charged(client, base_url, setup):
    _, account, key = setup
    gemini = sdk(base_url, key)
    response = await asyncio.to_thread(
        gemini.models.generate_content,
        model=PRO,
        contents="a lighthouse at dusk",
        config=types.GenerateContentConfig(
            response_modalities=["IMAGE"],
            image_config=types.ImageConfig(aspect_ratio="16:9", image_size="2K"),
            thinking_config=types.ThinkingConfig(include_thoughts=True),
        ),
    )
    final = _final_image(response)
    assert final.inline_data.mime_type == "image/png" and final.thought_signature
    image = Image.open(io.BytesIO(final.inline_data.data))
    assert image.size[0] > image.size[1]
    assert any(part.thought for part in response.candidates[0].content.parts)
    assert await balance(client, account) == 90


async def test_sdk_streams_through_the_platform(client, base_url, setup):
    _, account, key = setup
    gemini = sdk(base_url, key)

    def collect():
        return list(gemini.models.generate_content_stream(model=FLASH, contents="a stream of koi"))

    chunks = await asyncio.to_thread(collect)
    parts = [
        part for chunk in chunks if chunk.candidates[0].content for part in chunk.candidates[0].content.parts or []
    ]
    images = [part for part in parts if part.inline_data]
    assert images and chunks[-1].candidates[0].finish_reason == types.FinishReason.STOP
    assert await balance(client, account) == 99


async def test_sdk_multi_turn_edit_keeps_thought_signatures(client, base_url, setup):
    _, account, key = setup
    gemini = sdk(base_url, key)
    config = types.GenerateContentConfig(response_modalities=["TEXT", "IMAGE"])

    def converse():
        chat = gemini.chats.create(model=PRO, config=config)
        first = chat.send_message("a cat on a beach")
        second = chat.send_message("now make it night")
        third = chat.send_message("add a moon")
        return first, second, third

    turns = await asyncio.to_thread(converse)
    assert all(_final_image(turn).inline_data.data for turn in turns)
    assert await balance(client, account) == 70


async def test_sdk_sees_the_right_error_classes(client, base_url, setup):
    admin, _, _ = setup
    broke = await funded_user(client, admin, 0)
    broke_key = (await client.post("/api/keys", headers=broke.headers, json={"name": "sdk"})).json()["key"]
    broke_client = sdk(base_url, broke_key)
    with pytest.raises(errors.ClientError) as no_credits:
        await asyncio.to_thread(broke_client.models.generate_content, model=FLASH, contents="x")
    assert no_credits.value.code == 402
    rich = await funded_user(client, admin, 5)
    rich_key = (await client.post("/api/keys", headers=rich.headers, json={"name": "sdk"})).json()["key"]
    rich_client = sdk(base_url, rich_key)
    with pytest.raises(errors.ClientError) as unknown:
        await asyncio.to_thread(rich_client.models.generate_content, model="gemini-0-nothing", contents="x")
    assert unknown.value.code == 404
    with pytest.raises(errors.ServerError) as unavailable:
        await asyncio.to_thread(rich_client.models.generate_content, model=FLASH, contents="x #503")
    assert unavailable.value.code == 503
    assert await balance(client, rich) == 5


async def test_sdk_lists_the_enabled_models(base_url, setup):
    _, _, key = setup
    gemini = sdk(base_url, key)
    names = await asyncio.to_thread(lambda: [model.name for model in gemini.models.list()])
    assert f"models/{PRO}" in names and f"models/{FLASH}" in names


async def test_sdk_gets_one_model_on_both_api_versions(client, base_url, setup):
    _, _, key = setup
    model = await sdk(base_url, key).aio.models.get(model=FLASH)
    assert model.name == f"models/{FLASH}"
    for version in ("v1beta", "v1"):
        response = await client.get(f"/{version}/models/{FLASH}", headers={"x-goog-api-key": key})
        assert response.status_code == 200 and response.json()["baseModelId"] == FLASH
    missing = await client.get("/v1beta/models/no-such-model", headers={"x-goog-api-key": key})
    assert missing.status_code == 404 and missing.json()["error"]["status"] == "NOT_FOUND"
