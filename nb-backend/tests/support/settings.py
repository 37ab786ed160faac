"""Settings and addresses for the apps under test: one run id, one private data folder."""

import secrets
import tempfile
from pathlib import Path

from nb.core.settings import Settings

RUN_ID = secrets.token_hex(4)
DATA_DIR = Path(tempfile.mkdtemp(prefix=f"nbtest-{RUN_ID}-"))


def make_settings(database_url: str, redis_url: str, **overrides) -> Settings:
    values = dict(
        environment="test",
        database_url=database_url,
        redis_url=redis_url,
        redis_namespace=f"nbtest-{RUN_ID}",
        jwt_secret_key=secrets.token_urlsafe(40),
        token_encryption_key=secrets.token_urlsafe(40),
        trusted_proxies="127.0.0.1/32",
        db_pool_size=10,
        db_max_overflow=10,
        demo_upstream=False,
        pool_wait_seconds=1.0,
        sweep_interval_seconds=3600,
        probe_interval_seconds=3600,
        NB_DATA_DIR=DATA_DIR,
    )
    values.update(overrides)
    return Settings(**values)


def random_ip() -> str:
    return f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(254) + 1}"
