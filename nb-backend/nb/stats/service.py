"""Admin statistics read from the roll-ups (see rollups.py): overview, per-model and per-key figures.

Figures are as fresh as the roll-up watermark (`as_of`), a couple of minutes behind real time.
"Today", "last 7 days" and day buckets are calendar days of NB_TIMEZONE; roll-ups are hourly in UTC,
so in a zone whose offset is not a whole number of hours a day starts at the hour containing its
midnight. A generation counts once, at the hour it settled, however many upstream attempts it took;
attempts are their own figure.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import TextClause, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from nb.gateway.models import ModelPrice
from nb.pool.admin import key_state
from nb.pool.models import UpstreamKey
from nb.stats.models import LATENCY_BOUNDS_MS
from nb.stats.rollups import hour_floor

WINDOW_DAYS = {"today": 0, "last_7_days": 6, "last_30_days": 29}  # days back from today
BUCKET_SUMS = ", ".join(f"sum(latency_buckets[{index + 1}])" for index in range(len(LATENCY_BOUNDS_MS) + 1))


def select_sql(columns: str, source: str) -> TextClause:
    """`SELECT <columns> FROM <source>`. Both are assembled only from this package's own fragments
    (column lists, table names, window names); every value, request input included, is a bind parameter."""
    return text(f"SELECT {columns} FROM {source}")  # noqa: S608 - fragments are package constants, values are bound


def percentile(buckets: list[int], fraction: float) -> int | None:
    """Approximate percentile of a latency histogram, interpolated inside its bucket."""
    total = sum(buckets)
    if not total:
        return None
    rank, seen = fraction * total, 0
    for index, count in enumerate(buckets):
        if count and seen + count >= rank:
            if index == len(LATENCY_BOUNDS_MS):
                return LATENCY_BOUNDS_MS[-1]
            lower = LATENCY_BOUNDS_MS[index - 1] if index else 0
            return round(lower + (LATENCY_BOUNDS_MS[index] - lower) * (rank - seen) / count)
        seen += count
    return LATENCY_BOUNDS_MS[-1]


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return hour_floor(datetime(day.year, day.month, day.day, tzinfo=zone))


@dataclass(frozen=True)
class Windows:
    """The overview's periods: today, the last 7 and 30 calendar days (today included), all time."""

    today: date
    starts: dict[str, datetime]

    @classmethod
    def at(cls, now: datetime, zone: ZoneInfo) -> "Windows":
        today = now.astimezone(zone).date()
        return cls(
            today, {name: local_midnight(today - timedelta(days=back), zone) for name, back in WINDOW_DAYS.items()}
        )

    def filters(self, column: str, aggregate: str, prefix: str = "w") -> str:
        """One FILTERed aggregate per window (named <prefix>_<window>) plus the all-time one."""
        parts = [f"{aggregate} FILTER (WHERE {column} >= :{name}) AS {prefix}_{name}" for name in self.starts]
        return ", ".join(parts + [f"{aggregate} AS {prefix}_all_time"])

    @property
    def names(self) -> list[str]:
        return [*self.starts, "all_time"]


async def watermark(session: AsyncSession) -> datetime | None:
    return await session.scalar(text("SELECT rolled_until FROM stats_watermark WHERE id = 1"))


async def _users(session: AsyncSession, windows: Windows) -> dict[str, int]:
    created = (
        (
            await session.execute(
                select_sql(
                    f"{windows.filters('created_at', 'count(*)')}, count(*) FILTER (WHERE status = 'banned') AS banned",
                    "users",
                ),
                windows.starts,
            )
        )
        .mappings()
        .one()
    )
    days = {name: windows.today - timedelta(days=back) for name, back in WINDOW_DAYS.items()}
    active = (
        (
            await session.execute(
                select_sql(
                    ", ".join(f"count(*) FILTER (WHERE day >= :{name}) AS {name}" for name in days),
                    "user_last_active WHERE day >= :last_30_days",
                ),
                days,
            )
        )
        .mappings()
        .one()
    )
    return {
        "total": created["w_all_time"],
        "banned": created["banned"],
        **{f"new_{name}": created[f"w_{name}"] for name in windows.starts},
        **{f"active_{name}": active[name] for name in days},
    }


