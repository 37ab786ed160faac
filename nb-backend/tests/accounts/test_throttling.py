"""Throttles lock out one account or one address, never everyone, and trust proxies only when told."""

import asyncio

import httpx

from devtools.threaded_server import serving
from nb.main import create_app
from tests.support.accounts import PASSWORD, new_email, register
from tests.support.settings import make_settings, random_ip


async def _login(client, email, password, ip):
    return await client.post(
        "/api/auth/login", json={"email": email, "password": password}, headers={"X-Forwarded-For": ip}
    )


async def test_failed_logins_lock_out_the_guessing_address_not_the_owner(client):
    account, attacker = await register(client), random_ip()
    statuses = [(await _login(client, account.email, "wrong-password", attacker)).status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    locked = await _login(client, account.email, PASSWORD, attacker)
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    assert (await _login(client, account.email, PASSWORD, random_ip())).status_code == 200


async def test_a_parallel_burst_of_wrong_passwords_evaluates_at_most_the_limit(client):
    account, attacker = await register(client), random_ip()
    burst = [_login(client, account.email, "wrong-password", attacker) for _ in range(60)]
    burst.insert(30, _login(client, account.email, PASSWORD, attacker))
    statuses = [response.status_code for response in await asyncio.gather(*burst)]
    evaluated = [status for status in statuses if status != 429]
    assert len(evaluated) <= 5, statuses
    assert statuses.count(429) >= 56


async def test_guesses_from_many_addresses_hit_the_per_account_ceiling(database_url, infrastructure):
    settings = make_settings(database_url, infrastructure["redis"], login_account_max_failures=8)
    with serving(create_app(settings)) as url:
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:
            account = await register(http, ip=random_ip())
            statuses = [
                (await _login(http, account.email, "wrong-password", random_ip())).status_code for _ in range(9)
            ]
            assert statuses == [401] * 8 + [429]
            assert (await _login(http, account.email, PASSWORD, random_ip())).status_code == 429


async def test_one_address_guessing_many_accounts_is_locked_out_alone(client):
    attacker = random_ip()
    statuses = [(await _login(client, new_email(), "wrong-password", attacker)).status_code for _ in range(31)]
    assert statuses[-1] == 429 and statuses[:30] == [401] * 30
    bystander = await register(client)
    assert (await _login(client, bystander.email, PASSWORD, random_ip())).status_code == 200


async def test_registrations_are_limited_per_address(client):
    ip = random_ip()
    statuses = []
    for _ in range(21):
        response = await client.post(
            "/api/auth/register", headers={"X-Forwarded-For": ip}, json={"email": new_email(), "password": PASSWORD}
        )
        statuses.append(response.status_code)
    assert statuses[:20] == [201] * 20 and statuses[20] == 429
    fresh = await client.post(
        "/api/auth/register",
        headers={"X-Forwarded-For": random_ip()},
        json={"email": new_email(), "password": PASSWORD},
    )
    assert fresh.status_code == 201


async def test_a_burst_of_parallel_registrations_from_one_address_stops_at_the_limit(client):
    ip = random_ip()
    answers = await asyncio.gather(
        *(
            client.post(
                "/api/auth/register", headers={"X-Forwarded-For": ip}, json={"email": new_email(), "password": PASSWORD}
            )
            for _ in range(30)
        )
    )
    assert sorted(answer.status_code for answer in answers) == [201] * 20 + [429] * 10


async def test_forwarded_for_from_an_untrusted_peer_is_ignored(database_url, infrastructure):
    """Without TRUSTED_PROXIES, spoofed X-Forwarded-For headers all count as the real peer."""
    settings = make_settings(
        database_url,
        infrastructure["redis"],
        trusted_proxies="",
        redis_namespace=f"nbtest-untrusted-{random_ip()}",
        register_per_ip_per_hour=3,
    )
    with serving(create_app(settings)) as url:
        async with httpx.AsyncClient(base_url=url) as http:
            statuses = [
                (
                    await http.post(
                        "/api/auth/register",
                        headers={"X-Forwarded-For": random_ip()},
                        json={"email": new_email(), "password": PASSWORD},
                    )
                ).status_code
                for _ in range(4)
            ]
    assert statuses == [201, 201, 201, 429]


async def test_signup_bonus_is_booked_in_the_ledger(database_url, infrastructure):
    settings = make_settings(database_url, infrastructure["redis"], signup_credits=3)
    with serving(create_app(settings)) as url:
        async with httpx.AsyncClient(base_url=url, headers={"X-Forwarded-For": random_ip()}) as http:
            account = await register(http)
            ledger = (await http.get("/api/credits/ledger", headers=account.headers)).json()["items"]
    assert [(item["kind"], item["delta"], item["balance_after"]) for item in ledger] == [("signup", 3, 3)]


async def test_a_successful_login_clears_the_failures_from_that_address(client):
    account, address = await register(client), random_ip()
    for _ in range(4):
        assert (await _login(client, account.email, "wrong-password", address)).status_code == 401
    assert (await _login(client, account.email, PASSWORD, address)).status_code == 200
    statuses = [(await _login(client, account.email, "wrong-password", address)).status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
