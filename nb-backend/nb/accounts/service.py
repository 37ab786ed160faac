"""Registration, login and password changes: the rules about who may hold a session."""

import uuid

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts import sessions
from nb.accounts.models import User
from nb.accounts.passwords import DUMMY_HASH, hash_password, password_problem, verify_password
from nb.conversations import service as conversations
from nb.core.cache import Cache
from nb.core.errors import ApiError, unauthorized
from nb.core.settings import Settings
from nb.core.throttle import Throttle
from nb.credits import ledger


def _weak_password(problem: str) -> ApiError:
    return ApiError(422, "weak_password", problem)


def login_throttles(cache: Cache, settings: Settings, email: str, ip: str) -> list[tuple[Throttle, str]]:
    """Failed logins are counted per account *and address* (a guesser locks out only itself: the
    owner signs in from elsewhere), per account over all addresses (a much larger ceiling against a
    distributed guess), and per address over all accounts."""
    window, account = settings.login_lockout_seconds, email.strip().lower()
    return [
        (Throttle(cache, "login-account-ip", settings.login_max_failures, window), f"{account}|{ip}"),
        (Throttle(cache, "login-account", settings.login_account_max_failures, window), account),
        (Throttle(cache, "login-ip", settings.login_ip_max_failures, window), ip),
    ]


async def _take_all(throttles: list[tuple[Throttle, str]]) -> None:
    """Count the attempt against every throttle; when one refuses, the attempt (never evaluated) is
    given back to all that counted it, the refusing one included."""
    counted = 0
    try:
        for throttle, subject in throttles:
            counted += 1
            await throttle.take(subject)
    except ApiError:
        for throttle, subject in throttles[:counted]:
            await throttle.give_back(subject)
        raise


async def find_by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


async def create_user(
    session: AsyncSession,
    settings: Settings,
    email: str,
    password: str,
    nickname: str | None = None,
    role: str = "user",
) -> User:
    """Insert a user (and the signup bonus) in the caller's transaction; 409 when the email is taken."""
    if problem := password_problem(password, email):
        raise _weak_password(problem)
    user = User(email=email.strip(), nickname=nickname, role=role, password_hash=await hash_password(password))
    session.add(user)
    try:
        await session.flush()
    except IntegrityError:
        await session.rollback()
        raise ApiError(409, "email_taken", "an account with this email already exists") from None
    if settings.signup_credits and role == "user":
        await ledger.apply_change(session, user.id, settings.signup_credits, "signup", str(user.id))
        await session.refresh(user, ["credits"])
    return user


async def _sign_in(
    session: AsyncSession, settings: Settings, user: User, visitor_id: uuid.UUID | None
) -> sessions.TokenPair:
    """Open a session; a guest's conversations move to the account in the same transaction."""
    pair = await sessions.issue_pair(session, settings, user)
    if visitor_id is not None:
        await conversations.bind_visitor(session, user.id, visitor_id)
    await session.commit()
    return pair


async def register(
    session: AsyncSession,
    cache: Cache,
    settings: Settings,
    ip: str,
    email: str,
    password: str,
    nickname: str | None,
    visitor_id: uuid.UUID | None = None,
) -> sessions.TokenPair:
    await Throttle(cache, "register-ip", settings.register_per_ip_per_hour, 3600).take(ip)
    user = await create_user(session, settings, email, password, nickname)
    return await _sign_in(session, settings, user, visitor_id)


async def login(
    session: AsyncSession,
    cache: Cache,
    settings: Settings,
    ip: str,
    email: str,
    password: str,
    visitor_id: uuid.UUID | None = None,
) -> sessions.TokenPair:
    """Same answer for an unknown email and a wrong password, and the same hashing work for both.
    The attempt is counted before the password is checked; the right password gives it back and, as
    before, clears the account's failures from this address."""
    throttles = login_throttles(cache, settings, email, ip)
    await _take_all(throttles)
    user = await find_by_email(session, email)
    valid = await verify_password(password, user.password_hash if user else DUMMY_HASH)
    if user is None or not valid:
        raise unauthorized("invalid email or password")
    (from_here, pair), *others = throttles
    await from_here.clear(pair)
    for throttle, subject in others:
        await throttle.give_back(subject)
    if user.status != "active":
        raise ApiError(403, "account_banned", "this account is banned")
    return await _sign_in(session, settings, user, visitor_id)


async def change_password(
    session: AsyncSession,
    cache: Cache,
    settings: Settings,
    user: User,
    session_id: str,
    old_password: str,
    new_password: str,
) -> None:
    """Set a new password and sign out every other session of the account."""
    if not await verify_password(old_password, user.password_hash):
        raise ApiError(400, "wrong_password", "the current password is wrong")
    if problem := password_problem(new_password, user.email):
        raise _weak_password(problem)
    await set_password(session, cache, settings, user, new_password, keep_session=session_id)


async def set_password(
    session: AsyncSession,
    cache: Cache,
    settings: Settings,
    user: User,
    new_password: str,
    keep_session: str | None = None,
) -> None:
    user.password_hash = await hash_password(new_password)
    keep = uuid.UUID(keep_session) if keep_session else None
    await sessions.revoke_families(session, cache, settings, user.id, keep=keep)
    await session.commit()
