"""A CRM strategy from data: the capstone's integration (chapter 13, 综合案例).

The chapter pulls the earlier chapters together, one customer at a time:

* :func:`customer_profile` — one row per customer: value (chapter 04), loyalty behaviour and
  satisfaction type (chapter 03), lifecycle stage (chapter 06), customer lifetime value
  (chapters 07-08) and credit class (chapters 11-12). It only *collects* what the other helpers
  compute; every model below takes the profile's columns, so it can be tested on a hand-made
  frame.
* :func:`strategic_grade` — the A/B/C/D grade by current and future value
  (:func:`helpers.segments.abcd_grades`, future value = CLV), adjusted for credit risk.
* :func:`assign_actions` — the ACURA model (003): acquire 赢得客户, cross-sell 交叉销售, up-sell
  升级销售, retain 挽留客户, advocate 赢得客户拥护, plus the two non-ACURA outcomes a grading
  implies: *standardise* (grade D: serve at the lowest cost) and *let go* (lost customers not
  worth winning back). The rules are in :data:`DEFAULT_RULES` and :func:`assign_actions`.
* The budget allocator — :func:`response_rate` (diminishing returns, Blattberg & Deighton
  1996), :func:`action_plan` (customers and value at stake per action), :func:`allocate`
  (a given split of the budget → expected profit, net return, marginal return),
  :func:`return_curves` (each action's net return as its spend grows) and
  :func:`optimal_allocation` (the split that equalises marginal returns);
* :func:`budget_check` — the lecture's rule: spend on retention only while it costs less than
  the profit lost to avoidable churn (via :func:`helpers.retention.retention_decision`).

Bad input raises a ``ValueError`` or ``TypeError`` that names the argument or column, the rule
broken and a few offending rows (``helpers.validation``); nothing is silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy import optimize

from .validation import (_offenders, as_numeric_series, require_between, require_columns,
                         require_frame, require_no_nan, require_nonnegative)

__all__ = [
    "ACTIONS", "ACTION_MEANING", "ACURA", "CREDIT_CLASSES", "DEFAULT_RESPONSE", "DEFAULT_RULES",
    "action_plan", "allocate", "assign_actions", "budget_check", "customer_profile",
    "optimal_allocation", "response_rate", "return_curves", "strategic_grade",
]

#: The five ACURA tasks (lecture 003), in the lecture's order, with their Chinese names.
ACURA: dict[str, str] = {"acquire": "赢得客户", "cross-sell": "交叉销售", "up-sell": "升级销售",
                         "retain": "挽留客户", "advocate": "赢得客户拥护"}
#: Every outcome of :func:`assign_actions`: the five ACURA tasks and two outcomes without a
#: relationship budget.
ACTIONS: tuple[str, ...] = (*ACURA, "standardise", "let go")
ACTION_MEANING: dict[str, str] = {
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
}
#: Credit classes of the rating scheme (004), best first, plus the two labels the profile uses
#: for customers without a rating: ``cash`` (no credit terms, no credit risk) and ``unrated``.
CREDIT_CLASSES: tuple[str, ...] = ("AAA", "AA", "A", "B", "C", "cash", "unrated")

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

def _number(value: object, name: str, *, low: float | None = None,
            high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    x = float(value)
    if not np.isfinite(x):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if (low is not None and x < low) or (high is not None and x > high):
        raise ValueError(f"{name} must lie between {low} and {high}, got {value!r}")
    return x


def _unique_index(frame: pd.DataFrame | pd.Series, name: str) -> None:
    dup = frame.index.duplicated()
    if dup.any():
        raise ValueError(f"{name} must have one row per customer; repeated index labels: "
                         f"{list(frame.index[dup][:5])}")


def _labels(series: pd.Series, allowed: tuple[str, ...] | list[str], name: str) -> pd.Series:
    require_no_nan(series, name)
    text = series.astype(str)
    bad = ~text.isin(list(allowed))
    if bad.any():
        raise ValueError(f"{name} must be one of {list(allowed)}; {int(bad.sum())} value(s) "
                         f"are not: {_offenders(text, bad)}")
    return text


# ---------------------------------------------------------------------------------------------
# the profile
# ---------------------------------------------------------------------------------------------

def customer_profile(customers: pd.DataFrame, orders: pd.DataFrame, costs: pd.DataFrame, *,
                     year: int = 2024, credit_class: pd.Series | None = None,
                     survey: pd.DataFrame | None = None, discount_rate: float = 0.10,
                     horizon: int = 5) -> pd.DataFrame:
    """One row per customer acquired by the end of ``year``: everything the strategy needs.

    Inputs are the case company's tables (``customers``, ``orders``, the ``cost_to_serve``
    ledger as ``costs``); ``credit_class`` (optional) maps credit customers to AAA..C, e.g. the
    ``rating`` of one quarter of :func:`helpers.rating.quarterly_ratings`;
    ``survey`` (optional) adds the satisfaction × loyalty type of each respondent. Columns:

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
      :func:`helpers.clv.clv` (margin, retention, ``discount_rate``, ``horizon``,
      timing="start"); for a lost customer, the value it had (what a win-back would restore);
    * credit (chapters 11-12): ``credit_class`` — the given class for credit customers,
      ``cash`` for customers without credit terms, ``unrated`` for credit customers the
      classes do not cover.
    """
    from . import clv as clv_mod
    from . import lifecycle, loyalty, retention, segments, value

    for frame, name in ((customers, "customers"), (orders, "orders"), (costs, "costs")):
        require_frame(frame, name)
    require_columns(customers, ["customer_id", "size", "acquisition_channel", "acquisition_date",
                                "credit_customer", "lost_date", "lost_reason"], "customers")
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise TypeError(f"year must be a whole year, got {year!r}")
    _number(discount_rate, "discount_rate", low=0.0, high=1.0)
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or horizon < 1:
        raise ValueError(f"horizon must be a whole number of years ≥ 1, got {horizon!r}")
    end = pd.Timestamp(int(year), 12, 31)
    c = customers[customers["acquisition_date"] <= end].set_index("customer_id")
    if c.empty:
        raise ValueError(f"customers has nobody acquired by {end.date()}")
    _unique_index(c, "customers")
    lost = c["lost_date"].notna() & (c["lost_date"] <= end)
    o = orders[orders["order_date"] <= end]
    k = costs[costs["year"] <= year]
    yearly = value.customer_profit(o, k)
    prof = pd.DataFrame({"size": c["size"], "acquisition_channel": c["acquisition_channel"],
                         "credit_customer": c["credit_customer"].astype(bool),
                         "status": np.where(lost, "lost", "active"),
                         "lost_reason": c["lost_reason"].where(lost, "none")})
    this = yearly[yearly["year"] == year].set_index("customer_id")
    prof["net_sales"] = this["net_sales"].reindex(prof.index, fill_value=0.0)
    prof["current_value"] = this["net_profit"].reindex(prof.index, fill_value=0.0)
    fv = segments.future_value(yearly, int(year), lost=lost)
    prof["future_value"] = fv["future_value"].reindex(prof.index, fill_value=0.0)
    prof.loc[lost, "future_value"] = 0.0
    hist = loyalty.purchase_history(o, end, first_purchase=c["acquisition_date"])
    for col in ("quarters_active", "frequency_trend", "cross_buying"):
        prof[col] = hist[col].reindex(prof.index, fill_value=0)
    prof["loyalty_type"] = "not surveyed"
    if survey is not None:
        require_frame(survey, "survey")
        require_columns(survey, ["customer_id", "overall_satisfaction", "repurchase_intention"],
                        "survey")
        s = survey.drop_duplicates("customer_id", keep="last").set_index("customer_id")
        s = s[s.index.isin(prof.index)]
        quad = loyalty.satisfaction_loyalty_quadrant(s["overall_satisfaction"],
                                                     s["repurchase_intention"])
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
    years = [y for y in range(start.year, int(year) + 1)]
    keep = clv_mod.yearly_retention(window, years, by="size")["retention"]
    prof["retention"] = prof["size"].map(keep).astype(float)
    require_no_nan(prof["retention"], "retention by size")
    prof["clv"] = clv_mod.clv(prof["annual_margin"], prof["retention"], discount_rate, horizon,
                              timing="start")
    cls = pd.Series("unrated", index=prof.index, dtype=object)
    if credit_class is not None:
        if not isinstance(credit_class, pd.Series):
            raise TypeError("credit_class must be a Series of AAA..C indexed by customer_id")
        _unique_index(credit_class, "credit_class")
        given = _labels(credit_class, CREDIT_CLASSES[:5], "credit_class")
        cls.update(given[given.index.isin(prof.index)])
    cls[~prof["credit_customer"]] = "cash"
    prof["credit_class"] = pd.Categorical(cls, categories=list(CREDIT_CLASSES))
    prof.index.name = "customer_id"
    return prof


# ---------------------------------------------------------------------------------------------
# grade and actions
# ---------------------------------------------------------------------------------------------

def strategic_grade(profile: pd.DataFrame, *, top: float = 0.2,
                    risky: tuple[str, ...] = ("C",), caution: tuple[str, ...] = ("B",)
                    ) -> pd.Series:
    """The customer's grade A/B/C/D by value, corrected for credit risk.

    Needs ``current_value``, ``clv``, ``status`` and ``credit_class``. The value grade is
    :func:`helpers.segments.abcd_grades` with ``current_value`` and future value = ``clv``
    (0 for a lost customer), cuts at the top ``top`` share. Credit risk then caps it: a class in
    ``risky`` (default C) becomes D (reduce exposure: cash terms or exit), a class in
    ``caution`` (default B) moves down one grade (A→B, B→C, C→D).
    Source: grading by current and future value (000) with the rating's risk classes (004).
    """
    from . import segments

    require_frame(profile, "profile")
    require_columns(profile, ["current_value", "clv", "status", "credit_class"], "profile")
    status = _labels(profile["status"], ["active", "lost"], "profile['status']")
    credit = _labels(profile["credit_class"], CREDIT_CLASSES, "profile['credit_class']")
    for names in (risky, caution):
        unknown = [x for x in names if x not in CREDIT_CLASSES]
        if unknown:
            raise ValueError(f"credit classes {unknown} are not in {list(CREDIT_CLASSES)}")
    clv = as_numeric_series(profile["clv"], "profile['clv']")
    future = clv.where(status == "active", 0.0)
    base = segments.abcd_grades(pd.DataFrame({"current_value": profile["current_value"],
                                              "future_value": future}), top=top)
    code = base.cat.codes.to_numpy().copy()  # A=0 … D=3
    code = np.where(credit.isin(list(caution)).to_numpy(), np.minimum(code + 1, 3), code)
    code = np.where(credit.isin(list(risky)).to_numpy(), 3, code)
    return pd.Series(pd.Categorical.from_codes(code, dtype=base.dtype), index=profile.index,
                     name="grade")


def assign_actions(profile: pd.DataFrame, rules: Mapping[str, float] | None = None, *,
                   avoidable: tuple[str, ...] | None = None) -> pd.Series:
    """The ACURA action for each customer (lecture 003); the first rule that holds wins.

    Needs ``status``, ``lost_reason``, ``clv``, ``grade``, ``stage``, ``quarters_active``,
    ``frequency_trend``, ``cross_buying`` and ``loyalty_type``; thresholds from ``rules``
    (defaults :data:`DEFAULT_RULES`):

    1. **acquire** — a lost customer lost for an avoidable reason (``avoidable``, default every
       reason but ``moved_or_closed``) with CLV > ``winback_min_clv`` (win it back), or an
       active customer of grade A-C in the development stage (complete the winning);
    2. **let go** — any other lost customer;
    3. **standardise** — grade D;
    4. **retain** — stage decline or termination, or frequency trend < ``trend_cut``;
    5. **advocate** — grade A, stage maturity, orders in ≥ ``advocate_min_quarters`` of the
       last four quarters, and not a surveyed hostage or defector;
    6. **up-sell** — stage growth or recovery (buying more: sell more and better);
    7. **cross-sell** — fewer than ``cross_sell_max_lines`` product lines per order;
    8. **up-sell** — the rest (stable, broad buyers: raise the value of what they buy).

    Source: the ACURA model of the lecture (003); the rules are the course's operational
    definitions, combining grade (chapter 05), stage (06), loyalty (03) and CLV (08).
    """
    from .datasets.case_company import AVOIDABLE_LOST_REASONS
    from .lifecycle import STAGES

    require_frame(profile, "profile")
    cols = ["status", "lost_reason", "clv", "grade", "stage", "quarters_active",
            "frequency_trend", "cross_buying", "loyalty_type"]
    require_columns(profile, cols, "profile")
    r = dict(DEFAULT_RULES)
    if rules is not None:
        unknown = set(rules) - set(DEFAULT_RULES)
        if unknown:
            raise ValueError(f"rules has unknown key(s) {sorted(unknown)}; the rules are "
                             f"{list(DEFAULT_RULES)}")
        r.update({key: _number(v, f"rules[{key!r}]") for key, v in rules.items()})
    reasons = tuple(AVOIDABLE_LOST_REASONS if avoidable is None else avoidable)
    status = _labels(profile["status"], ["active", "lost"], "profile['status']")
    grade = _labels(profile["grade"], list("ABCD"), "profile['grade']")
    stage = _labels(profile["stage"], STAGES, "profile['stage']")
    require_no_nan(profile[["lost_reason", "loyalty_type"]], "profile")
    clv = as_numeric_series(profile["clv"], "profile['clv']")
    quarters = as_numeric_series(profile["quarters_active"], "profile['quarters_active']")
    trend = as_numeric_series(profile["frequency_trend"], "profile['frequency_trend']")
    lines = as_numeric_series(profile["cross_buying"], "profile['cross_buying']")
    require_between(trend, -1.0, 1.0, "profile['frequency_trend']")
    lost = status == "lost"
    winback = lost & profile["lost_reason"].isin(reasons) & (clv > r["winback_min_clv"])
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

def response_rate(spend_per_customer: object, ceiling: object, half_spend: object) -> np.ndarray:
    """Share of targeted customers who respond at a given spend per customer.

    rate(s) = ceiling × (1 − exp(−k s)),  k = ln 2 / half_spend,

    so the rate starts at 0, reaches half the ceiling at ``half_spend`` and never passes the
    ceiling: every extra yuan buys less than the one before (diminishing returns). Vectorised
    (inputs broadcast). Source: the retention and acquisition response curves of Blattberg &
    Deighton (1996), "Manage marketing by the customer equity test", *Harvard Business Review*
    74(4), 136-144.
    """
    s = np.asarray(spend_per_customer, dtype=float)
    c = np.asarray(ceiling, dtype=float)
    h = np.asarray(half_spend, dtype=float)
    for arr, name in ((s, "spend_per_customer"), (c, "ceiling"), (h, "half_spend")):
        if np.isnan(arr).any():
            raise ValueError(f"{name} must not be NaN")
    if (s < 0).any():
        raise ValueError(f"spend_per_customer must not be negative, got {s[s < 0][:5].tolist()}")
    if ((c < 0) | (c > 1)).any():
        raise ValueError(f"ceiling must lie between 0 and 1, got {c[(c < 0) | (c > 1)][:5]}")
    if (h <= 0).any() or not np.isfinite(h).all():
        raise ValueError(f"half_spend must be positive and finite, got {h[~(h > 0)][:5]}")
    return c * -np.expm1(-np.log(2.0) / h * s)


def _plan(plan: pd.DataFrame) -> pd.DataFrame:
    require_frame(plan, "plan")
    cols = ["customers", "value_per_response", "ceiling", "half_spend"]
    require_columns(plan, cols, "plan")
    _unique_index(plan, "plan")
    p = plan[cols].copy()
    for col in cols:
        p[col] = as_numeric_series(plan[col], f"plan[{col!r}]").to_numpy()
        require_nonnegative(p[col], f"plan[{col!r}]")
    require_between(p["ceiling"], 0.0, 1.0, "plan['ceiling']")
    bad = p["half_spend"] <= 0
    if bad.any():
        raise ValueError(f"plan['half_spend'] must be positive; {int(bad.sum())} row(s) are "
                         f"not: {_offenders(p['half_spend'], bad)}")
    return p


def action_plan(profile: pd.DataFrame, response: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per ACURA action: how many customers it targets and what one success is worth.

    ``profile`` needs ``action`` and ``clv``; ``response`` (default :data:`DEFAULT_RESPONSE`)
    gives ``ceiling``, ``half_spend`` and ``value_share`` per action. Returns, per action,
    ``customers``, ``value_per_response`` = ``value_share`` × mean of the targeted customers'
    CLV (negative CLVs count as 0: no value to win), ``value_at_stake`` = customers ×
    value per response, ``ceiling`` and ``half_spend``. An action nobody is assigned to keeps
    its row with 0 customers (it gets no budget).
    Source: the ACURA tasks of the lecture (003); valuing a response at a share of the
    customer's lifetime value follows the customer-equity view of Blattberg & Deighton (1996),
    "Manage marketing by the customer equity test", *Harvard Business Review* 74(4).
    """
    require_frame(profile, "profile")
    require_columns(profile, ["action", "clv"], "profile")
    action = _labels(profile["action"], ACTIONS, "profile['action']")
    clv = as_numeric_series(profile["clv"], "profile['clv']").clip(lower=0.0)
    resp = DEFAULT_RESPONSE if response is None else response
    require_frame(resp, "response")
    require_columns(resp, ["ceiling", "half_spend", "value_share"], "response")
    missing = [a for a in ACURA if a not in resp.index]
    if missing:
        raise ValueError(f"response has no row for action(s) {missing}")
    resp = resp.loc[list(ACURA)]
    share = as_numeric_series(resp["value_share"], "response['value_share']")
    require_nonnegative(share, "response['value_share']")
    g = clv.groupby(action)
    n = g.size().reindex(list(ACURA), fill_value=0)
    mean = g.mean().reindex(list(ACURA), fill_value=0.0)
    out = pd.DataFrame({"customers": n.astype(int),
                        "value_per_response": share.to_numpy() * mean.to_numpy()},
                       index=pd.Index(list(ACURA), name="action"))
    out["value_at_stake"] = out["customers"] * out["value_per_response"]
    out["ceiling"] = resp["ceiling"].to_numpy(dtype=float)
    out["half_spend"] = resp["half_spend"].to_numpy(dtype=float)
    _plan(out)
    return out


