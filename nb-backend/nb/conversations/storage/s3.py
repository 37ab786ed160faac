"""Blobs in an S3-compatible bucket through boto3; every call runs in a thread, never on the event loop."""

import asyncio
from collections.abc import AsyncIterator

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

MISSING = {"NoSuchKey", "404", "NotFound"}


class S3BlobStore:
    def __init__(
        self,
        endpoint_url: str | None,
        region: str,
        bucket: str,
        access_key_id: str | None,
        secret_access_key: str | None,
    ):
        self.bucket = bucket
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region,
            aws_access_key_id=access_key_id,
            aws_secret_access_key=secret_access_key,
            config=Config(
                signature_version="s3v4",
                s3={"addressing_style": "path"},
                max_pool_connections=50,
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        )

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(
            self.client.put_object, Bucket=self.bucket, Key=key, Body=data, ContentType=content_type
        )

    async def get(self, key: str) -> bytes | None:
        def read() -> bytes | None:
            try:
                return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") in MISSING:
                    return None
                raise

        return await asyncio.to_thread(read)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.client.delete_object, Bucket=self.bucket, Key=key)

    async def key_pages(self) -> AsyncIterator[list[str]]:
        pages = iter(self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket))
        while (page := await asyncio.to_thread(next, pages, None)) is not None:
            keys = [item["Key"] for item in page.get("Contents", [])]
            if keys:
                yield keys
