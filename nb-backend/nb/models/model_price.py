"""What each model costs in credits, whether it is offered, and what it can do."""

from datetime import datetime

from sqlalchemy import CheckConstraint, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from nb.models.base import Base


class ModelPrice(Base):
    __tablename__ = "model_prices"
    __table_args__ = (CheckConstraint("credits >= 0", name="credits_not_negative"),)

    model: Mapped[str] = mapped_column(String(128), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(128))
    credits: Mapped[int]
    enabled: Mapped[bool] = mapped_column(server_default="true")
    image_sizes: Mapped[list[str]] = mapped_column(JSONB, server_default="[]")
    aspect_ratios: Mapped[list[str]] = mapped_column(JSONB, server_default="[]")
    max_input_images: Mapped[int] = mapped_column(server_default="14")
    sort_order: Mapped[int] = mapped_column(server_default="0")
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
