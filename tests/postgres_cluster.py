"""A throw-away PostgreSQL cluster for the tests: initdb in a temporary directory, listening
on 127.0.0.1 and a free port with trust authentication, stopped and removed at the end.

Used when ``GOVERNANCE_TEST_PG_URL`` is not set. initdb refuses to run as root, so as root
the cluster runs as the ``postgres`` user (Debian's package creates it).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.dir = Path(tempfile.mkdtemp(prefix="governance-pg-"))
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0

    @property
    def available(self) -> bool:
        return self.bin is not None

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120)

    def start(self) -> str:
        if self.as_postgres:
            shutil.chown(self.dir, "postgres")
        data = self.dir / "data"
        done = self._run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres",
                         "-E", "UTF8", "--locale=C")
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr}")
        done = self._run("pg_ctl", "-D", str(data), "-l", str(self.dir / "log"), "-w", "-o",
                         f"-p {self.port} -h 127.0.0.1 -k {self.dir}", "start")
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl start failed: {done.stderr}\n{self.log()}")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    break
            time.sleep(0.2)
        self.createdb("governance_test")
        return self.url("governance_test")

    def createdb(self, name: str) -> None:
        done = self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                         name)
        if done.returncode != 0:
            raise RuntimeError(f"createdb failed: {done.stderr}")

    def url(self, dbname: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def log(self) -> str:
        path = self.dir / "log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def stop(self) -> None:
        data = self.dir / "data"
        if data.exists():
            self._run("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)
