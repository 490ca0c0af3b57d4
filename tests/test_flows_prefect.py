"""The Prefect wiring: flows run against a temporary Prefect server (prefect_test_harness), batches on Dask."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flow_fakes import write_broken, write_reports  # noqa: E402

from flows.nightly import CRON, TIMEZONE, build_nightly_deployment, nightly_flow  # noqa: E402
from flows.reprocess import reprocess_flow, reprocess_on_dask  # noqa: E402
from flows.settings import one_off_settings  # noqa: E402
from pipeline.runs_cli import main as runs_main  # noqa: E402

TESTS = Path(__file__).resolve().parent
FAKE = "flow_fakes:fake_process"


def query(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def read_task_runs(flow_run_id, expected: int, timeout: float = 20.0) -> dict[str, list[str]]:
    """{task name: [final state type, ...]} of one flow run, from the Prefect API. Task-run records arrive
    asynchronously (events), so poll until `expected` runs are final."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import TaskRunSort

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while True:
            runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])),
                                         sort=TaskRunSort.EXPECTED_START_TIME_ASC, limit=200)
            final = [r for r in runs if r.state and r.state.is_final()]
            if len(final) >= expected or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    out: dict[str, list[str]] = {}
    for run in final:
        out.setdefault(run.name.rsplit("-", 1)[0], []).append(run.state.type.value)
    return out


@pytest.fixture
def fake_engine(monkeypatch, tmp_path):
    monkeypatch.setenv("FINDINGS_PROCESSOR", FAKE)
    (tmp_path / "empty.toml").write_text("")
    monkeypatch.setenv("FINDINGS_CONFIG", str(tmp_path / "empty.toml"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(TESTS), str(TESTS.parent)]))


def test_nightly_flow_runs_each_step_as_a_task(prefect_harness, fake_engine, tmp_path):
    inbox = tmp_path / "inbox"
    write_reports(inbox, 3)
    write_broken(inbox)
    with one_off_settings():
        state = nightly_flow(inbox=str(inbox), out=str(tmp_path / "out"), db=f"sqlite:///{tmp_path}/reg.sqlite",
                             return_state=True)
    assert state.is_completed()
    summary = state.result()
    assert (summary["processed"], summary["set_aside"]) == (3, 2) and "entries" not in summary
    assert query(tmp_path / "reg.sqlite", "SELECT COUNT(*) FROM document_versions") == [(3,)]
    tasks = read_task_runs(state.state_details.flow_run_id, expected=5)
    assert tasks == {name: ["COMPLETED"] for name in ("list_inbox", "ingest_inputs", "settle_inbox",
                                                        "publish_documents", "write_run_outputs")}


def test_cli_run_nightly_as_a_flow(prefect_harness, fake_engine, tmp_path):
    inbox = tmp_path / "inbox"
    write_reports(inbox, 2)
    code = runs_main(["run", "nightly", "--inbox", str(inbox), "--out", str(tmp_path / "out"),
                      "--db", f"sqlite:///{tmp_path}/reg.sqlite"])
    assert code == 0
    assert query(tmp_path / "reg.sqlite", "SELECT kind, status FROM runs") == [("nightly", "ok")]
    assert query(tmp_path / "reg.sqlite", "SELECT COUNT(*) FROM document_versions") == [(2,)]


def test_reprocess_flow_on_a_local_dask_cluster(prefect_harness, fake_engine, tmp_path, monkeypatch):
    from distributed import LocalCluster

    corpus = tmp_path / "corpus"
    write_reports(corpus / "a", 9)
    write_broken(corpus / "b")
    monkeypatch.setenv("PREFECT_API_URL", prefect_harness)  # the spawned Dask workers report to the harness
    db = tmp_path / "reg.sqlite"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, one_off_settings():
        summary = reprocess_on_dask(cluster.scheduler_address, archive=str(corpus), out=str(tmp_path / "out"),
                                    db=f"sqlite:///{db}", batch_size=3)
        code = runs_main(["reprocess", str(corpus), "--dask", cluster.scheduler_address, "--out",
                          str(tmp_path / "out"), "--db", f"sqlite:///{db}", "--batch-size", "3"])
    assert (summary["processed"], summary["set_aside"]) == (9, 2)
    assert code == 0  # the repeat: nothing processed, nothing set aside
    again = json.loads((tmp_path / "out" / "manifest.json").read_text())["summary"]
    assert (again["processed"], again["skipped"]) == (0, 11)
    assert query(db, "SELECT COUNT(*), COUNT(DISTINCT document_id) FROM document_versions") == [(9, 9)]
    from prefect.client.orchestration import get_client

    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        runs = [r for r in client.read_flow_runs(sort=FlowRunSort.START_TIME_ASC, limit=50)
                if r.parameters.get("out") == str(tmp_path / "out")]
    assert [(r.state.type.value, r.parameters["use_task_runner"]) for r in runs] == [("COMPLETED", True)] * 2
    run = runs[0]
    # 11 pending inputs in batches of 3: four batch task runs, each completed on a Dask worker
    assert read_task_runs(run.id, expected=4) == {"process_batch": ["COMPLETED"] * 4}


def test_reprocess_flow_fn_runs_without_prefect(fake_engine, tmp_path):
    corpus = tmp_path / "corpus"
    write_reports(corpus, 4)
    summary = reprocess_flow.fn(archive=str(corpus), out=str(tmp_path / "out"), db=f"sqlite:///{tmp_path}/r.sqlite",
                                workers=0)
    assert summary["processed"] == 4 and (tmp_path / "out" / "report.html").exists()


def test_nightly_deployment_schedule():
    deployment = build_nightly_deployment({"inbox": "/srv/inbox", "feeds": None, "out": "/srv/out", "db": None})
    (schedule,) = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == (CRON, TIMEZONE) == ("0 2 * * *",
                                                                                      "Asia/Ho_Chi_Minh")
    assert deployment.name == "nightly" and deployment.parameters["inbox"] == "/srv/inbox"


def test_prefect_yaml_deployments_match_the_flows():
    import importlib
    import inspect

    import yaml

    spec = yaml.safe_load((TESTS.parent / "prefect.yaml").read_text())
    by_name = {d["name"]: d for d in spec["deployments"]}
    assert set(by_name) == {"nightly", "reprocess"}
    for deployment in by_name.values():
        path, _, attr = deployment["entrypoint"].partition(":")
        flow = getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), attr)
        signature = inspect.signature(flow.fn)
        assert set(deployment["parameters"]) <= set(signature.parameters)
        required = {n for n, p in signature.parameters.items() if p.default is inspect.Parameter.empty}
        assert required <= set(deployment["parameters"])
    assert by_name["nightly"]["schedules"] == [{"cron": CRON, "timezone": TIMEZONE, "active": True}]
