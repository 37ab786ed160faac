"""Serve the built SPA from the same origin as the API (the zero-config run; nginx does it in production).

Hashed assets are cached for a year; the HTML entries and the service worker never are, so a new
build reaches users on their next load. Unknown paths fall back to the entry page (client-side
routing), `/admin…` to the admin entry; API paths never fall back.
"""

from pathlib import Path

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse

API_PREFIXES = ("api/", "v1beta/", "v1/", "docs", "openapi.json", "metrics")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def mount_spa(app: FastAPI, root: Path) -> None:
    root = root.resolve()
    if not (root / "index.html").is_file():
        return

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str) -> FileResponse:
        if path.startswith(API_PREFIXES):
            raise HTTPException(404, "Not Found")
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            cache = IMMUTABLE if path.startswith("assets/") else REVALIDATE
            return FileResponse(candidate, headers={"Cache-Control": cache})
        entry = "admin.html" if path == "admin" or path.startswith("admin/") else "index.html"
        return FileResponse(root / entry, headers={"Cache-Control": REVALIDATE})
