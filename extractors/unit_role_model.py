"""The trained unit-role model: whether a unit the rules found was inspected, read from the words
around its mentions, the rules' own role and level, and the title.

Trained by `findings train` on the real-report gold and shipped in extractors/data/models/unit_roles;
settings in data/unit_roles.yaml. Where it is sure, it overrides the rules' inspected/mentioned call.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from extractors.lexicon import DATA_DIR, fold, load_data
from extractors.model import Unit
from extractors.textcat import as_doc, save_classifier, train_classifier

MODEL_DIR = DATA_DIR / "models" / "unit_roles"
LABELS = ("INSPECTED", "INSPECTOR", "MENTIONED")
_WORD = re.compile(r"\w+|[^\w\s]")
SWITCH = "FINDINGS_UNIT_ROLE_MODEL"  # "off": the rules' roles alone (rule work needs to see the rules' errors)


def enabled() -> bool:
    return os.environ.get(SWITCH, "on").lower() not in ("off", "0", "false", "no")


def settings() -> dict:
    return load_data("unit_roles.yaml")


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_DIR) -> Language:
    return spacy.load(path)


def features(text: str, title: str | None, unit: Unit) -> list[str]:
    """Tokens for one unit: the rules' role and level, mention count, whether the title names it, the
    first words of its name, and the words left (l:) and right (r:) of its first mentions."""
    cfg = settings()
    words = lambda s: _WORD.findall(fold(s))  # noqa: E731
    heading = fold(title or text[: cfg["title_chars"]])
    out = [f"<role={unit.role}>", f"<level={unit.level}>", f"<n={min(len(unit.spans), 4)}>"]
    if fold(unit.name) in heading:
        out.append("<in_title>")
    out += ["n:" + w for w in words(unit.name)[: cfg["name_words"]]]
    n, reach = cfg["context_words"], cfg["context_chars"]
    for start, end in unit.spans[: cfg["mentions"]]:
        out += ["l:" + w for w in words(text[max(0, start - reach): start])[-n:]] + ["<U>"]
        out += ["r:" + w for w in words(text[end: end + reach])[:n]]
    return out


def label_of(is_inspected: bool, is_inspector: bool) -> str:
    return LABELS[0] if is_inspected else LABELS[1] if is_inspector else LABELS[2]


def assign_roles(units: list[Unit], text: str, title: str | None, nlp: Language | None = None) -> None:
    """Re-decide inspected / mentioned for the units found by the rules, in place, where the model is sure."""
    threshold = settings()["threshold"]
    nlp = nlp or load_model()
    open_units = [unit for unit in units if unit.role != "inspector"]
    docs = nlp.pipe(as_doc(nlp, features(text, title, unit)) for unit in open_units)  # one batch: 3× faster
    for unit, doc in zip(open_units, docs):
        p = doc.cats[LABELS[0]]
        if p >= threshold:
            unit.role = "inspected"
        elif p < 1 - threshold and unit.role == "inspected":
            unit.role = "mentioned"


def train(samples: Iterable[tuple[list[str], str]], seed: int | None = None) -> Language:
    """A fresh model from (features, label) pairs; the same data and seed give the same model."""
    return train_classifier(samples, LABELS, settings()["model"], seed)


def save(nlp: Language, path: Path, meta: dict) -> None:
    save_classifier(nlp, path, "findings_unit_roles", meta)
    load_model.cache_clear()
