"""Credit management I (客户信用管理): receivables, financial ratios and 5C analysis (chapter 11).

Selling on credit (赊销) is the core of credit management; its two goals are fewer bad debts
(坏账; the deck: 坏帐) and a lower DSO (days sales outstanding; the deck: 销售变现天数, standard
应收账款周转天数), so that sales turn into cash sooner. The deck is 《客户管理》第三章 (第二节
客户信用管理): it names the goals, the credit file, the ways to investigate, the kinds of
statements, the six ratios and the 5C analysis; the formulas, bands, indicators and weights
here are the course's, and the ageing schedule, the bad-debt rate and the collection
effectiveness index go beyond the deck. This module holds the chapter's formulas, in sections:

* **Receivables** (应收账款), in :mod:`helpers.receivables` and reachable here:
  :func:`receivables_at`, :func:`dso`, :func:`count_back_table`, :func:`ageing_schedule`,
  :func:`bad_debt_rate` and :func:`collection_effectiveness_index`.
* **Financial ratio analysis** (财务比率分析): :func:`financial_ratios` (the six ratios the
  deck names, computed from a customer's statements), :func:`ratio_bands` and
  :func:`interpret_ratios` (strong / adequate / weak).
* **5C analysis** (5C 分析): :func:`five_c_indicators` (the documented indicators behind each
  C), :func:`five_c_scores` (each C scored 0-100, a weighted total and a credit decision).
* :func:`linear_points`, the scoring rule shared with the rating scheme of :mod:`helpers.rating`.
* Weight of evidence and information value (证据权重, 信息值): :func:`woe_table`,
  :func:`information_value`, :func:`iv_strength` and :func:`iv_summary` live in
  :mod:`helpers.binning` (chapter 12) and are reachable here too, loaded on first use.

Conventions: money in CNY, periods in days, rates as fractions (0.25 = 25 %). A day ``at``
means the *start* of that day: an invoice issued or paid before ``at`` is known at ``at``.
Dates are ``datetime64`` columns without a time zone (text and zoned dates are refused, see
:mod:`helpers.validation`). Bad input raises a ``ValueError`` or ``TypeError`` that names the
argument or column, the rule broken and a few offending rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from . import language
from .receivables import (
    AGEING_BUCKETS,
    INVOICE_COLUMNS,
    ageing_schedule,
    bad_debt_rate,
    collection_effectiveness_index,
    count_back_table,
    dso,
    receivables_at,
    validate_invoices,
)
from .validation import (
    as_numeric_series,
    check_bool,
    check_int,
    check_number,
    numeric_column,
    numeric_columns,
    offenders,
    require_frame,
    require_no_nan,
    require_unique,
    require_unique_index,
)

__all__ = [
    "INVOICE_COLUMNS", "AGEING_BUCKETS", "validate_invoices", "receivables_at",
    "count_back_table", "dso",
    "ageing_schedule", "bad_debt_rate", "collection_effectiveness_index",
    "STATEMENT_COLUMNS", "RATIOS", "RATIO_LABELS", "financial_ratios", "ratio_bands",
    "interpret_ratios", "linear_points", "FIVE_C", "FIVE_C_WEIGHTS", "five_c_indicators",
    "five_c_scores", "DECISION_CUTS", "DECISIONS", "woe_table", "information_value",
    "iv_strength", "iv_summary",
]

# =============================================================================================
# shared checks
# =============================================================================================

def _require_positive(series: pd.Series, name: str) -> None:
    mask = series <= 0
    if mask.any():
        raise ValueError(f"{name} must be positive (it divides); {int(mask.sum())} value(s) "
                         f"are not: {offenders(series, mask)}")


# =============================================================================================
# financial ratio analysis
# =============================================================================================

STATEMENT_COLUMNS: tuple[str, ...] = (
    "customer_id", "year", "revenue", "cost_of_sales", "net_income", "receivables",
    "inventory", "current_assets", "current_liabilities", "total_liabilities", "equity",
    "intangible_assets", "total_assets")
"""Statement items :func:`financial_ratios` needs (the case company's ``financials`` table)."""

_RATIO_TEXTS: dict[str, tuple[str, str]] = language.texts({
    # ratio: (formula, meaning), in the course's language
    "quick_ratio": ("(current assets - inventory) / current liabilities",
                    "quick assets that could pay the short-term debts; below 1 the customer "
                    "relies on selling stock to pay us"),
    "receivables_days": ("year-end receivables / revenue x 365",
                         "how long the customer waits for its own customers' money"),
    "inventory_turnover": ("cost of sales / year-end inventory",
                           "how often the stock is sold and replaced; slow stock ties up cash"),
    "debt_to_tangible_net_worth": ("total liabilities / (equity - intangible assets)",
                                   "debt per yuan of the owners' tangible stake; +inf when "
                                   "tangible net worth is 0 or negative"),
    "gross_margin": ("(revenue - cost of sales) / revenue",
                     "room left to cover expenses, interest and the bills we send"),
    "return_on_investment": ("net income / total assets",
                             "profit earned on the capital invested in the business"),
})

RATIOS: pd.DataFrame = pd.DataFrame([
    ("quick_ratio", "速动比率", "higher", 1.0, 0.7, "times"),
    ("receivables_days", "应收账款周转期", "lower", 45.0, 75.0, "days"),
    ("inventory_turnover", "存货周转率", "higher", 8.0, 4.0, "times a year"),
    ("debt_to_tangible_net_worth", "有形净值债务率", "lower", 1.0, 2.0, "times"),
    ("gross_margin", "毛利率", "higher", 0.25, 0.15, "share"),
    ("return_on_investment", "投资报酬率", "higher", 0.08, 0.02, "share"),
], columns=["ratio", "chinese", "better", "strong", "weak", "unit"]).set_index("ratio")
RATIOS.insert(1, "formula", [_RATIO_TEXTS[r][0] for r in RATIOS.index])
RATIOS["meaning"] = [_RATIO_TEXTS[r][1] for r in RATIOS.index]
RATIOS.insert(1, "deck_term", ["速动比率", "应收帐款周转期", "存货周转率", "有形净值债务率",
                               "经营毛利率", "投资报酬率"])
"""The six ratios of 《客户管理》第三章 (财务比率分析): formula, direction and bands.

``chinese`` is the standard term, ``deck_term`` the deck's own wording (it writes 帐 for 账 and
经营毛利率 for the gross margin). The deck names the ratios only: the formulas and the bands are
the course's. Balances are year-end balances (see :func:`financial_ratios`).

A value at least as good as ``strong`` is *strong*, one worse than ``weak`` is *weak*, the rest
*adequate* (:data:`RATIO_LABELS`); ``better`` is ``higher`` or ``lower``. The bands are rules
of thumb of credit analysis (the acid test of 1 for the quick ratio, debt at most twice
tangible net worth, ...) for a trading or manufacturing customer; compare with the customer's
industry before acting on them.
"""

RATIO_LABELS: tuple[str, ...] = ("strong", "adequate", "weak")
"""The labels :func:`interpret_ratios` gives a ratio, best first."""

_EXTENDED = ("interest_cover", "asset_turnover", "equity_ratio", "cash_flow_cover")



_NOT_NEGATIVE = ("revenue", "cost_of_sales", "receivables", "inventory", "current_assets",
                 "current_liabilities", "total_liabilities", "intangible_assets", "total_assets")
_DIVISORS = ("revenue", "inventory", "current_liabilities", "total_assets")


def financial_ratios(financials: pd.DataFrame, *, extended: bool = False) -> pd.DataFrame:
    """The six financial ratios of 《客户管理》第三章 per customer and fiscal year.

    Columns ``customer_id, year`` and (see :data:`RATIOS`):

    * ``quick_ratio`` = (current assets - inventory) / current liabilities;
    * ``receivables_days`` = receivables / revenue x 365 (receivables turnover period, days);
    * ``inventory_turnover`` = cost of sales / year-end inventory (times a year);
    * ``debt_to_tangible_net_worth`` = total liabilities / (equity - intangible assets), set to
      ``+inf`` when tangible net worth is zero or negative (the debt is not covered at all);
    * ``gross_margin`` = (revenue - cost of sales) / revenue;
    * ``return_on_investment`` = net income / total assets.

    Balances are year-end balances of the same statement, for every ratio and every year: a
    credit file often holds a single statement, and the rating of :mod:`helpers.rating` reads
    the latest statement alone. Inventory turnover in particular is cost of sales over the
    *year-end* inventory, not over the average of opening and closing inventory that many
    textbooks use when two balance sheets are at hand (the two differ when the stock grows or
    shrinks during the year; the year-end version also works for a customer's first
    statement). With ``extended=True`` four more columns used by the rating scheme:
    ``interest_cover`` = (net income + income tax + interest) / interest (EBIT / interest;
    +inf without interest), ``asset_turnover`` = revenue / total assets, ``equity_ratio`` =
    equity / total assets and ``cash_flow_cover`` = operating cash flow / current liabilities.
    Statement items are finite numbers; balances and costs are not negative (net income,
    equity and operating cash flow may be), ``year`` a whole number from 1900 to 2200, one
    row per customer and year.
    Source: the six ratios named in 《客户管理》第三章 (财务比率分析: 速动比率, 应收帐款周转期,
    存货周转率, 有形净值债务率, 经营毛利率, 投资报酬率); the formulas are the course's, as in
    Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 28.

    >>> statement = pd.DataFrame([{
    ...     "customer_id": 7, "year": 2023, "revenue": 1000.0, "cost_of_sales": 750.0,
    ...     "net_income": 40.0, "receivables": 150.0, "inventory": 100.0, "current_assets": 400.0,
    ...     "current_liabilities": 250.0, "total_liabilities": 450.0, "equity": 350.0,
    ...     "intangible_assets": 50.0, "total_assets": 800.0}])
    >>> financial_ratios(statement).iloc[0, 2:].round(3).tolist()
    [1.2, 54.75, 7.5, 1.5, 0.25, 0.05]
    """
    extended = check_bool(extended, "extended")
    columns = list(STATEMENT_COLUMNS)
    if extended:
        columns += ["income_tax", "interest_expense", "operating_cash_flow"]
    require_frame(financials, "financials", columns)
    require_no_nan(financials["customer_id"], "financials['customer_id']")
    year = numeric_column(financials, "year", "financials", integer=True, low=1900, high=2200)
    lower = _NOT_NEGATIVE + (("interest_expense", "income_tax") if extended else ())
    data = pd.DataFrame({c: numeric_column(financials, c, "financials",
                                           low=0 if c in lower else None)
                         for c in columns[2:]}, index=financials.index)
    for column in _DIVISORS:
        _require_positive(data[column], f"financials[{column!r}]")
    require_unique(financials, ["customer_id", "year"], "financials")
    quick_assets = data["current_assets"] - data["inventory"]
    if (quick_assets < 0).any():
        raise ValueError("financials: current_assets must not be less than inventory (inventory "
                         "is part of current assets); rows: "
                         f"{offenders(data[['current_assets', 'inventory']], quick_assets < 0)}")
    tangible = (data["equity"] - data["intangible_assets"]).to_numpy(dtype=float)
    debt = data["total_liabilities"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        debt_tnw = np.where(tangible > 0, debt / np.where(tangible > 0, tangible, 1.0), np.inf)
    out = pd.DataFrame({
        "customer_id": financials["customer_id"].to_numpy(),
        "year": year.astype(int).to_numpy(),
        "quick_ratio": (quick_assets / data["current_liabilities"]).to_numpy(),
        "receivables_days": (data["receivables"] / data["revenue"] * 365.0).to_numpy(),
        "inventory_turnover": (data["cost_of_sales"] / data["inventory"]).to_numpy(),
        "debt_to_tangible_net_worth": debt_tnw,
        "gross_margin": ((data["revenue"] - data["cost_of_sales"]) / data["revenue"]).to_numpy(),
        "return_on_investment": (data["net_income"] / data["total_assets"]).to_numpy(),
    }, index=financials.index)
    if extended:
        interest = data["interest_expense"].to_numpy(dtype=float)
        ebit = (data["net_income"] + data["income_tax"] + data["interest_expense"]).to_numpy(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            cover = np.where(interest > 0, ebit / np.where(interest > 0, interest, 1.0),
                             np.where(ebit >= 0, np.inf, -np.inf))
        out["interest_cover"] = cover
        out["asset_turnover"] = (data["revenue"] / data["total_assets"]).to_numpy()
        out["equity_ratio"] = (data["equity"] / data["total_assets"]).to_numpy()
        out["cash_flow_cover"] = (data["operating_cash_flow"]
                                  / data["current_liabilities"]).to_numpy()
    return out


def ratio_bands() -> pd.DataFrame:
    """The interpretation bands of the six ratios (a copy of :data:`RATIOS`, its ``formula``
    and ``meaning`` in the course's language).

    >>> ratio_bands().loc[["quick_ratio", "receivables_days"], ["better", "strong", "weak"]]
                     better  strong  weak
    ratio
    quick_ratio      higher     1.0   0.7
    receivables_days  lower    45.0  75.0
    """
    bands = RATIOS.copy()
    bands["formula"] = [_RATIO_TEXTS[r][0] for r in bands.index]
    bands["meaning"] = [_RATIO_TEXTS[r][1] for r in bands.index]
    return bands


def _check_bands(bands: object) -> pd.DataFrame:
    """Interpretation bands (as :data:`RATIOS`: one row per ratio, by index or a ``ratio``
    column) with ``better`` higher/lower and finite ``strong`` and ``weak`` in that order."""
    require_frame(bands, "bands", ["better", "strong", "weak"])
    if "ratio" in bands.columns:
        bands = bands.set_index("ratio")
    require_unique_index(bands, "bands", "one row per ratio")
    better = bands["better"]
    wrong = ~better.isin(["higher", "lower"])
    if wrong.any():
        raise ValueError(f"bands['better'] must be 'higher' or 'lower'; "
                         f"{offenders(better, wrong)}")
    limits = numeric_columns(bands, ["strong", "weak"], "bands")
    higher = (better == "higher").to_numpy()
    order = np.where(higher, limits["strong"] < limits["weak"], limits["strong"] > limits["weak"])
    if order.any():
        raise ValueError("bands: strong must lie on the better side of weak (strong >= weak where "
                         "higher is better, <= where lower is better); rows: "
                         f"{offenders(bands[['better', 'strong', 'weak']], order)}")
    return bands


def interpret_ratios(ratios: pd.DataFrame, bands: pd.DataFrame | None = None) -> pd.DataFrame:
    """Label each of the six ratios ``strong``, ``adequate`` or ``weak`` by its band.

    ``ratios`` is the output of :func:`financial_ratios` (extra columns are kept unchanged;
    an infinite ratio, such as the debt ratio without tangible net worth, is compared like any
    number); ``bands`` defaults to :data:`RATIOS` (columns ``better``, ``strong``, ``weak``).
    For a ratio where higher is better: strong if value >= strong, weak if value < weak, else
    adequate (the other way round where lower is better).
    Source: the financial ratio analysis of 《客户管理》第三章 (财务比率分析); the deck gives no
    bands: they are rules of thumb of credit analysis (e.g. the acid test of 1 for the quick ratio,
    Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 28), the course's choice.

    >>> ratios = pd.DataFrame({"quick_ratio": [1.2, 0.5], "gross_margin": [0.2, 0.3]})
    >>> interpret_ratios(ratios, ratio_bands().loc[["quick_ratio", "gross_margin"]])
      quick_ratio gross_margin
    0      strong     adequate
    1        weak       strong
    """
    require_frame(ratios, "ratios")
    bands = _check_bands(RATIOS if bands is None else bands)
    require_frame(ratios, "ratios", list(bands.index))
    out = ratios.copy()
    for ratio, band in bands.iterrows():
        values = numeric_column(ratios, ratio, "ratios", allow_inf=True)
        if band["better"] == "higher":
            strong, weak = values >= band["strong"], values < band["weak"]
        else:
            strong, weak = values <= band["strong"], values > band["weak"]
        good, middle, bad = RATIO_LABELS
        out[ratio] = np.select([strong, weak], [good, bad], middle)
    return out


# =============================================================================================
# linear (efficacy coefficient) scoring, shared with helpers.rating
# =============================================================================================

def _per_column(value: object, name: str, n: int) -> np.ndarray:
    """One finite number, or one per column (``n``), as a float array of length ``n``."""
    if np.ndim(value) == 0:
        return np.full(n, check_number(value, name))
    numbers = as_numeric_series(value, name).to_numpy()
    if len(numbers) not in (1, n):
        raise ValueError(f"{name} must be one number, or one per column of values ({n}), "
                         f"got {len(numbers)}")
    return np.broadcast_to(numbers, (n,))


def linear_points(values: pd.Series | pd.DataFrame | np.ndarray | Sequence[float],
                  worst: float | Sequence[float], best: float | Sequence[float],
                  points: float | Sequence[float] = 1.0, *, name: str = "values"
                  ) -> pd.Series | pd.DataFrame:
    """Points for a value on a straight line from ``worst`` (0 points) to ``best`` (all points).

    points x clip((value - worst) / (best - worst), 0, 1). ``best`` may lie below ``worst`` for an
    indicator where lower is better (days late, debt ratios). Infinite values are allowed and
    score 0 or all points. ``values`` may also be a DataFrame with one column per indicator;
    ``worst``, ``best`` and ``points`` then give one number per column (or one for all), and
    the result is a DataFrame of points. ``name`` names the values in error messages.
    This is the efficacy coefficient method (功效系数法) of Chinese performance-evaluation
    practice (e.g. the enterprise performance evaluation rules of China's Ministry of Finance),
    with a 0-point floor instead of its 60-point base.

    >>> linear_points([0.85, 0.1, 5.0], worst=0.5, best=1.2, points=4).tolist()
    [2.0, 0.0, 4.0]
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be text (it names the values in messages), got "
                        f"{type(name).__name__} {name!r}")
    if isinstance(values, pd.DataFrame):
        require_frame(values, name)
        frame = numeric_columns(values, values.columns, name, allow_inf=True)
    else:
        frame = as_numeric_series(values, name, allow_inf=True).to_frame()
    n = frame.shape[1]
    low, high, top = (_per_column(v, label, n) for v, label in
                      ((worst, "worst"), (best, "best"), (points, "points")))
    if (low == high).any():
        raise ValueError(f"worst and best must be different numbers; got worst={worst!r}, "
                         f"best={best!r}")
    if (top < 0).any():
        raise ValueError(f"points must not be negative, got {points!r}")
    with np.errstate(invalid="ignore", over="ignore"):
        share = np.clip((frame.to_numpy(dtype=float) - low) / (high - low), 0.0, 1.0)
    if isinstance(values, pd.DataFrame):
        return pd.DataFrame(share * top, index=frame.index, columns=frame.columns)
    return pd.Series(share[:, 0] * top[0], index=frame.index, name=frame.columns[0]
                     if isinstance(values, pd.Series) else None)

# =============================================================================================
# 5C analysis
# =============================================================================================

FIVE_C: tuple[str, ...] = ("character", "capacity", "capital", "collateral", "conditions")
"""The five Cs of 《客户管理》第三章 (“5C”分析法), in the deck's words: character 品质, capacity
能力, capital 资本, collateral 担保品 (standard 抵押), conditions 环境 (standard 条件)."""

FIVE_C_WEIGHTS: dict[str, float] = {"character": 0.30, "capacity": 0.25, "capital": 0.20,
                                    "collateral": 0.10, "conditions": 0.15}
"""Default weights of the five Cs in the total (character first: willingness to pay); the
course's choice, the deck gives none."""

DECISION_CUTS: dict[str, float] = {"approve": 65.0, "approve with conditions": 45.0}
"""A total of at least 65 approves, 45-65 approves with conditions (lower limit, security),
below 45 declines credit (cash in advance only)."""

DECISIONS: tuple[str, ...] = ("approve", "approve with conditions", "decline (cash only)")
"""The decisions of :func:`five_c_scores`, from the best total down (:data:`DECISION_CUTS`)."""

_FIVE_C_MEANING: dict[str, str] = language.texts({
    "management_rating": "management quality judged by the sales team (1-5)",
    "bank_rating_score": "bank's rating, D=1 ... A=4",
    "legal_disputes": "legal disputes in the last three years",
    "years_in_business": "years since founding",
    "quick_ratio": "(current assets - inventory) / current liabilities",
    "interest_cover": "EBIT / interest expense",
    "cash_flow_cover": "operating cash flow / current liabilities",
    "debt_to_tangible_net_worth": "total liabilities / tangible net worth",
    "equity_ratio": "equity / total assets",
    "collateral_cover": "collateral value / credit limit",
    "guarantor": "a third party guarantees the debt (0/1)",
    "industry_outlook": "outlook of the customer's industry (1-5)",
    "revenue_growth": "revenue growth on the year before",
})
"""What each 5C indicator measures, in the course's language."""

_FIVE_C_TABLE = pd.DataFrame([
    ("character", "management_rating", 1.0, 5.0, 1.0),
    ("character", "bank_rating_score", 1.0, 4.0, 1.0),
    ("character", "legal_disputes", 3.0, 0.0, 1.0),
    ("character", "years_in_business", 1.0, 20.0, 1.0),
    ("capacity", "quick_ratio", 0.5, 1.2, 1.0),
    ("capacity", "interest_cover", 1.0, 8.0, 1.0),
    ("capacity", "cash_flow_cover", 0.0, 0.6, 1.0),
    ("capital", "debt_to_tangible_net_worth", 3.0, 0.8, 1.0),
    ("capital", "equity_ratio", 0.05, 0.6, 1.0),
    ("collateral", "collateral_cover", 0.0, 1.0, 2.0),
    ("collateral", "guarantor", 0.0, 1.0, 1.0),
    ("conditions", "industry_outlook", 1.0, 5.0, 2.0),
    ("conditions", "revenue_growth", -0.10, 0.10, 1.0),
], columns=["c", "indicator", "worst", "best", "weight"])
_FIVE_C_TABLE.insert(2, "meaning", _FIVE_C_TABLE["indicator"].map(_FIVE_C_MEANING))

_BANK_SCORE = {"A": 4.0, "B": 3.0, "C": 2.0, "D": 1.0}


_PROFILE_COLUMNS = ["customer_id", "management_rating", "bank_rating", "legal_disputes",
                    "years_in_business", "collateral_value", "guarantor", "industry_outlook"]


def five_c_indicators() -> pd.DataFrame:
    """The documented indicators of each C: meaning (in the course's language), worst and best
    value, weight within the C.

    Each indicator is scored 0-1 by :func:`linear_points` between ``worst`` and ``best``; a C's
    score is the weighted mean of its indicators x 100.

    >>> five_c_indicators().groupby("c", sort=False).size().to_dict()
    {'character': 4, 'capacity': 3, 'capital': 2, 'collateral': 2, 'conditions': 2}
    """
    table = _FIVE_C_TABLE.copy()
    table["meaning"] = table["indicator"].map(_FIVE_C_MEANING)
    return table


def _five_c_weights(weights: object) -> pd.Series:
    """The weights of the five Cs (a dict or Series), checked and normalised to sum 1."""
    if not isinstance(weights, (Mapping, pd.Series)):
        raise TypeError(f"weights must be a dict of the five Cs, e.g. {FIVE_C_WEIGHTS}, got "
                        f"{type(weights).__name__}")
    w = weights if isinstance(weights, pd.Series) else pd.Series(dict(weights), dtype=object)
    if sorted(map(str, w.index)) != sorted(FIVE_C) or w.index.has_duplicates:
        raise ValueError(f"weights must have exactly the keys {list(FIVE_C)}, got {list(w.index)}")
    w = as_numeric_series(w.infer_objects(), "weights", low=0)
    if w.sum() <= 0:
        raise ValueError("weights sum to 0: give at least one C a positive weight")
    return w / w.sum()


def _profiles(profiles: object) -> pd.DataFrame:
    """The credit file's columns for the 5C, checked: numbers in their ranges, bank ratings
    A-D, the guarantor True/False (or 0/1), one row per customer."""
    require_frame(profiles, "profiles", _PROFILE_COLUMNS)
    require_no_nan(profiles[["customer_id", "bank_rating", "guarantor"]], "profiles")
    guarantor = profiles["guarantor"]
    if not pd.api.types.is_bool_dtype(guarantor):
        if not pd.api.types.is_numeric_dtype(guarantor):
            raise TypeError(f"profiles['guarantor'] must be True/False (or 0/1), got dtype "
                            f"{guarantor.dtype}")
        guarantor = numeric_column(profiles, "guarantor", "profiles", low=0, high=1)
    checked = pd.DataFrame({
        "management_rating": numeric_column(profiles, "management_rating", "profiles", low=1,
                                            high=5),
        "legal_disputes": numeric_column(profiles, "legal_disputes", "profiles", low=0),
        "years_in_business": numeric_column(profiles, "years_in_business", "profiles", low=0),
        "collateral_value": numeric_column(profiles, "collateral_value", "profiles", low=0),
        "industry_outlook": numeric_column(profiles, "industry_outlook", "profiles", low=1,
                                           high=5),
        "guarantor": guarantor.astype(float),
    }, index=profiles.index)
    bad_bank = ~profiles["bank_rating"].isin(list(_BANK_SCORE))
    if bad_bank.any():
        raise ValueError(f"profiles['bank_rating'] must be one of A, B, C, D; "
                         f"{offenders(profiles['bank_rating'], bad_bank)}")
    require_unique(profiles, ["customer_id"], "profiles")
    checked["bank_rating_score"] = profiles["bank_rating"].map(_BANK_SCORE).astype(float)
    checked.index = pd.Index(profiles["customer_id"])
    return checked


def five_c_scores(financials: pd.DataFrame, profiles: pd.DataFrame, customers: pd.DataFrame,
                  year: int, *, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """5C analysis (5C 分析) of every credit customer from its fiscal-``year`` statement.

    Inputs: ``financials`` (statements, see :func:`financial_ratios`; fiscal years ``year`` and
    ``year - 1`` for the revenue growth), ``profiles`` (the case company's
    ``credit_profiles``: management rating 1-5, legal disputes, bank rating A-D, years in
    business, collateral value, guarantor, industry outlook 1-5) and ``customers``
    (``customer_id, credit_limit``, one row per customer, limits finite and not negative).
    Each C is scored 0-100 from the indicators of :func:`five_c_indicators`; ``total`` is the
    weighted mean with ``weights`` (default :data:`FIVE_C_WEIGHTS`, normalised to sum 1) and
    ``decision`` follows :data:`DECISION_CUTS`. Returns one row per customer in ``profiles``.
    Source: the 5C analysis (“5C”分析法) of 《客户管理》第三章, which names the five Cs only
    (品质, 能力, 资本, 担保品, 环境; standard 抵押 and 条件 for the last two): the indicators,
    weights and cuts are the course's; the five Cs of credit as in Brealey, Myers & Allen,
    *Principles of Corporate Finance*, ch. 30.

    >>> item = {"customer_id": 7, "revenue": 1000.0, "cost_of_sales": 750.0,
    ...         "net_income": 40.0, "receivables": 150.0, "inventory": 100.0,
    ...         "current_assets": 400.0, "current_liabilities": 250.0, "total_liabilities": 450.0,
    ...         "equity": 350.0, "intangible_assets": 50.0, "total_assets": 800.0,
    ...         "income_tax": 10.0, "interest_expense": 20.0, "operating_cash_flow": 50.0}
    >>> statements = pd.DataFrame([{**item, "year": 2023}, {**item, "year": 2022,
    ...                                                     "revenue": 800.0}])
    >>> profile = pd.DataFrame({"customer_id": [7], "management_rating": [4],
    ...     "bank_rating": ["B"], "legal_disputes": [1], "years_in_business": [11],
    ...     "collateral_value": [350.0], "guarantor": [True], "industry_outlook": [3]})
    >>> limit = pd.DataFrame({"customer_id": [7], "credit_limit": [700.0]})
    >>> five_c_scores(statements, profile, limit, 2023)[["character", "total", "decision"]]
       character      total                 decision
    0  65.241228  64.189973  approve with conditions
    """
    year = check_int(year, "year", 1901, 2200)
    prof = _profiles(profiles)
    require_frame(customers, "customers", ["customer_id", "credit_limit"])
    require_no_nan(customers["customer_id"], "customers['customer_id']")
    limits = numeric_column(customers, "credit_limit", "customers", low=0)
    require_unique(customers, ["customer_id"], "customers")
    w = _five_c_weights(FIVE_C_WEIGHTS if weights is None else weights)
    ratios = financial_ratios(financials, extended=True)
    this = ratios[ratios["year"] == year].set_index("customer_id")
    revenue = pd.Series(financials["revenue"].to_numpy(dtype=float),
                        index=pd.MultiIndex.from_arrays([ratios["customer_id"], ratios["year"]]))
    ids = prof.index
    missing = ids.difference(this.index)
    prior = pd.MultiIndex.from_arrays([ids, np.full(len(ids), year - 1)])
    missing_prior = ids[~prior.isin(revenue.index)]
    if len(missing) or len(missing_prior):
        raise ValueError(f"financials lack fiscal year {year} (or {year - 1}, for the revenue "
                         f"growth) of customer(s) "
                         f"{sorted(set(missing) | set(missing_prior))[:5]}")
    limits = pd.Series(limits.to_numpy(), index=pd.Index(customers["customer_id"]))
    missing_limit = ids.difference(limits.index)
    if len(missing_limit):
        raise ValueError(f"customers lacks the credit_limit of customer(s) "
                         f"{list(missing_limit[:5])}")
    limit = limits.reindex(ids).to_numpy(dtype=float)
    collateral = prof["collateral_value"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        cover = np.where(collateral <= 0, 0.0,
                         np.where(limit > 0, collateral / np.where(limit > 0, limit, 1.0), np.inf))
    current_rev = revenue.reindex(pd.MultiIndex.from_arrays([ids, np.full(len(ids), year)]))
    indicators = pd.DataFrame({
        "management_rating": prof["management_rating"].to_numpy(),
        "bank_rating_score": prof["bank_rating_score"].to_numpy(),
        "legal_disputes": prof["legal_disputes"].to_numpy(),
        "years_in_business": prof["years_in_business"].to_numpy(),
        "quick_ratio": this["quick_ratio"].reindex(ids).to_numpy(),
        "interest_cover": this["interest_cover"].reindex(ids).to_numpy(),
        "cash_flow_cover": this["cash_flow_cover"].reindex(ids).to_numpy(),
        "debt_to_tangible_net_worth": this["debt_to_tangible_net_worth"].reindex(ids).to_numpy(),
        "equity_ratio": this["equity_ratio"].reindex(ids).to_numpy(),
        "collateral_cover": cover,
        "guarantor": prof["guarantor"].to_numpy(),
        "industry_outlook": prof["industry_outlook"].to_numpy(),
        "revenue_growth": current_rev.to_numpy() / revenue.reindex(prior).to_numpy() - 1.0,
    }, index=ids)
    out = pd.DataFrame(index=ids)
    for c in FIVE_C:
        rows = _FIVE_C_TABLE[_FIVE_C_TABLE["c"] == c]
        points = sum(linear_points(indicators[r.indicator], r.worst, r.best, r.weight)
                     for r in rows.itertuples())
        out[c] = 100.0 * points / rows["weight"].sum()
    out["total"] = out[list(FIVE_C)].to_numpy() @ w.reindex(list(FIVE_C)).to_numpy()
    approve, conditional, decline = DECISIONS
    out["decision"] = np.select(
        [out["total"] >= DECISION_CUTS[approve], out["total"] >= DECISION_CUTS[conditional]],
        [approve, conditional], decline)
    return out.reset_index()


# =============================================================================================
# weight of evidence: the scorecard helpers of chapter 12, reachable from here as well
# =============================================================================================

_SCORECARD_NAMES = ("woe_table", "information_value", "iv_strength", "iv_summary")
"""Scorecard functions that credit analysis uses on its own data; they live in
:mod:`helpers.binning` (WOE = ln(dist_good / dist_bad), see its docstring) and are imported
on first use, so ``credit.woe_table`` is ``binning.woe_table``."""


def __getattr__(name: str) -> object:
    if name in _SCORECARD_NAMES:
        from . import binning

        value = getattr(binning, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SCORECARD_NAMES))
