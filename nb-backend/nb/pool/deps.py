"""The process's key pool and upstream client, as route dependencies."""

from typing import Annotated

from fastapi import Depends, Request

from nb.pool.key_pool import KeyPool
from nb.upstream.client import UpstreamClient


async def get_pool(request: Request) -> KeyPool:
    return request.app.state.pool


async def get_upstream(request: Request) -> UpstreamClient:
    return request.app.state.upstream


PoolDep = Annotated[KeyPool, Depends(get_pool)]
UpstreamDep = Annotated[UpstreamClient, Depends(get_upstream)]
