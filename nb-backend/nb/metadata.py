"""All models, imported here so Alembic and the app see one complete metadata."""

from nb.accounts.models import ApiKey, RefreshToken, User
from nb.audit.models import AuditEntry
from nb.conversations.models import Conversation, Image, Message, MessageImage, Visitor
from nb.core.models import Base
from nb.credits.models import LedgerEntry
from nb.gateway.models import Generation, ModelPrice
from nb.pool.models import UpstreamKey
from nb.redeem.models import RedeemBatch, RedeemCode
from nb.stats.models import (
    ActiveUserCountDaily,
    ActiveUserDaily,
    ActiveUserHourly,
    CreditFlowHourly,
    KeyUsageHourly,
    StatsWatermark,
    UsageHourly,
    UserLastActive,
)

__all__ = [
    "ApiKey",
    "AuditEntry",
    "Base",
    "Generation",
    "LedgerEntry",
    "ModelPrice",
    "RedeemBatch",
    "RedeemCode",
    "RefreshToken",
    "UpstreamKey",
    "User",
    "Conversation",
    "Image",
    "Message",
    "MessageImage",
    "Visitor",
    "ActiveUserCountDaily",
    "ActiveUserDaily",
    "ActiveUserHourly",
    "CreditFlowHourly",
    "KeyUsageHourly",
    "StatsWatermark",
    "UsageHourly",
    "UserLastActive",
]
