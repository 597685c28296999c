"""Customer loyalty (chapter 03): measures, the customer filter, loyalty types and the index.

* :data:`MEASURES` / :func:`measures_table` — the lecture's eight measures of loyalty (001) and
  which of them the case company's data can give; :func:`attitude_to_competitor` (rating of
  the firm minus the rating of its main competitor) and :func:`incident_tolerance` (the share
  of a customer's complaints and returns after which it ordered again) compute two of them.
* :func:`purchase_history` — per-customer behaviour at an observation date from an order log:
  number of orders, recency, purchase duration (A11), purchase frequency (A12), trend of the
  purchase frequency (A13), cross-buying (A22) and regularity (quarters with an order).
* :func:`repeat_purchase_rate` — the share of a base period's buyers who buy again in a
  following period.
* :func:`customer_filter` and :func:`loyalty_ladder` — the customer filter (客户过滤分类, 003)
  and the loyalty ladder (客户忠诚度阶梯, 003) assigned from order history plus survey
  attitudes, with documented rules.
* :func:`relative_attitude` and :func:`loyalty_type` — Dick & Basu's (1994) four loyalty types
  from repeat patronage × relative attitude: true, latent, spurious and no loyalty.
* :func:`loyalty_factors` and :class:`LoyaltyIndex` — the three-subsystem, nine-factor loyalty
  index of the lecture (003) with min–max or z normalisation and validated weights.
* :func:`satisfaction_loyalty_curve` and :func:`satisfaction_loyalty_quadrant` — the
  satisfaction–loyalty relationship and the four types of Jones & Sasser (1995), "Why satisfied
  customers defect", *Harvard Business Review* 73(6): loyalist/apostle, hostage, mercenary,
  defector.

Every cut-off is a course convention written next to its constant, and every function takes
other values. Survey scales follow the case company: satisfaction 1–10, recommendation 0–10,
the loyalty items 1–7 and share of wallet 0–1 (see :data:`SCALES`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .validation import (as_numeric_series, as_timestamp, _offenders, require_columns,
                         require_frame, require_no_nan)

# --- scales, measures and names ----------------------------------------------------------------

#: Answer scale (lowest, highest) of each survey item the chapter uses.
SCALES: dict[str, tuple[float, float]] = {
    "overall_satisfaction": (1, 10), "recommend": (0, 10), "repurchase_intention": (1, 7),
    "mention": (1, 7), "price_sensitivity": (1, 7), "voluntariness": (1, 7),
    "share_of_wallet": (0, 1),
}

#: The lecture's eight measures of loyalty (001), their Chinese names and where the case
#: company's data hold them (None: the data cannot give the measure).
MEASURES: tuple[tuple[str, str, str | None], ...] = (
    ("repeat purchase rate", "客户重复购买率", "orders: repeat_purchase_rate, purchase_history"),
    ("attention to the brand", "对品牌的关注程度", None),
    ("rate of needs met", "需求满足率", "survey: share_of_wallet"),
    ("price sensitivity", "价格敏感性", "survey: price_sensitivity"),
    ("attitude to competing products", "对竞争产品的态度",
     "servqual, attribute_ratings: attitude_to_competitor"),
    ("identification with the product", "对产品的认同度", None),
    ("time spent choosing", "购买时的挑选时间", None),
    ("tolerance of quality incidents", "对产品质量事故的承受能力",
     "service, orders: incident_tolerance"),
)

FILTER_STAGES: tuple[str, ...] = (
    "non-customer", "qualified prospect", "possible buyer", "first-time buyer", "repeat buyer",
    "loyal buyer", "brand advocate", "lapsed customer")
FILTER_ZH: dict[str, str] = {
    "non-customer": "非客户", "qualified prospect": "有效潜在客户", "possible buyer": "可能买主",
    "first-time buyer": "初次购买者", "repeat buyer": "重复购买者", "loyal buyer": "忠实买主",
    "brand advocate": "品牌鼓吹者", "lapsed customer": "沉寂客户（背叛者）"}

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
LOYALTY_TYPES_ZH: dict[str, str] = {"true loyalty": "真正忠诚", "latent loyalty": "潜在忠诚",
                                    "spurious loyalty": "虚假忠诚", "no loyalty": "无忠诚"}

QUADRANTS: tuple[str, ...] = ("loyalist/apostle", "hostage", "mercenary", "defector")
QUADRANTS_ZH: dict[str, str] = {"loyalist/apostle": "忠诚者/热心的倡导者", "hostage": "人质型",
                                "mercenary": "惟利是图者", "defector": "背叛者/反对者"}

# --- the nine-factor index ---------------------------------------------------------------------

#: The three subsystems and their factors (lecture 003), with Chinese names.
SUBSYSTEMS: dict[str, tuple[str, ...]] = {
    "A1": ("A11", "A12", "A13"), "A2": ("A21", "A22"), "A3": ("A31", "A32", "A33", "A34")}
FACTOR_NAMES: dict[str, tuple[str, str]] = {
    "A1": ("relationship duration", "关系的持久性"),
    "A11": ("purchase duration", "购买持续期"),
    "A12": ("purchase frequency", "购买频率"),
    "A13": ("trend of purchase frequency", "购买频率变化趋势"),
    "A2": ("spending", "消费金额"),
    "A21": ("share of wallet", "顾客份额"),
    "A22": ("cross-buying", "交叉购买"),
    "A3": ("emotional factors", "情感因素"),
    "A31": ("mention rate", "产品被提及率"),
    "A32": ("price sensitivity (reversed)", "价格敏感性（反向）"),
    "A33": ("voluntariness of purchase", "购买自愿程度"),
    "A34": ("satisfaction", "满意度"),
}
#: Factors where more means *less* loyal; the index reverses them after normalising.
REVERSED: tuple[str, ...] = ("A32",)

#: Default weights. Equal weights within each level: the lecture gives the structure but no
#: weights, and with no evidence that one factor matters more, equal weighting is the neutral
#: default recommended for composite indicators (OECD/JRC, *Handbook on Constructing Composite
#: Indicators*, 2008, ch. 6). Each subsystem gets a third, so behaviour (A1 + A2) weighs two
#: thirds and attitude (A3) one third; within a subsystem each factor gets an equal share.
#: Change them to reflect the firm's judgement (e.g. from an AHP exercise with managers).
DEFAULT_SUBSYSTEM_WEIGHTS: dict[str, float] = {"A1": 1 / 3, "A2": 1 / 3, "A3": 1 / 3}
DEFAULT_FACTOR_WEIGHTS: dict[str, float] = {
    "A11": 1 / 3, "A12": 1 / 3, "A13": 1 / 3, "A21": 0.5, "A22": 0.5,
    "A31": 0.25, "A32": 0.25, "A33": 0.25, "A34": 0.25}

_TOL = 1e-6  # tolerance on "weights sum to 1"

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

def _scale_check(frame: pd.DataFrame, columns: list[str], name: str) -> None:
    """Raise unless each column is numeric, NaN-free and inside its :data:`SCALES` range."""
    for column in columns:
        col = frame[column]
        label = f"{name}[{column!r}]"
        if not pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
            raise TypeError(f"{label} must be numeric, got dtype {col.dtype}")
        require_no_nan(col, label)
        low, high = SCALES[column]
        bad = (col < low) | (col > high)
        if bad.any():
            raise ValueError(f"{label} must lie on its {low}-{high} scale; {int(bad.sum())} "
                             f"value(s) do not: {_offenders(col, bad)}")


def _dates(orders: pd.DataFrame, name: str) -> pd.DataFrame:
    require_frame(orders, name)
    require_columns(orders, ["customer_id", "order_date"], name)
    if not pd.api.types.is_datetime64_any_dtype(orders["order_date"]):
        raise TypeError(f"{name}['order_date'] must hold dates (datetime64), got dtype "
                        f"{orders['order_date'].dtype}; convert with pd.to_datetime")
    require_no_nan(orders[["customer_id", "order_date"]], name)
    return orders




def _pair(period: object, name: str) -> tuple[object, object]:
    """A (start, end) pair; a clear error for anything else."""
    if isinstance(period, str) or not isinstance(period, (tuple, list)) or len(period) != 2:
        raise TypeError(f"{name} must be a (start, end) pair of dates such as "
                        f"('2023-01-01', '2023-12-31'), got {period!r}")
    return period[0], period[1]


def validate_weights(weights: Mapping[str, float], keys: tuple[str, ...], name: str
                     ) -> pd.Series:
    """Return ``weights`` as a float Series over ``keys``; raise unless they are numbers,
    non-negative, name exactly ``keys`` and sum to 1 (within 1e-6)."""
    if not isinstance(weights, Mapping):
        raise TypeError(f"{name} must be a mapping key -> weight, got {type(weights).__name__}")
    if set(weights) != set(keys):
        missing = [k for k in keys if k not in weights]
        extra = [k for k in weights if k not in keys]
        raise ValueError(f"{name} must give a weight for exactly {list(keys)}; missing "
                         f"{missing}, unknown {extra}")
    try:
        series = pd.Series({k: float(weights[k]) for k in keys})
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must hold numbers, got {dict(weights)}") from err
    require_no_nan(series, name)
    negative = series < 0
    if negative.any():
        raise ValueError(f"{name} must not be negative: {_offenders(series, negative)}")
    if abs(series.sum() - 1.0) > _TOL:
        raise ValueError(f"{name} must sum to 1, they sum to {series.sum():.6g}: "
                         f"{series.round(4).to_dict()}")
    return series


# --- measures ----------------------------------------------------------------------------------

def measures_table() -> pd.DataFrame:
    """The lecture's eight measures of loyalty (001) and the data that give each (or not)."""
    return pd.DataFrame(MEASURES, columns=["measure", "chinese", "in_the_data"]).assign(
        available=lambda t: t["in_the_data"].notna()).fillna({"in_the_data": "not in the data"})


