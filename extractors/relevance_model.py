"""The trained relevance model: a small spaCy bag-of-n-grams text classifier over a document's opening.

It is trained by `findings train` on the real-report gold (corpora/real/gold) and shipped in
extractors/data/models/relevance; its vote is one weighted signal of `relevance.score_relevance`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from extractors.lexicon import DATA_DIR, fold, load_data

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


def as_doc(nlp: Language, text: str) -> Doc:
    """Words and punctuation marks as tokens: a bag of n-grams needs nothing finer (and spaCy's own
    tokenizer costs ten times as much)."""
    return Doc(nlp.vocab, words=_TOKEN.findall(text) or [" "])


def probability(nlp: Language, text: str) -> float:
    """A model's probability that a model input is an inspection, supervision or discipline report."""
    return float(nlp(as_doc(nlp, text)).cats["REPORT"])


def report_probability(text: str, title: str | None) -> float:
    """The shipped model's probability for a document."""
    return probability(load_model(), model_input(text, title))


def train(samples: Iterable[tuple[str, bool]], seed: int | None = None) -> Language:
    """A fresh classifier trained on (model input, is a report) pairs; the same data and seed give the same model."""
    cfg = settings()
    seed = cfg["seed"] if seed is None else seed
    spacy.util.fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = spacy.blank("xx")
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": cfg["ngram_size"],
        "no_output_layer": False, "length": cfg["hash_length"]}})
    for label in LABELS:
        textcat.add_label(label)
    examples = [Example.from_dict(as_doc(nlp, text), {"cats": {"REPORT": float(is_report), "OTHER": float(not is_report)}})
                for text, is_report in samples]
    if not examples:
        raise ValueError("no training documents")
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(cfg["epochs"]):
        rng.shuffle(examples)
        for i in range(0, len(examples), cfg["batch_size"]):
            nlp.update(examples[i: i + cfg["batch_size"]], sgd=optimizer, drop=cfg["dropout"])
    return nlp


def save(nlp: Language, path: Path, meta: dict) -> None:
    """Write the model without the words of its training texts: its weights are keyed by hashes alone."""
    clean = spacy.blank("xx", config=nlp.config)
    clean.from_bytes(nlp.to_bytes(exclude=["vocab"]), exclude=["vocab"])
    clean.meta.update(name="findings_relevance", findings=meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean.to_disk(path)
    load_model.cache_clear()
