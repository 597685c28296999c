"""Helpers for the CRM analytics course.

Every formula and model the notebooks use lives in one of these modules, one per subject:

=================  ==========================================================
``datasets``       loading the course data (CDNOW, German Credit, case company)
``plots``          the house plotting style, optional Chinese labels
``widgets``        small factories for the interactive widgets
``checks``         self-checks for the exercise notebooks
``glossary``       the English-Chinese terms of the course
=================  ==========================================================

Chapter modules (``satisfaction``, ``quality``, ``loyalty``, ``value``, ``segments``,
``lifecycle``, ``retention``, ``clv``, ``credit``) are added as their chapters land.

Submodules are imported on first use, so ``import helpers`` stays fast.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__version__ = "0.1.0"

_SUBMODULES = {
    "datasets", "plots", "widgets", "checks", "glossary",
    "satisfaction", "quality", "loyalty", "value", "segments",
    "lifecycle", "retention", "clv", "btyd", "credit", "rating", "scorecard",
    "strategy", "validation",
}

__all__ = sorted(_SUBMODULES)


def __getattr__(name: str) -> ModuleType:
    if name in _SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _SUBMODULES)
