"""The customer lifecycle (客户生命周期, chapter 06): stages from transactions, counts, cohorts.

* the seven stages of 《客户关系管理》第五讲“客户满意度与客户维持战略”, :data:`STAGES` (with
  :data:`STAGE_NAMES_ZH`), and per stage the deck's description, the profit a textbook expects
  and the incentives that fit, :func:`stage_guide`;
* :func:`assign_stages`: each customer's stage at an observation date, from a transaction log
  (``customer_id, date, amount``) and optionally a customer list with acquisition dates;
* :func:`stage_history` and :func:`stage_counts`: the same at a sequence of dates, and how many
  customers are in each stage; :func:`plot_stage_counts` draws them stacked;
  :func:`stage_transitions` cross-tabulates the stages at two dates;
* combining lifecycle and value: :func:`stage_value` (value by stage) and :func:`at_risk`
  (valuable customers in a stage that is about to end the relationship);
* :func:`cohort_retention` and :func:`plot_cohort_heatmap`: the acquisition-cohort retention
  table (cohort × periods since the first purchase, share still buying).

The rules of :func:`assign_stages` (every threshold is a parameter; defaults in brackets)
----------------------------------------------------------------------------------------
Let ``at`` be the observation date, ``W`` the spend window (``window_days`` [90]). For a
customer, *recent spend* is the amount bought in ``(at − W, at]`` and *previous spend* that in
``(at − 2W, at − W]``; *recency* is the days since the last purchase, the *mean gap* is
``(last − first purchase day) / (purchase days − 1)`` and *tenure* counts the days since the
first purchase (the relationship starts there). The first rule that holds wins:

1. **potential** (潜在客户期): known (acquired on or before ``at``) but no purchase yet — only
   with a customer list;
2. **termination** (客户终止期): recency > ``termination_days`` [180];
3. **recovery** (客户恢复期): the customer came back after a gap longer than
   ``termination_days``, and that return lies within ``recovery_days`` [90] of ``at``;
4. **development** (客户开发期): tenure ≤ ``development_days`` [90] (the first purchase and
   the weeks after it);
5. **decline** (客户衰退期): recent spend < (1 − ``decline``) × previous spend [decline = 0.5],
   or no purchase in the recent window (recency > ``window_days``), or, with two or more
   purchase days, recency > ``gap_ratio`` × mean gap [2.0] — the current gap has grown well
   beyond the customer's own rhythm;
6. **growth** (客户成长期): recent spend > (1 + ``growth``) × previous spend [growth = 0.5];
7. **maturity** (客户成熟期): spend stable (neither rule 5 nor 6) and recent spend ≥
   ``maturity_min_spend`` [0]; a stable customer below that level is still in **growth** (it
   has not yet given the firm its full share of wallet).

The seven stages are those of 《客户关系管理》第五讲“客户满意度与客户维持战略” (客户关系生命周期
分析; its figure 客户关系生命周期划分图示 is lost), a model in the line of Dwyer, Schurr & Oh 1987,
"Developing buyer-seller relationships", *Journal of Marketing* 51(2), extended by the recovery
stage. The deck describes the stages in words; the rules that read a stage from transactions are
the course's own operational definitions, in the spirit of RFM recency and spend-trend rules.
Bad input raises a ``ValueError`` or ``TypeError`` naming the argument, the rule broken and a
few offending rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import language
from .validation import (
    MAX_PERIODS,
    as_dates,
    as_numeric_series,
    as_timestamp,
    check_axes,
    check_bool,
    check_cells,
    check_choice,
    check_dates,
    check_fraction,
    check_names,
    check_number,
    check_rate,
    check_text,
    column_option,
    date_column,
    numeric_column,
    numeric_columns,
    offenders,
    require_columns,
    require_frame,
    require_no_nan,
    require_unique,
    require_unique_index,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "STAGES", "STAGE_NAMES_ZH", "STAGE_COLOURS", "STAGE_DTYPE", "NEW_IN_TRANSITIONS",
    "MAX_GROWTH", "stage_guide",
    "assign_stages", "stage_history", "stage_counts", "stage_transitions", "stage_value",
    "at_risk", "cohort_retention", "plot_stage_counts", "plot_cohort_heatmap",
]

STAGES: tuple[str, ...] = ("potential", "development", "growth", "maturity", "decline",
                           "termination", "recovery")
STAGE_NAMES_ZH: dict[str, str] = {
    "potential": "潜在客户期", "development": "客户开发期", "growth": "客户成长期",
    "maturity": "客户成熟期", "decline": "客户衰退期", "termination": "客户终止期",
    "recovery": "客户恢复期",
}
# One colour per stage (Okabe-Ito; grey for potential), used by every lifecycle chart.
STAGE_COLOURS: dict[str, str] = {
    "potential": "#BBBBBB", "development": "#56B4E9", "growth": "#009E73",
    "maturity": "#0072B2", "decline": "#E69F00", "termination": "#D55E00",
    "recovery": "#CC79A7",
}
STAGE_DTYPE = pd.CategoricalDtype(list(STAGES), ordered=True)
NEW_IN_TRANSITIONS = "(new)"
"""The row of :func:`stage_transitions` for the customers who were not there before."""
_DEFAULT_RULES: dict[str, float] = dict(window_days=90, development_days=90,
                                        termination_days=180, recovery_days=90, growth=0.5,
                                        decline=0.5, gap_ratio=2.0, maturity_min_spend=0.0)

_DAY = np.timedelta64(1, "D")


# ---------------------------------------------------------------------------------------------
# the deck's description, the expected profit and the incentives per stage
# ---------------------------------------------------------------------------------------------

_DECK: dict[str, str] = {
    "potential": "客户对企业提供的产品或服务感兴趣,双方开始建立初步的关系。",
    "development": "经过营销人员的努力,客户首次作出了购买决定,双方完成了第一次交易,正式关系确立。"
                   "客户对企业的了解不多,贡献较小。",
    "growth": "在企业营销人员的继续努力下,客户对企业所提供的产品或服务感到满意,就可能实施重复"
              "购买,客户对企业收益的贡献在增大,企业开始获得收益。",
    "maturity": "企业得到客户的充分信任,并最大限度地获得了客户的钱包份额。",
    "decline": "受到竞争者的影响,企业产品或服务的吸引力有所下降,客户开始流失。",
    "termination": "双方不再感到互有价值时,关系终止。",
    "recovery": "双方关系终止一段时期后,企业的新产品或服务与客户新的需求相吻合时,客户关系周期开始"
                "新一轮的循环。",
}
"""Per stage: the deck's words (《客户关系管理》第五讲), verbatim."""

