"""gunicorn as `make serve` starts it (quizsite/gunicorn.conf.py, production settings), on a
free port of 127.0.0.1, for the tests that need real servers."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import REPO

START_TIMEOUT = 60  # seconds: a shared machine may be slow to import Django


def listening_socket() -> socket.socket:
    """A socket listening on a port of 127.0.0.1 the system picks, for gunicorn to inherit
    (`--bind fd://N`). Picking a free port, closing it and letting gunicorn bind it later left a
    window (gunicorn imports the app first, seconds on a loaded machine) in which another
    process could take the port, and gunicorn gave up on it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return sock


def production_env(tmp: Path, **extra: str) -> dict[str, str]:
    """DEBUG off, a fresh SECRET_KEY, static files collected under tmp: what `make serve` sets
    for a local try over plain HTTP (no HTTPS redirect, cookies not HTTPS-only)."""
    skip = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env |= {
        "DJANGO_SETTINGS_MODULE": "quizsite.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SQLITE_PATH": str(tmp / "db.sqlite3"),
        "STATIC_ROOT": str(tmp / "static"),
        "WEB_CONCURRENCY": "2",
    }
    return env | extra


def prepare(env: dict[str, str], *, facts: bool = False, then: str = "") -> None:
    """What `make serve` runs before gunicorn (migrate, createcachetable, load_facts if asked,
    collectstatic), committed, in one process of its own; then the Python code `then`."""
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', verbosity=0); call_command('createcachetable'); "
        + ("call_command('load_facts', verbosity=0); " if facts else "")
        + "call_command('collectstatic', interactive=False, verbosity=0)\n"
        + then
    )
    subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


@contextlib.contextmanager
def gunicorn(env: dict[str, str], log: Path, *options: str) -> Iterator[str]:
    """gunicorn with the project's config (and command-line `options` over it), its stdout and
    stderr in `log`; yields its base URL once it answers, and stops it on the way out (or by
    `timeout` should this process die)."""
    listener = listening_socket()
    port = listener.getsockname()[1]
    # The console script, as `make serve` runs it (a USR2 re-exec of `python -m gunicorn`
    # fails to import).
    executable = str(Path(sys.executable).with_name("gunicorn"))
    command = [
        executable,
        "--config",
        "quizsite/gunicorn.conf.py",
        f"--bind=fd://{listener.fileno()}",
        *options,
    ]
    if shutil.which("timeout"):
        command = ["timeout", "--kill-after=5", "300", *command]
    base = f"http://127.0.0.1:{port}"
    with listener, log.open("wb") as out:
        server = subprocess.Popen(
            command,
            cwd=REPO,
            env=env | {"PORT": str(port)},
            stdout=out,
            stderr=out,
            pass_fds=[listener.fileno()],
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert server.poll() is None, f"gunicorn exited:\n{log.read_text()}"
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"gunicorn did not answer:\n{log.read_text()}"
            time.sleep(0.2)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)
