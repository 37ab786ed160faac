"""Faults on demand: magic key prefixes and prompt markers, seen through the SDK's error types."""

import time

import pytest
from google.genai import errors, types

from .helpers import PRO, SLOW_MS, prompt_body, raw_post, sdk_client

ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"
QUOTA_FAILURE = "type.googleapis.com/google.rpc.QuotaFailure"
RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo"
HELP = "type.googleapis.com/google.rpc.Help"


def error_of(gemini, prompt: str = "a cat") -> errors.APIError:
    with pytest.raises(errors.APIError) as raised:
        gemini.models.generate_content(model=PRO, contents=prompt)
    return raised.value


def details_by_type(error: errors.APIError) -> dict[str, dict]:
    return {detail["@type"]: detail for detail in error.details["error"].get("details", [])}


def test_missing_key_is_an_unregistered_caller(sim_url):
    response = raw_post(sim_url, PRO, prompt_body("a cat"), api_key=None)

    assert response.status_code == 403
    error = response.json()["error"]
    assert error["status"] == "PERMISSION_DENIED"
    assert error["message"].startswith("Method doesn't allow unregistered callers")


def test_bad_key_is_api_key_invalid(gemini_for):
    error = error_of(gemini_for("bad-key-0001"))

    assert isinstance(error, errors.ClientError)
    assert (error.code, error.status) == (400, "INVALID_ARGUMENT")
    assert error.message == "API key not valid. Please pass a valid API key."
    assert details_by_type(error)[ERROR_INFO]["reason"] == "API_KEY_INVALID"


def test_suspended_key_is_permission_denied_without_echoing_the_key(gemini_for):
    key = "suspended-key-secret-9876"
    error = error_of(gemini_for(key))

    assert (error.code, error.status) == (403, "PERMISSION_DENIED")
    assert "has been suspended" in error.message
    assert key not in str(error.details) and "9876" in error.message


def test_location_key_is_failed_precondition(gemini_for):
    error = error_of(gemini_for("location-key-1"))

    assert (error.code, error.status) == (400, "FAILED_PRECONDITION")
    assert error.message == "User location is not supported for the API use."


def test_rpm_key_is_quota_exhausted_per_minute_with_a_retry_delay(gemini_for):
    error = error_of(gemini_for("rpm-key-1"))

    assert (error.code, error.status) == (429, "RESOURCE_EXHAUSTED")
    details = details_by_type(error)
    violation = details[QUOTA_FAILURE]["violations"][0]
    assert violation["quotaId"] == "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"
    assert violation["quotaDimensions"]["model"] == PRO
    assert details[RETRY_INFO]["retryDelay"] == "2s"
    assert details[HELP]["links"]


def test_daily_key_is_quota_exhausted_per_day_without_a_short_retry(gemini_for):
    error = error_of(gemini_for("daily-key-1"))

    assert error.code == 429
    details = details_by_type(error)
    assert details[QUOTA_FAILURE]["violations"][0]["quotaId"] == "GenerateRequestsPerDayPerProjectPerModel-FreeTier"
    assert RETRY_INFO not in details


def test_flaky_key_fails_on_odd_calls_and_succeeds_on_even_ones(gemini_for, key):
    gemini = gemini_for(f"flaky-{key}")
    outcomes = []
    for _ in range(4):
        try:
            gemini.models.generate_content(model=PRO, contents="a cat")
            outcomes.append("ok")
        except errors.ServerError as error:
            assert (error.code, error.status) == (503, "UNAVAILABLE")
            assert error.message == "The model is overloaded. Please try again later."
            outcomes.append("503")

    assert outcomes == ["503", "ok", "503", "ok"]


def test_slow_key_and_slow_marker_delay_the_answer(gemini_for, key):
    for api_key, prompt in ((f"slow-{key}", "a cat"), (key, "#slow a cat")):
        gemini = gemini_for(api_key)
        started = time.monotonic()
        gemini.models.generate_content(model=PRO, contents=prompt)
        assert time.monotonic() - started >= SLOW_MS / 1000


@pytest.mark.parametrize(
    ("marker", "code", "status", "error_type"),
    [
        ("#500", 500, "INTERNAL", errors.ServerError),
        ("#503", 503, "UNAVAILABLE", errors.ServerError),
        ("#504", 504, "DEADLINE_EXCEEDED", errors.ServerError),
    ],
)
def test_status_markers_raise_the_matching_server_error(gemini, marker, code, status, error_type):
    error = error_of(gemini, f"a cat {marker}")

    assert isinstance(error, error_type)
    assert (error.code, error.status) == (code, status)


def test_block_marker_returns_prompt_feedback_and_prompt_only_usage(gemini):
    response = gemini.models.generate_content(model=PRO, contents="#block a cat")

    assert not response.candidates
    assert response.prompt_feedback.block_reason == types.BlockedReason.PROHIBITED_CONTENT
    usage = response.usage_metadata
    assert usage.total_token_count == usage.prompt_token_count and usage.candidates_token_count is None


@pytest.mark.parametrize(
    ("marker", "reason", "has_text"),
    [
        ("#imagesafety", types.FinishReason.IMAGE_SAFETY, False),
        ("#noimage", types.FinishReason.NO_IMAGE, True),
        ("#textonly", types.FinishReason.STOP, True),
        ("#maxtokens", types.FinishReason.MAX_TOKENS, True),
    ],
)
def test_no_image_markers_answer_200_without_an_image(gemini, marker, reason, has_text):
    response = gemini.models.generate_content(model=PRO, contents=f"a cat {marker}")

    candidate = response.candidates[0]
    assert candidate.finish_reason == reason
    parts = candidate.content.parts if candidate.content else []
    assert not any(part.inline_data for part in parts)
    assert bool(response.text) == has_text


def test_malformed_marker_answers_200_with_a_body_that_is_not_json(sim_url):
    response = raw_post(sim_url, PRO, prompt_body("#malformed"))

    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()


def test_unknown_model_is_not_found_with_geminis_message(gemini):
    with pytest.raises(errors.ClientError) as raised:
        gemini.models.generate_content(model="gemini-9-ultra", contents="a cat")

    assert (raised.value.code, raised.value.status) == (404, "NOT_FOUND")
    assert raised.value.message.startswith("models/gemini-9-ultra is not found for API version v1")
    assert "Call ListModels" in raised.value.message


def test_key_probes_succeed_for_quota_keys_and_fail_for_invalid_ones(sim_url):
    probes = {key: sdk_client(sim_url, key) for key in ("rpm-probe", "flaky-probe", "bad-probe")}

    assert probes["rpm-probe"].models.get(model=PRO).name == f"models/{PRO}"
    assert probes["flaky-probe"].models.get(model=PRO).name == f"models/{PRO}"
    with pytest.raises(errors.ClientError) as raised:
        probes["bad-probe"].models.get(model=PRO)
    assert raised.value.code == 400