_FEATURES: dict[str, str] = language.texts({
    "potential": "interested in the firm's products or services; the two sides begin a first "
                 "relationship",
    "development": "the first purchase after the sales effort: the relationship is formally "
                   "established; the customer knows the firm little and contributes little",
    "growth": "satisfied, the customer buys again; its contribution to the firm's revenue "
              "grows and the firm begins to earn from it",
    "maturity": "the customer fully trusts the firm, which has won the largest share of its "
                "wallet",
    "decline": "competitors pull, the firm's offer attracts less and the customer starts to "
               "leave",
    "termination": "neither side sees value in the other any more: the relationship ends",
    "recovery": "some time after the end, a new offer of the firm meets a new need of the "
                "customer: a new cycle begins",
})
"""Per stage: the deck's words in the course's language (English: a translation)."""

_EXPECTED_PROFIT: dict[str, str] = language.texts({
    "potential": "none yet: only the cost of winning the customer",
    "development": "low or negative: acquisition and set-up costs, small trial orders",
    "growth": "rising with volume",
    "maturity": "highest and steady (the textbook's peak)",
    "decline": "falling",
    "termination": "none: what the customer bought before it left",
    "recovery": "low again, rising if the new cycle takes hold",
})
"""Per stage: the profit a textbook expects (see :func:`stage_guide`)."""

_INCENTIVES: dict[str, str] = language.texts({
    "potential": "make contact, show value, lower the risk of a first purchase (samples, trial "
                 "offers, references)",
    "development": "a flawless first experience: onboarding, quick answers, follow-up after "
                   "delivery",
    "growth": "cross-selling and up-selling, volume rebates, a contact person who knows the "
              "account",
    "maturity": "keep them: dedicated service, tailored solutions, regular reviews; watch what "
                "they cost (the discounts and service they come to expect) and never take them "
                "for granted",
    "decline": "find the cause fast (ask, check service records), fix it, make a targeted "
               "retention offer — first for the valuable ones",
    "termination": "exit interview to learn why; decide whether winning back pays; stop costly "
                   "service to unprofitable leavers",
    "recovery": "treat as a new, informed relationship: rebuild trust, repair what drove the "
                "customer away, move it quickly to growth",
})
"""Per stage: the course's incentives (see :func:`stage_guide`)."""


def stage_guide() -> pd.DataFrame:
    """The seven lifecycle stages: the deck's words, the profit expected, the incentives.

    One row per stage, in lifecycle order:

    * ``stage`` and ``chinese``: the stages of 《客户关系管理》第五讲“客户满意度与客户维持战略”;
    * ``deck``: that deck's description of the stage (verbatim), ``features`` the same in the
      course's language (English: a translation) — how the customer behaves and what it
      contributes, in the deck's terms;
    * ``expected_profit``: the profit per customer a textbook expects in the stage (negative
      while the customer is won, rising through growth, highest in maturity, falling in
      decline; Reichheld & Sasser 1990, Reinartz & Kumar 2002 for the doubts). This is the
      course's reading, not in the decks, and an expectation for data to test — on the case
      company the mature customers buy the most but do not earn the most (chapter 06);
    * ``incentives``: what the firm does in the stage — the course's own, because the slide
      客户生命周期的特点及激励措施 of 第二章“为企业创造价值” is lost.

    ``features``, ``expected_profit`` and ``incentives`` are in the course's language
    (:func:`helpers.language.use_language`).

    >>> stage_guide()[["stage", "chinese"]].head(2)
             stage chinese
    0    potential   潜在客户期
    1  development   客户开发期
    """
    return pd.DataFrame({
        "stage": list(STAGES), "chinese": [STAGE_NAMES_ZH[s] for s in STAGES],
        "deck": [_DECK[s] for s in STAGES], "features": [_FEATURES[s] for s in STAGES],
        "expected_profit": [_EXPECTED_PROFIT[s] for s in STAGES],
        "incentives": [_INCENTIVES[s] for s in STAGES]})


# ---------------------------------------------------------------------------------------------
# input checks
# ---------------------------------------------------------------------------------------------

