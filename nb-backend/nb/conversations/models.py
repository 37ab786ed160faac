"""Conversations of an account or a guest visitor, their messages, and the images those reference.

Image bytes never live here: `images` holds the metadata of content-addressed blobs (the id is the
sha256 of the bytes) and `message_images` says which message references which blob."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from nb.core.models import Base, created_at_column


class Visitor(Base):
    """A guest's client-generated id; once bound to an account it is retired for good."""

    __tablename__ = "visitors"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    created_ip: Mapped[str | None] = mapped_column(String(64))
    bound_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    bound_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at_column()


class Conversation(Base):
    __tablename__ = "conversations"
    __table_args__ = (
        CheckConstraint("(user_id IS NULL) <> (visitor_id IS NULL)", name="one_owner"),
        Index("ix_conversations_user_id_id", "user_id", "id"),
        Index("ix_conversations_visitor_id_id", "visitor_id", "id"),
        Index("ix_conversations_guest_updated", "updated_at", postgresql_where=text("visitor_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    visitor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("visitors.id", ondelete="CASCADE"))
    title: Mapped[str | None] = mapped_column(String(200))
    model: Mapped[str | None] = mapped_column(String(128))
    message_count: Mapped[int] = mapped_column(server_default="0")
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now())


class Message(Base):
    """`parts` are the Gemini parts as sent, with every `inlineData` replaced by an `imageRef`."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("conversation_id", "client_id", name="uq_messages_conversation_client"),
        CheckConstraint("role IN ('user', 'model')", name="role_known"),
        Index("ix_messages_conversation_order", "conversation_id", "position", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    position: Mapped[int]
    parts: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = created_at_column()


class Image(Base):
    __tablename__ = "images"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    mime_type: Mapped[str] = mapped_column(String(32))
    width: Mapped[int]
    height: Mapped[int]
    size: Mapped[int]
    created_at: Mapped[datetime] = created_at_column()


class MessageImage(Base):
    """The reference table: a blob is freed once no row points at it."""

    __tablename__ = "message_images"

    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True)
    image_sha256: Mapped[str] = mapped_column(ForeignKey("images.sha256"), primary_key=True, index=True)
