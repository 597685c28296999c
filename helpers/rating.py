"""Customer credit rating (客户信用等级评估方案): 20 indicators, 100 points, AAA-C (chapters 11-12).

The customer credit rating scheme (客户信用等级评估方案) of the deck 《产业市场营销与客户管理》
（吴登开）: a customer's credit class strengthens credit control and sorts customers into
groups; it is centred on the customer's payment record and ability to repay (信用履约记录和
还款能力), quantified, and re-rated every quarter from the last quarter's operating and
financial state. Twenty indicators in five groups — character/quality (品质特性), credit
performance (信用履约率), solvency (偿债能力), operating ability (经营能力) and profitability
(盈利能力) — share 100 points, 30 for financial and 70 for non-financial indicators; the score
sorts customers into AAA, AA, A, B and C.

The deck names the groups, the point split and the classes but not the indicators, their
points or the cut-offs; this module fixes them (see :func:`indicator_scheme`, :data:`CUTS`) so
that they can be discussed and changed:

* the two non-financial groups hold 70 points: character (8 indicators, 35 points, from the
  credit file) and credit performance (4 indicators, 35 points, from the invoices);
* the deck's five groups have no place for two of the five Cs (“5C”分析法 of 《客户管理》第三章),
  collateral and conditions: the scheme counts every non-financial fact of the credit file
  as a *quality characteristic* of the customer (品质特性, broader than the 5C "character"),
  so collateral cover, the guarantor and the industry outlook sit in the character group
  beside management, bank rating, disputes, legal form and age;
* the three financial groups hold 30 points: solvency 11, operating ability 10, profitability 9
  (8 indicators from the latest annual statement, see :func:`helpers.credit.financial_ratios`);
* each indicator earns its points on a straight line between a floor value (0 points) and a
  target value (all points), :func:`helpers.credit.linear_points` (efficacy coefficient method).

What a quarterly rating can know: the payment record is re-read every quarter, the financial
indicators come from the latest annual statement (taken as known from the first day of the next
year), and the credit file is one snapshot. :func:`credit_indicators` ages ``years_in_business``
from the file's date (``file_date``) to each rating day; the other seven character indicators
stay as the file describes them in every quarter.

Functions: :func:`indicator_scheme`, :func:`credit_indicators` (the 20 values known at the start
of a quarter), :func:`score_indicators`, :func:`rating_class`, :func:`quarterly_ratings`,
:func:`rating_migration`, :func:`score_trend`, :func:`risk_classes` and :func:`credit_policy`
(limit, terms and collateral per customer from its class).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from . import language
from .credit import financial_ratios, linear_points, validate_invoices
from .validation import (
    MAX_PERIODS,
    as_numeric_series,
    as_timestamp,
    check_bool,
    check_int,
    check_number,
    date_column,
    numeric_column,
    numeric_columns,
    offenders,
    require_frame,
    require_no_nan,
    require_unique,
)

__all__ = [
    "GROUPS", "CLASSES", "CUTS", "LEGAL_FORMS", "INDICATOR_COLUMNS", "POLICY_COLUMNS",
    "indicator_scheme", "credit_indicators", "score_indicators",
    "rating_class", "quarterly_ratings", "rating_migration", "score_trend", "risk_classes",
    "LIMIT_ROUNDING", "credit_policy",
]

GROUPS: dict[str, str] = {
    "character": "品质特性", "credit_performance": "信用履约率", "solvency": "偿债能力",
    "operating_ability": "经营能力", "profitability": "盈利能力",
}
"""The five indicator groups of the scheme with their Chinese names."""

CLASSES: tuple[str, ...] = ("AAA", "AA", "A", "B", "C")
"""Rating classes from the best to the worst."""

CUTS: dict[str, float] = {"AAA": 85.0, "AA": 75.0, "A": 60.0, "B": 45.0}
"""Lowest score of each class: AAA >= 85, AA 75-85, A 60-75, B 45-60, C below 45."""

_LEGAL_FORM_SCORE = {"state_owned": 4.0, "joint_venture": 3.0, "private_limited": 3.0,
                     "sole_proprietor": 1.0}
LEGAL_FORMS: tuple[str, ...] = tuple(_LEGAL_FORM_SCORE)
"""The legal forms of a credit file's ``legal_form`` (their points: the indicator
``legal_form_score``)."""
_BANK_SCORE = {"A": 4.0, "B": 3.0, "C": 2.0, "D": 1.0}

_RULES: dict[str, str] = language.texts({
    "years_in_business": ("years since founding: 1 year or less 0 points, 20 years or more all "
                          "points"),
    "legal_form_score": ("legal form: sole proprietor 1, private limited or joint venture 3, "
                         "state owned 4"),
    "management_rating": ("management quality judged by the sales team, 1 (poor) to 5 "
                          "(excellent)"),
    "bank_rating_score": ("rating from the customer's bank: D 1, C 2, B 3, A 4"),
    "legal_disputes": ("legal disputes in the last three years: none all points, 3 or more 0 "
                       "points"),
    "collateral_cover": ("collateral value / purchases invoiced in the last quarter: 0 none, 1 "
                         "or more all"),
    "guarantor": ("a third party guarantees the debt: yes all points, no 0 points"),
    "industry_outlook": ("outlook of the customer's industry, 1 (shrinking) to 5 (booming)"),
    "on_time_rate": ("share of the amount due in the last 12 months paid within 7 days of the "
                     "due date: 50 % or less 0 points, 100 % all points"),
    "days_late_year": ("amount-weighted days past due of the invoices due in the last 12 months "
                       "(still unpaid: days so far): 0 all points, 30 or more 0 points"),
    "days_late_quarter": ("the same for the invoices due in the last quarter (the 12-month value "
                          "if none fell due)"),
    "overdue_share": ("share of the open receivables more than 30 days past due at the rating "
                      "date: 0 all points, 50 % or more 0 points"),
    "quick_ratio": ("(current assets - inventory) / current liabilities: 0.5 or less 0, 1.2 or "
                    "more all"),
    "debt_to_tangible_net_worth": ("total liabilities / tangible net worth: 0.8 or less all "
                                   "points, 3 or more (or negative tangible net worth) 0 points"),
    "interest_cover": ("EBIT / interest expense: 1 or less 0 points, 8 or more all points"),
    "receivables_days": ("receivables / revenue x 365 days: 40 or less all points, 90 or more 0 "
                         "points"),
    "inventory_turnover": ("cost of sales / inventory: 3 times or less 0 points, 9 or more all "
                           "points"),
    "asset_turnover": ("revenue / total assets: 0.8 or less 0 points, 1.6 or more all points"),
    "gross_margin": ("(revenue - cost of sales) / revenue: 12 % or less 0 points, 30 % or more "
                     "all points"),
    "return_on_investment": ("net income / total assets: 0 or less 0 points, 15 % or more all "
                             "points"),
})
"""Each indicator's rule in words, in the course's language."""

_SCHEME = pd.DataFrame([
    # group, indicator, Chinese, financial, points, worst (0 points), best (all points)
    ("character", "years_in_business", "经营年限", False, 4, 1.0, 20.0),
    ("character", "legal_form_score", "企业性质", False, 3, 1.0, 4.0),
    ("character", "management_rating", "管理水平", False, 6, 1.0, 5.0),
    ("character", "bank_rating_score", "银行信用等级", False, 6, 1.0, 4.0),
    ("character", "legal_disputes", "法律纠纷", False, 5, 3.0, 0.0),
    ("character", "collateral_cover", "抵押担保覆盖率", False, 4, 0.0, 1.0),
    ("character", "guarantor", "第三方担保", False, 3, 0.0, 1.0),
    ("character", "industry_outlook", "行业前景", False, 4, 1.0, 5.0),
    ("credit_performance", "on_time_rate", "按期付款率", False, 10, 0.5, 1.0),
    ("credit_performance", "days_late_year", "平均逾期天数(近一年)", False, 10, 30.0, 0.0),
    ("credit_performance", "days_late_quarter", "平均逾期天数(上季度)", False, 7, 30.0, 0.0),
    ("credit_performance", "overdue_share", "超期应收占比", False, 8, 0.5, 0.0),
    ("solvency", "quick_ratio", "速动比率", True, 4, 0.5, 1.2),
    ("solvency", "debt_to_tangible_net_worth", "有形净值债务率", True, 4, 3.0, 0.8),
    ("solvency", "interest_cover", "利息保障倍数", True, 3, 1.0, 8.0),
    ("operating_ability", "receivables_days", "应收帐款周转期", True, 4, 90.0, 40.0),
    ("operating_ability", "inventory_turnover", "存货周转率", True, 3, 3.0, 9.0),
    ("operating_ability", "asset_turnover", "总资产周转率", True, 3, 0.8, 1.6),
    ("profitability", "gross_margin", "经营毛利率", True, 4, 0.12, 0.30),
    ("profitability", "return_on_investment", "投资报酬率", True, 5, 0.0, 0.15),
], columns=["group", "indicator", "indicator_zh", "financial", "max_points", "worst",
            "best"])
_SCHEME["rule"] = _SCHEME["indicator"].map(_RULES)
_SCHEME.insert(1, "group_zh", _SCHEME["group"].map(GROUPS))

INDICATOR_COLUMNS: tuple[str, ...] = tuple(_SCHEME["indicator"])
"""The 20 indicators of the scheme (the columns of :func:`credit_indicators`), in order."""

POLICY_COLUMNS: tuple[str, ...] = ("customer_id", "rating", "monthly_purchases", "credit_limit",
                                   "terms_days", "collateral", "countermeasure")
"""The columns of :func:`credit_policy`."""

GRACE_DAYS = 7
"""Days after the due date within which a payment still counts as on time."""


def indicator_scheme() -> pd.DataFrame:
    """The 20 indicators of the rating scheme, one row each.

    Columns: ``group`` and ``group_zh`` (one of :data:`GROUPS`), ``indicator`` (the column name
    used by :func:`credit_indicators`), ``indicator_zh``, ``financial`` (True for the 8
    statement-based indicators worth 30 points), ``max_points`` (100 in all), ``worst`` (value
    at 0 points), ``best`` (value at full points) and ``rule`` in words (in the course's
    language, :func:`helpers.language.use_language`). Points in between are
    linear (:func:`helpers.credit.linear_points`).
    Source: the customer credit rating scheme (客户信用等级评估方案) of 《产业市场营销与客户管理》
    （吴登开）, which names the five groups and the 30/70 point split only; the indicators,
    points and bands are the course's documented choice.

    >>> indicator_scheme().groupby("group", sort=False)["max_points"].sum().tolist()
    [35, 35, 11, 10, 9]
    """
    scheme = _SCHEME.copy()
    scheme["rule"] = scheme["indicator"].map(_RULES)
    return scheme


_QUARTER = re.compile(r"\s*\d{4}\s*-?\s*Q[1-4]\s*", re.IGNORECASE)


def _quarter(at: object, name: str = "quarter") -> pd.Period:
    """A quarter given as ``"2024Q1"``, a Period or a date inside it."""
    if isinstance(at, pd.Period):
        if pd.isna(at):
            raise ValueError(f"{name} must be a quarter, got a missing value")
        return at.asfreq("Q")
    if isinstance(at, str) and _QUARTER.fullmatch(at):
        return pd.Period(at.strip().upper().replace(" ", "").replace("-", ""), freq="Q")
    try:
        return pd.Period(as_timestamp(at, name), freq="Q")
    except TypeError as error:
        raise TypeError(f"{name} must be a quarter such as '2024Q1' or a date inside it, got "
                        f"{type(at).__name__} {at!r}") from error


def _day(at: object, name: str = "at") -> pd.Timestamp:
    """A day (midnight) given as a date, a Period or a quarter (``"2024Q1"``: its first day)."""
    if isinstance(at, pd.Period) or (isinstance(at, str) and _QUARTER.fullmatch(at)):
        return _quarter(at, name).start_time.normalize()
    return as_timestamp(at, name).normalize()


_PROFILE_COLUMNS = ["customer_id", "years_in_business", "legal_form", "management_rating",
                    "bank_rating", "legal_disputes", "collateral_value", "guarantor",
                    "industry_outlook"]


def _profiles(profiles: object) -> pd.DataFrame:
    """Check the credit file: one row per customer, the documented values of each column."""
    frame = require_frame(profiles, "profiles", _PROFILE_COLUMNS)
    require_no_nan(frame["customer_id"], "profiles['customer_id']")
    numeric_column(frame, "years_in_business", "profiles", low=0)
    for column in ("management_rating", "industry_outlook"):
        numeric_column(frame, column, "profiles", low=1, high=5)
    numeric_column(frame, "legal_disputes", "profiles", low=0, integer=True)
    numeric_column(frame, "collateral_value", "profiles", low=0)
    for column, allowed in (("legal_form", _LEGAL_FORM_SCORE), ("bank_rating", _BANK_SCORE)):
        require_no_nan(frame[column], f"profiles[{column!r}]")
        bad = ~frame[column].isin(list(allowed))
        if bad.any():
            raise ValueError(f"profiles[{column!r}] must be one of {list(allowed)}; "
                             f"{int(bad.sum())} row(s) are not: "
                             f"{offenders(frame[column], bad)}")
    if not pd.api.types.is_bool_dtype(frame["guarantor"]):
        raise TypeError(f"profiles['guarantor'] must be True/False, got dtype "
                        f"{frame['guarantor'].dtype}: convert it with .astype(bool) or compare, "
                        "e.g. profiles['guarantor'] == 'yes'")
    require_unique(frame, ["customer_id"], "profiles")
    return frame


def _ratings(ratings: object, columns: Sequence[str]) -> pd.DataFrame:
    """Check a ratings table (as from :func:`quarterly_ratings`): its classes and quarters."""
    frame = require_frame(ratings, "ratings", columns)
    require_no_nan(frame[list(columns)], "ratings")
    if "rating" in columns:
        bad = ~frame["rating"].astype(object).isin(list(CLASSES))
        if bad.any():
            raise ValueError(f"ratings['rating'] must be one of {list(CLASSES)}; "
                             f"{int(bad.sum())} row(s) are not: "
                             f"{offenders(frame['rating'].astype(object), bad)}")
    return frame


def _weighted_mean(values: pd.Series, weights: pd.Series, keys: pd.Series) -> pd.Series:
    frame = pd.DataFrame({"wx": values * weights, "w": weights, "key": keys})
    sums = frame.groupby("key")[["wx", "w"]].sum()
    return sums["wx"] / sums["w"]


def _example_book() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The examples' credit customer: its 2023 statement, its credit file and three invoices
    (paid 4 days late, paid 20 days late, and one still open)."""
    items = dict(revenue=1000.0, cost_of_sales=750.0, net_income=40.0, receivables=150.0,
                 inventory=100.0, current_assets=400.0, current_liabilities=250.0,
                 total_liabilities=450.0, equity=350.0, intangible_assets=50.0,
                 total_assets=800.0, income_tax=10.0, interest_expense=20.0,
                 operating_cash_flow=50.0)
    financials = pd.DataFrame([dict(customer_id=1, year=2023, **items)])
    profiles = pd.DataFrame({
        "customer_id": [1], "years_in_business": [11], "legal_form": ["private_limited"],
        "management_rating": [4], "bank_rating": ["B"], "legal_disputes": [1],
        "collateral_value": [350.0], "guarantor": [True], "industry_outlook": [3]})
    d = pd.to_datetime
    invoices = pd.DataFrame({
        "customer_id": [1, 1, 1],
        "invoice_date": d(["2023-11-28", "2024-01-15", "2024-03-20"]),
        "due_date": d(["2023-12-28", "2024-02-14", "2024-04-19"]),
        "amount": [100.0, 300.0, 200.0], "paid_date": d(["2024-01-01", "2024-03-05", None]),
        "written_off": False})
    return financials, profiles, invoices


