"""What students get is the run-time set of pyproject.toml, with the same lower bounds.

The rule: ``pyproject.toml`` is the one source. Its ``[project] dependencies`` are what a
notebook needs to run. ``environment.yml`` (what Binder and repo2docker build, and what conda
users create) and ``deploy/requirements.txt`` (pip: The Littlest JupyterHub, ``deploy/Dockerfile``)
list exactly those, plus nbgitpuller from the ``hub`` extra (every student's server needs it
for the hub's links), with the same lower bounds — and nothing else: no test tools (pytest,
Playwright …), no site builders, no benchmark rivals, not JupyterHub itself (the hub brings its
own, and the image's must match its major version). Developers get the extras from pyproject
(``make test`` installs ``.[test,hub]``). Every dependency has a lower bound that was tested.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]
# packages of the extras that every student's environment has too
FOR_STUDENTS = {"hub": {"nbgitpuller"}}
# extras whose bounds are not all lower bounds (the benchmarks pin an old setuptools)
NO_LOWER_BOUND_RULE = {"bench"}


def _meta() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _runtime() -> dict[str, SpecifierSet]:
    """The packages students get, from pyproject.toml."""
    meta = _meta()
    reqs = [Requirement(r) for r in meta["dependencies"]]
    for extra, names in FOR_STUDENTS.items():
        reqs += [r for r in map(Requirement, meta["optional-dependencies"][extra])
                 if r.name.lower() in names]
    parsed = {r.name.lower(): r.specifier for r in reqs}
    parsed["python"] = SpecifierSet(meta["requires-python"])
    return parsed


def _environment_yml() -> dict[str, SpecifierSet]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict) or dep == "pip":
            continue
        name, spec = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", dep).groups()
        found[name.lower()] = SpecifierSet(spec.replace(" ", ""))
    return found


def _requirements_txt() -> dict[str, SpecifierSet]:
    found = {}
    for line in (ROOT / "deploy" / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            req = Requirement(line)
            found[req.name.lower()] = req.specifier
    found["python"] = _runtime()["python"]  # pip cannot say it; the Dockerfile's image does
    return found


def _compare(listed: dict[str, SpecifierSet], where: str) -> None:
    runtime = _runtime()
    assert set(listed) == set(runtime), (
        f"only in pyproject's run-time set: {sorted(set(runtime) - set(listed))}; "
        f"only in {where}: {sorted(set(listed) - set(runtime))} (developer tools stay in "
        f"pyproject's extras)")
    differ = {n: (str(runtime[n]), str(listed[n])) for n in runtime if runtime[n] != listed[n]}
    assert not differ, f"bounds differ (pyproject, {where}): {differ}"


def test_environment_yml_is_the_runtime_set() -> None:
    _compare(_environment_yml(), "environment.yml")


def test_requirements_txt_is_the_runtime_set() -> None:
    _compare(_requirements_txt(), "deploy/requirements.txt")


def test_no_test_tool_reaches_students() -> None:
    students = set(_environment_yml())
    for tool in ("pytest", "playwright", "nbval", "hypothesis", "ruff", "jupyterhub"):
        assert tool not in students, f"{tool} is a developer's tool, not a student's"


def test_every_dependency_has_a_tested_lower_bound() -> None:
    meta = _meta()
    reqs = list(meta["dependencies"])
    for extra, items in meta["optional-dependencies"].items():
        if extra not in NO_LOWER_BOUND_RULE:
            reqs += items
    for req in map(Requirement, reqs):
        assert any(s.operator == ">=" for s in req.specifier), f"{req.name} has no lower bound"


def test_environment_installs_the_course_package() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip
