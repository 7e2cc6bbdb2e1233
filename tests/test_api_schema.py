"""Property-based robustness: schemathesis generates requests from /openapi.json; none may cause a 500.
Bounded (a few examples per operation) to keep the suite fast. Driven through Hypothesis directly: the
schemathesis pytest plugin's lazy-fixture mode does not work with pytest 9."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from test_web_support import TOKEN, example_app

EXAMPLES_PER_OPERATION = 10


def test_no_generated_request_causes_a_server_error(tmp_path) -> None:
    app = example_app(tmp_path, max_body_bytes=64 * 1024)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def no_server_error(case) -> None:
            response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
            assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"

        no_server_error()
