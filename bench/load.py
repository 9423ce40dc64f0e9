"""Throughput and latency of the main pages under gunicorn, against the ceiling of our stack.

    .venv/bin/python -m bench.load [--duration 10] [--soak 300] [--database-url URL] [--redis]

It builds the large synthetic meeting in a fresh database (SQLite in a temporary file, or the
PostgreSQL of --database-url / DATABASE_URL), starts gunicorn with 2 workers on 127.0.0.1, and
drives each page with wrk at 50 and 200 concurrent connections for a bounded time. In the same
run and on the same server it measures a trivial Django view (the ceiling) and reports every
page's throughput as a ratio of it, measured right before the page. A soak run then checks that the workers' memory stays flat.
With --redis it starts a throwaway redis-server and runs everything with ALV_CACHE_URL on it,
as several app servers would share it (docs/deploy.md).
Only 127.0.0.1 is ever addressed. Prints a Markdown report (for docs/performance.md)."""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CONNECTIONS = (50, 200)
TIMEOUT_SECONDS = 30


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def django_env(database_url):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        DATABASE_URL=database_url,
        # As docs/deploy.md advises without a connection pooler: a connection per worker.
        DATABASE_CONN_MAX_AGE="60",
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def start_redis(workdir):
    """A redis-server of this run only, keeping nothing on disk; returns (process, URL)."""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("redis-server did not start")


def prepare(env):
    """A fresh database with the large meeting; returns the targets to measure."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    out = subprocess.run(
        [PYTHON, "-m", "bench.targets"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    targets = []
    for line in out.splitlines():
        if "\t" not in line:
            continue  # what the meeting's command prints
        name, path, *headers = line.split("\t")
        targets.append((name, path, headers))
    return targets


def start_gunicorn(env, port):
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "alv.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            os.environ.get("BENCH_GUNICORN_LOG", "warning"),
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def worker_pids(master):
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def settle(base):
    """Wait until the server has worked off the previous row's queue. A sync worker answers
    every request it accepted, also those whose client wrk has already dropped, so a slow
    page would otherwise eat into the next row's time."""
    deadline = time.monotonic() + 300
    quick = 0
    while quick < 3 and time.monotonic() < deadline:
        start = time.monotonic()
        subprocess.run(
            ["curl", "-s", "-o", "/dev/null", "-m", "60", base + "/bench/ceiling/"], check=False
        )
        quick = quick + 1 if time.monotonic() - start < 0.1 else 0
        time.sleep(0.2)


def wrk(url, connections, duration, headers):
    # wrk gives up on a request after 2 s by default and leaves it out of the latencies; a
    # slow page's queue would then look like errors and its p99 like less than the truth.
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s", "--latency"]
    command += ["--timeout", f"{TIMEOUT_SECONDS}s", url]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if os.environ.get("BENCH_VERBOSE"):
        print(out, file=sys.stderr)
    return parse_wrk(out)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * UNITS[unit]


def parse_wrk(out):
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for percentile in ("50", "99"):
        match = re.search(rf"^\s+{percentile}%\s+(\S+)", out, re.M)
        result[f"p{percentile}"] = _ms(match.group(1)) if match else None
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["errors"] = int(match.group(1)) if match else 0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["socket_errors"] = sum(map(int, match.groups())) if match else 0
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    return result


def soak(base, target, seconds, master):
    """Drive one page for `seconds` and sample the workers' memory every 5 s."""
    _, path, headers = target
    command = ["wrk", "-t", "2", "-c", "50", "-d", f"{seconds}s", base + path]
    for header in headers:
        command += ["-H", header]
    load = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    samples = []
    while load.poll() is None:
        samples.append(sum(rss_kib(pid) for pid in worker_pids(master)) / len(worker_pids(master)))
        time.sleep(5)
    return samples


def main():
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--soak", type=int, default=300, help="seconds of the memory run (0: skip)")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument(
        "--redis",
        action="store_true",
        help="share a throwaway Redis (ALV_CACHE_URL): sessions, the papers' cache, throttles",
    )
    parser.add_argument(
        "--only",
        default="",
        help="measure only the pages whose name contains this (and the ceiling)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="alv-bench-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = django_env(database_url)
    redis = None
    if args.redis:
        if not shutil.which("redis-server"):
            sys.exit("redis-server is missing: apt-get install redis-server")
        redis, env["ALV_CACHE_URL"] = start_redis(workdir)
    targets = [
        target
        for target in prepare(env)
        if target[0] == "ceiling" or args.only.lower() in target[0].lower()
    ]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    master = start_gunicorn(env, port)
    try:
        # A worker's first request imports the whole app (tens of seconds on a loaded
        # machine): warm both workers on every page before anything is measured.
        for _, path, headers in targets:
            for _ in range(6):
                warm = ["curl", "-s", "-o", "/dev/null", "-m", "180", base + path]
                for header in headers:
                    warm += ["-H", header]
                subprocess.run(warm, check=False)
        # The ceiling is measured again right before every page: on a shared machine the
        # ceiling itself drifts by a third within one run, and a page is compared with the
        # ceiling of its own minute.
        (_, ceiling_path, _), pages = targets[0], targets[1:]
        rows = []
        for connections in CONNECTIONS:
            for name, path, headers in pages:
                settle(base)
                ceiling = wrk(base + ceiling_path, connections, args.duration, [])
                settle(base)
                page = wrk(base + path, connections, args.duration, headers)
                rows.append((name, connections, page, ceiling))
        settle(base)
        samples = soak(base, pages[0], args.soak, master) if args.soak else []
    finally:
        os.killpg(master.pid, signal.SIGTERM)
        master.wait(timeout=30)
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    report(rows, samples, database_url.split(":")[0], args)


def report(rows, samples, vendor, args):
    cache = ", shared Redis (ALV_CACHE_URL)" if args.redis else ""
    print(f"## Load: {vendor}{cache}, gunicorn 2 workers, wrk {args.duration} s per row\n")
    print(f"Machine: {os.cpu_count()} cores, {platform_summary()}\n")
    print(
        "| page | connections | req/s | ceiling req/s | ratio to ceiling | p50 ms | p99 ms "
        "| non-2xx/3xx | socket errors |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, connections, result, ceiling in rows:
        print(
            f"| {name} | {connections} | {result['rps']:.0f} | {ceiling['rps']:.0f} | "
            f"{result['rps'] / ceiling['rps']:.0%} | {result['p50']:.1f} | {result['p99']:.1f} | "
            f"{result['errors']} | {result['socket_errors']} |"
        )
    ceilings = [(c, ceiling) for _, c, _, ceiling in rows]
    errors = sum(r["errors"] for *_, r, _ in rows) + sum(c["errors"] for _, c in ceilings)
    print(f"\nNon-2xx/3xx responses of the ceiling runs: {errors}.")
    if samples:
        per_minute = max(1, len(samples) // max(1, args.soak // 60))
        first, last = max(samples[:per_minute]), max(samples[-per_minute:])
        print(
            f"\nMemory per worker over {args.soak} s at 50 connections: peak in the first minute "
            f"{first / 1024:.1f} MiB, in the last minute {last / 1024:.1f} MiB "
            f"({(last - first) / first:+.1%})."
        )


def platform_summary():
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = "unknown CPU"
    return f"{model}, Python {sys.version.split()[0]}"


if __name__ == "__main__":
    main()
