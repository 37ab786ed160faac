"""Zero-config: with an empty key pool (outside production) the offline simulator serves generations."""

import httpx

from devtools.threaded_server import serving
from nb.main import create_app
from tests.support.gateway import FLASH, balance, funded_user, generate, key_pool, last_image, register_admin


async def test_an_empty_pool_serves_demo_images_until_a_real_key_is_added(client, engine, settings):
    admin = await register_admin(client, engine)
    demo = settings.model_copy(update={"demo_upstream": True})
    with serving(create_app(demo)) as url:
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:
            assert (await http.get("/api/config")).json() == {"demo_upstream": True}
            assert (await http.get("/api/models")).headers["x-demo-upstream"] == "true"
            account = await funded_user(http, admin, 3)
            response = await generate(http, account, FLASH)
            assert response.status_code == 200 and last_image(response.json()).size[0] > 0
            assert await balance(http, account) == 2
            async with key_pool(http, admin, ["ok-real-key"]):
                assert "x-demo-upstream" not in (await http.get("/api/models")).headers
                assert (await http.get("/api/config")).json() == {"demo_upstream": False}


async def test_production_never_falls_back_to_the_demo_upstream(settings):
    assert (
        settings.model_copy(update={"environment": "production", "demo_upstream": None}).demo_upstream_allowed is False
    )
