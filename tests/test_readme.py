"""The README's Python example runs as written (in a folder with ``examples/`` and a ``feeds/`` folder)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.DOTALL)


def test_the_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _python_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(blocks) == 1
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    shutil.copytree(ROOT / "examples" / "articles", tmp_path / "feeds")
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    exec(compile(blocks[0], "README.md", "exec"), names)  # noqa: S102  (the project's own README)
    assert names["summary"].stored > 0 and not names["summary"].errors
    assert names["view"].story_id == names["story"].id
    assert (tmp_path / "news.db").exists()
