"""`findings bench`: throughput, scaling and memory, side by side with bare underthesea segmentation.

Figures are printed, never asserted: targets live in the README with the machine they came from.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import random
import re
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.ingest.limits import Limits

CORPUS = Path(__file__).resolve().parents[2] / "corpora"
_NUMBER = re.compile(r"\d+")


def rss_mb() -> float:
    """Current resident set size of this process, in MiB."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_templates() -> list[str]:
    """Normalised texts of the relevant sample documents and seeds: the generator's templates."""
    from pipeline.ingest.load import load_document

    texts = []
    for path in sorted((CORPUS / "sample").iterdir()) + sorted((CORPUS / "seeds").iterdir()):
        if path.name.startswith("x"):
            continue  # negatives are not news-sized reports
        texts.append(load_document(path, source_uri=path.name, limits=Limits()).text)
    return texts


def generate_corpus(templates: list[str], n: int, directory: Path, seed: int = 7) -> list[Path]:
    """N distinct news-sized .txt documents: the templates with every number varied."""
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        text = _NUMBER.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1)).zfill(len(m.group())),
                           templates[i % len(templates)])
        path = directory / f"doc{i:06d}.txt"
        path.write_text(f"{text}\n\nMã tin: {i}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _timed(fn: Callable, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def floor_seconds(text: str) -> float:
    """Bare underthesea sent_tokenize + word_tokenize over one text: the floor's time for it."""
    from underthesea import sent_tokenize, word_tokenize

    start = time.perf_counter()
    for sentence in sent_tokenize(text):
        word_tokenize(sentence)
    return time.perf_counter() - start


def warm_up(path: Path) -> None:
    """Build the pipeline, the gazetteer indexes and underthesea's models once, outside the timed loop."""
    from pipeline.jobs.process import process_file

    process_file(path)
    floor_seconds(path.read_text(encoding="utf-8"))


def measure_extraction(paths: list[Path], rss_every: int = 1000) -> tuple[dict, dict]:
    """The floor and our pipeline end to end (split by stage, RSS sampled every `rss_every` documents),
    document by document in turn, so that a machine that speeds up or slows down during the run moves
    both alike and the ratio holds."""
    from extractors.assemble import assemble
    from extractors.engine import build_pipeline, stamp, validate_output
    from pipeline.ingest.load import load_document
    from pipeline.ingest.normalise import normalise_text

    nlp = build_pipeline()
    warm_up(paths[0])
    stages = dict.fromkeys(("load", "normalise", "segment", "extract", "assemble", "serialise"), 0.0)
    limits = Limits()
    rss_at: dict[int, float] = {}
    chars = floor_chars = 0
    floor = 0.0
    for i, path in enumerate(paths, 1):
        raw = path.read_text(encoding="utf-8")
        floor_chars += len(raw)
        floor += floor_seconds(raw)
        document, t = _timed(lambda p: load_document(p, source_uri=p.name, limits=limits), path)
        stages["load"] += t  # decoding and normalisation; normalisation is measured again below
        _, t = _timed(lambda text: [normalise_text(p) for p in text.split("\n\n")], document.text)
        stages["normalise"] += t
        doc, t = _timed(nlp.make_doc, document.text)
        stages["segment"] += t
        doc.user_data["published"] = document.published
        start = time.perf_counter()
        for _name, proc in nlp.pipeline:
            doc = proc(doc)
        stages["extract"] += time.perf_counter() - start
        start = time.perf_counter()
        data = assemble(document, doc, stamp()).to_json()
        validate_output(data)
        stages["assemble"] += time.perf_counter() - start
        _, t = _timed(lambda d: json.dumps(d, ensure_ascii=False), data)
        stages["serialise"] += t
        chars += len(document.text)
        if i % rss_every == 0:
            gc.collect()
            rss_at[i] = round(rss_mb(), 1)
    stages["load"] -= stages["normalise"]  # report decoding/parsing apart from normalisation
    total = sum(stages.values())
    return ({"docs": len(paths), "chars": floor_chars, "seconds": floor},
            {"docs": len(paths), "chars": chars, "seconds": total, "stages": stages, "rss_at": rss_at})


def measure_loaders(repeat: int = 5) -> dict:
    """Pages per second through the PDF and DOCX loaders on the sample minutes."""
    from pipeline.ingest.load import load_document

    out = {}
    for suffix in ("pdf", "docx"):
        files = sorted((CORPUS / "sample").glob(f"*.{suffix}"))
        pages, seconds = 0, 0.0
        for _ in range(repeat):
            for path in files:
                data = path.read_bytes()
                document, t = _timed(lambda d: load_document(d, source_uri=path.name, limits=Limits()), data)
                seconds += t
                pages += max(1, len({b.page for b in document.blocks if b.page})) if suffix == "pdf" else 1
        out[suffix] = {"pages": pages, "seconds": seconds}
    return out


def measure_reprocess(directory: Path, workers: int) -> dict:
    """Archive reprocessing through the flow library on `workers` processes, into a fresh register."""
    from pipeline.jobs.reprocess import reprocess_archive

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        summary = reprocess_archive(directory, db_url=f"sqlite:///{tmp}/bench.sqlite", out_dir=Path(tmp) / "out",
                                    workers=workers, progress=False)
        seconds = time.perf_counter() - start
    return {"workers": workers, "docs": summary.get("processed", 0), "seconds": seconds}


def run_bench(docs: int, with_reprocess: bool = True) -> dict:
    """All measurements on one generated corpus of `docs` documents."""
    report: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "platform": platform.platform()}, "docs": docs}
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate_corpus(load_templates(), docs, Path(tmp))
        report["floor"], report["extraction"] = measure_extraction(paths)
        report["loaders"] = measure_loaders()
        if with_reprocess:
            report["reprocess"] = [measure_reprocess(Path(tmp), w) for w in (1, 2)]
    report["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return report


def format_report(r: dict) -> str:
    floor, ex = r["floor"], r["extraction"]
    lines = [f"machine: {r['machine']['cpus']} cpus, Python {r['machine']['python']}, {r['machine']['platform']}",
             f"corpus: {r['docs']} generated news-sized documents, {ex['chars']:,} chars", "",
             f"{'measure':34} {'chars/s':>12} {'docs/s':>9} {'× floor':>8}"]

    def row(name: str, seconds: float, chars: int, docs: int) -> str:
        ratio = seconds / floor["seconds"] if floor["seconds"] else float("nan")
        return f"{name:34} {chars / seconds:12,.0f} {docs / seconds:9.1f} {ratio:8.2f}"

    lines.append(row("floor: underthesea sent+word", floor["seconds"], floor["chars"], floor["docs"]))
    lines.append(row("extraction, end to end", ex["seconds"], ex["chars"], ex["docs"]))
    for stage, seconds in ex["stages"].items():
        if seconds > 0:
            lines.append(row(f"  {stage}", seconds, ex["chars"], ex["docs"]))
    lines.append("")
    for fmt, m in r["loaders"].items():
        lines.append(f"loader {fmt}: {m['pages'] / m['seconds']:.1f} pages/s ({m['pages']} pages)")
    for m in r.get("reprocess", []):
        lines.append(f"reprocess, {m['workers']} worker(s): {m['docs'] / m['seconds']:.1f} docs/s "
                     f"({m['docs']} docs in {m['seconds']:.1f} s)")
    if len(r.get("reprocess", [])) == 2:
        one, two = r["reprocess"]
        lines.append(f"speed-up 2 vs 1 workers: {one['seconds'] / two['seconds']:.2f}×")
    lines.append(f"RSS (MiB) by documents extracted: {ex['rss_at'] or 'n/a'}; peak RSS {r['peak_rss_mb']} MiB")
    return "\n".join(lines)


def add_command(subparsers) -> None:
    p = subparsers.add_parser("bench", help="measure throughput, scaling and memory")
    p.add_argument("--docs", type=int, default=1000, help="generated documents (default 1000)")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    p.add_argument("--no-reprocess", action="store_true", help="skip the reprocessing runs")
    p.set_defaults(handler=_run)


def _run(args) -> int:
    report = run_bench(args.docs, with_reprocess=not args.no_reprocess)
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0