def attitude_to_competitor(ratings: pd.DataFrame, *, firm: str = "perception",
                           competitor: str = "competitor", item: str = "item",
                           scale: tuple[float, float] = (1, 7)) -> pd.Series:
    """Attitude to competing products (对竞争产品的态度): how much better a respondent rates the
    firm than its main competitor, mean over the items of ``firm − competitor``.

    ``ratings`` is long, one row per respondent (``customer_id``) and ``item``, with the
    respondent's rating of the firm (column ``firm``) and of the main competitor
    (``competitor``) on the same ``scale``; every respondent rates every item (checked by
    :func:`helpers.quality.require_ratings`). The case company has two such tables: the
    SERVQUAL statements (``servqual``: ``perception`` vs ``competitor``) and the service
    indicators (``attribute_ratings``: ``firm`` vs ``competitor``, ``item="attribute"``).
    Positive = prefers us, 0 = no difference, negative = rates the competitor better; the range
    is ±(highest − lowest) scale points. Source: the lecture's measure of loyalty "attitude to
    competing products" (001); a relative attitude in the sense of Dick & Basu (1994).
    """
    from .quality import require_ratings

    require_ratings(ratings, [firm, competitor], item=item, scale=scale)
    diff = ratings[firm].astype(float) - ratings[competitor].astype(float)
    return diff.groupby(ratings["customer_id"]).mean().rename("attitude_to_competitor")


