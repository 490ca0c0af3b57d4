"""Register schema migrations on Alembic, on SQLite and on a real PostgreSQL: in-place upgrade of registers made
by the numbered-migration runner, concurrent openers, failed revisions, `findings register migrate` and the
Alembic CLI with the shipped alembic.ini."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from legacy_register import DOC, LEGACY_MIGRATIONS, LEGACY_ROWS, NEW, OLD, build_legacy_register  # noqa: E402
from pg import pg_cluster, register_url  # noqa: E402,F401  (fixtures)

from pipeline.register import RegisterError, open_register  # noqa: E402
from pipeline.register import migrations  # noqa: E402
from pipeline.register.cli import main as cli_main  # noqa: E402
from pipeline.register.db import connect_database  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ALEMBIC_INI = ROOT / "pipeline" / "register" / "alembic.ini"
HEAD = migrations.head_revision()


def describe_schema(db) -> dict:
    """Tables with their columns, keys and indexes as the database reports them (schema_migrations aside)."""
    inspector = sa.inspect(db.conn)
    schema = {}
    for table in sorted(set(inspector.get_table_names()) - {"schema_migrations"}):
        schema[table] = {
            "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)],
            "pk": inspector.get_pk_constraint(table)["constrained_columns"],
            "fks": sorted((fk["constrained_columns"], fk["referred_table"], fk["referred_columns"])
                          for fk in inspector.get_foreign_keys(table)),
            "indexes": sorted((ix["name"], ix["column_names"], bool(ix["unique"]),
                               sorted((k, str(v)) for k, v in ix.get("dialect_options", {}).items()))
                              for ix in inspector.get_indexes(table)),
        }
    return schema


def table_rows(db, table: str, width: int) -> list[tuple]:
    """The first `width` columns of every row, in a stable order."""
    return sorted(r[:width] for r in db.fetch_all(f"SELECT * FROM {table}"))


@pytest.fixture
def fresh_schema(register_url, request, tmp_path) -> dict:
    """Schema of a register created from scratch by the current code, on the backend of `register_url`."""
    if register_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path}/fresh.sqlite"
    else:
        url = request.getfixturevalue("pg_cluster").create_database()
    with open_register(url) as reg:
        return describe_schema(reg.db)


@pytest.mark.parametrize("legacy_version", [1, 3, 4])
def test_legacy_register_upgrades_in_place(register_url, legacy_version, fresh_schema):
    build_legacy_register(register_url, upto=legacy_version)
    with open_register(register_url) as reg:
        db = reg.db
        assert db.fetch_all("SELECT version_num FROM alembic_version") == [(HEAD,)]
        assert describe_schema(db) == fresh_schema
        for version, table, rows in LEGACY_ROWS:
            if version <= legacy_version:
                assert table_rows(db, table, len(rows[0])) == sorted(rows), table
        # the old record stays: versions, applied history
        legacy = db.fetch_all("SELECT version, name FROM schema_migrations ORDER BY version")
        assert legacy == [(v, n) for v, n, _ in LEGACY_MIGRATIONS[:legacy_version]]
        # and the register works on it: history, stats, superseding, runs with owner, the outbox
        shown = reg.show(DOC)
        assert [(v["extractor_version"], v["current"]) for v in shown["versions"]] == [(OLD, False), (NEW, True)]
        assert reg.stats()["findings"] == 1
        newer = reg.run(reg.start_run("load"))
        assert newer["host"] and newer["pid"]
        assert reg.enqueue_deliveries("http://import.example/api") == (0 if legacy_version >= 2 else 1)
    with open_register(register_url) as reg:  # a second open changes nothing
        assert reg.db.fetch_all("SELECT version_num FROM alembic_version") == [(HEAD,)]


def test_unknown_legacy_version_is_refused(register_url):
    build_legacy_register(register_url, upto=1)
    db = connect_database(register_url)
    try:
        db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", (99, "future", "x"))
    finally:
        db.close()
    with pytest.raises(RegisterError, match="numbered migration 99"):
        open_register(register_url)


def test_register_from_newer_code_is_refused(register_url):
    with open_register(register_url) as reg:
        reg.db.execute("UPDATE alembic_version SET version_num = ?", ("9999",))
    with pytest.raises(RegisterError, match="9999"):
        open_register(register_url)


def _open_together(url: str, openers: int = 6) -> list[Exception]:
    """`openers` threads open the register at `url` at the same moment and start a run; their errors."""
    barrier, errors = threading.Barrier(openers), []

    def open_one() -> None:
        try:
            barrier.wait()
            with open_register(url) as reg:
                reg.start_run("nightly")
        except Exception as exc:  # returned to the caller's assertion
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(openers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors


def test_processes_opening_fresh_sqlite_registers_together_all_connect(tmp_path):
    """Switching a new file to WAL takes an exclusive lock SQLite's busy timeout does not always wait for:
    six openers of each of 20 fresh files (the old code failed about one file in eight)."""
    assert [e for i in range(20) for e in _open_together(f"sqlite:///{tmp_path / str(i) / 'register.sqlite'}")] == []


def test_concurrent_openers_of_a_fresh_register_migrate_once(register_url):
    assert _open_together(register_url, openers=6) == []
    with open_register(register_url) as reg:
        assert reg.db.fetch_all("SELECT version_num FROM alembic_version") == [(HEAD,)]
        assert reg.stats()["runs"] == 6


def test_concurrent_processes_open_a_fresh_register(register_url, tmp_path):
    """Separate processes, as two nightly runs starting at once would be."""
    go = tmp_path / "go"
    code = ("import sys, time, pathlib\n"
            "from pipeline.register import open_register\n"
            "while not pathlib.Path(sys.argv[2]).exists(): time.sleep(0.01)\n"
            "with open_register(sys.argv[1]) as r: r.start_run('nightly')\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, register_url, str(go)], cwd=ROOT,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    go.touch()
    results = [(p.wait(120), p.stderr.read()) for p in procs]
    assert [rc for rc, _ in results] == [0, 0, 0], results
    with open_register(register_url) as reg:
        assert reg.stats()["runs"] == 3


@pytest.fixture
def scripts_with(tmp_path, monkeypatch):
    """Swap in a copy of the revisions plus extra revision files (name -> source)."""
    def install(extra: dict[str, str]) -> Path:
        location = tmp_path / "alembic"
        shutil.copytree(migrations.SCRIPT_LOCATION, location, ignore=shutil.ignore_patterns("__pycache__"))
        for name, source in extra.items():
            (location / "versions" / name).write_text(source, encoding="utf-8")
        monkeypatch.setattr(migrations, "SCRIPT_LOCATION", location)
        migrations.script_directory.cache_clear()
        return location

    yield install
    migrations.script_directory.cache_clear()


def next_revision(rev: str, statements: list[str]) -> str:
    return (f"from alembic import op\nrevision = {rev!r}\ndown_revision = {HEAD!r}\nUPGRADE = {statements!r}\n"
            "def upgrade():\n    for s in UPGRADE:\n        op.execute(s)\n")


def test_failed_revision_leaves_the_register_as_it_was(register_url, scripts_with):
    with open_register(register_url) as reg:
        reg.start_run("extract")
    scripts_with({"0099_broken.py": next_revision("0099", [
        "CREATE TABLE review_notes (note_id TEXT PRIMARY KEY)", "CREATE TABLE runs (x TEXT)"])})
    with pytest.raises(RegisterError, match="runs"):
        open_register(register_url)
    db = connect_database(register_url)
    try:
        assert migrations.current_revision(db) == HEAD
        assert not sa.inspect(db.conn).has_table("review_notes")
        assert db.fetch_one("SELECT COUNT(*) FROM runs") == (1,)
    finally:
        db.close()


def test_next_revision_from_the_template_is_applied_on_open(register_url, scripts_with, tmp_path):
    with open_register(register_url) as reg:
        reg.start_run("extract")
    location = scripts_with({})
    ini = tmp_path / "alembic.ini"
    ini.write_text(ALEMBIC_INI.read_text(encoding="utf-8"), encoding="utf-8")  # %(here)s -> the copy
    made = subprocess.run([sys.executable, "-m", "alembic", "-c", str(ini), "revision", "--rev-id", "0099",
                           "-m", "review notes"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    (path,) = (location / "versions").glob("0099_*.py")
    source = path.read_text(encoding="utf-8")
    assert f"down_revision = {HEAD!r}" in source
    path.write_text(source.replace("UPGRADE: list[str] = [\n", "UPGRADE: list[str] = [\n"
                                   "    'CREATE TABLE review_notes (note_id TEXT PRIMARY KEY, note TEXT)',\n")
                    .replace("DOWNGRADE: list[str] = [\n", "DOWNGRADE: list[str] = [\n    'DROP TABLE review_notes',\n"),
                    encoding="utf-8")
    migrations.script_directory.cache_clear()
    with open_register(register_url) as reg:
        assert migrations.current_revision(reg.db) == "0099"
        assert reg.db.fetch_all("SELECT * FROM review_notes") == []
        assert reg.stats()["runs"] == 1


def test_revisions_form_one_numbered_chain():
    revisions = list(reversed(list(migrations.script_directory().walk_revisions())))
    assert [r.revision for r in revisions] == [f"{n:04d}" for n in range(1, len(revisions) + 1)]
    assert [r.down_revision for r in revisions] == [None] + [r.revision for r in revisions[:-1]]
    for r in revisions:
        assert Path(r.path).name.startswith(r.revision + "_")
    assert len(revisions) >= len(LEGACY_MIGRATIONS)  # every numbered migration has its revision


def test_cli_migrate_upgrade_downgrade_current_history(register_url, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FINDINGS_CONFIG", raising=False)

    def migrate(*args: str) -> tuple[int, str, str]:
        rc = cli_main(["register", "migrate", *args, "--db", register_url])
        return rc, *capsys.readouterr()

    assert migrate("current")[1].endswith(f"at base (head {HEAD})\n")
    assert migrate("upgrade", "0002")[:2] == (0, migrate_line(register_url, "base -> 0002"))
    with pytest.raises(Exception):  # runs has no owner columns yet
        with closing(connect_database(register_url)) as db:
            db.fetch_all("SELECT host FROM runs")
    assert migrate("upgrade")[1] == migrate_line(register_url, f"0002 -> {HEAD}")
    with open_register(register_url) as reg:
        run_id = reg.start_run("extract", {"corpus": "c"})
    assert migrate("downgrade", "0002")[1] == migrate_line(register_url, f"{HEAD} -> 0002")
    with closing(connect_database(register_url)) as db:
        assert db.fetch_all("SELECT run_id, kind FROM runs") == [(run_id, "extract")]  # data kept
    rc, _, err = migrate("downgrade")
    assert rc == 2 and "downgrade needs a target" in err
    history = migrate("history")[1]
    assert all(f"-> {r.revision}" in history for r in migrations.script_directory().walk_revisions())
    assert migrate("downgrade", "base")[1] == migrate_line(register_url, "0002 -> base")
    with open_register(register_url) as reg:  # opening brings it back to head
        assert migrations.current_revision(reg.db) == HEAD
        assert reg.stats()["runs"] == 0


def migrate_line(url: str, change: str) -> str:
    from pipeline.register import redact_url

    return f"{redact_url(url)}: {change} (head {HEAD})\n"


def test_alembic_cli_with_the_shipped_ini(register_url, tmp_path):
    def alembic(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "alembic", "-c", str(ALEMBIC_INI), "-x", f"db={register_url}",
                               *args], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done

    assert "Running upgrade  -> 0001" in alembic("upgrade", "head").stderr
    assert f"{HEAD} (head)" in alembic("current").stdout
    alembic("downgrade", "0001")
    assert "0001" in alembic("current").stdout
    with open_register(register_url) as reg:
        assert migrations.current_revision(reg.db) == HEAD
    offline = alembic("upgrade", "base:head", "--sql").stdout
    assert "CREATE TABLE runs" in offline and "CREATE INDEX deliveries_endpoint_state" in offline
