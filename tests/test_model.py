"""One battery for every fitted model, in the manner of scikit-learn's estimator checks.

The models are found, not listed: every subclass of :class:`helpers.model.Model` in the
package. Each must be constructible with its defaults, store its options under their own
names, refuse to answer before ``fit`` with :class:`helpers.model.NotFittedError`, return
itself from ``fit``, name its fitted attributes with a trailing ``_`` and say whether the fit
converged. The fitted example of each comes from its mutation case
(``tests/mutation_cases/``: the case whose target is the class returns the fitted model).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import warnings
from pathlib import Path

import pandas as pd
import pytest
from mutation import Case

import helpers
from helpers.model import Model, NotFittedError

CASES_DIR = Path(__file__).resolve().parent / "mutation_cases"

EXPECTED = {"BetaGeo", "ParetoNBD", "GammaGamma", "ShiftedBetaGeo", "DriverModel",
            "LoyaltyIndex", "MigrationModel", "WOEBinner", "Scorecard", "KMeansSegmenter"}
"""The course's fitted models: each must share the base."""


def _models() -> list[type[Model]]:
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        if ".answers" not in info.name:
            importlib.import_module(info.name)
    found, todo = [], list(Model.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return sorted({c for c in found if c.__module__.startswith("helpers.")
                   and not c.__name__.startswith("_")},
                  key=lambda c: c.__name__)


def _cases() -> list[Case]:
    import importlib.util
    cases = []
    for path in sorted(CASES_DIR.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"mutation_cases.{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        cases += module.CASES
    return cases


MODELS = _models()


def test_every_fitted_model_shares_the_base() -> None:
    names = {cls.__name__ for cls in MODELS}
    assert EXPECTED <= names, f"not on the base: {sorted(EXPECTED - names)}"


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return _cases()


def _fitted(cls: type[Model], cases: list[Case]) -> Model:
    for case in cases:
        if case.target is cls:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return case.run(case.kwargs)
    raise AssertionError(f"no mutation case fits {cls.__name__}")


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_constructor_only_stores_its_options(cls: type[Model]) -> None:
    model = cls()
    params = inspect.signature(cls.__init__).parameters
    for name, param in params.items():
        if name == "self" or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        assert hasattr(model, name), f"{cls.__name__} does not store {name!r}"
        default = param.default
        stored = getattr(model, name)
        assert stored is default or stored == default, (name, stored, default)
    assert set(model.get_params()) == {n for n in params if n != "self"}
    assert not model.is_fitted()
    assert repr(model) == f"{cls.__name__}()"


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_unfitted_model_raises_not_fitted(cls: type[Model], cases: list[Case]) -> None:
    with pytest.raises(NotFittedError, match=f"{cls.__name__} is not fitted yet: call .fit"):
        cls().summary()
    methods = [c for c in cases if getattr(c.target, "__qualname__", "").startswith(
        f"{cls.__name__}.") and c.target.__name__ != "fit" and "self" in c.kwargs]
    for case in methods:
        kwargs = dict(case.kwargs, self=cls())
        with pytest.raises(NotFittedError):
            case.run(kwargs)


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_fit_returns_the_model_with_trailing_underscore_attributes(
        cls: type[Model], cases: list[Case]) -> None:
    fitted = _fitted(cls, cases)
    assert type(fitted) is cls, "fit must return the model itself"
    fresh = cls(**fitted.get_params())
    added = set(vars(fitted)) - set(vars(fresh))
    public = {a for a in added if not a.startswith("_")}
    assert public and all(a.endswith("_") for a in public), sorted(public)
    assert fitted.is_fitted()
    assert isinstance(fitted.converged_, bool)
    assert isinstance(fitted.fit_problems_, list)
    assert fitted.converged_ == (not fitted.fit_problems_)
    assert repr(fitted).startswith(cls.__name__)
    summary = fitted.summary()
    assert isinstance(summary, (pd.DataFrame, pd.Series)) and len(summary) > 0
