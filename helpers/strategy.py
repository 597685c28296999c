"""A CRM strategy from data: the capstone's integration (chapter 13, 综合案例).

The chapter pulls the earlier chapters together, one customer at a time:

* :func:`customer_profile` — one row per customer: value (chapter 04), loyalty behaviour and
  satisfaction type (chapter 03), lifecycle stage (chapter 06), customer lifetime value
  (chapters 07-08) and credit class (chapters 11-12). It only *collects* what the other helpers
  compute; every model below takes the profile's columns, so it can be tested on a hand-made
  frame.
* :func:`strategic_grade` — the A/B/C/D grade by current and future value
  (:func:`helpers.segments.abcd_grades`, future value = CLV), adjusted for credit risk.
* :func:`assign_actions` — the ACURA model (ACURA 模型) of the deck 第二章“为企业创造价值”,
  which names its five tasks only: acquire 赢得客户, cross-sell 交叉销售, up-sell 升级销售 (the
  deck: 升级产品销售; textbooks: 向上销售), retain 挽留客户, advocate 赢得客户拥护; plus the two
  non-ACURA outcomes a grading implies: *standardise* (grade D: serve at the lowest cost; Mr
  Xu's 标准化的服务流程 in 《客户服务与管理》项目二“分析目标客户”) and *let go* (lost customers
  not worth winning back; “放弃他们” in 《产业市场营销与客户管理》（吴登开）). The rules are the
  course's, in :data:`DEFAULT_RULES` and :func:`assign_actions`.
* The budget allocator — :func:`response_rate` (diminishing returns, Blattberg & Deighton
  1996), :func:`action_plan` (customers and value at stake per action), :func:`allocate`
  (a given split of the budget → expected profit, net return, marginal return),
  :func:`return_curves` (each action's net return as its spend grows) and
  :func:`optimal_allocation` (the split that equalises marginal returns);
* :func:`budget_check` — the decision rule of the deck 第二章“为企业创造价值”: spend on
  retention only while it costs less than the profit lost to avoidable churn (via
  :func:`helpers.retention.retention_decision`).

The profile, the grading rules, the response curves and the allocator are the course's; the
decks give the ACURA tasks, the A/B/C/D grades and the retention decision rule.

Bad input raises a ``ValueError`` or ``TypeError`` that names the argument or column, the rule
broken and a few offending rows (``helpers.validation``); nothing is silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from . import language
from .validation import (
    MAX_PERIODS,
    as_numeric_series,
    check_cells,
    check_int,
    check_number,
    check_rate,
    date_column,
    numeric_column,
    numeric_columns,
    offenders,
    require_frame,
    require_no_nan,
    require_unique,
    require_unique_index,
)

__all__ = [
    "ACTIONS", "ACTION_MEANING", "ACURA", "CREDIT_CLASSES", "DEFAULT_RESPONSE", "DEFAULT_RULES",
    "NOT_SURVEYED", "PROFILE_COLUMNS", "BUDGET_CHECK_ROWS",
    "action_plan", "allocate", "assign_actions", "budget_check", "customer_profile",
    "optimal_allocation", "response_rate", "return_curves", "strategic_grade",
]


#: The five ACURA tasks of the deck 第二章“为企业创造价值”, in its order, with the course's
#: Chinese names (the deck's own: 赢得客户, 交叉销售, 升级产品销售, 挽留客户, 赢得客户拥护; the
#: standard term for up-selling is 向上销售).
ACURA: dict[str, str] = {"acquire": "赢得客户", "cross-sell": "交叉销售", "up-sell": "向上销售",
                         "retain": "挽留客户", "advocate": "赢得客户拥护"}
#: Every outcome of :func:`assign_actions`: the five ACURA tasks and two outcomes without a
#: relationship budget.
ACTIONS: tuple[str, ...] = (*ACURA, "standardise", "let go")
#: What each action means, in the course's language (:func:`helpers.language.texts`).
ACTION_MEANING: dict[str, str] = language.texts({
    "acquire": "win the customer: win back a valuable customer lost for an avoidable reason, "
               "or complete the winning of a new one (onboarding in the development stage)",
    "cross-sell": "sell other product lines to a stable customer who buys few of them",
    "up-sell": "sell more, or higher-value products, to a growing customer",
    "retain": "keep a valuable customer whose buying is slipping (decline stage or falling "
              "order rate)",
    "advocate": "turn a top, regular, mature customer into a promoter: references, referrals",
    "standardise": "grade D: standard service at the lowest cost to serve, no relationship "
                   "budget",
    "let go": "lost, and not worth winning back (unavoidable loss or no value)",
})
#: Credit classes of the rating scheme (客户信用等级评估方案, 《产业市场营销与客户管理》), best
#: first, plus the two labels the profile uses
#: for customers without a rating: ``cash`` (no credit terms, no credit risk) and ``unrated``.
CREDIT_CLASSES: tuple[str, ...] = ("AAA", "AA", "A", "B", "C", "cash", "unrated")
#: The ``loyalty_type`` of a customer who did not answer the survey (:func:`customer_profile`).
NOT_SURVEYED = "not surveyed"
#: The columns of :func:`customer_profile`, in order (its index is ``customer_id``).
PROFILE_COLUMNS: tuple[str, ...] = (
    "size", "acquisition_channel", "credit_customer", "status", "lost_reason", "net_sales",
    "current_value", "future_value", "quarters_active", "frequency_trend", "cross_buying",
    "loyalty_type", "stage", "annual_margin", "retention", "clv", "credit_class")
#: The rows of :func:`budget_check`, in order.
BUDGET_CHECK_ROWS: tuple[str, ...] = ("retention_spend", "lost_profit", "profit_saved",
                                      "net_gain", "spend_share", "worthwhile")

#: Default rules of :func:`assign_actions` (course conventions; change them and compare).
DEFAULT_RULES: dict[str, float] = {
    "winback_min_clv": 0.0,       # a lost customer is worth winning back above this CLV (CNY)
    "trend_cut": -0.2,            # frequency trend below this = buying slips → retain
    "advocate_min_quarters": 4,   # advocate only customers who ordered in all last 4 quarters
    "cross_sell_max_lines": 3.0,  # mean product lines per order below this → cross-sell
}

#: Default response assumptions of the budget allocator, one row per ACURA action:
#: ``ceiling`` — the largest share of targeted customers an action can move, however much is
#: spent; ``half_spend`` — spend per targeted customer (CNY) that reaches half the ceiling;
#: ``value_share`` — the share of the customer's CLV one success adds (retain and acquire win
#: the whole CLV; cross-sell, up-sell and referrals add part of it). The retain ceiling is
#: about the yearly churn of an active customer base like the case company's (an offer cannot
#: keep more customers than would leave); the others are *assumptions* for class discussion:
#: the case company ran no campaign experiments, so the data cannot give response curves (a
#: firm estimates them from test campaigns with control groups).
DEFAULT_RESPONSE: pd.DataFrame = pd.DataFrame(
    {"ceiling": [0.20, 0.25, 0.30, 0.20, 0.40],
     "half_spend": [4000.0, 800.0, 1000.0, 3000.0, 1000.0],
     "value_share": [1.0, 0.15, 0.20, 1.0, 0.10]},
    index=pd.Index(list(ACURA), name="action"))


# ---------------------------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------------------------

def _labels(series: pd.Series, allowed: Sequence[str], name: str) -> pd.Series:
    """``series`` as text if every value is one of ``allowed``."""
    require_no_nan(series, name)
    text = series.astype(str)
    bad = ~text.isin(list(allowed))
    if bad.any():
        raise ValueError(f"{name} must be one of {list(allowed)}; {int(bad.sum())} value(s) "
                         f"are not: {offenders(text, bad)}")
    return text


def _names(values: object, name: str, example: str) -> list[object]:
    """A list of names (a bare string is refused: it is not a list of its letters)."""
    if isinstance(values, str) or not isinstance(values, (list, tuple, set, frozenset, pd.Index)):
        raise TypeError(f"{name} must be a list such as {example}, got "
                        f"{type(values).__name__} {values!r}")
    return list(values)


CUSTOMER_COLUMNS = ["customer_id", "size", "acquisition_channel", "acquisition_date",
                    "credit_customer", "lost_date", "lost_reason"]


def _profile_inputs(customers: object, orders: object, costs: object, year: int
                    ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The three tables of :func:`customer_profile` checked, with the labels as text and the
    orders and costs up to the end of ``year``."""
    require_frame(customers, "customers", CUSTOMER_COLUMNS)
    require_frame(orders, "orders", ["customer_id", "order_date", "product_lines", "net_sales",
                                     "cost_of_goods"])
    require_frame(costs, "costs", ["customer_id", "year", "amount"])
    require_no_nan(customers[CUSTOMER_COLUMNS[:3]], "customers")
    acquired = date_column(customers, "acquisition_date", "customers")
    lost_date = date_column(customers, "lost_date", "customers", allow_nat=True)
    if not pd.api.types.is_bool_dtype(customers["credit_customer"].dtype):
        raise TypeError("customers['credit_customer'] must be boolean (True/False), got dtype "
                        f"{customers['credit_customer'].dtype}")
    require_no_nan(customers["credit_customer"], "customers['credit_customer']")
    require_unique(customers, ["customer_id"], "customers", "one row per customer")
    early = lost_date < acquired
    if early.any():
        dates = customers[["customer_id", "acquisition_date", "lost_date"]]
        raise ValueError("customers['lost_date'] must not be before the acquisition_date; "
                         f"{int(early.sum())} row(s) are:{offenders(dates, early)}")
    require_no_nan(orders[["customer_id"]], "orders['customer_id']")
    date_column(orders, "order_date", "orders")
    numeric_columns(orders, ["product_lines", "net_sales", "cost_of_goods"], "orders", low=0)
    require_no_nan(costs[["customer_id"]], "costs['customer_id']")
    numeric_column(costs, "year", "costs", integer=True, low=1900, high=2200)
    numeric_column(costs, "amount", "costs", low=0)
    for frame, name in ((orders, "orders"), (costs, "costs")):
        unknown = ~frame["customer_id"].isin(customers["customer_id"])
        if unknown.any():
            raise ValueError(f"{name} has {int(unknown.sum())} row(s) of customers that are not "
                             f"in customers:{offenders(frame[['customer_id']], unknown)}")
    end = pd.Timestamp(year, 12, 31)
    c = customers[acquired <= end].set_index("customer_id")
    if c.empty:
        raise ValueError(f"customers has nobody acquired by the end of year {year} "
                         f"({end.date()}): the first acquisition is {acquired.min().date()}")
    labels = {col: c[col].astype(str) for col in ("size", "acquisition_channel", "lost_reason")}
    c = c.assign(**labels)
    o = orders[orders["order_date"] <= end]
    if o.empty:
        raise ValueError(f"orders has no order by the end of year {year} ({end.date()})")
    first = o.groupby("customer_id")["order_date"].min()
    before = first < customers.set_index("customer_id")["acquisition_date"].reindex(first.index)
    if before.any():
        raise ValueError("orders has orders before the customer's acquisition_date in customers "
                         f"for {int(before.sum())} customer(s): {offenders(first, before)}")
    lost = c["lost_date"].notna() & (c["lost_date"] <= end)
    unexplained = lost & customers.set_index("customer_id")["lost_reason"].reindex(c.index).isna()
    if unexplained.any():
        raise ValueError("customers['lost_reason'] is missing for lost customer(s): "
                         f"{list(c.index[unexplained][:5])}")
    return c, o, costs[costs["year"] <= year]


