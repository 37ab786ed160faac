"""Where worker processes keep their metric samples, so /metrics adds up every worker of `nb run`.

Must run before prometheus_client is imported anywhere in the process: the library picks its
storage (memory or files) at import time from PROMETHEUS_MULTIPROC_DIR.
"""

import os
import shutil
from pathlib import Path

ENV = "PROMETHEUS_MULTIPROC_DIR"


def use_metrics_dir(data_dir: Path) -> Path:
    """Start from an empty directory under the data dir: samples of a previous run are stale."""
    directory = Path(os.environ.get(ENV) or data_dir / "metrics").resolve()
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    os.environ[ENV] = str(directory)
    return directory


def enabled() -> bool:
    return bool(os.environ.get(ENV))


def forget_this_worker() -> None:
    """On a worker's shutdown: its live gauges (DB connections in use) stop counting in the sum."""
    if enabled():
        from prometheus_client import multiprocess as prometheus_multiprocess

        prometheus_multiprocess.mark_process_dead(os.getpid())
