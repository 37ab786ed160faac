"""The sweeper: settles generations a crash or a lost worker left pending, so nobody's credits stay held."""

from nb.core.runtime import Runtime
from nb.gateway import billing


async def sweep_stale_generations(runtime: Runtime) -> dict[str, int]:
    """Settle generations older than the upstream timeout plus a grace period."""
    age = runtime.settings.upstream_timeout_seconds + runtime.settings.pending_grace_seconds
    async with runtime.sessions() as session:
        return await billing.sweep_stale(session, runtime.cache, age)
