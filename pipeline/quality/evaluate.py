"""The project's scorer: predictions against gold annotations, as shared/spec/gold-format.md says.

Fields scored with precision, recall and F1, micro-averaged over documents
(TP/FP/FN summed over documents, then P/R/F1): inspectors, units, dates,
doc_refs, counts, violations, compliant, sanctions. Macro F1 is the mean of
those eight F1s. `published` is scored as accuracy, and so is `code` on
matched counts.

Zero divisions: a field with no gold and no predictions in the whole set
scores P = R = F1 = 1.0; any other 0/0 (no predictions, or no gold) is 0.0.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Callable

import numpy as np

from extractors.abbreviations import normalise_name
from pipeline.exits import UsageError

FIELDS = ("inspectors", "units", "dates", "doc_refs", "counts", "violations", "compliant", "sanctions")
NAME_FIELDS = ("inspectors", "units")

Extract = Callable[[Path], dict]

# Matching key for names: the extractors' own normaliser (abbreviations data, tone placement).

# --------------------------------------------------------------------------- gold and predictions


def load_gold(gold_dir: str | Path, texts_dir: str | Path | None = None, split: str | None = None) -> list[dict]:
    """Every gold file in `gold_dir`, by file name, with `id` defaulted and `text_path` resolved.

    `texts_dir`: the texts live there, not beside the gold (third-party texts kept in a cache).
    `split`: only the documents that `index.tsv` beside the gold directory puts in that split.
    """
    keep = read_split(Path(gold_dir), split) if split else None
    golds = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        gold.setdefault("id", path.stem)
        if keep is not None and gold["id"] not in keep:
            continue
        text_file = gold.get("text_file") or f"{path.stem}.txt"
        base = Path(texts_dir) if texts_dir is not None else path.parent
        gold["text_path"] = (base / (Path(text_file).name if texts_dir is not None else text_file)).resolve()
        golds.append(gold)
    return golds


def read_split(gold_dir: Path, split: str) -> set[str]:
    """Ids of one split (dev, blind ...) in the `index.tsv` beside a gold directory."""
    index = gold_dir.parent / "index.tsv"
    if not index.is_file():
        raise UsageError(f"--split {split} needs an index.tsv beside the gold directory ({index} is missing)")
    with index.open(encoding="utf-8", newline="") as f:
        return {row["id"] for row in csv.DictReader(f, delimiter="\t") if row["split"] == split}


def empty_facts() -> dict:
    """Facts of a document that states nothing (or failed, or is not relevant)."""
    facts = {field: [] for field in FIELDS}
    facts["published"] = None
    return facts


def _spellings(*values) -> list[str]:
    """Non-empty strings among `values`, in order, without repeats."""
    out: list[str] = []
    for value in values:
        if isinstance(value, str) and value.strip() and value not in out:
            out.append(value)
    return out


def collect_inspectors(output: dict) -> list[list[str]]:
    """Spellings of each inspecting body: inspections[].inspector and units with role inspector."""
    items = [_spellings(i.get("inspector")) for i in output.get("inspections") or []]
    items += [_spellings(u.get("name"), u.get("canonical")) for u in output.get("units") or []
              if u.get("role") == "inspector"]
    return [item for item in items if item]


def collect_units(output: dict) -> list[list[str]]:
    """Spellings of each inspected unit."""
    items = [_spellings(u.get("name"), u.get("canonical")) for u in output.get("units") or []
             if u.get("role") == "inspected"]
    return [item for item in items if item]


def predictions_to_facts(output: dict) -> dict:
    """An output document in gold form; `relevant: false` keeps only `published` (metadata, not a fact)."""
    facts = empty_facts()
    facts["published"] = output.get("published")
    facts["relevant"] = output.get("relevant") is not False
    if output.get("relevant") is False:
        return facts
    findings = output.get("findings") or []
    facts.update(
        inspectors=collect_inspectors(output),
        units=collect_units(output),
        dates=[d["value"] for d in output.get("dates") or [] if d.get("value")],
        doc_refs=[r["number"] for r in output.get("doc_refs") or [] if r.get("number") and not r.get("own")],
        counts=[{"value": c.get("value"), "total": c.get("total"), "code": c.get("code")}
                for c in output.get("counts") or []],
        violations=[f["code"] for f in findings if f.get("status") == "violation" and f.get("code")],
        compliant=[f["code"] for f in findings if f.get("status") == "compliant" and f.get("code")],
        sanctions=[{"kind": s.get("kind"), "count": s.get("count")} for s in output.get("sanctions") or []],
    )
    return facts


def gold_to_facts(gold: dict) -> dict:
    """The scored part of a gold record, with absent lists empty."""
    facts = {field: list(gold.get(field) or []) for field in FIELDS}
    facts["published"] = gold.get("published")
    return facts


# --------------------------------------------------------------------------- matching


def _match_bipartite(edges: list[set[int]], n_right: int) -> dict[int, int]:
    """Maximum matching (Kuhn): left index -> right index, `edges[i]` the rights left i may take."""
    owner: list[int | None] = [None] * n_right

    def augment(left: int, seen: set[int]) -> bool:
        for right in sorted(edges[left]):
            if right in seen:
                continue
            seen.add(right)
            if owner[right] is None or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    for left in range(len(edges)):
        augment(left, set())
    return {left: right for right, left in enumerate(owner) if left is not None}


def _cluster_items(keys: list[set[str]]) -> list[list[int]]:
    """Indices of items grouped so that items sharing a normalised spelling fall together."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_holder: dict[str, int] = {}
    for i, item in enumerate(keys):
        for key in item:
            if key in first_holder:
                parent[find(i)] = find(first_holder[key])
            else:
                first_holder[key] = i
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keys)):
        groups[find(i)].append(i)
    return list(groups.values())


