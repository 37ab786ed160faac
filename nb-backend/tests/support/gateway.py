"""Helpers for gateway tests: a pool of simulator keys, funded users, Gemini request bodies."""

import base64
import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from PIL import Image

from tests.support.accounts import Account, grant_credits, register, register_admin

FLASH = "gemini-2.5-flash-image"
PRO = "gemini-3-pro-image-preview"


def body(prompt: str = "a cat on a beach", **generation_config) -> dict:
    request = {"contents": [{"role": "user", "parts": [{"text": prompt}]}]}
    if generation_config:
        request["generationConfig"] = generation_config
    return request


@asynccontextmanager
async def key_pool(
    client: httpx.AsyncClient, admin: Account, secrets: list[str], **fields
) -> AsyncIterator[list[dict]]:
    """Add keys for the duration of a test; every key is removed afterwards, whatever happened."""
    response = await client.post("/api/admin/tokens", headers=admin.headers, json={"keys": secrets, **fields})
    assert response.status_code == 201, response.text
    added = response.json()["added"]
    try:
        yield added
    finally:
        for key in (await client.get("/api/admin/tokens", headers=admin.headers)).json():
            await client.delete(f"/api/admin/tokens/{key['id']}", headers=admin.headers)


async def funded_user(client: httpx.AsyncClient, admin: Account, credits: int) -> Account:
    account = await register(client)
    if credits:
        await grant_credits(client, admin, account.id, credits)
    return account


async def balance(client: httpx.AsyncClient, account: Account) -> int:
    return (await client.get("/api/credits/balance", headers=account.headers)).json()["balance"]


async def simulator_stats(simulator_url: str) -> dict:
    async with httpx.AsyncClient() as http:
        return (await http.get(f"{simulator_url}/_sim/stats")).json()


async def reset_simulator(simulator_url: str) -> None:
    async with httpx.AsyncClient() as http:
        await http.post(f"{simulator_url}/_sim/reset")


def last_image(response: dict) -> Image.Image:
    parts = response["candidates"][0]["content"]["parts"]
    final = [part for part in parts if "inlineData" in part and not part.get("thought")][-1]
    return Image.open(io.BytesIO(base64.b64decode(final["inlineData"]["data"])))


async def generate(
    client: httpx.AsyncClient, account: Account, model: str = FLASH, request: dict | None = None, **headers
) -> httpx.Response:
    return await client.post(
        f"/v1beta/models/{model}:generateContent", json=request or body(), headers={**account.headers, **headers}
    )


__all__ = [
    "FLASH",
    "PRO",
    "body",
    "key_pool",
    "funded_user",
    "balance",
    "simulator_stats",
    "reset_simulator",
    "last_image",
    "generate",
    "register_admin",
]
