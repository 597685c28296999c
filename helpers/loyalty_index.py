"""03: the nine-factor loyalty index of 第二章“为企业创造价值” (忠诚度的衡量指标).

The deck's three subsystems and nine factors (:data:`SUBSYSTEMS`, :data:`FACTOR_NAMES`):
relationship duration A1 (purchase duration A11, purchase frequency A12, its trend A13),
spending A2 (share of wallet A21, cross-buying A22) and emotional factors A3 (mention rate A31,
price sensitivity A32 — reversed, :data:`REVERSED` —, voluntariness of purchase A33,
satisfaction A34). :func:`loyalty_factors` reads the nine raw factors from an order history
(:func:`helpers.loyalty.purchase_history`) and the survey; :class:`LoyaltyIndex` normalises
them (min–max or z) and combines them with validated weights (:func:`validate_weights`, the
equal defaults :data:`DEFAULT_SUBSYSTEM_WEIGHTS` and :data:`DEFAULT_FACTOR_WEIGHTS`) into
subsystem scores and one index. The deck gives the structure only: the normalisation and the
weights are the course's. :mod:`helpers.loyalty` re-exports every name, so ``loyalty.LoyaltyIndex``
works as well.

Bad input raises a ``ValueError`` or ``TypeError`` that names the argument or column, the rule
and the rows at fault (:mod:`helpers.validation`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .model import Model
from .validation import (
    as_numeric_series,
    check_choice,
    check_names,
    check_text,
    numeric_column,
    numeric_columns,
    require_frame,
    require_unique_index,
)

__all__ = [
    "SUBSYSTEMS", "FACTOR_NAMES", "REVERSED", "DEFAULT_SUBSYSTEM_WEIGHTS",
    "DEFAULT_FACTOR_WEIGHTS", "validate_weights", "loyalty_factors", "LoyaltyIndex",
]

#: The three subsystems and nine factors of 第二章“为企业创造价值” (忠诚度的衡量指标:
#: 3个子系统, 9个因素), with the deck's Chinese names; where the textbook term differs it
#: follows in brackets (A22: the deck's 交叉销售 is the firm's side, cross-selling; the factor
#: measures the customer's side, 交叉购买).
SUBSYSTEMS: dict[str, tuple[str, ...]] = {
    "A1": ("A11", "A12", "A13"), "A2": ("A21", "A22"), "A3": ("A31", "A32", "A33", "A34")}
FACTOR_NAMES: dict[str, tuple[str, str]] = {
    "A1": ("relationship duration", "关系的持久性"),
    "A11": ("purchase duration", "购买持续期"),
    "A12": ("purchase frequency", "购买频率"),
    "A13": ("trend of purchase frequency", "购买频率变化趋势"),
    "A2": ("spending", "消费金额"),
    "A21": ("share of wallet", "钱包份额"),
    "A22": ("cross-buying", "交叉销售（交叉购买）"),
    "A3": ("emotional factors", "情感因素"),
    "A31": ("mention rate", "产品被提及率"),
    "A32": ("price sensitivity (reversed)", "价格敏感性（反向）"),
    "A33": ("voluntariness of purchase", "购买自愿程度"),
    "A34": ("satisfaction", "客户满意度"),
}
#: Factors where more means *less* loyal; the index reverses them after normalising.
REVERSED: tuple[str, ...] = ("A32",)

#: Default weights. Equal weights within each level: the deck 第二章“为企业创造价值” gives
#: the structure but no weights, and with no evidence that one factor matters more, equal
#: weighting is the neutral default recommended for composite indicators (OECD/JRC, *Handbook
#: on Constructing Composite Indicators*, 2008, ch. 6). Each subsystem gets a third, so
#: behaviour (A1 + A2) weighs two thirds and attitude (A3) one third; within a subsystem each
#: factor gets an equal share. Change them to reflect the firm's judgement (e.g. from an AHP
#: exercise with managers).
DEFAULT_SUBSYSTEM_WEIGHTS: dict[str, float] = {"A1": 1 / 3, "A2": 1 / 3, "A3": 1 / 3}
DEFAULT_FACTOR_WEIGHTS: dict[str, float] = {
    "A11": 1 / 3, "A12": 1 / 3, "A13": 1 / 3, "A21": 0.5, "A22": 0.5,
    "A31": 0.25, "A32": 0.25, "A33": 0.25, "A34": 0.25}

_TOL = 1e-6  # tolerance on "weights sum to 1"


def validate_weights(weights: Mapping[str, float], keys: tuple[str, ...], name: str
                     ) -> pd.Series:
    """``weights`` as a float Series over ``keys``, after checking that they name exactly
    ``keys`` and are finite, non-negative numbers that sum to 1 (within 1e-6).

    ``name`` is the argument the weights came from, for the error message.

    >>> validate_weights({"A1": 0.5, "A2": 0.5, "A3": 0.5}, ("A1", "A2", "A3"),
    ...                  "subsystem_weights")
    Traceback (most recent call last):
    ...
    ValueError: subsystem_weights must sum to 1, they sum to 1.5: {'A1': 0.5, 'A2': 0.5, 'A3': 0.5}
    """
    name = check_text(name, "name")
    keys = tuple(check_text(k, "keys") for k in check_names(keys, "keys"))
    if not isinstance(weights, Mapping):
        raise TypeError(f"{name} must be a mapping name -> weight such as "
                        f"{dict.fromkeys(keys[:2], 0.5)}, got {type(weights).__name__}")
    if set(weights) != set(keys):
        missing = [k for k in keys if k not in weights]
        extra = [k for k in weights if k not in keys]
        raise ValueError(f"{name} must give a weight for exactly the keys {list(keys)}; "
                         f"missing {missing}, unknown {extra}")
    series = as_numeric_series(pd.Series({k: weights[k] for k in keys}), name, low=0)
    if abs(series.sum() - 1.0) > _TOL:
        raise ValueError(f"{name} must sum to 1, they sum to {series.sum():.6g}: "
                         f"{series.round(4).to_dict()}")
    return series


#: Columns of a :func:`purchase_history` that :func:`loyalty_factors` reads, with their range.
_HISTORY_FACTORS: dict[str, tuple[float | None, float | None]] = {
    "purchase_duration_years": (0.0, None), "purchase_frequency": (0.0, None),
    "frequency_trend": (-1.0, 1.0), "cross_buying": (0.0, None)}

_FACTORS: tuple[str, ...] = tuple(f for fs in SUBSYSTEMS.values() for f in fs)


def loyalty_factors(history: pd.DataFrame, survey: pd.DataFrame) -> pd.DataFrame:
    """The nine raw factors A11…A34 of 第二章“为企业创造价值” for every surveyed customer.

    A11 ``purchase_duration_years``, A12 ``purchase_frequency``, A13 ``frequency_trend`` and
    A22 ``cross_buying`` come from :func:`purchase_history`; A21 ``share_of_wallet``, A31
    ``mention``, A32 ``price_sensitivity``, A33 ``voluntariness`` and A34
    ``overall_satisfaction`` from the survey. A surveyed customer without order history raises
    (nothing is dropped silently).

    >>> history = pd.DataFrame({"purchase_duration_years": [2.0], "purchase_frequency": [3.0],
    ...                         "frequency_trend": [0.5], "cross_buying": [1.5]}, index=[7])
    >>> survey = pd.DataFrame({"customer_id": [7], "share_of_wallet": [0.6], "mention": [5],
    ...                        "price_sensitivity": [2], "voluntariness": [6],
    ...                        "overall_satisfaction": [8]})
    >>> loyalty_factors(history, survey).loc[7].tolist()
    [2.0, 3.0, 0.5, 0.6, 1.5, 5.0, 2.0, 6.0, 8.0]
    """
    require_frame(history, "history", list(_HISTORY_FACTORS))
    h = pd.DataFrame({c: numeric_column(history, c, "history", low=low, high=high)
                      for c, (low, high) in _HISTORY_FACTORS.items()}, index=history.index)
    require_unique_index(history, "history")
    items = ["share_of_wallet", "mention", "price_sensitivity", "voluntariness",
             "overall_satisfaction"]
    from .loyalty import _survey_frame  # here: helpers.loyalty re-exports this module

    s = _survey_frame(survey, items)
    missing = s.index.difference(h.index)
    if len(missing):
        raise ValueError(f"{len(missing)} surveyed customer(s) have no order history: "
                         f"{list(missing[:5])}")
    h = h.loc[s.index]
    return pd.DataFrame({
        "A11": h["purchase_duration_years"], "A12": h["purchase_frequency"],
        "A13": h["frequency_trend"], "A21": s["share_of_wallet"], "A22": h["cross_buying"],
        "A31": s["mention"], "A32": s["price_sensitivity"], "A33": s["voluntariness"],
        "A34": s["overall_satisfaction"]}).astype(float)


def _factor_frame(factors: object) -> pd.DataFrame:
    """The nine factor columns of ``factors`` as finite floats, one row per customer."""
    require_frame(factors, "factors", list(_FACTORS))
    frame = numeric_columns(factors, _FACTORS, "factors")
    require_unique_index(factors, "factors")
    return frame


class LoyaltyIndex(Model):
    """The three-subsystem, nine-factor customer loyalty index (第二章“为企业创造价值”).

    ``fit(factors)`` checks the weights and learns the normalisation from a frame with columns
    A11…A34 (one row per customer); ``predict(factors)`` returns the normalised factors, the
    subsystem scores A1, A2, A3 and ``index``::

        x'_j  = (x_j − min_j) / (max_j − min_j)      (method="minmax", 0–1), or
        x'_j  = (x_j − mean_j) / sd_j                (method="z", sd with ddof=0)
        x'_j  ← 1 − x'_j (minmax) or −x'_j (z)       for the reversed factor A32
        A_k   = Σ_j w_kj x'_j                        (factor weights, sum to 1 per subsystem)
        index = Σ_k W_k A_k                          (subsystem weights, sum to 1)

    The deck gives the subsystems and factors only: the normalisation, the weighted sums and
    the weights are the course's. With min–max the index lies in [0, 1] on the fitted data.
    Default weights:
    :data:`DEFAULT_SUBSYSTEM_WEIGHTS`, :data:`DEFAULT_FACTOR_WEIGHTS` (equal, see there);
    :meth:`weight_table` shows them before any fit. The fit is closed-form; ``converged_`` is
    False (with a :class:`~helpers.model.FitWarning`) only when the data cannot support the
    normalisation: fewer than two customers, or a factor that is the same for every customer.
    Such a factor carries no information about who is more loyal: it is scored neutrally
    (0.5 with min–max, 0 with z) for everyone.

    >>> factors = pd.DataFrame({f: [1.0, 2.0, 3.0] for f in
    ...     ["A11", "A12", "A13", "A21", "A22", "A31", "A32", "A33", "A34"]}, index=["a", "b", "c"])
    >>> model = LoyaltyIndex().fit(factors)
    >>> model
    LoyaltyIndex(); fitted on 3 customers
    >>> model.predict(factors)["index"].round(3).tolist()
    [0.083, 0.5, 0.917]
    """

    _fit_call = "factors"

    def __init__(self, subsystem_weights: Mapping[str, float] | None = None,
                 factor_weights: Mapping[str, float] | None = None, method: str = "minmax"
                 ) -> None:
        self.subsystem_weights = subsystem_weights
        self.factor_weights = factor_weights
        self.method = method

    def _weights(self) -> tuple[pd.Series, pd.Series]:
        """The subsystem and factor weights, checked (defaults where None)."""
        sub = validate_weights(
            DEFAULT_SUBSYSTEM_WEIGHTS if self.subsystem_weights is None
            else self.subsystem_weights, tuple(SUBSYSTEMS), "subsystem_weights")
        fw = DEFAULT_FACTOR_WEIGHTS if self.factor_weights is None else self.factor_weights
        if not isinstance(fw, Mapping):
            raise TypeError(f"factor_weights must be a mapping factor -> weight, got "
                            f"{type(fw).__name__}")
        extra = [f for f in fw if f not in _FACTORS]
        if extra:
            raise ValueError(f"factor_weights has unknown factor(s) {extra}; the factors are "
                             f"{list(_FACTORS)}")
        parts = [validate_weights({f: fw[f] for f in fs if f in fw}, fs,
                                  f"factor_weights of {k}") for k, fs in SUBSYSTEMS.items()]
        return sub, pd.concat(parts)

    @property
    def effective_weights(self) -> pd.Series:
        """Weight of each factor in the index: subsystem weight × factor weight (sums to 1)."""
        sub, factor = self._weights()
        return _effective(sub, factor)

    def weight_table(self) -> pd.DataFrame:
        """One row per factor: its names, subsystem, factor weight and weight in the index —
        the weights checked, no fit needed.

        >>> LoyaltyIndex().weight_table().loc[["A11", "A31"], ["factor", "weight_in_index"]]
                     factor  weight_in_index
        A11  purchase duration         0.111111
        A31       mention rate         0.083333
        """
        return _weight_rows(*self._weights())

    def fit(self, factors: pd.DataFrame) -> LoyaltyIndex:
        """Check the weights and learn min/max (or mean/sd) of each factor.

        >>> factors = pd.DataFrame({f: [1.0, 2.0] for f in _FACTORS}, index=["a", "b"])
        >>> LoyaltyIndex(method="z").fit(factors).params_.loc["A11"].tolist()
        [1.5, 0.5]
        """
        method = check_choice(self.method, "method", ["minmax", "z"])
        sub, factor = self._weights()
        frame = _factor_frame(factors)
        if method == "minmax":
            location, spread = frame.min(), frame.max() - frame.min()
        else:
            location, spread = frame.mean(), frame.std(ddof=0)
        overflow = ~(np.isfinite(location) & np.isfinite(spread))
        if overflow.any():
            raise ValueError(f"factors {list(spread.index[overflow])} hold numbers too large "
                             f"to normalise: {frame.loc[:, overflow].abs().max().to_dict()}")
        problems = []
        n = len(frame)
        if n < 2:
            problems.append(f"only {n} customer: the factors need at least two customers to "
                            "be normalised")
        else:
            flat = list(spread.index[spread <= 0])
            if flat:
                problems.append(f"factor(s) {flat} are the same for all {n} customers: they "
                                "cannot be normalised and are scored neutrally")
        self.subsystem_weights_, self.factor_weights_ = sub, factor
        self.params_ = pd.DataFrame({"location": location, "scale": spread})
        self.n_customers_ = n
        self._converged(problems)
        return self

    def _describe_fit(self) -> str:
        return (f"fitted on {self.n_customers_} customers"
                + ("" if self.converged_ else ", not converged"))

    def normalise(self, factors: pd.DataFrame) -> pd.DataFrame:
        """The factors normalised with the fitted parameters, A32 reversed; a factor that was
        constant in the fit scores 0.5 (min–max) or 0 (z) for everyone.

        >>> factors = pd.DataFrame({f: [1.0, 3.0] for f in _FACTORS}, index=["a", "b"])
        >>> LoyaltyIndex().fit(factors).normalise(factors)[["A11", "A32"]]
           A11  A32
        a  0.0  1.0
        b  1.0  0.0
        """
        self._require_fitted()
        frame = _factor_frame(factors)
        scale = self.params_["scale"]
        flat = scale <= 0
        z = (frame - self.params_["location"]) / scale.where(~flat, 1.0)
        minmax = self.method == "minmax"
        z.loc[:, list(scale.index[flat])] = 0.5 if minmax else 0.0
        for f in REVERSED:
            z[f] = (1 - z[f]) if minmax else -z[f]
        return z

    def predict(self, factors: pd.DataFrame) -> pd.DataFrame:
        """Normalised factors, subsystem scores A1–A3 and the weighted ``index``.

        >>> factors = pd.DataFrame({f: [1.0, 3.0] for f in _FACTORS}, index=["a", "b"])
        >>> LoyaltyIndex().fit(factors).predict(factors)[["A1", "A2", "A3", "index"]]
            A1   A2    A3     index
        a  0.0  0.0  0.25  0.083333
        b  1.0  1.0  0.75  0.916667
        """
        z = self.normalise(factors)
        out = z.copy()
        for k, fs in SUBSYSTEMS.items():
            out[k] = z[list(fs)] @ self.factor_weights_[list(fs)]
        out["index"] = out[list(SUBSYSTEMS)] @ self.subsystem_weights_
        return out

    def summary(self) -> pd.DataFrame:
        """One row per factor: names, subsystem, factor weight, effective weight and the
        fitted normalisation (``location``, ``scale``).

        >>> factors = pd.DataFrame({f: [1.0, 3.0] for f in _FACTORS}, index=["a", "b"])
        >>> LoyaltyIndex().fit(factors).summary().loc[["A11"], ["subsystem", "location", "scale"]]
            subsystem  location  scale
        A11        A1       1.0    2.0
        """
        self._require_fitted()
        return _weight_rows(self.subsystem_weights_, self.factor_weights_).join(self.params_)


def _effective(sub: pd.Series, factor: pd.Series) -> pd.Series:
    subsystem = pd.Series({f: k for k, fs in SUBSYSTEMS.items() for f in fs})
    return (factor * subsystem.map(sub)).rename("weight")


def _weight_rows(sub: pd.Series, factor: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({
        "factor": [FACTOR_NAMES[f][0] for f in factor.index],
        "chinese": [FACTOR_NAMES[f][1] for f in factor.index],
        "subsystem": [k for k, fs in SUBSYSTEMS.items() for _ in fs],
        "factor_weight": factor,
        "weight_in_index": _effective(sub, factor),
    })
