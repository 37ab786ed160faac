"""Request parsing as the REST front end does it: proto3 JSON, camelCase or snake_case keys.

Keys are normalised to lowerCamelCase before anything reads them, so ``inline_data``,
``generation_config`` or ``thought_signature`` work exactly like their camelCase twins. Field
paths in error messages use the proto (snake_case) names, as the real API's messages do.
"""

import base64
import binascii
from dataclasses import dataclass
from typing import overload

import orjson

from nb.simulator.errors import GeminiError, invalid_argument

MAX_BODY_BYTES = 20 * 1024 * 1024
MODALITIES = ("TEXT", "IMAGE", "AUDIO")
VERTEX_ONLY_IMAGE_FIELDS = (
    "personGeneration",
    "prominentPeople",
    "outputMimeType",
    "outputCompressionQuality",
    "imageOutputOptions",
)
PART_DATA_FIELDS = (
    "text",
    "inlineData",
    "fileData",
    "functionCall",
    "functionResponse",
    "executableCode",
    "codeExecutionResult",
)


@dataclass(frozen=True)
class InlineImage:
    """An ``inlineData`` part, decoded from base64, with where it sat in ``contents`` (0-based)."""

    data: bytes
    mime_type: str
    role: str
    content_index: int
    part_index: int
    thought: bool


@dataclass(frozen=True)
class GenerationRequest:
    """The parts of a generateContent body the simulator acts on."""

    contents: list[dict]
    prompt: str
    """Text of the last user turn: where prompt markers are looked for."""
    all_text: str
    """Every text the model reads (system instruction and all turns), for prompt token counts."""
    images: list[InlineImage]
    last_user_index: int
    response_modalities: frozenset[str]
    aspect_ratio: str | None
    image_size: str | None
    include_thoughts: bool
    seed: int | None


def camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word[:1].upper() + word[1:] for word in rest)


@overload
def camelize(value: dict) -> dict: ...
@overload
def camelize(value: object) -> object: ...
def camelize(value: object) -> object:
    """Rename every dict key to lowerCamelCase, recursively; values are left untouched."""
    if isinstance(value, dict):
        return {camel_case(key): camelize(item) for key, item in value.items()}
    if isinstance(value, list):
        return [camelize(item) for item in value]
    return value


def decode_base64(text: str) -> bytes:
    """Proto3 JSON bytes: standard or URL-safe alphabet, padding optional."""
    altchars = b"-_" if "-" in text or "_" in text else None
    return base64.b64decode(text + "=" * (-len(text) % 4), altchars=altchars, validate=True)


def _invalid_value(path: str, type_name: str, value: object) -> GeminiError:
    shown = orjson.dumps(value).decode()[:64]
    return invalid_argument(f"Invalid value at '{path}' ({type_name}), {shown}", path)


