"""Fixtures for conversations and images: a real S3-compatible server (moto's server mode), the app
served per storage backend with small limits (per module, so their connections do not outlive the
module), and helpers that speak the API like the SPA."""

import base64
import io
import os
import secrets
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer
from PIL import Image

from devtools.threaded_server import free_port, serving
from nb.main import create_app
from tests.support.settings import random_ip

BUCKET = "nb-test-images"
LIMITS = dict(
    max_conversations_per_owner=8,
    storage_quota_bytes_per_owner=3 << 20,
    visitors_per_ip_per_hour=6,
    guest_retention_days=30,
    image_url_ttl_seconds=600,
    db_pool_size=2,
    db_max_overflow=15,
)


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    s3_client(url).create_bucket(Bucket=BUCKET)
    yield url
    server.stop()


def s3_client(endpoint: str):
    return boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test"
    )


@dataclass
class Backend:
    """One running app and a way to look at what its blob store holds."""

    name: str
    url: str
    settings: object
    s3_endpoint: str | None = None

    def stored_keys(self) -> set[str]:
        if self.s3_endpoint:
            pages = s3_client(self.s3_endpoint).get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
            return {item["Key"] for page in pages for item in page.get("Contents", [])}
        root = self.settings.image_storage_path
        return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()} if root.exists() else set()

    def blob_keys(self, sha256: str) -> set[str]:
        return {key for key in self.stored_keys() if sha256 in key}


@pytest.fixture(scope="module")
def local_backend(settings) -> Iterator[Backend]:
    with tempfile.TemporaryDirectory(prefix="nbimages-") as directory:
        local = settings.model_copy(update={**LIMITS, "image_storage": "local", "image_storage_dir": Path(directory)})
        with serving(create_app(local)) as url:
            yield Backend("local", url, local)


@pytest.fixture(scope="module")
def s3_backend(settings, s3_endpoint) -> Iterator[Backend]:
    s3 = settings.model_copy(
        update={
            **LIMITS,
            "image_storage": "s3",
            "s3_endpoint_url": s3_endpoint,
            "s3_bucket": BUCKET,
            "s3_access_key_id": "test",
            "s3_secret_access_key": "test",
        }
    )
    with serving(create_app(s3)) as url:
        yield Backend("s3", url, s3, s3_endpoint)


@pytest.fixture(params=["local", "s3"])
def backend(request) -> Backend:
    return request.getfixturevalue(f"{request.param}_backend")


async def _client(url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        base_url=url, timeout=60, headers={"X-Forwarded-For": random_ip()}, limits=httpx.Limits(max_connections=100)
    ) as http:
        yield http


@pytest.fixture
async def api(local_backend) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the local-storage app, from its own address."""
    async for http in _client(local_backend.url):
        yield http


@pytest.fixture
async def backend_api(backend) -> AsyncIterator[httpx.AsyncClient]:
    async for http in _client(backend.url):
        yield http


def guest() -> dict[str, str]:
    return {"X-Visitor-Id": str(uuid.uuid4())}


def png(size: tuple[int, int] = (64, 48)) -> bytes:
    """A small real PNG of a random colour, so no two tests share a blob."""
    seed = secrets.randbelow(1 << 24)
    out = io.BytesIO()
    Image.new("RGB", size, (seed & 255, (seed >> 8) & 255, (seed >> 16) & 255)).save(out, "PNG")
    return out.getvalue()


def noise_png(size: tuple[int, int]) -> bytes:
    """A PNG that does not compress: its byte size is about width * height * 3."""
    out = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(out, "PNG", compress_level=0)
    return out.getvalue()


def image_part(data: bytes, mime_type: str = "image/png", **extra) -> dict:
    return {"inlineData": {"mimeType": mime_type, "data": base64.b64encode(data).decode()}, **extra}


async def new_conversation(http: httpx.AsyncClient, headers: dict[str, str], **body) -> dict:
    response = await http.post("/api/conversations", headers=headers, json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def post_message(
    http: httpx.AsyncClient,
    headers: dict[str, str],
    conversation_id: int,
    parts: list[dict],
    role: str = "user",
    client_id: str | None = None,
    position: int | None = None,
) -> httpx.Response:
    body = {"client_id": client_id or secrets.token_hex(8), "role": role, "parts": parts}
    if position is not None:
        body["position"] = position
    return await http.post(f"/api/conversations/{conversation_id}/messages", headers=headers, json=body)


async def all_messages(
    http: httpx.AsyncClient, headers: dict[str, str], conversation_id: int, limit: int = 200
) -> list[dict]:
    items, cursor = [], None
    while True:
        params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        response = await http.get(f"/api/conversations/{conversation_id}/messages", headers=headers, params=params)
        assert response.status_code == 200, response.text
        items += response.json()["items"]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return items