def name_keys(spellings: list[str]) -> set[str]:
    """Normalised spellings of one item; spellings that normalise to nothing are dropped."""
    return {normalise_name(s) for s in spellings} - {""}


def _distinct_gold(gold: list[list[str]]) -> list[tuple[set[str], list[str]]]:
    """Gold entries as (normalised spellings, original spellings), exact repeats and empty entries dropped."""
    out: list[tuple[set[str], list[str]]] = []
    for entry in gold:
        keys = name_keys(entry)
        if keys and all(keys != seen for seen, _ in out):
            out.append((keys, entry))
    return out


def score_names(gold: list[list[str]], predicted: list[list[str]]) -> dict:
    """Name field: a prediction matches a gold entry sharing any normalised spelling; each entry once.

    An unmatched prediction touching a gold entry (already matched) repeats a fact: neither TP nor FP.
    Unmatched predictions touching no gold are FPs, one per group of items sharing a spelling.
    Items whose spellings all normalise to nothing are ignored.
    """
    entries = _distinct_gold(gold)
    predicted = [item for item in predicted if name_keys(item)]
    pred_keys = [name_keys(item) for item in predicted]
    edges = [{g for g, (keys, _) in enumerate(entries) if keys & item} for item in pred_keys]
    matched = set(_match_bipartite(edges, len(entries)).values())
    false_alarms = [predicted[group[0]][0] for group in _cluster_items(pred_keys)
                    if not any(edges[i] for i in group)]
    misses = [spellings[0] for g, (_, spellings) in enumerate(entries) if g not in matched]
    return _tally(len(matched), false_alarms, misses)


def _normalise_ref(ref: str) -> str:
    """A document number without spaces, with dashes unified: `207/KH – UBND` = `207/KH-UBND`."""
    ref = unicodedata.normalize("NFC", str(ref))
    return re.sub(r"\s+", "", re.sub(r"[\u2010-\u2015\u2212]", "-", ref))


def _fact_key(field: str, fact) -> object:
    """Hashable identity of a fact in a set field."""
    if field == "sanctions":
        return (fact.get("kind"), fact.get("count"))
    if field == "doc_refs":
        return _normalise_ref(fact)
    return str(fact).strip()


def _show_fact(field: str, key) -> str:
    """A fact as the report prints it."""
    if field == "sanctions":
        kind, count = key
        return f"{kind}×{count}" if count is not None else str(kind)
    return str(key)


def score_set(field: str, gold: list, predicted: list) -> dict:
    """Exact set comparison of distinct facts."""
    gold_keys = {_fact_key(field, f) for f in gold}
    pred_keys = {_fact_key(field, f) for f in predicted}
    return _tally(
        len(gold_keys & pred_keys),
        sorted(_show_fact(field, k) for k in pred_keys - gold_keys),
        sorted(_show_fact(field, k) for k in gold_keys - pred_keys),
    )


def _count_key(count: dict) -> tuple:
    """(value, total, code) with a missing total or code as None."""
    return (count.get("value"), count.get("total"), count.get("code"))


def _show_count(key: tuple) -> str:
    value, total, code = key
    text = f"{value}/{total}" if total is not None else str(value)
    return f"{text} [{code}]" if code else text


