"""The SPA's API types are generated from nb-app/openapi.json; it must be the app's current document."""

from pathlib import Path

from nb.cli import openapi_document

COMMITTED = Path(__file__).resolve().parents[3] / "nb-app" / "openapi.json"


def test_the_committed_openapi_document_is_current():
    assert COMMITTED.read_text(encoding="utf-8") == openapi_document(), (
        "the API changed: run `make openapi` and commit nb-app/openapi.json"
    )