def _survey_types(survey: object, customers: pd.Index) -> pd.Series:
    """The satisfaction × loyalty type of each respondent who is one of ``customers``."""
    from . import loyalty

    cols = ["customer_id", "overall_satisfaction", "repurchase_intention"]
    require_frame(survey, "survey", cols)
    require_no_nan(survey[["customer_id"]], "survey['customer_id']")
    for col in cols[1:]:
        low, high = loyalty.SCALES[col]
        numeric_column(survey, col, "survey", low=low, high=high)
    require_unique(survey, ["customer_id"], "survey", "one row per respondent")
    s = survey.set_index("customer_id")
    s = s[s.index.isin(customers)]
    return loyalty.satisfaction_loyalty_quadrant(s["overall_satisfaction"].astype(float),
                                                 s["repurchase_intention"].astype(float))


# ---------------------------------------------------------------------------------------------
# the profile
# ---------------------------------------------------------------------------------------------

def customer_profile(customers: pd.DataFrame, orders: pd.DataFrame, costs: pd.DataFrame, *,
                     year: int = 2024, credit_class: pd.Series | None = None,
                     survey: pd.DataFrame | None = None, discount_rate: float = 0.10,
                     horizon: int = 5) -> pd.DataFrame:
    """One row per customer acquired by the end of ``year``: everything the strategy needs.

    Inputs are the case company's tables: ``customers`` (``customer_id, size,
    acquisition_channel, acquisition_date, credit_customer, lost_date, lost_reason``; one row
    per customer), ``orders`` (``customer_id, order_date, product_lines, net_sales,
    cost_of_goods``) and the ``cost_to_serve`` ledger as ``costs``
    (``customer_id, year, amount``); orders and costs after ``year`` are left out.
    ``credit_class`` (optional) maps credit customers to AAA..C, e.g. the ``rating`` of one
    quarter of :func:`helpers.rating.quarterly_ratings`; ``survey`` (optional, one row per
    respondent with ``customer_id, overall_satisfaction, repurchase_intention``) adds the
    satisfaction × loyalty type of each respondent acquired by then. Columns:

    * from ``customers``: ``size``, ``acquisition_channel``, ``credit_customer``, ``status``
      (at the end of ``year``) and ``lost_reason`` (``none`` while active);
    * value (chapter 04/05): ``net_sales`` and ``current_value`` (net profit in ``year``),
      ``future_value`` (:func:`helpers.segments.future_value`, 0 once lost);
    * loyalty (chapter 03, :func:`helpers.loyalty.purchase_history`): ``quarters_active``
      (0-4, regularity), ``frequency_trend`` (−1..1), ``cross_buying`` (product lines per order;
      all three 0 for a customer without orders) and ``loyalty_type``
      (:func:`helpers.loyalty.satisfaction_loyalty_quadrant` for survey respondents,
      ``not surveyed`` otherwise);
    * lifecycle (chapter 06): ``stage`` (:func:`helpers.lifecycle.assign_stages`);
    * CLV (chapters 07-08): ``annual_margin`` (net profit per year on the books,
      :func:`helpers.retention.annual_profit`), ``retention`` (yearly retention of the
      customer's size group, :func:`helpers.clv.yearly_retention`) and ``clv`` =
      :func:`helpers.clv.clv` (margin, retention, ``discount_rate`` from 0 to 1, ``horizon``
      in whole years from 1 to :data:`~helpers.validation.MAX_PERIODS`, timing="start"); for
      a lost customer, the value it had (what a win-back would restore);
    * credit (chapters 11-12): ``credit_class`` — the given class for credit customers,
      ``cash`` for customers without credit terms, ``unrated`` for credit customers the
      classes do not cover.

    >>> customers = pd.DataFrame({"customer_id": [1, 2, 3], "size": ["small", "small", "large"],
    ...     "acquisition_channel": ["web", "web", "referral"],
    ...     "credit_customer": [True, False, False],
    ...     "acquisition_date": pd.to_datetime(["2022-01-10", "2022-03-01", "2022-02-01"]),
    ...     "lost_date": pd.to_datetime([None, "2024-06-30", None]),
    ...     "lost_reason": ["none", "price", "none"]})
    >>> orders = pd.DataFrame({"customer_id": [1, 2, 3, 1, 2, 3, 1, 3], "product_lines": 2,
    ...     "order_date": pd.to_datetime(["2022-02-01", "2022-04-01", "2022-03-01", "2023-06-01",
    ...                                   "2023-07-01", "2023-08-01", "2024-09-01", "2024-10-01"]),
    ...     "net_sales": [100.0, 80.0, 500.0, 120.0, 60.0, 450.0, 150.0, 600.0],
    ...     "cost_of_goods": [60.0, 50.0, 300.0, 70.0, 40.0, 280.0, 90.0, 350.0]})
    >>> costs = pd.DataFrame({"customer_id": [1, 2, 3], "year": 2024, "amount": [10.0, 5.0, 40.0]})
    >>> profile = customer_profile(customers, orders, costs, year=2024,
    ...                            credit_class=pd.Series({1: "AA"}))
    >>> profile[["status", "current_value", "stage", "credit_class"]]
                 status  current_value     stage credit_class
    customer_id
    1            active           50.0  ...                 AA
    2              lost           -5.0  ...               cash
    3            active          210.0  ...               cash
    """
    from . import clv as clv_mod
    from . import lifecycle, retention, segments, value
    from .loyalty import purchase_history

    year = check_int(year, "year", 1900, 2200)
    discount_rate = check_rate(discount_rate, "discount_rate")
    horizon = check_int(horizon, "horizon", 1, MAX_PERIODS)
    c, o, k = _profile_inputs(customers, orders, costs, year)
    end = pd.Timestamp(year, 12, 31)
    cls = pd.Series("unrated", index=c.index, dtype=object)
    if credit_class is not None:
        if not isinstance(credit_class, pd.Series):
            raise TypeError("credit_class must be a Series of AAA..C indexed by customer_id, got "
                            f"{type(credit_class).__name__}")
        require_unique_index(credit_class, "credit_class")
        given = _labels(credit_class, CREDIT_CLASSES[:5], "credit_class")
        cls.update(given[given.index.isin(c.index)])
    quad = None if survey is None else _survey_types(survey, c.index)
    lost = c["lost_date"].notna() & (c["lost_date"] <= end)
    yearly = value.customer_profit(o, k)
    prof = pd.DataFrame({"size": c["size"], "acquisition_channel": c["acquisition_channel"],
                         "credit_customer": c["credit_customer"].astype(bool),
                         "status": np.where(lost, "lost", "active"),
                         "lost_reason": c["lost_reason"].where(lost, "none")})
    this = yearly[yearly["year"] == year].set_index("customer_id")
    prof["net_sales"] = this["net_sales"].reindex(prof.index, fill_value=0.0)
    prof["current_value"] = this["net_profit"].reindex(prof.index, fill_value=0.0)
    if year not in set(yearly["year"]):
        raise ValueError(f"year {year} has no orders or costs: the profile values the "
                         f"customers by their profit in that year")
    fv = segments.future_value(yearly, year, lost=lost)
    prof["future_value"] = fv["future_value"].reindex(prof.index, fill_value=0.0)
    prof.loc[lost, "future_value"] = 0.0
    hist = purchase_history(o, end, first_purchase=c["acquisition_date"])
    for col in ("quarters_active", "frequency_trend", "cross_buying"):
        prof[col] = hist[col].reindex(prof.index, fill_value=0)
    prof["loyalty_type"] = NOT_SURVEYED
    if quad is not None:
        prof.loc[quad.index, "loyalty_type"] = quad.astype(str)
    tx = o.rename(columns={"order_date": "date", "net_sales": "amount"})
    stages = lifecycle.assign_stages(tx[["customer_id", "date", "amount"]], end,
                                     customers=c.reset_index()[["customer_id",
                                                                "acquisition_date"]])
    prof["stage"] = stages["stage"].reindex(prof.index).fillna("potential").astype(
        lifecycle.STAGE_DTYPE)
    total = value.customer_profit(o, k, by_year=False).set_index("customer_id")["net_profit"]
    window = c.reset_index()
    window["lost_date"] = window["lost_date"].where(lost.to_numpy())
    start = min(pd.Timestamp(o["order_date"].min()).normalize(), end)
    prof["annual_margin"] = retention.annual_profit(
        window, total.reindex(prof.index, fill_value=0.0), start=start, end=end)
    years = list(range(start.year, year + 1))
    keep = clv_mod.yearly_retention(window, years, by="size")["retention"]
    prof["retention"] = prof["size"].map(keep).astype(float)
    require_no_nan(prof["retention"], "retention by size")
    prof["clv"] = clv_mod.clv(prof["annual_margin"], prof["retention"], discount_rate, horizon,
                              timing="start")
    cls[~prof["credit_customer"]] = "cash"
    prof["credit_class"] = pd.Categorical(cls, categories=list(CREDIT_CLASSES))
    prof.index.name = "customer_id"
    return prof[list(PROFILE_COLUMNS)]


