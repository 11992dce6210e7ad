"""A throwaway PostgreSQL server for the storage tests: Debian's binaries, a temp cluster, loopback only.

`.ci/run` makes sure the `postgresql` package is installed; `SINCERELY_TEST_POSTGRES_URL` points the
tests at an existing server instead.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from typing import Iterator

from tests.ports import free_port


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def available() -> bool:
    return bool(os.environ.get("SINCERELY_TEST_POSTGRES_URL") or (_bin("initdb") and _bin("pg_ctl")))


@contextmanager
def postgres_url() -> Iterator[str]:
    if os.environ.get("SINCERELY_TEST_POSTGRES_URL"):
        yield os.environ["SINCERELY_TEST_POSTGRES_URL"]
        return
    root = tempfile.mkdtemp(prefix="sincerely-pg-")
    data = os.path.join(root, "data")
    port = free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        pwd.getpwnam("postgres")
        shutil.chown(root, "postgres")
        os.chmod(root, 0o700)
        as_user = ["runuser", "-u", "postgres", "--"]
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True, text=True)  # noqa: E731
    run(_bin("initdb"), "-D", data, "-A", "trust", "-U", "sincerely", "--no-sync")
    run(_bin("pg_ctl"), "-D", data, "-w", "-l", os.path.join(root, "log"), "-o",
        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root} -c fsync=off", "start")
    try:
        yield f"postgresql+psycopg://sincerely@127.0.0.1:{port}/postgres"
    finally:
        run(_bin("pg_ctl"), "-D", data, "-m", "immediate", "stop")
        time.sleep(0.1)
        shutil.rmtree(root, ignore_errors=True)
