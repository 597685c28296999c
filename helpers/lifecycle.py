"""The customer lifecycle (客户生命周期): stages from transactions, stage counts, cohorts (chapter 06).

* the seven stages of the lecture, :data:`STAGES` (with :data:`STAGE_NAMES_ZH`), and their
  features and incentives, :func:`stage_guide`;
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

The stage model follows the lecture (after Dwyer, Schurr & Oh 1987, "Developing buyer-seller
relationships", *Journal of Marketing* 51(2), extended by the recovery stage); the rules that
read a stage from transactions are the course's own operational definitions, in the spirit of
RFM recency and spend-trend rules. Bad input raises a ``ValueError`` or ``TypeError`` naming the
argument, the rule broken and a few offending rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .validation import (as_numeric_series, as_timestamp, require_between, require_columns,
                         require_frame, require_no_nan, require_nonnegative)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

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
_DEFAULT_RULES: dict[str, float] = dict(window_days=90, development_days=90,
                                        termination_days=180, recovery_days=90, growth=0.5,
                                        decline=0.5, gap_ratio=2.0, maturity_min_spend=0.0)

_DAY = np.timedelta64(1, "D")


# ---------------------------------------------------------------------------------------------
# features and incentives per stage (lecture 003)
# ---------------------------------------------------------------------------------------------

_GUIDE = (
    ("potential", "known to the firm, interested, no purchase yet; no revenue, only the cost "
     "of acquiring", "make contact, show value, lower the risk of a first purchase (samples, "
     "trial offers, references)"),
    ("development", "first purchase; small trial orders, low or negative profit (acquisition "
     "and set-up costs), trust still being formed", "a flawless first experience: onboarding, "
     "quick answers, follow-up after delivery"),
    ("growth", "repeat purchases, rising volume and contribution, growing trust",
     "cross-selling and up-selling, volume rebates, a contact person who knows the account"),
    ("maturity", "full trust, largest and steady share of wallet, lowest cost to serve, "
     "referrals", "keep them: loyalty programmes, dedicated service, tailored solutions, "
     "regular reviews — and never take them for granted"),
    ("decline", "fewer or smaller orders, longer gaps, complaints; competitors pull",
     "find the cause fast (ask, check service records), fix it, make a targeted retention "
     "offer — first for the valuable ones"),
    ("termination", "no purchases any more; the relationship has ended",
     "exit interview to learn why; decide whether winning back pays; stop costly "
     "service to unprofitable leavers"),
    ("recovery", "buys again after a long break: a new offer met a new need",
     "treat as a new, informed relationship: rebuild trust, repair what drove the customer "
     "away, move it quickly to growth"),
)


def stage_guide() -> pd.DataFrame:
    """The seven lifecycle stages with their Chinese names, features and incentives.

    One row per stage, in lifecycle order: ``stage, chinese, features`` (how the customer
    behaves and what it contributes) and ``incentives`` (what the firm does in that stage).
    Source: the course lecture on the customer lifecycle (客户生命周期) and its seven stages.
    """
    frame = pd.DataFrame(_GUIDE, columns=["stage", "features", "incentives"])
    frame.insert(1, "chinese", frame["stage"].map(STAGE_NAMES_ZH))
    return frame


# ---------------------------------------------------------------------------------------------
# input checks
# ---------------------------------------------------------------------------------------------



def _dates(series: pd.Series, name: str) -> pd.Series:
    if not pd.api.types.is_datetime64_any_dtype(series):
        raise TypeError(f"{name} must hold dates (datetime64), got dtype {series.dtype}; "
                        "convert with pd.to_datetime")
    return series.astype("datetime64[ns]")


def _positive(value: object, name: str, *, allow_zero: bool = False) -> float:
    if not isinstance(value, (int, float, np.integer, np.floating)) or isinstance(value, bool):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        rule = "non-negative" if allow_zero else "positive"
        raise ValueError(f"{name} must be a finite {rule} number, got {value!r}")
    return float(value)


def _transactions(transactions: object, customer_col: str, date_col: str,
                  amount_col: str) -> pd.DataFrame:
    """The checked transaction log as ``customer, date, amount`` (dates normalised to days)."""
    frame = require_frame(transactions, "transactions")
    require_columns(frame, [customer_col, date_col, amount_col], "transactions")
    data = frame[[customer_col, date_col, amount_col]]
    require_no_nan(data, "transactions")
    dates = _dates(data[date_col], f"transactions[{date_col!r}]")
    amounts = as_numeric_series(data[amount_col], f"transactions[{amount_col!r}]")
    require_nonnegative(amounts, f"transactions[{amount_col!r}]")
    return pd.DataFrame({"customer": data[customer_col], "date": dates.dt.normalize(),
                         "amount": amounts})


def _customers(customers: object, customer_col: str, acquisition_col: str) -> pd.Series:
    """Acquisition date per customer (index = customer), checked."""
    frame = require_frame(customers, "customers")
    require_columns(frame, [customer_col, acquisition_col], "customers")
    data = frame[[customer_col, acquisition_col]]
    require_no_nan(data, "customers")
    dup = data[customer_col].duplicated(keep=False)
    if dup.any():
        raise ValueError(f"customers[{customer_col!r}] must be unique; repeated: "
                         f"{sorted(data.loc[dup, customer_col].unique().tolist())[:5]}")
    dates = _dates(data[acquisition_col], f"customers[{acquisition_col!r}]").dt.normalize()
    return pd.Series(dates.to_numpy(), index=pd.Index(data[customer_col], name="customer_id"),
                     name="acquisition_date")


def _check_rules(rules: dict[str, float]) -> None:
    for name in ("window_days", "development_days", "termination_days", "recovery_days",
                 "gap_ratio"):
        _positive(rules[name], name)
    _positive(rules["growth"], "growth", allow_zero=True)
    _positive(rules["maturity_min_spend"], "maturity_min_spend", allow_zero=True)
    decline = rules["decline"]
    _positive(decline, "decline", allow_zero=True)
    require_between(pd.Series([float(decline)]), 0.0, 1.0, "decline")


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
    ≥ 0, no NaN, no date after ``at``); ``customers`` (optional) lists every known customer
    with its ``acquisition_col`` date — then customers acquired on or before ``at`` without a
    purchase are *potential*, customers acquired later are left out, and a purchase before a customer's acquisition date or by a customer not
    in the list is an error. The rules and defaults are in the module docstring.

    Returns one row per customer (index ``customer_id``): ``stage`` (ordered categorical of
    :data:`STAGES`), ``acquisition_date`` (the first purchase without a customer list),
    ``first_purchase``, ``last_purchase`` (NaT for a potential customer), ``purchase_days``,
    ``tenure_days`` and ``recency_days`` (days since the first and the last purchase; NaN for
    a potential customer), ``mean_gap_days`` (NaN with fewer than two purchase days),
    ``recent_spend``, ``previous_spend`` and ``last_return`` (the last purchase after a gap
    longer than ``termination_days``; NaT if none).
    Source: stage model of the lecture (Dwyer, Schurr & Oh 1987, plus recovery); operational
    rules of the course (module docstring).
    """
    rules = dict(window_days=window_days, development_days=development_days,
                 termination_days=termination_days, recovery_days=recovery_days, growth=growth,
                 decline=decline, gap_ratio=gap_ratio, maturity_min_spend=maturity_min_spend)
    _check_rules(rules)
    at = as_timestamp(at, "at").normalize()
    tx, acquired = _prepare(transactions, at, customers, customer_col, date_col, amount_col,
                            acquisition_col)
    return _stages(_daily(tx), at, None if acquired is None else acquired[acquired <= at],
                   rules)


