"""Loading language data files and compiling their phrase patterns."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.datafiles import read_yaml

DATA_DIR = Path(__file__).parent / "data"

# A word character for Vietnamese: letters (with tone marks), digits, and & inside abbreviations.
_WORD = r"[\w&]"
# Gaps never cross punctuation, so a phrase stays inside one list item or clause.
_GAP = {"*": r"(?:\s+[^\s,;:.!?]+){0,4}?", "**": r"(?:\s+[^\s,;:.!?]+){0,12}?"}


def load_data(name: str) -> dict:
    """A YAML file from extractors/data, parsed once."""
    return read_yaml(DATA_DIR / name)


def fold(text: str) -> str:
    """Lower-case without changing length, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def phrase_to_regex(phrase: str) -> str:
    """Compile the data-file phrase syntax: words, '*' / '**' gaps, '(a|b)' groups, '?' optional,
    ' , ' an optional comma after the previous word; 're:' starts a raw regular expression."""
    if phrase.startswith("re:"):
        return rf"(?<!{_WORD})(?:{phrase[3:]})(?!{_WORD})"
    parts: list[str] = []
    for token in _split_phrase(phrase.strip().lower()):
        if token == ",":
            parts.append(("GLUE", r",?"))
            continue
        if token in _GAP:
            parts.append(("GAP", _GAP[token]))
            continue
        optional = token.endswith("?") and len(token) > 1
        core = token[:-1] if optional else token
        if "(" in core[1:] or (core.startswith("(") != core.endswith(")")):
            raise ValueError(f"bad phrase syntax in {phrase!r}: {token!r}")
        if core.startswith("(") and core.endswith(")"):
            alts = "|".join(_escape_words(a) for a in core[1:-1].split("|"))
            body = f"(?:{alts})"
        else:
            body = _escape_words(core)
        parts.append(("OPT" if optional else "WORD", body))
    out, need_sep = "", False
    for kind, body in parts:
        if kind == "GLUE":
            out += body
        elif kind == "GAP":
            out += body if need_sep else ""  # a gap carries its own leading spaces
        elif kind == "OPT":
            out += rf"(?:\s+{body})?" if need_sep else rf"(?:{body}\s+)?"
        else:
            out += (r"\s+" if need_sep else "") + body
            need_sep = True
    return rf"(?<!{_WORD}){out}(?!{_WORD})"


def phrase_needles(phrase: str) -> tuple[tuple[str, ...], ...]:
    """What every match of `phrase` contains, as a cheap prefilter: for each required word or '(a|b)'
    group, the words one of which must occur (a group gives each alternative's longest word). None for
    raw regular expressions."""
    if phrase.startswith("re:"):
        return ()
    needles = []
    for token in _split_phrase(phrase.strip().lower()):
        if token in _GAP or token == "," or token.endswith("?"):
            continue
        if token.startswith("(") and token.endswith(")"):
            alternatives = [a.split() for a in token[1:-1].split("|")]
            if all(alternatives):
                needles.append(tuple(max(words, key=len) for words in alternatives))
        elif "(" not in token:
            needles.append((token,))
    return tuple(needles)


def _split_phrase(phrase: str) -> list[str]:
    tokens, depth, current = [], 0, ""
    for ch in phrase:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == " " and depth == 0:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += ch
    if current:
        tokens.append(current)
    return tokens


def _escape_words(words: str) -> str:
    return r"\s+".join(re.escape(w) for w in words.split())


def compile_alternatives(phrases: list[str]) -> re.Pattern:
    """One regex matching any of the phrases, longest first."""
    return re.compile(alternation(sorted(phrases, key=len, reverse=True)))


def alternation(phrases: list[str]) -> str:
    """The regex source matching any of the phrases, in order. The word-boundary checks every phrase
    starts and ends with are made once for all (the same matches, many times faster to scan)."""
    before, after = rf"(?<!{_WORD})", rf"(?!{_WORD})"
    bodies = [phrase_to_regex(p)[len(before):-len(after)] for p in phrases]
    return rf"{before}(?:{'|'.join(f'(?:{b})' for b in bodies)}){after}"
