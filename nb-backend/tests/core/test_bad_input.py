"""Garbage on every /api route gets a clear 4xx, never a 500, and a refused request changes nothing."""

import re

from sqlalchemy import func, literal_column, select, table

from tests.support.accounts import register_admin

TABLES = (
    "users",
    "refresh_tokens",
    "api_keys",
    "credit_ledger",
    "redeem_batches",
    "redeem_codes",
    "audit_log",
    "visitors",
    "conversations",
    "messages",
    "images",
    "message_images",
    "generations",
    "upstream_keys",
)
SKIP = {("POST", "/api/auth/logout")}
NASTY_STRINGS = ["' OR 1=1; DROP TABLE users; --", "\u202e\u0000\ud7ff\U0001f34c" * 3, "x" * 5000, "", " ", "%00"]
NASTY_VALUES = [None, -1, 2**70, 1.5, True, [], {}, ["a"], {"$ne": 1}]
PATH_IDS = ["abc", "-1", "0", "99999999999999999999999", "1.5", "%27"]


STATE = select(
    *(select(func.count()).select_from(table(name)).scalar_subquery().label(name) for name in TABLES),
    literal_column("(SELECT coalesce(sum(credits), 0) FROM users)").label("credits"),
    literal_column("(SELECT count(redeemed_by) FROM redeem_codes)").label("redeemed"),
    literal_column("(SELECT string_agg(model || credits || enabled, ',' ORDER BY model) FROM model_prices)").label(
        "prices"
    ),
    literal_column("(SELECT string_agg(status || role, ',' ORDER BY id) FROM users)").label("accounts"),
)


async def _snapshot(engine) -> dict:
    """Row counts and the mutable state of every table the routes can change, in one round trip."""
    async with engine.connect() as connection:
        return dict((await connection.execute(STATE)).mappings().one())


def _bodies(schema: dict, components: dict) -> list:
    """Whole-body garbage plus, for each field of the schema, every nasty value in that field."""
    ref = schema.get("$ref", "")
    properties = components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {}) if ref else {}
    bodies: list = [b"{not json", b"[]", b'"text"', b"\xff\xfe", {}, {"unexpected": "field"}, b"{" * 10000]
    for field in properties:
        bodies += [{field: value} for value in NASTY_VALUES + NASTY_STRINGS]
    return bodies


async def test_garbage_on_every_api_route_is_a_4xx_and_changes_nothing(client, engine):
    admin = await register_admin(client, engine)
    spec = (await client.get("/openapi.json")).json()
    components = spec.get("components", {}).get("schemas", {})
    checked = 0
    before, response_changed = None, True
    for path, operations in spec["paths"].items():
        if not path.startswith("/api"):
            continue
        for method, operation in operations.items():
            method = method.upper()
            if (method, path) in SKIP:
                continue
            concrete = [re.sub(r"\{[^}]+\}", "1", path)] + [
                re.sub(r"\{[^}]+\}", bad, path) for bad in PATH_IDS if "{" in path
            ]
            body_schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            bodies = _bodies(body_schema, components) if body_schema else [None]
            queries = [
                {param["name"]: value for param in operation.get("parameters", []) if param["in"] == "query"}
                for value in ("' OR 1=1 --", "-5", "\u0000", "9" * 30)
            ]
            for url in concrete:
                for body in bodies:
                    for query in queries[:1] if body_schema else queries:
                        before = before if response_changed is False else await _snapshot(engine)
                        kwargs = (
                            {"content": body} if isinstance(body, bytes) else {"json": body} if body is not None else {}
                        )
                        response = await client.request(
                            method,
                            url,
                            headers={**admin.headers, "content-type": "application/json"},
                            params=query,
                            **kwargs,
                        )
                        assert response.status_code < 500, (method, url, body, query, response.text)
                        response_changed = response.status_code < 400
                        if not response_changed:
                            assert await _snapshot(engine) == before, (method, url, body, response.text)
                            assert response.json().get("code"), (method, url, response.text)
                        checked += 1
    assert checked > 200


async def test_oversized_bodies_are_refused_with_413(client):
    big = b"{" + b" " * (2 << 20) + b"}"
    response = await client.post("/api/auth/login", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["code"] == "body_too_large"


async def test_oversized_chunked_bodies_are_refused_with_413(client):
    async def chunks():
        for _ in range(40):
            yield b" " * 65536

    response = await client.post("/api/auth/login", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