def _prepare(transactions: object, at: pd.Timestamp | None, customers: object, customer_col: str,
             date_col: str, amount_col: str, acquisition_col: str
             ) -> tuple[pd.DataFrame, pd.Series | None]:
    """Checked transactions (none after ``at`` unless it is None) and acquisition dates."""
    tx = _transactions(transactions, customer_col, date_col, amount_col)
    future = tx["date"] > at if at is not None else pd.Series(False, index=tx.index)
    if future.any():
        raise ValueError(f"transactions must not be dated after the observation date at="
                         f"{at.date()}; {int(future.sum())} row(s) are, e.g.:\n"
                         f"{transactions.loc[future[future].index[:5]].to_string()}")
    if customers is None:
        return tx, None
    acquired = _customers(customers, customer_col, acquisition_col)
    unknown = ~tx["customer"].isin(acquired.index)
    if unknown.any():
        raise ValueError(f"transactions name customer(s) missing from customers: "
                         f"{sorted(tx.loc[unknown, 'customer'].unique().tolist())[:5]}")
    early = tx["date"] < tx["customer"].map(acquired)
    if early.any():
        raise ValueError(f"dates out of order: {int(early.sum())} purchase(s) come before "
                         f"the customer's {acquisition_col}, e.g.:\n"
                         f"{transactions.loc[early[early].index[:5]].to_string()}")
    return tx, acquired


