"""Helpers that create accounts and sessions through the public API."""

import secrets
from dataclasses import dataclass

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

PASSWORD = "correct-horse-battery"


@dataclass
class Account:
    id: int
    email: str
    access_token: str
    refresh_token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


def new_email(label: str = "user") -> str:
    return f"{label}-{secrets.token_hex(6)}@example.com"


async def register(
    client: httpx.AsyncClient, email: str | None = None, password: str = PASSWORD, ip: str | None = None
) -> Account:
    email = email or new_email()
    headers = {"X-Forwarded-For": ip} if ip else {}
    response = await client.post("/api/auth/register", json={"email": email, "password": password}, headers=headers)
    assert response.status_code == 201, response.text
    body = response.json()
    return Account(body["user"]["id"], email, body["access_token"], body["refresh_token"])


async def login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> Account:
    response = await client.post("/api/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    body = response.json()
    return Account(body["user"]["id"], email, body["access_token"], body["refresh_token"])


async def register_admin(client: httpx.AsyncClient, engine: AsyncEngine) -> Account:
    """A regular registration promoted in the database; the session is re-opened to carry the role."""
    account = await register(client, new_email("admin"))
    async with engine.begin() as connection:
        await connection.execute(text("UPDATE users SET role = 'admin' WHERE id = :id"), {"id": account.id})
    return await login(client, account.email)


async def grant_credits(client: httpx.AsyncClient, admin: Account, user_id: int, amount: int) -> None:
    response = await client.post(
        f"/api/admin/users/{user_id}/credits", headers=admin.headers, json={"delta": amount, "reason": "test grant"}
    )
    assert response.status_code == 200, response.text
