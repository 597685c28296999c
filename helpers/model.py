"""The base of every fitted model in the course, with its one error and its one warning.

Every model that estimates something from data — BG/NBD, Pareto/NBD, Gamma-Gamma (chapter 10),
the shifted-beta-geometric retention model (07), the Markov migration model (09), the driver
model (02), the loyalty index (03), k-means segments (05), WOE binning and the scorecard (12) —
follows the shape users know from scikit-learn and lifetimes:

* ``Model(options)`` only stores its options, under their own names (nothing is computed or
  checked before ``fit``; ``get_params()`` returns them);
* ``fit(data)`` checks the data, estimates, sets the fitted attributes — their names end in
  ``_`` — and returns the model itself, so that ``Model().fit(data).summary()`` reads as one
  line;
* every fitted model has ``converged_``: ``False`` when the data cannot identify what the model
  estimates (too few customers or periods, a parameter running away, a class too rare, an
  id-like feature), in which case ``fit`` also warns with :class:`FitWarning` and lists the
  reasons in ``fit_problems_``;
* asking an unfitted model for results raises :class:`NotFittedError`;
* ``summary()`` returns the estimates as a table; ``repr`` shows the options that differ from
  their defaults and, once fitted, a short description of the fit.

Example:

>>> from helpers.model import Model, NotFittedError
>>> class Mean(Model):
...     "The mean of a column."
...     def __init__(self, column: str = "x") -> None:
...         self.column = column
...     def fit(self, data):
...         self.mean_ = float(data[self.column].mean())
...         self._converged([])
...         return self
...     def summary(self):
...         self._require_fitted()
...         return self.mean_
>>> Mean(column="y")
Mean(column='y')
>>> Mean().summary()
Traceback (most recent call last):
...
helpers.model.NotFittedError: Mean is not fitted yet: call .fit(data) first
"""

from __future__ import annotations

import inspect
import warnings
from typing import Any

__all__ = ["Model", "NotFittedError", "FitWarning"]


class NotFittedError(ValueError, AttributeError):
    """A model was asked for a result before ``fit`` was called (as in scikit-learn, both a
    ``ValueError`` and an ``AttributeError``)."""


class FitWarning(UserWarning):
    """A fit whose estimates should not be used: the optimiser did not converge, an estimate
    ran off towards 0 or infinity, the likelihood is flat at the estimate, or the data are too
    few or too one-sided to identify what the model estimates. The fitted model then has
    ``converged_ = False`` and the reasons in ``fit_problems_``."""


class Model:
    """Base of the course's fitted models (see the module docstring for the contract)."""

    _fit_call: str = "data"
    """How ``fit`` is called, for the not-fitted message (e.g. ``"summary"``)."""

    converged_: bool
    fit_problems_: list[str]

    # -- options ---------------------------------------------------------------------------

    @classmethod
    def _option_names(cls) -> list[str]:
        params = inspect.signature(cls.__init__).parameters.values()
        return [p.name for p in params
                if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]

    def get_params(self) -> dict[str, Any]:
        """The options the model was made with, by name."""
        return {name: getattr(self, name) for name in self._option_names()}

    def __repr__(self) -> str:
        defaults = {p.name: p.default
                    for p in inspect.signature(type(self).__init__).parameters.values()}
        shown = []
        for name, value in self.get_params().items():
            default = defaults.get(name, inspect.Parameter.empty)
            try:
                same = bool(value == default)
            except (TypeError, ValueError):  # arrays, frames: compare by identity
                same = value is default
            if not same:
                shown.append(f"{name}={value!r}")
        text = f"{type(self).__name__}({', '.join(shown)})"
        if self.is_fitted():
            described = self._describe_fit()
            if described:
                text += f"; {described}"
        return text

    def _describe_fit(self) -> str:
        """A few words on the fit for ``repr`` (models override it)."""
        return "fitted" + ("" if getattr(self, "converged_", True) else ", not converged")

    # -- fitted state ----------------------------------------------------------------------

    def is_fitted(self) -> bool:
        """Whether ``fit`` has run: the model has an attribute whose name ends in ``_``."""
        return any(name.endswith("_") and not name.startswith("_") for name in vars(self))

    def _require_fitted(self) -> None:
        if not self.is_fitted():
            raise NotFittedError(f"{type(self).__name__} is not fitted yet: call "
                                 f".fit({self._fit_call}) first")

    def _converged(self, problems: list[str], what: str = "") -> None:
        """Record the fit's problems; warn (:class:`FitWarning`) if there are any."""
        self.fit_problems_ = list(problems)
        self.converged_ = not problems
        if problems:
            lead = f"{type(self).__name__}{' ' + what if what else ''}"
            warnings.warn(FitWarning(
                f"{lead} gives estimates that should not be used: {'; '.join(problems)}."),
                stacklevel=3)

    def summary(self) -> Any:
        """The estimates as a table (each model defines its own)."""
        raise NotImplementedError
