"""The client's address: X-Forwarded-For is believed only when the direct peer is a trusted proxy."""

from ipaddress import ip_address

from starlette.requests import Request

from nb.core.settings import Settings


def _is_trusted(address: str, settings: Settings) -> bool:
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in settings.trusted_proxy_networks)


def client_ip(request: Request, settings: Settings) -> str:
    """Walk X-Forwarded-For from the right, skipping trusted proxies, and stop at the first other hop."""
    peer = request.client.host if request.client else "unknown"
    if not _is_trusted(peer, settings):
        return peer
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, settings):
            return hop
    return hops[0] if hops else peer
