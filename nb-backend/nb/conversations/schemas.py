"""Bodies of the conversation, message and admin-conversation routes."""

import re
import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from nb.core.schemas import Input

MAX_POSITION = 2**53 - 1
MAX_PARTS = 128
PART_FIELDS = {
    "text",
    "thought",
    "thoughtSignature",
    "thought_signature",
    "inlineData",
    "inline_data",
    "fileData",
    "file_data",
    "functionCall",
    "function_call",
    "functionResponse",
    "function_response",
    "executableCode",
    "executable_code",
    "codeExecutionResult",
    "code_execution_result",
    "videoMetadata",
    "video_metadata",
    "mediaResolution",
    "media_resolution",
    "partMetadata",
    "part_metadata",
    "imageRef",
}
IMAGE_ID = re.compile(r"^[0-9a-f]{64}$")
STRING_FIELDS = ("text", "thoughtSignature", "thought_signature")
BLOB_FIELDS = ("inlineData", "inline_data")


def _part_problem(part: Any) -> str | None:
    """Gemini's own part fields only: anything else (an API key, say) has no place in a conversation."""
    if not isinstance(part, dict) or not part:
        return "each part must be a non-empty object"
    if unknown := sorted(set(part) - PART_FIELDS):
        return f"unknown part fields: {', '.join(unknown[:5])}"
    if any(key in part and not isinstance(part[key], str) for key in STRING_FIELDS):
        return "text and thoughtSignature must be strings"
    if "thought" in part and not isinstance(part["thought"], bool):
        return "thought must be a boolean"
    for key in BLOB_FIELDS:
        if key in part and not (isinstance(part[key], dict) and isinstance(part[key].get("data"), str)):
            return f"{key}.data must be a base64 string"
    reference = part.get("imageRef", {"id": "0" * 64})
    if not (isinstance(reference, dict) and IMAGE_ID.match(str(reference.get("id")))):
        return "imageRef.id must be the id of a stored image"
    if sum(key in part for key in (*BLOB_FIELDS, "imageRef")) > 1:
        return "a part holds at most one image"
    return None


class ConversationIn(Input):
    title: str | None = Field(None, min_length=1, max_length=200)
    model: str | None = Field(None, min_length=1, max_length=128)


class ConversationPatchIn(ConversationIn):
    pass


class MessageIn(Input):
    client_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")
    role: Literal["user", "model"]
    parts: list[dict[str, Any]] = Field(min_length=1, max_length=MAX_PARTS)
    position: int | None = Field(None, ge=0, le=MAX_POSITION)

    @field_validator("parts")
    @classmethod
    def _gemini_parts(cls, parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for index, part in enumerate(parts):
            if problem := _part_problem(part):
                raise ValueError(f"part {index}: {problem}")
        return parts


class ConversationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str | None
    model: str | None
    message_count: int
    created_at: datetime
    updated_at: datetime


class MessageOut(BaseModel):
    id: int
    client_id: str
    role: str
    position: int
    parts: list[dict[str, Any]]
    created_at: datetime


class MessagePage(BaseModel):
    items: list[MessageOut]
    next_cursor: str | None = None


class AdminConversationOut(ConversationOut):
    user_id: int | None
    visitor_id: uuid.UUID | None


class AdminConversationDetailOut(AdminConversationOut):
    messages: MessagePage
