"""Run a command against a throwaway PostgreSQL cluster: `python tests/pg.py CMD ARGS...`.

Starts a fresh cluster with initdb + pg_ctl, listening on a Unix socket in a directory of its
own (no TCP port, which another process could take between choosing it and the server binding
it), exports DATABASE_URL for the command, then stops the cluster and removes it, whatever the
command's outcome.
As root (CI), the server runs as the `postgres` user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

PORT = 5432  # only names the socket file, in a directory no other server uses


def pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for directory in versions:
        if (directory / name).exists():
            return str(directory / name)
    sys.exit(f"{name} not found: install PostgreSQL (Debian: apt-get install postgresql).")


def as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def main(argv: list[str]) -> int:
    if not argv:
        sys.exit("usage: python tests/pg.py COMMAND [ARGS...]")
    # Under /tmp: a socket's path must stay short (about 100 bytes), and in lower case, as a
    # URL's host (dj_database_url reads the host lower-cased; tempfile's names are).
    root = Path(tempfile.mkdtemp(prefix="mudhakara-pg-", dir="/tmp"))
    data, socket_dir = root / "data", root / "run"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(socket_dir, "postgres")
    log = root / "server.log"
    try:
        subprocess.run(
            as_server_user(
                [pg_bin("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = f"-c listen_addresses='' -p {PORT} -k {socket_dir} -c fsync=off"
        subprocess.run(
            as_server_user(
                [pg_bin("pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        host = urllib.parse.quote(str(socket_dir), safe="")
        env = dict(os.environ, DATABASE_URL=f"postgres://postgres@{host}:{PORT}/postgres")
        print(f"PostgreSQL test cluster on the socket in {socket_dir}", flush=True)
        return subprocess.run(argv, env=env).returncode
    finally:
        if data.exists():
            subprocess.run(
                as_server_user([pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
