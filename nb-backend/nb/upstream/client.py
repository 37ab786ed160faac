"""The only code that talks to Gemini: it builds every upstream URL and header and makes the call.

Generation (plain and streamed) and the pool's probe go through here, so a relay `base_url`, the key
header and the demo upstream behave the same on every path.
"""

from dataclasses import dataclass

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

    def _target(self, credential: Credential, path: str) -> tuple[httpx.AsyncClient, str, dict[str, str]]:
        headers = {"x-goog-api-key": credential.secret, "content-type": "application/json"}
        if credential.demo and self.demo_http is not None:
            return self.demo_http, path, headers
        return self.http, (credential.base_url or self.base_url).rstrip("/") + path, headers

    async def generate(self, credential: Credential, model: str, body: bytes) -> Classified:
        """`:generateContent`, classified; the answer's bytes travel in `Classified.body` uncopied."""
        http, url, headers = self._target(credential, MODEL_PATH.format(model=model) + ":generateContent")
        try:
            response = await http.post(url, content=body, headers=headers)
        except httpx.TimeoutException:
            return TIMED_OUT
        except httpx.HTTPError:
            return CONNECTION_FAILED
        if response.status_code == 200:
            return classify_success(response.content)
        return classify_error(response.status_code, response.content)

    async def open_stream(
        self, credential: Credential, model: str, body: bytes
    ) -> tuple[Classified, httpx.Response | None]:
        """`:streamGenerateContent?alt=sse`: an open 200 response to relay, or the classified failure."""
        http, url, headers = self._target(credential, MODEL_PATH.format(model=model) + ":streamGenerateContent")
        request = http.build_request("POST", url, params={"alt": "sse"}, content=body, headers=headers)
        try:
            upstream = await http.send(request, stream=True)
        except httpx.TimeoutException:
            return TIMED_OUT, None
        except httpx.HTTPError:
            return CONNECTION_FAILED, None
        if upstream.status_code != 200:
            result = classify_error(upstream.status_code, await upstream.aread())
            await upstream.aclose()
            return result, None
        return Classified(Outcome.IMAGE, 200), upstream

    async def get_model(self, credential: Credential, model: str) -> Classified | None:
        """The probe's cheap authenticated call (models.get): None when the key works."""
        http, url, headers = self._target(credential, MODEL_PATH.format(model=model))
        try:
            response = await http.get(url, headers=headers, timeout=PROBE_TIMEOUT_SECONDS)
        except httpx.TimeoutException:
            return TIMED_OUT
        except httpx.HTTPError:
            return CONNECTION_FAILED
        return None if response.status_code == 200 else classify_error(response.status_code, response.content)