def _mapping(value: object, path: str, type_name: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _invalid_value(path, f"type.googleapis.com/google.ai.generativelanguage.v1beta.{type_name}", value)
    return value


def parse_body(raw: bytes) -> dict:
    if len(raw) > MAX_BODY_BYTES:
        raise invalid_argument(f"Request payload size exceeds the limit: {MAX_BODY_BYTES} bytes.")
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise invalid_argument("Invalid JSON payload received. Unexpected token.") from None
    if not isinstance(body, dict):
        raise invalid_argument("Invalid JSON payload received. Root element must be a message.")
    return camelize(body)


def _inline_image(part: dict, role: str, content_index: int, part_index: int) -> InlineImage:
    path = f"contents[{content_index}].parts[{part_index}].inline_data"
    inline = _mapping(part["inlineData"], path, "Blob")
    data = inline.get("data")
    if not isinstance(data, str):
        raise _invalid_value(f"{path}.data", "TYPE_BYTES", data)
    try:
        decoded = decode_base64(data)
    except (binascii.Error, ValueError):
        message = f"Invalid value at '{path}.data' (TYPE_BYTES), Base64 decoding failed for \"{data[:32]}\""
        raise invalid_argument(message, f"{path}.data") from None
    return InlineImage(
        decoded, str(inline.get("mimeType") or ""), role, content_index, part_index, bool(part.get("thought"))
    )


def _parse_contents(body: dict) -> tuple[list[dict], list[InlineImage], list[str]]:
    contents = body.get("contents")
    if not contents:
        raise invalid_argument("* GenerateContentRequest.contents: contents is not specified\n")
    if not isinstance(contents, list):
        raise _invalid_value("contents", "type.googleapis.com/google.ai.generativelanguage.v1beta.Content", contents)
    images: list[InlineImage] = []
    texts: list[str] = []
    for content_index, content in enumerate(contents):
        content = _mapping(content, f"contents[{content_index}]", "Content")
        role = content.get("role") or "user"
        if role not in ("user", "model"):
            raise invalid_argument("Please use a valid role: user, model.")
        parts = content.get("parts")
        if not parts or not isinstance(parts, list):
            raise invalid_argument(
                f"* GenerateContentRequest.contents[{content_index}].parts: contents.parts must not be empty.\n"
            )
        for part_index, part in enumerate(parts):
            part = _mapping(part, f"contents[{content_index}].parts[{part_index}]", "Part")
            if not any(field in part for field in PART_DATA_FIELDS):
                raise invalid_argument(
                    f"* GenerateContentRequest.contents[{content_index}].parts[{part_index}].data: "
                    "required oneof field 'data' must have one initialized field\n"
                )
            if "inlineData" in part:
                images.append(_inline_image(part, role, content_index, part_index))
            if isinstance(part.get("text"), str):
                texts.append(part["text"])
    return contents, images, texts


def _last_user_turn(contents: list[dict]) -> tuple[int, str]:
    for index in range(len(contents) - 1, -1, -1):
        if (contents[index].get("role") or "user") == "user":
            texts = [
                part["text"]
                for part in contents[index]["parts"]
                if isinstance(part.get("text"), str) and not part.get("thought")
            ]
            return index, "\n".join(texts)
    return -1, ""


def _modalities(config: dict) -> frozenset[str]:
    requested = config.get("responseModalities") or ["TEXT", "IMAGE"]
    if not isinstance(requested, list):
        requested = [requested]
    modalities = set()
    for index, modality in enumerate(requested):
        if not isinstance(modality, str) or modality.upper() not in MODALITIES:
            raise _invalid_value(
                f"generation_config.response_modalities[{index}]",
                "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerationConfig.Modality",
                modality,
            )
        modalities.add(modality.upper())
    return frozenset(modalities)


def _image_config(config: dict) -> dict:
    image_config = _mapping(config.get("imageConfig"), "generation_config.image_config", "ImageConfig")
    for name in VERTEX_ONLY_IMAGE_FIELDS:
        if name in image_config:
            raise invalid_argument(
                f'Invalid JSON payload received. Unknown name "{name}" at '
                "'generation_config.image_config': Cannot find field.",
                f"generation_config.image_config.{name}",
            )
    return image_config


def parse_generation_request(raw: bytes) -> GenerationRequest:
    """Parse and structurally check a body; model-specific rules live in ``validation``."""
    body = parse_body(raw)
    contents, images, texts = _parse_contents(body)
    system = _mapping(body.get("systemInstruction"), "system_instruction", "Content")
    system_texts = [part.get("text") for part in system.get("parts") or [] if isinstance(part, dict)]
    config = _mapping(body.get("generationConfig"), "generation_config", "GenerationConfig")
    image_config = _image_config(config)
    thinking = _mapping(config.get("thinkingConfig"), "generation_config.thinking_config", "ThinkingConfig")
    last_user_index, prompt = _last_user_turn(contents)
    seed = config.get("seed")
    return GenerationRequest(
        contents=contents,
        prompt=prompt,
        all_text="\n".join(text for text in system_texts + texts if isinstance(text, str)),
        images=images,
        last_user_index=last_user_index,
        response_modalities=_modalities(config),
        aspect_ratio=image_config.get("aspectRatio"),
        image_size=image_config.get("imageSize"),
        include_thoughts=bool(thinking.get("includeThoughts")),
        seed=seed if isinstance(seed, int) else None,
    )