async def _generations(session: AsyncSession, windows: Windows) -> dict[str, Any]:
    rows = (
        (
            await session.execute(
                select_sql(
                    f"model, status, {windows.filters('hour', 'sum(generations)')}, "
                    f"{windows.filters('hour', 'sum(attempts)', 'a')}, {windows.filters('hour', 'sum(retries)', 'r')}, "
                    f"{windows.filters('hour', 'sum(credits)', 'c')}",
                    "usage_hourly GROUP BY model, status",
                ),
                windows.starts,
            )
        )
        .mappings()
        .all()
    )
    figures: dict[str, Any] = {}
    for name in windows.names:
        window: dict[str, Any] = {
            "total": 0,
            "succeeded": 0,
            "refunded": 0,
            "failed": 0,
            "attempts": 0,
            "retries": 0,
            "credits_spent": 0,
            "by_model": {},
        }
        for row in rows:
            count = int(row[f"w_{name}"] or 0)
            if not count:
                continue
            window["total"] += count
            window[row["status"]] += count
            window["attempts"] += int(row[f"a_{name}"] or 0)
            window["retries"] += int(row[f"r_{name}"] or 0)
            if row["status"] == "succeeded":
                window["credits_spent"] += int(row[f"c_{name}"] or 0)
            model = window["by_model"].setdefault(
                row["model"], {"total": 0, "succeeded": 0, "refunded": 0, "failed": 0}
            )
            model["total"] += count
            model[row["status"]] += count
        figures[name] = window
    return figures


async def _credits(session: AsyncSession, windows: Windows, spent: dict[str, int]) -> dict[str, dict[str, int]]:
    rows = {
        row["kind"]: row
        for row in (
            await session.execute(
                select_sql(f"kind, {windows.filters('hour', 'sum(delta_sum)')}", "credit_flow_hourly GROUP BY kind"),
                windows.starts,
            )
        ).mappings()
    }

    def flow(kind: str, name: str) -> int:
        return int(rows[kind][f"w_{name}"] or 0) if kind in rows else 0

    return {
        name: {
            "spent": spent[name],
            "charged": -flow("generation", name),
            "refunded": flow("refund", name),
            "redeemed": flow("redeem", name),
            "adjusted": flow("admin_adjust", name),
            "signup": flow("signup", name),
        }
        for name in windows.names
    }


async def pool_health(session: AsyncSession, now: datetime) -> dict[str, int]:
    health = {"total": 0, "active": 0, "cooling": 0, "disabled": 0, "invalid": 0}
    for key in (await session.scalars(select(UpstreamKey))).all():
        health["total"] += 1
        health[key_state(key, now)] += 1
    return health


async def overview(session: AsyncSession, zone: ZoneInfo, now: datetime) -> dict[str, Any]:
    windows = Windows.at(now, zone)
    generations = await _generations(session, windows)
    spent = {name: window["credits_spent"] for name, window in generations.items()}
    pending = await session.scalar(text("SELECT count(*) FROM generations WHERE status = 'pending'"))
    return {
        "as_of": await watermark(session),
        "timezone": zone.key,
        "users": await _users(session, windows),
        "generations": generations,
        "credits": await _credits(session, windows, spent),
        "pool": await pool_health(session, now),
        "pending_generations": pending,
    }


def _since(days: int | None, zone: ZoneInfo, now: datetime) -> datetime:
    if days is None:
        return datetime(1970, 1, 1, tzinfo=UTC)
    return local_midnight(now.astimezone(zone).date() - timedelta(days=days - 1), zone)


EMPTY = {
    "generations": 0,
    "succeeded": 0,
    "refunded": 0,
    "failed": 0,
    "attempts": 0,
    "retries": 0,
    "credits_spent": 0,
    "latency_sum": 0,
    "latency_count": 0,
    "buckets": [0] * (len(LATENCY_BOUNDS_MS) + 1),
}