#: The day-count rules (every one > 0 and at most :data:`~helpers.validation.MAX_PERIODS` days).
_DAY_RULES = ("window_days", "development_days", "termination_days", "recovery_days")

#: Largest ``growth`` threshold: spend more than 11 times the previous window's (+1,000 %).
MAX_GROWTH = 10.0


def _transactions(transactions: object, customer_col: object, date_col: object,
                  amount_col: object) -> pd.DataFrame:
    """The checked transaction log as ``customer, date, amount`` (dates normalised to days)."""
    frame = require_frame(transactions, "transactions")
    customer_col = column_option(frame, customer_col, "customer_col", "transactions")
    date_col = column_option(frame, date_col, "date_col", "transactions")
    amount_col = column_option(frame, amount_col, "amount_col", "transactions")
    require_no_nan(frame[[customer_col]], f"transactions[{customer_col!r}]")
    dates = date_column(frame, date_col, "transactions")
    amounts = numeric_column(frame, amount_col, "transactions", low=0)
    return pd.DataFrame({"customer": frame[customer_col],
                         "date": dates.astype("datetime64[ns]").dt.normalize(),
                         "amount": amounts})


def _customers(customers: object, customer_col: str, acquisition_col: object) -> pd.Series:
    """Acquisition date per customer (index = customer), checked: one row per customer."""
    frame = require_frame(customers, "customers")
    customer_col = column_option(frame, customer_col, "customer_col", "customers")
    acquisition_col = column_option(frame, acquisition_col, "acquisition_col", "customers")
    require_no_nan(frame[[customer_col]], f"customers[{customer_col!r}]")
    dates = date_column(frame, acquisition_col, "customers")
    require_unique(frame, [customer_col], "customers")
    return pd.Series(dates.astype("datetime64[ns]").dt.normalize().to_numpy(),
                     index=pd.Index(frame[customer_col], name="customer_id"),
                     name="acquisition_date")


def _check_rules(rules: dict[str, object]) -> dict[str, float]:
    """The stage rules checked for type, finiteness and range (see :func:`assign_stages`)."""
    checked = {name: check_number(rules[name], name, low=0, low_open=True, high=MAX_PERIODS)
               for name in _DAY_RULES}
    checked["gap_ratio"] = check_number(rules["gap_ratio"], "gap_ratio", low=0, low_open=True,
                                        high=MAX_PERIODS)
    checked["growth"] = check_number(rules["growth"], "growth", low=0, high=MAX_GROWTH)
    checked["decline"] = check_rate(rules["decline"], "decline")
    checked["maturity_min_spend"] = check_number(rules["maturity_min_spend"],
                                                 "maturity_min_spend", low=0)
    return checked


def _stage_values(stages: pd.Series, name: str) -> pd.Series:
    """``stages`` as the ordered stage dtype; a ValueError naming the values that are no stage."""
    text = stages.astype(object)
    bad = stages.isna().to_numpy() | ~text.isin(STAGES).to_numpy()
    if bad.any():
        raise ValueError(f"{name} holds value(s) that are not stages {list(STAGES)}: "
                         f"{offenders(text, bad)}")
    return text.astype(str).astype(STAGE_DTYPE)


# ---------------------------------------------------------------------------------------------
# stage assignment
# ---------------------------------------------------------------------------------------------

def assign_stages(transactions: pd.DataFrame, at: object, *,
                  customers: pd.DataFrame | None = None,
                  window_days: float = 90, development_days: float = 90,
                  termination_days: float = 180, recovery_days: float = 90,
                  growth: float = 0.5, decline: float = 0.5, gap_ratio: float = 2.0,
                  maturity_min_spend: float = 0.0,
                  customer_col: str = "customer_id", date_col: str = "date",
                  amount_col: str = "amount",
                  acquisition_col: str = "acquisition_date") -> pd.DataFrame:
    """Each customer's lifecycle stage at the observation date ``at``.

    ``transactions`` has one row per purchase (``customer_col, date_col, amount_col``; amounts
    ≥ 0, no NaN, dates as ``datetime64`` without a time zone, none after ``at``);
    ``customers`` (optional) lists every known customer once with its ``acquisition_col``
    date — then customers acquired on or before ``at`` without a purchase are *potential*,
    customers acquired later are left out, and a purchase before a customer's acquisition date
    or by a customer not in the list is an error. The rules and defaults are in the module
    docstring; the day counts are positive and at most :data:`~helpers.validation.MAX_PERIODS`,
    ``growth`` lies from 0 to :data:`MAX_GROWTH`, ``decline`` from 0 to 1 (fractions: 50 % is
    0.5), ``gap_ratio`` is positive and ``maturity_min_spend`` not negative.

    Returns one row per customer (index ``customer_id``): ``stage`` (ordered categorical of
    :data:`STAGES`), ``acquisition_date`` (the first purchase without a customer list),
    ``first_purchase``, ``last_purchase`` (NaT for a potential customer), ``purchase_days``,
    ``tenure_days`` and ``recency_days`` (days since the first and the last purchase; NaN for
    a potential customer), ``mean_gap_days`` (NaN with fewer than two purchase days),
    ``recent_spend``, ``previous_spend`` and ``last_return`` (the last purchase after a gap
    longer than ``termination_days``; NaT if none).
    Source: the seven stages of 《客户关系管理》第五讲“客户满意度与客户维持战略” (after Dwyer,
    Schurr & Oh 1987, plus recovery); the operational rules are the course's (module docstring).

    >>> tx = pd.DataFrame({"customer_id": ["B", "G", "H", "H"], "amount": 100.0,
    ...     "date": pd.to_datetime(["2024-11-15", "2024-05-01", "2024-01-10", "2024-12-01"])})
    >>> assign_stages(tx, "2024-12-31")[["stage", "tenure_days", "recency_days"]]
                       stage  tenure_days  recency_days
    customer_id
    B            development         46.0          46.0
    G            termination        244.0         244.0
    H               recovery        356.0          30.0
    """
    rules = _check_rules(dict(
        window_days=window_days, development_days=development_days,
        termination_days=termination_days, recovery_days=recovery_days, growth=growth,
        decline=decline, gap_ratio=gap_ratio, maturity_min_spend=maturity_min_spend))
    at = as_timestamp(at, "at").normalize()
    tx, acquired = _prepare(transactions, at, customers, customer_col, date_col, amount_col,
                            acquisition_col)
    return _stages(_daily(tx), pd.DatetimeIndex([at]), acquired, rules).droplevel("date")


