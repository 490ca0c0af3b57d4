#!/usr/bin/env python3
"""Gather the real-report corpus: texts from saved search results into a cache outside the repo.

The texts are third-party prose and never enter the repository; only `index.tsv` (where each
text came from, its sha256) and the gold facts do. A text is the `excerpt` of one result of the
search tool's `pages` corpus, saved as the tool's JSON answer and read with `json.load`, then
normalised (NFC, CRLF → LF, trailing spaces dropped) so that invisible whitespace cannot drift.

    gather.py add --json Q.json --url URL --id r001 --province "Bình Thuận" --genre cong_vu_visit
    gather.py index                 # (re)write index.tsv from the cache's meta/ records; new ids get
                                    # their split (dev | blind) from a hash of the id
    gather.py verify                # every indexed text is in the cache with its sha256
    gather.py promote [--through ID] # after a blind batch is scored: its rows (up to ID) join dev
                                    # (gather the next batch with `add --split blind`)
    gather.py regather --raw DIR    # saved search answers (any names) or excerpts (ID.txt) → cache and
                                    # records, checked by sha256; mismatches go to differs/
    gather.py accept ID [ID ...]    # a text in differs/ becomes the text of record (the store's excerpt
                                    # changed and a second, independent copy agrees)
    gather.py scrub [DIR ...]       # drop reserved results from saved answers (the cache's raw/ and DIRs)
    gather.py similar               # pairs of cached texts that tell one story (see `add`'s retelling check)
    gather.py overlap [PATH ...]    # quoted strings in tests and data (files or folders) that copy cached
                                    # text, stock phrases (stock_phrases.txt) aside; exit 1 if any

The cache is `$FINDINGS_REAL_CACHE`, else `~/.cache/findings/real/` (texts `ID.txt`, records
`meta/ID.json`, the saved answers `raw/`).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
INDEX = HERE / "index.tsv"
COLUMNS = ["id", "url", "query", "chars", "sha256", "province", "genre", "split"]
RESERVED_CHECK = HERE.parents[2] / "shared" / "reserved" / "is_reserved.py"
GENRES = {
    "cong_vu_visit", "hdnd_supervision", "chairman_surprise", "discipline", "summary",
    "one_stop_online", "conclusion_notice",
    "neg_plan", "neg_team", "neg_directive", "neg_training", "neg_par_index", "neg_recruitment", "neg_other",
}


BLIND_SHARE = 42  # percent of the documents, chosen by a hash of the id before anyone reads them


def split_for(doc_id: str) -> str:
    """dev or blind, fixed by the id alone: nobody picks which reports are blind."""
    return "blind" if int(hashlib.sha256(doc_id.encode()).hexdigest()[:8], 16) % 100 < BLIND_SHARE else "dev"


def cache_dir() -> Path:
    return Path(os.environ.get("FINDINGS_REAL_CACHE", Path.home() / ".cache" / "findings" / "real"))


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip() + "\n"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_reserved(url: str) -> bool:
    """The shared check (exit 1 when reserved); the script is the authority, not a copy of it."""
    return subprocess.run([sys.executable, str(RESERVED_CHECK), url], capture_output=True).returncode != 0


def excerpt_for(answer: dict, url: str) -> tuple[str, str]:
    """The excerpt of `url` in one saved search answer, and the query the answer was for."""
    for result in answer.get("results", []):
        if result.get("url") == url:
            return result["excerpt"], answer.get("query", "")
    raise KeyError(url)


def url_key(url: str) -> str:
    """The page behind a URL: scheme, "www." and a trailing slash do not matter."""
    u = url.strip().lower().split("://", 1)[-1]
    return u.removeprefix("www.").rstrip("/")


def already_gathered(cache: Path, url: str, doc_id: str) -> str | None:
    """The id under which another record already holds this page, if any."""
    for path in (cache / "meta").glob("*.json"):
        meta = json.loads(path.read_text("utf-8"))
        if meta["id"] != doc_id and url_key(meta["url"]) == url_key(url):
            return meta["id"]
    return None


RUN_WORDS = 6  # a "run" is RUN_WORDS consecutive words
RETOLD_SHARE, RETOLD_MIN_RUNS = 0.2, 30  # a text sharing this share (and number) of its runs retells another


def runs(text: str) -> set[str]:
    """The text's runs of RUN_WORDS words (lower case), the unit in which retellings are compared."""
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i: i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1)}


