"""Code redemption by the signed-in user."""

from fastapi import APIRouter

from nb.accounts.deps import CurrentUser
from nb.core.deps import CacheDep, SessionDep, SettingsDep
from nb.redeem import service as redeem
from nb.redeem.schemas import RedeemIn, RedeemOut

router = APIRouter(prefix="/api", tags=["credits"])


@router.post("/redeem")
async def redeem_code(
    body: RedeemIn, user: CurrentUser, session: SessionDep, cache: CacheDep, settings: SettingsDep
) -> RedeemOut:
    result = await redeem.redeem_code(session, cache, settings, user.id, body.code)
    return RedeemOut(credits_added=result.credits_added, balance=result.balance)
