"""Helpers for the CRM analytics course.

Every formula and model the notebooks use lives in one of these modules, one per subject:

=================  ==========================================================
``datasets``       loading the course data (CDNOW, German Credit, case company)
``plots``          the house plotting style, optional Chinese labels
``widgets``        small factories for the interactive widgets
``checks``         self-checks for the exercise notebooks (answer keys in ``answers``)
``glossary``       the English-Chinese terms of the course
``validation``     the shared input checks behind the helpers' error messages
``satisfaction``   01 expectation-disconfirmation, satisfaction levels, NPS, Kano
``quality``        02 SERVQUAL, Cronbach's alpha, importance-performance, control charts
``loyalty``        03 loyalty measures, ladder and filter, loyalty types and index
``value``          04 Pareto, Lorenz and Gini, whale curve, profitability, pyramid
``segments``       05 ABCD grades, RFM, k-means, segment strategies
``lifecycle``      06 lifecycle stages, stage moves, cohort retention
``retention``      07 retention rates, Kaplan-Meier, shifted-beta-geometric, economics
``clv``            08-09 lifetime value, DWYER, Markov migration, event forecasts
``btyd``           10 BG/NBD, Pareto/NBD, Gamma-Gamma, probability alive
``credit``         11 DSO, ageing, bad debts, financial ratios, 5C
``rating``         12 the 20-indicator credit rating and risk classes
``scorecard``      12 WOE/IV binning and the points scorecard
``strategy``       13 customer profiles, grades, ACURA actions, budget checks
=================  ==========================================================

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
