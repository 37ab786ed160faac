"""Jobs that keep the books and the pool healthy without anyone watching."""

from nb.runtime import Runtime
from nb.services import billing, pool_admin


async def sweep_stale_generations(runtime: Runtime) -> dict[str, int]:
    """Settle generations older than the upstream timeout plus a grace period (a crash, a lost worker)."""
    age = runtime.settings.upstream_timeout_seconds + runtime.settings.pending_grace_seconds
    async with runtime.sessions() as session:
        return await billing.sweep_stale(session, runtime.cache, age)


async def probe_pool(runtime: Runtime) -> int:
    async with runtime.sessions() as session:
        return await pool_admin.probe_due_keys(session, runtime.gateway.pool, runtime.gateway.box, runtime.http,
                                               runtime.settings.upstream_base_url, runtime.settings.probe_model)
