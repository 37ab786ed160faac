"""The built SPA is served on the API's origin with client-side routing, never shadowing the API."""

import httpx
import pytest

from devtools.threaded_server import serving
from nb.main import create_app


@pytest.fixture
def spa_url(settings, tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<html>user app</html>")
    (tmp_path / "admin.html").write_text("<html>admin console</html>")
    (tmp_path / "assets" / "app-1a2b.js").write_text("console.log(1)")
    (tmp_path.parent / "secret.txt").write_text("outside the build")
    with serving(create_app(settings.model_copy(update={"static_dir": tmp_path}))) as url:
        yield url


async def test_entries_assets_and_client_routes(spa_url):
    async with httpx.AsyncClient(base_url=spa_url) as http:
        root = await http.get("/")
        deep = await http.get("/conversations/42")
        admin = await http.get("/admin/users")
        asset = await http.get("/assets/app-1a2b.js")
    assert root.text == deep.text == "<html>user app</html>" and root.headers["cache-control"] == "no-cache"
    assert admin.text == "<html>admin console</html>"
    assert asset.text == "console.log(1)" and "immutable" in asset.headers["cache-control"]


async def test_api_paths_never_fall_back_and_files_outside_the_build_stay_hidden(spa_url):
    async with httpx.AsyncClient(base_url=spa_url) as http:
        unknown_api = await http.get("/api/nothing-here")
        traversal = await http.get("/..%2Fsecret.txt")
        health = await http.get("/api/health")
    assert unknown_api.status_code == 404 and unknown_api.json()["code"] == "not_found"
    assert "outside the build" not in traversal.text
    assert health.json() == {"status": "ok"}


async def test_html_cannot_be_framed_and_nothing_is_sniffed(spa_url):
    async with httpx.AsyncClient(base_url=spa_url) as http:
        for path in ("/", "/index.html", "/admin/users"):
            page = await http.get(path)
            assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
            assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
        asset = await http.get("/assets/app-1a2b.js")
        assert asset.headers["x-content-type-options"] == "nosniff" and "immutable" in asset.headers["cache-control"]
