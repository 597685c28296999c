"""Helpers for the CRM analytics course.

Every formula and model the notebooks use lives in one of these modules, one per subject:

=================  ==========================================================
``datasets``       loading the course data (CDNOW, German Credit, case company)
``plots``          the house plotting style, optional Chinese labels
``widgets``        small factories for the interactive widgets
``checks``         self-checks for the exercise notebooks (answer keys in ``answers``)
``glossary``       the English-Chinese terms of the course
``validation``     the shared input checks behind the helpers' error messages
``model``          the base of every fitted model, ``NotFittedError``, ``FitWarning``
``language``       English or Simplified Chinese: ``use_language("zh")``
``satisfaction``   01 expectation-disconfirmation, satisfaction levels, NPS, Kano
``quality``        02 SERVQUAL, Cronbach's alpha, importance-performance, driver analysis
``control_charts`` 02 control charts for monitoring service quality (统计过程控制)
``loyalty``        03 loyalty measures, ladder and filter, loyalty types and index
``loyalty_index``  03 the nine-factor loyalty index (re-exported by ``loyalty``)
``value``          04 Pareto, Lorenz and Gini, whale curve, profitability, pyramid
``segments``       05 ABCD grades, RFM, k-means, segment strategies
``segment_service`` 05 the four-step segment service strategy (re-exported by ``segments``)
``lifecycle``      06 lifecycle stages, stage moves, cohort retention
``retention``      07 retention rates, Kaplan-Meier, shifted-beta-geometric, economics
``survival``       07 lifetimes, Kaplan-Meier, log-rank, sBG (re-exported by ``retention``)
``clv``            08 lifetime value, NPV steps, cohort, segment CLV (and 09's names)
``dwyer``          09 DWYER tables, Markov migration model, event forecasts
``btyd``           10 BG/NBD, Pareto/NBD, Gamma-Gamma, probability alive, residual CLV
``btyd_data``      10 RFM summary, model checks, simulators (re-exported by ``btyd``)
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
    "satisfaction", "quality", "control_charts", "loyalty", "loyalty_index", "value", "segments",
    "segment_service",
    "lifecycle", "retention", "survival", "clv", "dwyer", "btyd", "btyd_data", "credit", "rating",
    "scorecard", "strategy", "validation", "model", "language",
}

__all__ = sorted(_SUBMODULES | {"use_language"})


def use_language(language: str = "en") -> str:
    """Switch the course to English (``"en"``) or Simplified Chinese (``"zh"``): see
    :mod:`helpers.language`."""
    from .language import use_language as use

    return use(language)


def __getattr__(name: str) -> ModuleType:
    if name in _SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _SUBMODULES)
