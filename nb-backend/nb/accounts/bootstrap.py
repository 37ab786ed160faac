"""The first administrator, created from settings (or with a generated password printed once)."""

import secrets

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from nb.accounts.models import User
from nb.accounts.service import create_user, find_by_email
from nb.core.settings import Settings


async def ensure_admin(session: AsyncSession, settings: Settings, email: str, password: str | None) -> str | None:
    """Create the admin when no administrator exists yet; the generated password, if one was made."""
    if await session.scalar(select(User.id).where(User.role == "admin").limit(1)) is not None:
        return None
    if await find_by_email(session, email) is not None:
        raise ValueError(f"{email} belongs to a regular account; set ADMIN_EMAIL to another address")
    generated = None
    if not password:
        password = generated = secrets.token_urlsafe(12)
    await create_user(session, settings, email, password, nickname="admin", role="admin")
    await session.commit()
    return generated
