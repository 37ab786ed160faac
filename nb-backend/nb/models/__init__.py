"""All models, imported here so Alembic and the app see one complete metadata."""

from nb.models.api_key import ApiKey
from nb.models.audit import AuditEntry
from nb.models.base import Base
from nb.models.ledger import LedgerEntry
from nb.models.redeem import RedeemBatch, RedeemCode
from nb.models.user import RefreshToken, User

__all__ = ["ApiKey", "AuditEntry", "Base", "LedgerEntry", "RedeemBatch", "RedeemCode", "RefreshToken", "User"]