def pair_counts(gold: list[dict], predicted: list[dict]) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Pairs of distinct count facts equal on (value, total), same code first; then leftovers of each side."""
    gold_left = sorted(set(map(_count_key, gold)), key=repr)
    pred_left = sorted(set(map(_count_key, predicted)), key=repr)
    pairs: list[tuple] = []
    for same_code in (True, False):
        for g in list(gold_left):
            for p in pred_left:
                if g[:2] == p[:2] and (g[2] == p[2] or not same_code):
                    pairs.append((g, p))
                    gold_left.remove(g)
                    pred_left.remove(p)
                    break
    return pairs, gold_left, pred_left


def score_counts(gold: list[dict], predicted: list[dict]) -> dict:
    """Counts match on value and total; `code_correct` of the matched pairs feeds the code accuracy."""
    pairs, misses, false_alarms = pair_counts(gold, predicted)
    tally = _tally(len(pairs), [_show_count(k) for k in false_alarms], [_show_count(k) for k in misses])
    tally["code_correct"] = sum(g[2] == p[2] for g, p in pairs)
    tally["code_wrong"] = [f"{_show_count(g)} ≠ {_show_count(p)}" for g, p in pairs if g[2] != p[2]]
    return tally


def _tally(tp: int, false_alarms: list[str], misses: list[str]) -> dict:
    return {"tp": tp, "fp": len(false_alarms), "fn": len(misses), "false_alarms": false_alarms, "misses": misses}


def score_document(gold: dict, predicted: dict) -> dict:
    """Per-field tallies of one document, both sides in gold form."""
    scores = {}
    for field in FIELDS:
        if field in NAME_FIELDS:
            scores[field] = score_names(gold[field], predicted[field])
        elif field == "counts":
            scores[field] = score_counts(gold[field], predicted[field])
        else:
            scores[field] = score_set(field, gold[field], predicted[field])
    return scores


# --------------------------------------------------------------------------- aggregation


def compute_prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall, F1; all 1.0 when there is nothing to find and nothing found, 0/0 otherwise 0.0."""
    if tp == fp == fn == 0:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _accuracy(correct: int, total: int) -> dict:
    return {"correct": correct, "total": total, "accuracy": correct / total if total else None}


def summarise_documents(documents: list[dict]) -> dict:
    """Micro-averaged field scores, macro F1 and the two accuracies over scored documents."""
    fields = {}
    for field in FIELDS:
        tp, fp, fn = (sum(d["scores"][field][k] for d in documents) for k in ("tp", "fp", "fn"))
        fields[field] = {"tp": tp, "fp": fp, "fn": fn, **compute_prf(tp, fp, fn)}
    published = _accuracy(sum(d["published"]["correct"] for d in documents), len(documents))
    counts_code = _accuracy(sum(d["scores"]["counts"]["code_correct"] for d in documents),
                            sum(d["scores"]["counts"]["tp"] for d in documents))
    return {
        "documents": len(documents),
        "fields": fields,
        "macro_f1": sum(f["f1"] for f in fields.values()) / len(FIELDS),
        # fields without a single gold fact score 1.0 or 0.0 on no evidence: the same mean without them
        "macro_f1_fields_with_gold": _mean([f["f1"] for f in fields.values() if f["tp"] + f["fn"]]),
        "published": published,
        "published_accuracy": published["accuracy"],
        "counts_code": counts_code,
        "counts_code_accuracy": counts_code["accuracy"],
    }


def bootstrap_intervals(documents: list[dict], resamples: int = 1000, level: float = 0.9,
                        seed: int = 0) -> dict:
    """Percentile intervals of each field's F1 and of macro F1, documents resampled with replacement:
    how far a figure could move on another batch of the same size (the same seed, the same interval)."""
    if not documents:
        return {}
    counts = np.array([[[d["scores"][f][k] for k in ("tp", "fp", "fn")] for f in FIELDS] for d in documents], dtype=float)
    picks = np.random.default_rng(seed).integers(0, len(documents), size=(resamples, len(documents)))
    tp, fp, fn = np.moveaxis(counts[picks].sum(axis=1), -1, 0)  # each (resamples, fields)
    with np.errstate(divide="ignore", invalid="ignore"):
        f1 = np.where(tp + fp + fn == 0, 1.0, np.nan_to_num(2 * tp / (2 * tp + fp + fn)))
    tail = (1 - level) / 2 * 100
    bounds = lambda values: [float(v) for v in np.percentile(values, [tail, 100 - tail])]
    return {"level": level, "resamples": resamples,
            "macro_f1": bounds(f1.mean(axis=1)), "fields": {f: bounds(f1[:, i]) for i, f in enumerate(FIELDS)}}


# --------------------------------------------------------------------------- evaluation