def _prepare(transactions: object, at: pd.Timestamp | None, customers: object, customer_col: str,
             date_col: str, amount_col: str, acquisition_col: str
             ) -> tuple[pd.DataFrame, pd.Series | None]:
    """Checked transactions (none after ``at`` unless it is None) and acquisition dates."""
    tx = _transactions(transactions, customer_col, date_col, amount_col)
    future = (tx["date"] > at).to_numpy() if at is not None else np.zeros(len(tx), bool)
    if future.any():
        raise ValueError(f"transactions must not be dated after the observation date at="
                         f"{at.date()}; {int(future.sum())} row(s) are:"
                         f"{offenders(transactions, future)}")
    if customers is None:
        return tx, None
    acquired = _customers(customers, customer_col, acquisition_col)
    unknown = ~tx["customer"].isin(acquired.index)
    if unknown.any():
        raise ValueError(f"transactions name customer(s) missing from customers: "
                         f"{list(dict.fromkeys(tx.loc[unknown, 'customer']))[:5]}")
    early = (tx["date"] < tx["customer"].map(acquired)).to_numpy()
    if early.any():
        raise ValueError(f"dates out of order: {int(early.sum())} purchase(s) come before "
                         f"the customer's {acquisition_col}:{offenders(transactions, early)}")
    return tx, acquired


def _daily(tx: pd.DataFrame) -> pd.DataFrame:
    """Purchase days per customer (amounts summed), sorted, with the gap to the previous one."""
    days = tx.groupby(["customer", "date"], sort=True)["amount"].sum().reset_index()
    gap = days["date"].diff().where(days["customer"].eq(days["customer"].shift()))
    days["gap_days"] = gap / _DAY
    return days


_DAYS_PER_PASS = 2_000_000
"""Purchase days (summed over observation dates) :func:`stage_history` handles in one pass."""


def _stages(days: pd.DataFrame, dates: pd.DatetimeIndex, acquired: pd.Series | None,
            rules: dict[str, float]) -> pd.DataFrame:
    """Vectorised rules at every observation date of ``dates`` at once, on checked purchase
    days (from :func:`_daily`). Each purchase day counts at every date on or after it; one row
    per date and customer known by then (index ``date, customer_id``): customers in the order
    of ``acquired`` if given (those acquired by the date), else sorted."""
    day_dates, at_dates = days["date"].to_numpy(), dates.to_numpy()
    seen = [np.flatnonzero(day_dates <= at) for at in at_dates]
    at_days = np.repeat(at_dates, [len(rows) for rows in seen])
    days = days.iloc[np.concatenate(seen)]
    window = pd.Timedelta(days=rules["window_days"]).to_timedelta64()
    date, amount = days["date"].to_numpy(), days["amount"].to_numpy()
    parts = pd.DataFrame({
        "date": at_days, "customer": days["customer"].to_numpy(), "first_purchase": date,
        "last_purchase": date, "purchase_days": 1,
        "recent_spend": np.where(date > at_days - window, amount, 0.0),
        "previous_spend": np.where((date > at_days - 2 * window) & (date <= at_days - window),
                                   amount, 0.0),
        "last_return": pd.Series(date).where(
            days["gap_days"].to_numpy() > rules["termination_days"]).to_numpy(),
    })
    table = parts.groupby(["date", "customer"], sort=True).agg({
        "first_purchase": "min", "last_purchase": "max", "purchase_days": "sum",
        "recent_spend": "sum", "previous_spend": "sum", "last_return": "max"})
    if acquired is None:
        table.insert(0, "acquisition_date", table["first_purchase"])
    else:
        known = [np.flatnonzero(acquired.to_numpy() <= at) for at in at_dates]
        rows = pd.MultiIndex.from_arrays(
            [np.repeat(dates, [len(k) for k in known]),
             acquired.index[np.concatenate(known)]])
        table = table.reindex(rows)
        table.insert(0, "acquisition_date", acquired.reindex(rows.get_level_values(1))
                     .to_numpy())
        table[["purchase_days"]] = table[["purchase_days"]].fillna(0)
        table[["recent_spend", "previous_spend"]] = (
            table[["recent_spend", "previous_spend"]].fillna(0.0))
    table.index.names = ["date", "customer_id"]
    at = pd.Series(table.index.get_level_values("date"), index=table.index)
    table["purchase_days"] = table["purchase_days"].astype("int64")
    table["tenure_days"] = (at - table["first_purchase"]) / _DAY
    table["recency_days"] = (at - table["last_purchase"]) / _DAY
    table["mean_gap_days"] = (((table["last_purchase"] - table["first_purchase"]) / _DAY)
                              / (table["purchase_days"] - 1).where(table["purchase_days"] > 1))

    recent_s, prev_s = table["recent_spend"], table["previous_spend"]
    conditions = [
        table["purchase_days"].eq(0),
        table["recency_days"] > rules["termination_days"],
        ((at - table["last_return"]) / _DAY).le(rules["recovery_days"]),
        table["tenure_days"] <= rules["development_days"],
        (recent_s < (1 - rules["decline"]) * prev_s)
        | (table["recency_days"] > rules["window_days"])
        | (table["purchase_days"].ge(2)
           & (table["recency_days"] > rules["gap_ratio"] * table["mean_gap_days"])),
        recent_s > (1 + rules["growth"]) * prev_s,
        recent_s >= rules["maturity_min_spend"],
    ]
    choices = ["potential", "termination", "recovery", "development", "decline", "growth",
               "maturity"]
    codes = np.select([c.fillna(False).to_numpy(bool) for c in conditions],
                      [STAGES.index(c) for c in choices], default=STAGES.index("growth"))
    table.insert(0, "stage", pd.Categorical.from_codes(codes, dtype=STAGE_DTYPE))
    return table[["stage", "acquisition_date", "first_purchase", "last_purchase",
                  "purchase_days", "tenure_days", "recency_days", "mean_gap_days",
                  "recent_spend", "previous_spend", "last_return"]]