#: Service interaction types that count as quality incidents for :func:`incident_tolerance`.
INCIDENT_TYPES: tuple[str, ...] = ("complaint", "return")
#: Days after an incident in which an order counts as "ordered again" (as :data:`LAPSE_DAYS`).
INCIDENT_WINDOW_DAYS = 180


def incident_tolerance(service: pd.DataFrame, orders: pd.DataFrame, at: object, *,
                       kinds: tuple[str, ...] = INCIDENT_TYPES,
                       window_days: int = INCIDENT_WINDOW_DAYS) -> pd.DataFrame:
    """Tolerance of quality incidents (对产品质量事故的承受能力): the share of a customer's
    incidents (complaints, returns) after which it ordered again within ``window_days``.

    tolerance = (incidents followed by an order within ``window_days``) / incidents.
    An incident is a ``service`` row of a type in ``kinds``; it is *followed* when the same
    customer places an order strictly after the incident's date and at most ``window_days``
    later. Only incidents on or before ``at − window_days`` count (their whole window is
    observed; later ones are censored), and orders after ``at`` are ignored. Returns
    ``incidents, followed, tolerance`` (index ``customer_id``) for the customers with at least
    one such incident — the others have no incident to judge them by and are not listed.
    Source: the lecture's measure of loyalty "tolerance of quality incidents" (001), measured
    from behaviour: a loyal customer forgives an incident and keeps ordering.
    """
    require_frame(service, "service")
    require_columns(service, ["customer_id", "date", "type"], "service")
    require_no_nan(service[["customer_id", "date", "type"]], "service")
    if not pd.api.types.is_datetime64_any_dtype(service["date"]):
        raise TypeError(f"service['date'] must hold dates (datetime64), got dtype "
                        f"{service['date'].dtype}; convert with pd.to_datetime")
    _dates(orders, "orders")
    at = as_timestamp(at, "at")
    if isinstance(kinds, str) or not kinds:
        raise TypeError(f"kinds must be a non-empty tuple of service types such as "
                        f"('complaint', 'return'), got {kinds!r}")
    unknown = sorted(set(kinds) - set(service["type"].unique()))
    if unknown:
        raise ValueError(f"kinds {unknown} do not occur in service['type']; its types are "
                         f"{sorted(service['type'].unique())}")
    if isinstance(window_days, bool) or not isinstance(window_days, int) or window_days < 1:
        raise ValueError(f"window_days must be a positive whole number of days, got "
                         f"{window_days!r}")
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
    earliest order and before ``at``.

    Source: the lecture's factors A11–A13 and A22 (003); the symmetric rate change is the
    course's way to put a trend on a bounded scale.
    """
    _dates(orders, "orders")
    at = as_timestamp(at, "at")
    if isinstance(period_days, bool) or not isinstance(period_days, int) or period_days < 1:
        raise ValueError(f"period_days must be a positive integer, got {period_days!r}")
    if (isinstance(min_exposure_days, bool) or not isinstance(min_exposure_days, int)
            or not 1 <= min_exposure_days <= period_days):
        raise ValueError(f"min_exposure_days must be a whole number of days from 1 to "
                         f"period_days ({period_days}), got {min_exposure_days!r}")
    past = orders[orders["order_date"] <= at]
    if past.empty:
        raise ValueError(f"orders has no order on or before at={at.date()}: no history to "
                         f"measure")
    first_in_log = orders["order_date"].min()
    if window_start is None:
        start = first_in_log
    else:
        start = as_timestamp(window_start, "window_start")
        if start >= at:
            raise ValueError(f"window_start ({start.date()}) must be before the observation "
                             f"date at={at.date()}")
        if start > first_in_log:
            early = orders["order_date"] < start
            raise ValueError(f"window_start ({start.date()}) must not be after the earliest "
                             f"order: the log is observed from its start; "
                             f"{int(early.sum())} order(s) are earlier: "
                             f"{_offenders(orders[['customer_id', 'order_date']], early)}")
    g = past.groupby("customer_id")
    out = pd.DataFrame({"n_orders": g.size(), "first_order": g["order_date"].min(),
                        "last_order": g["order_date"].max()})
    out["recency_days"] = (at - out["last_order"]).dt.days
    first = out["first_order"]
    if first_purchase is not None:
        if not isinstance(first_purchase, pd.Series):
            raise TypeError("first_purchase must be a Series of dates indexed by customer_id")
        first = first_purchase.reindex(out.index)
        require_no_nan(first, "first_purchase (for every customer with orders)")
        late = first > out["first_order"]
        if late.any():
            raise ValueError("first_purchase must not be after a customer's first order; "
                             f"{int(late.sum())} customer(s) are: {_offenders(first, late)}")
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
    if "product_lines" in past.columns:
        lines = as_numeric_series(past["product_lines"], "orders['product_lines']")
        out["cross_buying"] = lines.groupby(past["customer_id"]).mean()
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
    after ``base`` ends. With ``by`` (a Series indexed by customer_id, e.g. size), one rate per
    group. Source: the repeat purchase rate (客户重复购买率), the first of the lecture's measures
    of loyalty (001).

    Chapter 07's :func:`helpers.retention.repeat_rate_by_year` ``(orders)`` is the same rate
    for every pair of consecutive calendar years at once, as a table (retention measured as
    repeat buying): its row for year Y equals this function with base = year Y − 1 and
    follow = year Y. Use this one for any other pair of periods, or per group.
    """
    _dates(orders, "orders")
    (b0, b1), (f0, f1) = [(as_timestamp(a, name), as_timestamp(b, name))
                          for (a, b), name in ((_pair(base, "base"), "base"),
                                               (_pair(follow, "follow"), "follow"))]
    for (start, end), name in (((b0, b1), "base"), ((f0, f1), "follow")):
        if start > end:
            raise ValueError(f"{name} must run from start to end, got start {start.date()} "
                             f"after end {end.date()} (reversed?)")
    if f0 <= b1:
        raise ValueError(f"follow must start after base ends: base ends {b1.date()}, follow "
                         f"starts {f0.date()}")
    if by is not None and not isinstance(by, pd.Series):
        raise TypeError(f"by must be a Series indexed by customer_id, got {type(by).__name__}")
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
    """Stage of the customer filter (客户过滤分类, lecture 003) from behaviour and attitudes.

    Rules, applied in this order to the output of :func:`purchase_history`:

    1. ``lapsed customer`` — the last order is more than ``lapse_days`` before the observation
       date (a defector);
    2. ``first-time buyer`` — exactly one order;
    3. ``brand advocate`` — a loyal buyer (rule 4) whose survey answers say they mention us
       often (``mention`` ≥ ``advocate_mention``) or would recommend us (``recommend`` ≥
       ``advocate_recommend``); only for customers in ``survey``;
    4. ``loyal buyer`` — a repeat buyer with an order in at least ``loyal_quarters`` of the last
       four quarters (buys regularly);
    5. ``repeat buyer`` — everyone else (two or more orders, still active).

    The first three stages of the filter (non-customer, qualified prospect, possible buyer)
    need prospect records, which an order log does not hold.
    """
    require_frame(history, "history")
    require_columns(history, ["n_orders", "recency_days", "quarters_active"], "history")
    require_no_nan(history[["n_orders", "recency_days", "quarters_active"]], "history")
    if not 1 <= loyal_quarters <= 4:
        raise ValueError(f"loyal_quarters must be 1..4, got {loyal_quarters!r}")
    if lapse_days < 0:
        raise ValueError(f"lapse_days must not be negative, got {lapse_days!r}")
    loyal = (history["n_orders"] >= 2) & (history["quarters_active"] >= loyal_quarters)
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
        [history["recency_days"] > lapse_days, history["n_orders"] == 1, loyal & advocate,
         loyal],
        ["lapsed customer", "first-time buyer", "brand advocate", "loyal buyer"],
        "repeat buyer")
    return pd.Series(pd.Categorical(stage, categories=FILTER_STAGES), index=history.index,
                     name="filter_stage")