def retellings(texts: dict[str, set[str]], ids=None) -> list[tuple[str, str, float]]:
    """(id, other id, share) for each of `ids` (default all) whose runs overlap another text's by
    RETOLD_SHARE of the shorter one and RETOLD_MIN_RUNS runs: the same story under another URL
    (syndicated, or retold with the same sentences), which would leak a dev story into a blind batch."""
    holders: dict[str, list[str]] = {}
    for doc_id, doc_runs in texts.items():
        for run in doc_runs:
            holders.setdefault(run, []).append(doc_id)
    found = []
    for doc_id in (texts if ids is None else ids):
        shared: dict[str, int] = {}
        for run in texts[doc_id]:
            for other in holders[run]:
                if other != doc_id:
                    shared[other] = shared.get(other, 0) + 1
        for other, n in shared.items():
            share = n / min(len(texts[doc_id]), len(texts[other]))
            if n >= RETOLD_MIN_RUNS and share >= RETOLD_SHARE:
                found.append((doc_id, other, round(share, 2)))
    return sorted(found, key=lambda f: -f[2])


def cached_runs(cache: Path, ids=None) -> dict[str, set[str]]:
    """Runs of the cached texts (of `ids` only, when given)."""
    paths = cache.glob("*.txt") if ids is None else (cache / f"{i}.txt" for i in ids)
    return {p.stem: runs(p.read_text("utf-8")) for p in paths if p.exists()}


def reserved_among(urls: list[str]) -> set[str]:
    """The reserved ones of `urls`, asked of the shared check in one call (it prints one verdict per line)."""
    if not urls:
        return set()
    out = subprocess.run([sys.executable, str(RESERVED_CHECK), *urls], capture_output=True, text=True).stdout
    return {line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("reserved ")}


def drop_reserved(answer: dict) -> tuple[dict, int]:
    """The answer without its reserved results (never kept, not even as unused excerpts), and how many went."""
    results = answer.get("results", [])
    held = reserved_among([r["url"] for r in results if r.get("url")])
    kept = [r for r in results if r.get("url") not in held]
    return {**answer, "results": kept}, len(results) - len(kept)


