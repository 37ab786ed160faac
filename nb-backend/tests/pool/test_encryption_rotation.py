"""Rotating TOKEN_ENCRYPTION_KEY: every pool key is re-sealed under the new key and still works."""

import asyncio
import os
import subprocess
import sys

import httpx
from sqlalchemy import text

from devtools.threaded_server import serving
from nb.main import create_app
from nb.pool.secretbox import SecretBox, UnknownKeyVersion
from tests.support.gateway import FLASH, funded_user, generate, key_pool, register_admin


def test_sealed_keys_open_only_with_their_key_and_resist_tampering():
    box = SecretBox("first-secret-of-at-least-32-characters")
    ciphertext, version = box.seal("AIza-plain")
    assert box.open(ciphertext, version) == "AIza-plain" and b"AIza" not in ciphertext
    other = SecretBox("second-secret-of-at-least-32-characters")
    try:
        other.open(ciphertext, version)
        raise AssertionError("opened with the wrong key")
    except UnknownKeyVersion:
        pass
    tampered = ciphertext[:-1] + bytes([ciphertext[-1] ^ 1])
    try:
        box.open(tampered, version)
        raise AssertionError("tampering went unnoticed")
    except Exception as error:
        assert type(error).__name__ == "InvalidTag"


async def test_rotate_encryption_key_reseals_every_key(client, engine, settings, database_url):
    admin = await register_admin(client, engine)
    async with key_pool(client, admin, ["ok-rotate-one", "ok-rotate-two"]):
        new_key = "a-brand-new-encryption-key-of-48-characters-long"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "TOKEN_ENCRYPTION_KEY": new_key,
            "TOKEN_ENCRYPTION_KEY_PREVIOUS": settings.token_encryption_key,
            "JWT_SECRET_KEY": settings.jwt_secret_key,
        }
        result = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "nb", "rotate-encryption-key"],
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert "re-encrypted 2 upstream keys" in result.stdout
        async with engine.connect() as connection:
            versions = set((await connection.execute(text("SELECT key_version FROM upstream_keys"))).scalars())
        assert versions == {SecretBox(new_key).version}
        async with engine.connect() as connection:
            sealed = (
                await connection.execute(text("SELECT ciphertext, key_version FROM upstream_keys ORDER BY id"))
            ).all()
        assert sorted(SecretBox(new_key).open(bytes(row[0]), row[1]) for row in sealed) == [
            "ok-rotate-one",
            "ok-rotate-two",
        ]
        account = await funded_user(client, admin, 1)
        rotated = settings.model_copy(
            update={"token_encryption_key": new_key, "token_encryption_key_previous": settings.token_encryption_key}
        )
        with serving(create_app(rotated)) as url:
            async with httpx.AsyncClient(base_url=url, timeout=30) as http:
                assert (await generate(http, account, FLASH)).status_code == 200
