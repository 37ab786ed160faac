"""Password hashing (argon2id through passlib's API) and the password policy; hashing runs in a thread."""

import asyncio

from passlib.context import CryptContext

_context = CryptContext(schemes=["argon2"], argon2__type="ID")

MIN_LENGTH = 8
MAX_LENGTH = 128


def password_problem(password: str, email: str) -> str | None:
    """Why this password is refused, or None when it is acceptable."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        return f"password must be {MIN_LENGTH}-{MAX_LENGTH} characters"
    if password.isdigit():
        return "password must not be only digits"
    if password.strip().lower() == email.strip().lower():
        return "password must not be the email address"
    return None


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_context.hash, password)


async def verify_password(password: str, password_hash: str) -> bool:
    return await asyncio.to_thread(_context.verify, password, password_hash)


DUMMY_HASH = _context.hash("timing-equaliser-for-unknown-accounts")
