"""Admin: statistics from the hourly roll-ups — who spent what, on which model, through which key."""

from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from nb.accounts.deps import AdminUser
from nb.core.deps import SessionDep, SettingsDep
from nb.stats import series as stats_series
from nb.stats import service as stats
from nb.stats.schemas import ModelStatsOut, OverviewOut, SeriesOut, SeriesPoint, TokenStatsOut

router = APIRouter(prefix="/api/admin/stats", tags=["admin"])
Days = Annotated[int | None, Query(ge=1, le=3650, description="the last N calendar days; all time when omitted")]
DEFAULT_SPAN = {"hour": timedelta(days=2), "day": timedelta(days=30)}


@router.get("/overview")
async def overview(admin: AdminUser, session: SessionDep, settings: SettingsDep) -> OverviewOut:
    return OverviewOut(**await stats.overview(session, settings.zone, datetime.now(UTC)))


@router.get("/timeseries")
async def timeseries(
    admin: AdminUser,
    session: SessionDep,
    settings: SettingsDep,
    metric: stats_series.Metric,
    bucket: Literal["hour", "day"] = "day",
    from_: Annotated[str | None, Query(alias="from", min_length=10, max_length=40)] = None,
    to: Annotated[str | None, Query(min_length=10, max_length=40)] = None,
) -> SeriesOut:
    """`from`/`to`: an ISO date (local midnight in NB_TIMEZONE) or date-time (UTC without an offset)."""
    zone = settings.zone
    end = stats_series.parse_instant(to, zone) if to else datetime.now(UTC)
    start = stats_series.parse_instant(from_, zone) if from_ else end - DEFAULT_SPAN[bucket]
    points = await stats_series.timeseries(session, zone, metric, bucket, start, end)
    return SeriesOut(
        metric=metric,
        bucket=bucket,
        timezone=zone.key,
        as_of=await stats.watermark(session),
        points=[SeriesPoint(t=moment.astimezone(zone), value=value) for moment, value in points],
    )


@router.get("/models")
async def models(
    admin: AdminUser, session: SessionDep, settings: SettingsDep, days: Days = None
) -> list[ModelStatsOut]:
    return [ModelStatsOut(**row) for row in await stats.models(session, settings.zone, datetime.now(UTC), days)]


@router.get("/tokens")
async def tokens(
    admin: AdminUser, session: SessionDep, settings: SettingsDep, days: Days = None
) -> list[TokenStatsOut]:
    return [TokenStatsOut(**row) for row in await stats.tokens(session, settings.zone, datetime.now(UTC), days)]
