"""Observability: a request id on every response and log line, JSON logs without credentials, and
/metrics in Prometheus format behind METRICS_TOKEN."""

import asyncio
import json
import secrets

import httpx
import pytest

from devtools.threaded_server import serving
from nb.core.observability.logs import scrub
from nb.main import create_app
from tests.support import log_capture
from tests.support.accounts import register
from tests.support.gateway import FLASH, body, funded_user, generate, key_pool, register_admin


async def _log_lines(request_id: str) -> list[dict]:
    """The captured lines of one request; its access line is written just after the answer is sent."""
    for _ in range(100):
        lines = [json.loads(line) for line in log_capture.CAPTURED.getvalue().splitlines() if request_id in line]
        if any(line["logger"] == "nb.access" for line in lines):
            return lines
        await asyncio.sleep(0.02)
    raise AssertionError(f"no access line for request {request_id}")


async def test_a_sane_request_id_is_kept_and_anything_else_replaced(client):
    kept = await client.get("/api/health", headers={"X-Request-ID": "lb-7f3a.2_x"})
    assert kept.headers["x-request-id"] == "lb-7f3a.2_x"
    for unsafe in ("two words", "x" * 65, "<script>", ""):
        replaced = await client.get("/api/health", headers={"X-Request-ID": unsafe})
        assert len(replaced.headers["x-request-id"]) == 32 and replaced.headers["x-request-id"] != unsafe


async def test_each_request_leaves_a_json_access_line_with_its_id_and_no_query_string(client):
    account = await register(client)
    key = (await client.post("/api/keys", headers=account.headers, json={"name": "logged"})).json()["key"]
    request_id = "trace-" + secrets.token_hex(6)
    response = await client.get("/v1beta/models", params={"key": key}, headers={"X-Request-ID": request_id})
    assert response.status_code == 200
    [line] = await _log_lines(request_id)
    assert line["logger"] == "nb.access" and line["level"] == "info" and line["status"] == 200
    assert line["path"] == "/v1beta/models" and line["duration_ms"] >= 0
    assert key not in log_capture.CAPTURED.getvalue()


async def test_lines_logged_while_serving_carry_the_request_id(client, engine, simulator_url):
    admin = await register_admin(client, engine)
    request_id = "gen-" + secrets.token_hex(6)
    async with key_pool(client, admin, ["ok-observed-key"]):
        account = await funded_user(client, admin, 3)
        response = await generate(client, account, FLASH, body("a kiwi"), **{"X-Request-ID": request_id})
    assert response.status_code == 200 and response.headers["x-request-id"] == request_id
    assert all(line["request_id"] == request_id for line in await _log_lines(request_id))


def test_credentials_are_scrubbed_from_any_line_that_would_carry_them():
    line = scrub(
        "GET /v1beta/models?alt=sse&key=nbk_abcdefghijklmnop Authorization: Bearer eyJhbGc.eyJzdWI.c2ln "
        "x-goog-api-key=AIzaSyA1234567890abcdefghijkl code NB-7K2M-9QXW-4HTR-ZC8D password=hunter22"
    )
    for secret in (
        "nbk_abcdefghijklmnop",
        "eyJhbGc.eyJzdWI.c2ln",
        "AIzaSyA1234567890abcdefghijkl",
        "NB-7K2M-9QXW-4HTR-ZC8D",
        "hunter22",
    ):
        assert secret not in line
    assert "alt=sse" in line


def test_the_end_of_run_secret_scan_has_something_to_scan():
    assert len(log_capture.SECRETS) > 5
    assert '"logger":"nb.access"' in log_capture.CAPTURED.getvalue()


async def test_metrics_expose_latency_by_route_generations_pool_and_db_pool(client, engine):
    admin = await register_admin(client, engine)
    async with key_pool(client, admin, ["ok-metrics-key"]):
        await client.get("/api/health")
        text = (await client.get("/metrics")).text
    assert 'nb_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/health",status="2xx"}' in text
    for family in (
        "nb_generations_total",
        "nb_generation_attempts_total",
        "nb_credits_spent_total",
        "nb_upstream_attempts_total",
        'nb_pool_keys{state="active"}',
        "nb_generations_pending",
        "nb_db_pool_connections_in_use",
        "nb_stats_watermark_timestamp_seconds",
    ):
        assert family in text, family
    assert 'route="/api/admin/users/{user_id}"' not in text or "/api/admin/users/1" not in text


@pytest.mark.parametrize(
    "environment, token, presented, status",
    [
        ("test", "scrape-token-0123456789", None, 401),
        ("test", "scrape-token-0123456789", "wrong-token", 401),
        ("test", "scrape-token-0123456789", "scrape-token-0123456789", 200),
        ("production", "", None, 403),
    ],
)
def test_metrics_are_guarded_by_the_token_and_closed_in_production_without_one(
    settings, environment, token, presented, status
):
    guarded = settings.model_copy(update={"environment": environment, "metrics_token": token})
    with serving(create_app(guarded)) as url:
        headers = {"Authorization": f"Bearer {presented}"} if presented else {}
        assert httpx.get(f"{url}/metrics", headers=headers, timeout=30).status_code == status
