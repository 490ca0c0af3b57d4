"""What every extractor returns: a grounded mention of the normalised text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Mention:
    """A fact found at text[start:end]; `data` holds the fields the output contract needs."""

    start: int
    end: int
    label: str
    data: dict = field(default_factory=dict)

    def text_of(self, text: str) -> str:
        return text[self.start:self.end]
