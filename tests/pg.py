"""Starts a throwaway PostgreSQL server on loopback for the test session (real, not mocked)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass
class PostgresServer:
    datadir: Path
    sockdir: Path
    port: int
    bindir: Path
    as_postgres: bool

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, text=True)

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.datadir, ignore_errors=True)
            shutil.rmtree(self.sockdir, ignore_errors=True)


def _bindir() -> Path:
    try:
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
        if (Path(out) / "initdb").exists():
            return Path(out)
    except (OSError, subprocess.CalledProcessError):
        pass
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: [int(x) for x in p.split("/")[4].split(".")]
    )
    if not candidates:
        raise RuntimeError("PostgreSQL server binaries not found: apt-get install postgresql (.ci/run does this)")
    return Path(candidates[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_postgres() -> PostgresServer:
    """initdb + pg_ctl start on a free loopback port (as the postgres user when run as root)."""
    bindir = _bindir()
    as_postgres = os.geteuid() == 0
    datadir = Path(tempfile.mkdtemp(prefix="harmledger-pg-"))
    sockdir = Path(tempfile.mkdtemp(prefix="harmledger-pgsock-"))
    if as_postgres:
        shutil.chown(datadir, "postgres", "postgres")
        shutil.chown(sockdir, "postgres", "postgres")
    server = PostgresServer(datadir, sockdir, _free_port(), bindir, as_postgres)
    server._run(
        str(bindir / "initdb"), "-D", str(datadir), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"
    )
    options = (
        f"-c listen_addresses=127.0.0.1 -p {server.port} -k {sockdir} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    server._run(
        str(bindir / "pg_ctl"), "-D", str(datadir), "-l", str(datadir / "server.log"), "-w", "-o", options, "start"
    )
    return server
