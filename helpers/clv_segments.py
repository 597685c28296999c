"""Customer lifetime value from the data (chapter 08): retention, margin and CLV per segment.

The inputs of chapter 08's retention model (:func:`helpers.clv.clv`) measured in a customers
table and a profit table, as the case company's analysts would: :func:`yearly_retention` (the
share of the customers on the books on 1 January still there a year later),
:func:`segment_margin` (the yearly net profit per customer on the books) and
:func:`segment_clv` (each segment's CLV against its acquisition cost). The names are also
reached as ``clv.<name>``, as the notebooks call them.

Conventions as in :mod:`helpers.clv`: rates are fractions, money in CNY, years whole calendar
years; bad input raises a ``ValueError`` or ``TypeError`` naming the argument or column.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .clv import (
    Timing,
    _check_labels,
    _check_timing,
    _check_years,
    _customer_frame,
    _discount_rate,
    _horizon,
    _require_finite_result,
    _sorted_labels,
    clv,
)
from .validation import (
    check_bool,
    column_option,
    numeric_column,
    require_frame,
    require_no_nan,
)

__all__ = ["yearly_retention", "segment_margin", "segment_clv"]


def _on_books(c: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """One row per customer and year it was on the books on 1 January, with ``retained``."""
    frames = []
    for year in years:  # a loop over a few years, not over customers
        start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)
        at_start = (c["acquisition_date"] < start) & ~(c["lost_date"] < start)
        part = c[at_start].assign(year=year)
        part["retained"] = ~(part["lost_date"] < end)
        frames.append(part)
    return pd.concat(frames, ignore_index=True)


def _example_customers() -> pd.DataFrame:
    """Four customers of two segments: the examples of the data functions."""
    return pd.DataFrame({
        "customer_id": [1, 2, 3, 4],
        "acquisition_date": pd.to_datetime(["2020-05-01", "2020-06-01", "2021-03-01",
                                            "2021-07-01"]),
        "lost_date": pd.to_datetime([None, "2021-08-01", None, "2023-02-01"]),
        "segment": ["a", "a", "b", "b"],
        "acquisition_cost": [100.0, 300.0, 50.0, 150.0],
    })


def yearly_retention(customers: pd.DataFrame, years: Sequence[int], *, by: str | None = None,
                     by_year: bool = False) -> pd.DataFrame:
    """Yearly retention rate: of the customers on the books on 1 January, the share still there a
    year later (客户保持率).

    ``customers`` needs ``customer_id`` (one row each), ``acquisition_date``, ``lost_date``
    (NaT while active; both dates without a time zone) and the column ``by`` if given. A
    customer is on the books on 1 January of ``year`` if it was acquired before that day and
    not lost before it; it is retained if it is not lost before 1 January of the next year.
    Each year of ``years`` (calendar years, each once) must be fully observed (the data must
    record losses up to its 31 December). Returns ``at_start``, ``retained``, ``lost``,
    ``retention`` = retained / at start, pooled over ``years`` per group of ``by`` (and per
    year with ``by_year=True``), and ``std_error``, the binomial standard error of that
    proportion, sqrt(r (1 - r) / n) with n = at start (the customer-years are treated as
    independent trials). A group with no customer at the start raises a ``ValueError``.
    Source: the retention rate (客户保持率; 客户的维系率 in the deck 第二章“为企业创造价值”);
    Reichheld & Sasser (1990); the
    standard error of a proportion as in any statistics text.

    The counts are those of chapter 07's :func:`helpers.retention.period_retention` (pooled as
    in :func:`helpers.retention.group_retention`); this version adds the standard error, needs
    no end of the data, and pools any years the chapter's models are fitted on.

    >>> customers = _example_customers()     # 2021: 1 of 2 stays; 2022: 3 of 3
    >>> yearly_retention(customers, [2021, 2022]).round(4)
           at_start  retained  lost  retention  std_error
    group
    all           5         4     1        0.8     0.1789
    """
    c = _customer_frame(customers, by)
    by_year = check_bool(by_year, "by_year")
    checked_years = _check_years(years)
    books = _on_books(c, checked_years)
    keys = ([by] if by else []) + (["year"] if by_year else [])
    if books.empty:
        raise ValueError("no customer was on the books on 1 January of any of the years "
                         f"{checked_years}: nothing to measure retention on")
    if keys:
        grouped = books.groupby(keys, observed=True)["retained"]
        table = pd.DataFrame({"at_start": grouped.size(), "retained": grouped.sum()})
    else:
        table = pd.DataFrame({"at_start": [len(books)], "retained": [books["retained"].sum()]},
                             index=pd.Index(["all"], name="group"))
    if by and not by_year:
        missing = _sorted_labels(set(c[by].unique()) - set(table.index))
        if missing:
            raise ValueError(f"customers[{by!r}]: group(s) {missing} have no customer on the "
                             f"books on 1 January of {checked_years}: no retention rate")
    table["retained"] = table["retained"].astype(int)
    table["lost"] = table["at_start"] - table["retained"]
    table["retention"] = table["retained"] / table["at_start"]
    table["std_error"] = np.sqrt(table["retention"] * (1.0 - table["retention"])
                                 / table["at_start"])
    return table


def _profit_frame(profit: object, money: Sequence[str]) -> pd.DataFrame:
    """``profit`` (``customer_id``, ``year`` and the ``money`` columns) checked: ids present,
    whole calendar years, finite money (net profit of any sign, other amounts >= 0)."""
    require_frame(profit, "profit", ["customer_id", "year", *money])
    require_no_nan(profit["customer_id"], "profit['customer_id']")
    _check_labels(profit, ["customer_id"], "profit")
    checked = {"customer_id": profit["customer_id"],
               "year": numeric_column(profit, "year", "profit", integer=True, low=1900,
                                      high=2200).astype(int)}
    for column in money:
        checked[column] = numeric_column(profit, column, "profit",
                                         low=None if column == "net_profit" else 0.0)
    return pd.DataFrame(checked, index=profit.index)


def segment_margin(profit: pd.DataFrame, customers: pd.DataFrame, years: Sequence[int], *,
                   by: str | None = None) -> pd.DataFrame:
    """Yearly margin per customer: mean net profit over the full years customers were on the books.

    ``profit`` is :func:`helpers.value.customer_profit` by year (``customer_id, year,
    net_profit``; rows of the same customer and year are added up); ``customers`` as in
    :func:`yearly_retention`. A *full year* is a year of ``years`` that the customer was on the
    books from 1 January to 31 December (acquired before it, not lost in it), so partial first
    and last years (ramp-up, fading before a loss) do not bias the margin. A full year without
    a profit row counts as 0. Returns per group of ``by`` ``customer_years`` and ``margin``
    (mean net profit per customer-year, CNY), plus the median ``median_margin``. Customers of
    ``profit`` not in ``customers`` are not used.
    Source: net customer profitability (chapter 04) as the margin of the retention model.

    >>> profit = pd.DataFrame({"customer_id": [1, 1, 3], "year": [2021, 2022, 2022],
    ...                        "net_profit": [100.0, 300.0, 50.0]})
    >>> segment_margin(profit, _example_customers(), [2021, 2022], by="segment")
             customer_years  margin  median_margin
    segment
    a                     2   200.0          200.0
    b                     2    25.0           25.0
    """
    checked = _profit_frame(profit, ["net_profit"])
    c = _customer_frame(customers, by)
    checked_years = _check_years(years)
    books = _on_books(c, checked_years)
    full = books[books["retained"]]
    if full.empty:
        raise ValueError("no customer was on the books for a full year of "
                         f"{checked_years}: no margin to measure")
    yearly = checked.groupby(["customer_id", "year"])["net_profit"].sum()
    keys = pd.MultiIndex.from_frame(full[["customer_id", "year"]])
    full = full.assign(net_profit=yearly.reindex(keys, fill_value=0.0).to_numpy())
    grouped = full.groupby(by if by else np.zeros(len(full), int), observed=True)["net_profit"]
    with np.errstate(over="ignore", invalid="ignore"):
        table = pd.DataFrame({"customer_years": grouped.size(), "margin": grouped.mean(),
                              "median_margin": grouped.median()})
    _require_finite_result(table[["margin", "median_margin"]], "segment_margin",
                           ["profit['net_profit']"])
    if by:
        missing = _sorted_labels(set(c[by].unique()) - set(table.index))
        if missing:
            raise ValueError(f"customers[{by!r}]: group(s) {missing} have no full year on the "
                             f"books in {checked_years}: no margin")
    else:
        table.index = pd.Index(["all"], name="group")
    return table


def segment_clv(customers: pd.DataFrame, profit: pd.DataFrame, years: Sequence[int], *,
                by: str, discount_rate: float = 0.10, horizon: float = np.inf,
                timing: Timing = "start") -> pd.DataFrame:
    """CLV of each segment from its data, against what it costs to win a customer.

    Per group of ``by``: ``customers`` (how many), ``margin`` (:func:`segment_margin`),
    ``retention`` (:func:`yearly_retention`), ``acquisition_cost`` (mean of the customers'
    ``acquisition_cost``, >= 0), ``value`` = the lifetime value of the margins,
    ``clv(margin, retention, discount_rate, horizon, timing=timing)``, ``clv`` = value -
    acquisition cost and ``worth_acquiring``
    (CLV > 0). The default ``timing="start"`` counts the first year's margin at once (a customer
    just won brings its first year for sure); ``horizon`` is a whole number of years or
    ``numpy.inf`` (the default). Simplifications to keep in mind: a constant margin and
    retention (no ramp-up, no growth) and the past taken as the future.
    Source: the retention model (:func:`clv`) with inputs estimated from the data.

    >>> profit = pd.DataFrame({"customer_id": [1, 1, 3], "year": [2021, 2022, 2022],
    ...                        "net_profit": [100.0, 300.0, 50.0]})
    >>> table = segment_clv(_example_customers(), profit, [2021, 2022], by="segment",
    ...                     discount_rate=0.1)
    >>> table[["margin", "retention", "acquisition_cost", "clv"]].round(2)
             margin  retention  acquisition_cost     clv
    segment
    a         200.0       0.67             200.0  307.69
    b          25.0       1.00             100.0  175.00
    """
    discount_rate = _discount_rate(discount_rate)
    horizon = _horizon(horizon)
    timing = _check_timing(timing)
    require_frame(customers, "customers", ["acquisition_cost"])
    by = column_option(customers, by, "by", "customers")
    c = _customer_frame(customers, by)
    cost = numeric_column(customers, "acquisition_cost", "customers", low=0.0)
    margin = segment_margin(profit, customers, years, by=by)
    retention = yearly_retention(customers, years, by=by)
    table = pd.DataFrame({
        "customers": c.groupby(by, observed=True).size(),
        "customer_years": margin["customer_years"],
        "margin": margin["margin"],
        "retention": retention["retention"],
        "acquisition_cost": cost.groupby(c[by], observed=True).mean(),
    })
    table["value"] = clv(table["margin"], table["retention"], discount_rate, horizon,
                         timing=timing)
    table["clv"] = table["value"] - table["acquisition_cost"]
    table["worth_acquiring"] = table["clv"] > 0
    return table.sort_values("clv", ascending=False)