def read_index() -> list[dict]:
    if not INDEX.exists():
        return []
    with INDEX.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def write_index(rows) -> None:
    with INDEX.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLUMNS, delimiter="\t", lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def write_record(cache: Path, row: dict) -> None:
    """The cache's record of one text (meta/ID.json): its index row."""
    (cache / "meta").mkdir(parents=True, exist_ok=True)
    record = {**{k: row[k] for k in COLUMNS}, "chars": int(row["chars"])}
    (cache / "meta" / f"{row['id']}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), "utf-8")


def cmd_add(args) -> int:
    if args.genre not in GENRES:
        sys.exit(f"unknown genre {args.genre!r}; one of {sorted(GENRES)}")
    if is_reserved(args.url):
        sys.exit(f"reserved: {args.url} (skip it: do not read, annotate or keep it)")
    cache = cache_dir()
    taken = already_gathered(cache, args.url, args.id)
    if taken:
        sys.exit(f"already gathered as {taken}: {args.url} (another annotator has it; pick another report)")
    answer = json.loads(Path(args.json).read_text("utf-8"))
    try:
        excerpt, query = excerpt_for(answer, args.url)
    except KeyError:
        sys.exit(f"{args.url} is not among the results of {args.json}")
    text = normalise(excerpt)
    texts = {**cached_runs(cache), args.id: runs(text)}
    retold = retellings(texts, [args.id])
    if retold:
        _, other, share = retold[0]
        sys.exit(f"retells {other} ({share:.0%} of its 6-word runs are in {other}): {args.url} "
                 "(the same story is already gathered; pick another report)")
    (cache / "raw").mkdir(parents=True, exist_ok=True)
    raw_copy = cache / "raw" / f"{args.id}.json"
    raw_copy.write_text(json.dumps(drop_reserved(answer)[0], ensure_ascii=False), "utf-8")
    (cache / f"{args.id}.txt").write_text(text, "utf-8")
    meta = {"id": args.id, "url": args.url, "query": args.query or query, "chars": len(text),
            "sha256": sha256(text), "province": args.province, "genre": args.genre, "split": args.split or ""}
    write_record(cache, meta)
    print(f"{args.id}\t{len(text)} chars\t{meta['sha256'][:12]}\t{args.url}")
    return 0


def cmd_index(args) -> int:
    cache = cache_dir()
    metas = sorted((json.loads(p.read_text("utf-8")) for p in (cache / "meta").glob("*.json")),
                   key=lambda meta: (len(meta["id"]), meta["id"]))  # r999 before r1000
    old = {row["id"]: row for row in read_index()}
    lost = sorted(set(old) - {m["id"] for m in metas} - {p.stem for p in (cache / "meta-dropped").glob("*.json")})
    if lost:  # a cache without records (new machine, not re-gathered yet) must not empty the index
        print(f"{len(lost)} indexed id(s) have no record in the cache ({', '.join(lost[:5])} ...): "
              "run `regather` first, or move a dropped page's record to meta-dropped/")
        return 1
    for meta in metas:
        meta["split"] = meta.get("split") or old.get(meta["id"], {}).get("split") or split_for(meta["id"])
    write_index(metas)
    print(f"{len(metas)} rows → {INDEX}")
    return 0


def cmd_verify(args) -> int:
    bad = 0
    for row in read_index():
        path = cache_dir() / f"{row['id']}.txt"
        if not path.exists() or sha256(path.read_text("utf-8")) != row["sha256"]:
            print(f"{row['id']}: {'missing' if not path.exists() else 'sha256 differs'}")
            bad += 1
    print(f"{len(read_index()) - bad} ok, {bad} bad")
    return 1 if bad else 0


def cmd_promote(args) -> int:
    """The scored blind batch joins dev, in the index and in the cache's records (with `--through rNNN`,
    only the blind ids up to that one: an older batch joins while a newer one stays blind)."""
    rows = read_index()
    last = int(args.through.lstrip("r")) if args.through else None
    blind = {row["id"] for row in rows if row["split"] == "blind" and (last is None or int(row["id"].lstrip("r")) <= last)}
    for path in (cache_dir() / "meta").glob("*.json"):
        meta = json.loads(path.read_text("utf-8"))
        if meta["id"] in blind:
            path.write_text(json.dumps({**meta, "split": "dev"}, ensure_ascii=False, indent=1), "utf-8")
    write_index({**row, "split": "dev" if row["id"] in blind else row["split"]} for row in rows)
    print(f"{len(blind)} blind rows → dev")
    return 0


def cmd_similar(args) -> int:
    pairs = {tuple(sorted((a, b))): share for a, b, share in retellings(cached_runs(cache_dir(), [r["id"] for r in read_index()]))}
    for (a, b), share in sorted(pairs.items(), key=lambda p: -p[1]):
        print(f"{a}\t{b}\t{share:.2f}")
    print(f"{len(pairs)} pair(s) tell one story")
    return 0


def cmd_scrub(args) -> int:
    """Saved answers keep no reserved result: rewrite each file without them."""
    dropped = 0
    for folder in [cache_dir() / "raw", *map(Path, args.dirs)]:
        for path in sorted(folder.glob("*.json")):
            answer, n = drop_reserved(json.loads(path.read_text("utf-8")))
            if n:
                path.write_text(json.dumps(answer, ensure_ascii=False), "utf-8")
                print(f"{path}: {n} reserved result(s) dropped")
                dropped += n
    print(f"{dropped} reserved result(s) dropped")
    return 0


WINDOW, STEP, MIN_SHARED = 30, 5, 3  # a string shares MIN_SHARED windows of WINDOW characters with a text


STOCK_PHRASES = HERE / "stock_phrases.txt"


def stock_phrases() -> list[str]:
    """Official names, legal formulas and standard lists that are no copied text (stock_phrases.txt)."""
    lines = STOCK_PHRASES.read_text("utf-8").splitlines()
    return [unicodedata.normalize("NFC", line).strip().lower() for line in lines if line.strip() and not line.startswith("#")]


def copied_strings(path: Path, corpus: str, stock: list[str] = ()) -> list[tuple[int, str]]:
    """(line, string) of the quoted strings in `path` that share MIN_SHARED windows with `corpus`
    (the cached texts, NFC, lower case) once the `stock` phrases are taken out: third-party wording
    that must be rewritten in our own words."""
    found = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        for quoted in re.findall(r'"([^"]{%d,})"|\'([^\']{%d,})\'' % (WINDOW, WINDOW), line):
            s = unicodedata.normalize("NFC", quoted[0] or quoted[1]).lower()
            for phrase in stock:
                s = s.replace(phrase, "\n")
            shared = sum(s[i: i + WINDOW] in corpus for i in range(0, len(s) - WINDOW + 1, STEP))
            if shared >= MIN_SHARED:
                found.append((number, quoted[0] or quoted[1]))
    return found


def cmd_overlap(args) -> int:
    corpus = "\n".join(unicodedata.normalize("NFC", p.read_text("utf-8")).lower()
                       for p in sorted(cache_dir().glob("*.txt")))
    root = HERE.parents[1]
    paths = [Path(f) for f in args.files] or [root / "tests", root / "extractors" / "data", root / "pipeline" / "data"]
    # a folder: its own .py and .yaml files (tests/data's fixtures share only the genre's stock phrases)
    paths = sorted({p for path in paths for p in ([path] if path.is_file() else _sources(path))})
    stock = stock_phrases()
    total = 0
    for path in paths:
        for number, s in copied_strings(path, corpus, stock):
            print(f"{path}:{number}: {s[:100]}")
            total += 1
    print(f"{total} string(s) copy cached third-party text")
    return 1 if total else 0


def _sources(folder: Path) -> list[Path]:
    return [p for p in folder.glob("*") if p.suffix in (".py", ".yaml") and p.is_file()]


def cmd_regather(args) -> int:
    """Re-gathering: run each indexed query in the search tool's `pages` corpus and save, into DIR,
    either the answer as JSON (any name) or the excerpt of one indexed page as `ID.txt`; this then
    writes each text whose sha256 matches the index, with its record, into the cache. A text that
    does not match goes to the cache's `differs/` for review, never into the set."""
    raw = Path(args.raw)
    answers = [json.loads(p.read_text("utf-8")) for p in sorted(raw.glob("*.json"))]
    cache, missing, differing = cache_dir(), [], []
    cache.mkdir(parents=True, exist_ok=True)
    for row in read_index():
        found = [raw / f"{row['id']}.txt"] if (raw / f"{row['id']}.txt").is_file() else []
        texts = [normalise(p.read_text("utf-8")) for p in found]
        for answer in answers:
            try:
                texts.append(normalise(excerpt_for(answer, row["url"])[0]))
            except KeyError:
                continue
        match = next((t for t in texts if sha256(t) == row["sha256"]), None)
        if match is not None:
            (cache / f"{row['id']}.txt").write_text(match, "utf-8")
            write_record(cache, row)
            (cache / "differs" / f"{row['id']}.txt").unlink(missing_ok=True)
        elif texts:
            (cache / "differs").mkdir(exist_ok=True)
            (cache / "differs" / f"{row['id']}.txt").write_text(texts[0], "utf-8")
            print(f"{row['id']}: sha256 differs ({len(texts[0])} chars, indexed {row['chars']}; "
                  f"kept in differs/ for review) ({row['url']})")
            differing.append(row["id"])
        else:
            print(f"{row['id']}: not found ({row['url']})")
            missing.append(row["id"])
    bad = len(missing) + len(differing)
    print(f"{len(read_index()) - bad} gathered, {len(differing)} differing, {len(missing)} missing")
    return 1 if bad else 0


def cmd_accept(args) -> int:
    """A text set aside in differs/ becomes the text of record (its sha256 and length go into the index
    and the record): for a page whose stored excerpt changed, once a second, independent copy agrees."""
    cache, rows = cache_dir(), read_index()
    by_id = {row["id"]: row for row in rows}
    unknown = [i for i in args.ids if i not in by_id or not (cache / "differs" / f"{i}.txt").is_file()]
    if unknown:
        print(f"no text in differs/ for the indexed id(s) {', '.join(unknown)}; nothing accepted")
        return 1
    for doc_id in args.ids:
        path = cache / "differs" / f"{doc_id}.txt"
        text = normalise(path.read_text("utf-8"))
        by_id[doc_id].update(sha256=sha256(text), chars=str(len(text)))
        (cache / f"{doc_id}.txt").write_text(text, "utf-8")
        write_record(cache, by_id[doc_id])
        path.unlink()
    write_index(rows)
    print(f"{len(args.ids)} text(s) accepted")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("add")
    a.add_argument("--json", required=True)
    a.add_argument("--url", required=True)
    a.add_argument("--id", required=True)
    a.add_argument("--province", required=True)
    a.add_argument("--genre", required=True)
    a.add_argument("--query")
    a.add_argument("--split")
    sub.add_parser("index")
    sub.add_parser("verify")
    pr = sub.add_parser("promote")
    pr.add_argument("--through", metavar="ID", help="promote only blind ids up to this one (e.g. r1465)")
    sub.add_parser("similar")
    sc = sub.add_parser("scrub")
    sc.add_argument("dirs", nargs="*")
    r = sub.add_parser("regather")
    r.add_argument("--raw", required=True)
    ac = sub.add_parser("accept")
    ac.add_argument("ids", nargs="+")
    o = sub.add_parser("overlap")
    o.add_argument("files", nargs="*")
    args = ap.parse_args(argv)
    return {"add": cmd_add, "index": cmd_index, "verify": cmd_verify, "promote": cmd_promote,
            "similar": cmd_similar, "scrub": cmd_scrub, "regather": cmd_regather, "accept": cmd_accept, "overlap": cmd_overlap}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
