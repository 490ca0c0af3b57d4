"""News feeds: RSS 0.9x/1.0/2.0 and Atom parsed by feedparser (broken XML too), item pages fetched with httpx.

A feeds file lists one feed per line (http(s) URL or local path; `#` starts a comment). Every fetch
has a timeout and a size cap; only http(s) links are followed. feedparser only ever sees bytes we
fetched within those limits (never a URL or a path, which it would open itself), with the document
type declaration cut out first: no entity of a feed is ever expanded or fetched (XXE, "billion laughs";
feedparser's own guard still lets nested entities expand, slowly, by a million characters).
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z]")
SUFFIXES = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
            "text/plain": ".txt",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}


class FeedError(Exception):
    """A feed or an item could not be fetched or parsed; the message is one line."""


@dataclass(frozen=True, slots=True)
class FetchLimits:
    timeout: float = 20.0
    max_bytes: int = 20 * 1024 * 1024
    max_items: int = 200  # per feed


def read_feed_list(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def parse_feed(data: bytes, base_url: str = "") -> list[str]:
    """Item links of a feed, in feed order, absolute, deduplicated; FeedError when it holds no feed."""
    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(io.BytesIO(without_doctype(data)), response_headers=headers, sanitize_html=False)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        problem = parsed.get("bozo_exception") or "no RSS or Atom document"
        raise FeedError(f"not a valid feed: {' '.join(str(problem).split())}")
    links = [item_link(entry) for entry in parsed.entries]
    absolute = [urljoin(base_url, link) for link in links if link]
    return list(dict.fromkeys(u for u in absolute if urlsplit(u).scheme in ("http", "https")))


def without_doctype(data: bytes) -> bytes:
    """The feed with the document type declarations of its prolog removed (entities stay unexpanded)."""
    first = _FIRST_ELEMENT.search(data)
    end = first.start() if first else len(data)
    return _DOCTYPE.sub(b"", data[:end]) + data[end:]


def item_link(entry) -> str:
    """An entry's page: its first alternate link (an RSS <link>, or a <guid> that is a permalink)."""
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href", "").strip():
            return link["href"].strip()
    return (entry.get("link") or "").strip()


def fetch_bytes(client: httpx.Client, url: str, limits: FetchLimits) -> tuple[bytes, str]:
    """(body, content type) of a GET, streamed and cut off past the size cap."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise FeedError(f"not an http(s) URL: {url}")
    try:
        with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise FeedError(f"HTTP {response.status_code} for {url}")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limits.max_bytes:
                raise FeedError(f"{url}: {declared} bytes > limit {limits.max_bytes}")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limits.max_bytes:
                    raise FeedError(f"{url}: more than {limits.max_bytes} bytes")
                chunks.append(chunk)
            return b"".join(chunks), response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    except httpx.HTTPError as exc:
        raise FeedError(f"{type(exc).__name__} fetching {url}") from None


def read_feed(client: httpx.Client, location: str, limits: FetchLimits) -> list[str]:
    """Item links of one feed (URL or local file)."""
    if urlsplit(location).scheme in ("http", "https"):
        data, _ = fetch_bytes(client, location, limits)
        return parse_feed(data, location)[: limits.max_items]
    path = Path(location)
    if path.stat().st_size > limits.max_bytes:
        raise FeedError(f"{location}: larger than {limits.max_bytes} bytes")
    return parse_feed(path.read_bytes())[: limits.max_items]


def save_item(client: httpx.Client, url: str, directory: Path, limits: FetchLimits) -> Path:
    """Fetch one item page into `directory` (named by the URL's hash, suffix from the content type)."""
    data, content_type = fetch_bytes(client, url, limits)
    suffix = SUFFIXES.get(content_type) or Path(urlsplit(url).path).suffix.lower() or ".html"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:20] + suffix)
    path.write_bytes(data)
    return path


def make_client(limits: FetchLimits) -> httpx.Client:
    return httpx.Client(timeout=httpx.Timeout(limits.timeout), follow_redirects=True, max_redirects=3,
                        headers={"User-Agent": "findings-nightly/1.0"})