def read_prediction(gold: dict, pred_dir: Path) -> dict:
    """The prediction for `gold`: pred_dir/<id>.json, else pred_dir/<text_file stem>.json."""
    for name in (gold["id"], Path(gold["text_path"]).stem):
        path = Path(pred_dir) / f"{name}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    raise FileNotFoundError(f"no prediction {gold['id']}.json in {pred_dir}")


def predict_document(gold: dict, pred_dir: Path | None, extract: Extract | None) -> tuple[dict, str | None]:
    """Predicted facts of one document and the failure, if any (a failure yields empty facts)."""
    try:
        output = read_prediction(gold, pred_dir) if pred_dir is not None else extract(Path(gold["text_path"]))
        return predictions_to_facts(output), None
    except Exception as exc:  # a failing document is scored as empty and reported, never fatal
        reason = getattr(exc, "code", None) or type(exc).__name__
        return empty_facts(), f"{reason}: {getattr(exc, 'detail', exc)}"


def evaluate_document(gold: dict, pred_dir: Path | None, extract: Extract | None) -> dict:
    """Scores, misses and false alarms of one gold document."""
    predicted, error = predict_document(gold, pred_dir, extract)
    return document_report(gold, predicted, error)


def document_report(gold: dict, predicted: dict, error: str | None = None) -> dict:
    """One document's scores against predicted facts (gold form, with `relevant`)."""
    expected = gold_to_facts(gold)
    return {
        "id": gold["id"],
        "error": error,
        "relevant": {"gold": is_relevant(gold), "predicted": predicted.get("relevant")},
        "published": {"gold": expected["published"], "predicted": predicted["published"],
                      "correct": expected["published"] == predicted["published"]},
        "scores": score_document(expected, predicted),
    }


def evaluate(gold_dir: str | Path, pred_dir: str | Path | None = None, extract: Extract | None = None,
             texts_dir: str | Path | None = None, split: str | None = None) -> dict:
    """Score predictions (read from `pred_dir`, or made by `extract(text_path)`) against every gold file."""
    if pred_dir is None and extract is None:
        raise ValueError("evaluate needs pred_dir or extract")
    pred_dir = Path(pred_dir) if pred_dir is not None else None
    golds = load_gold(gold_dir, texts_dir, split)
    return _report([evaluate_document(gold, pred_dir, extract) for gold in golds])


def _report(documents: list[dict]) -> dict:
    """Field scores, relevance counts, per-document details and failures of scored documents."""
    report = summarise_documents(documents)
    report["relevance"] = relevance_counts(documents)
    report["per_document"] = documents
    report["failures"] = [{"id": d["id"], "error": d["error"]} for d in documents if d["error"]]
    return report


def is_relevant(gold: dict) -> bool:
    """A gold document is a report when marked so, else when it states any fact (negatives state none)."""
    if "relevant" in gold:
        return gold["relevant"] is not False
    return any(gold.get(field) for field in FIELDS)


def relevance_counts(documents: list[dict]) -> dict:
    """The relevance gate on gold: reports it kept, negatives it let through."""
    rel = [d["relevant"] for d in documents]
    return {"positives": sum(r["gold"] for r in rel),
            "positives_kept": sum(bool(r["gold"] and r["predicted"]) for r in rel),
            "negatives": sum(not r["gold"] for r in rel),
            "negatives_kept": sum(bool(not r["gold"] and r["predicted"]) for r in rel)}


def agreement(gold_dir: str | Path, other_dir: str | Path) -> dict:
    """Inter-annotator agreement: a second annotator's gold scored as predictions, on shared ids."""
    first = {g["id"]: g for g in load_gold(gold_dir)}
    return _report([document_report(first[other["id"]], gold_to_facts(other) | {"relevant": is_relevant(other)})
                    for other in load_gold(other_dir) if other["id"] in first])


# --------------------------------------------------------------------------- report


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _interval(bounds: list[float]) -> str:
    return f"{bounds[0]:.3f}–{bounds[1]:.3f}"


def format_fields(report: dict) -> list[str]:
    """The per-field table (with each F1's bootstrap interval when the report has them)."""
    intervals = report.get("intervals", {}).get("fields", {})
    lines = [f"{'field':<11} {'P':>6} {'R':>6} {'F1':>6}   TP/FP/FN" + ("      F1 interval" if intervals else ""), "-" * 42]
    for field, s in report["fields"].items():
        tally = f"{s['tp']}/{s['fp']}/{s['fn']}"
        lines.append(f"{field:<11} {_fmt(s['precision']):>6} {_fmt(s['recall']):>6} {_fmt(s['f1']):>6}   "
                     + (f"{tally:<14}{_interval(intervals[field])}" if field in intervals else tally))
    return lines


