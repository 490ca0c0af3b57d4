"""Feed parsing (feedparser): the RSS and Atom versions found in the wild, broken XML, hostile XML."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pipeline.ingest.feeds import FeedError, FetchLimits, make_client, parse_feed, read_feed
from test_decoding import to_cp1258

BASE = "https://baotinh.vn/rss/thoi-su.rss"

RSS_091 = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Tin tinh</title><link>https://baotinh.vn/</link>
<description>Tin moi</description><language>vi</language>
<item><title>Kiem tra cong vu</title><link>https://baotinh.vn/tin/1.html</link></item>
<item><title>Giam sat</title><link>https://baotinh.vn/tin/2.html</link></item>
</channel></rss>"""

RSS_092 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="0.92"><channel><title>Tin tỉnh</title><link>https://baotinh.vn/</link>
<item><title>Kiểm tra</title><description>Đoàn kiểm tra làm việc tại xã</description>
<link>https://baotinh.vn/tin/3.html</link><enclosure url="https://baotinh.vn/a.mp3" length="1" type="audio/mpeg"/></item>
<item><description>Tin không có liên kết</description></item>
</channel></rss>""".encode()

RSS_10 = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://baotinh.vn/rss"><title>Tin tỉnh</title><link>https://baotinh.vn/</link>
<items><rdf:Seq><rdf:li rdf:resource="https://baotinh.vn/tin/4.html"/><rdf:li rdf:resource="https://baotinh.vn/tin/5.html"/></rdf:Seq></items>
</channel>
<item rdf:about="https://baotinh.vn/tin/4.html"><title>Giám sát</title><link>https://baotinh.vn/tin/4.html</link><dc:date>2024-03-01</dc:date></item>
<item rdf:about="https://baotinh.vn/tin/5.html"><title>Kiểm tra</title><link>https://baotinh.vn/tin/5.html</link></item>
</rdf:RDF>""".encode()

RSS_20 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Thời sự</title>
<atom:link href="https://baotinh.vn/rss/thoi-su.rss" rel="self" type="application/rss+xml"/>
<item><title>Có link</title><link>/tin/6.html</link><guid isPermaLink="false">id-6</guid></item>
<item><title>Chỉ có guid</title><guid>https://baotinh.vn/tin/7.html</guid></item>
<item><title>Guid không phải liên kết</title><guid isPermaLink="false">id-8</guid></item>
<item><title>Trùng</title><link>https://baotinh.vn/tin/6.html</link></item>
<item><title>Thư</title><link>mailto:toasoan@baotinh.vn</link></item>
</channel></rss>""".encode()

ATOM_10 = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://baotinh.vn/">
<title>Tin tỉnh</title><id>urn:x</id><updated>2024-03-01T00:00:00Z</updated>
<link rel="self" href="https://baotinh.vn/atom.xml"/>
<entry><title>Một</title><id>urn:1</id><updated>2024-03-01T00:00:00Z</updated>
  <link rel="self" href="/api/1"/><link rel="alternate" type="text/html" href="tin/9.html"/>
  <link rel="enclosure" href="/media/9.mp4"/></entry>
<entry><title>Hai</title><id>urn:2</id><updated>2024-03-01T00:00:00Z</updated><link href="https://baotinh.vn/tin/10.html"/></entry>
</feed>""".encode()

ATOM_03 = b"""<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Tin</title>
<entry><title>Ba</title><link rel="alternate" type="text/html" href="https://baotinh.vn/tin/11.html"/><id>x</id></entry>
</feed>"""


@pytest.mark.parametrize("data, links", [
    (RSS_091, ["https://baotinh.vn/tin/1.html", "https://baotinh.vn/tin/2.html"]),
    (RSS_092, ["https://baotinh.vn/tin/3.html"]),
    (RSS_10, ["https://baotinh.vn/tin/4.html", "https://baotinh.vn/tin/5.html"]),
    (RSS_20, ["https://baotinh.vn/tin/6.html", "https://baotinh.vn/tin/7.html"]),
    (ATOM_10, ["https://baotinh.vn/tin/9.html", "https://baotinh.vn/tin/10.html"]),
    (ATOM_03, ["https://baotinh.vn/tin/11.html"]),
], ids=["rss0.91", "rss0.92", "rss1.0", "rss2.0", "atom1.0", "atom0.3"])
def test_feed_versions(data, links):
    assert parse_feed(data, BASE) == links