def loyalty_ladder(stage: pd.Series, partner: pd.Series | None = None) -> pd.Series:
    """Rung of the loyalty ladder (客户忠诚度阶梯, lecture 003) for each customer-filter stage.

    Uses :data:`LADDER_OF_FILTER`; an advocate flagged in the boolean ``partner`` Series (e.g.
    one that plans with us through a dedicated account manager) is a ``partner``. Lapsed
    customers are ``off the ladder``.
    """
    if not isinstance(stage, pd.Series):
        raise TypeError(f"stage must be a Series, got {type(stage).__name__}")
    require_no_nan(stage, "stage")
    unknown = ~stage.isin(list(LADDER_OF_FILTER))
    if unknown.any():
        raise ValueError(f"stage must be one of {list(LADDER_OF_FILTER)}; "
                         f"{_offenders(stage, unknown)}")
    rung = stage.astype(str).map(LADDER_OF_FILTER)
    if partner is not None:
        if not isinstance(partner, pd.Series):
            raise TypeError(f"partner must be a boolean Series indexed like stage, got "
                            f"{type(partner).__name__}")
        flag = partner.reindex(stage.index)
        require_no_nan(flag, "partner (for every customer in stage)")
        if not pd.api.types.is_bool_dtype(flag):
            raise TypeError(f"partner must hold True/False (is the customer a partner?), got "
                            f"dtype {flag.dtype}: {_offenders(flag, flag.notna())}")
        rung = rung.where(~((rung == "advocate") & flag.astype(bool)), "partner")
    return pd.Series(pd.Categorical(rung, categories=[*LADDER, "off the ladder"]),
                     index=stage.index, name="ladder_rung")