def _expected_profit(p: pd.DataFrame, spend: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Response rate and expected profit of total spends ``spend`` (actions x k) per action."""
    n = p["customers"].where(p["customers"] > 0, 1.0).to_numpy()[:, None]
    rate = response_rate(spend / n, p["ceiling"].to_numpy()[:, None],
                         p["half_spend"].to_numpy()[:, None])
    value = p["value_per_response"].to_numpy()[:, None]
    return rate, p["customers"].to_numpy()[:, None] * rate * value


def return_curves(plan: pd.DataFrame, totals: object) -> pd.DataFrame:
    """Net return (expected profit − spend) of each action of ``plan`` at each total spend.

    One row per action, one column per value of ``totals`` (CNY spent on that action alone):
    the curve of :func:`allocate`'s ``net_return`` as the spend grows, computed for all spends
    at once. An action without customers gets 0 at a spend of 0 and −spend beyond (money
    spent on nobody). Source: :func:`response_rate` (Blattberg & Deighton 1996).
    """
    p = _plan(plan)
    t = np.asarray(totals, dtype=float)
    if t.ndim != 1 or t.size == 0:
        raise ValueError(f"totals must be a non-empty list of spends, got {totals!r}")
    bad = ~(np.isfinite(t) & (t >= 0))
    if bad.any():
        raise ValueError(f"totals must be finite spends >= 0; {int(bad.sum())} are not: "
                         f"{t[bad][:5].tolist()}")
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
    (CNY back for the next yuan; spend more only while it is above 1). Actions missing from
    ``spend`` get 0; spending on an action with no customers is an error.
    Source: :func:`response_rate` (Blattberg & Deighton 1996).
    """
    p = _plan(plan)
    s = pd.Series(spend, dtype=float) if not isinstance(spend, pd.Series) else spend
    unknown = s.index.difference(p.index)
    if len(unknown):
        raise ValueError(f"spend names action(s) {list(unknown)} that are not in the plan "
                         f"({list(p.index)})")
    s = as_numeric_series(s, "spend").reindex(p.index, fill_value=0.0)
    require_nonnegative(s, "spend")
    empty = (s > 0) & (p["customers"] == 0)
    if empty.any():
        raise ValueError(f"spend on action(s) with no targeted customers: "
                         f"{_offenders(s, empty)}")
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
    """The split of ``budget`` over the actions that maximises expected profit.

    With diminishing returns the best split equalises the marginal returns: action a gets
    S_a = (n_a / k_a) ln(V_a c_a k_a / λ) (0 where that is negative), with λ chosen so that the
    spends add up to the budget. Spending stops where the marginal return falls to 1 (λ ≥ 1):
    a yuan that brings back less than a yuan is not spent, so part of a large budget may stay
    unspent. Returns :func:`allocate` of that split. λ is found with ``scipy.optimize.brentq``.
    Source: the equal-marginal-return rule of budget allocation (e.g. Blattberg & Deighton
    1996, balancing acquisition and retention spending).
    """
    p = _plan(plan)
    total = _number(budget, "budget", low=0.0)
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
        lam = optimize.brentq(lambda x: spend_at(x).sum() - total, 1.0, float(top.max()),
                              xtol=1e-12, rtol=1e-12)
    return allocate(p, spend_at(lam).reindex(p.index, fill_value=0.0))


def budget_check(retention_spend: float, lost_profit: float, success_rate: float = 1.0
                 ) -> pd.Series:
    """The lecture's retention budget rule: spend on retention while it costs less than the
    profit lost to avoidable churn.

    ``lost_profit`` is the profit avoidable churn costs (e.g.
    :func:`helpers.retention.avoidable_churn_loss`: the sum of the lost customers' lifetime
    values); ``success_rate`` the share of it the spending can save. Returns
    ``retention_spend``, ``lost_profit``, ``profit_saved`` (= success rate × lost profit),
    ``net_gain`` (saved − spend), ``spend_share`` (spend / lost profit) and ``worthwhile``
    (spend < profit saved), via :func:`helpers.retention.retention_decision`.
    Source: the lecture's steps for strengthening retention (003; Reichheld & Sasser 1990).
    """
    from .retention import retention_decision

    spend = _number(retention_spend, "retention_spend", low=0.0)
    lost = _number(lost_profit, "lost_profit")
    if lost <= 0:
        raise ValueError(f"lost_profit must be positive (profit that churn takes away), got "
                         f"{lost_profit!r}: with no profit at stake no retention spend pays")
    row = retention_decision(spend, lost, success_rate).iloc[0]
    return pd.Series({"retention_spend": spend, "lost_profit": lost,
                      "profit_saved": float(row["profit_saved"]),
                      "net_gain": float(row["net_gain"]), "spend_share": spend / lost,
                      "worthwhile": bool(row["worthwhile"])}, name="budget_check", dtype=object)
