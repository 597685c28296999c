"""How long each lecture widget takes to redraw when a student moves it.

Every lecture of both editions runs on a fresh kernel; after each cell that builds a widget
with ``helpers.widgets.explore`` a probe cell takes that widget, finds its first slider (or
else its first control), moves it back and forth (20 moves by default, so that the 95th
percentile is not simply the slowest move) and times each redraw inside the kernel: from
the new value to the drawing function having run and its figure and output sent. Then the
same moves again with the notebook's usual display of figures (two drawing passes, what
``explore`` did before it drew its figures once), for the ratio in the same run. The course
aims at a redraw within half a second (95th percentile) for a student who has a core to
themselves; ``benchmarks/classroom.py`` measures the same through a JupyterHub, with classes
sharing the cores.

    python benchmarks/widget_redraw.py [--moves 20] [--edition en|zh|both] [--chapters 05 06]
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
GOAL_P95_S = 0.5
CELL_TIMEOUT_S = 120  # a lecture cell takes seconds; a kernel silent this long is stuck
ATTEMPTS = 3
EDITIONS = {"en": ROOT / "notebooks", "zh": ROOT / "notebooks" / "zh"}

# The first cell records each widget that ``explore`` builds; a probe after each widget cell
# takes the latest and times it.
RECORD = """
from helpers import widgets as _widgets
_built, _explore = [], _widgets.explore
def _recorded(*args, **kwargs):
    _built.append(_explore(*args, **kwargs))
    return _built[-1]
_widgets.explore = _recorded
"""

PROBE = """
import json as _json, time as _time
import ipywidgets as _ipw

def _controls(widget):
    if isinstance(widget, _ipw.Output):
        return []
    if isinstance(widget, _ipw.Box):
        return [c for child in widget.children for c in _controls(child)]
    return [widget] if isinstance(widget, _ipw.ValueWidget) else []

def _values(control, moves):
    if isinstance(control, (_ipw.IntSlider, _ipw.FloatSlider)):
        steps = [k for k in (1, -1, 2, -2, 3, -3) if control.min <= control.value
                 + k * control.step <= control.max] or [0]
        return [control.value + steps[i % len(steps)] * control.step for i in range(moves)]
    options = list(control._options_values)
    return [options[(options.index(control.value) + 1 + i) % len(options)]
            for i in range(moves)]

_all = _controls(_built.pop())
_control = next((c for c in _all if isinstance(c, (_ipw.IntSlider, _ipw.FloatSlider))),
                _all[0])
def _time_moves():
    start, times = _control.value, []
    for value in _values(_control, {moves}):
        t = _time.perf_counter()
        _control.value = value
        times.append(_time.perf_counter() - t)
    _control.value = start
    return times

_one_pass = _time_moves()
_drawn_once, _widgets._png_in_one_pass = _widgets._png_in_one_pass, lambda *a, **k: None
_usual = _time_moves()  # the widget falls back to the notebook's usual display
_widgets._png_in_one_pass = _drawn_once
print("REDRAW " + _json.dumps({{"control": _control.description, "times": _one_pass,
                               "usual": _usual}}))
"""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def time_widgets(path: Path, moves: int) -> list[dict]:
    """Run the lecture with a probe after each widget cell; one row per widget."""
    nb = nbformat.read(path, as_version=4)
    cells = [nbformat.v4.new_code_cell(RECORD)]
    for cell in nb.cells:
        cells.append(cell)
        if cell.cell_type == "code" and "widgets.explore(" in cell.source:
            cells.append(nbformat.v4.new_code_cell(PROBE.format(moves=moves)))
    nb.cells = cells
    for _ in range(ATTEMPTS):
        try:
            NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                           resources={"metadata": {"path": str(path.parent)}}).execute()
            break
        except TimeoutError:  # a kernel that went quiet: start the notebook again
            print(f"{path.name}: no answer from the kernel in {CELL_TIMEOUT_S} s, "
                  f"running it again", flush=True)
    else:
        raise RuntimeError(f"{path}: the kernel did not answer in {ATTEMPTS} attempts")
    rows = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for line in output.get("text", "").splitlines():
                if line.startswith("REDRAW "):
                    rows.append({"notebook": path.name, **json.loads(line[len("REDRAW "):])})
    return rows


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--edition", choices=[*EDITIONS, "both"], default="both")
    parser.add_argument("--chapters", nargs="*", default=[],
                        help="two-digit chapter numbers (default: every lecture)")
    args = parser.parse_args(argv if argv is not None else [])
    editions = list(EDITIONS) if args.edition == "both" else [args.edition]
    print(f"each widget's first slider moved {args.moves} times; redraw time in the kernel, "
          f"seconds (goal: 95th percentile under {GOAL_P95_S} s)")
    print(f"{'lecture':42s} {'control':36s} {'median':>7s} {'p95':>6s} "
          f"{'usual display: median':>22s} {'p95':>6s}")
    rows = []
    for edition in editions:
        for path in sorted(EDITIONS[edition].glob("[0-9][0-9]_*.ipynb")):
            if args.chapters and path.name[:2] not in args.chapters:
                continue
            for row in time_widgets(path, args.moves):
                row["edition"] = edition
                row["median"] = statistics.median(row["times"])
                row["p95"] = _percentile(row["times"], 0.95)
                flag = "  over the goal" if row["p95"] >= GOAL_P95_S else ""
                print(f"{edition + '/' + row['notebook']:42s} {row['control'][:36]:36s} "
                      f"{row['median']:7.2f} {row['p95']:6.2f} "
                      f"{statistics.median(row['usual']):22.2f} "
                      f"{_percentile(row['usual'], 0.95):6.2f}{flag}", flush=True)
                rows.append(row)
    every = [t for row in rows for t in row["times"]]
    usual = [t for row in rows for t in row["usual"]]
    print(f"all {len(rows)} widgets: median {statistics.median(every):.2f} s, 95th percentile "
          f"{_percentile(every, 0.95):.2f} s, slowest widget's p95 "
          f"{max(row['p95'] for row in rows):.2f} s; with the usual display: median "
          f"{statistics.median(usual):.2f} s, 95th percentile {_percentile(usual, 0.95):.2f} s")
    return rows


if __name__ == "__main__":
    main(sys.argv[1:])
