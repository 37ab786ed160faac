"""Image bytes: to the owner of a message that references the image, to an admin, or to anyone
holding a valid short-lived signed URL (so `<img src>` works without headers)."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from nb.conversations import images
from nb.conversations import service as conversations
from nb.conversations.deps import resolve_owner
from nb.conversations.storage import open_blob_store
from nb.core.deps import RuntimeDep, SessionDep
from nb.core.errors import not_found

router = APIRouter(prefix="/api/images", tags=["images"])

ImageId = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
Expires = Annotated[int | None, Query(ge=0, le=2**40)]
Signature = Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


async def _image_response(
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    image_id: str,
    thumbnail: bool,
    expires: int | None,
    signature: str | None,
) -> Response:
    settings = runtime.settings
    if not images.signature_valid(settings, images.image_path(image_id, thumbnail), expires, signature):
        owner = await resolve_owner(request, runtime, session)
        await conversations.ensure_image_readable(session, owner, image_id)
    found = await images.read(session, open_blob_store(settings), image_id, thumbnail)
    if found is None:
        raise not_found("image")
    data, mime_type = found
    return Response(
        data,
        media_type=mime_type,
        headers={
            "Cache-Control": f"private, max-age={settings.image_url_ttl_seconds}",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/{image_id}", response_class=Response, responses={200: {"content": {"image/*": {}}}})
async def get_image(
    image_id: ImageId,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    expires: Expires = None,
    signature: Signature = None,
) -> Response:
    return await _image_response(request, runtime, session, image_id, False, expires, signature)


@router.get("/{image_id}/thumb", response_class=Response, responses={200: {"content": {"image/webp": {}}}})
async def get_thumbnail(
    image_id: ImageId,
    request: Request,
    runtime: RuntimeDep,
    session: SessionDep,
    expires: Expires = None,
    signature: Signature = None,
) -> Response:
    return await _image_response(request, runtime, session, image_id, True, expires, signature)
