"""Admin: minting, listing, exporting and disabling redeem codes."""

import csv
import io
from datetime import UTC, datetime
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, status
from fastapi.responses import Response

from nb.accounts.deps import AdminUser
from nb.core.deps import ClientIp, SessionDep, SettingsDep
from nb.core.params import MAX_ID, Paging, RowId, RowIdFilter
from nb.core.schemas import Page
from nb.redeem import batches as redeem_batches
from nb.redeem import service as redeem
from nb.redeem.schemas import RedeemBatchIn, RedeemBatchOut, RedeemBatchSummaryOut, RedeemCodeOut

router = APIRouter(prefix="/api/admin/redeem-codes", tags=["admin"])


def _code_out(code, now: datetime) -> RedeemCodeOut:
    return RedeemCodeOut(
        state=redeem.state_of(code, now),
        **{field: getattr(code, field) for field in RedeemCodeOut.model_fields if field != "state"},
    )


@router.post("", status_code=status.HTTP_201_CREATED)
async def mint_batch(
    body: RedeemBatchIn, admin: AdminUser, session: SessionDep, settings: SettingsDep, ip: ClientIp
) -> RedeemBatchOut:
    minted = await redeem.mint_batch(session, settings, admin, ip, body.count, body.credits, body.expires_at, body.note)
    return RedeemBatchOut(
        batch_id=minted.batch.id,
        count=body.count,
        credits=body.credits,
        expires_at=body.expires_at,
        note=body.note,
        codes=minted.codes,
    )


@router.get("")
async def list_codes(
    admin: AdminUser,
    session: SessionDep,
    paging: Paging,
    batch_id: RowIdFilter = None,
    state: Literal["unused", "redeemed", "expired", "disabled"] | None = None,
) -> Page[RedeemCodeOut]:
    rows, last_id = await redeem.list_codes(session, batch_id, state, paging.limit, paging.before_id)
    now = datetime.now(UTC)
    return Page(items=[_code_out(row, now) for row in rows], next_cursor=paging.next_cursor(last_id))


@router.get("/batches")
async def list_batches(admin: AdminUser, session: SessionDep, paging: Paging) -> Page[RedeemBatchSummaryOut]:
    """Batches newest first, each with its used and unused (and expired, disabled) code counts."""
    rows, last_id = await redeem_batches.batch_page(session, paging.limit, paging.before_id)
    return Page(items=[RedeemBatchSummaryOut(**row) for row in rows], next_cursor=paging.next_cursor(last_id))


@router.get("/export", response_class=Response, responses={200: {"content": {"text/csv": {}}, "description": "CSV"}})
async def export_batch(
    batch_id: Annotated[int, Query(ge=1, le=MAX_ID)], admin: AdminUser, session: SessionDep
) -> Response:
    """CSV of a batch's codes and their state (the codes themselves were shown only at minting)."""
    batch, codes = await redeem.batch_codes(session, batch_id)
    now = datetime.now(UTC)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "prefix", "credits", "state", "redeemed_by", "redeemed_at", "expires_at", "note"])
    for code in codes:
        writer.writerow(
            [
                code.id,
                code.display_prefix,
                code.credits,
                redeem.state_of(code, now),
                code.redeemed_by or "",
                code.redeemed_at.isoformat() if code.redeemed_at else "",
                code.expires_at.isoformat() if code.expires_at else "",
                batch.note or "",
            ]
        )
    filename = f"redeem-codes-{batch.id}{'-' + batch.note if batch.note else ''}.csv"
    ascii_name = "".join(char if " " <= char <= "~" and char not in '"\\' else "_" for char in filename)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(
        "\ufeff" + buffer.getvalue(), media_type="text/csv; charset=utf-8", headers={"Content-Disposition": disposition}
    )


@router.post("/{code_id}/disable")
async def disable_code(code_id: RowId, admin: AdminUser, session: SessionDep, ip: ClientIp) -> RedeemCodeOut:
    code = await redeem.disable_code(session, admin, ip, code_id)
    return _code_out(code, datetime.now(UTC))
