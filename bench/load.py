"""Load generators for bench/serve.py: wrk for plain GETs, and a Python generator with keep-alive
for the requests that need a session cookie and a CSRF token; with the arithmetic of their figures.

Both run a fixed number of connections for a fixed time against 127.0.0.1 and count every
response whose status is not 2xx (or that is an htmx redirect): a run with any is not a
measurement, and the bench fails on it.
"""

from __future__ import annotations

import http.client
import json
import math
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CONNECTIONS = 10
WRK_THREADS = 2


@dataclass(frozen=True)
class Run:
    """One timed run of one request kind."""

    requests: int  # completed with a 2xx status
    seconds: float
    p50_ms: float
    p99_ms: float
    bad: Counter[str] = field(default_factory=Counter)  # "status 403", "HX-Redirect", …
    done: tuple[int, ...] = ()  # the tags of the Python generator's 2xx requests

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def percentile(samples: Sequence[float], q: float) -> float:
    """The nearest-rank q-th percentile (0 < q <= 100) of samples: a value that was measured."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


# --- wrk ---------------------------------------------------------------------------------

# Counts the responses that are not 2xx (wrk's own count starts at 400) and prints the figures
# as one JSON line. The threads' counters are read back in done() through thread:get().
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("bad") end
  local errors = summary.errors
  io.write(string.format(
    'WRK {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "bad": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), bad,
    errors.connect, errors.read, errors.write, errors.timeout))
end
"""


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def wrk(url: str, *, seconds: float, connections: int = CONNECTIONS) -> Run:
    """GET url with wrk (keep-alive, `connections` connections) for `seconds`."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        output = subprocess.run(
            [
                "wrk",
                f"-t{min(WRK_THREADS, connections)}",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "30s",  # a cold worker's first page may take seconds; a timeout means stuck
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        Path(script.name).unlink()
    return parse_wrk(output)


def parse_wrk(output: str) -> Run:
    """The Run of wrk's output: the JSON line our script's done() writes."""
    line = next((line for line in output.splitlines() if line.startswith("WRK ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no figures:\n{output}")
    figures = json.loads(line[4:])
    bad: Counter[str] = Counter()
    if figures["bad"]:
        bad["status not 2xx"] = figures["bad"]
    for error in ("connect", "read", "write", "timeout"):
        if figures[error]:
            bad[f"socket {error} errors"] = figures[error]
    return Run(
        requests=figures["requests"] - figures["bad"],
        seconds=figures["duration_us"] / 1e6,
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        bad=bad,
    )


# --- the Python generator ----------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One request of the Python generator; `tag` says which learner's it was."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None = None
    tag: int = -1


class Source:
    """The requests of one run, handed out to the connections one at a time: each request of a
    one-shot source is sent once at most (an answer answers a fresh question); a cycling
    source starts again from the first when it has sent the last (a page read many times)."""

    def __init__(self, requests: Sequence[Request], *, cycle: bool = False) -> None:
        if not requests:
            raise ValueError("no requests to send")
        self._requests = list(requests)
        self._cycle = cycle
        self._next = 0
        self._lock = threading.Lock()

    def take(self) -> Request | None:
        """The next request to send; None when a one-shot source has sent them all."""
        with self._lock:
            if self._next >= len(self._requests):
                if not self._cycle:
                    return None
                self._next = 0
            request = self._requests[self._next]
            self._next += 1
            return request

    def __iter__(self) -> Iterator[Request]:
        while (request := self.take()) is not None:
            yield request


def drive(port: int, source: Source, *, seconds: float, connections: int = CONNECTIONS) -> Run:
    """Send source's requests over `connections` keep-alive connections for `seconds` (or
    until a one-shot source runs out), each connection one request at a time, as wrk does."""
    latencies: list[list[float]] = [[] for _ in range(connections)]
    done: list[list[int]] = [[] for _ in range(connections)]
    bad: Counter[str] = Counter()
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def connection(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while time.perf_counter() < deadline and (request := source.take()) is not None:
                start = time.perf_counter()
                try:
                    conn.request(request.method, request.path, request.body, request.headers)
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as error:
                    conn.close()  # the next request opens a new connection
                    with lock:
                        bad[f"{type(error).__name__}"] += 1
                    continue
                elapsed = time.perf_counter() - start
                problem = problem_of(response.status, response.getheader("HX-Redirect"))
                if problem:
                    with lock:
                        bad[problem] += 1
                    continue
                latencies[index].append(elapsed)
                done[index].append(request.tag)
        finally:
            conn.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=connection, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    samples = [t for per_connection in latencies for t in per_connection]
    if not samples:
        bad["no response at all"] += 1
        return Run(0, elapsed, math.nan, math.nan, bad)
    return Run(
        requests=len(samples),
        seconds=elapsed,
        p50_ms=percentile(samples, 50) * 1000,
        p99_ms=percentile(samples, 99) * 1000,
        bad=bad,
        done=tuple(tag for per_connection in done for tag in per_connection),
    )


def problem_of(status: int, hx_redirect: str | None) -> str:
    """Why a response is not the one measured ("" when it is): not 2xx, or an htmx redirect."""
    if not 200 <= status <= 299:
        return f"status {status}"
    if hx_redirect:
        return "HX-Redirect"
    return ""
