"""`findings train`: rebuild the shipped models (relevance, unit roles) from real-report gold, with
held-out relevance figures per fold.

Only one split is read (dev by default): blind documents must never reach a model before they are scored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from extractors import unit_role_model
from extractors.lexicon import DATA_DIR
from extractors.relevance_model import model_input, probability, save, train
from pipeline.ingest.limits import Limits
from pipeline.ingest.load import load_document
from pipeline.quality.evaluate import name_keys, is_relevant, load_gold

MODELS_DIR = DATA_DIR / "models"
Sample = tuple[str, str, bool]  # id, model input, is a report
UnitSample = tuple[str, list[str], str]  # id, features, label


def load_samples(gold_dir: Path, texts_dir: Path | None, split: str | None) -> list[Sample]:
    """Each gold document as the model reads it (through the same loader as the pipeline)."""
    samples = []
    for gold in load_gold(gold_dir, texts_dir, split):
        doc = load_document(gold["text_path"], source_uri=gold["text_path"].name, limits=Limits.from_env())
        samples.append((gold["id"], model_input(doc.text, doc.title), gold.get("relevant", True) is not False))
    return samples


def unit_samples(gold_dir: Path, texts_dir: Path | None, split: str | None) -> list[UnitSample]:
    """Every unit the rules find in each report, labelled by the gold: inspected, inspector or only mentioned."""
    from extractors.assemble import rule_units  # imported late: builds the extraction pipeline
    from extractors.engine import annotate

    samples = []
    for gold in load_gold(gold_dir, texts_dir, split):
        if not is_relevant(gold):
            continue
        document = load_document(gold["text_path"], source_uri=gold["text_path"].name, limits=Limits.from_env())
        inspected = [name_keys(entry) for entry in gold.get("units") or []]
        inspectors = [name_keys(entry) for entry in gold.get("inspectors") or []]
        for unit in rule_units(document, annotate(document)):
            keys = name_keys([unit.name, unit.canonical])
            label = unit_role_model.label_of(any(keys & g for g in inspected), any(keys & g for g in inspectors))
            samples.append((gold["id"], unit_role_model.features(document.text, document.title, unit), label))
    return samples


def folds(samples: list[Sample], k: int) -> list[list[Sample]]:
    """`k` contiguous blocks of the samples in id order: ids were given batch by batch, so a fold is
    roughly a batch the model has not seen."""
    ordered = sorted(samples, key=lambda s: (len(s[0]), s[0]))  # r999 before r1000
    size = -(-len(ordered) // k)
    return [ordered[i: i + size] for i in range(0, len(ordered), size)]


def cross_validate(samples: list[Sample], k: int) -> list[dict]:
    """Per fold: a model trained on the other folds, scored on this one (threshold 0.5)."""
    rows = []
    blocks = folds(samples, k)
    for i, held in enumerate(blocks):
        nlp = train((text, label) for j, block in enumerate(blocks) if j != i for _, text, label in block)
        said = [(label, probability(nlp, text) >= 0.5) for _, text, label in held]
        rows.append({"first": held[0][0], "last": held[-1][0],
                     "reports": sum(label for label, _ in said), "kept": sum(label and yes for label, yes in said),
                     "negatives": sum(not label for label, _ in said),
                     "let_through": sum(yes and not label for label, yes in said)})
    return rows


def fingerprint(samples: list[Sample] | list[UnitSample]) -> str:
    """sha256 over the training data (ids, labels and inputs, in order): which data a shipped model was built from."""
    h = hashlib.sha256()
    for doc_id, given, label in sorted(samples, key=lambda s: s[0]):
        text = given if isinstance(given, str) else "\x1f".join(given)
        h.update(f"{doc_id}\t{label if isinstance(label, str) else int(label)}\t"
                 f"{hashlib.sha256(text.encode()).hexdigest()}\n".encode())
    return h.hexdigest()


def add_command(subparsers) -> None:
    p = subparsers.add_parser("train", help="rebuild the relevance and unit-role models from real-report gold")
    p.add_argument("gold_dir", metavar="GOLD_DIR", type=Path, help="gold *.json files (corpora/real/gold)")
    p.add_argument("--texts", metavar="DIR", type=Path, help="the texts are in DIR (e.g. ~/.cache/findings/real)")
    p.add_argument("--split", default="dev", help="train on this split of GOLD_DIR/../index.tsv (default dev)")
    p.add_argument("--out", type=Path, default=MODELS_DIR,
                   help=f"where the models go: OUT/relevance, OUT/unit_roles (default {MODELS_DIR})")
    p.add_argument("--folds", type=int, default=0, metavar="K", help="first print K held-out folds' figures")
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    if args.texts is not None and not args.texts.is_dir():
        print(f"findings train: no texts directory {args.texts} (gather it first: corpora/real/README.md)")
        return 2
    samples = load_samples(args.gold_dir, args.texts, args.split)
    reports = sum(label for _, _, label in samples)
    print(f"{len(samples)} documents: {reports} reports, {len(samples) - reports} negatives")
    if args.folds:
        for row in cross_validate(samples, args.folds):
            print(f"held out {row['first']}–{row['last']}: {row['kept']}/{row['reports']} reports kept, "
                  f"{row['let_through']}/{row['negatives']} negatives let through")
    meta = {"documents": len(samples), "reports": reports, "split": args.split,
            "training_data_sha256": fingerprint(samples)}
    save(train((text, label) for _, text, label in samples), args.out / "relevance", meta)
    print(f"relevance model → {args.out / 'relevance'}")
    print(json.dumps(meta))
    units = unit_samples(args.gold_dir, args.texts, args.split)
    labels = {label: sum(s[2] == label for s in units) for label in unit_role_model.LABELS}
    meta = {"units": len(units), "labels": labels, "split": args.split, "training_data_sha256": fingerprint(units)}
    unit_role_model.save(unit_role_model.train((words, label) for _, words, label in units), args.out / "unit_roles", meta)
    print(f"unit-role model → {args.out / 'unit_roles'}")
    print(json.dumps(meta))
    return 0
