"""Fuzzing: random bytes and mutated valid inputs only ever give Articles or ReadFailures, never an exception.

Run with ``pytest tests/test_readers_fuzz.py --hypothesis-show-statistics`` to see how many cases ran.
"""

from __future__ import annotations

import gzip
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_readers_formats import PAGE, STORY, warc_bytes

from samestory.model import Article, ReadFailure
from samestory.readers import iter_stream
from samestory.settings import Limits

# Small limits so the fuzzer also reaches the over-limit paths.
LIMITS = Limits(max_file_bytes=20_000, max_record_bytes=5_000, max_text_chars=2_000)
NAMES = ["a.txt", "a.jsonl", "a.json", "a.csv", "a.html", "a.xml", "a.warc.gz", "a.jsonl.gz", "noext"]

JSONL = "\n".join(
    json.dumps(record)
    for record in [
        {"id": "1", "title": "Flood", "date": "2024-02-05", "text": STORY, "event_id": "e"},
        {"body": "Second.", "published": "Mon, 05 Feb 2024 21:00:00 +0100", "url": "https://x.example/2"},
    ]
).encode()
VALID_INPUTS = {
    "a.txt": f" date 2024-02-05 Sign in\n{STORY}".encode(),
    "a.jsonl": JSONL,
    "a.jsonl.gz": gzip.compress(JSONL),
    "a.csv": f'id,title,text\n1,Flood,"{STORY}"\n2,Other,Short.\n'.encode(),
    "a.html": PAGE.encode(),
    "a.xml": f"""<rss><channel><title>Wire</title><item><title>&lt;b&gt;T&lt;/b&gt;</title>
<link>https://w.example/1</link><description>&lt;p&gt;{STORY}&lt;/p&gt;</description></item></channel></rss>""".encode(),
    "a.warc.gz": warc_bytes([("https://x.example/1", PAGE.encode()), ("https://x.example/2", PAGE.encode())]),
    "a.warc": warc_bytes([("https://x.example/1", PAGE.encode())], compress=False),
}
FUZZ_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_only_records(data: bytes, name: str) -> None:
    for record in iter_stream(io.BytesIO(data), name, LIMITS):
        assert isinstance(record, Article | ReadFailure)
        if isinstance(record, ReadFailure):
            assert record.where and record.message
            assert "internal error" not in record.message, record
        else:
            assert record.id and record.text.strip()
            record.text.encode("utf-8")  # no lone surrogates reach later stages


@FUZZ_SETTINGS
@given(data=st.binary(max_size=4096), name=st.sampled_from(NAMES))
def test_random_bytes(data: bytes, name: str) -> None:
    assert_only_records(data, name)


@st.composite
def mutated_input(draw: st.DrawFn) -> tuple[bytes, str]:
    """A valid input of some format with a few cuts, flipped bytes, insertions and deletions."""
    name = draw(st.sampled_from(sorted(VALID_INPUTS)))
    data = bytearray(VALID_INPUTS[name])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "flip", "insert", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "cut":
            del data[at:]
        elif kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(
                st.binary(min_size=1, max_size=64) | st.sampled_from([b"\x00", b"\n", b'"', b"<"])
            )
        else:
            del data[at : at + draw(st.integers(1, 200))]
    return bytes(data), name


@FUZZ_SETTINGS
@given(mutated_input())
def test_mutated_valid_inputs(case: tuple[bytes, str]) -> None:
    assert_only_records(*case)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=10,
)
FIELD_NAMES = st.sampled_from(
    ["id", "text", "body", "title", "date", "published", "url", "lang", "author", "x"]
)


@FUZZ_SETTINGS
@given(st.lists(st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=6), min_size=1, max_size=5))
def test_json_records_with_fields_of_any_type(records: list[dict[str, object]]) -> None:
    assert_only_records("\n".join(json.dumps(record) for record in records).encode(), "a.jsonl")