# ---------------------------------------------------------------------------------------------
# grade and actions
# ---------------------------------------------------------------------------------------------

def strategic_grade(profile: pd.DataFrame, *, top: float = 0.2,
                    risky: tuple[str, ...] = ("C",), caution: tuple[str, ...] = ("B",)
                    ) -> pd.Series:
    """The customer's grade A/B/C/D by value, corrected for credit risk.

    Needs ``current_value``, ``clv``, ``status`` and ``credit_class`` (one row per customer).
    The value grade is :func:`helpers.segments.abcd_grades` with ``current_value`` and future
    value = ``clv`` (0 for a lost customer), cuts at the top ``top`` share (0 to 1). Credit
    risk then caps it: a class in ``risky`` (a list of classes, default C) becomes D (reduce
    exposure: cash terms or exit), a class in ``caution`` (default B) moves down one grade
    (A→B, B→C, C→D).
    Source: the A/B/C/D grades by current and future value (目前价值, 未来价值) of
    《客户服务与管理》项目二“分析目标客户”, with the classes of the credit rating scheme of
    《产业市场营销与客户管理》（吴登开）; the cuts and the credit cap are the course's.

    >>> profile = pd.DataFrame({"current_value": [100.0, 90.0, 10.0, 80.0],
    ...                         "clv": [500.0, 400.0, 900.0, 600.0],
    ...                         "status": ["active", "active", "active", "lost"],
    ...                         "credit_class": ["cash", "B", "AA", "A"]})
    >>> strategic_grade(profile, top=0.5).tolist()
    ['A', 'B', 'B', 'D']
    """
    from . import segments

    require_frame(profile, "profile", ["current_value", "clv", "status", "credit_class"])
    status = _labels(profile["status"], ["active", "lost"], "profile['status']")
    credit = _labels(profile["credit_class"], CREDIT_CLASSES, "profile['credit_class']")
    checked = numeric_columns(profile, ["current_value", "clv"], "profile")
    require_unique_index(profile, "profile")
    for name, classes in (("risky", risky), ("caution", caution)):
        unknown = [x for x in _names(classes, name, "('C',)") if x not in CREDIT_CLASSES]
        if unknown:
            raise ValueError(f"{name} names credit classes {unknown} that are not in "
                             f"{list(CREDIT_CLASSES)}")
    future = checked["clv"].where(status == "active", 0.0)
    base = segments.abcd_grades(pd.DataFrame({"current_value": checked["current_value"],
                                              "future_value": future}), top=top)
    code = base.cat.codes.to_numpy().copy()  # A=0 … D=3
    code = np.where(credit.isin(list(caution)).to_numpy(), np.minimum(code + 1, 3), code)
    code = np.where(credit.isin(list(risky)).to_numpy(), 3, code)
    return pd.Series(pd.Categorical.from_codes(code, dtype=base.dtype), index=profile.index,
                     name="grade")