def credit_indicators(financials: pd.DataFrame, profiles: pd.DataFrame, invoices: pd.DataFrame,
                      at: object, *, grace_days: int = GRACE_DAYS,
                      customers: pd.DataFrame | None = None,
                      file_date: object | None = None) -> pd.DataFrame:
    """The 20 indicator values of every credit customer known at the start of day ``at``.

    ``at`` is a date or a quarter (``"2024Q1"`` means its first day, 2024-01-01). Sources:

    * statements: the fiscal year ending before ``at`` (``at.year - 1``), through
      :func:`helpers.credit.financial_ratios` (``extended=True``); a statement is taken as known
      from the first day after its fiscal year (in practice it arrives some months later);
    * ``profiles`` (the credit file): years in business, legal form, management and bank
      rating, legal disputes, collateral, guarantor, industry outlook. The file is one snapshot:
      with ``file_date`` (the day it describes) ``years_in_business`` is moved to ``at`` —
      file value + (``at`` - ``file_date``) in years, at least 0 — the other columns are used
      as they are; without ``file_date`` the file is taken as describing ``at`` itself;
    * ``invoices`` known before ``at`` (payments after ``at`` are not yet known; an invoice
      still open counts its days past due so far; written-off invoices count as unpaid):
      on-time rate and days late of the invoices due in the 12 months and in the quarter before
      ``at``, the overdue share of the open receivables, and purchases of the last quarter for
      the collateral cover.

    Rated are the customers of ``profiles`` with a statement for that fiscal year and at least
    one invoice due in the 12 months before ``at`` (a payment record); when ``customers``
    (``customer_id, lost_date``) is given, customers lost before ``at`` are left out. A customer
    with no invoice due in the last quarter takes its 12-month days late; one with nothing open
    has an overdue share of 0 and one with collateral but no purchases last quarter full cover.
    Returns ``customer_id, fiscal_year`` and the 20 indicators of :func:`indicator_scheme`.
    ``grace_days`` (a whole number ≥ 0) are the days after the due date a payment still counts
    as on time.
    Source: the rating scheme of 《产业市场营销与客户管理》（吴登开）: “客户信用等级每季度根据客户
    上一季度的经营和财务状况评定一次”; which facts are known when is the course's reading.

    >>> financials, profiles, invoices = _example_book()   # one customer, three invoices
    >>> known = credit_indicators(financials, profiles, invoices, "2024Q2").iloc[0]
    >>> known[["on_time_rate", "days_late_year", "collateral_cover", "quick_ratio"]].tolist()
    [0.25, 16.0, 0.7, 1.2]
    """
    day = _day(at, "at")
    profiles = _profiles(profiles)
    grace_days = check_int(grace_days, "grace_days", 0)
    age_shift = 0.0 if file_date is None else (
        (day - _day(file_date, "file_date")).days / 365.25)
    inv = validate_invoices(invoices)
    if customers is not None:
        customers = require_frame(customers, "customers", ["customer_id", "lost_date"])
        require_no_nan(customers["customer_id"], "customers['customer_id']")
        date_column(customers, "lost_date", "customers", allow_nat=True)
        require_unique(customers, ["customer_id"], "customers")
    fiscal_year = day.year - 1
    ratios = financial_ratios(financials, extended=True)
    ratios = ratios[ratios["year"] == fiscal_year].set_index("customer_id")

    # payment record: invoices known at `at` from credit customers
    inv = inv[inv["customer_id"].isin(profiles["customer_id"]) & (inv["invoice_date"] < day)]
    paid_known = inv["paid_date"].notna() & (inv["paid_date"] < day)
    settle = inv["paid_date"].where(paid_known, day)
    late = ((settle - inv["due_date"]).dt.days).clip(lower=0).astype(float)
    year_start, quarter_start = day - pd.DateOffset(years=1), day - pd.DateOffset(months=3)
    due_year = (inv["due_date"] >= year_start) & (inv["due_date"] < day)
    due_quarter = (inv["due_date"] >= quarter_start) & (inv["due_date"] < day)
    y = inv[due_year]
    if y.empty:
        raise ValueError(f"no credit invoice fell due in the 12 months before {day:%Y-%m-%d}: "
                         "nobody has a payment record to rate")
    amount_y = y["amount"]
    weight_y = amount_y.where(amount_y > 0, 1e-12)  # a zero invoice still counts, barely
    # Shares are sums of a part over sums of the whole. pandas adds with compensated
    # (Kahan) summation, which is not monotone: the part can come out one unit in the last
    # place above the whole (e.g. 1.0000000000000002), so the shares are clipped to [0, 1].
    on_time = _weighted_mean((late[due_year] <= grace_days).astype(float), weight_y,
                             y["customer_id"]).clip(0.0, 1.0)
    days_year = _weighted_mean(late[due_year], weight_y, y["customer_id"])
    q = inv[due_quarter]
    days_quarter = _weighted_mean(late[due_quarter], q["amount"].where(q["amount"] > 0, 1e-12),
                                  q["customer_id"])
    open_ = inv[~paid_known & ~inv["written_off"]]
    open_total = open_.groupby("customer_id")["amount"].sum()
    overdue_30 = open_[(day - open_["due_date"]).dt.days > 30].groupby("customer_id")[
        "amount"].sum()
    purchases_q = inv[inv["invoice_date"] >= quarter_start].groupby("customer_id")["amount"].sum()

    ids = pd.Index(profiles["customer_id"]).intersection(ratios.index).intersection(
        on_time.index).sort_values()
    if customers is not None:
        lost_date = customers.set_index("customer_id")["lost_date"]
        gone = lost_date.index[lost_date.notna() & (lost_date < day)]
        ids = ids.difference(gone)
    if ids.empty:
        raise ValueError(f"no credit customer can be rated at {day:%Y-%m-%d}: none has both a "
                         f"fiscal-{fiscal_year} statement in financials and a payment record")
    prof = profiles.set_index("customer_id").loc[ids]
    r = ratios.loc[ids]
    collateral = prof["collateral_value"].to_numpy(dtype=float)
    exposure = purchases_q.reindex(ids, fill_value=0.0).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # cover may be inf
        cover = np.where(collateral <= 0, 0.0,
                         np.where(exposure > 0, collateral / np.where(exposure > 0, exposure, 1),
                                  np.inf))
        total_open = open_total.reindex(ids, fill_value=0.0).to_numpy(dtype=float)
        overdue = overdue_30.reindex(ids, fill_value=0.0).to_numpy(dtype=float)
        overdue_share = np.clip(np.where(total_open > 0, overdue / np.where(
            total_open > 0, total_open, 1), 0.0), 0.0, 1.0)
    days_y = days_year.reindex(ids)
    out = pd.DataFrame({
        "customer_id": ids.to_numpy(),
        "fiscal_year": fiscal_year,
        "years_in_business": np.clip(prof["years_in_business"].to_numpy(dtype=float)
                                     + age_shift, 0.0, None),
        "legal_form_score": prof["legal_form"].map(_LEGAL_FORM_SCORE).to_numpy(dtype=float),
        "management_rating": prof["management_rating"].to_numpy(dtype=float),
        "bank_rating_score": prof["bank_rating"].map(_BANK_SCORE).to_numpy(dtype=float),
        "legal_disputes": prof["legal_disputes"].to_numpy(dtype=float),
        "collateral_cover": cover,
        "guarantor": prof["guarantor"].astype(float).to_numpy(),
        "industry_outlook": prof["industry_outlook"].to_numpy(dtype=float),
        "on_time_rate": on_time.reindex(ids).to_numpy(),
        "days_late_year": days_y.to_numpy(),
        "days_late_quarter": days_quarter.reindex(ids).fillna(days_y).to_numpy(),
        "overdue_share": overdue_share,
    })
    for column in ("quick_ratio", "debt_to_tangible_net_worth", "interest_cover",
                   "receivables_days", "inventory_turnover", "asset_turnover", "gross_margin",
                   "return_on_investment"):
        out[column] = r[column].to_numpy()
    return out


