"""streamGenerateContent: SSE framing as Google writes it, and the non-SSE JSON array."""

import base64

import httpx
import orjson
from google.genai import types

from devtools.simulator_server import running_simulator
from nb.simulator import SimulatorConfig

from .helpers import PRO, decode_image, prompt_body, raw_post

THOUGHTS = {"thinkingConfig": {"includeThoughts": True}}


def sse_events(body: bytes) -> list[dict]:
    assert body.endswith(b"\r\n\r\n")
    frames = body[:-4].split(b"\r\n\r\n")
    assert all(frame.startswith(b"data: ") and b"\n" not in frame for frame in frames)
    return [orjson.loads(frame[len(b"data: ") :]) for frame in frames]


def parts_of(event: dict) -> list[dict]:
    return event.get("candidates", [{}])[0].get("content", {}).get("parts", [])


def test_sdk_stream_yields_thoughts_then_the_image_then_finish_reason(gemini):
    config = types.GenerateContentConfig(thinking_config=types.ThinkingConfig(include_thoughts=True))
    chunks = list(gemini.models.generate_content_stream(model=PRO, contents="a comet", config=config))

    thought_flags = [bool(part.thought) for chunk in chunks for part in chunk.parts or []]
    assert thought_flags == [True, True, True, False, False]
    finals = [part for chunk in chunks for part in chunk.parts or [] if part.inline_data and not part.thought]
    assert len(finals) == 1 and finals[0].thought_signature
    decode_image(finals[0].inline_data.data)
    assert chunks[-1].candidates[0].finish_reason == types.FinishReason.STOP
    assert all(chunk.candidates[0].finish_reason is None for chunk in chunks[:-1])
    assert chunks[-1].usage_metadata.candidates_token_count > 0


def test_sse_events_use_crlf_framing_and_no_done_sentinel(sim_url):
    response = raw_post(
        sim_url, PRO, prompt_body("a comet", **THOUGHTS), method="streamGenerateContent", params={"alt": "sse"}
    )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert b"[DONE]" not in response.content
    events = sse_events(response.content)
    assert parts_of(events[0])[0]["thought"] is True
    images = [part for event in events for part in parts_of(event) if "inlineData" in part]
    assert [bool(part.get("thought")) for part in images] == [True, False]
    last = events[-1]
    assert last["candidates"][0]["finishReason"] == "STOP"
    assert last["usageMetadata"]["totalTokenCount"] > last["usageMetadata"]["promptTokenCount"]
    assert not any("finishReason" in event["candidates"][0] for event in events[:-1])
    assert len({event["responseId"] for event in events}) == 1


def test_stream_without_alt_sse_is_one_json_array_of_chunks(sim_url):
    response = raw_post(sim_url, PRO, prompt_body("a comet"), method="streamGenerateContent")

    chunks = response.json()
    assert isinstance(chunks, list) and len(chunks) == 3
    assert chunks[-1]["candidates"][0]["finishReason"] == "STOP"


def test_errors_before_a_non_sse_stream_come_as_a_one_element_array(sim_url):
    response = raw_post(sim_url, "gemini-9", prompt_body("x"), method="streamGenerateContent")

    assert response.status_code == 404
    assert response.json()[0]["error"]["status"] == "NOT_FOUND"


def test_errors_before_an_sse_stream_come_as_a_plain_json_body(sim_url):
    response = raw_post(sim_url, PRO, prompt_body("#503"), method="streamGenerateContent", params={"alt": "sse"})

    assert response.status_code == 503
    assert response.json()["error"]["status"] == "UNAVAILABLE"


def test_cut_marker_ends_the_stream_after_its_first_chunk(sim_url):
    response = raw_post(
        sim_url, PRO, prompt_body("#cut a comet", **THOUGHTS), method="streamGenerateContent", params={"alt": "sse"}
    )

    events = sse_events(response.content)
    assert len(events) == 1 and parts_of(events[0])[0]["thought"] is True
    assert "finishReason" not in events[0]["candidates"][0]


def test_blocked_prompt_streams_a_single_prompt_feedback_chunk(sim_url):
    response = raw_post(sim_url, PRO, prompt_body("#block"), method="streamGenerateContent", params={"alt": "sse"})

    events = sse_events(response.content)
    assert len(events) == 1
    assert events[0]["promptFeedback"]["blockReason"] == "PROHIBITED_CONTENT"
    assert "candidates" not in events[0]


def test_a_padded_4k_image_arrives_intact_in_one_sse_event():
    pad = 8 * 1024 * 1024
    with running_simulator(SimulatorConfig(pad_bytes=pad)) as url:
        body = prompt_body("a mountain", imageConfig={"aspectRatio": "16:9", "imageSize": "4K"})
        with httpx.stream(
            "POST",
            f"{url}/v1beta/models/{PRO}:streamGenerateContent",
            params={"alt": "sse"},
            headers={"x-goog-api-key": "pad-key"},
            json=body,
            timeout=30,
        ) as response:
            content = response.read()

    events = sse_events(content)
    image_events = [event for event in events if any("inlineData" in part for part in parts_of(event))]
    assert len(image_events) == 1
    png = base64.b64decode(parts_of(image_events[0])[0]["inlineData"]["data"])
    assert len(png) > pad + 10_000_000
    assert decode_image(png).size == (5504, 3072)
