"""A throwaway PostgreSQL cluster on 127.0.0.1 for the test session (real server, temp data dir).

Use from a test module:  `from pg import pg_cluster`  (pytest then finds the fixture by name).
Skips only when the server binaries are absent. As root, the server runs as user `postgres`
(or `nobody`), since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest


def find_pg_bindir() -> Path | None:
    """$FINDINGS_PG_BINDIR, else the newest /usr/lib/postgresql/*/bin, else pg_ctl on PATH."""
    candidates = [os.environ.get("FINDINGS_PG_BINDIR", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
                         if Path(p).parent.name.isdigit() else 0, reverse=True)
    on_path = shutil.which("pg_ctl")
    candidates.append(str(Path(on_path).parent) if on_path else "")
    for c in candidates:
        if c and all((Path(c) / exe).is_file() for exe in ("initdb", "pg_ctl", "postgres")):
            return Path(c)
    return None


def pick_free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pick_server_user() -> pwd.struct_passwd | None:
    """None when not root (the server runs as us); else postgres, else nobody."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and no postgres/nobody user to run the server as")


class PgCluster:
    """initdb + pg_ctl start in a temp dir; stop() removes everything."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.user = pick_server_user()
        self.root = Path(tempfile.mkdtemp(prefix="findings-pg-"))
        self.data = self.root / "data"
        self.port = 0
        if self.user is not None:
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        kwargs = {}
        if self.user is not None:
            kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "HOME": str(self.root)}
        return subprocess.run([str(self.bindir / args[0]), *args[1:]], cwd=self.root, env=env, timeout=timeout,
                              capture_output=True, text=True, check=False, **kwargs)

    def start(self) -> None:
        r = self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--no-locale", "--no-sync")
        if r.returncode != 0:
            raise RuntimeError(f"initdb failed: {r.stderr[-2000:]}")
        for _ in range(3):  # a port picked free can be taken before the server binds it
            self.port = pick_free_port()
            opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
                    "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
            r = self._run("pg_ctl", "start", "-w", "-t", "30", "-D", str(self.data), "-l",
                          str(self.root / "server.log"), "-o", opts)
            if r.returncode == 0:
                self.opts = opts
                return
        log = (self.root / "server.log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"PostgreSQL did not start: {r.stderr[-1000:]} {log}")

    def pg_ctl(self, action: str, *args: str) -> None:
        """`pg_ctl restart -m fast`, `stop -m fast` or `start` on the running cluster (same port)."""
        extra = {"start": ("-l", str(self.root / "server.log"), "-o", self.opts),
                 "restart": ("-l", str(self.root / "server.log"))}.get(action, ())
        r = self._run("pg_ctl", action, "-w", "-t", "60", "-D", str(self.data), *extra, *args, timeout=90)
        if r.returncode != 0:
            raise RuntimeError(f"pg_ctl {action} failed: {r.stderr[-1000:]}")

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w", timeout=30)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def create_database(self) -> str:
        """A fresh, empty database; returns its URL."""
        import psycopg
        from psycopg import sql

        name = f"t_{uuid.uuid4().hex[:16]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)


_SHARED: list[PgCluster] = []


@pytest.fixture(scope="session")
def pg_cluster():
    """A running PostgreSQL for the whole session, torn down when the session ends.

    Test modules import this fixture, so pytest sees one definition per module; the cluster itself is
    shared (started on first use, stopped at interpreter exit).
    """
    if not _SHARED:
        bindir = find_pg_bindir()
        if bindir is None:
            pytest.skip("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found")
        cluster = PgCluster(bindir)
        try:
            cluster.start()
        except BaseException:
            cluster.stop()
            raise
        atexit.register(cluster.stop)
        _SHARED.append(cluster)
    yield _SHARED[0]


@pytest.fixture(params=["sqlite", "postgresql"])
def register_url(request, tmp_path) -> str:
    """A fresh, empty register database on each backend: a SQLite file, then a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/register.sqlite"
    return request.getfixturevalue("pg_cluster").create_database()