def _check_scheme(scheme: pd.DataFrame) -> pd.DataFrame:
    scheme = require_frame(scheme, "scheme", ["group", "indicator", "financial", "max_points",
                                              "worst", "best"])
    require_no_nan(scheme[["group", "indicator"]], "scheme")
    names = scheme["indicator"].map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    if not names.all():
        raise TypeError(f"scheme['indicator'] must hold column names (text); "
                        f"{offenders(scheme['indicator'], ~names)}")
    if not pd.api.types.is_bool_dtype(scheme["financial"]):
        raise TypeError(f"scheme['financial'] must be True/False, got dtype "
                        f"{scheme['financial'].dtype}")
    numeric_column(scheme, "max_points", "scheme", low=0)
    numeric_columns(scheme, ["worst", "best"], "scheme")
    require_unique(scheme, ["indicator"], "scheme")
    total = float(scheme["max_points"].sum())
    if not np.isclose(total, 100.0):
        raise ValueError(f"scheme['max_points'] must add up to 100, got {total:g}")
    same = scheme["worst"] == scheme["best"]
    if same.any():
        raise ValueError(f"scheme: worst and best must differ; rows "
                         f"{scheme.loc[same, 'indicator'].tolist()}")
    groups = scheme["group"].map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    if groups.any() and not groups.all():
        raise TypeError(f"scheme['group'] mixes text labels with other values "
                        f"({offenders(scheme['group'], ~groups)}): write every group as text")
    return scheme