RULE_RANGES: dict[str, tuple[float | None, float | None]] = {
    "winback_min_clv": (None, None), "trend_cut": (-1.0, 1.0),
    "advocate_min_quarters": (0.0, 4.0), "cross_sell_max_lines": (0.0, None)}


def assign_actions(profile: pd.DataFrame, rules: Mapping[str, float] | None = None, *,
                   avoidable: Sequence[str] | None = None) -> pd.Series:
    """The ACURA action for each customer (ACURA 模型, 第二章“为企业创造价值”); the first rule
    that holds wins.

    Needs ``status``, ``lost_reason``, ``clv``, ``grade``, ``stage``, ``quarters_active``,
    ``frequency_trend``, ``cross_buying`` and ``loyalty_type`` (one row per customer);
    thresholds from ``rules``, a dict that overrides some of :data:`DEFAULT_RULES`
    (``trend_cut`` from −1 to 1, ``advocate_min_quarters`` from 0 to 4,
    ``cross_sell_max_lines`` ≥ 0):

    1. **acquire** — a lost customer lost for an avoidable reason (``avoidable``, a list,
       default every reason but ``moved_or_closed``) with CLV > ``winback_min_clv`` (win it
       back), or an active customer of grade A-C in the development stage (complete the
       winning);
    2. **let go** — any other lost customer;
    3. **standardise** — grade D;
    4. **retain** — stage decline or termination, or frequency trend < ``trend_cut``;
    5. **advocate** — grade A, stage maturity, orders in ≥ ``advocate_min_quarters`` of the
       last four quarters, and not a surveyed hostage or defector;
    6. **up-sell** — stage growth or recovery (buying more: sell more and better);
    7. **cross-sell** — fewer than ``cross_sell_max_lines`` product lines per order;
    8. **up-sell** — the rest (stable, broad buyers: raise the value of what they buy).

    Source: the ACURA model of the deck 第二章“为企业创造价值”, which names the five tasks
    only; the rules are the course's operational definitions, combining grade (chapter 05),
    stage (06), loyalty (03) and CLV (08).

    >>> profile = pd.DataFrame({"status": ["lost", "active", "active"],
    ...     "lost_reason": ["slow_service", "none", "none"], "clv": [500.0, 800.0, 250.0],
    ...     "grade": ["D", "A", "C"], "stage": ["termination", "maturity", "maturity"],
    ...     "quarters_active": [0, 4, 4], "frequency_trend": [-1.0, 0.1, 0.0],
    ...     "cross_buying": [2.0, 4.0, 2.0], "loyalty_type": "not surveyed"})
    >>> assign_actions(profile).tolist()
    ['acquire', 'advocate', 'cross-sell']
    """
    from .datasets.case_company import AVOIDABLE_LOST_REASONS
    from .lifecycle import STAGES

    cols = ["status", "lost_reason", "clv", "grade", "stage", "quarters_active",
            "frequency_trend", "cross_buying", "loyalty_type"]
    require_frame(profile, "profile", cols)
    r = dict(DEFAULT_RULES)
    if rules is not None:
        if not isinstance(rules, Mapping):
            raise TypeError(f"rules must be a dict of rule -> threshold such as "
                            f"{{'trend_cut': -0.1}}, got {type(rules).__name__}")
        unknown = set(rules) - set(DEFAULT_RULES)
        if unknown:
            raise ValueError(f"rules has unknown key(s) {sorted(unknown, key=str)}; the rules "
                             f"are {list(DEFAULT_RULES)}")
        r.update({key: check_number(v, f"rules[{key!r}]", low=RULE_RANGES[key][0],
                                    high=RULE_RANGES[key][1]) for key, v in rules.items()})
    reasons = (AVOIDABLE_LOST_REASONS if avoidable is None
               else _names(avoidable, "avoidable", "['price', 'slow_service']"))
    status = _labels(profile["status"], ["active", "lost"], "profile['status']")
    grade = _labels(profile["grade"], list("ABCD"), "profile['grade']")
    stage = _labels(profile["stage"], STAGES, "profile['stage']")
    require_no_nan(profile[["lost_reason", "loyalty_type"]], "profile")
    clv = numeric_column(profile, "clv", "profile")
    quarters = numeric_column(profile, "quarters_active", "profile", low=0, high=4)
    trend = numeric_column(profile, "frequency_trend", "profile", low=-1.0, high=1.0)
    lines = numeric_column(profile, "cross_buying", "profile", low=0)
    require_unique_index(profile, "profile")
    lost = status == "lost"
    winback = lost & profile["lost_reason"].isin(list(reasons)) & (clv > r["winback_min_clv"])
    onboard = ~lost & (stage == "development") & (grade != "D")
    happy = ~profile["loyalty_type"].astype(str).isin(["hostage", "defector"])
    conditions = [
        winback | onboard,
        lost,
        grade == "D",
        stage.isin(["decline", "termination"]) | (trend < r["trend_cut"]),
        (grade == "A") & (stage == "maturity") & (quarters >= r["advocate_min_quarters"]) & happy,
        stage.isin(["growth", "recovery"]),
        lines < r["cross_sell_max_lines"],
    ]
    choice = np.select(conditions, ["acquire", "let go", "standardise", "retain", "advocate",
                                    "up-sell", "cross-sell"], default="up-sell")
    return pd.Series(pd.Categorical(choice, categories=list(ACTIONS)), index=profile.index,
                     name="action")


