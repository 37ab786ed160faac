"""Answers of the admin statistics routes."""

from datetime import datetime

from pydantic import BaseModel


class ModelCounts(BaseModel):
    total: int
    succeeded: int
    refunded: int
    failed: int


class GenerationWindow(ModelCounts):
    attempts: int
    retries: int
    credits_spent: int
    by_model: dict[str, ModelCounts]


class CreditWindow(BaseModel):
    spent: int
    charged: int
    refunded: int
    redeemed: int
    adjusted: int
    signup: int


class PoolHealth(BaseModel):
    total: int
    active: int
    cooling: int
    disabled: int
    invalid: int


class OverviewOut(BaseModel):
    """Windows are `today`, `last_7_days`, `last_30_days` (calendar days of `timezone`) and `all_time`."""

    as_of: datetime | None
    timezone: str
    users: dict[str, int]
    generations: dict[str, GenerationWindow]
    credits: dict[str, CreditWindow]
    pool: PoolHealth
    pending_generations: int


class SeriesPoint(BaseModel):
    t: datetime
    value: int | None


class SeriesOut(BaseModel):
    metric: str
    bucket: str
    timezone: str
    as_of: datetime | None
    points: list[SeriesPoint]


class UsageFigures(BaseModel):
    generations: int
    succeeded: int
    refunded: int
    failed: int
    attempts: int
    retries: int
    success_rate: float | None
    credits_spent: int
    mean_latency_ms: int | None
    latency_p50_ms: int | None
    latency_p95_ms: int | None


class ModelStatsOut(UsageFigures):
    model: str
    name: str


class TokenStatsOut(UsageFigures):
    """`calls` counts upstream attempts through the key (its health counters); the usage figures count
    the generations it settled."""

    id: int
    label: str | None
    hint: str
    status: str
    state: str
    weight: int
    calls: int
    call_success_rate: float | None
    consecutive_failures: int
    last_error_code: str | None
    last_error_message: str | None
    last_used_at: datetime | None
    cooling_until: datetime | None
