"""The model catalogue: public listing with prices and capabilities, admin-edited and audited."""

from tests.support.gateway import FLASH, PRO, balance, funded_user, generate, key_pool, register_admin


async def test_public_catalogue_lists_enabled_models_with_prices_and_capabilities(client):
    models = {model["id"]: model for model in (await client.get("/api/models")).json()}
    assert models[PRO]["credits"] == 10 and models[FLASH]["credits"] == 1
    assert models["gemini-3.1-flash-image-preview"]["credits"] == 5
    assert models[PRO]["image_sizes"] == ["1K", "2K", "4K"] and "21:9" in models[PRO]["aspect_ratios"]
    assert models[FLASH]["image_sizes"] == [] and models[FLASH]["max_input_images"] == 3
    assert "1:8" in models["gemini-3.1-flash-image-preview"]["aspect_ratios"]


async def test_a_new_price_applies_to_the_next_generation_and_is_audited(client, engine):
    admin = await register_admin(client, engine)
    changed = await client.put(f"/api/admin/models/{FLASH}", headers=admin.headers, json={"credits": 3})
    try:
        assert changed.status_code == 200 and changed.json()["credits"] == 3
        async with key_pool(client, admin, ["ok-key-price"]):
            account = await funded_user(client, admin, 10)
            assert (await generate(client, account, FLASH)).status_code == 200
            assert await balance(client, account) == 7
        audit = (await client.get("/api/admin/audit", headers=admin.headers, params={"action": "model.update"})).json()
        assert audit["items"][0]["before"]["credits"] == 1 and audit["items"][0]["after"]["credits"] == 3
    finally:
        await client.put(f"/api/admin/models/{FLASH}", headers=admin.headers, json={"credits": 1})


async def test_admins_can_add_a_renamed_model_id(client, engine):
    admin = await register_admin(client, engine)
    created = await client.put(
        "/api/admin/models/gemini-3-pro-image",
        headers=admin.headers,
        json={"name": "Nano Banana Pro (GA)", "credits": 10, "enabled": False},
    )
    assert created.status_code == 200 and created.json()["enabled"] is False
    listed = [model["id"] for model in (await client.get("/api/admin/models", headers=admin.headers)).json()]
    assert "gemini-3-pro-image" in listed
    assert "gemini-3-pro-image" not in [model["id"] for model in (await client.get("/api/models")).json()]


async def test_an_unknown_model_is_not_found_for_a_user_who_generated_before(client, engine):
    admin = await register_admin(client, engine)
    async with key_pool(client, admin, ["ok-key-unknown-model"]):
        account = await funded_user(client, admin, 5)
        assert (await generate(client, account, FLASH)).status_code == 200
        for model in ("no-such-model", "gemini-3-pro-image"):
            response = await generate(client, account, model)
            assert response.status_code == 404, response.text
            assert response.json()["error"]["status"] == "NOT_FOUND"
        assert await balance(client, account) == 4
