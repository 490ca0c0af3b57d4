"""Publisher against a real HTTP receiver (ThreadingHTTPServer on 127.0.0.1) with injected faults."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pg import pg_cluster, register_url  # noqa: E402,F401  (fixtures)

from pipeline.config import ConfigError, Endpoint, endpoint_from_url, load_config  # noqa: E402
from pipeline.publisher import (RetryPolicy, derive_batch_key, derive_document_key, parse_retry_after,  # noqa: E402
                                publish, redact_text)
from pipeline.publisher.policy import compute_backoff, compute_delay  # noqa: E402
from pipeline.register import open_register  # noqa: E402
from pipeline.register.cli import main as cli_main  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TOKEN = "tok-7f3a9c-SECRET-not-for-logs"
FAST = RetryPolicy(max_attempts=4, backoff_base=0.01, backoff_max=0.05, retry_after_cap=0.3, body_limit=200)


def make_document(n: int, *, version: str = "1.0.0", title: str | None = None) -> dict:
    """A small output document following output.md."""
    text = f"Biên bản kiểm tra công vụ số {n} tại UBND xã."
    return {"schema_version": "1.0", "document_id": hashlib.sha256(text.encode()).hexdigest(),
            "source": {"uri": f"corpora/{n}.html", "format": "html", "kind": "news", "sha256": "0" * 64},
            "title": title or f"Kiểm tra công vụ {n}", "published": "2022-02-12", "relevant": True, "text": text,
            "units": [{"name": "UBND xã A", "canonical": "UBND xã A", "level": "xa", "role": "inspected",
                       "province": "Nghệ An", "spans": [[0, 9]]}],
            "findings": [{"status": "violation", "code": "late_arrival", "unit": None, "count": n,
                          "evidence": {"sentence": f"{n} người đi làm muộn.", "span": [0, 20]}}],
            "counts": [], "sanctions": [], "extractor": {"name": "findings", "version": version}}


class Receiver:
    """An import endpoint: dedupes by Idempotency-Key; `plan(n, request)` picks the reply to request n."""

    def __init__(self):
        self.requests: list[dict] = []
        self.accepted: dict[str, bytes] = {}  # idempotency key -> body, first accepted copy
        self.duplicates: dict[str, int] = {}
        self.mismatched: list[str] = []  # keys re-sent with a different body
        self.plan = lambda n, req: "ok"
        self.lock = threading.Lock()
        self.inflight = 0
        self.arrived = threading.Event()
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                receiver.handle(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda *a: None  # clients that time out leave broken pipes behind
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/import"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length", 0))
        with self.lock:
            n = len(self.requests)
            req = {"n": n, "at": time.monotonic(), "headers": dict(h.headers), "body": b""}
            self.requests.append(req)
            self.inflight += 1
        try:
            req["body"] = h.rfile.read(length)
            action = self.plan(n, req)
            if action == "drop":  # hang up mid-exchange: request read, no response
                h.connection.shutdown(socket.SHUT_RDWR)
                h.close_connection = True
                return
            if isinstance(action, tuple):  # (status, headers)
                status, headers = action
                body = f"HTTP {status}; auth was {h.headers.get('Authorization')}; ".encode() + b"x" * 5000
                h.send_response(status)
                for k, v in headers.items():
                    h.send_header(k, v)
                h.send_header("Content-Length", str(len(body)))
                h.end_headers()
                h.wfile.write(body)
                return
            if h.headers.get("Authorization") != f"Bearer {TOKEN}":
                return self.reply(h, 401)
            if action == "slow":
                time.sleep(1.0)  # longer than the client timeout; the receiver still commits
            self.accept(req)
            if action == "block":  # commit, then hang until the test has killed the sender
                self.arrived.set()
                self.release.wait(30)
            self.reply(h, 200)
        except OSError:
            pass
        finally:
            with self.lock:
                self.inflight -= 1

    def accept(self, req: dict) -> None:
        key = req["headers"].get("Idempotency-Key")
        with self.lock:
            if key in self.accepted:
                self.duplicates[key] = self.duplicates.get(key, 0) + 1
                if self.accepted[key] != req["body"]:
                    self.mismatched.append(key)
            else:
                self.accepted[key] = req["body"]

    @staticmethod
    def reply(h: BaseHTTPRequestHandler, status: int) -> None:
        h.send_response(status)
        h.send_header("Content-Length", "2")
        h.end_headers()
        h.wfile.write(b"{}")

    def documents(self) -> list[dict]:
        """Every accepted document, once per accepted key (json object, json array or jsonl)."""
        docs = []
        for body in self.accepted.values():
            text = body.decode("utf-8")
            if text.startswith("["):
                docs += json.loads(text)
            elif text.startswith("{") and "\n" not in text:
                docs.append(json.loads(text))
            else:
                docs += [json.loads(line) for line in text.splitlines()]
        return docs

    def wait_idle(self, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while self.inflight and time.monotonic() < deadline:
            time.sleep(0.01)

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    monkeypatch.setenv("FINDINGS_ENDPOINT_TOKEN", TOKEN)
    monkeypatch.delenv("FINDINGS_CONFIG", raising=False)
    monkeypatch.delenv("FINDINGS_DB_URL", raising=False)
    monkeypatch.chdir(tmp_path)


def record_documents(url: str, docs: list[dict]) -> None:
    with open_register(url) as reg:
        for doc in docs:
            reg.record_document(doc)


def key_of(doc: dict) -> str:
    return derive_document_key(doc["document_id"], doc["extractor"]["version"])


def dump_register(url: str) -> str:
    with open_register(url) as reg:
        return repr([reg.db.fetch_all(f"SELECT * FROM {t}") for t in ("runs", "deliveries", "document_versions")])


def test_flaky_endpoint_delivers_everything_once(register_url, receiver, caplog):
    docs = [make_document(i) for i in range(5)]
    record_documents(register_url, docs)
    faults = ["status503", "status429", "slow", "drop"]

    def plan(n, req):  # every other request fails, with each kind of fault in turn
        if n % 2:
            return "ok"
        fault = faults[(n // 2) % len(faults)]
        if fault == "status503":
            return 503, {}
        if fault == "status429":
            return 429, {"Retry-After": "0"}
        return fault

    receiver.plan = plan
    endpoint = Endpoint(name="flaky", url=receiver.url, timeout=0.5)
    caplog.set_level("DEBUG")
    with open_register(register_url) as reg:
        summary = publish(reg, [endpoint], policy=FAST)
        receiver.wait_idle()
        assert (summary["delivered"], summary["dead"], summary["failed"]) == (5, 0, 0)
        assert set(reg.delivery_states("flaky").values()) == {"delivered"}
        assert sorted(receiver.accepted) == sorted(key_of(d) for d in docs)
        assert sorted(receiver.documents(), key=lambda d: d["document_id"]) == \
            sorted(docs, key=lambda d: d["document_id"])
        for key, body in receiver.accepted.items():  # each key names the document it carries
            assert key == key_of(json.loads(body))
            assert body == reg.payload(json.loads(body)["document_id"]).encode("utf-8")
        assert receiver.mismatched == []
        assert list(receiver.duplicates.values()) == [1]  # the timed-out request, committed late and dropped
        assert all(r["headers"]["Authorization"] == f"Bearer {TOKEN}" for r in receiver.requests)
        assert len(receiver.requests) == 10

        seen = len(receiver.requests)
        again = publish(reg, [endpoint], policy=FAST)
        assert (again["requests"], again["delivered"]) == (0, 0)
        assert len(receiver.requests) == seen
    assert TOKEN not in caplog.text and TOKEN not in dump_register(register_url)
    assert TOKEN not in json.dumps(summary)


def test_retry_after_is_honoured_and_capped(tmp_path, receiver):
    url = f"sqlite:///{tmp_path}/r.sqlite"
    record_documents(url, [make_document(i) for i in range(3)])
    in_two_seconds = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=2), usegmt=True)
    replies = {0: (429, {"Retry-After": "1"}), 2: (503, {"Retry-After": in_two_seconds}), 4: (503, {})}
    receiver.plan = lambda n, req: replies.get(n, "ok")
    with open_register(url) as reg:
        summary = publish(reg, [Endpoint(name="r", url=receiver.url)], policy=FAST)
    assert summary["delivered"] == 3
    at = [r["at"] for r in receiver.requests]
    assert len(at) == 6
    assert 0.28 <= at[1] - at[0] < 0.9  # Retry-After: 1, capped at 0.3 s
    assert 0.28 <= at[3] - at[2] < 0.9  # Retry-After as an HTTP date, capped
    assert at[5] - at[4] < 0.25  # no header: the tiny backoff


def test_poisoned_document_is_dead_lettered_and_retried_on_request(register_url, receiver, capsys):
    docs = [make_document(i, title="POISON" if i == 2 else None) for i in range(5)]
    record_documents(register_url, docs)
    healed = threading.Event()
    receiver.plan = lambda n, req: "ok" if healed.is_set() or b"POISON" not in req["body"] else (400, {})
    endpoint = Endpoint(name="strict", url=receiver.url)
    with open_register(register_url) as reg:
        summary = publish(reg, [endpoint], policy=FAST)
        assert (summary["delivered"], summary["dead"], summary["requests"]) == (4, 1, 5)
        dead = [d for d in reg.show(docs[2]["document_id"])["deliveries"]]
        assert [(d["state"], d["last_status"], d["attempts"]) for d in dead] == [("dead", 400, 1)]
        error = dead[0]["last_error"]
        assert error.startswith("HTTP 400") and len(error) <= FAST.body_limit and TOKEN not in error
        assert "Bearer ***" in error  # the receiver echoed the header; it was masked
        assert publish(reg, [endpoint], policy=FAST)["requests"] == 0
    healed.set()
    argv = ["publish", "--db", register_url, "--endpoint", receiver.url, "--json"]
    assert cli_main(argv) == 0  # a CLI endpoint is a different endpoint: it gets all five
    assert json.loads(capsys.readouterr().out)["delivered"] == 5
    with open_register(register_url) as reg:
        summary = publish(reg, [endpoint], retry_dead=True, policy=FAST)
        assert (summary["delivered"], summary["requests"]) == (1, 1)
        assert set(reg.delivery_states("strict").values()) == {"delivered"}
    assert TOKEN not in capsys.readouterr().err


def test_jsonl_batches_carry_batch_keys(tmp_path, receiver):
    url = f"sqlite:///{tmp_path}/r.sqlite"
    docs = [make_document(i) for i in range(5)]
    record_documents(url, docs)
    with open_register(url) as reg:
        publish(reg, [Endpoint(name="bulk", url=receiver.url, format="jsonl", batch_size=2)], policy=FAST)
        payloads = {d["document_id"]: reg.payload(d["document_id"]) for d in docs}
    assert [r["headers"]["Content-Type"] for r in receiver.requests] == ["application/x-ndjson; charset=utf-8"] * 3
    sizes = []
    for req in receiver.requests:
        lines = req["body"].decode().splitlines()
        sizes.append(len(lines))
        members = [json.loads(line) for line in lines]
        assert lines == [payloads[m["document_id"]] for m in members]
        keys = [key_of(m) for m in members]
        expected = keys[0] if len(keys) == 1 else derive_batch_key(keys)
        assert req["headers"]["Idempotency-Key"] == expected
    assert sizes == [2, 2, 1]
    assert sorted(d["document_id"] for d in receiver.documents()) == sorted(payloads)


def test_rejected_json_array_batch_is_split(tmp_path, receiver):
    url = f"sqlite:///{tmp_path}/r.sqlite"
    docs = [make_document(i, title="POISON" if i == 1 else None) for i in range(5)]
    record_documents(url, docs)
    receiver.plan = lambda n, req: (400, {}) if b"POISON" in req["body"] else "ok"
    with open_register(url) as reg:
        summary = publish(reg, [Endpoint(name="arr", url=receiver.url, batch_size=3)], policy=FAST)
        states = reg.delivery_states("arr")
    assert (summary["delivered"], summary["dead"]) == (4, 1)
    assert states[(docs[1]["document_id"], "1.0.0", "arr")] == "dead"
    assert sorted(d["document_id"] for d in receiver.documents()) == \
        sorted(d["document_id"] for i, d in enumerate(docs) if i != 1)
    assert all(r["body"].startswith(b"[") for r in receiver.requests)
    assert [int(r["headers"]["X-Findings-Count"]) for r in receiver.requests] == [3, 1, 1, 1, 2]


def test_unavailable_endpoint_keeps_documents_pending(tmp_path, receiver):
    url = f"sqlite:///{tmp_path}/r.sqlite"
    docs = [make_document(i) for i in range(3)]
    record_documents(url, docs)
    up = threading.Event()
    receiver.plan = lambda n, req: "ok" if up.is_set() else (503, {})
    endpoint = Endpoint(name="down", url=receiver.url)
    policy = RetryPolicy(max_attempts=2, backoff_base=0.01, backoff_max=0.02)
    with open_register(url) as reg:
        summary = publish(reg, [endpoint], policy=policy)
        assert (summary["failed"], summary["requests"], len(receiver.requests)) == (1, 2, 2)  # stops after one batch
        assert set(reg.delivery_states("down").values()) == {"pending"}
        assert reg.run(summary["run_id"])["status"] == "incomplete"
        up.set()
        assert publish(reg, [endpoint], policy=policy)["delivered"] == 3
    assert len(receiver.accepted) == 3


def test_publish_command_exits_3_while_the_endpoint_is_down_then_0(tmp_path, receiver, capsys):
    url = f"sqlite:///{tmp_path}/r.sqlite"
    record_documents(url, [make_document(i) for i in range(2)])
    (tmp_path / "findings.toml").write_text("[publish]\nmax_attempts = 2\nbackoff_base = 0.01\nbackoff_max = 0.02\n")
    up = threading.Event()
    receiver.plan = lambda n, req: "ok" if up.is_set() else (503, {})
    argv = ["publish", "--endpoint", receiver.url, "--db", url]
    assert cli_main(argv) == 3
    line = [x for x in capsys.readouterr().err.splitlines() if x.startswith("findings:")]
    assert len(line) == 1 and "endpoint unavailable" in line[0] and "2 document(s) stay pending" in line[0]
    up.set()
    assert cli_main(argv) == 0
    assert len(receiver.accepted) == 2


def test_new_version_is_published_under_its_own_key(tmp_path, receiver):
    url = f"sqlite:///{tmp_path}/r.sqlite"
    endpoint = Endpoint(name="e", url=receiver.url)
    v1, v2, v3 = (make_document(0, version=v) for v in ("1.0.0", "1.1.0", "1.2.0"))
    with open_register(url) as reg:
        reg.record_document(v1)
        publish(reg, [endpoint], policy=FAST)
        reg.record_document(v2)
        reg.enqueue_deliveries("e")  # queued, then superseded before it is sent
        reg.record_document(v3)
        publish(reg, [endpoint], policy=FAST)
        states = reg.delivery_states("e")
    doc_id = v1["document_id"]
    assert states == {(doc_id, "1.0.0", "e"): "delivered", (doc_id, "1.1.0", "e"): "superseded",
                      (doc_id, "1.2.0", "e"): "delivered"}
    assert [r["headers"]["Idempotency-Key"] for r in receiver.requests] == [key_of(v1), key_of(v3)]


def test_killed_publisher_resumes_without_loss(register_url, receiver, tmp_path):
    docs = [make_document(i) for i in range(5)]
    record_documents(register_url, docs)
    config = tmp_path / "findings.toml"
    config.write_text(f"""