async def _usage_by(session: AsyncSession, table: str, column: str, since: datetime) -> dict[Any, dict[str, Any]]:
    """Per `column` value: counts by status, attempts, credits of successes, latency of successes
    (percentiles only where the table keeps a histogram)."""
    histogram = BUCKET_SUMS if table == "usage_hourly" else "NULL"
    rows = (
        await session.execute(
            select_sql(
                f"{column} AS key, status, sum(generations) AS generations, sum(attempts) AS attempts, "
                "sum(retries) AS retries, sum(credits) AS credits, sum(latency_ms_sum) AS latency_sum, "
                f"sum(latency_count) AS latency_count, {histogram}",
                f"{table} WHERE hour >= :since GROUP BY 1, 2",
            ),
            {"since": since},
        )
    ).all()
    usage: dict[Any, dict[str, Any]] = {}
    for row in rows:
        entry = usage.setdefault(row.key, dict(EMPTY))
        entry["generations"] += int(row.generations)
        entry[row.status] += int(row.generations)
        entry["attempts"] += int(row.attempts)
        entry["retries"] += int(row.retries)
        if row.status == "succeeded":
            entry["credits_spent"] += int(row.credits)
            entry["latency_sum"] += int(row.latency_sum)
            entry["latency_count"] += int(row.latency_count)
            entry["buckets"] = [int(total or 0) for total in row[8:]]
    return usage


def _summary(entry: dict[str, Any]) -> dict[str, Any]:
    generations = entry["generations"]
    return {
        "generations": generations,
        "succeeded": entry["succeeded"],
        "refunded": entry["refunded"],
        "failed": entry["failed"],
        "attempts": entry["attempts"],
        "retries": entry["retries"],
        "success_rate": round(entry["succeeded"] / generations, 4) if generations else None,
        "credits_spent": entry["credits_spent"],
        "mean_latency_ms": round(entry["latency_sum"] / entry["latency_count"]) if entry["latency_count"] else None,
        "latency_p50_ms": percentile(entry["buckets"], 0.5),
        "latency_p95_ms": percentile(entry["buckets"], 0.95),
    }


async def models(session: AsyncSession, zone: ZoneInfo, now: datetime, days: int | None) -> list[dict[str, Any]]:
    """Every priced model and every model seen in the roll-ups, busiest first."""
    usage = await _usage_by(session, "usage_hourly", "model", _since(days, zone, now))
    names = {price.model: price.display_name for price in (await session.scalars(select(ModelPrice))).all()}
    rows = [
        {"model": model, "name": names.get(model, model), **_summary(usage.get(model, EMPTY))}
        for model in sorted(set(names) | set(usage))
    ]
    return sorted(rows, key=lambda row: (-row["generations"], row["model"]))


async def tokens(session: AsyncSession, zone: ZoneInfo, now: datetime, days: int | None) -> list[dict[str, Any]]:
    """Per pool key: attempts from its health counters, generations it settled from the roll-ups
    (mean latency only: percentiles are kept per model)."""
    usage = await _usage_by(session, "key_usage_hourly", "upstream_key_id", _since(days, zone, now))
    rows = []
    for key in (await session.scalars(select(UpstreamKey).order_by(UpstreamKey.id))).all():
        calls = key.success_count + key.failure_count
        rows.append(
            {
                "id": key.id,
                "label": key.label,
                "hint": key.hint,
                "status": key.status,
                "state": key_state(key, now),
                "weight": key.weight,
                "calls": calls,
                "call_success_rate": round(key.success_count / calls, 4) if calls else None,
                "consecutive_failures": key.consecutive_failures,
                "last_error_code": key.last_error_code,
                "last_error_message": key.last_error_message,
                "last_used_at": key.last_used_at,
                "cooling_until": key.cooling_until if key_state(key, now) == "cooling" else None,
                **_summary(usage.get(key.id, EMPTY)),
            }
        )
    return rows
