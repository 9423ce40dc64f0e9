"""Benchmark of the meeting book (reported in docs/performance.md; not a test).

    .venv/bin/python -m bench.book

Creates the large synthetic meeting (manage.py create_bench_meeting) in a throwaway SQLite
database, then measures, each in a fresh process so peak memory is its own:
  1. ours: building the book as the worker does (assembly, template, WeasyPrint, storing);
  2. WeasyPrint alone rendering the final HTML of that same book to PDF;
  3. a second download of the unchanged book through the app (the member's link: is the
     stored book current? then the file), against building it.
"""

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 2


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alv.settings")
    import django

    django.setup()


def peak_mib():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds():
    # CPU time of this process: unlike wall time, hardly moved by other work on the machine.
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def step_build(meeting_id, html_out):
    """Ours: what the worker does for one book, from the database to the stored file."""
    setup_django()
    import weasyprint  # noqa: F401  (imported before the clock, as in a running worker)

    from agenda.models import Meeting
    from book import assembly, builds, pdf
    from book.models import BookBuild

    meeting = Meeting.objects.get(pk=meeting_id)
    build = BookBuild.objects.create(meeting=meeting, edition="member", content_hash="-")
    started, cpu = time.perf_counter(), cpu_seconds()
    builds.run(build)
    wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    # The final HTML, for the WeasyPrint-alone run; timed on its own, it is our share.
    started, cpu_ours = time.perf_counter(), cpu_seconds()
    book = assembly.build(meeting, "member")
    book.content_hash()
    Path(html_out).write_text(pdf.render_html(book))
    ours_only = time.perf_counter() - started
    cpu_ours = cpu_seconds() - cpu_ours
    return {
        "wall": wall,
        "cpu": cpu,
        "assembly_and_html_wall": ours_only,
        "assembly_and_html_cpu": cpu_ours,
        "peak_mib": peak_mib(),
        "pages": build.page_count,
        "bytes": build.size,
    }


def step_weasyprint(html_path):
    """WeasyPrint alone: the same HTML to PDF, with the same options."""
    setup_django()
    import weasyprint

    from book.pdf import PDF_OPTIONS

    html = Path(html_path).read_text()
    started, cpu = time.perf_counter(), cpu_seconds()
    document = weasyprint.HTML(string=html, base_url=str(ROOT)).render(**PDF_OPTIONS)
    data = document.write_pdf(**PDF_OPTIONS)
    wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return {
        "wall": wall,
        "cpu": cpu,
        "peak_mib": peak_mib(),
        "pages": len(document.pages),
        "bytes": len(data),
    }


def step_download(meeting_id):
    """The second download: the member's link finds the stored book current and serves it."""
    setup_django()
    from django.test import Client

    client = Client()
    times = []
    for _ in range(5):
        started = time.perf_counter()
        response = client.get(f"/meetings/{meeting_id}/book/member/")
        assert response.status_code == 302, response.status_code
        file_response = client.get(response["Location"])
        body = b"".join(file_response.streaming_content)
        times.append(time.perf_counter() - started)
    assert body.startswith(b"%PDF")
    return {"wall": min(times), "bytes": len(body), "peak_mib": peak_mib()}


def run_step(name, *args, env):
    out = subprocess.run(
        [sys.executable, "-m", "bench.book", name, *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        sys.exit(f"step {name} failed:\n{out.stderr}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"  {name}: {result}", file=sys.stderr)
    return result


def main():
    workdir = Path(tempfile.mkdtemp(prefix="alv-bench-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "ALV_BOOK_STORAGE": str(workdir / "books"),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True)
    created = subprocess.run(
        [*manage, "create_bench_meeting"], env=env, check=True, capture_output=True, text=True
    )
    meeting_id = int(created.stdout.strip().splitlines()[-1])
    html = workdir / "book.html"

    # Alternate the two, twice, and keep the best of each: other work on a shared machine
    # slows whichever runs at that moment.
    ours, alone = [], []
    for _ in range(ROUNDS):
        ours.append(run_step("build", meeting_id, html, env=env))
        alone.append(run_step("weasyprint", html, env=env))
    download = run_step("download", meeting_id, env=env)

    def best(runs, key):
        return min(run[key] for run in runs)

    ours_wall, alone_wall = best(ours, "wall"), best(alone, "wall")
    ours_cpu, alone_cpu = best(ours, "cpu"), best(alone, "cpu")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    print(f"python {platform.python_version()}, load average at the end {os.getloadavg()[0]:.1f}")
    print(f"book: {ours[0]['pages']} pages, {ours[0]['bytes'] / 1e6:.1f} MB (best of {ROUNDS})")
    print(
        f"ours (build):      wall {ours_wall:7.2f} s  cpu {ours_cpu:7.2f} s  "
        f"peak {best(ours, 'peak_mib'):5.0f} MiB"
    )
    print(
        f"WeasyPrint alone:  wall {alone_wall:7.2f} s  cpu {alone_cpu:7.2f} s  "
        f"peak {best(alone, 'peak_mib'):5.0f} MiB"
    )
    print(
        f"ratio ours/alone:  wall {ours_wall / alone_wall:7.3f}    cpu {ours_cpu / alone_cpu:7.3f}"
        "    (target <= 1.10)"
    )
    print(
        f"  of which ours (assembly, hash, template): wall {best(ours, 'assembly_and_html_wall'):.2f} s"
        f"  cpu {best(ours, 'assembly_and_html_cpu'):.2f} s"
    )
    print(f"second download:   {download['wall'] * 1000:7.1f} ms (best of 5)")
    print(f"build/download:    {ours_wall / download['wall']:7.0f}x   (target >= 100x)")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        step = {"build": step_build, "weasyprint": step_weasyprint, "download": step_download}
        print(json.dumps(step[sys.argv[1]](*sys.argv[2:])))
    else:
        main()