[publish]
max_attempts = 3
backoff_base = 0.01
[[endpoints]]
name = "receiver"
url = "{receiver.url}"
format = "jsonl"
batch_size = 2
token_env = "RECEIVER_TOKEN"
timeout = 20
""")
    env = {k: v for k, v in os.environ.items() if k != "FINDINGS_ENDPOINT_TOKEN"}
    env.update(RECEIVER_TOKEN=TOKEN, FINDINGS_CONFIG=str(config), FINDINGS_DB_URL=register_url)
    command = [sys.executable, "-m", "pipeline.register.cli", "publish", "--json"]
    receiver.plan = lambda n, req: "block" if n == 1 else "ok"

    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert receiver.arrived.wait(30), proc.stderr.read1(4000) if proc.poll() is not None else "no 2nd batch"
        proc.send_signal(signal.SIGKILL)  # first batch delivered, second received but unanswered
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    receiver.release.set()
    receiver.wait_idle()
    first = [json.loads(line)["document_id"] for line in receiver.requests[0]["body"].decode().splitlines()]
    with open_register(register_url) as reg:
        states = {doc: state for (doc, _, _), state in reg.delivery_states("receiver").items()}
    assert len(first) == 2 and all(states[d] == "delivered" for d in first)
    assert sorted(s for d, s in states.items() if d not in first) == ["pending"] * 3

    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["delivered"] == 3
    keys = [r["headers"]["Idempotency-Key"] for r in receiver.requests]
    assert len(keys) == 4 and keys[1] == keys[2] and len(set(keys)) == 3  # only the in-flight batch repeats
    assert receiver.requests[1]["body"] == receiver.requests[2]["body"]
    assert receiver.duplicates == {keys[1]: 1} and receiver.mismatched == []
    assert sorted(d["document_id"] for d in receiver.documents()) == sorted(d["document_id"] for d in docs)
    with open_register(register_url) as reg:
        assert set(reg.delivery_states("receiver").values()) == {"delivered"}
    assert TOKEN not in done.stdout + done.stderr


# -- policy, config and secrets -------------------------------------------------------------------------------

def test_parse_retry_after_forms():
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 01 May 2024 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Wed, 01 May 2024 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None and parse_retry_after("-5") is None
    policy = RetryPolicy(backoff_base=1.0, backoff_max=8.0, retry_after_cap=60.0)
    assert compute_delay(policy, 1, "3600") == 60.0
    for attempt, ceiling in ((1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)):
        delays = [compute_backoff(policy, attempt) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays) and len(set(delays)) > 1


def test_config_file_and_token_rules(tmp_path, monkeypatch):
    path = tmp_path / "findings.toml"
    path.write_text('[register]\ndb = "sqlite:///r.sqlite"\n[publish]\nmax_attempts = 7\n'
                    '[[endpoints]]\nname = "m"\nurl = "https://import.example.vn/x"\nformat = "jsonl"\n'
                    'batch_size = 50\ntoken_env = "M_TOKEN"\ntimeout = 5\n')
    monkeypatch.setenv("FINDINGS_CONFIG", str(path))
    config = load_config()
    assert config.db_url == "sqlite:///r.sqlite" and config.retry.max_attempts == 7
    (ep,) = config.endpoints
    assert (ep.name, ep.format, ep.batch_size, ep.token_env, ep.timeout) == ("m", "jsonl", 50, "M_TOKEN", 5)
    monkeypatch.setenv("M_TOKEN", TOKEN)
    assert ep.read_token() == TOKEN and TOKEN not in repr(ep)
    for bad, message in (('token = "abc"', "must not be written"), ('format = "xml"', "json or jsonl"),
                         ("batch_size = 0", "positive"), ("colour = 1", "unknown keys")):
        path.write_text(f'[[endpoints]]\nname = "m"\nurl = "https://h/x"\n{bad}\n')
        with pytest.raises(ConfigError, match=message):
            load_config()
    with pytest.raises(ConfigError, match="credentials") as info:
        endpoint_from_url("https://user:hunter2@h/x")
    assert "hunter2" not in str(info.value)
    assert endpoint_from_url("https://h:8443/in?k=v").name == "https://h:8443/in"


def test_redact_text_masks_tokens():
    assert redact_text(f"401 for Bearer {TOKEN} and {TOKEN}", [TOKEN]) == "401 for Bearer *** and ***"
    assert redact_text("Authorization: bearer abc.def", []) == "Authorization: bearer ***"


def test_publish_without_endpoints_is_an_error(tmp_path, capsys):
    assert cli_main(["publish", "--db", f"sqlite:///{tmp_path}/r.sqlite"]) == 2
    assert "no endpoints" in capsys.readouterr().err