# --- Dick & Basu loyalty types -------------------------------------------------------------------

def _survey_frame(survey: pd.DataFrame, items: list[str]) -> pd.DataFrame:
    require_frame(survey, "survey")
    require_columns(survey, ["customer_id", *items], "survey")
    _scale_check(survey, items, "survey")
    dup = survey["customer_id"].duplicated()
    if dup.any():
        raise ValueError(f"survey has {int(dup.sum())} duplicate customer_id(s): "
                         f"{_offenders(survey['customer_id'], dup)}")
    return survey.set_index("customer_id")[items]


def relative_attitude(survey: pd.DataFrame) -> pd.Series:
    """Relative attitude on 0–1: the mean of voluntariness, reversed price sensitivity and
    recommendation, each rescaled to 0–1 on its answer scale.

    Dick & Basu (1994) define relative attitude as a favourable attitude *compared with the
    alternatives*: buying by choice (voluntariness), not switching for a small price cut
    (reversed price sensitivity) and willingness to recommend are the survey's items that
    compare us with other suppliers. Source: Dick, A. S. & Basu, K. (1994), "Customer loyalty:
    toward an integrated conceptual framework", *J. Academy of Marketing Science* 22(2).
    """
    items = ["voluntariness", "price_sensitivity", "recommend"]
    s = _survey_frame(survey, items)
    unit = {k: (s[k] - SCALES[k][0]) / (SCALES[k][1] - SCALES[k][0]) for k in items}
    return ((unit["voluntariness"] + (1 - unit["price_sensitivity"]) + unit["recommend"]) / 3
            ).rename("relative_attitude")


