"""The only code that talks to Gemini: it builds every upstream URL and header and makes the call.

Generation (plain and streamed) and the pool's probe go through here, so a relay `base_url`, the key
header and the demo upstream behave the same on every path.
"""

from dataclasses import dataclass
from typing import Any

import httpx

from nb.upstream.classify import Classified, Outcome, classify_error, classify_success

MODEL_PATH = "/v1beta/models/{model}"
TIMED_OUT = Classified(Outcome.TIMEOUT, 504, message="upstream timed out")
CONNECTION_FAILED = Classified(Outcome.CONNECTION_ERROR, 502, message="upstream connection failed")
PROBE_TIMEOUT_SECONDS = 15


@dataclass(frozen=True)
class Credential:
    """What a call needs of a pool key: its secret, its relay (if any), and whether it is the demo key."""

    secret: str
    base_url: str | None = None
    demo: bool = False


class UpstreamClient:
    """One per process, over the shared httpx client; `demo_app` is the offline simulator, served
    in-process and used only for the demo credential."""

    def __init__(self, http: httpx.AsyncClient, base_url: str, timeout: float, demo_app=None):
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.demo_http = (
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=demo_app), base_url="http://demo-upstream", timeout=timeout
            )
            if demo_app is not None
            else None
        )

    async def close(self) -> None:
        if self.demo_http is not None:
            await self.demo_http.aclose()

    def _request(
        self, credential: Credential, method: str, path: str, **options: Any
    ) -> tuple[httpx.AsyncClient, httpx.Request]:
        headers = {"x-goog-api-key": credential.secret, "content-type": "application/json"}
        if credential.demo and self.demo_http is not None:
            http, url = self.demo_http, path
        else:
            http, url = self.http, (credential.base_url or self.base_url).rstrip("/") + path
        return http, http.build_request(method, url, headers=headers, **options)

    async def _send(
        self, credential: Credential, method: str, path: str, stream: bool = False, **options: Any
    ) -> httpx.Response | Classified:
        """The response, or the classified transport failure (timeout, broken connection)."""
        http, request = self._request(credential, method, path, **options)
        try:
            return await http.send(request, stream=stream)
        except httpx.TimeoutException:
            return TIMED_OUT
        except httpx.HTTPError:
            return CONNECTION_FAILED

    async def generate(self, credential: Credential, model: str, body: bytes) -> Classified:
        """`:generateContent`, classified; the answer's bytes travel in `Classified.body` uncopied."""
        response = await self._send(
            credential, "POST", MODEL_PATH.format(model=model) + ":generateContent", content=body
        )
        if isinstance(response, Classified):
            return response
        if response.status_code == 200:
            return classify_success(response.content)
        return classify_error(response.status_code, response.content)

    async def open_stream(
        self, credential: Credential, model: str, body: bytes
    ) -> tuple[Classified, httpx.Response | None]:
        """`:streamGenerateContent?alt=sse`: an open 200 response to relay, or the classified failure."""
        path = MODEL_PATH.format(model=model) + ":streamGenerateContent"
        upstream = await self._send(credential, "POST", path, stream=True, params={"alt": "sse"}, content=body)
        if isinstance(upstream, Classified):
            return upstream, None
        if upstream.status_code != 200:
            result = classify_error(upstream.status_code, await upstream.aread())
            await upstream.aclose()
            return result, None
        return Classified(Outcome.IMAGE, 200), upstream

    async def get_model(self, credential: Credential, model: str) -> Classified | None:
        """The probe's cheap authenticated call (models.get): None when the key works."""
        response = await self._send(credential, "GET", MODEL_PATH.format(model=model), timeout=PROBE_TIMEOUT_SECONDS)
        if isinstance(response, Classified):
            return response
        return None if response.status_code == 200 else classify_error(response.status_code, response.content)
