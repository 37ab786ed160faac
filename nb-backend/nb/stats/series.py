"""Time series for the admin charts, from the roll-ups: one value per hour or per local day, gaps as zero."""

from datetime import date, datetime, timedelta
from typing import Literal, get_args
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from nb.core.errors import ApiError
from nb.stats.rollups import hour_floor
from nb.stats.service import BUCKET_SUMS, local_midnight, percentile, select_sql

MAX_POINTS = {"hour": 24 * 31, "day": 366 * 2}
# The local day an hour belongs to: the day whose midnight falls inside or before that hour.
DAY_OF_HOUR = "((hour + interval '59 minutes') AT TIME ZONE :zone)::date"
USAGE = {
    "generations": "sum(generations)",
    "successes": "sum(generations) FILTER (WHERE status = 'succeeded')",
    "failures": "sum(generations) FILTER (WHERE status <> 'succeeded')",
    "attempts": "sum(attempts)",
    "retries": "sum(retries)",
    "credits_spent": "sum(credits) FILTER (WHERE status = 'succeeded')",
}
CREDIT_FLOWS = {"credits_redeemed": "redeem", "credits_refunded": "refund", "credits_adjusted": "admin_adjust"}
LATENCY = {"latency_p50": 0.5, "latency_p95": 0.95}
Metric = Literal[
    "generations",
    "successes",
    "failures",
    "attempts",
    "retries",
    "credits_spent",
    "credits_redeemed",
    "credits_refunded",
    "credits_adjusted",
    "latency_p50",
    "latency_p95",
    "active_users",
    "signups",
]
METRICS: tuple[str, ...] = (*USAGE, *CREDIT_FLOWS, *LATENCY, "active_users", "signups")
if get_args(Metric) != METRICS:
    raise RuntimeError("Metric must list every metric the series compute, in this order")


def local_day(hour: datetime, zone: ZoneInfo) -> date:
    """The day an hour bucket belongs to, as DAY_OF_HOUR computes it in SQL."""
    return (hour + timedelta(minutes=59)).astimezone(zone).date()


def bucket_starts(start: datetime, end: datetime, bucket: str, zone: ZoneInfo) -> list[datetime]:
    """The buckets overlapping [start, end): UTC hours, or calendar days of `zone`."""
    starts: list[datetime] = []
    if bucket == "hour":
        moment = hour_floor(start)
        while moment < end and len(starts) <= MAX_POINTS["hour"]:
            starts.append(moment)
            moment += timedelta(hours=1)
    else:
        day = start.astimezone(zone).date()
        while local_midnight(day, zone) < end and len(starts) <= MAX_POINTS["day"]:
            starts.append(local_midnight(day, zone))
            day += timedelta(days=1)
    if len(starts) > MAX_POINTS[bucket]:
        raise ApiError(422, "range_too_long", f"at most {MAX_POINTS[bucket]} {bucket} buckets per series")
    if not starts:
        raise ApiError(422, "empty_range", "`from` must be before `to`")
    return starts


async def _grouped(session: AsyncSession, columns: str, source: str, params: dict) -> dict[object, list]:
    """`SELECT <columns> FROM <source>`, keyed by the first column; see select_sql for what may go in."""
    return {row[0]: list(row[1:]) for row in (await session.execute(select_sql(columns, source), params)).all()}


async def timeseries(
    session: AsyncSession, zone: ZoneInfo, metric: str, bucket: str, start: datetime, end: datetime
) -> list[tuple[datetime, int | None]]:
    starts = bucket_starts(start, end, bucket, zone)
    step = timedelta(hours=1) if bucket == "hour" else timedelta(days=1)
    params = {
        "start": starts[0],
        "end": (starts[-1] + step) if bucket == "hour" else local_midnight(local_day(starts[-1], zone) + step, zone),
        "zone": zone.key,
    }
    by_hour = "hour" if bucket == "hour" else DAY_OF_HOUR
    in_range = "hour >= :start AND hour < :end"
    if metric in USAGE:
        rows = await _grouped(
            session, f"{by_hour}, {USAGE[metric]}", f"usage_hourly WHERE {in_range} GROUP BY 1", params
        )
    elif metric in CREDIT_FLOWS:
        rows = await _grouped(
            session,
            f"{by_hour}, sum(delta_sum)",
            f"credit_flow_hourly WHERE {in_range} AND kind = :kind GROUP BY 1",
            {**params, "kind": CREDIT_FLOWS[metric]},
        )
    elif metric in LATENCY:
        rows = await _grouped(
            session,
            f"{by_hour}, {BUCKET_SUMS}",
            f"usage_hourly WHERE {in_range} AND status = 'succeeded' GROUP BY 1",
            params,
        )
        rows = {
            key: [percentile([int(count or 0) for count in counts], LATENCY[metric])] for key, counts in rows.items()
        }
    elif metric == "active_users" and bucket == "hour":
        rows = await _grouped(session, "hour, count(*)", f"active_users_hourly WHERE {in_range} GROUP BY 1", params)
    elif metric == "active_users":
        first, last = (local_day(moment, zone) for moment in (starts[0], starts[-1]))
        rows = await _grouped(
            session,
            "day, users",
            "active_user_counts_daily WHERE day BETWEEN :first AND :last",
            {"first": first, "last": last},
        )
    else:
        created = (
            "date_trunc('hour', created_at, 'UTC')" if bucket == "hour" else "(created_at AT TIME ZONE :zone)::date"
        )
        rows = await _grouped(
            session,
            f"{created}, count(*)",
            "users WHERE created_at >= :start AND created_at < :end GROUP BY 1",
            params,
        )
    empty = None if metric in LATENCY else 0
    return [
        (moment, _value(rows.get(moment if bucket == "hour" else local_day(moment, zone)), empty)) for moment in starts
    ]


def _value(row: list | None, empty: int | None) -> int | None:
    return empty if row is None or row[0] is None else int(row[0])


def parse_instant(value: str, zone: ZoneInfo) -> datetime:
    """ISO 8601 date or date-time: a bare date is local midnight in `zone`, a date-time without an
    offset is UTC (what browsers' toISOString produce, however truncated)."""
    try:
        if len(value) == 10:
            return local_midnight(date.fromisoformat(value), zone)
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ApiError(422, "invalid_date", f"not an ISO 8601 date or date-time: {value[:40]!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("UTC"))
