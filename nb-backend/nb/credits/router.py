"""The caller's balance and ledger."""

from fastapi import APIRouter

from nb.accounts.deps import CurrentUser
from nb.core.deps import SessionDep
from nb.core.params import Paging
from nb.core.schemas import Page
from nb.credits import ledger
from nb.credits.schemas import BalanceOut, LedgerEntryOut

router = APIRouter(prefix="/api", tags=["credits"])


@router.get("/credits/balance")
async def balance(user: CurrentUser) -> BalanceOut:
    return BalanceOut(balance=user.credits)


@router.get("/credits/ledger")
async def ledger_entries(user: CurrentUser, session: SessionDep, paging: Paging) -> Page[LedgerEntryOut]:
    rows, last_id = await ledger.ledger_page(session, user.id, paging.limit, paging.before_id)
    return Page(items=[LedgerEntryOut.model_validate(row) for row in rows], next_cursor=paging.next_cursor(last_id))
