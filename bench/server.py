"""gunicorn serving the bench's site (bench/wsgi.py: the site plus two bare views) on 127.0.0.1,
a free port, production settings, on the database bench/site.py prepared."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 5  # as issue 15 measured
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def command(port: int, *, workers: int = WORKERS, worker_class: str = "") -> list[str]:
    """The gunicorn command line: the project's gunicorn.conf.py, if it has one, is read as
    `make serve` reads it; the bind address and the number of workers are the bench's."""
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "bench.wsgi:application",
        "--chdir",
        str(ROOT),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    if worker_class:
        args += ["--worker-class", worker_class]
    return args


def environment() -> dict[str, str]:
    """Production settings (DEBUG off) on the bench's database, with a bench-only key."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-not-secret"),
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


@contextmanager
def gunicorn(*, workers: int = WORKERS, worker_class: str = "") -> Iterator[int]:
    """A running gunicorn for the block, on the port it yields; stopped (SIGTERM) after it.
    Its output goes to a file, shown when it fails to start."""
    port = free_port()
    with tempfile.NamedTemporaryFile("w+", prefix="mudhakara-gunicorn-", suffix=".log") as log:
        process = subprocess.Popen(
            command(port, workers=workers, worker_class=worker_class),
            env=environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        try:
            wait_until_serving(process, port, Path(log.name))
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_serving(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    """Until every worker could answer: the constant view answers 200 (else RuntimeError)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/bench/constant/")
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    process.terminate()
    output = log.read_text()
    raise RuntimeError(f"gunicorn did not start on 127.0.0.1:{port}:\n{output[-3000:]}")
