"""pyproject.toml and environment.yml list the same packages with the same lower bounds."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]
BENCH_ONLY = "bench"  # benchmark extras stay out of the course environment


def _pyproject() -> dict[str, SpecifierSet]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(meta["dependencies"])
    for extra, items in meta["optional-dependencies"].items():
        if extra != BENCH_ONLY:
            reqs += items
    parsed = {Requirement(r).name.lower(): Requirement(r).specifier for r in reqs}
    parsed["python"] = SpecifierSet(meta["requires-python"])
    return parsed


def _environment() -> dict[str, SpecifierSet]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict) or dep == "pip":
            continue
        name, spec = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", dep).groups()
        found[name.lower()] = SpecifierSet(spec.replace(" ", ""))
    return found


def test_same_packages() -> None:
    py, env = _pyproject(), _environment()
    assert set(py) == set(env), f"only in pyproject: {set(py) - set(env)}; " \
                                f"only in environment.yml: {set(env) - set(py)}"


def test_same_lower_bounds() -> None:
    py, env = _pyproject(), _environment()
    differ = {name: (str(py[name]), str(env[name])) for name in py if py[name] != env[name]}
    assert not differ, f"bounds differ (pyproject, environment.yml): {differ}"


def test_every_dependency_has_a_tested_lower_bound() -> None:
    for name, spec in _pyproject().items():
        assert any(s.operator == ">=" for s in spec), f"{name} has no lower bound"


def test_environment_installs_the_course_package() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip
