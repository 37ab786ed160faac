"""Test controls (/_sim/stats, /_sim/reset) and the model listing used by key probes."""

from collections.abc import Iterator

import httpx
import pytest
from google.genai import errors

from devtools.simulator_server import running_simulator
from nb.simulator import SimulatorConfig, create_simulator_app

from .helpers import FLASH_25, PRO, prompt_body, raw_post, sdk_client

MODEL_IDS = {
    "gemini-2.5-flash-image",
    "gemini-3-pro-image-preview",
    "gemini-3-pro-image",
    "gemini-3.1-flash-image-preview",
}


@pytest.fixture
def private_url() -> Iterator[str]:
    """A simulator of its own, so totals are not shared with other tests."""
    with running_simulator(SimulatorConfig(image_scale=0.02)) as url:
        yield url


def test_stats_count_calls_per_key_per_model_and_per_key_and_model(private_url):
    raw_post(private_url, PRO, prompt_body("a"), api_key="k1")
    raw_post(private_url, PRO, prompt_body("b #noimage"), api_key="k1")
    raw_post(private_url, FLASH_25, prompt_body("c"), api_key="k2")
    raw_post(private_url, PRO, prompt_body("d #500"), api_key="k2")
    raw_post(private_url, PRO, prompt_body("e"), api_key="bad-k3")

    stats = httpx.get(f"{private_url}/_sim/stats").json()

    assert stats["totals"] == {"calls": 5, "succeeded": 2, "no_image": 1, "errored": 2, "probes": 0}
    assert stats["by_key"]["k1"]["calls"] == 2 and stats["by_key"]["k2"]["errored"] == 1
    assert stats["by_model"][PRO]["calls"] == 4 and stats["by_model"][FLASH_25]["succeeded"] == 1
    assert stats["by_key_model"]["k2"][FLASH_25]["calls"] == 1
    assert stats["by_key_model"]["bad-k3"][PRO]["errored"] == 1


def test_stream_outcomes_are_counted_when_the_stream_ends(private_url):
    raw_post(private_url, PRO, prompt_body("a"), method="streamGenerateContent", params={"alt": "sse"})
    raw_post(private_url, PRO, prompt_body("#cut"), method="streamGenerateContent", params={"alt": "sse"})

    totals = httpx.get(f"{private_url}/_sim/stats").json()["totals"]

    assert (totals["succeeded"], totals["errored"]) == (1, 1)


def test_reset_clears_counters_and_restarts_flaky_alternation(private_url):
    assert raw_post(private_url, PRO, prompt_body("a"), api_key="flaky-1").status_code == 503
    assert raw_post(private_url, PRO, prompt_body("a"), api_key="flaky-1").status_code == 200

    assert httpx.post(f"{private_url}/_sim/reset").json()["totals"]["calls"] == 0
    assert raw_post(private_url, PRO, prompt_body("a"), api_key="flaky-1").status_code == 503


def test_probes_are_counted_apart_from_generations(private_url):
    gemini = sdk_client(private_url, "probe-key")
    gemini.models.get(model=PRO)
    list(gemini.models.list())

    stats = httpx.get(f"{private_url}/_sim/stats").json()

    assert stats["by_key"]["probe-key"] == {"calls": 0, "succeeded": 0, "no_image": 0, "errored": 0, "probes": 2}


def test_list_models_names_the_image_models_with_their_methods(gemini):
    models = list(gemini.models.list())

    assert {model.name.removeprefix("models/") for model in models} == MODEL_IDS
    assert all("generateContent" in model.supported_actions for model in models)


@pytest.mark.parametrize("version", ["v1beta", "v1"])
def test_get_model_answers_on_both_api_versions_and_404s_unknown_models(sim_url, version):
    headers = {"x-goog-api-key": "probe"}

    found = httpx.get(f"{sim_url}/{version}/models/{PRO}", headers=headers)
    missing = httpx.get(f"{sim_url}/{version}/models/gemini-0", headers=headers)

    assert found.json()["displayName"] == "Nano Banana Pro"
    assert missing.status_code == 404
    assert missing.json()["error"]["message"].startswith(f"models/gemini-0 is not found for API version {version},")


def test_sdk_get_on_unknown_model_raises_not_found(gemini):
    with pytest.raises(errors.ClientError) as raised:
        gemini.models.get(model="gemini-0")

    assert raised.value.code == 404


async def test_app_is_mountable_in_process_with_its_own_state():
    first, second = create_simulator_app(), create_simulator_app()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=first), base_url="http://sim") as http:
        response = await http.post(
            f"/v1beta/models/{PRO}:generateContent",
            json=prompt_body("#textonly"),
            headers={"x-goog-api-key": "in-process"},
        )

    assert response.status_code == 200
    assert first.state.stats.snapshot()["totals"]["calls"] == 1
    assert second.state.stats.snapshot()["totals"]["calls"] == 0
