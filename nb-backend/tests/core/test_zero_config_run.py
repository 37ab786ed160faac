"""`nb run` on a machine with nothing configured: embedded PostgreSQL and Redis under the data dir,
generated secrets, a bootstrapped admin, the demo upstream; a restart reuses all of it, and
SIGINT or SIGTERM stops everything it started."""

import os
import signal
import subprocess
import sys
import time

import httpx
import psutil
import pytest

from devtools.threaded_server import free_port

UNSET = ("DATABASE_URL", "REDIS_URL", "JWT_SECRET_KEY", "TOKEN_ENCRYPTION_KEY", "ADMIN_PASSWORD", "ENVIRONMENT")


def _start(data_dir, port):
    env = {name: value for name, value in os.environ.items() if name not in UNSET}
    env.update(NB_DATA_DIR=str(data_dir), PORT=str(port), ADMIN_EMAIL="owner@example.com")
    process = subprocess.Popen(
        [sys.executable, "-m", "nb", "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    deadline = time.monotonic() + 90
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/ready", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        assert process.poll() is None and time.monotonic() < deadline, "nb run did not come up"
        time.sleep(0.2)


def _stop(process, how) -> str:
    process.send_signal(how)
    output, _ = process.communicate(timeout=60)
    return output


def _started_from(data_dir) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if any(str(data_dir) in part for part in process.info["cmdline"] or ()):
            found.append(process)
    return found


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_zero_config_run_starts_restarts_and_stops_everything(tmp_path, how):
    port = free_port()
    first = _stop(_start(tmp_path, port), how)
    assert "Admin account created: owner@example.com / " in first
    assert "Demo upstream" in first
    assert (tmp_path / "secrets.json").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "postgres" / "PG_VERSION").exists()
    assert _started_from(tmp_path) == []
    started = time.monotonic()
    second = _start(tmp_path, port)
    restart_seconds = time.monotonic() - started
    try:
        login = httpx.post(
            f"http://127.0.0.1:{port}/api/auth/login",
            json={"email": "owner@example.com", "password": first.split("owner@example.com / ")[1].split()[0]},
        )
        assert login.status_code == 200 and login.json()["user"]["role"] == "admin"
    finally:
        again = _stop(second, how)
    assert "Admin account created" not in again
    assert _started_from(tmp_path) == []
    print(f"restart with existing data: {restart_seconds:.1f} s")
