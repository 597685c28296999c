"""Run every benchmark in this folder (``make bench``).

Each benchmark module has a ``main()`` that prints its own table. Model benchmarks compare
the course's helpers with the library a user would otherwise pick, measured in the same run,
and report ratios rather than absolute times.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sys.path.insert(0, str(HERE))
    modules = sorted(p.stem for p in HERE.glob("*.py") if p.stem not in {"run", "__init__"})
    for name in modules:
        print(f"\n== {name} ==", flush=True)
        importlib.import_module(name).main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
