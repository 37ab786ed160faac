"""The sweeper: settles generations a crash or a lost worker left pending, so nobody's credits stay held."""

from nb.core.runtime import Runtime
from nb.gateway import billing


async def sweep_stale_generations(runtime: Runtime) -> dict[str, int]:
    """Settle generations older than the generation deadline plus a grace period."""
    async with runtime.sessions() as session:
        return await billing.sweep_stale(session, runtime.cache, runtime.settings.sweep_after_seconds)
