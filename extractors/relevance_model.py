"""The trained relevance model: a small spaCy bag-of-n-grams text classifier over a document's opening.

It is trained by `findings train` on the real-report gold (corpora/real/gold) and shipped in
extractors/data/models/relevance; its vote is one weighted signal of `relevance.score_relevance`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from extractors.lexicon import DATA_DIR, fold, load_data
from extractors.textcat import classify, save_classifier, train_classifier

MODEL_DIR = DATA_DIR / "models" / "relevance"
_TOKEN = re.compile(r"\w+|[^\w\s]")
LABELS = ("REPORT", "OTHER")


def settings() -> dict:
    return load_data("relevance.yaml")["model"]


def model_input(text: str, title: str | None) -> str:
    """What the model reads: the title and the start of the text, lower-cased."""
    return fold((f"{title}\n{text}" if title else text)[: settings()["max_chars"]])


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_DIR) -> Language:
    return spacy.load(path)


def tokens(text: str) -> list[str]:
    """Words and punctuation marks: what the bag of n-grams is built from."""
    return _TOKEN.findall(text)


def probability(nlp: Language, text: str) -> float:
    """A model's probability that a model input is an inspection, supervision or discipline report."""
    return float(classify(nlp, tokens(text))["REPORT"])


def report_probability(text: str, title: str | None) -> float:
    """The shipped model's probability for a document."""
    return probability(load_model(), model_input(text, title))


def train(samples: Iterable[tuple[str, bool]], seed: int | None = None) -> Language:
    """A fresh classifier trained on (model input, is a report) pairs; the same data and seed give the same model."""
    return train_classifier(((tokens(text), LABELS[0] if is_report else LABELS[1]) for text, is_report in samples),
                            LABELS, settings(), seed)


def save(nlp: Language, path: Path, meta: dict) -> None:
    save_classifier(nlp, path, "findings_relevance", meta)
    load_model.cache_clear()
