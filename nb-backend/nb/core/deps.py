"""Named dependencies, so every route signature says what it needs and who may call it.

All are `async def`: FastAPI runs a plain `def` dependency in a worker thread, a hop per request."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from nb.core.cache import Cache
from nb.core.client_ip import client_ip
from nb.core.runtime import Runtime
from nb.core.settings import Settings


async def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_settings(runtime: RuntimeDep) -> Settings:
    return runtime.settings


async def get_cache(runtime: RuntimeDep) -> Cache:
    return runtime.cache


async def get_session(runtime: RuntimeDep) -> AsyncIterator[AsyncSession]:
    async with runtime.sessions() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]


CacheDep = Annotated[Cache, Depends(get_cache)]


SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def get_client_ip(request: Request, settings: SettingsDep) -> str:
    return client_ip(request, settings)


ClientIp = Annotated[str, Depends(get_client_ip)]
