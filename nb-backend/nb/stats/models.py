"""Roll-ups behind the admin statistics: hourly aggregates of settled generations and credit flows,
and the sets of active users per hour and per local day. They are rebuilt from the raw tables by
`nb rebuild-stats`, so they hold nothing the raw rows do not."""

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Index, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from nb.accounts.models import User
from nb.core.models import Base
from nb.credits.models import LedgerEntry
from nb.gateway.models import Generation

LATENCY_BOUNDS_MS = (
    100,
    250,
    500,
    1000,
    2000,
    3000,
    5000,
    7500,
    10_000,
    15_000,
    20_000,
    30_000,
    45_000,
    60_000,
    90_000,
    120_000,
)


class UsageHourly(Base):
    """Settled generations by UTC hour of settlement, model and final status. `attempts` counts upstream
    calls; `retries` the calls after each generation's first (a generation that found no key made none).
    `latency_buckets[i]` counts latencies in [LATENCY_BOUNDS_MS[i-1], LATENCY_BOUNDS_MS[i]) (first and
    last open-ended), enough for percentiles without raw rows."""

    __tablename__ = "usage_hourly"

    hour: Mapped[datetime] = mapped_column(primary_key=True)
    model: Mapped[str] = mapped_column(String(128), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    generations: Mapped[int]
    credits: Mapped[int]
    attempts: Mapped[int]
    retries: Mapped[int]
    images: Mapped[int]
    latency_ms_sum: Mapped[int]
    latency_count: Mapped[int]
    latency_buckets: Mapped[list[int]] = mapped_column(ARRAY(BigInteger))


class KeyUsageHourly(Base):
    """Settled generations by UTC hour, the upstream key that settled them (0: none) and final status;
    apart from UsageHourly so that neither table multiplies models by keys."""

    __tablename__ = "key_usage_hourly"

    hour: Mapped[datetime] = mapped_column(primary_key=True)
    upstream_key_id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    generations: Mapped[int]
    credits: Mapped[int]
    attempts: Mapped[int]
    retries: Mapped[int]
    latency_ms_sum: Mapped[int]
    latency_count: Mapped[int]


class CreditFlowHourly(Base):
    """Ledger movements by UTC hour and kind: the sum of deltas and the number of entries."""

    __tablename__ = "credit_flow_hourly"

    hour: Mapped[datetime] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    delta_sum: Mapped[int]
    entries: Mapped[int]


class ActiveUserHourly(Base):
    """A user settled at least one generation in this UTC hour."""

    __tablename__ = "active_users_hourly"

    hour: Mapped[datetime] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(primary_key=True)


class ActiveUserDaily(Base):
    """A user settled at least one generation on this day of NB_TIMEZONE (rebuild after changing it)."""

    __tablename__ = "active_users_daily"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    user_id: Mapped[int] = mapped_column(primary_key=True)


class ActiveUserCountDaily(Base):
    """How many users were active each local day: the daily chart reads this, not the user sets."""

    __tablename__ = "active_user_counts_daily"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    users: Mapped[int]


class UserLastActive(Base):
    """Each user's latest active local day, so "active in the last N days" counts rows, not distinct sets."""

    __tablename__ = "user_last_active"

    user_id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)


class StatsWatermark(Base):
    """One row: raw rows settled before `rolled_until` are in the roll-ups, later ones are not yet."""

    __tablename__ = "stats_watermark"

    id: Mapped[int] = mapped_column(primary_key=True)
    rolled_until: Mapped[datetime]


# What the roll-up job and the statistics read from the raw tables: the window since the watermark,
# and new accounts per period.
Index("ix_generations_settled_at", Generation.settled_at)
Index("ix_credit_ledger_created_at", LedgerEntry.created_at)
Index("ix_users_created_at", User.created_at)
