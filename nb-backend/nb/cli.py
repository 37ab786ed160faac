"""The `nb` command: run the product, migrate, manage admins, verify the books, run the simulator."""

import argparse
import asyncio
import os
import signal
import sys
from contextlib import ExitStack

from nb.core.settings import Settings


def _with_session(work):
    """Run `work(session, settings)` against the configured database, in a fresh event loop."""
    from nb.core.db import create_engine, session_factory

    async def main():
        settings = Settings()
        engine = create_engine(settings)
        try:
            async with session_factory(engine)() as session:
                return await work(session, settings)
        finally:
            await engine.dispose()

    return asyncio.run(main())


def _bootstrap_admin(email: str, password: str | None) -> None:
    from nb.accounts.bootstrap import ensure_admin

    generated = _with_session(lambda session, settings: ensure_admin(session, settings, email, password))
    if generated:
        print(f"Admin account created: {email} / {generated}  (shown once; change it after logging in)")


def _pool_is_empty() -> bool:
    from sqlalchemy import func, select

    from nb.pool.models import UpstreamKey

    async def work(session, settings):
        return await session.scalar(select(func.count()).select_from(UpstreamKey)) == 0

    return _with_session(work)


def cmd_run(args: argparse.Namespace) -> None:
    """SIGTERM (uvicorn re-raises it after a graceful shutdown) becomes SystemExit, so the embedded
    services started here are stopped on the way out, as with Ctrl-C."""
    import uvicorn

    from nb.core.embedded import prepare_environment
    from nb.core.migrate import upgrade
    from nb.core.observability.logs import logging_config
    from nb.core.observability.multiprocess import use_metrics_dir

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with ExitStack() as stack:
        os.environ.update(prepare_environment(stack))
        settings = Settings()
        use_metrics_dir(settings.data_dir)
        if not settings.database_url:
            sys.exit("DATABASE_URL is not set")
        upgrade(settings.database_url)
        _bootstrap_admin(settings.admin_email, settings.admin_password)
        if settings.demo_upstream_allowed and _pool_is_empty():
            print(
                "Demo upstream: images are synthesized locally by the offline simulator. "
                "Add Gemini keys in Admin -> Tokens to generate real images.",
                flush=True,
            )
        print(
            f"NanoBanana Pro is serving on http://{settings.host}:{settings.port}  (admin: {settings.admin_email})",
            flush=True,
        )
        uvicorn.run(
            "nb.main:app_from_environment",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            log_level=settings.log_level.lower(),
            proxy_headers=False,
            log_config=logging_config(settings),
            access_log=False,
        )


def cmd_migrate(args: argparse.Namespace) -> None:
    from nb.core.migrate import downgrade, upgrade

    url = Settings().database_url
    if not url:
        sys.exit("DATABASE_URL is not set")
    (downgrade if args.downgrade else upgrade)(url, args.revision or ("base" if args.downgrade else "head"))


def cmd_create_admin(args: argparse.Namespace) -> None:
    settings = Settings()
    _bootstrap_admin(args.email or settings.admin_email, args.password or settings.admin_password)


def cmd_check_ledger(args: argparse.Namespace) -> None:
    from nb.credits.ledger import ledger_mismatches

    mismatches = _with_session(lambda session, settings: ledger_mismatches(session))
    for row in mismatches:
        print(f"user {row.user_id} <{row.email}>: credits {row.credits} != ledger sum {row.ledger_sum}")
    if mismatches:
        sys.exit(1)
    print("ledger clean: every balance equals its ledger sum")


def cmd_cleanup(args: argparse.Namespace) -> None:
    from nb.conversations.retention import run_cleanup
    from nb.core.cache import create_cache
    from nb.core.db import create_engine, session_factory

    async def main():
        settings = Settings()
        engine, cache = create_engine(settings), create_cache(settings)
        try:
            return await run_cleanup(session_factory(engine), cache, settings)
        finally:
            await cache.close()
            await engine.dispose()

    report = asyncio.run(main())
    print(
        f"expired guest conversations: {report.expired_conversations}, freed images: {report.freed_images}, "
        f"orphan blobs removed: {report.orphan_blobs}"
    )


