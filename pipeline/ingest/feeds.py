"""News feeds: RSS 2.0 / Atom parsed with lxml (no network, no entities), item pages fetched with httpx.

A feeds file lists one feed per line (http(s) URL or local path; `#` starts a comment). Every fetch
has a timeout and a size cap; only http(s) links are followed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
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
    """Item links of an RSS 2.0 or Atom document, in feed order, absolute, deduplicated."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not a valid feed: {exc}") from None
    links: list[str] = []
    if root.tag == f"{ATOM}feed":
        for entry in root.iter(f"{ATOM}entry"):
            candidates = [l for l in entry.findall(f"{ATOM}link") if l.get("rel", "alternate") == "alternate"]
            if candidates and candidates[0].get("href"):
                links.append(candidates[0].get("href").strip())
    else:
        for item in root.iter("item"):
            link = item.findtext("link") or ""
            guid = item.find("guid")
            if not link.strip() and guid is not None and guid.get("isPermaLink", "true") == "true":
                link = guid.text or ""
            if link.strip():
                links.append(link.strip())
    absolute = [urljoin(base_url, link) for link in links]
    return list(dict.fromkeys(u for u in absolute if urlsplit(u).scheme in ("http", "https")))


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
