"""The process's generation gateway, as a route dependency."""

from typing import Annotated

from fastapi import Depends, Request

from nb.gateway.generation import Gateway


async def get_gateway(request: Request) -> Gateway:
    return request.app.state.gateway


GatewayDep = Annotated[Gateway, Depends(get_gateway)]
