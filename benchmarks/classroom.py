"""A class on a JupyterHub: what each student costs, and how many fit on a node (``make bench``).

A local JupyterHub (``tests/hub_driver.py``: JupyterHub, configurable-http-proxy, the dummy
authenticator, the simple local spawner, all on 127.0.0.1) serves classes of 1, 5 and 10
simulated students who arrive at once. Each, through the hub's API as JupyterLab would: starts
a server, pulls the course with its nbgitpuller link (the link's own query), opens a lecture on
the course kernel (session API + websocket), runs every code cell in order, and moves the
lecture's first slider back and forth, timing each redraw (from sending the new value to the
kernel being idle again, its output sent). Measured per student:

- time to first notebook: from the server request to a kernel that answers (server start,
  pull, kernel start);
- run all: the lecture's cells, in order, on that kernel;
- CPU-seconds: the student's server and kernel (and git) from start to the end of the lecture;
- peak memory: resident memory of server + kernel, sampled twice a second;
- widget redraw: median and 95th percentile over every move of every student.

From the class of 10 it prints the sizing table that ``deploy/README.md`` quotes: memory
guarantee and limit per student, and students per node (by memory, and by CPU for a class that
presses "Run All" together and should see the lecture finish within a minute).

    python benchmarks/classroom.py [--lecture notebooks/12_credit_scoring_rating.ipynb]
                                   [--classes 1,5,10] [--moves 6]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tools")]

from course_config import CourseConfig, hub_link  # noqa: E402
from hub_driver import COURSE_FOLDER, KernelClient, LocalHub, course_repository  # noqa: E402

DEFAULT_LECTURE = "notebooks/12_credit_scoring_rating.ipynb"  # the longest lecture
GIB = 2**30
CLASS_DEADLINE_S = 60  # a class pressing Run All together sees the lecture done within this
NODE_RESERVED_GIB = 2.0  # the node's system, kubelet and hub pods
NODES = ((2, 8), (4, 16), (8, 32), (16, 64))  # (vCPUs, GiB)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)] if ordered else 0.0


class _MemorySampler:
    """Peak resident memory (server + kernels) of each student, sampled in a thread."""

    def __init__(self, hub: LocalHub, students: list[str]) -> None:
        self.hub, self.students = hub, students
        self.peak = dict.fromkeys(students, 0.0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        pids: dict[str, list[Any]] = {}
        while not self._stop.is_set():
            for student in self.students:
                try:
                    procs = self.hub.student_processes(student) or pids.get(student, [])
                    pids[student] = procs
                    rss = sum(p.memory_info().rss for p in procs if p.is_running())
                except Exception:  # noqa: BLE001 — a process that just ended, a busy hub
                    continue
                self.peak[student] = max(self.peak[student], rss / GIB)
            self._stop.wait(0.5)

    def __enter__(self) -> _MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _cpu_seconds(processes: list[Any]) -> float:
    total = 0.0
    for process in processes:
        try:
            t = process.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
        except Exception:  # noqa: BLE001 — ended
            pass
    return total


async def _student(hub: LocalHub, student: str, lecture: str, query: str, moves: int,
                   cells: list[str]) -> dict[str, Any]:
    start = time.perf_counter()
    await asyncio.to_thread(hub.spawn, student)
    await asyncio.to_thread(hub.pull, student, query)
    client = KernelClient(hub, student, f"{COURSE_FOLDER}/{lecture}")
    await client.start()
    first = time.perf_counter() - start
    run_start = time.perf_counter()
    for code in cells:
        await client.execute(code)
    run_all = time.perf_counter() - run_start
    processes = await asyncio.to_thread(hub.student_processes, student)
    cpu = _cpu_seconds(processes)
    kernel_cpu = _cpu_seconds(processes[1:])  # the first is the server
    redraws = []
    sliders = client.sliders()
    if sliders:
        comm, state = sliders[0]
        value, step = state["value"], state.get("step") or 1
        direction = 1 if value + step <= state.get("max", value + step) else -1
        for _ in range(moves):
            value = value + direction * step
            redraws.append(await client.move(comm, value))
            direction = -direction
    await client.close()
    return {"student": student, "first": first, "run_all": run_all, "cpu": cpu,
            "kernel_cpu": kernel_cpu,
            "redraws": redraws, "errors": client.errors}


async def _class(hub: LocalHub, students: list[str], lecture: str, moves: int,
                 cells: list[str]) -> list[dict[str, Any]]:
    config = CourseConfig(hub_url=hub.url, repository_url=hub.repository_url, branch="main",
                          binder_url="")
    query = urllib.parse.urlparse(hub_link(config, lecture)).query
    return list(await asyncio.gather(*(_student(hub, s, lecture, query, moves, cells)
                                       for s in students)))


def _stop_servers(hub: LocalHub, students: list[str]) -> None:
    for student in students:
        hub.request("DELETE", f"/hub/api/users/{student}/server")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        users = [hub.api("GET", f"/hub/api/users/{s}") for s in students]
        if not any(u.get("servers") for u in users):
            return
        time.sleep(0.5)


def sizing(peak_gib: float, cpu_s: float) -> tuple[float, float, list[tuple[str, int, int]]]:
    """Memory guarantee and limit per student (GiB), and for each node (label, students by
    memory, students by CPU)."""
    guarantee = math.ceil(peak_gib / 0.25) * 0.25  # the measured peak, rounded up
    limit = 2 * guarantee  # room for a second notebook's kernel
    rows = []
    for cpus, gib in NODES:
        by_memory = int((gib - NODE_RESERVED_GIB) // guarantee)
        by_cpu = int(CLASS_DEADLINE_S * cpus // cpu_s) if cpu_s else by_memory
        rows.append((f"{cpus} vCPU, {gib} GiB", by_memory, by_cpu))
    return guarantee, limit, rows


def main(argv: list[str] | None = None) -> dict[int, list[dict[str, Any]]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lecture", default=DEFAULT_LECTURE)
    parser.add_argument("--classes", default="1,5,10")
    parser.add_argument("--moves", type=int, default=6)
    args = parser.parse_args(argv if argv is not None else [])
    sizes = [int(n) for n in args.classes.split(",")]
    notebook = nbformat.read(ROOT / args.lecture, as_version=4)
    cells = [c.source for c in notebook.cells if c.cell_type == "code" and c.source.strip()]

    tmp = Path(tempfile.mkdtemp(prefix="crm-classroom-"))
    hub = LocalHub(course_repository(tmp))
    results: dict[int, list[dict[str, Any]]] = {}
    peaks: dict[int, dict[str, float]] = {}
    print(f"lecture {args.lecture}: each simulated student starts a server, pulls the course, "
          f"runs all {len(cells)} code cells and moves a slider {args.moves} times", flush=True)
    try:
        hub.start()
        for n in sizes:
            students = [f"c{n}s{i:02d}" for i in range(n)]
            with _MemorySampler(hub, students) as sampler:
                results[n] = asyncio.run(_class(hub, students, args.lecture, args.moves, cells))
            peaks[n] = sampler.peak
            _stop_servers(hub, students)
            errors = [f"{r['student']}: {e}" for r in results[n] for e in r["errors"]]
            if errors:
                print("errors:\n  " + "\n  ".join(errors[:10]))
    finally:
        leftovers = hub.stop()
        hub.cleanup()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    if leftovers:
        print(f"processes left behind by the hub (killed): {leftovers}")

    print(f"\n{'students':>8} {'first notebook s':>17} {'run all s':>12} {'CPU s each':>14} "
          f"{'peak GiB':>9} {'redraw s':>13}")
    print(f"{'at once':>8} {'median / max':>17} {'median / max':>12} {'all (kernel)':>14} "
          f"{'max':>9} {'median / p95':>13}")
    for n, rows in results.items():
        first = [r["first"] for r in rows]
        run = [r["run_all"] for r in rows]
        cpu = [r["cpu"] for r in rows]
        kernel_cpu = [r["kernel_cpu"] for r in rows]
        redraws = [t for r in rows for t in r["redraws"]]
        print(f"{n:>8} {statistics.median(first):8.1f} / {max(first):5.1f} "
              f"{statistics.median(run):5.1f} / {max(run):4.1f} {statistics.mean(cpu):6.1f} "
              f"({statistics.mean(kernel_cpu):4.1f}) {max(peaks[n].values()):9.2f} "
              f"{statistics.median(redraws) if redraws else 0:6.2f} / "
              f"{_percentile(redraws, 0.95):4.2f}")

    largest = max(results)
    peak = max(peaks[largest].values())
    cpu = statistics.mean(r["cpu"] for r in results[largest])
    guarantee, limit, rows = sizing(peak, cpu)
    print(f"\nSizing (from the class of {largest}: peak {peak:.2f} GiB and {cpu:.1f} CPU-s per "
          f"student for server start, pull and the lecture)")
    print(f"memory guarantee {guarantee:.2f} GiB, limit {limit:.2f} GiB per student; "
          f"{NODE_RESERVED_GIB:.0f} GiB of each node kept for the system")
    print(f"| node | students by memory | students by CPU (Run All together, done in "
          f"{CLASS_DEADLINE_S} s) | students per node |\n|---|---|---|---|")
    for label, by_memory, by_cpu in rows:
        print(f"| {label} | {by_memory} | {by_cpu} | {min(by_memory, by_cpu)} |")
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
