"""The extraction engine: document record in, validated output JSON out."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import fastjsonschema
from spacy.language import Language
from spacy.tokens import Doc

from extractors import components  # noqa: F401  (registers the factories)
from extractors.assemble import assemble
from extractors.nlp import blank_pipeline
from extractors.relevance_model import load_model
from extractors import unit_role_model
from pipeline.ingest.record import Document

EXTRACTOR_NAME = "findings"
EXTRACTOR_VERSION = "1.18.0"  # bump when extraction changes: reprocessing keys on it
# spaCy interns every new token string for good; numbers and names make that grow with the
# archive, so the pipeline is rebuilt (about 1 s) once its vocabulary passes this size.
MAX_VOCAB_STRINGS = 100_000


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """underthesea tokenizer + one component per extractor, in dependency order."""
    nlp = blank_pipeline()
    for factory, _group, _run in components.STAGES:
        nlp.add_pipe(factory)
    return nlp


def annotate(document: Document) -> Doc:
    nlp = build_pipeline()
    if len(nlp.vocab.strings) > MAX_VOCAB_STRINGS:
        build_pipeline.cache_clear()  # keeps memory flat over long runs
        load_model.cache_clear()  # the trained models intern the strings of what they read too
        unit_role_model.load_model.cache_clear()
        nlp = build_pipeline()
    doc = nlp.make_doc(document.text)
    doc.user_data["published"] = document.published
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def stamp() -> tuple[str, str, list[str]]:
    """Name, version and components an output records; the trained models by their training data's hash
    (retraining one changes extraction: bump EXTRACTOR_VERSION, as for any data change)."""
    roles = unit_role_model.load_model().meta["findings"]["training_data_sha256"][:12] if unit_role_model.enabled() else "off"
    trained = {"relevance_model": load_model().meta["findings"]["training_data_sha256"][:12], "unit_role_model": roles}
    return EXTRACTOR_NAME, EXTRACTOR_VERSION, [*build_pipeline().pipe_names, *(f"{k}:{v}" for k, v in trained.items())]


def extract(document: Document) -> dict:
    """The output contract for one document, checked against the shipped JSON Schema."""
    doc = annotate(document)
    output = assemble(document, doc, extractor=stamp())
    data = output.to_json()
    validate_output(data)
    return data


@lru_cache(maxsize=1)
def output_schema() -> dict:
    return json.loads((Path(__file__).parent / "schema" / "output-1.0.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator():
    # Compiled once to Python code: validation runs on every document, on the hot path.
    return fastjsonschema.compile(output_schema())


def validate_output(data: dict) -> None:
    """Raise fastjsonschema.JsonSchemaException when `data` breaks the contract."""
    _validator()(data)