# ---------------------------------------------------------------------------------------------
# stages over time
# ---------------------------------------------------------------------------------------------

def _observation_dates(dates: object) -> pd.DatetimeIndex:
    """Observation dates: a Series or DatetimeIndex of dates (``datetime64`` without a zone,
    like every date column), or a list of single dates (each one as :func:`as_timestamp`
    reads it, e.g. ``"2024-12-31"``); strictly increasing, normalised to days."""
    if isinstance(dates, (pd.Series, pd.Index)):
        check_dates(pd.Series(dates), "dates")  # text in a column is refused, as everywhere
    index = as_dates(dates, "dates", single=False)
    if len(index) == 0:
        raise ValueError("dates is empty: give at least one observation date")
    index = index.normalize()
    if not index.is_monotonic_increasing or index.has_duplicates:
        bad = [str(d.date()) for d, ok in zip(index[1:], np.diff(index.asi8) > 0) if not ok]
        raise ValueError(f"dates must be strictly increasing; out of order or repeated at: "
                         f"{bad[:5]}")
    return index


def stage_history(transactions: pd.DataFrame, dates: Sequence[object] | pd.DatetimeIndex, *,
                  customers: pd.DataFrame | None = None, customer_col: str = "customer_id",
                  date_col: str = "date", amount_col: str = "amount",
                  acquisition_col: str = "acquisition_date", **rules: float) -> pd.DataFrame:
    """Stages at each observation date: one row per (date, customer) with ``stage``.

    At each date of ``dates`` (strictly increasing: a DatetimeIndex or Series of dates, or a
    list of dates such as ``["2024-06-30", "2024-12-31"]``) the transactions up to that date
    (and the customers acquired by then) go through :func:`assign_stages` with the same
    ``rules`` (keyword arguments of :func:`assign_stages`). Customers not yet known at a date
    have no row for it; transactions after a date are not seen at that date (the log may run
    past the last date). Returns columns ``date, customer_id, stage, recent_spend``; a history
    larger than :data:`~helpers.validation.MAX_CELLS` cells is refused before it is built.

    >>> tx = pd.DataFrame({"customer_id": [1, 1], "amount": [50.0, 80.0],
    ...                    "date": pd.to_datetime(["2024-01-15", "2024-11-20"])})
    >>> stage_history(tx, ["2024-03-31", "2024-09-30", "2024-12-31"])
            date  customer_id        stage  recent_spend
    0 2024-03-31            1  development          50.0
    1 2024-09-30            1  termination           0.0
    2 2024-12-31            1     recovery          80.0
    """
    index = _observation_dates(dates)
    unknown = set(rules) - set(_DEFAULT_RULES)
    if unknown:
        raise TypeError(f"unknown rule(s) {sorted(unknown)}; the rules are "
                        f"{sorted(_DEFAULT_RULES)}")
    rules = _check_rules({**_DEFAULT_RULES, **rules})
    tx, acquired = _prepare(transactions, None, customers, customer_col, date_col,
                            amount_col, acquisition_col)
    n_customers = tx["customer"].nunique() if acquired is None else len(acquired)
    check_cells(len(index) * n_customers, 4, "stage_history")
    days = _daily(tx)
    # the dates go through _stages together, in passes of at most _DAYS_PER_PASS purchase days
    seen = np.searchsorted(np.sort(days["date"].to_numpy()), index.to_numpy(), side="right")
    passes = np.cumsum(seen) // _DAYS_PER_PASS
    out = pd.concat([_stages(days, index[passes == k], acquired, rules) for k in np.unique(passes)]
                    )[["stage", "recent_spend"]].reset_index()
    if out.empty:
        raise ValueError("no customer is known at any of the observation dates")
    return out[["date", "customer_id", "stage", "recent_spend"]]


