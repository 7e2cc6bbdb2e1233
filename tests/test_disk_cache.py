"""Derived tables cached on disk: built once, read back, rebuilt when the file is bad, used when the folder is
not writable; the gazetteer read back is the one built."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samestory.disk_cache import cached_table
from samestory.features.places import _decode_gazetteer, _gazetteer_tables, gazetteer


class Builds:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> dict:
        self.count += 1
        return {"words": ["tokyo", "seoul"]}


def _decode(table: dict) -> frozenset[str]:
    return frozenset(table["words"])


def test_a_table_is_built_once_then_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMESTORY_CACHE_DIR", str(tmp_path))
    build = Builds()
    assert cached_table("t", "v1", build, _decode) == {"tokyo", "seoul"}
    assert cached_table("t", "v1", build, _decode) == {"tokyo", "seoul"}
    assert build.count == 1
    cached_table("t", "v2", build, _decode)  # another source: another file
    assert build.count == 2 and len(list(tmp_path.glob("t-*.json"))) == 2
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize("content", ["{not json", '{"other": 1}', "[1, 2]", ""])
def test_a_bad_file_is_built_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str) -> None:
    monkeypatch.setenv("SAMESTORY_CACHE_DIR", str(tmp_path))
    build = Builds()
    cached_table("t", "v1", build, _decode)
    (file,) = tmp_path.glob("t-*.json")
    file.write_text(content)
    assert cached_table("t", "v1", build, _decode) == {"tokyo", "seoul"}
    assert build.count == 2 and json.loads(file.read_text()) == {"words": ["tokyo", "seoul"]}


def test_an_unwritable_folder_still_gives_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("SAMESTORY_CACHE_DIR", str(blocker / "cache"))  # a folder under a file: cannot exist
    build = Builds()
    assert cached_table("t", "v1", build, _decode) == {"tokyo", "seoul"}
    assert cached_table("t", "v1", build, _decode) == {"tokyo", "seoul"}
    assert build.count == 2


def test_the_gazetteer_read_back_is_the_one_built() -> None:
    tables = _gazetteer_tables()
    built = _decode_gazetteer(tables)
    assert _decode_gazetteer(json.loads(json.dumps(tables))) == built
    assert gazetteer() == built  # whether this process read it from the cache or built it
    assert built.names["tokio"] == "tokyo" and "new york" in built.prefixes and "new" in built.first_words