def score_indicators(indicators: pd.DataFrame, scheme: pd.DataFrame | None = None
                     ) -> pd.DataFrame:
    """Points per indicator, group subtotals and the 0-100 ``score`` of each customer.

    ``indicators`` holds one column per indicator of ``scheme`` (default
    :func:`indicator_scheme`), e.g. the output of :func:`credit_indicators`; each indicator earns
    max_points x clip((value - worst) / (best - worst), 0, 1). Returns ``customer_id`` (when
    present), ``<indicator>_points`` for each indicator, one subtotal column per group
    (``character``, ``credit_performance``, ``solvency``, ``operating_ability``,
    ``profitability``), ``financial`` and ``non_financial`` subtotals and ``score`` (their sum).
    Source: the 100-point scale (“信用等级评定实行百分制”) of the rating scheme of
    《产业市场营销与客户管理》（吴登开）; points
    on a line between a floor and a target value as in the efficacy coefficient method
    (功效系数法) of Chinese enterprise performance evaluation (see
    :func:`helpers.credit.linear_points`).

    >>> scheme = indicator_scheme().set_index("indicator")
    >>> best, worst = scheme["best"].to_frame().T, scheme["worst"].to_frame().T
    >>> score_indicators(best)["score"].tolist(), score_indicators(worst)["score"].tolist()
    ([100.0], [0.0])
    """
    scheme = _check_scheme(indicator_scheme() if scheme is None else scheme)
    names = scheme["indicator"].tolist()
    require_frame(indicators, "indicators", names)
    if "customer_id" in indicators.columns:
        require_no_nan(indicators["customer_id"], "indicators['customer_id']")
    points = linear_points(indicators[names], scheme["worst"].to_numpy(float),
                           scheme["best"].to_numpy(float), scheme["max_points"].to_numpy(float),
                           name="indicators")
    points.columns = [f"{name}_points" for name in names]
    groups = scheme["group"].to_numpy()
    financial = scheme["financial"].astype(bool).to_numpy()
    totals = {group: points.loc[:, groups == group].sum(axis=1)
              for group in dict.fromkeys(groups)}
    totals["financial"] = points.loc[:, financial].sum(axis=1)
    totals["non_financial"] = points.loc[:, ~financial].sum(axis=1)
    totals["score"] = totals["financial"] + totals["non_financial"]
    parts = [points, pd.DataFrame(totals, index=indicators.index)]
    if "customer_id" in indicators.columns:
        parts.insert(0, indicators[["customer_id"]])
    return pd.concat(parts, axis=1)


