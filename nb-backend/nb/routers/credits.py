"""The caller's balance, ledger and code redemption."""

from fastapi import APIRouter

from nb.deps import CacheDep, CurrentUser, SessionDep, SettingsDep
from nb.routers.params import Paging
from nb.schemas.account import BalanceOut, LedgerEntryOut, RedeemIn, RedeemOut
from nb.schemas.common import Page
from nb.services import ledger, redeem

router = APIRouter(prefix="/api", tags=["credits"])


@router.get("/credits/balance")
async def balance(user: CurrentUser) -> BalanceOut:
    return BalanceOut(balance=user.credits)


@router.get("/credits/ledger")
async def ledger_entries(user: CurrentUser, session: SessionDep, paging: Paging) -> Page[LedgerEntryOut]:
    rows, last_id = await ledger.ledger_page(session, user.id, paging.limit, paging.before_id)
    return Page(items=[LedgerEntryOut.model_validate(row) for row in rows], next_cursor=paging.next_cursor(last_id))


@router.post("/redeem")
async def redeem_code(body: RedeemIn, user: CurrentUser, session: SessionDep, cache: CacheDep,
                      settings: SettingsDep) -> RedeemOut:
    result = await redeem.redeem_code(session, cache, settings, user.id, body.code)
    return RedeemOut(credits_added=result.credits_added, balance=result.balance)
