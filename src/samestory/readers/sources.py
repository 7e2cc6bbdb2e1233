"""Where records come from: paths, directories, globs and stdin, each opened as a binary stream."""

from __future__ import annotations

import glob
import io
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from samestory.model import ReadFailure

STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Source:
    """One input. ``name`` appears in origins and messages; ``path`` is None for stdin and other streams."""

    name: str
    path: Path | None

    @property
    def stem(self) -> str:
        """The file name without its suffix ('a.jsonl.gz' -> 'a'); ids of id-less records are built on it."""
        if self.name == STDIN_NAME:
            return "stdin"
        name = Path(self.name).name
        return Path(name[:-3] if name.lower().endswith(".gz") else name).stem or name

    @contextmanager
    def open(self) -> Iterator[BinaryIO]:
        """The file's bytes; stdin is read as bytes and left open for the rest of the process."""
        if self.path is None:
            yield sys.stdin.buffer
            return
        with self.path.open("rb") as stream:
            yield stream


def replay_head(stream: BinaryIO, size: int) -> tuple[bytes, BinaryIO]:
    """The first ``size`` bytes (to sniff), and a stream that still starts at byte 0 (works on pipes too)."""
    head = stream.read(size)
    return head, io.BufferedReader(_HeadThenRest(head, stream), buffer_size=1 << 16)


class _HeadThenRest(io.RawIOBase):
    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Source | ReadFailure]:
    """Files as given; directories recursively, sorted, without hidden entries; globs; '-' for stdin."""
    for given in paths:
        text = str(given)
        if text == "-":
            yield Source(STDIN_NAME, None)
            continue
        path = Path(text)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield Source(text, path)
        elif glob.has_magic(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                yield ReadFailure(text, "no file matches this pattern")
            for match in matches:
                yield from expand_paths([match])
        else:
            yield ReadFailure(text, "no such file or directory")


def _walk(directory: Path) -> Iterator[Source | ReadFailure]:
    try:
        entries = sorted(directory.iterdir())
    except OSError as exc:
        yield ReadFailure(str(directory), f"cannot list directory ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.is_file():
            yield Source(str(entry), entry)
