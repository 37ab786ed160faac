"""Headers on API answers, and the API documents closed in production unless asked for."""

import httpx

from devtools.threaded_server import serving
from nb.core.settings import Settings
from nb.main import create_app
from tests.support.accounts import register


async def test_api_answers_are_not_sniffed_and_credentialed_json_is_not_stored(client):
    anonymous = await client.get("/api/models")
    assert anonymous.headers["x-content-type-options"] == "nosniff"
    assert anonymous.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    account = await register(client)
    me = await client.get("/api/auth/me", headers=account.headers)
    assert me.status_code == 200 and me.headers["cache-control"] == "no-store"
    refused = await client.get("/api/auth/me", headers={"Authorization": "Bearer nope"})
    assert refused.status_code == 401 and refused.headers["cache-control"] == "no-store"


def test_docs_are_on_outside_production_and_off_in_production_unless_exposed():
    secrets = {"jwt_secret_key": "j" * 40, "token_encryption_key": "t" * 40}
    assert Settings(environment="development", **secrets).docs_exposed
    assert not Settings(environment="test", expose_docs=False, **secrets).docs_exposed
    assert Settings.model_construct(environment="production", expose_docs=None).docs_exposed is False
    assert Settings.model_construct(environment="production", expose_docs=True).docs_exposed is True


async def test_closed_docs_answer_404(settings):
    with serving(create_app(settings.model_copy(update={"expose_docs": False}))) as url:
        async with httpx.AsyncClient(base_url=url) as http:
            assert (await http.get("/docs")).status_code == 404
            assert (await http.get("/openapi.json")).status_code == 404
            assert (await http.get("/api/health")).status_code == 200