# ---------------------------------------------------------------------------------------------
# budget allocator
# ---------------------------------------------------------------------------------------------

def _numbers(values: object, name: str, *, low: float | None = None,
             high: float | None = None, positive: bool = False) -> np.ndarray:
    """One number or a list/array/Series of them, finite and within ``[low, high]`` (above 0
    with ``positive``), as a float array."""
    if isinstance(values, (list, tuple, np.ndarray, pd.Series, pd.Index)):
        arr = as_numeric_series(values, name, low=low, high=high).to_numpy()
    else:
        arr = np.asarray(check_number(values, name, low=low, high=high, low_open=positive))
    if positive and (arr <= 0).any():
        raise ValueError(f"{name} must be positive; {int((arr <= 0).sum())} value(s) are not: "
                         f"{arr[arr <= 0][:5].tolist()}")
    return arr


def _rate(s: np.ndarray, c: np.ndarray, h: np.ndarray) -> np.ndarray:
    return c * -np.expm1(-np.log(2.0) / h * s)


def response_rate(spend_per_customer: object, ceiling: object, half_spend: object) -> np.ndarray:
    """Share of targeted customers who respond at a given spend per customer.

    rate(s) = ceiling × (1 − exp(−k s)),  k = ln 2 / half_spend,

    so the rate starts at 0, reaches half the ceiling at ``half_spend`` and never passes the
    ceiling: every extra yuan buys less than the one before (diminishing returns). Each input
    is a number or a list of them (broadcast together): spends ≥ 0, ceilings from 0 to 1,
    half spends > 0, all finite. Source: the retention and acquisition response curves of
    Blattberg & Deighton (1996), "Manage marketing by the customer equity test", *Harvard
    Business Review* 74(4), 136-144.

    >>> response_rate([0.0, 1000.0, 2000.0], 0.4, 1000.0)
    array([0. , 0.2, 0.3])
    """
    s = _numbers(spend_per_customer, "spend_per_customer", low=0.0)
    c = _numbers(ceiling, "ceiling", low=0.0, high=1.0)
    h = _numbers(half_spend, "half_spend", positive=True)
    try:
        np.broadcast_shapes(s.shape, c.shape, h.shape)
    except ValueError as err:
        raise ValueError(f"spend_per_customer, ceiling and half_spend must have one value each "
                         f"or the same length, got {s.size}, {c.size} and {h.size}") from err
    return _rate(s, c, h)


