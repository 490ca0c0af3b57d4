"""Small spaCy bag-of-n-grams classifiers over token lists: the plumbing the shipped models share
(relevance_model, unit_role_model). Settings come from each model's YAML: ngram_size, hash_length,
epochs, batch_size, dropout, seed."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example


def as_doc(nlp: Language, words: list[str]) -> Doc:
    """The tokens as given: a bag of n-grams needs nothing finer (spaCy's own tokenizer costs ten times as much)."""
    return Doc(nlp.vocab, words=words or [" "])


def train_classifier(samples: Iterable[tuple[list[str], str]], labels: Sequence[str], cfg: dict,
                     seed: int | None = None) -> Language:
    """A fresh exclusive-class classifier trained on (tokens, label) pairs; the same data and seed give the same model."""
    seed = cfg["seed"] if seed is None else seed
    spacy.util.fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = spacy.blank("xx")
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": cfg["ngram_size"],
        "no_output_layer": False, "length": cfg["hash_length"]}})
    for label in labels:
        textcat.add_label(label)
    examples = [Example.from_dict(as_doc(nlp, words), {"cats": {name: float(name == label) for name in labels}})
                for words, label in samples]
    if not examples:
        raise ValueError("no training samples")
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(cfg["epochs"]):
        rng.shuffle(examples)
        for i in range(0, len(examples), cfg["batch_size"]):
            nlp.update(examples[i: i + cfg["batch_size"]], sgd=optimizer, drop=cfg["dropout"])
    return nlp


def classify(nlp: Language, words: list[str]) -> dict[str, float]:
    """Each label's probability for one token list."""
    return nlp(as_doc(nlp, words)).cats


def save_classifier(nlp: Language, path: Path, name: str, meta: dict) -> None:
    """Write a model without the words of its training texts: its weights are keyed by hashes alone."""
    clean = spacy.blank("xx", config=nlp.config)
    clean.from_bytes(nlp.to_bytes(exclude=["vocab"]), exclude=["vocab"])
    clean.meta.update(name=name, findings=meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean.to_disk(path)
