"""Prometheus metrics. With METRICS_TOKEN set, scrapers present it as a bearer token; in production
the endpoint is refused altogether until a token is configured."""

import hmac

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST

from nb.core.deps import RuntimeDep
from nb.core.errors import forbidden, unauthorized
from nb.core.observability.scrape import exposition

router = APIRouter(tags=["operations"])


@router.get("/metrics", response_class=Response)
async def metrics(request: Request, runtime: RuntimeDep) -> Response:
    token = runtime.settings.metrics_token
    if token:
        scheme, _, presented = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(presented.strip().encode(), token.encode()):
            raise unauthorized("a valid metrics token is required")
    elif runtime.settings.environment == "production":
        raise forbidden("set METRICS_TOKEN to enable /metrics in production")
    return Response(await exposition(runtime), media_type=CONTENT_TYPE_LATEST)