def _plan(plan: object) -> pd.DataFrame:
    cols = ["customers", "value_per_response", "ceiling", "half_spend"]
    require_frame(plan, "plan", cols)
    p = numeric_columns(plan, cols, "plan", low=0)
    numeric_column(plan, "ceiling", "plan", high=1.0)
    bad = p["half_spend"] <= 0
    if bad.any():
        raise ValueError(f"plan['half_spend'] must be positive; {int(bad.sum())} row(s) are "
                         f"not: {offenders(p['half_spend'], bad)}")
    require_unique_index(plan, "plan", "one row per action")
    return p


def action_plan(profile: pd.DataFrame, response: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per ACURA action: how many customers it targets and what one success is worth.

    ``profile`` needs ``action`` and ``clv`` (one row per customer); ``response`` (default
    :data:`DEFAULT_RESPONSE`) gives ``ceiling`` (0 to 1), ``half_spend`` (> 0) and
    ``value_share`` (0 to 1) for each of the five actions. Returns, per action,
    ``customers``, ``value_per_response`` = ``value_share`` × mean of the targeted customers'
    CLV (negative CLVs count as 0: no value to win), ``value_at_stake`` = customers ×
    value per response, ``ceiling`` and ``half_spend``. An action nobody is assigned to keeps
    its row with 0 customers (it gets no budget).
    Source: the ACURA tasks of the deck 第二章“为企业创造价值”; valuing a response at a share of
    the customer's lifetime value (the course's) follows the customer-equity view of Blattberg
    & Deighton (1996), "Manage marketing by the customer equity test", *Harvard Business
    Review* 74(4).

    >>> profile = pd.DataFrame({"action": ["retain", "retain", "advocate"],
    ...                         "clv": [100.0, -50.0, 400.0]})
    >>> action_plan(profile).loc[["retain", "advocate"], ["customers", "value_per_response"]]
              customers  value_per_response
    action
    retain            2                50.0
    advocate          1                40.0
    """
    require_frame(profile, "profile", ["action", "clv"])
    action = _labels(profile["action"], ACTIONS, "profile['action']")
    clv = numeric_column(profile, "clv", "profile").clip(lower=0.0)
    require_unique_index(profile, "profile")
    resp = DEFAULT_RESPONSE if response is None else response
    require_frame(resp, "response", ["ceiling", "half_spend", "value_share"])
    share = numeric_column(resp, "value_share", "response", low=0.0, high=1.0)
    numeric_column(resp, "ceiling", "response", low=0.0, high=1.0)
    half = numeric_column(resp, "half_spend", "response")
    if (half <= 0).any():
        raise ValueError(f"response['half_spend'] must be positive; {int((half <= 0).sum())} "
                         f"row(s) are not: {offenders(half, half <= 0)}")
    require_unique_index(resp, "response", "one row per action")
    missing = [a for a in ACURA if a not in resp.index]
    if missing:
        raise ValueError(f"response has no row for action(s) {missing}")
    g = clv.groupby(action)
    n = g.size().reindex(list(ACURA), fill_value=0)
    mean = g.mean().reindex(list(ACURA), fill_value=0.0)
    out = pd.DataFrame({"customers": n.astype(int),
                        "value_per_response": share[list(ACURA)].to_numpy() * mean.to_numpy()},
                       index=pd.Index(list(ACURA), name="action"))
    out["value_at_stake"] = out["customers"] * out["value_per_response"]
    out["ceiling"] = resp.loc[list(ACURA), "ceiling"].to_numpy(dtype=float)
    out["half_spend"] = resp.loc[list(ACURA), "half_spend"].to_numpy(dtype=float)
    return out


def _expected_profit(p: pd.DataFrame, spend: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Response rate and expected profit of total spends ``spend`` (actions x k) per action."""
    n = p["customers"].where(p["customers"] > 0, 1.0).to_numpy()[:, None]
    rate = _rate(spend / n, p["ceiling"].to_numpy()[:, None], p["half_spend"].to_numpy()[:, None])
    value = p["value_per_response"].to_numpy()[:, None]
    return rate, p["customers"].to_numpy()[:, None] * rate * value