def stage_counts(history: pd.DataFrame, *, share: bool = False) -> pd.DataFrame:
    """How many customers are in each stage at each date (rows) — or their share.

    ``history`` is the output of :func:`stage_history`: ``date`` (dates without a zone, none
    missing), ``customer_id`` and ``stage``, one row per date and customer. Columns are the
    seven :data:`STAGES` in lifecycle order, every one present (0 where no customer is in it).

    >>> history = pd.DataFrame({"date": pd.to_datetime(["2024-06-30"] * 3),
    ...                         "customer_id": [1, 2, 3],
    ...                         "stage": ["growth", "growth", "decline"]})
    >>> stage_counts(history)[["growth", "maturity", "decline"]]
    stage       growth  maturity  decline
    date
    2024-06-30       2         0        1
    """
    require_frame(history, "history", ["date", "customer_id", "stage"])
    dates = date_column(history, "date", "history")
    require_no_nan(history[["customer_id"]], "history['customer_id']")
    stage = _stage_values(history["stage"], "history['stage']")
    require_unique(history, ["date", "customer_id"], "history")
    share = check_bool(share, "share")
    counts = (stage.groupby([dates, stage], observed=False).size().unstack("stage")
              .reindex(columns=list(STAGES), fill_value=0))
    counts.columns = pd.Index(list(STAGES), name="stage")
    if share:
        return counts.div(counts.sum(axis=1), axis=0)
    return counts


def _stage_series(stages: object, name: str) -> pd.Series:
    """The ``stage`` column of an :func:`assign_stages` output (or a stage Series), checked:
    stages only, one row per customer."""
    if isinstance(stages, pd.DataFrame):
        require_frame(stages, name, ["stage"])
        stages = stages["stage"]
    if not isinstance(stages, pd.Series):
        raise TypeError(f"{name} must be an assign_stages result (a DataFrame with a 'stage' "
                        f"column) or a Series of stages indexed by customer, got "
                        f"{type(stages).__name__}")
    if stages.empty:
        raise ValueError(f"{name} is empty: it needs at least one customer")
    checked = _stage_values(stages, name)
    require_unique_index(stages, name)
    return checked


def stage_transitions(before: pd.DataFrame | pd.Series, after: pd.DataFrame | pd.Series, *,
                      normalize: bool = False) -> pd.DataFrame:
    """Cross-table of stages at two dates: rows = stage before, columns = stage after.

    ``before`` and ``after`` are :func:`assign_stages` outputs (or their ``stage`` Series),
    indexed by customer. Customers present at only one date are counted under ``"(new)"``
    (:data:`NEW_IN_TRANSITIONS`)
    (rows) or are an error (a customer cannot disappear from a later snapshot). With
    ``normalize=True`` each row sums to 1 (a transition matrix).

    >>> before = pd.Series(["growth", "growth"], index=[1, 2])
    >>> after = pd.Series(["maturity", "decline", "development"], index=[1, 2, 3])
    >>> stage_transitions(before, after)[["development", "maturity", "decline"]]
    stage after   development  maturity  decline
    stage before
    (new)                   1         0        0
    growth                  0         1        1
    """
    b = _stage_series(before, "before")
    a = _stage_series(after, "after")
    normalize = check_bool(normalize, "normalize")
    gone = b.index.difference(a.index)
    if len(gone):
        raise ValueError(f"customers in `before` are missing from `after`: {list(gone[:5])}")
    rows = b.astype(str).reindex(a.index).fillna(NEW_IN_TRANSITIONS)
    order = [NEW_IN_TRANSITIONS, *STAGES]
    table = pd.crosstab(pd.Categorical(rows, categories=order), a, dropna=False)
    table.index.name, table.columns.name = "stage before", "stage after"
    table = table.loc[table.sum(axis=1) > 0]
    if normalize:
        table = table.div(table.sum(axis=1), axis=0)
    return table


# ---------------------------------------------------------------------------------------------
# lifecycle x value
# ---------------------------------------------------------------------------------------------

def _stage_and_value(stages: pd.DataFrame | pd.Series, values: pd.Series
                     ) -> tuple[pd.Series, pd.Series]:
    stage = _stage_series(stages, "stages")
    if not isinstance(values, pd.Series):
        raise TypeError(f"values must be a pandas Series indexed by customer, got "
                        f"{type(values).__name__}")
    values = as_numeric_series(values, "values")
    require_unique_index(values, "values")
    missing = stage.index.difference(values.index)
    if len(missing):
        raise ValueError(f"values has no entry for {len(missing)} staged customer(s), e.g. "
                         f"{list(missing[:5])}; give every customer a value (0 if none)")
    return stage, values.reindex(stage.index)


