"""Per-model request rules the real API enforces, with its 400 INVALID_ARGUMENT messages.

Choices where Google's behaviour is loose or undocumented:
- ``imageSize`` on ``gemini-2.5-flash-image`` is rejected (the model has one output size).
- The reference-image limit (14 for Gemini 3, 3 for 2.5 Flash) counts non-thought images in
  user turns; images the model produced earlier in the conversation do not count.
- Inline input must be PNG, JPEG or WebP: what Pillow can decode to prove it is an image.
"""

from nb.simulator.catalog import ModelSpec
from nb.simulator.errors import invalid_argument
from nb.simulator.images import SUPPORTED_INPUT_TYPES
from nb.simulator.wire import GenerationRequest

IMAGE_CONFIG_PATH = "GenerateContentRequest.generation_config.image_config"


def _one_of(values: tuple[str, ...]) -> str:
    quoted = [f"'{value}'" for value in values]
    return ", ".join(quoted[:-1]) + f", or {quoted[-1]}" if len(quoted) > 1 else quoted[0]


def _check_image_config(request: GenerationRequest, spec: ModelSpec) -> None:
    ratio, size = request.aspect_ratio, request.image_size
    if ratio is not None and ratio not in spec.aspect_ratios:
        raise invalid_argument(
            f"* {IMAGE_CONFIG_PATH}.aspect_ratio: aspect_ratio must be one of {_one_of(spec.aspect_ratios)}.\n"
        )
    if size is not None and not spec.image_sizes:
        raise invalid_argument(f"* {IMAGE_CONFIG_PATH}.image_size: image_size is not supported by models/{spec.id}.\n")
    if size is not None and size not in spec.image_sizes:
        raise invalid_argument(
            f"* {IMAGE_CONFIG_PATH}.image_size: image_size must be one of {_one_of(spec.image_sizes)}.\n"
        )


def _check_inline_images(request: GenerationRequest, spec: ModelSpec) -> None:
    for image in request.images:
        if image.mime_type not in SUPPORTED_INPUT_TYPES:
            raise invalid_argument(f"Unsupported MIME type: {image.mime_type or '(none)'}")
    references = [image for image in request.images if image.role == "user" and not image.thought]
    if len(references) > spec.max_reference_images:
        raise invalid_argument(
            f"Too many images in the request: {len(references)} were provided, "
            f"but models/{spec.id} accepts at most {spec.max_reference_images}."
        )


def _check_thought_signatures(request: GenerationRequest) -> None:
    """Gemini 3 needs earlier model turns back unchanged: image parts and the first text part signed.

    Positions in the message are 1-based, like the real API's
    "Image part is missing a thought_signature in content position 2, part position 1."
    """
    for content_index, content in enumerate(request.contents):
        if content.get("role") != "model":
            continue
        seen_text = False
        for part_index, part in enumerate(content["parts"]):
            if part.get("thought"):
                continue
            is_image, is_first_text = "inlineData" in part, "text" in part and not seen_text
            seen_text = seen_text or "text" in part
            if (is_image or is_first_text) and not part.get("thoughtSignature"):
                raise invalid_argument(
                    f"{'Image' if is_image else 'Text'} part is missing a thought_signature in content position "
                    f"{content_index + 1}, part position {part_index + 1}."
                )


def validate_for_model(request: GenerationRequest, spec: ModelSpec) -> None:
    _check_image_config(request, spec)
    _check_inline_images(request, spec)
    if spec.thinks:
        _check_thought_signatures(request)