def _cuts(cuts: object) -> list[float]:
    """The lowest scores of AAA, AA, A and B: numbers that decrease and lie in (0, 100]."""
    if cuts is None:
        cuts = CUTS
    if not isinstance(cuts, Mapping):
        raise TypeError(f"cuts must map each class to its lowest score, e.g. {CUTS}, got "
                        f"{type(cuts).__name__}")
    if set(cuts) != set(CLASSES[:-1]):
        raise ValueError(f"cuts must give the lowest score of {list(CLASSES[:-1])}, "
                         f"got keys {list(cuts)}")
    bounds = [check_number(cuts[c], f"cuts[{c!r}]") for c in CLASSES[:-1]]
    if not all(hi > lo for hi, lo in zip(bounds[:-1], bounds[1:])) or not (
            0.0 < bounds[-1] and bounds[0] <= 100.0):
        raise ValueError(f"cuts must decrease from AAA to B and lie in (0, 100], got "
                         f"{dict(cuts)}")
    return bounds


def rating_class(score: pd.Series | Sequence[float] | np.ndarray,
                 cuts: Mapping[str, float] | None = None) -> pd.Series:
    """Rating class of each score: AAA >= 85, AA >= 75, A >= 60, B >= 45, else C.

    ``cuts`` maps AAA, AA, A and B to the lowest score of the class (default :data:`CUTS`;
    they must decrease in that order). Returns an ordered categorical Series with the classes
    ordered from the worst to the best (C < B < A < AA < AAA), so ``after < before`` means a
    downgrade. Scores must lie in [0, 100].
    Source: classes AAA / AA / A / B / C of the rating scheme of 《产业市场营销与客户管理》
    （吴登开）, which gives no cut-offs; the cut-offs are the course's documented choice.

    >>> rating_class([100, 85, 84.99, 60, 44.9]).astype(str).tolist()
    ['AAA', 'AAA', 'AA', 'A', 'C']
    """
    bounds = _cuts(cuts)
    values = as_numeric_series(score, "score", low=0.0, high=100.0)
    labels = np.select([values >= b for b in bounds], list(CLASSES[:-1]), CLASSES[-1])
    return pd.Series(pd.Categorical(labels, categories=list(CLASSES[::-1]), ordered=True),
                     index=values.index, name="rating")