def _daily(tx: pd.DataFrame) -> pd.DataFrame:
    """Purchase days per customer (amounts summed), sorted, with the gap to the previous one."""
    days = tx.groupby(["customer", "date"], sort=True)["amount"].sum().reset_index()
    gap = days["date"].diff().where(days["customer"].eq(days["customer"].shift()))
    days["gap_days"] = gap / _DAY
    return days


def _stages(days: pd.DataFrame, at: pd.Timestamp, acquired: pd.Series | None,
            rules: dict[str, float]) -> pd.DataFrame:
    """Vectorised rules on checked purchase days (from :func:`_daily`, none after ``at``)."""
    window = rules["window_days"] * _DAY
    date, amount = days["date"], days["amount"]
    parts = pd.DataFrame({
        "customer": days["customer"], "first_purchase": date, "last_purchase": date,
        "purchase_days": 1,
        "recent_spend": amount.where(date > at - window, 0.0),
        "previous_spend": amount.where((date > at - 2 * window) & (date <= at - window), 0.0),
        "last_return": date.where(days["gap_days"] > rules["termination_days"]),
    })
    table = parts.groupby("customer", sort=True).agg({
        "first_purchase": "min", "last_purchase": "max", "purchase_days": "sum",
        "recent_spend": "sum", "previous_spend": "sum", "last_return": "max"})
    if acquired is None:
        table.insert(0, "acquisition_date", table["first_purchase"])
    else:
        table = table.reindex(acquired.index)
        table.insert(0, "acquisition_date", acquired)
        table[["purchase_days"]] = table[["purchase_days"]].fillna(0)
        table[["recent_spend", "previous_spend"]] = (
            table[["recent_spend", "previous_spend"]].fillna(0.0))
    table.index.name = "customer_id"
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
    try:
        index = pd.DatetimeIndex(dates)
    except (TypeError, ValueError) as err:
        raise TypeError(f"dates must be a sequence of dates, got {dates!r}") from err
    if len(index) == 0:
        raise ValueError("dates is empty: give at least one observation date")
    if index.hasnans:
        raise ValueError("dates holds a missing value (NaT)")
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

    At each date of ``dates`` (strictly increasing) the transactions up to that date (and the
    customers acquired by then) go through :func:`assign_stages` with the same ``rules``
    (keyword arguments of :func:`assign_stages`). Customers not yet known at a date have no row
    for it; transactions after a date are not seen at that date (the log may run past the last
    date). Returns columns ``date, customer_id, stage, recent_spend``.
    """
    index = _observation_dates(dates)
    rules = {**_DEFAULT_RULES, **rules}
    unknown = set(rules) - set(_DEFAULT_RULES)
    if unknown:
        raise TypeError(f"unknown rule(s) {sorted(unknown)}; the rules are "
                        f"{sorted(_DEFAULT_RULES)}")
    _check_rules(rules)
    tx, acquired = _prepare(transactions, None, customers, customer_col, date_col,
                            amount_col, acquisition_col)
    days = _daily(tx)
    frames = []
    for at in index:  # a loop over a few observation dates, not over customers
        known = None if acquired is None else acquired[acquired <= at]
        upto = days[days["date"] <= at]
        if upto.empty and (known is None or known.empty):
            continue
        stages = _stages(upto, at, known, rules)
        frames.append(stages[["stage", "recent_spend"]].reset_index().assign(date=at))
    if not frames:
        raise ValueError("no customer is known at any of the observation dates")
    out = pd.concat(frames, ignore_index=True)
    return out[["date", "customer_id", "stage", "recent_spend"]]


def stage_counts(history: pd.DataFrame, *, share: bool = False) -> pd.DataFrame:
    """How many customers are in each stage at each date (rows) — or their share.

    ``history`` is the output of :func:`stage_history`. Columns are the seven :data:`STAGES`
    in lifecycle order, every one present (0 where no customer is in it).
    """
    require_frame(history, "history")
    require_columns(history, ["date", "stage"], "history")
    stage = history["stage"].astype(STAGE_DTYPE)
    unknown = stage.isna() & history["stage"].notna()
    if unknown.any() or history["stage"].isna().any():
        raise ValueError(f"history['stage'] must be one of {list(STAGES)}; bad values: "
                         f"{history.loc[stage.isna(), 'stage'].unique().tolist()[:5]}")
    counts = pd.crosstab(history["date"], stage, dropna=False).reindex(columns=list(STAGES),
                                                                       fill_value=0)
    counts.columns = pd.Index(list(STAGES), name="stage")
    if share:
        return counts.div(counts.sum(axis=1), axis=0)
    return counts


def _stage_series(stages: object, name: str) -> pd.Series:
    """The ``stage`` column of an :func:`assign_stages` output (or a stage Series), checked."""
    if isinstance(stages, pd.DataFrame):
        require_columns(stages, ["stage"], name)
        stages = stages["stage"]
    if not isinstance(stages, pd.Series):
        raise TypeError(f"{name} must be an assign_stages result (a DataFrame with a 'stage' "
                        f"column) or a Series of stages indexed by customer, got "
                        f"{type(stages).__name__}")
    if stages.empty:
        raise ValueError(f"{name} is empty: it needs at least one customer")
    dup = stages.index.duplicated()
    if dup.any():
        raise ValueError(f"{name} must have one row per customer; repeated: "
                         f"{list(stages.index[dup][:5])}")
    text = stages.astype(str)
    bad = stages.isna() | ~text.isin(STAGES)
    if bad.any():
        raise ValueError(f"{name} holds value(s) that are not stages {list(STAGES)}: "
                         f"{stages[bad].head().to_dict()}")
    return text.astype(STAGE_DTYPE)


def stage_transitions(before: pd.DataFrame | pd.Series, after: pd.DataFrame | pd.Series, *,
                      normalize: bool = False) -> pd.DataFrame:
    """Cross-table of stages at two dates: rows = stage before, columns = stage after.

    ``before`` and ``after`` are :func:`assign_stages` outputs (or their ``stage`` Series),
    indexed by customer. Customers present at only one date are counted under ``"(new)"``
    (rows) or are an error (a customer cannot disappear from a later snapshot). With
    ``normalize=True`` each row sums to 1 (a transition matrix).
    """
    b = _stage_series(before, "before")
    a = _stage_series(after, "after")
    gone = b.index.difference(a.index)
    if len(gone):
        raise ValueError(f"customers in `before` are missing from `after`: {list(gone[:5])}")
    rows = b.astype(str).reindex(a.index).fillna("(new)")
    order = ["(new)", *STAGES]
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
    missing = stage.index.difference(values.index)
    if len(missing):
        raise ValueError(f"values has no entry for {len(missing)} staged customer(s), e.g. "
                         f"{list(missing[:5])}; give every customer a value (0 if none)")
    return stage.astype(STAGE_DTYPE), values.reindex(stage.index)


def stage_value(stages: pd.DataFrame | pd.Series, values: pd.Series, *, shares: bool = True
                ) -> pd.DataFrame:
    """Customers and value by stage: ``customers, total, mean, share_of_total``.

    ``values`` (e.g. net profit per customer from ``value.customer_profit``) must cover every
    customer in ``stages``; it may be negative (loss-making customers). Rows are the seven
    :data:`STAGES`, empty stages included (0 customers, a total of 0 and a mean of 0).
    ``share_of_total`` divides by the sum over all customers (it may exceed 1 when some stages
    lose money); it needs a positive sum — a share of a zero total is undefined and one of a
    loss turns every sign around — so a ``ValueError`` is raised otherwise; pass
    ``shares=False`` to leave the column out.
    Source: the lecture's advice to combine lifecycle management with value management.
    """
    from .value import _shares_of

    stage, vals = _stage_and_value(stages, values)
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
    staged customers. Returns ``stage, value`` sorted by value, largest first — the list to act
    on first (the lecture: know which customers are valuable and which are about to churn).
    """
    stage, vals = _stage_and_value(stages, values)
    require_between(pd.Series([float(fraction)]), 0.0, 1.0, "fraction")
    risk = list(risk_stages)
    bad = [s for s in risk if s not in STAGES]
    if bad or not risk:
        raise ValueError(f"risk_stages must be a non-empty list of {list(STAGES)}; got {risk}")
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
    a first column ``cohort_size``.
    Source: cohort analysis (Glenn 1977, *Cohort Analysis*), as used for customer retention
    tables, e.g. Fader & Hardie (2007), "How to project customer retention".
    """
    if freq not in ("M", "Q", "Y"):
        raise ValueError(f"freq must be 'M', 'Q' or 'Y', got {freq!r}")
    frame = require_frame(transactions, "transactions")
    require_columns(frame, [customer_col, date_col], "transactions")
    data = frame[[customer_col, date_col]]
    require_no_nan(data, "transactions")
    dates = _dates(data[date_col], f"transactions[{date_col!r}]")
    end_period = (dates.max() if end is None else as_timestamp(end, "end")).to_period(freq)
    if end is not None and dates.max() > as_timestamp(end, "end"):
        raise ValueError(f"transactions must not be dated after end={end}")
    period = dates.dt.to_period(freq)
    ordinal = pd.Series(period.array.asi8, index=data.index)
    cust = data[customer_col]
    cohort_ord = ordinal.groupby(cust).transform("min")
    k = ordinal - cohort_ord
    active = (pd.DataFrame({"cohort": cohort_ord, "k": k, "customer": cust})
              .drop_duplicates().groupby(["cohort", "k"]).size().unstack(fill_value=0))
    size = cust.groupby(cohort_ord).nunique()
    horizon = int(end_period.ordinal - cohort_ord.min())
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
    """Stacked area chart of :func:`stage_counts` (dates on x), one colour per stage."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    from . import plots

    require_frame(counts, "counts")
    chosen = list(stages) if stages is not None else [s for s in STAGES if s in counts.columns]
    require_columns(counts, chosen, "counts")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    labels = [plots.label(s, STAGE_NAMES_ZH[s]) for s in chosen]
    ax.stackplot(counts.index, *(counts[s].to_numpy(float) for s in chosen), labels=labels,
                 colors=[STAGE_COLOURS[s] for s in chosen], alpha=0.9)
    ax.set_xlim(counts.index.min(), counts.index.max())
    if isinstance(counts.index, pd.DatetimeIndex):
        locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_ylabel(plots.label("Customers", "客户数"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, reverse=True)
    if title:
        ax.set_title(title)
    return ax


def plot_cohort_heatmap(table: pd.DataFrame, ax: Axes | None = None, *, annotate: bool = True,
                        title: str | None = None) -> Axes:
    """Seaborn heatmap of a :func:`cohort_retention` share table (blank = not yet observed)."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    from . import plots

    require_frame(table, "table")
    shares = table.drop(columns=["cohort_size"], errors="ignore")
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
