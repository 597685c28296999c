"""Customer loyalty (chapter 03): measures, the customer filter, loyalty types and the index.

* :data:`MEASURES` / :func:`measures_table` — the eight measures of loyalty of the deck
  《客户管理》第三章 (顾客忠诚度的衡量标准) and which of them the case company's data can
  give; :func:`attitude_to_competitor` (rating of the firm minus the rating of its main
  competitor) and :func:`incident_tolerance` (the share of a customer's complaints and returns
  after which it ordered again) compute two of them.
* :func:`purchase_history` — per-customer behaviour at an observation date from an order log:
  number of orders, recency, purchase duration (A11), purchase frequency (A12), trend of the
  purchase frequency (A13), cross-buying (A22) and regularity (quarters with an order).
* :func:`repeat_purchase_rate` — the share of a base period's buyers who buy again in a
  following period.
* :func:`customer_filter` and :func:`loyalty_ladder` — the customer filter (客户过滤分类) and
  the loyalty ladder (客户忠诚度阶梯) of the deck 第二章“为企业创造价值”, assigned from order
  history plus survey attitudes with the course's documented rules (the deck gives the stages,
  not rules).
* :func:`relative_attitude` and :func:`loyalty_type` — Dick & Basu's (1994) four loyalty types
  from repeat patronage × relative attitude: true, latent, spurious and no loyalty (the deck
  第二章“为企业创造价值” draws the matrix 重复购买 × 相对偏好; its cell names are lost, the
  names are Dick & Basu's).
* :func:`loyalty_factors` and :class:`LoyaltyIndex` — the three subsystems and nine factors of
  第二章“为企业创造价值” (忠诚度的衡量指标) combined into an index; the normalisation
  (min–max or z) and the validated weights are the course's (the deck gives neither). They
  live in :mod:`helpers.loyalty_index` and are re-exported here (``loyalty.LoyaltyIndex``).
* :func:`satisfaction_loyalty_curve` and :func:`satisfaction_loyalty_quadrant` — the
  satisfaction–loyalty relationship (its figure in 第二章“为企业创造价值” is lost) and the
  deck's four types, after Jones & Sasser (1995), "Why satisfied customers defect", *Harvard
  Business Review* 73(6): loyalist/apostle, hostage, mercenary, defector.

Every cut-off is a course convention written next to its constant, and every function takes
other values. Survey scales follow the case company: satisfaction 1–10, recommendation 0–10,
the loyalty items 1–7 and share of wallet 0–1 (see :data:`SCALES`). Bad input raises a
``ValueError`` or ``TypeError`` that names the argument or column, the rule and the rows at fault.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import language
from .loyalty_index import (
    DEFAULT_FACTOR_WEIGHTS,
    DEFAULT_SUBSYSTEM_WEIGHTS,
    FACTOR_NAMES,
    REVERSED,
    SUBSYSTEMS,
    LoyaltyIndex,
    loyalty_factors,
    validate_weights,
)
from .validation import (
    MAX_PERIODS,
    as_dates,
    as_numeric_series,
    as_timestamp,
    check_dates,
    check_flags,
    check_int,
    check_names,
    check_number,
    check_pair,
    check_text,
    column_option,
    date_column,
    numeric_column,
    numeric_columns,
    offenders,
    require_finite_result,
    require_frame,
    require_no_nan,
    require_unique,
    require_unique_index,
)

__all__ = [
    "SCALES", "MEASURES", "FILTER_STAGES", "FILTER_ZH", "LADDER", "LADDER_ZH", "LADDER_OF_FILTER",
    "LOYALTY_TYPES", "LOYALTY_TYPES_ZH", "QUADRANTS", "QUADRANTS_ZH", "SUBSYSTEMS", "FACTOR_NAMES",
    "REVERSED", "DEFAULT_SUBSYSTEM_WEIGHTS", "DEFAULT_FACTOR_WEIGHTS", "LAPSE_DAYS",
    "LOYAL_QUARTERS", "ADVOCATE_MENTION", "ADVOCATE_RECOMMEND", "SATISFACTION_CUT", "LOYALTY_CUT",
    "INCIDENT_TYPES", "INCIDENT_WINDOW_DAYS", "validate_weights", "measures_table",
    "attitude_to_competitor", "incident_tolerance", "purchase_history", "repeat_purchase_rate",
    "customer_filter", "loyalty_ladder", "relative_attitude", "loyalty_type", "loyalty_factors",
    "LoyaltyIndex", "SATISFACTION_LOYALTY_COLUMNS", "satisfaction_loyalty_curve",
    "satisfaction_loyalty_quadrant",
]

# --- scales, measures and names ----------------------------------------------------------------

#: Answer scale (lowest, highest) of each survey item the chapter uses.
SCALES: dict[str, tuple[float, float]] = {
    "overall_satisfaction": (1, 10), "recommend": (0, 10), "repurchase_intention": (1, 7),
    "mention": (1, 7), "price_sensitivity": (1, 7), "voluntariness": (1, 7),
    "share_of_wallet": (0, 1),
}

#: The eight measures of loyalty of 《客户管理》第三章 (顾客忠诚度的衡量标准), their Chinese names
#: as the deck writes them and where the case company's data hold them (None: the data cannot
#: give the measure).
MEASURES: tuple[tuple[str, str, str | None], ...] = (
    ("repeat purchase rate", "客户重复购买率", "orders: repeat_purchase_rate, purchase_history"),
    ("attention to the brand", "客户对本企业产品品牌的关心程度", None),
    ("rate of needs met", "客户需求满足率", "survey: share_of_wallet"),
    ("price sensitivity", "客户对产品价格的敏感程度", "survey: price_sensitivity"),
    ("attitude to competing products", "客户对竞争产品的态度",
     "servqual, attribute_ratings: attitude_to_competitor"),
    ("identification with the product", "客户对商品的认同度", None),
    ("time spent choosing", "客户购买时的挑选时间", None),
    ("tolerance of quality incidents", "客户对产品质量事故的承受力",
     "service, orders: incident_tolerance"),
)

FILTER_STAGES: tuple[str, ...] = (
    "non-customer", "qualified prospect", "possible buyer", "first-time buyer", "repeat buyer",
    "loyal buyer", "brand advocate", "lapsed customer")
#: The deck's names of the filter stages (第二章“为企业创造价值”), as it writes them.
FILTER_ZH: dict[str, str] = {
    "non-customer": "非客户", "qualified prospect": "有效潜在客户", "possible buyer": "可能买主",
    "first-time buyer": "初次购买者", "repeat buyer": "重复购买者", "loyal buyer": "忠实买主",
    "brand advocate": "品牌鼓吹者", "lapsed customer": "沉寂客户（即背弃者）"}

LADDER: tuple[str, ...] = ("prospect", "customer", "client", "supporter", "advocate", "partner")
LADDER_ZH: dict[str, str] = {"prospect": "潜在顾客", "customer": "顾客", "client": "客户",
                             "supporter": "支持者", "advocate": "拥护者", "partner": "伙伴"}
#: Rung of the loyalty ladder for each stage of the customer filter (a course convention:
#: the filter's buyer stages climb the ladder one rung each; a lapsed customer is off it).
LADDER_OF_FILTER: dict[str, str] = {
    "non-customer": "prospect", "qualified prospect": "prospect", "possible buyer": "prospect",
    "first-time buyer": "customer", "repeat buyer": "client", "loyal buyer": "supporter",
    "brand advocate": "advocate", "lapsed customer": "off the ladder"}

LOYALTY_TYPES: tuple[str, ...] = ("true loyalty", "latent loyalty", "spurious loyalty",
                                  "no loyalty")
#: The deck's names of the four loyalty types are lost: the standard textbook terms.
LOYALTY_TYPES_ZH: dict[str, str] = {"true loyalty": "真正忠诚", "latent loyalty": "潜在忠诚",
                                    "spurious loyalty": "虚假忠诚", "no loyalty": "不忠诚"}

QUADRANTS: tuple[str, ...] = ("loyalist/apostle", "hostage", "mercenary", "defector")
QUADRANTS_ZH: dict[str, str] = {"loyalist/apostle": "忠诚者/热心的倡导者", "hostage": "人质型",
                                "mercenary": "惟利是图者", "defector": "背叛者/反对者"}

# --- default cut-offs (course conventions) -----------------------------------------------------

#: A customer whose last order is more than this many days before the observation date has
#: lapsed (about two median purchase cycles of the case company's smaller customers).
LAPSE_DAYS = 180
#: A repeat buyer who ordered in at least this many of the last four quarters (91-day windows
#: before the observation date) buys regularly: a loyal buyer.
LOYAL_QUARTERS = 3
#: A loyal buyer becomes a brand advocate when the survey says they mention us often
#: (mention ≥ 6 on 1–7) or would recommend us (recommend ≥ 9 on 0–10, an NPS promoter).
ADVOCATE_MENTION = 6
ADVOCATE_RECOMMEND = 9
#: Satisfaction counts as high from 7 on the 1–10 scale (the upper four answers).
SATISFACTION_CUT = 7
#: Loyalty (repurchase intention) counts as high from 5 on the 1–7 scale (the agree side).
LOYALTY_CUT = 5


# --- input checks ------------------------------------------------------------------------------

def _orders(orders: object, name: str = "orders") -> pd.DataFrame:
    """An order log checked: a DataFrame with ``customer_id`` (no missing id) and
    ``order_date`` (dates without a zone, none missing)."""
    require_frame(orders, name, ["customer_id", "order_date"])
    require_no_nan(orders[["customer_id"]], f"{name}['customer_id']")
    date_column(orders, "order_date", name)
    return orders


def _period(period: object, name: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """A (start, end) pair of dates, start not after end."""
    if not isinstance(period, (tuple, list)) or len(period) != 2:
        raise TypeError(f"{name} must be a (start, end) pair of dates such as "
                        f"('2023-01-01', '2023-12-31'), got {period!r}")
    start, end = as_dates(period, name, single=False)
    if start > end:
        raise ValueError(f"{name} must run from start to end, got start {start.date()} "
                         f"after end {end.date()} (reversed?)")
    return start, end


def _survey_frame(survey: object, items: list[str]) -> pd.DataFrame:
    """The survey ``items`` indexed by ``customer_id``, each numeric, finite and on its
    :data:`SCALES` range, one row per customer."""
    require_frame(survey, "survey", ["customer_id", *items])
    require_no_nan(survey[["customer_id"]], "survey['customer_id']")
    answers = pd.DataFrame({item: numeric_column(survey, item, "survey", low=SCALES[item][0],
                                                 high=SCALES[item][1]) for item in items})
    require_unique(survey, ["customer_id"], "survey")
    return answers.set_index(pd.Index(survey["customer_id"], name="customer_id"))


# --- measures ----------------------------------------------------------------------------------

def measures_table() -> pd.DataFrame:
    """The eight measures of loyalty of 《客户管理》第三章 and the data that give each (or not:
    "not in the data", in the course's language).

    >>> table = measures_table()
    >>> table.loc[0, ["measure", "chinese"]].tolist()
    ['repeat purchase rate', '客户重复购买率']
    >>> int(table["available"].sum())
    5
    """
    return pd.DataFrame(MEASURES, columns=["measure", "chinese", "in_the_data"]).assign(
        available=lambda t: t["in_the_data"].notna()).fillna(
        {"in_the_data": language.text("not in the data")})


def attitude_to_competitor(ratings: pd.DataFrame, *, firm: str = "perception",
                           competitor: str = "competitor", item: str = "item",
                           scale: tuple[float, float] = (1, 7)) -> pd.Series:
    """Attitude to competing products (客户对竞争产品的态度): how much better a respondent rates the
    firm than its main competitor, mean over the items of ``firm − competitor``.

    ``ratings`` is long, one row per respondent (``customer_id``) and ``item``, with the
    respondent's rating of the firm (column ``firm``) and of the main competitor
    (``competitor``) on the same ``scale``; every respondent rates every item (checked by
    :func:`helpers.quality.require_ratings`). The case company has two such tables: the
    SERVQUAL statements (``servqual``: ``perception`` vs ``competitor``) and the service
    indicators (``attribute_ratings``: ``firm`` vs ``competitor``, ``item="attribute"``).
    Positive = prefers us, 0 = no difference, negative = rates the competitor better; the range
    is ±(highest − lowest) scale points. Source: the measure of loyalty 客户对竞争产品的态度
    of 《客户管理》第三章 (the deck names it, the rating difference is the course's); a
    relative attitude in the sense of Dick & Basu (1994).

    >>> ratings = pd.DataFrame({"customer_id": [1, 1, 2, 2], "item": ["q1", "q2"] * 2,
    ...                         "perception": [6, 5, 2, 3], "competitor": [4, 5, 5, 5]})
    >>> attitude_to_competitor(ratings).to_dict()
    {1: 1.0, 2: -2.5}
    """
    from .quality import require_ratings

    require_frame(ratings, "ratings")
    firm = column_option(ratings, firm, "firm", "ratings")
    competitor = column_option(ratings, competitor, "competitor", "ratings")
    item = column_option(ratings, item, "item", "ratings")
    low, high = check_pair(scale, "scale")
    require_frame(ratings, "ratings", ["customer_id"])
    require_no_nan(ratings[["customer_id", item]], "ratings")
    numeric_columns(ratings, [firm, competitor], "ratings", low=low, high=high)
    require_ratings(ratings, [firm, competitor], item=item, scale=(low, high))
    diff = ratings[firm].astype(float) - ratings[competitor].astype(float)
    return diff.groupby(ratings["customer_id"]).mean().rename("attitude_to_competitor")


#: Service interaction types that count as quality incidents for :func:`incident_tolerance`.
INCIDENT_TYPES: tuple[str, ...] = ("complaint", "return")
#: Days after an incident in which an order counts as "ordered again" (as :data:`LAPSE_DAYS`).
INCIDENT_WINDOW_DAYS = 180


def incident_tolerance(service: pd.DataFrame, orders: pd.DataFrame, at: object, *,
                       kinds: tuple[str, ...] = INCIDENT_TYPES,
                       window_days: int = INCIDENT_WINDOW_DAYS) -> pd.DataFrame:
    """Tolerance of quality incidents (客户对产品质量事故的承受力): the share of a customer's
    incidents (complaints, returns) after which it ordered again within ``window_days``.

    tolerance = (incidents followed by an order within ``window_days``) / incidents.
    An incident is a ``service`` row of a type in ``kinds``; it is *followed* when the same
    customer places an order strictly after the incident's date and at most ``window_days``
    later (a whole number from 1 to :data:`~helpers.validation.MAX_PERIODS`). Only incidents
    on or before ``at − window_days`` count (their whole window is observed; later ones are
    censored), and orders after ``at`` are ignored. Returns ``incidents, followed, tolerance``
    (index ``customer_id``) for the customers with at least one such incident — the others
    have no incident to judge them by and are not listed.
    Source: the measure of loyalty 客户对产品质量事故的承受力 of 《客户管理》第三章 (the deck
    names it; measuring it from behaviour is the course's): a loyal customer forgives an
    incident and keeps ordering.

    >>> service = pd.DataFrame({"customer_id": [1, 2], "type": ["complaint", "return"],
    ...                         "date": pd.to_datetime(["2024-01-10", "2024-02-01"])})
    >>> orders = pd.DataFrame({"customer_id": [1, 2], "order_date": pd.to_datetime(
    ...     ["2024-03-01", "2024-12-01"])})
    >>> incident_tolerance(service, orders, "2024-12-31")["tolerance"].to_dict()
    {1: 1.0, 2: 0.0}
    """
    require_frame(service, "service", ["customer_id", "date", "type"])
    require_no_nan(service[["customer_id", "type"]], "service")
    date_column(service, "date", "service")
    _orders(orders, "orders")
    at = as_timestamp(at, "at")
    kinds = [check_text(k, "kinds") for k in check_names(kinds, "kinds")]
    types = service["type"].unique()
    unknown = sorted(set(kinds) - set(types))
    if unknown:
        raise ValueError(f"kinds {unknown} do not occur in service['type']; its types are "
                         f"{sorted(map(str, types))}")
    window_days = check_int(window_days, "window_days", 1, MAX_PERIODS)
    cutoff = at - pd.Timedelta(days=window_days)
    incidents = service.loc[service["type"].isin(kinds) & (service["date"] <= cutoff),
                            ["customer_id", "date"]]
    if incidents.empty:
        raise ValueError(f"service has no incident of type {list(kinds)} on or before "
                         f"{cutoff.date()} (at − window_days): nothing to measure")
    later = orders.loc[orders["order_date"] <= at, ["customer_id", "order_date"]]
    nxt = pd.merge_asof(incidents.sort_values("date"), later.sort_values("order_date"),
                        left_on="date", right_on="order_date", by="customer_id",
                        direction="forward", allow_exact_matches=False)
    followed = (nxt["order_date"] - nxt["date"]).dt.days <= window_days  # NaT → False
    g = followed.groupby(nxt["customer_id"])
    table = pd.DataFrame({"incidents": g.size(), "followed": g.sum().astype(int)})
    table["tolerance"] = table["followed"] / table["incidents"]
    table.index.name = "customer_id"
    return table


def purchase_history(orders: pd.DataFrame, at: object, *,
                     first_purchase: pd.Series | None = None, window_start: object = None,
                     period_days: int = 365, min_exposure_days: int = 90) -> pd.DataFrame:
    """Per-customer purchase behaviour at the observation date ``at`` (orders after it ignored).

    Columns (index ``customer_id``):

    * ``n_orders``, ``first_order``, ``last_order``, ``recency_days`` (``at`` − last order);
    * ``purchase_duration_years`` (A11) = (``at`` − first purchase) / 365.25, where the first
      purchase is ``first_purchase`` (e.g. the acquisition date) if given, else the first order;
    * ``purchase_frequency`` (A12) = orders per year of exposure in the log: orders /
      ((``at`` − max(first purchase, window start)) / 365.25), window start = ``window_start`` or
      the earliest order in the log;
    * ``frequency_trend`` (A13) = (r₁ − r₀) / (r₁ + r₀), the symmetric change between the order
      rate r₁ in the last ``period_days`` before ``at`` and r₀ in the ``period_days`` before
      that, each rate = orders / days of exposure in its period; −1 = stopped, 0 = steady,
      +1 = only recent orders. A customer with fewer than ``min_exposure_days`` of exposure in
      either period, or no order in both, gets 0 (no evidence of a change);
    * ``cross_buying`` (A22) = mean ``product_lines`` per order (if the column is there);
    * ``quarters_active`` = how many of the four 91-day windows before ``at`` hold an order,
      and ``regularity`` = ``quarters_active`` / 4, the share of the last four quarters with an
      order (0–1): repeat patronage from behaviour, e.g. the repeat axis of :func:`loyalty_type`.

    Exposure never starts before the log does: both A12 and A13 count days from
    max(first purchase, window start), so a customer acquired before the log opened is not
    credited with periods the log cannot see. ``window_start`` must lie on or before the
    earliest order and before ``at``. ``period_days`` is a whole number of days from 1 to
    :data:`~helpers.validation.MAX_PERIODS`, ``min_exposure_days`` one from 1 to
    ``period_days``; ``first_purchase`` is a Series of dates, one per customer.

    Source: the factors A11–A13 and A22 of 第二章“为企业创造价值” (the deck names them, the
    measurements are the course's); the symmetric rate change is the course's way to put a
    trend on a bounded scale.

    >>> orders = pd.DataFrame({"customer_id": [1, 1, 2], "product_lines": [1, 3, 2],
    ...     "order_date": pd.to_datetime(["2024-01-01", "2024-12-01", "2024-06-01"])})
    >>> purchase_history(orders, "2024-12-31")[["n_orders", "recency_days", "cross_buying"]]
                 n_orders  recency_days  cross_buying
    customer_id
    1                   2            30           2.0
    2                   1           213           2.0
    """
    _orders(orders, "orders")
    at = as_timestamp(at, "at")
    period_days = check_int(period_days, "period_days", 1, MAX_PERIODS)
    min_exposure_days = check_int(min_exposure_days, "min_exposure_days", 1, period_days)
    lines = (numeric_column(orders, "product_lines", "orders", low=0)
             if "product_lines" in orders.columns else None)
    if first_purchase is not None:
        if not isinstance(first_purchase, pd.Series):
            raise TypeError(f"first_purchase must be a Series of dates indexed by customer_id, "
                            f"got {type(first_purchase).__name__}")
        check_dates(first_purchase, "first_purchase", allow_nat=True)
        require_unique_index(first_purchase, "first_purchase")
    start = None if window_start is None else as_timestamp(window_start, "window_start")
    seen = (orders["order_date"] <= at).to_numpy()
    past = orders.loc[seen, ["customer_id", "order_date"]].reset_index(drop=True)
    if past.empty:
        raise ValueError(f"orders has no order on or before at={at.date()}: no history to "
                         f"measure")
    first_in_log = orders["order_date"].min()
    if start is None:
        start = first_in_log
    else:
        if start >= at:
            raise ValueError(f"window_start ({start.date()}) must be before the observation "
                             f"date at={at.date()}")
        if start > first_in_log:
            early = orders["order_date"] < start
            raise ValueError(f"window_start ({start.date()}) must not be after the earliest "
                             f"order: the log is observed from its start; "
                             f"{int(early.sum())} order(s) are earlier: "
                             f"{offenders(orders[['customer_id', 'order_date']], early)}")
    g = past.groupby("customer_id")
    out = pd.DataFrame({"n_orders": g.size(), "first_order": g["order_date"].min(),
                        "last_order": g["order_date"].max()})
    out["recency_days"] = (at - out["last_order"]).dt.days
    first = out["first_order"]
    if first_purchase is not None:
        first = first_purchase.reindex(out.index)
        require_no_nan(first, "first_purchase (for every customer with orders)")
        late = first > out["first_order"]
        if late.any():
            raise ValueError("first_purchase must not be after a customer's first order; "
                             f"{int(late.sum())} customer(s) are: {offenders(first, late)}")
    out["purchase_duration_years"] = (at - first).dt.days / 365.25
    observed = (at - np.maximum(first, start)).dt.days  # days the log can see the customer
    out["purchase_frequency"] = out["n_orders"] / (observed.clip(lower=1) / 365.25)
    # order rates in the recent and the previous period, per day of exposure in the log
    age = (at - past["order_date"]).dt.days
    recent = (age < period_days).groupby(past["customer_id"]).sum()
    previous = ((age >= period_days) & (age < 2 * period_days)).groupby(past["customer_id"]).sum()
    exp1 = observed.clip(upper=period_days, lower=0)
    exp0 = (observed - period_days).clip(upper=period_days, lower=0)
    r1 = recent / exp1.where(exp1 > 0, 1)
    r0 = previous / exp0.where(exp0 > 0, 1)
    enough = (exp0 >= min_exposure_days) & (exp1 >= min_exposure_days) & (r1 + r0 > 0)
    out["frequency_trend"] = ((r1 - r0) / (r1 + r0).where(enough, 1)).where(enough, 0.0)
    if lines is not None:
        out["cross_buying"] = lines[seen].reset_index(drop=True).groupby(
            past["customer_id"]).mean()
    quarter = age // 91
    out["quarters_active"] = quarter[quarter < 4].groupby(past["customer_id"]).nunique()
    out["quarters_active"] = out["quarters_active"].fillna(0).astype(int)
    out["regularity"] = out["quarters_active"] / 4
    return out


def repeat_purchase_rate(orders: pd.DataFrame, base: tuple[object, object],
                         follow: tuple[object, object], by: pd.Series | None = None
                         ) -> pd.Series | float:
    """Share of the customers who bought in the ``base`` period that buy again in ``follow``.

    repeat purchase rate = |buyers in base ∩ buyers in follow| / |buyers in base|.
    Both periods are inclusive (start, end) date pairs with start ≤ end, and ``follow`` starts
    after ``base`` ends. With ``by`` (a Series indexed by customer_id, one label per customer,
    e.g. size), one rate per group. Source: the repeat purchase rate (客户重复购买率), the first
    of the measures of loyalty of 《客户管理》第三章.

    Chapter 07's :func:`helpers.retention.repeat_rate_by_year` ``(orders)`` is the same rate
    for every pair of consecutive calendar years at once, as a table (retention measured as
    repeat buying): its row for year Y equals this function with base = year Y − 1 and
    follow = year Y. Use this one for any other pair of periods, or per group.

    >>> orders = pd.DataFrame({"customer_id": [1, 1, 2], "order_date": pd.to_datetime(
    ...     ["2023-03-01", "2024-02-01", "2023-05-01"])})
    >>> repeat_purchase_rate(orders, ("2023-01-01", "2023-12-31"), ("2024-01-01", "2024-12-31"))
    0.5
    """
    _orders(orders, "orders")
    b0, b1 = _period(base, "base")
    f0, f1 = _period(follow, "follow")
    if f0 <= b1:
        raise ValueError(f"follow must start after base ends: base ends {b1.date()}, follow "
                         f"starts {f0.date()}")
    if by is not None:
        if not isinstance(by, pd.Series):
            raise TypeError(f"by must be a Series indexed by customer_id, got "
                            f"{type(by).__name__}")
        require_unique_index(by, "by")
    d = orders["order_date"]
    buyers = pd.Index(orders.loc[(d >= b0) & (d <= b1), "customer_id"].unique())
    if buyers.empty:
        raise ValueError(f"no customer bought in the base period {b0.date()}..{b1.date()}: "
                         f"the repeat purchase rate is undefined")
    again = buyers.isin(orders.loc[(d >= f0) & (d <= f1), "customer_id"].unique())
    flags = pd.Series(again.astype(float), index=buyers)
    if by is None:
        return float(flags.mean())
    groups = by.reindex(buyers)
    require_no_nan(groups, "by (for every base-period buyer)")
    return flags.groupby(groups).mean().rename("repeat_purchase_rate")


# --- customer filter and loyalty ladder -------------------------------------------------------

def customer_filter(history: pd.DataFrame, survey: pd.DataFrame | None = None, *,
                    lapse_days: int = LAPSE_DAYS, loyal_quarters: int = LOYAL_QUARTERS,
                    advocate_mention: float = ADVOCATE_MENTION,
                    advocate_recommend: float = ADVOCATE_RECOMMEND) -> pd.Series:
    """Stage of the customer filter (客户过滤分类, 第二章“为企业创造价值”) from behaviour and
    attitudes.

    Rules, applied in this order to the output of :func:`purchase_history` (one row per
    customer: ``n_orders`` ≥ 1, ``recency_days`` ≥ 0, ``quarters_active`` 0–4):

    1. ``lapsed customer`` — the last order is more than ``lapse_days`` before the observation
       date (a defector);
    2. ``first-time buyer`` — exactly one order;
    3. ``brand advocate`` — a loyal buyer (rule 4) whose survey answers say they mention us
       often (``mention`` ≥ ``advocate_mention``) or would recommend us (``recommend`` ≥
       ``advocate_recommend``); only for customers in ``survey``;
    4. ``loyal buyer`` — a repeat buyer with an order in at least ``loyal_quarters`` (1–4) of
       the last four quarters (buys regularly);
    5. ``repeat buyer`` — everyone else (two or more orders, still active).

    ``lapse_days`` lies from 0 to :data:`~helpers.validation.MAX_PERIODS`; the advocate cuts
    on the answer scales of ``mention`` (1–7) and ``recommend`` (0–10).
    The first three stages of the filter (non-customer, qualified prospect, possible buyer)
    need prospect records, which an order log does not hold. The deck lists the stages only;
    the rules and their cut-offs are the course's.

    >>> history = pd.DataFrame({"n_orders": [1, 5, 8], "recency_days": [10, 400, 5],
    ...                         "quarters_active": [1, 0, 4]}, index=[11, 12, 13])
    >>> customer_filter(history).astype(str).tolist()
    ['first-time buyer', 'lapsed customer', 'loyal buyer']
    """
    require_frame(history, "history", ["n_orders", "recency_days", "quarters_active"])
    n_orders = numeric_column(history, "n_orders", "history", low=1, integer=True)
    recency = numeric_column(history, "recency_days", "history", low=0)
    quarters = numeric_column(history, "quarters_active", "history", low=0, high=4,
                              integer=True)
    require_unique_index(history, "history")
    lapse_days = check_number(lapse_days, "lapse_days", low=0, high=MAX_PERIODS)
    loyal_quarters = check_int(loyal_quarters, "loyal_quarters", 1, 4)
    advocate_mention = check_number(advocate_mention, "advocate_mention",
                                    low=SCALES["mention"][0], high=SCALES["mention"][1])
    advocate_recommend = check_number(advocate_recommend, "advocate_recommend",
                                      low=SCALES["recommend"][0], high=SCALES["recommend"][1])
    loyal = (n_orders >= 2) & (quarters >= loyal_quarters)
    advocate = pd.Series(False, index=history.index)
    if survey is not None:
        s = _survey_frame(survey, ["mention", "recommend"])
        unknown = s.index.difference(history.index)
        if len(unknown):
            raise ValueError(f"{len(unknown)} surveyed customer(s) are not in history (no "
                             f"order on or before the observation date): {list(unknown[:5])}")
        s = s.reindex(history.index)
        talks = (s["mention"] >= advocate_mention) | (s["recommend"] >= advocate_recommend)
        advocate = talks.fillna(False).astype(bool)
    stage = np.select(
        [recency > lapse_days, n_orders == 1, loyal & advocate, loyal],
        ["lapsed customer", "first-time buyer", "brand advocate", "loyal buyer"],
        "repeat buyer")
    return pd.Series(pd.Categorical(stage, categories=FILTER_STAGES), index=history.index,
                     name="filter_stage")


def loyalty_ladder(stage: pd.Series, partner: pd.Series | None = None) -> pd.Series:
    """Rung of the loyalty ladder (客户忠诚度阶梯, 第二章“为企业创造价值”) for each
    customer-filter stage.

    Uses :data:`LADDER_OF_FILTER` (the course's mapping; the deck gives the rungs only); an
    advocate flagged in the boolean ``partner`` Series (e.g.
    one that plans with us through a dedicated account manager) is a ``partner``. Lapsed
    customers are ``off the ladder``. Both Series are indexed by customer, one row each.

    >>> stage = pd.Series(["first-time buyer", "brand advocate", "brand advocate"])
    >>> loyalty_ladder(stage, partner=pd.Series([False, True, False])).astype(str).tolist()
    ['customer', 'partner', 'advocate']
    """
    if not isinstance(stage, pd.Series):
        raise TypeError(f"stage must be a Series, got {type(stage).__name__}")
    if stage.empty:
        raise ValueError("stage is empty: it needs at least one customer")
    require_no_nan(stage, "stage")
    unknown = ~stage.isin(list(LADDER_OF_FILTER))
    if unknown.any():
        raise ValueError(f"stage must be one of {list(LADDER_OF_FILTER)}; "
                         f"{offenders(stage, unknown)}")
    require_unique_index(stage, "stage")
    rung = stage.astype(str).map(LADDER_OF_FILTER)
    if partner is not None:
        check_flags(partner, "partner")
        require_unique_index(partner, "partner")
        flag = partner.reindex(stage.index)
        require_no_nan(flag, "partner (for every customer in stage)")
        rung = rung.where(~((rung == "advocate") & flag.astype(bool)), "partner")
    return pd.Series(pd.Categorical(rung, categories=[*LADDER, "off the ladder"]),
                     index=stage.index, name="ladder_rung")


# --- Dick & Basu loyalty types -------------------------------------------------------------------

def relative_attitude(survey: pd.DataFrame) -> pd.Series:
    """Relative attitude on 0–1: the mean of voluntariness, reversed price sensitivity and
    recommendation, each rescaled to 0–1 on its answer scale.

    Dick & Basu (1994) define relative attitude as a favourable attitude *compared with the
    alternatives*: buying by choice (voluntariness), not switching for a small price cut
    (reversed price sensitivity) and willingness to recommend are the survey's items that
    compare us with other suppliers. Source: Dick, A. S. & Basu, K. (1994), "Customer loyalty:
    toward an integrated conceptual framework", *J. Academy of Marketing Science* 22(2).

    >>> survey = pd.DataFrame({"customer_id": [1, 2], "voluntariness": [7, 4],
    ...                        "price_sensitivity": [1, 4], "recommend": [10, 5]})
    >>> relative_attitude(survey).to_dict()
    {1: 1.0, 2: 0.5}
    """
    items = ["voluntariness", "price_sensitivity", "recommend"]
    s = _survey_frame(survey, items)
    unit = {k: (s[k] - SCALES[k][0]) / (SCALES[k][1] - SCALES[k][0]) for k in items}
    return ((unit["voluntariness"] + (1 - unit["price_sensitivity"]) + unit["recommend"]) / 3
            ).rename("relative_attitude")


def _two_by_two(x: object, x_name: str, x_cut: object, y: object, y_name: str, y_cut: object,
                labels: tuple[str, ...], name: str, *, low: float | None = None,
                high: float | None = None) -> pd.Series:
    """A 2 x 2 classification: ``labels`` are (high x & high y, low x & high y, high x & low y,
    both low), in that order; "high" means at or above the cut (``{x_name}_cut``). With
    ``low``/``high`` both series and both cuts must lie in that range."""
    x_cut = check_number(x_cut, f"{x_name}_cut", low=low, high=high)
    y_cut = check_number(y_cut, f"{y_name}_cut", low=low, high=high)
    xs = as_numeric_series(x, x_name, low=low, high=high)
    ys = as_numeric_series(y, y_name, low=low, high=high)
    require_unique_index(xs, x_name)
    require_unique_index(ys, y_name)
    if not xs.index.equals(ys.index):
        raise ValueError(f"{x_name} and {y_name} must have the same index (one row per customer)")
    hx, hy = xs >= x_cut, ys >= y_cut
    kind = np.select([hx & hy, ~hx & hy, hx & ~hy], list(labels[:3]), labels[3])
    return pd.Series(pd.Categorical(kind, categories=labels), index=xs.index, name=name)


def loyalty_type(repeat: pd.Series, attitude: pd.Series, *, repeat_cut: float = 0.5,
                 attitude_cut: float = 0.5) -> pd.Series:
    """Dick & Basu (1994) loyalty type from repeat patronage × relative attitude.

    High means ≥ the cut. true loyalty = high repeat and high attitude; latent = low repeat,
    high attitude; spurious = high repeat, low attitude (inertia, lock-in); no loyalty = both
    low. ``repeat`` is repeat patronage on 0–1: from behaviour, e.g. the ``regularity`` of
    :func:`purchase_history` (the share of the last four quarters with an order; pass
    ``repeat_cut=LOYAL_QUARTERS / 4`` for the loyal-buyer rule), or as stated in a survey, e.g.
    share of wallet (the default cut 0.5: the majority of the category's purchases). The
    default ``attitude_cut`` suits :func:`relative_attitude` (the middle of its 0–1 range).
    Both series and both cuts lie on 0–1; the series share one index, one row per customer.

    >>> loyalty_type(pd.Series([0.8, 0.2, 0.8, 0.2]), pd.Series([0.9, 0.9, 0.1, 0.1])
    ...              ).astype(str).tolist()
    ['true loyalty', 'latent loyalty', 'spurious loyalty', 'no loyalty']
    """
    return _two_by_two(repeat, "repeat", repeat_cut, attitude, "attitude", attitude_cut,
                       LOYALTY_TYPES, "loyalty_type", low=0.0, high=1.0)


# --- satisfaction and loyalty --------------------------------------------------------------------

SATISFACTION_LOYALTY_COLUMNS: tuple[str, ...] = ("n", "mean_loyalty", "sem")
"""The columns of :func:`satisfaction_loyalty_curve`: respondents, mean loyalty and its
standard error at each satisfaction level."""


def satisfaction_loyalty_curve(satisfaction: pd.Series, loyalty: pd.Series) -> pd.DataFrame:
    """Mean loyalty (with count and standard error) at each satisfaction level.

    The deck 第二章“为企业创造价值” has a slide on the relationship (客户满意与客户忠诚之间的关系),
    but its figure is lost; the course reads it after the standard literature (Jones & Sasser
    1995): flat over the lower and middle satisfaction levels and steep near the top. This
    function only reports the means the data give, whatever their shape. Both series share one
    index, one row per respondent.

    >>> satisfaction_loyalty_curve(pd.Series([1, 1, 2]), pd.Series([2.0, 4.0, 5.0]))
                  n  mean_loyalty  sem
    satisfaction
    1.0           2           3.0  1.0
    2.0           1           5.0  0.0
    """
    s = as_numeric_series(satisfaction, "satisfaction")
    y = as_numeric_series(loyalty, "loyalty")
    require_unique_index(s, "satisfaction")
    require_unique_index(y, "loyalty")
    if not s.index.equals(y.index):
        raise ValueError("satisfaction and loyalty must have the same index (one row per "
                         "respondent)")
    g = y.groupby(s)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is refused just below
        out = pd.DataFrame({"n": g.size(), "mean_loyalty": g.mean(), "sem": g.sem(ddof=1)})
    out["sem"] = out["sem"].fillna(0.0).where(out["n"] > 1, 0.0)
    require_finite_result(out[["mean_loyalty", "sem"]], "the mean loyalty and its standard error",
                          ["loyalty (use its answer scale or index)"])
    out.index.name = "satisfaction"
    return out


def satisfaction_loyalty_quadrant(satisfaction: pd.Series, loyalty: pd.Series, *,
                                  satisfaction_cut: float = SATISFACTION_CUT,
                                  loyalty_cut: float = LOYALTY_CUT) -> pd.Series:
    """The four satisfaction × loyalty types of 第二章“为企业创造价值” (after Jones & Sasser 1995).

    High means ≥ the cut. loyalist/apostle 忠诚者 = satisfied and loyal; hostage 人质型 = loyal
    but dissatisfied (locked in); mercenary 惟利是图者 = satisfied but not loyal; defector
    背叛者 = neither. Default cuts: satisfaction ≥ 7 on 1–10, loyalty (repurchase intention)
    ≥ 5 on 1–7 (course conventions: the deck's axes run from 完全不满意 to 完全满意 and low
    to high loyalty, without cut-offs); for a 0–1 loyalty index pass e.g. ``loyalty_cut=0.5``.

    >>> satisfaction_loyalty_quadrant(pd.Series([9, 4, 8, 2]), pd.Series([6, 7, 2, 1])
    ...                               ).astype(str).tolist()
    ['loyalist/apostle', 'hostage', 'mercenary', 'defector']
    """
    return _two_by_two(satisfaction, "satisfaction", satisfaction_cut, loyalty, "loyalty",
                       loyalty_cut, QUADRANTS, "quadrant")