def quarterly_ratings(financials: pd.DataFrame, profiles: pd.DataFrame, invoices: pd.DataFrame,
                      quarters: Sequence[object], *, cuts: Mapping[str, float] | None = None,
                      scheme: pd.DataFrame | None = None,
                      customers: pd.DataFrame | None = None,
                      file_date: object | None = None) -> pd.DataFrame:
    """Rate the credit customers at the start of each quarter of ``quarters``.

    ``quarters`` are labels like ``"2024Q1"`` (or Periods / dates inside the quarter). Each
    quarter uses what is known on its first day (:func:`credit_indicators`; pass ``customers``
    to leave out customers lost before the quarter, ``file_date`` for the day the credit file
    describes); score = sum of the 20 indicators' points (:func:`score_indicators`), class by
    :func:`rating_class`. Returns one row per customer and quarter: ``customer_id, quarter``
    (label ``"2024Q1"``), ``date`` (first day), ``fiscal_year``, the five group subtotals,
    ``financial``, ``non_financial``, ``score`` and ``rating``.
    Source: the rating scheme (客户信用等级评估方案) of 《产业市场营销与客户管理》（吴登开）,
    re-rated every quarter from the last quarter's operating and financial state.

    >>> financials, profiles, invoices = _example_book()   # one customer, three invoices
    >>> ratings = quarterly_ratings(financials, profiles, invoices, ["2024Q1", "2024Q2"])
    >>> ratings[["customer_id", "quarter", "score", "rating"]].round(2)
       customer_id quarter  score rating
    0            1  2024Q1  76.78     AA
    1            1  2024Q2  57.85      B
    """
    if not isinstance(quarters, (list, tuple, pd.Index, pd.Series, np.ndarray)):
        raise TypeError(f"quarters must be a list of quarters such as ['2024Q1'], got "
                        f"{type(quarters).__name__} {quarters!r}")
    if not len(quarters):
        raise ValueError("quarters must be a non-empty list of quarters such as ['2024Q1']")
    periods = [_quarter(q, "quarters") for q in quarters]
    if len(set(periods)) != len(periods):
        raise ValueError(f"quarters repeat: {[str(p) for p in periods]}")
    _cuts(cuts)
    known = pd.concat([
        credit_indicators(financials, profiles, invoices, period.start_time,
                          customers=customers, file_date=file_date).assign(
            quarter=str(period), date=period.start_time)
        for period in periods], ignore_index=True)
    points = score_indicators(known, scheme)
    keep = [c for c in points.columns if not c.endswith("_points") and c != "customer_id"]
    out = pd.concat([known[["customer_id", "quarter", "date", "fiscal_year"]], points[keep]],
                    axis=1)
    out["rating"] = rating_class(out["score"], cuts)
    return out