def _join(items: list) -> str:
    """Items on one line, each with its whitespace collapsed."""
    return "; ".join(" ".join(str(item).split()) for item in items)


def format_document(doc: dict) -> list[str]:
    """Compact misses (−) and false alarms (+) of one document."""
    lines = [f"{doc['id']}" + (f"  FAILED {doc['error']}" if doc["error"] else "")]
    pub = doc["published"]
    if not pub["correct"]:
        lines.append(f"  published: gold {pub['gold']} ≠ predicted {pub['predicted']}")
    for field, s in doc["scores"].items():
        if s["misses"]:
            lines.append(f"  {field} −: " + _join(s["misses"]))
        if s["false_alarms"]:
            lines.append(f"  {field} +: " + _join(s["false_alarms"]))
        for wrong in s.get("code_wrong", []):
            lines.append(f"  counts code: gold {wrong}")
    return lines


def _with_gold(report: dict) -> int:
    return sum(1 for f in report["fields"].values() if f["tp"] + f["fn"])


def format_report(report: dict) -> str:
    """A readable report: field table, macro F1, accuracies, then per-document misses and false alarms."""
    pub, code = report["published"], report["counts_code"]
    lines = format_fields(report) + [
        "-" * 42,
        f"macro F1 (8 fields): {report['macro_f1']:.3f}   documents: {report['documents']}",
        f"macro F1 over the {_with_gold(report)} fields with gold facts: {_fmt(report['macro_f1_fields_with_gold'])}",
        *([f"macro F1 {ci['level']:.0%} interval ({ci['resamples']} resamples of the documents): "
           f"{_interval(ci['macro_f1'])}"] if (ci := report.get("intervals")) else []),
        f"published accuracy: {_fmt(pub['accuracy'])} ({pub['correct']}/{pub['total']})",
        f"counts code accuracy: {_fmt(code['accuracy'])} ({code['correct']}/{code['total']} matched counts)",
    ]
    rel = report.get("relevance")
    if rel:
        lines.append(f"relevance: {rel['positives_kept']}/{rel['positives']} reports kept, "
                     f"{rel['negatives_kept']}/{rel['negatives']} negatives kept")
    if report["failures"]:
        lines.append(f"failed documents (scored as empty): {len(report['failures'])}")
    lines += ["", "per document (− missed, + false alarm):"]
    for doc in report["per_document"]:
        lines += format_document(doc)
    return "\n".join(lines)


# --------------------------------------------------------------------------- CLI


def add_command(subparsers, extract: Extract) -> argparse.ArgumentParser:
    """Register `eval GOLD_DIR [--pred DIR] [--json] [--baseline]`; `extract` makes predictions without --pred."""
    parser = subparsers.add_parser("eval", help="score predictions against gold annotations")
    parser.add_argument("gold_dir", metavar="GOLD_DIR", type=Path, help="directory of gold *.json files")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--pred", metavar="DIR", type=Path, help="read predictions from DIR/<id>.json")
    source.add_argument("--baseline", action="store_true", help="score the underthesea NER + dateparser baseline")
    source.add_argument("--agreement", metavar="DIR", type=Path,
                        help="inter-annotator agreement: score a second annotator's gold in DIR against GOLD_DIR")
    parser.add_argument("--texts", metavar="DIR", type=Path,
                        help="the texts are in DIR, not beside the gold (e.g. ~/.cache/findings/real)")
    parser.add_argument("--split", metavar="NAME", help="only the documents of this split in GOLD_DIR/../index.tsv")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--interval", action="store_true",
                        help="add 90%% bootstrap intervals (documents resampled) to macro F1 and each field's F1")
    parser.set_defaults(handler=lambda args: run_eval(args, extract))
    return parser


def run_eval(args: argparse.Namespace, extract: Extract) -> int:
    """Run the `eval` command and print its report; exit 0, or 2 when the texts directory is missing."""
    if args.texts is not None and not args.texts.is_dir():
        print(f"findings eval: no texts directory {args.texts} (gather it first: corpora/real/README.md)")
        return 2
    if args.baseline:
        from pipeline.quality.baseline import extract_baseline  # imported late: loads underthesea's models

        extract = extract_baseline
    if args.agreement:
        report = agreement(args.gold_dir, args.agreement)
    else:
        report = evaluate(args.gold_dir, pred_dir=args.pred, extract=extract, texts_dir=args.texts, split=args.split)
    if args.interval:
        report["intervals"] = bootstrap_intervals(report["per_document"])
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else format_report(report))
    return 0
