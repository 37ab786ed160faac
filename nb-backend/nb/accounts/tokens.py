"""Access tokens (JWT, HS256 pinned on decode) and opaque secrets stored only as hashes."""

import hashlib
import hmac
import secrets
import time
import uuid
from dataclasses import dataclass

from jose import JWTError, jwt

ALGORITHM = "HS256"
MAX_USER_ID = 2**63 - 1


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    role: str
    jti: str
    session_id: str
    expires_at: int


def issue_access_token(secret: str, user_id: int, role: str, session_id: str, minutes: int) -> tuple[str, AccessClaims]:
    now = int(time.time())
    claims = AccessClaims(user_id, role, uuid.uuid4().hex, session_id, now + minutes * 60)
    payload = {
        "sub": str(user_id),
        "role": role,
        "jti": claims.jti,
        "sid": session_id,
        "iat": now,
        "exp": claims.expires_at,
        "typ": "access",
    }
    return jwt.encode(payload, secret, algorithm=ALGORITHM), claims


def decode_access_token(secret: str, token: str) -> AccessClaims | None:
    """The token's claims, or None for anything forged, expired, or not an access token."""
    try:
        payload = jwt.decode(token, secret, algorithms=[ALGORITHM])
        if payload.get("typ") != "access":
            return None
        user_id, session_id = int(payload["sub"]), str(uuid.UUID(str(payload["sid"])))
        if not 1 <= user_id <= MAX_USER_ID:
            return None
        return AccessClaims(user_id, str(payload["role"]), str(payload["jti"]), session_id, int(payload["exp"]))
    except (JWTError, KeyError, ValueError, TypeError):
        return None


def looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2


def new_secret(prefix: str, nbytes: int = 32) -> str:
    return prefix + secrets.token_urlsafe(nbytes)


def sha256_hex(value: str) -> str:
    """For high-entropy secrets (refresh tokens, API keys) a plain digest is enough: they cannot be guessed."""
    return hashlib.sha256(value.encode()).hexdigest()


def keyed_hash(key: str, value: str) -> str:
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()