def test_empty_feed_is_no_error():
    assert parse_feed(b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>") == []


@pytest.mark.parametrize("data, links", [
    # a bare '&' in a link and an undeclared HTML entity: not well-formed XML
    (b"<rss version='2.0'><channel><item><title>A &nbsp; B</title>"
     b"<link>https://baotinh.vn/tin?id=1&cat=2</link></item></channel></rss>",
     ["https://baotinh.vn/tin?id=1&cat=2"]),
    # unclosed HTML in a description, and the document cut off after its last item
    (b"<rss version='2.0'><channel><item><title>Mot</title><description><p>Doan kiem tra<br></description>"
     b"<link>https://baotinh.vn/tin/12.html</link></item>"
     b"<item><title>Hai</title><link>https://baotinh.vn/tin/13.html</link>",
     ["https://baotinh.vn/tin/12.html", "https://baotinh.vn/tin/13.html"]),
    # declared as UTF-8, holds Windows-1258 bytes
    (to_cp1258("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><item><title>Kiểm tra</title>"
               "<link>https://baotinh.vn/tin/14.html</link></item></channel></rss>"),
     ["https://baotinh.vn/tin/14.html"]),
], ids=["bare-ampersand", "unclosed", "wrong-encoding"])
def test_broken_xml_still_gives_its_links(data, links):
    assert parse_feed(data, BASE) == links


@pytest.mark.parametrize("data", [b"<rss><channel>", b"not a feed at all", b"\x00\x01\x02 binary",
                                  "<html><body><p>Trang web, không phải feed</p></body></html>".encode()])
def test_what_holds_no_feed_is_a_feed_error(data):
    with pytest.raises(FeedError, match="not a valid feed"):
        parse_feed(data, BASE)


def test_external_entities_are_not_read(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("TOP-SECRET")
    xxe = (f"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY e SYSTEM 'file://{secret}'>]>"
           "<rss version='2.0'><channel><item><title>&e;</title><link>https://baotinh.vn/&e;x</link></item>"
           "<item><link>https://baotinh.vn/tin/15.html</link></item></channel></rss>").encode()
    links = parse_feed(xxe, BASE)
    assert "TOP-SECRET" not in "".join(links) and links[-1] == "https://baotinh.vn/tin/15.html"


def test_entity_expansion_is_not_followed():
    """'Billion laughs': nested entities would expand to gigabytes; only plain ones are kept."""
    levels = "".join(f"<!ENTITY l{i} '{('&l' + str(i - 1) + ';') * 10}'>" for i in range(1, 10))
    bomb = (f"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY l0 'ha'>{levels}]>"
            "<rss version='2.0'><channel><item><title>&l9;</title><link>https://baotinh.vn/tin/16.html</link>"
            "</item></channel></rss>").encode()
    started = time.monotonic()
    assert parse_feed(bomb, BASE) == ["https://baotinh.vn/tin/16.html"]
    assert time.monotonic() - started < 5


def test_external_dtd_is_never_fetched(tmp_path):
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = b"<!ENTITY x 'fetched'>" if self.path.endswith(".dtd") else RSS_20
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dtd = f"http://127.0.0.1:{server.server_address[1]}/evil.dtd"
        feed = (f"<?xml version='1.0'?><!DOCTYPE rss SYSTEM '{dtd}'><rss version='2.0'><channel><item>"
                "<title>&x;</title><link>https://baotinh.vn/tin/17.html</link></item></channel></rss>").encode()
        assert parse_feed(feed, BASE) == ["https://baotinh.vn/tin/17.html"]
        path = tmp_path / "feed.xml"
        path.write_bytes(feed)
        with make_client(FetchLimits()) as client:
            assert read_feed(client, str(path), FetchLimits()) == ["https://baotinh.vn/tin/17.html"]
        assert hits == []
    finally:
        server.shutdown()
        server.server_close()


def test_size_limit_holds_before_parsing(tmp_path):
    path = tmp_path / "big.xml"
    path.write_bytes(RSS_20 + b" " * 2000)
    with make_client(FetchLimits()) as client, pytest.raises(FeedError, match="larger than"):
        read_feed(client, str(path), FetchLimits(max_bytes=1000))