def return_curves(plan: pd.DataFrame, totals: object) -> pd.DataFrame:
    """Net return (expected profit − spend) of each action of ``plan`` at each total spend.

    One row per action, one column per value of ``totals`` (a list of spends ≥ 0 in CNY, spent
    on that action alone): the curve of :func:`allocate`'s ``net_return`` as the spend grows,
    computed for all spends at once. An action without customers gets 0 at a spend of 0 and
    −spend beyond (money spent on nobody). Source: :func:`response_rate` (Blattberg & Deighton
    1996).

    >>> plan = pd.DataFrame({"customers": [10], "value_per_response": [1000.0],
    ...                      "ceiling": [0.5], "half_spend": [100.0]}, index=["retain"])
    >>> return_curves(plan, [0.0, 1000.0]).round(1)
    spend   0.0     1000.0
    action
    retain     0.0  1500.0
    """
    p = _plan(plan)
    if isinstance(totals, (int, float, np.number)):
        raise TypeError(f"totals must be a list of spends such as [0, 1000, 2000], got "
                        f"{type(totals).__name__} {totals!r}")
    t = _numbers(totals, "totals", low=0.0)
    check_cells(len(p), t.size, "return_curves")
    spend = np.broadcast_to(t, (len(p), t.size))
    _, expected = _expected_profit(p, spend)
    return pd.DataFrame(expected - spend, index=pd.Index(p.index, name="action"),
                        columns=pd.Index(t, name="spend"))


def allocate(plan: pd.DataFrame, spend: Mapping[str, float] | pd.Series) -> pd.DataFrame:
    """Expected result of spending ``spend[action]`` (CNY, total) on each action of ``plan``.

    Per action, with n customers, value V per response, spend S (s = S / n per customer):
    ``response_rate`` = :func:`response_rate` (s), ``responders`` = n × rate,
    ``expected_profit`` = responders × V, ``net_return`` = expected − S, ``roi`` = net / S
    (0 where nothing is spent) and ``marginal_return`` = d expected / d S = V c k exp(−k s)
    (CNY back for the next yuan; spend more only while it is above 1). ``spend`` is a dict or
    Series by action of amounts ≥ 0; actions missing from it get 0; spending on an action with
    no customers is an error. Source: :func:`response_rate` (Blattberg & Deighton 1996).

    >>> plan = pd.DataFrame({"customers": [10], "value_per_response": [1000.0],
    ...                      "ceiling": [0.5], "half_spend": [100.0]}, index=["retain"])
    >>> allocate(plan, {"retain": 1000.0}).loc["retain", ["response_rate", "net_return", "roi"]]
    response_rate       0.25
    net_return       1500.00
    roi                 1.50
    Name: retain, dtype: float64
    """
    p = _plan(plan)
    if not isinstance(spend, (Mapping, pd.Series)):
        raise TypeError("spend must map actions to amounts (a dict or a Series), got "
                        f"{type(spend).__name__}")
    s = spend if isinstance(spend, pd.Series) else pd.Series(spend, dtype=None if spend else float)
    unknown = s.index.difference(p.index)
    if len(unknown):
        raise ValueError(f"spend names action(s) {list(unknown)} that are not in the plan "
                         f"({list(p.index)})")
    if len(s):
        require_unique_index(s, "spend", "one amount per action")
        s = as_numeric_series(s, "spend", low=0.0)
    s = s.astype(float).reindex(p.index, fill_value=0.0)
    empty = (s > 0) & (p["customers"] == 0)
    if empty.any():
        raise ValueError(f"spend on action(s) with no targeted customers: "
                         f"{offenders(s, empty)}")
    n = p["customers"].where(p["customers"] > 0, 1.0)
    per = s / n
    rate, expected = _expected_profit(p, s.to_numpy()[:, None])
    k = np.log(2.0) / p["half_spend"]
    out = pd.DataFrame({"customers": p["customers"].astype(int), "spend": s,
                        "spend_per_customer": per, "response_rate": rate[:, 0]})
    out["responders"] = p["customers"] * out["response_rate"]
    out["expected_profit"] = expected[:, 0]
    out["net_return"] = out["expected_profit"] - s
    out["roi"] = (out["net_return"] / s.where(s > 0, 1.0)).where(s > 0, 0.0)
    out["marginal_return"] = (p["value_per_response"] * p["ceiling"] * k * np.exp(-k * per)
                              ).where(p["customers"] > 0, 0.0)
    out.index.name = "action"
    return out


