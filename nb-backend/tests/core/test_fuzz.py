"""Schema-driven fuzzing: schemathesis sends generated requests to every operation of the app's own
`/openapi.json` — anonymous, as a user and as an admin — against a throwaway database, and every
answer must be documented (status, content type, body schema) and never a 5xx.

The budget (FUZZ_EXAMPLES generated cases per operation and role) keeps the run within a few
minutes on two cores. Logout and password changes are left out of the signed-in runs: a fuzzed
logout would end the session the remaining cases rely on (both have dedicated tests).
"""

import os
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from devtools.threaded_server import serving
from nb.core.db import async_url
from nb.core.migrate import upgrade
from nb.main import create_app
from tests.support.accounts import register, register_admin
from tests.support.settings import RUN_ID, make_settings

FUZZ_EXAMPLES = int(os.environ.get("NB_FUZZ_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SESSION_ENDING = {("POST", "/api/auth/logout"), ("POST", "/api/auth/change-password")}


@pytest.fixture(scope="module")
def fuzz_database(fresh_database) -> str:
    url = fresh_database("fuzz")
    upgrade(url)
    return url


@pytest.fixture(scope="module")
def fuzz_backend(fuzz_database, infrastructure) -> Iterator[str]:
    app_settings = make_settings(fuzz_database, infrastructure["redis"], redis_namespace=f"nbfuzz-{RUN_ID}")
    with serving(create_app(app_settings)) as base_url:
        yield base_url


@pytest.fixture(scope="module")
async def fuzz_headers(fuzz_backend, fuzz_database) -> dict[str, dict[str, str]]:
    async with httpx.AsyncClient(base_url=fuzz_backend) as client:
        user = await register(client)
        engine = create_async_engine(async_url(fuzz_database))
        try:
            admin = await register_admin(client, engine)
            async with engine.begin() as connection:
                await connection.execute(text("UPDATE users SET credits = 1000 WHERE id = :id"), {"id": user.id})
        finally:
            await engine.dispose()
    return {"anonymous": {}, "user": user.headers, "admin": admin.headers}


@pytest.fixture(scope="module")
def fuzz_schema(fuzz_backend):
    return schemathesis.openapi.from_url(f"{fuzz_backend}/openapi.json")


def _fuzz(operation, fuzz_headers: dict[str, dict[str, str]], sent: list[int]) -> None:
    """Generated cases for one operation, each sent as every role; the first failure is raised."""
    signed_in = (operation.method.upper(), operation.path) not in SESSION_ENDING

    @given(case=operation.as_strategy())
    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case) -> None:
        for role, headers in fuzz_headers.items():
            if role == "anonymous" or signed_in:
                sent[0] += 1
                case.call_and_validate(headers=headers, checks=CHECKS)

    run()


def test_every_operation_answers_as_documented_and_never_5xx(fuzz_schema, fuzz_headers):
    sent = [0]
    failures = {}
    for result in fuzz_schema.get_all_operations():
        operation = result.ok()
        try:
            _fuzz(operation, fuzz_headers, sent)
        except (Exception, BaseExceptionGroup) as failure:
            failures[f"{operation.method.upper()} {operation.path}"] = str(failure)[:2000]
    print(f"fuzz: {sent[0]} requests")
    assert failures == {}, "\n\n".join(f"{name}: {reason}" for name, reason in failures.items())