def stage_value(stages: pd.DataFrame | pd.Series, values: pd.Series, *, shares: bool = True
                ) -> pd.DataFrame:
    """Customers and value by stage: ``customers, total, mean, share_of_total``.

    ``values`` (e.g. net profit per customer from ``value.customer_profit``; one per customer)
    must cover every customer in ``stages``; it may be negative (loss-making customers). Rows
    are the seven :data:`STAGES`, empty stages included (0 customers, a total of 0 and a mean
    of 0). ``share_of_total`` divides by the sum over all customers (it may exceed 1 when some
    stages lose money); it needs a positive sum — a share of a zero total is undefined and one
    of a loss turns every sign around — so a ``ValueError`` is raised otherwise; pass
    ``shares=False`` to leave the column out.
    Source: 《客户关系管理》第五讲“客户满意度与客户维持战略”, 有效管理客户关系生命周期(三): “把客户
    生命周期管理与客户价值管理相结合”.

    >>> stages = pd.Series(["growth", "growth", "decline"], index=[1, 2, 3])
    >>> stage_value(stages, pd.Series([30.0, 10.0, 60.0], index=[1, 2, 3])).loc[
    ...     ["growth", "decline"]]
             customers  total  mean  share_of_total
    stage
    growth           2   40.0  20.0             0.4
    decline          1   60.0  60.0             0.6
    """
    from .value import _shares_of

    stage, vals = _stage_and_value(stages, values)
    shares = check_bool(shares, "shares")
    grouped = vals.groupby(stage, observed=False)
    table = pd.DataFrame({"customers": grouped.size(), "total": grouped.sum()})
    table["mean"] = (table["total"] / table["customers"].where(table["customers"] > 0)).fillna(0.0)
    if shares:
        table["share_of_total"] = _shares_of(table["total"], float(vals.sum()),
                                             "the total value of the staged customers",
                                             "pass shares=False to leave the shares out")
    table.index = pd.Index(list(STAGES), name="stage")
    return table


def at_risk(stages: pd.DataFrame | pd.Series, values: pd.Series, *, fraction: float = 0.2,
            risk_stages: Iterable[str] = ("decline",)) -> pd.DataFrame:
    """Valuable customers about to churn: in ``risk_stages`` and in the top ``fraction`` by value.

    "Valuable" means a value at or above the ``1 − fraction`` quantile of ``values`` over all
    staged customers (``fraction`` in (0, 1]). ``risk_stages`` is a list of stage names.
    Returns ``stage, value`` sorted by value, largest first — the list to act on first.
    Source: 《客户关系管理》第五讲“客户满意度与客户维持战略”, 有效管理客户关系生命周期(二): know
    “哪些客户价值高、潜力大,需要重点维护,哪些客户快要流失,需要尽快维护”.

    >>> stages = pd.Series(["decline", "decline", "growth", "maturity"], index=[1, 2, 3, 4])
    >>> at_risk(stages, pd.Series([90.0, 5.0, 80.0, 20.0], index=[1, 2, 3, 4]), fraction=0.5)
         stage  value
    1  decline   90.0
    """
    stage, vals = _stage_and_value(stages, values)
    fraction = check_fraction(fraction, "fraction", low_open=True)
    if isinstance(risk_stages, (set, frozenset)):  # the order of the stages does not matter
        risk_stages = sorted(risk_stages, key=str)
    risk = [check_choice(s, "risk_stages", STAGES) for s in check_names(risk_stages, "risk_stages")]
    cut = vals.quantile(1 - fraction)
    mask = stage.isin(risk) & (vals >= cut)
    return (pd.DataFrame({"stage": stage[mask], "value": vals[mask]})
            .sort_values("value", ascending=False, kind="stable"))


# ---------------------------------------------------------------------------------------------
# cohort retention
# ---------------------------------------------------------------------------------------------

def cohort_retention(transactions: pd.DataFrame, *, freq: str = "M", end: object = None,
                     counts: bool = False, customer_col: str = "customer_id",
                     date_col: str = "date") -> pd.DataFrame:
    """Acquisition-cohort retention table: share of each cohort buying k periods later.

    A customer's cohort is the period (``freq``: ``"M"`` month, ``"Q"`` quarter or ``"Y"``
    year) of its first purchase; cell (cohort c, k) is the share of cohort c's customers with at
    least one purchase in period c + k (period 0 is 1 by definition). Rows are cohorts, columns
    ``k = 0, 1, …``; cells after ``end`` (default: the last transaction date) are not observed
    and stay NaN — the table is a triangle. ``counts=True`` gives customer counts instead, with
    a first column ``cohort_size``. At most :data:`~helpers.validation.MAX_PERIODS` periods
    from the first cohort to ``end``.
    Source: cohort analysis (Glenn 1977, *Cohort Analysis*), as used for customer retention
    tables, e.g. Fader & Hardie (2007), "How to project customer retention".

    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2, 3],
    ...     "date": pd.to_datetime(["2024-01-05", "2024-02-10", "2024-01-20", "2024-02-02"])})
    >>> cohort_retention(tx)
    periods_since_first    0    1
    cohort
    2024-01              1.0  0.5
    2024-02              1.0  NaN
    """
    freq = check_choice(freq, "freq", ["M", "Q", "Y"])
    counts = check_bool(counts, "counts")
    frame = require_frame(transactions, "transactions")
    customer_col = column_option(frame, customer_col, "customer_col", "transactions")
    date_col = column_option(frame, date_col, "date_col", "transactions")
    require_no_nan(frame[[customer_col]], f"transactions[{customer_col!r}]")
    dates = date_column(frame, date_col, "transactions").reset_index(drop=True)
    cust = frame[customer_col].reset_index(drop=True)
    last = dates.max()
    if end is not None:
        end = as_timestamp(end, "end")
        late = (dates > end).to_numpy()
        if late.any():
            raise ValueError(f"transactions must not be dated after end={end.date()}; "
                             f"{int(late.sum())} row(s) are:"
                             f"{offenders(frame[[customer_col, date_col]], late)}")
    end_period = (last if end is None else end).to_period(freq)
    period = dates.dt.to_period(freq)
    ordinal = pd.Series(period.array.asi8, index=dates.index)
    cohort_ord = ordinal.groupby(cust).transform("min")
    horizon = int(end_period.ordinal - cohort_ord.min())
    if horizon + 1 > MAX_PERIODS:
        raise ValueError(f"end={end_period} lies {horizon:,} periods after the first cohort: "
                         f"the table has at most {MAX_PERIODS:,} columns; choose an earlier "
                         "end or a longer freq")
    size = cust.groupby(cohort_ord).nunique()
    check_cells(len(size), horizon + 1, "cohort_retention")
    k = ordinal - cohort_ord
    active = (pd.DataFrame({"cohort": cohort_ord, "k": k, "customer": cust})
              .drop_duplicates().groupby(["cohort", "k"]).size().unstack(fill_value=0))
    active = active.reindex(columns=range(horizon + 1), fill_value=0)
    observed = (active.index.to_numpy()[:, None] + np.arange(horizon + 1)[None, :]
                <= end_period.ordinal)
    table = active.astype(float).where(observed)
    if not counts:
        table = table.div(size, axis=0)
    table.index = pd.PeriodIndex.from_ordinals(table.index, freq=freq)
    table.index.name = "cohort"
    table.columns = pd.Index(range(horizon + 1), name="periods_since_first")
    if counts:
        table.insert(0, "cohort_size", size.to_numpy())
    return table


