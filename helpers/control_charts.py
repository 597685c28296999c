"""Control charts for monitoring service quality (chapter 02, 统计过程控制).

《客户管理》第三章 names three ways to monitor service quality (监控服务质量) — involve
employees, “利用统计过程进行监测” (monitor with statistical processes) and involve customers.
The control charts here are the course's reading of the second (beyond the deck's words): a
p-chart for rates such as complaints per order (:func:`p_chart`, with the weekly counts of
:func:`complaint_rates`), an individuals / moving-range chart (:func:`individuals_chart`) and an
X̄ chart (:func:`xbar_chart`) for response times, each flagging out-of-control points and naming
the rule that fired (:data:`RULES`). :mod:`helpers.quality` re-exports every name, so
``quality.p_chart`` works as well.

Bad input (a missing column, counts as text, NaN or ±inf, dates as text or with a time zone, an
unknown rule) raises a ``ValueError`` or ``TypeError`` naming the argument or column and the
rows at fault (:mod:`helpers.validation`).

Sources: Montgomery, *Introduction to Statistical Quality Control* (ch. 6–7) and the Western
Electric *Statistical Quality Control Handbook* (1956).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from . import language
from .validation import (
    MAX_PERIODS,
    as_numeric_series,
    check_choice,
    check_labels,
    check_names,
    check_squarable,
    check_text,
    date_column,
    offenders,
    refuse_rows,
    require_frame,
    require_no_nan,
)

__all__ = ["RULES", "D2_N2", "D4_N2", "complaint_rates", "p_chart", "individuals_chart",
           "xbar_chart"]

RULES: dict[str, str] = language.texts({
    "beyond 3 sigma": "Western Electric rule 1: one point outside the 3-sigma control limits.",
    "run of 8": "Western Electric rule 4: eight points in a row on the same side of the centre "
                "line (the eighth and every later point of the run is flagged).",
})
"""The rules a chart can check, by name, with their explanation in the course's language. The
names are options (``rules=("beyond 3 sigma", "run of 8")``) and the words of a chart's
``rule`` column (several joined by ``"; "``): they stay English in the data, and a table
shows them in Chinese in the Chinese edition (:func:`helpers.language.table_labels`)."""

D2_N2 = 1.128   # d2 for moving ranges of two points (Montgomery, Appendix VI)
D4_N2 = 3.267   # D4 for moving ranges of two points


def complaint_rates(service: pd.DataFrame, orders: pd.DataFrame, *, kind: str = "complaint",
                    freq: str = "W") -> pd.DataFrame:
    """Count service events of type ``kind`` and orders per period (``freq``, e.g. weeks).

    Returns ``orders, events, rate`` (events / orders) indexed by period, from the first to the
    last period that holds an order or an event (at most :data:`~helpers.validation.MAX_PERIODS`
    periods); a period without events has 0 events, a period without orders raises (the rate
    would be undefined). The events and orders of a period need not be linked: a complaint
    counts in the period it was made.

    >>> service = pd.DataFrame({"date": pd.to_datetime(["2024-01-02", "2024-01-16"]),
    ...                         "type": ["complaint", "complaint"]})
    >>> orders = pd.DataFrame({"order_date": pd.to_datetime(
    ...     ["2024-01-01", "2024-01-05", "2024-01-09", "2024-01-15"])})
    >>> complaint_rates(service, orders)
                           orders  events  rate
    period
    2024-01-01/2024-01-07       2       1   0.5
    2024-01-08/2024-01-14       1       0   0.0
    2024-01-15/2024-01-21       1       1   1.0
    """
    require_frame(service, "service", ["date", "type"])
    require_frame(orders, "orders", ["order_date"])
    event_dates = date_column(service, "date", "service")
    order_dates = date_column(orders, "order_date", "orders")
    require_no_nan(service[["type"]], "service")
    kind = check_text(kind, "kind")
    if not isinstance(freq, str):
        raise TypeError(f"freq must be a pandas period frequency such as 'W', 'M' or 'Q', got "
                        f"{type(freq).__name__} {freq!r}")
    try:
        order_period = order_dates.dt.to_period(freq)
    except (TypeError, ValueError, AttributeError) as err:
        raise ValueError(f"freq must be a pandas period frequency such as 'W', 'M' or 'Q', "
                         f"got {freq!r}") from err
    hit = (service["type"] == kind).to_numpy()
    if not hit.any():
        raise ValueError(f"service has no rows of type {kind!r} (the kind asked for); types are "
                         f"{sorted(map(str, pd.unique(service['type'])))}")
    n = order_dates.groupby(order_period).size()
    counts = event_dates[hit].groupby(event_dates[hit].dt.to_period(freq)).size()
    first = min(n.index.min(), counts.index.min())
    last = max(n.index.max(), counts.index.max())
    periods = (last - first).n + 1
    if periods > MAX_PERIODS:
        raise ValueError(f"freq {freq!r} splits {first} to {last} into {periods:,} periods, more "
                         f"than the {MAX_PERIODS:,} a chart can hold: choose a longer period")
    full = pd.period_range(first, last, freq=n.index.freq)
    n = n.reindex(full, fill_value=0)
    empty = n[n == 0]
    if not empty.empty:
        raise ValueError(f"orders: {len(empty)} period(s) have no orders, so their rate is "
                         f"undefined: {[str(p) for p in empty.index[:5]]}")
    table = pd.DataFrame({"orders": n, "events": counts.reindex(full, fill_value=0)})
    table["rate"] = table["events"] / table["orders"]
    table.index.name = "period"
    return table


def _baseline_mask(index: pd.Index, baseline: object, name: str, points: str) -> np.ndarray:
    """``baseline`` as a boolean array with one value per point (``points`` says which)."""
    if baseline is None:
        return np.ones(len(index), dtype=bool)
    mask = np.asarray(baseline)
    if mask.dtype != bool or mask.shape != (len(index),):
        raise TypeError(f"{name}: baseline must be a boolean mask with one value per "
                        f"{points} ({len(index)}), got dtype {mask.dtype} and shape "
                        f"{mask.shape}")
    return mask


def _rules(rules: object) -> list[str]:
    """The rule names asked for (none is allowed: a chart without signals)."""
    return [check_choice(rule, "rules", list(RULES))
            for rule in check_names(rules, "rules", allow_empty=True, unique=False)]


def _signals(values: np.ndarray, center: np.ndarray, lcl: np.ndarray, ucl: np.ndarray,
             rules: Sequence[str]) -> pd.DataFrame:
    fired = {}
    if "beyond 3 sigma" in rules:
        fired["beyond 3 sigma"] = (values > ucl) | (values < lcl)
    if "run of 8" in rules:
        side = pd.Series(np.sign(values - center))
        run_id = (side != side.shift()).cumsum()
        run_length = side.groupby(run_id).cumcount() + 1
        fired["run of 8"] = ((run_length >= 8) & (side != 0)).to_numpy()
    flags = pd.DataFrame(fired, index=range(len(values)))
    rule_text = np.full(len(values), "", dtype=object)
    for name, hit in fired.items():  # at most a few rules, not a loop over points
        rule_text = np.where(hit & (rule_text != ""), rule_text + "; " + name,
                             np.where(hit, name, rule_text))
    return pd.DataFrame({"signal": flags.any(axis=1).to_numpy() if fired else False,
                         "rule": rule_text.astype(str)})


def p_chart(events: pd.Series, n: pd.Series, *, baseline: object = None,
            rules: Sequence[str] = ("beyond 3 sigma",)) -> pd.DataFrame:
    """p-chart (控制图) for a proportion, e.g. complaints per order each week.

    Centre ``p̄ = Σ events / Σ n`` over the ``baseline`` points (all points by default; pass
    a boolean mask to set the limits on a stable period, Phase I); limits per point
    ``p̄ ± 3 √(p̄(1 − p̄) / n_i)``, clipped to [0, 1]. ``events`` and ``n`` are whole-number
    counts per period (0 ≤ events ≤ n, n > 0). Returns ``n, events, p, center, lcl, ucl,
    signal, rule`` (the :data:`RULES` that fired). Source: Montgomery, *Introduction to
    Statistical Quality Control*, §7.2 (variable sample size).

    >>> chart = p_chart(pd.Series([2, 3, 5, 10]), pd.Series([100] * 4),
    ...                 baseline=np.array([True, True, True, False]))
    >>> chart[["p", "ucl", "signal"]].round(4)  # p̄ = 10 / 300, UCL p̄ + 3 √(p̄(1 − p̄) / 100)
          p     ucl  signal
    0  0.02  0.0872   False
    1  0.03  0.0872   False
    2  0.05  0.0872   False
    3  0.10  0.0872    True
    """
    events = as_numeric_series(events, "events", low=0, integer=True)
    n = as_numeric_series(n, "n", low=0, integer=True)
    rules = _rules(rules)
    if not events.index.equals(n.index):
        raise ValueError("events and n must have the same index (one value of each per period)")
    zero = n <= 0
    if zero.any():
        raise ValueError(f"n must be positive in every period (an empty period has no rate); "
                         f"{int(zero.sum())} are not: {offenders(n, zero)}")
    refuse_rows(pd.DataFrame({"events": events, "n": n}), events > n, "events and n",
                "events cannot exceed n")
    mask = _baseline_mask(events.index, baseline, "p_chart", "period of events and n")
    if not mask.any():
        raise ValueError("p_chart: the baseline selects no points")
    p_bar = events[mask].sum() / n[mask].sum()
    sigma = np.sqrt(p_bar * (1 - p_bar) / n)
    table = pd.DataFrame({"n": n, "events": events, "p": events / n, "center": p_bar,
                          "lcl": (p_bar - 3 * sigma).clip(lower=0.0),
                          "ucl": (p_bar + 3 * sigma).clip(upper=1.0)})
    flags = _signals(table["p"].to_numpy(), table["center"].to_numpy(), table["lcl"].to_numpy(),
                     table["ucl"].to_numpy(), rules)
    return table.assign(signal=flags["signal"].to_numpy(), rule=flags["rule"].to_numpy())


def individuals_chart(values: pd.Series, *, baseline: object = None,
                      rules: Sequence[str] = ("beyond 3 sigma",)) -> pd.DataFrame:
    """Individuals and moving-range (I-MR) chart, e.g. of weekly mean response hours.

    From the ``baseline`` points (all by default; at least two, consecutive ones give the
    moving ranges): centre ``x̄``, ``σ̂ = MR̄ / d2`` with ``d2 = 1.128``, limits ``x̄ ± 3σ̂``;
    the moving-range chart's upper limit is ``D4 × MR̄ = 3.267 MR̄``. Returns ``value,
    moving_range, center, lcl, ucl, mr_ucl, signal, rule``. Source: Montgomery, §6.4.

    >>> chart = individuals_chart(pd.Series([10.0, 12.0, 11.0, 13.0, 30.0]),
    ...                           baseline=np.array([True] * 4 + [False]))
    >>> chart[["value", "center", "ucl", "signal"]].round(4)  # UCL 11.5 + 3 × (5/3) / 1.128
       value  center      ucl  signal
    0   10.0    11.5  15.9326   False
    1   12.0    11.5  15.9326   False
    2   11.0    11.5  15.9326   False
    3   13.0    11.5  15.9326   False
    4   30.0    11.5  15.9326    True
    """
    values = as_numeric_series(values, "values")
    rules = _rules(rules)
    mask = _baseline_mask(values.index, baseline, "individuals_chart",
                          "point of values")
    mr = values.diff().abs()
    base_mr = mr[mask & np.r_[False, mask[:-1]]]  # ranges between two baseline points
    if mask.sum() < 2 or base_mr.empty:
        raise ValueError("individuals_chart needs at least two consecutive baseline points")
    center = values[mask].mean()
    mr_bar = base_mr.mean()
    sigma = mr_bar / D2_N2
    table = pd.DataFrame({"value": values, "moving_range": mr, "center": center,
                          "lcl": center - 3 * sigma, "ucl": center + 3 * sigma,
                          "mr_ucl": D4_N2 * mr_bar})
    flags = _signals(table["value"].to_numpy(), table["center"].to_numpy(),
                     table["lcl"].to_numpy(), table["ucl"].to_numpy(), rules)
    return table.assign(signal=flags["signal"].to_numpy(), rule=flags["rule"].to_numpy())


def xbar_chart(values: pd.Series, groups: pd.Series, *, baseline: object = None,
               rules: Sequence[str] = ("beyond 3 sigma",)) -> pd.DataFrame:
    """X̄ chart of subgroup means with variable subgroup sizes (e.g. one subgroup per week).

    ``values`` (e.g. each interaction's response hours) and ``groups`` (its period) align.
    From the ``baseline`` subgroups (a boolean mask over the sorted subgroups; all by default):
    grand mean ``x̿`` (weighted by size) and pooled within-subgroup ``σ̂ = √(Σ(n_i − 1)s_i² /
    Σ(n_i − 1))``; limits ``x̿ ± 3σ̂/√n_i``. Subgroups need at least two values each. Returns
    ``n, value (mean), sd, center, lcl, ucl, signal, rule``. The limits only allow for the
    variation within a subgroup: when week-to-week variation is part of normal service, an
    individuals chart of the weekly means is the better choice. Source: Montgomery, §6.3.

    >>> values = pd.Series([1.0, 3.0, 2.0, 4.0, 6.0, 8.0])
    >>> groups = pd.Series(["w1", "w1", "w2", "w2", "w3", "w3"])
    >>> xbar_chart(values, groups, baseline=np.array([True, True, False]))[
    ...     ["value", "center", "ucl", "signal"]]  # pooled σ̂ √2, UCL 2.5 + 3 √2 / √2
        value  center  ucl  signal
    w1    2.0     2.5  5.5   False
    w2    3.0     2.5  5.5   False
    w3    7.0     2.5  5.5    True
    """
    values = as_numeric_series(values, "values")
    check_squarable(values, "values")
    check_labels(groups, "groups")
    if not groups.index.equals(values.index):
        raise ValueError("groups must have the same index as values (one subgroup label per "
                         "value)")
    rules = _rules(rules)
    stats = values.groupby(groups).agg(["size", "mean", "var"])
    small = stats[stats["size"] < 2]
    if not small.empty:
        raise ValueError(f"groups: every subgroup needs at least 2 values; {len(small)} have "
                         f"fewer: {small['size'].head().to_dict()}")
    mask = _baseline_mask(stats.index, baseline, "xbar_chart", "subgroup of groups")
    if not mask.any():
        raise ValueError("xbar_chart: the baseline selects no subgroups")
    base = stats[mask]
    center = (base["mean"] * base["size"]).sum() / base["size"].sum()
    sigma = np.sqrt(((base["size"] - 1) * base["var"]).sum() / (base["size"] - 1).sum())
    half = 3 * sigma / np.sqrt(stats["size"])
    table = pd.DataFrame({"n": stats["size"], "value": stats["mean"], "sd": np.sqrt(stats["var"]),
                          "center": center, "lcl": center - half, "ucl": center + half})
    flags = _signals(table["value"].to_numpy(), table["center"].to_numpy(),
                     table["lcl"].to_numpy(), table["ucl"].to_numpy(), rules)
    return table.assign(signal=flags["signal"].to_numpy(), rule=flags["rule"].to_numpy())
