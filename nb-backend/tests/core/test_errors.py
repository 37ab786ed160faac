"""Every error answers in its API family's envelope, an unexpected exception included."""

import httpx
import pytest

from nb.main import create_app


async def _explode() -> None:
    raise RuntimeError("a bug")


@pytest.fixture
async def exploding(settings):
    """The real app with one extra route that fails the way a bug would."""
    app = create_app(settings)
    for path in ("/api/explode", "/v1beta/explode", "/v1/explode"):
        app.add_api_route(path, _explode)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://app") as http:
        yield http


async def test_an_unhandled_exception_under_api_answers_detail_and_code(exploding):
    response = await exploding.get("/api/explode")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal server error", "code": "internal_error"}


@pytest.mark.parametrize("version", ["v1beta", "v1"])
async def test_an_unhandled_exception_under_gemini_paths_answers_gemini_envelope(exploding, version):
    response = await exploding.get(f"/{version}/explode")
    assert response.status_code == 500
    assert response.json() == {"error": {"code": 500, "message": "internal server error", "status": "INTERNAL"}}


async def test_the_openapi_document_describes_the_error_bodies(client):
    document = (await client.get("/openapi.json")).json()
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and {"ErrorOut", "GeminiErrorOut"} <= set(schemas)
    login = document["paths"]["/api/auth/login"]["post"]["responses"]
    assert login["422"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/ErrorOut"
    me = document["paths"]["/api/auth/me"]["get"]["responses"]
    assert {"401", "403", "default"} <= set(me)
    generate = document["paths"]["/v1beta/models/{target}"]["post"]["responses"]
    assert generate["404"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/GeminiErrorOut"