def cmd_rotate_encryption_key(args: argparse.Namespace) -> None:
    from nb.pool.admin import reseal_all
    from nb.pool.secretbox import SecretBox

    def work(session, settings):
        previous = tuple(key for key in settings.token_encryption_key_previous.split(",") if key)
        return reseal_all(session, SecretBox(settings.token_encryption_key, previous))

    print(f"re-encrypted {_with_session(work)} upstream keys under the current TOKEN_ENCRYPTION_KEY")


def cmd_sweep(args: argparse.Namespace) -> None:
    from nb.core.cache import create_cache
    from nb.gateway.billing import sweep_stale

    async def work(session, settings):
        cache = create_cache(settings)
        try:
            return await sweep_stale(session, cache, settings.sweep_after_seconds)
        finally:
            await cache.close()

    print(f"settled stale generations: {_with_session(work)}")


def cmd_rebuild_stats(args: argparse.Namespace) -> None:
    from nb.stats.rollups import rebuild

    until = _with_session(lambda session, settings: rebuild(session, settings.zone))
    print(f"statistics rebuilt from the raw tables up to {until.isoformat()}")


def cmd_simulator(args: argparse.Namespace) -> None:
    from nb.simulator.server import run

    run(args.host, args.port, latency_ms=args.latency_ms, image_scale=args.image_scale)


def openapi_document() -> str:
    """The app's OpenAPI document as sorted, indented JSON, byte-stable for review. It does not depend
    on configuration, so placeholder secrets build it."""
    import json

    from nb.main import create_app

    placeholder = "openapi-document-placeholder-secret-0123456789"
    app = create_app(Settings(environment="development", jwt_secret_key=placeholder, token_encryption_key=placeholder))
    return json.dumps(app.openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def cmd_openapi(args: argparse.Namespace) -> None:
    """The document the SPA's API types are generated from (`nb openapi --output ../nb-app/openapi.json`)."""
    text = openapi_document()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as output:
            output.write(text)
    else:
        sys.stdout.write(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nb", description="NanoBanana Pro backend")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="serve the product (embedded services when unconfigured)").set_defaults(
        func=cmd_run
    )
    migrate = commands.add_parser("migrate", help="upgrade (or downgrade) the database schema")
    migrate.add_argument("--downgrade", action="store_true")
    migrate.add_argument("--revision")
    migrate.set_defaults(func=cmd_migrate)
    admin = commands.add_parser("create-admin", help="create the first administrator if none exists")
    admin.add_argument("--email")
    admin.add_argument("--password")
    admin.set_defaults(func=cmd_create_admin)
    commands.add_parser("check-ledger", help="verify every balance equals its ledger sum").set_defaults(
        func=cmd_check_ledger
    )
    commands.add_parser("cleanup", help="expire old guest conversations and free unreferenced images").set_defaults(
        func=cmd_cleanup
    )
    commands.add_parser(
        "rotate-encryption-key", help="re-encrypt pool keys sealed under TOKEN_ENCRYPTION_KEY_PREVIOUS"
    ).set_defaults(func=cmd_rotate_encryption_key)
    commands.add_parser("sweep", help="refund (or confirm) generations left pending by a crash").set_defaults(
        func=cmd_sweep
    )
    commands.add_parser("rebuild-stats", help="recompute the statistics roll-ups from the raw tables").set_defaults(
        func=cmd_rebuild_stats
    )
    openapi = commands.add_parser("openapi", help="print (or write) the OpenAPI document")
    openapi.add_argument("--output")
    openapi.set_defaults(func=cmd_openapi)
    simulator = commands.add_parser("simulator", help="serve the offline Gemini simulator")
    simulator.add_argument("--host", default="127.0.0.1")
    simulator.add_argument("--port", type=int, default=8099)
    simulator.add_argument("--latency-ms", type=float, default=0)
    simulator.add_argument("--image-scale", type=float, default=1.0)
    simulator.set_defaults(func=cmd_simulator)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    args.func(args)