def _two_by_two(x: object, x_name: str, x_cut: float, y: object, y_name: str, y_cut: float,
                labels: tuple[str, ...], name: str) -> pd.Series:
    """A 2 x 2 classification: ``labels`` are (high x & high y, low x & high y, high x & low y,
    both low), in that order; "high" means at or above the cut."""
    xs, ys = as_numeric_series(x, x_name), as_numeric_series(y, y_name)
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
    """
    return _two_by_two(repeat, "repeat", repeat_cut, attitude, "attitude", attitude_cut,
                       LOYALTY_TYPES, "loyalty_type")


# --- the nine-factor loyalty index ---------------------------------------------------------------

def loyalty_factors(history: pd.DataFrame, survey: pd.DataFrame) -> pd.DataFrame:
    """The nine raw factors A11…A34 for every surveyed customer (lecture 003).

    A11 ``purchase_duration_years``, A12 ``purchase_frequency``, A13 ``frequency_trend`` and
    A22 ``cross_buying`` come from :func:`purchase_history`; A21 ``share_of_wallet``, A31
    ``mention``, A32 ``price_sensitivity``, A33 ``voluntariness`` and A34
    ``overall_satisfaction`` from the survey. A surveyed customer without order history raises
    (nothing is dropped silently).
    """
    hist_cols = ["purchase_duration_years", "purchase_frequency", "frequency_trend",
                 "cross_buying"]
    require_frame(history, "history")
    require_columns(history, hist_cols, "history")
    items = ["share_of_wallet", "mention", "price_sensitivity", "voluntariness",
             "overall_satisfaction"]
    s = _survey_frame(survey, items)
    missing = s.index.difference(history.index)
    if len(missing):
        raise ValueError(f"{len(missing)} surveyed customer(s) have no order history: "
                         f"{list(missing[:5])}")
    h = history.loc[s.index, hist_cols]
    require_no_nan(h, "history (surveyed customers)")
    return pd.DataFrame({
        "A11": h["purchase_duration_years"], "A12": h["purchase_frequency"],
        "A13": h["frequency_trend"], "A21": s["share_of_wallet"], "A22": h["cross_buying"],
        "A31": s["mention"], "A32": s["price_sensitivity"], "A33": s["voluntariness"],
        "A34": s["overall_satisfaction"]}).astype(float)


class LoyaltyIndex:
    """The three-subsystem, nine-factor customer loyalty index (lecture 003).

    ``fit(factors)`` learns the normalisation from a frame with columns A11…A34 (one row per
    customer); ``predict(factors)`` returns the normalised factors, the subsystem scores A1, A2,
    A3 and ``index``::

        x'_j  = (x_j − min_j) / (max_j − min_j)      (method="minmax", 0–1), or
        x'_j  = (x_j − mean_j) / sd_j                (method="z", sd with ddof=0)
        x'_j  ← 1 − x'_j (minmax) or −x'_j (z)       for the reversed factor A32
        A_k   = Σ_j w_kj x'_j                        (factor weights, sum to 1 per subsystem)
        index = Σ_k W_k A_k                          (subsystem weights, sum to 1)

    With min–max the index lies in [0, 1] on the fitted data. Default weights:
    :data:`DEFAULT_SUBSYSTEM_WEIGHTS`, :data:`DEFAULT_FACTOR_WEIGHTS` (equal, see there).
    """

    def __init__(self, subsystem_weights: Mapping[str, float] | None = None,
                 factor_weights: Mapping[str, float] | None = None, method: str = "minmax"
                 ) -> None:
        if method not in ("minmax", "z"):
            raise ValueError(f"method must be 'minmax' or 'z', got {method!r}")
        self.method = method
        self.subsystem_weights = validate_weights(
            subsystem_weights if subsystem_weights is not None else DEFAULT_SUBSYSTEM_WEIGHTS,
            tuple(SUBSYSTEMS), "subsystem_weights")
        fw = factor_weights if factor_weights is not None else DEFAULT_FACTOR_WEIGHTS
        if not isinstance(fw, Mapping):
            raise TypeError(f"factor_weights must be a mapping, got {type(fw).__name__}")
        extra = set(fw) - {f for fs in SUBSYSTEMS.values() for f in fs}
        if extra:
            raise ValueError(f"factor_weights has unknown factor(s) {sorted(extra)}; the "
                             f"factors are {[f for fs in SUBSYSTEMS.values() for f in fs]}")
        parts = [validate_weights({f: fw[f] for f in fs if f in fw}, fs,
                                  f"factor_weights of {k}") for k, fs in SUBSYSTEMS.items()]
        self.factor_weights = pd.concat(parts)

    @property
    def effective_weights(self) -> pd.Series:
        """Weight of each factor in the index: subsystem weight × factor weight (sums to 1)."""
        sub = pd.Series({f: k for k, fs in SUBSYSTEMS.items() for f in fs})
        return (self.factor_weights * sub.map(self.subsystem_weights)).rename("weight")

    @staticmethod
    def _factors(factors: pd.DataFrame) -> pd.DataFrame:
        require_frame(factors, "factors")
        names = [f for fs in SUBSYSTEMS.values() for f in fs]
        require_columns(factors, names, "factors")
        frame = factors[names]
        for f in names:
            col = as_numeric_series(frame[f], f"factors[{f!r}]")
            infinite = ~np.isfinite(col)
            if infinite.any():
                raise ValueError(f"factors[{f!r}] must be finite; {int(infinite.sum())} value(s) "
                                 f"are not: {_offenders(col, infinite)}")
        return frame.astype(float)

    def fit(self, factors: pd.DataFrame) -> LoyaltyIndex:
        """Learn min/max (or mean/sd) of each factor; a constant factor raises."""
        frame = self._factors(factors)
        if self.method == "minmax":
            low, spread = frame.min(), frame.max() - frame.min()
        else:
            low, spread = frame.mean(), frame.std(ddof=0)
        flat = spread <= 0
        if flat.any():
            raise ValueError(f"factor(s) {list(spread.index[flat])} are constant on the fitted "
                             f"data: they cannot be normalised (need at least two different "
                             f"values)")
        self.params_ = pd.DataFrame({"location": low, "scale": spread})
        return self

    def normalise(self, factors: pd.DataFrame) -> pd.DataFrame:
        """The factors normalised with the fitted parameters, A32 reversed."""
        if not hasattr(self, "params_"):
            raise ValueError("LoyaltyIndex is not fitted yet: call .fit(factors) first")
        frame = self._factors(factors)
        z = (frame - self.params_["location"]) / self.params_["scale"]
        for f in REVERSED:
            z[f] = (1 - z[f]) if self.method == "minmax" else -z[f]
        return z

    def predict(self, factors: pd.DataFrame) -> pd.DataFrame:
        """Normalised factors, subsystem scores A1–A3 and the weighted ``index``."""
        z = self.normalise(factors)
        out = z.copy()
        for k, fs in SUBSYSTEMS.items():
            out[k] = z[list(fs)] @ self.factor_weights[list(fs)]
        out["index"] = out[list(SUBSYSTEMS)] @ self.subsystem_weights
        return out

    def summary(self) -> pd.DataFrame:
        """One row per factor: names, subsystem, factor weight, effective weight, fitted
        normalisation (if fitted)."""
        rows = pd.DataFrame({
            "factor": [FACTOR_NAMES[f][0] for f in self.factor_weights.index],
            "chinese": [FACTOR_NAMES[f][1] for f in self.factor_weights.index],
            "subsystem": [k for k, fs in SUBSYSTEMS.items() for _ in fs],
            "factor_weight": self.factor_weights,
            "weight_in_index": self.effective_weights,
        })
        if hasattr(self, "params_"):
            rows = rows.join(self.params_)
        return rows


# --- satisfaction and loyalty --------------------------------------------------------------------

def satisfaction_loyalty_curve(satisfaction: pd.Series, loyalty: pd.Series) -> pd.DataFrame:
    """Mean loyalty (with count and standard error) at each satisfaction level.

    The relationship curve of the lecture (003). The lecture, after Jones & Sasser (1995),
    draws it flat over the lower and middle satisfaction levels and steep near the top; this
    function only reports the means the data give, whatever their shape.
    """
    s = as_numeric_series(satisfaction, "satisfaction")
    y = as_numeric_series(loyalty, "loyalty")
    if not s.index.equals(y.index):
        raise ValueError("satisfaction and loyalty must have the same index")
    g = y.groupby(s)
    out = pd.DataFrame({"n": g.size(), "mean_loyalty": g.mean(), "sem": g.sem(ddof=1)})
    out["sem"] = out["sem"].fillna(0.0).where(out["n"] > 1, 0.0)
    out.index.name = "satisfaction"
    return out


def satisfaction_loyalty_quadrant(satisfaction: pd.Series, loyalty: pd.Series, *,
                                  satisfaction_cut: float = SATISFACTION_CUT,
                                  loyalty_cut: float = LOYALTY_CUT) -> pd.Series:
    """The four satisfaction × loyalty types of the lecture (003; Jones & Sasser 1995).

    High means ≥ the cut. loyalist/apostle 忠诚者 = satisfied and loyal; hostage 人质型 = loyal
    but dissatisfied (locked in); mercenary 惟利是图者 = satisfied but not loyal; defector
    背叛者 = neither. Default cuts: satisfaction ≥ 7 on 1–10, loyalty (repurchase intention)
    ≥ 5 on 1–7; for a 0–1 loyalty index pass e.g. ``loyalty_cut=0.5``.
    """
    return _two_by_two(satisfaction, "satisfaction", satisfaction_cut, loyalty, "loyalty",
                       loyalty_cut, QUADRANTS, "quadrant")
