"""Bad input, everywhere: every public helper refuses it clearly or handles it soundly.

The engine is ``tests/mutation.py``; the valid example calls are in ``tests/mutation_cases/``
(a file per subject, each a list ``CASES`` of :class:`mutation.Case`; a module split in two
keeps one file, e.g. ``dwyer.py`` also covers ``migration`` and ``events``). A public
helper added to the package without a case makes ``test_every_public_helper_has_a_case``
fail, so new helpers are covered without editing this file.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from mutation import Case, Outcome, memory_limit, public_callables, run_case, target_name

import helpers

CASES_DIR = Path(__file__).resolve().parent / "mutation_cases"

EXEMPT: dict[str, str] = {
    "model.Model.summary": "abstract: every model defines its own summary, covered there",
}
"""Public callables without a case, each with its reason."""


def _public_modules() -> list[ModuleType]:
    """Every public module of helpers (the answer keys are the instructors' data, not a
    student's tool, and private modules are reached through the public ones)."""
    found = []
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts[1:]) or parts[1] == "answers":
            continue
        found.append(importlib.import_module(info.name))
    return found


def _all_callables() -> dict[str, object]:
    """Public callables reachable from a public module, by their home name (a function
    re-exported by another module counts once)."""
    found: dict[str, object] = {}
    for module in _public_modules():
        for obj in public_callables(module):
            found.setdefault(target_name(obj), obj)
        for name in dir(module):  # re-exports of private modules (helpers.datasets._files)
            obj = getattr(module, name)
            home = getattr(obj, "__module__", "") or ""
            if name.startswith("_") or not home.startswith("helpers."):
                continue
            if any(p.startswith("_") for p in home.split(".")[1:]):
                for member in public_callables(importlib.import_module(home)):
                    if member is obj or getattr(member, "__qualname__", "").startswith(
                            getattr(obj, "__qualname__", "?") + "."):
                        found.setdefault(target_name(member), member)
    return found


def _case_files() -> list[Path]:
    return sorted(p for p in CASES_DIR.glob("*.py") if not p.name.startswith("_"))


def _load_cases(path: Path) -> list[Case]:
    spec = importlib.util.spec_from_file_location(f"mutation_cases.{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.CASES)


def test_every_public_helper_has_a_case() -> None:
    covered = {case.name for path in _case_files() for case in _load_cases(path)}
    missing = sorted(set(_all_callables()) - covered - set(EXEMPT))
    assert not missing, (f"{len(missing)} public helper(s) have no case in "
                         f"tests/mutation_cases/: {missing}")
    stale = sorted(set(EXEMPT) - set(_all_callables()))
    assert not stale, f"EXEMPT names helpers that no longer exist: {stale}"


@pytest.mark.parametrize("path", _case_files(), ids=lambda p: p.stem)
def test_bad_input_is_refused_clearly_or_handled(path: Path, record_property) -> None:
    outcomes: list[Outcome] = []
    with memory_limit():
        for case in _load_cases(path):
            outcomes += run_case(case)
    counts = Counter(o.verdict for o in outcomes)
    record_property("mutation", ", ".join([f"{path.stem}: {len(outcomes)} calls"]
                                          + [f"{n} {v}" for v, n in sorted(counts.items())]))
    failures = [o for o in outcomes if o.failed]
    assert not failures, (
        f"{len(failures)} of {len(outcomes)} bad inputs were not refused clearly:\n"
        + "\n".join(f"  {o.case}({o.mutant}) -> {o.verdict}: {o.detail}"
                    for o in failures[:60])
        + (f"\n  … and {len(failures) - 60} more" if len(failures) > 60 else ""))