def rating_migration(ratings: pd.DataFrame, before: object, after: object, *,
                     normalize: bool = False) -> pd.DataFrame:
    """Rating migration matrix: customers by class in quarter ``before`` (rows) and ``after``.

    ``ratings`` is the output of :func:`quarterly_ratings`; only customers rated in both
    quarters count. All five classes appear in rows and columns, best first; with
    ``normalize=True`` each row holds shares (rows of customers that were in the class).
    Cells above the diagonal are downgrades, below it upgrades.
    Source: the rating transition (migration) matrix of credit-risk practice, n_ij = customers
    in class i before and j after (e.g. Standard & Poor's annual default and transition
    studies; Jarrow, Lando & Turnbull 1997, *Review of Financial Studies* 10(2)).

    >>> ratings = pd.DataFrame({"customer_id": [1, 2, 1, 2], "rating": ["AA", "A", "B", "A"],
    ...                         "quarter": ["2024Q1", "2024Q1", "2024Q2", "2024Q2"]})
    >>> rating_migration(ratings, "2024Q1", "2024Q2").loc[["AA", "A"], ["A", "B"]]
    rating 2024Q2  A  B
    rating 2024Q1
    AA             0  1
    A              1  0
    """
    ratings = _ratings(ratings, ["customer_id", "quarter", "rating"])
    normalize = check_bool(normalize, "normalize")
    b, a = str(_quarter(before, "before")), str(_quarter(after, "after"))
    have = set(ratings["quarter"].astype(str))
    for label, name in ((b, "before"), (a, "after")):
        if label not in have:
            raise ValueError(f"{name}: quarter {label} is not in ratings (it has "
                             f"{sorted(have)})")
    require_unique(ratings.assign(quarter=ratings["quarter"].astype(str)),
                   ["customer_id", "quarter"], "ratings")
    wide = ratings.assign(quarter=ratings["quarter"].astype(str)).pivot(
        index="customer_id", columns="quarter", values="rating")
    both = wide[[b, a]].dropna()
    if both.empty:
        raise ValueError(f"no customer is rated in both {b} and {a}")
    table = pd.crosstab(both[b].astype(str), both[a].astype(str))
    table = table.reindex(index=list(CLASSES), columns=list(CLASSES), fill_value=0)
    table.index.name, table.columns.name = f"rating {b}", f"rating {a}"
    if normalize:
        sums = table.sum(axis=1)
        table = table.div(sums.where(sums > 0, 1), axis=0)
    return table


def score_trend(ratings: pd.DataFrame, *, min_quarters: int = 4) -> pd.DataFrame:
    """Each customer's rating trend: least-squares slope of its score in points per year.

    slope = sum((t - mean t)(s - mean s)) / sum((t - mean t)^2), with t the rating date in years;
    only customers rated in at least ``min_quarters`` quarters get a row. Returns
    ``customer_id, quarters, first_score, last_score, slope_per_year`` (negative = worsening).
    Source: the ordinary least-squares slope of a straight-line fit (as ``numpy.polyfit`` with
    degree 1), computed for every customer at once. ``ratings`` needs ``customer_id``,
    ``date`` (dates) and ``score`` (0 to 100), one row per customer and date; ``min_quarters``
    is a whole number from 2 to :data:`helpers.validation.MAX_PERIODS`.

    >>> ratings = pd.DataFrame({"customer_id": [1, 1, 1],
    ...     "date": pd.to_datetime(["2024-01-01", "2025-01-01", "2026-01-01"]),
    ...     "score": [80.0, 70.0, 60.0]})
    >>> trend = score_trend(ratings, min_quarters=3)   # ten points a year
    >>> round(float(trend["slope_per_year"].iloc[0]), 1)
    -10.0
    """
    ratings = require_frame(ratings, "ratings", ["customer_id", "date", "score"])
    require_no_nan(ratings["customer_id"], "ratings['customer_id']")
    date = date_column(ratings, "date", "ratings")
    score = numeric_column(ratings, "score", "ratings", low=0, high=100)
    min_quarters = check_int(min_quarters, "min_quarters", 2, MAX_PERIODS)
    require_unique(ratings, ["customer_id", "date"], "ratings")
    frame = pd.DataFrame({"customer_id": ratings["customer_id"], "date": date, "score": score}
                         ).sort_values(["customer_id", "date"])
    frame = frame.assign(t=(frame["date"] - frame["date"].min()).dt.days / 365.25)
    group = frame.groupby("customer_id")
    dt = frame["t"] - group["t"].transform("mean")
    ds = frame["score"] - group["score"].transform("mean")
    sums = pd.DataFrame({"sxy": dt * ds, "sxx": dt * dt, "key": frame["customer_id"]}).groupby(
        "key")[["sxy", "sxx"]].sum()
    out = pd.DataFrame({"quarters": group.size(), "first_score": group["score"].first(),
                        "last_score": group["score"].last()})
    out["slope_per_year"] = sums["sxy"] / sums["sxx"].where(sums["sxx"] > 0)
    out = out[out["quarters"] >= min_quarters]
    out.index.name = "customer_id"
    return out.reset_index()




LIMIT_ROUNDING = 100.0
"""Credit limits are rounded up to a whole multiple of this amount (CNY)."""


