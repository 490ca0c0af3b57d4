"""The NLP layer: underthesea sentences and word segmentation as a spaCy tokenizer.

The Doc is built from words and spaces aligned back onto the input, so
`doc.text == text` always holds and every span offset indexes the input.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from underthesea import sent_tokenize, word_tokenize

_PARAGRAPH = re.compile(r"[^\n]+")
_MARKER_ONLY = re.compile(r"^(?:\d{1,3}[.)]|[a-zđ][.)]|[-+•*–]|[IVX]{1,4}\.)$")
_NONSPACE = re.compile(r"\S+")


MAX_SENTENCE_CHARS = 2000  # longer "sentences" (tables flattened, junk) are cut at spaces


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: underthesea's sentences inside each line; a line break always ends one,
    and no span is longer than MAX_SENTENCE_CHARS (keeps every later step linear)."""
    return [piece for span in _split_lines(text) for piece in _cap_length(text, span)]


def _cap_length(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    start, end = span
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def _split_lines(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for line in _PARAGRAPH.finditer(text):
        base, chunk = line.start(), line.group()
        if not chunk.strip():
            continue
        cursor = 0
        for sentence in sent_tokenize(chunk):
            sentence = sentence.strip()
            if not sentence:
                continue
            found = chunk.find(sentence, cursor)
            if found < 0:  # underthesea altered the text: fall back to the rest of the line
                break
            if found > cursor and chunk[cursor:found].strip() and spans and spans[-1][1] == base + cursor:
                spans[-1] = (spans[-1][0], base + found)  # glue skipped text to the previous sentence
            glue = spans and spans[-1][0] >= base and base + found - spans[-1][1] in (0, 1) and (
                sentence[0].islower() or _MARKER_ONLY.match(text[spans[-1][0]:spans[-1][1]]))
            if glue:  # "(Chinhphu." + "vn) ...", and "1." + "Niêm yết ..." are one sentence
                spans[-1] = (spans[-1][0], base + found + len(sentence))
            else:
                spans.append((base + found, base + found + len(sentence)))
            cursor = found + len(sentence)
        rest = chunk[cursor:]
        if rest.strip():
            lead = len(rest) - len(rest.lstrip())
            spans.append((base + cursor + lead, base + len(chunk.rstrip())))
    return spans


def align_tokens(text: str, start: int, end: int, tokens: list[str]) -> list[tuple[int, int]]:
    """Character spans of `tokens` inside text[start:end]; text the tokenizer skipped or changed
    becomes whitespace-delimited tokens of its own."""
    spans: list[tuple[int, int]] = []
    cursor = start

    def add_gap(gap_start: int, gap_end: int) -> None:
        if gap_start < gap_end and not text[gap_start:gap_end].isspace():
            spans.extend(m.span() for m in _NONSPACE.finditer(text, gap_start, gap_end))

    for token in tokens:
        pieces = token.split()
        if not pieces:
            continue
        pos = cursor
        token_start = None
        ok = True
        for piece in pieces:
            while pos < end and text[pos].isspace():
                pos += 1
            if text.startswith(piece, pos) and pos + len(piece) <= end:
                if token_start is None:
                    token_start = pos
                pos += len(piece)
            else:
                ok = False
                break
        if ok and token_start is not None:
            add_gap(cursor, token_start)
            spans.append((token_start, pos))
            cursor = pos
            continue
        found = text.find(pieces[0], cursor, end)  # resynchronise on the token's first syllable
        if found < 0:
            continue
        add_gap(cursor, found)
        spans.append((found, found + len(pieces[0])))
        cursor = found + len(pieces[0])
    add_gap(cursor, end)
    return spans


def build_words(text: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    """spaCy words/spaces from token spans; gaps that are not one space become whitespace tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    cursor = 0
    for s, e in spans:
        gap = text[cursor:s]
        _add_whitespace(gap, words, spaces)
        words.append(text[s:e])
        spaces.append(False)
        cursor = e
    _add_whitespace(text[cursor:], words, spaces)
    return words, spaces


def _add_whitespace(gap: str, words: list[str], spaces: list[bool]) -> None:
    if not gap:
        return
    if gap[0] == " " and words and not spaces[-1]:
        spaces[-1] = True
        gap = gap[1:]
    if not gap:
        return
    if len(gap) > 1 and gap[-1] == " ":
        words.append(gap[:-1])
        spaces.append(True)
    else:
        words.append(gap)
        spaces.append(False)


class UndertheseaTokenizer:
    """spaCy tokenizer: underthesea sentences, then words, aligned onto the exact input."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        sentences = split_sentences(text)
        spans: list[tuple[int, int]] = []
        starts: set[int] = set()
        cursor = 0
        for s, e in sentences:
            spans.extend((a, b) for a, b in _gap_tokens(text, cursor, s))
            tokens = word_tokenize(text[s:e], use_token_normalize=False)
            sentence_spans = align_tokens(text, s, e, tokens)
            if sentence_spans:
                starts.add(sentence_spans[0][0])
            spans.extend(sentence_spans)
            cursor = e
        spans.extend(_gap_tokens(text, cursor, len(text)))
        words, spaces = build_words(text, spans)
        sent_starts, offset = [], 0
        for i, (word, space) in enumerate(zip(words, spaces)):
            sent_starts.append(i == 0 or offset in starts)
            offset += len(word) + space
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts)
        doc.user_data["sentences"] = sentences
        doc.user_data["text"] = text
        return doc

    # spaCy serialisation hooks: the tokenizer has no state of its own.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs):
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs):
        return self


def _gap_tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _NONSPACE.finditer(text, start, end)]


@registry.tokenizers("findings.underthesea_tokenizer.v1")
def create_tokenizer():
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab)

    return make


def blank_pipeline() -> Language:
    """A Vietnamese spaCy Language whose tokenizer is underthesea (pyvi is not used)."""
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "findings.underthesea_tokenizer.v1"}}})


@lru_cache(maxsize=1)
def tokenizer_only() -> Language:
    return blank_pipeline()
