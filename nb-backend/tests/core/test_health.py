async def test_health_answers_ok(client):
    response = await client.get("/api/health")
    assert response.json() == {"status": "ok"}


async def test_ready_when_postgres_and_redis_answer(client):
    response = await client.get("/api/ready")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


async def test_ready_is_503_when_redis_is_down(database_url):
    import httpx

    from devtools.threaded_server import free_port, serving
    from nb.main import create_app
    from tests.support.settings import make_settings

    settings = make_settings(database_url, f"redis://127.0.0.1:{free_port()}/0")
    with serving(create_app(settings)) as url:
        async with httpx.AsyncClient(base_url=url) as http:
            response = await http.get("/api/ready")
    assert response.status_code == 503
    assert response.json()["redis"] == "down"


async def test_openapi_docs_are_served(client):
    assert (await client.get("/docs")).status_code == 200
    assert "/api/auth/login" in (await client.get("/openapi.json")).json()["paths"]
