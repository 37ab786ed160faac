"""Platform API keys of the signed-in user."""

from fastapi import APIRouter, Response, status

from nb.accounts import api_keys
from nb.accounts.deps import SessionPrincipal
from nb.accounts.schemas import ApiKeyIn, ApiKeyOut, CreatedApiKeyOut
from nb.core.deps import SessionDep
from nb.core.params import RowId

router = APIRouter(prefix="/api/keys", tags=["api keys"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_key(body: ApiKeyIn, principal: SessionPrincipal, session: SessionDep) -> CreatedApiKeyOut:
    created = await api_keys.create_key(session, principal.user.id, body.name)
    return CreatedApiKeyOut(key=created.key, **ApiKeyOut.model_validate(created.row).model_dump())


@router.get("")
async def list_keys(principal: SessionPrincipal, session: SessionDep) -> list[ApiKeyOut]:
    return [ApiKeyOut.model_validate(row) for row in await api_keys.list_keys(session, principal.user.id)]


@router.delete("/{key_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_key(key_id: RowId, principal: SessionPrincipal, session: SessionDep) -> Response:
    await api_keys.revoke_key(session, principal.user.id, key_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