# ---------------------------------------------------------------------------------------------
# charts
# ---------------------------------------------------------------------------------------------

def plot_stage_counts(counts: pd.DataFrame, ax: Axes | None = None, *,
                      stages: Sequence[str] | None = None, title: str | None = None) -> Axes:
    """Stacked area chart of :func:`stage_counts` (dates on x), one colour per stage.

    ``stages`` picks the stages to draw (a list of names from :data:`STAGES`; default every
    stage column of ``counts``); their counts (or shares) must be finite and not negative.

    >>> counts = stage_counts(pd.DataFrame({
    ...     "date": pd.to_datetime(["2024-06-30", "2024-06-30", "2024-12-31"]),
    ...     "customer_id": [1, 2, 1], "stage": ["development", "growth", "maturity"]}))
    >>> plot_stage_counts(counts, title="Customers by stage")  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt

    from . import plots

    require_frame(counts, "counts")
    check_axes(ax)
    title = title if title is None else check_text(title, "title")
    if stages is None:
        chosen = [s for s in STAGES if s in counts.columns]
        if not chosen:
            raise ValueError(f"counts has no stage column {list(STAGES)}: pass the output of "
                             f"stage_counts, got columns {list(counts.columns)}")
    else:
        chosen = [check_choice(s, "stages", STAGES) for s in check_names(stages, "stages")]
        require_columns(counts, chosen, "counts")
    values = numeric_columns(counts, chosen, "counts", low=0)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    labels = [plots.label(s, STAGE_NAMES_ZH[s]) for s in chosen]
    ax.stackplot(counts.index, *(values[s].to_numpy(float) for s in chosen), labels=labels,
                 colors=[STAGE_COLOURS[s] for s in chosen], alpha=0.9)
    ax.set_xlim(counts.index.min(), counts.index.max())
    if isinstance(counts.index, pd.DatetimeIndex):
        plots.date_axis(ax)  # month names in English, numbers in Chinese
    ax.set_ylabel(plots.label("Customers", "客户数"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, reverse=True)
    if title:
        ax.set_title(title)
    return ax


def plot_cohort_heatmap(table: pd.DataFrame, ax: Axes | None = None, *, annotate: bool = True,
                        title: str | None = None) -> Axes:
    """Seaborn heatmap of a :func:`cohort_retention` share table (blank = not yet observed).

    The shares must lie between 0 and 1; NaN marks the cells not yet observed.

    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2],
    ...     "date": pd.to_datetime(["2024-01-05", "2024-02-10", "2024-01-20"])})
    >>> plot_cohort_heatmap(cohort_retention(tx), title="Monthly cohorts")  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from . import plots

    require_frame(table, "table")
    check_axes(ax)
    title = title if title is None else check_text(title, "title")
    annotate = check_bool(annotate, "annotate")
    shares = table.drop(columns=["cohort_size"], errors="ignore")
    if shares.empty or shares.shape[1] == 0:
        raise ValueError("table has no share columns: pass the output of cohort_retention")
    numeric_columns(shares, shares.columns, "table", low=0, high=1, allow_nan=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.45 * len(shares) + 1.5), layout="constrained")
    sns.heatmap(shares, ax=ax, cmap="Blues", vmin=0, vmax=min(1.0, float(np.nanmax(
        shares.drop(columns=[0], errors="ignore").to_numpy(float), initial=0.0)) or 1.0),
        annot=annotate, fmt=".0%", annot_kws={"fontsize": 7}, cbar_kws={"format": "{x:.0%}"},
        linewidths=0.3, linecolor="white", mask=shares.isna())
    ax.grid(False)
    ax.set_xlabel(plots.label("Periods since first purchase", "首购后期数"))
    ax.set_ylabel(plots.label("Cohort (first purchase)", "同期群"))
    ax.set_yticklabels([str(p) for p in shares.index], rotation=0)
    if title:
        ax.set_title(title)
    return ax
