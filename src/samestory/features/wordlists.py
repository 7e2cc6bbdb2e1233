"""Stop-word lists kept in other packages' plain modules (spaCy's per language, scikit-learn's English one),
read from those files alone: importing them the usual way imports their package first (spaCy 0.5 s,
scikit-learn 0.7 s), which the processes that only need the words never use otherwise."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from types import ModuleType


@lru_cache(maxsize=16)
def spacy_stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for ``lang``, English's when spaCy has none for it."""
    folder = _package_folder("spacy") / "lang"
    path = folder / lang / "stop_words.py"
    if not (lang.isascii() and lang.isalpha() and path.is_file()):  # ``lang`` comes from the input
        path = folder / "en" / "stop_words.py"
    return frozenset(_module_from_file(path, f"_spacy_stop_words_{path.parent.name}").STOP_WORDS)


@lru_cache(maxsize=1)
def sklearn_english_stop_words() -> frozenset[str]:
    """scikit-learn's ``ENGLISH_STOP_WORDS`` (what ``stop_words="english"`` removes)."""
    path = _package_folder("sklearn") / "feature_extraction" / "_stop_words.py"
    if not path.is_file():  # a scikit-learn that keeps the list elsewhere: the public name, at import cost
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return ENGLISH_STOP_WORDS
    return frozenset(_module_from_file(path, "_sklearn_stop_words").ENGLISH_STOP_WORDS)


def _package_folder(package: str) -> Path:
    """The installed package's folder, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{package} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _module_from_file(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
