"""All models, imported here so Alembic and the app see one complete metadata."""

from nb.models.api_key import ApiKey
from nb.models.audit import AuditEntry
from nb.models.base import Base
from nb.models.conversation import Conversation, Image, Message, MessageImage, Visitor
from nb.models.generation import Generation
from nb.models.ledger import LedgerEntry
from nb.models.model_price import ModelPrice
from nb.models.redeem import RedeemBatch, RedeemCode
from nb.models.stats import (ActiveUserCountDaily, ActiveUserDaily, ActiveUserHourly, CreditFlowHourly, KeyUsageHourly,
                             StatsWatermark, UsageHourly, UserLastActive)
from nb.models.upstream_key import UpstreamKey
from nb.models.user import RefreshToken, User

__all__ = ["ApiKey", "AuditEntry", "Base", "Generation", "LedgerEntry", "ModelPrice", "RedeemBatch", "RedeemCode",
           "RefreshToken", "UpstreamKey", "User",
           "Conversation", "Image", "Message", "MessageImage", "Visitor",
           "ActiveUserCountDaily", "ActiveUserDaily", "ActiveUserHourly", "CreditFlowHourly", "KeyUsageHourly",
           "StatsWatermark", "UsageHourly", "UserLastActive"]