def risk_classes() -> pd.DataFrame:
    """Customer risk classes (客户风险分类) and their countermeasures, one row per rating.

    Columns: ``risk`` (level) and ``risk_zh``, ``limit_months`` (credit limit in months of the
    customer's average purchases), ``terms_days`` (payment terms), ``collateral`` (security
    required), ``credit_limit_rule`` and ``countermeasure`` in words; the texts in the course's
    language (:func:`helpers.language.use_language`).
    Source: the heading 客户风险分类与对策 (customer risk classes and countermeasures) of the
    deck 《客户管理》第三章, whose content is lost; the risk levels, limits and terms are the
    course's documented choice.

    >>> risk_classes()[["limit_months", "terms_days"]].loc[["AAA", "C"]]
            limit_months  terms_days
    rating
    AAA              3.0          60
    C                0.0           0
    """
    text = language.text
    return pd.DataFrame([
        ("AAA", text("minimal", "label:risk"), "风险极小", 3.0, 60,
         text("none", "label:collateral"),
         text("credit limit up to 3 months of purchases, 60-day terms, no security"),
         text("grant credit freely; offer longer terms or a higher limit to win more of its "
              "business")),
        ("AA", text("low", "label:risk"), "风险较小", 2.0, 60,
         text("none", "label:collateral"),
         text("credit limit up to 2 months of purchases, 60-day terms, no security"),
         text("normal credit; review the rating each quarter")),
        ("A", text("moderate", "label:risk"), "风险一般", 1.0, 30,
         text("guarantee or collateral above the limit"),
         text("credit limit up to 1 month of purchases, 30-day terms"),
         text("credit within the limit; monthly check of overdue invoices, remind before due "
              "dates")),
        ("B", text("high", "label:risk"), "风险较大", 0.5, 30,
         text("collateral or guarantee required"),
         text("credit limit up to half a month of purchases, 30-day terms, secured"),
         text("stop deliveries when an invoice is over 30 days overdue; weekly collection "
              "calls; shorten terms")),
        ("C", text("very high", "label:risk"), "风险很大", 0.0, 0, text("no credit"),
         text("no credit: cash in advance or cash on delivery"),
         text("collect the open invoices now (collection agency or legal action); sell only "
              "for cash")),
    ], columns=["rating", "risk", "risk_zh", "limit_months", "terms_days", "collateral",
                "credit_limit_rule", "countermeasure"]).set_index("rating")


def credit_policy(ratings: pd.DataFrame, invoices: pd.DataFrame, quarter: object
                  ) -> pd.DataFrame:
    """Credit limit, terms and security for each customer rated in ``quarter``.

    limit = ``limit_months`` of its class (:func:`risk_classes`) x average monthly purchases
    invoiced in the 12 months before the quarter, rounded *up* to a whole
    :data:`LIMIT_ROUNDING` (100 CNY), so that a positive limit never rounds to 0 (the same
    as class C's "no credit"); a customer without purchases gets 0. Returns ``customer_id,
    rating, monthly_purchases, credit_limit, terms_days, collateral, countermeasure``.
    Source: the heading 客户风险分类与对策 of the deck 《客户管理》第三章 (content lost);
    limits in months of purchases are the course's documented choice (:func:`risk_classes`).

    >>> d = pd.to_datetime
    >>> invoices = pd.DataFrame({"customer_id": [1, 1], "amount": [300.0, 300.0],
    ...     "invoice_date": d(["2023-06-01", "2024-01-15"]),
    ...     "due_date": d(["2023-07-01", "2024-02-14"]), "paid_date": d(["2023-07-01", None]),
    ...     "written_off": False})
    >>> ratings = pd.DataFrame({"customer_id": [1], "quarter": ["2024Q2"], "rating": ["A"]})
    >>> credit_policy(ratings, invoices, "2024Q2")[["monthly_purchases", "credit_limit"]]
       monthly_purchases  credit_limit
    0               50.0         100.0
    """
    ratings = _ratings(ratings, ["customer_id", "quarter", "rating"])
    period = _quarter(quarter, "quarter")
    label = str(period)
    rated = ratings[ratings["quarter"].astype(str) == label]
    if rated.empty:
        raise ValueError(f"quarter {label} is not in ratings (it has "
                         f"{sorted(set(ratings['quarter'].astype(str)))})")
    require_unique(rated, ["customer_id"], "ratings",
                   f"one row per customer_id in quarter {label}")
    day = period.start_time
    inv = validate_invoices(invoices)
    window = inv[(inv["invoice_date"] >= day - pd.DateOffset(years=1))
                 & (inv["invoice_date"] < day)]
    monthly = window.groupby("customer_id")["amount"].sum() / 12.0
    classes = risk_classes()
    rating = rated["rating"].astype(str)
    purchases = monthly.reindex(rated["customer_id"]).fillna(0.0).to_numpy()
    return pd.DataFrame({
        "customer_id": rated["customer_id"].to_numpy(),
        "rating": rated["rating"].to_numpy(),
        "monthly_purchases": purchases,
        "credit_limit": LIMIT_ROUNDING * np.ceil(np.round(  # round(): no ceil of float noise
            purchases * classes["limit_months"].reindex(rating).to_numpy() / LIMIT_ROUNDING,
            6)),
        "terms_days": classes["terms_days"].reindex(rating).to_numpy(),
        "collateral": classes["collateral"].reindex(rating).to_numpy(),
        "countermeasure": classes["countermeasure"].reindex(rating).to_numpy(),
    })