def optimal_allocation(plan: pd.DataFrame, budget: float) -> pd.DataFrame:
    """The split of ``budget`` (CNY ≥ 0) over the actions that maximises expected profit.

    With diminishing returns the best split equalises the marginal returns: action a gets
    S_a = (n_a / k_a) ln(V_a c_a k_a / λ) (0 where that is negative), with λ chosen so that the
    spends add up to the budget. Spending stops where the marginal return falls to 1 (λ ≥ 1):
    a yuan that brings back less than a yuan is not spent, so part of a large budget may stay
    unspent. Returns :func:`allocate` of that split. λ is found with ``scipy.optimize.brentq``.
    Source: the equal-marginal-return rule of budget allocation (e.g. Blattberg & Deighton
    1996, balancing acquisition and retention spending).

    >>> plan = pd.DataFrame({"customers": [10], "value_per_response": [1000.0],
    ...                      "ceiling": [0.5], "half_spend": [100.0]}, index=["retain"])
    >>> float(optimal_allocation(plan, 10_000.0).loc["retain", "spend"])  # (n/k) ln(Vck)
    1793.2
    """
    p = _plan(plan)
    total = check_number(budget, "budget", low=0.0)
    live = (p["customers"] > 0) & (p["value_per_response"] * p["ceiling"] > 0)
    k = np.log(2.0) / p["half_spend"]
    top = (p["value_per_response"] * p["ceiling"] * k)[live]  # marginal return at zero spend

    def spend_at(lam: float) -> pd.Series:
        return (p["customers"][live] / k[live] * np.log(top / lam)).clip(lower=0.0)

    if total == 0 or top.empty or top.max() <= 1.0:
        return allocate(p, pd.Series(0.0, index=p.index))
    if spend_at(1.0).sum() <= total:
        lam = 1.0  # the budget is more than pays: spend up to a marginal return of 1
    else:
        from scipy import optimize  # here, not at import: scipy is slow to import

        lam = optimize.brentq(lambda x: spend_at(x).sum() - total, 1.0, float(top.max()),
                              xtol=1e-12, rtol=1e-12)
    return allocate(p, spend_at(lam).reindex(p.index, fill_value=0.0))


def budget_check(retention_spend: float, lost_profit: float, success_rate: float = 1.0
                 ) -> pd.Series:
    """The retention budget rule of the deck 第二章“为企业创造价值”: spend on retention while it
    costs less than the profit lost to avoidable churn.

    ``lost_profit`` (> 0) is the profit avoidable churn costs (e.g.
    :func:`helpers.retention.avoidable_churn_loss`: the sum of the lost customers' lifetime
    values); ``retention_spend`` (≥ 0) what is spent; ``success_rate`` (0 to 1) the share of
    the lost profit the spending can save. Returns ``retention_spend``, ``lost_profit``,
    ``profit_saved`` (= success rate × lost profit), ``net_gain`` (saved − spend),
    ``spend_share`` (spend / lost profit) and ``worthwhile`` (spend < profit saved), via
    :func:`helpers.retention.retention_decision`.
    Source: the fourth step of strengthening retention (强化挽留客户的措施) in the deck
    第二章“为企业创造价值”: “企业维系客户的成本只要小于损失的利润,企业就应支付降低客户流失率的
    费用” (``success_rate`` = 1); a success rate below 1 is the course's stricter form.

    >>> budget_check(100.0, 1000.0, 0.5)[["profit_saved", "net_gain", "worthwhile"]].tolist()
    [500.0, 400.0, True]
    """
    from .retention import retention_decision

    spend = check_number(retention_spend, "retention_spend", low=0.0)
    lost = check_number(lost_profit, "lost_profit")
    if lost <= 0:
        raise ValueError(f"lost_profit must be positive (profit that churn takes away), got "
                         f"{lost_profit!r}: with no profit at stake no retention spend pays")
    rate = check_rate(success_rate, "success_rate")
    row = retention_decision(spend, lost, rate).iloc[0]
    values = (spend, lost, float(row["profit_saved"]), float(row["net_gain"]), spend / lost,
              bool(row["worthwhile"]))
    return pd.Series(dict(zip(BUDGET_CHECK_ROWS, values)), name="budget_check", dtype=object)
