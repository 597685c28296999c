"""Credit management I (客户信用管理): receivables, financial ratios and 5C analysis (chapter 11).

Selling on credit (赊销) is the core of credit management; its two goals are fewer bad debts
(坏账) and a lower DSO (销售变现天数, days sales outstanding), so that sales turn into cash
sooner. This module holds the chapter's formulas, in sections:

* **Receivables** (应收账款): :func:`receivables_at` (what is outstanding on given days),
  :func:`dso` (standard and count-back methods, the latter worked out month by month in
  :func:`count_back_table`), :func:`ageing_schedule` (current, 1-30, 31-60,
  61-90, > 90 days past due), :func:`bad_debt_rate` and
  :func:`collection_effectiveness_index`.
* **Financial ratio analysis** (财务比率分析): :func:`financial_ratios` (the six ratios of the
  lecture from a customer's statements), :func:`ratio_bands` and :func:`interpret_ratios`
  (strong / adequate / weak).
* **5C analysis** (5C 分析): :func:`five_c_indicators` (the documented indicators behind each
  C), :func:`five_c_scores` (each C scored 0-100, a weighted total and a credit decision).
* :func:`linear_points`, the scoring rule shared with the rating scheme of :mod:`helpers.rating`.
* Weight of evidence and information value (证据权重, 信息值): :func:`woe_table`,
  :func:`information_value`, :func:`iv_strength` and :func:`iv_summary` live in
  :mod:`helpers.scorecard` (chapter 12) and are reachable here too, loaded on first use.

Conventions: money in CNY, periods in days, rates as fractions (0.25 = 25 %). A day ``at``
means the *start* of that day: an invoice issued or paid before ``at`` is known at ``at``.
Bad input raises a ``ValueError`` or ``TypeError`` that names the argument or column, the rule
broken and a few offending rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .validation import (_offenders, as_numeric_series, require_columns, require_frame,
                         require_no_nan, require_nonnegative)

__all__ = [
    "INVOICE_COLUMNS", "AGEING_BUCKETS", "validate_invoices", "receivables_at",
    "count_back_table", "dso",
    "ageing_schedule", "bad_debt_rate", "collection_effectiveness_index",
    "STATEMENT_COLUMNS", "RATIOS", "financial_ratios", "ratio_bands", "interpret_ratios",
    "linear_points", "FIVE_C", "FIVE_C_WEIGHTS", "five_c_indicators", "five_c_scores",
    "DECISION_CUTS", "woe_table", "information_value", "iv_strength", "iv_summary",
]

# =============================================================================================
# shared checks
# =============================================================================================


def _require_positive(series: pd.Series, name: str) -> None:
    mask = series <= 0
    if mask.any():
        raise ValueError(f"{name} must be positive (it divides); {int(mask.sum())} value(s) "
                         f"are not: {_offenders(series, mask)}")


def _require_unique(frame: pd.DataFrame, keys: list[str], name: str) -> None:
    mask = frame.duplicated(keys, keep=False)
    if mask.any():
        raise ValueError(f"{name} must have one row per {' and '.join(keys)}; "
                         f"{int(mask.sum())} rows repeat a key: "
                         f"{_offenders(frame[keys], mask)}")


def _as_day(at: object, name: str = "at") -> pd.Timestamp:
    """``at`` (a date string, Timestamp or Period) as a Timestamp at midnight."""
    if isinstance(at, pd.Period):
        return at.start_time.normalize()
    try:
        day = pd.Timestamp(at)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be a date (e.g. '2024-12-31'), got {at!r}") from error
    if pd.isna(day):
        raise ValueError(f"{name} must be a date, got a missing value ({at!r})")
    return day.normalize()


# =============================================================================================
# receivables
# =============================================================================================

INVOICE_COLUMNS: tuple[str, ...] = ("customer_id", "invoice_date", "due_date", "amount",
                                    "paid_date", "written_off")
"""Columns every receivables function needs (the case company's ``invoices`` table)."""

AGEING_BUCKETS: tuple[str, ...] = ("current", "1-30", "31-60", "61-90", ">90")
"""Ageing buckets by days past the due date: not yet due, 1-30, 31-60, 61-90 and over 90."""


def validate_invoices(invoices: pd.DataFrame, name: str = "invoices") -> pd.DataFrame:
    """Check an invoice table and return it with datetime columns; raise on bad rows.

    Rules: the columns of :data:`INVOICE_COLUMNS`; no missing customer, dates or amounts (only
    ``paid_date`` may be empty: unpaid); amounts not negative; due date not before the invoice
    date; paid date not before the invoice date (paid before issued); a written-off invoice has
    no paid date.
    """
    require_frame(invoices, name)
    require_columns(invoices, INVOICE_COLUMNS, name)
    frame = invoices.loc[:, list(INVOICE_COLUMNS)].copy()
    require_no_nan(frame[["customer_id", "invoice_date", "due_date", "amount", "written_off"]],
                   name)
    for column in ("invoice_date", "due_date", "paid_date"):
        if not pd.api.types.is_datetime64_any_dtype(frame[column]):
            try:
                frame[column] = pd.to_datetime(frame[column])
            except (TypeError, ValueError) as error:
                raise TypeError(f"{name}[{column!r}] must hold dates: {error}") from error
    amount = frame["amount"]
    if not pd.api.types.is_numeric_dtype(amount) or pd.api.types.is_bool_dtype(amount):
        raise TypeError(f"{name}['amount'] must be numeric, got dtype {amount.dtype}")
    require_nonnegative(amount, f"{name}['amount']")
    if not pd.api.types.is_bool_dtype(frame["written_off"]):
        raise TypeError(f"{name}['written_off'] must be True/False, got dtype "
                        f"{frame['written_off'].dtype}")
    early_due = frame["due_date"] < frame["invoice_date"]
    if early_due.any():
        raise ValueError(f"{name}: due_date must not be before invoice_date (dates out of "
                         f"order); {int(early_due.sum())} row(s): "
                         f"{_offenders(frame[['invoice_date', 'due_date']], early_due)}")
    early_paid = frame["paid_date"] < frame["invoice_date"]
    if early_paid.any():
        raise ValueError(f"{name}: paid_date must not be before invoice_date (paid before "
                         f"issued); {int(early_paid.sum())} row(s): "
                         f"{_offenders(frame[['invoice_date', 'paid_date']], early_paid)}")
    both = frame["written_off"] & frame["paid_date"].notna()
    if both.any():
        raise ValueError(f"{name}: a written-off invoice cannot have a paid_date; "
                         f"{int(both.sum())} row(s): "
                         f"{_offenders(frame[['paid_date', 'written_off']], both)}")
    return frame


def _outstanding_mask(frame: pd.DataFrame, days: pd.DatetimeIndex) -> np.ndarray:
    """Invoices x days: True where the invoice is open at the start of the day.

    Open = issued before the day and not paid before it. Written-off invoices are bad debts,
    not receivables, and are never counted as open.
    """
    issued = frame["invoice_date"].to_numpy()[:, None] < days.to_numpy()[None, :]
    paid = frame["paid_date"].to_numpy()
    settled = ~np.isnat(paid)[:, None] & (paid[:, None] < days.to_numpy()[None, :])
    return issued & ~settled & ~frame["written_off"].to_numpy()[:, None]


def receivables_at(invoices: pd.DataFrame, days: Sequence[object] | object,
                   *, overdue_only: bool = False) -> pd.Series:
    """Accounts receivable (应收账款) outstanding at the start of each of ``days``, in CNY.

    An invoice is outstanding from its invoice date until it is paid; a written-off invoice is
    a bad debt and is left out (see :func:`bad_debt_rate`). With ``overdue_only`` only invoices
    past their due date count (used by the collection effectiveness index).
    """
    frame = validate_invoices(invoices)
    index = pd.DatetimeIndex([_as_day(d, "days") for d in np.atleast_1d(np.asarray(days,
                                                                                   dtype=object))])
    mask = _outstanding_mask(frame, index)
    if overdue_only:
        mask &= frame["due_date"].to_numpy()[:, None] < index.to_numpy()[None, :]
    amounts = frame["amount"].to_numpy(dtype=float)
    return pd.Series(amounts @ mask, index=pd.Index(index, name="date"), name="receivables")


def _monthly_sales(frame: pd.DataFrame, at: pd.Timestamp, months: int) -> pd.Series:
    # month edges counted back from `at` itself (2024-03-31 -> 2024-02-29 -> 2024-01-31 ...)
    edges = pd.DatetimeIndex([at - pd.DateOffset(months=k) for k in range(months, -1, -1)])
    start = edges[0]
    window = frame[(frame["invoice_date"] >= start) & (frame["invoice_date"] < at)]
    month = np.searchsorted(edges.to_numpy(), window["invoice_date"].to_numpy(), side="right") - 1
    sales = np.bincount(month, weights=window["amount"].to_numpy(dtype=float), minlength=months)
    days = np.diff(edges.to_numpy()).astype("timedelta64[D]").astype(int)
    return pd.DataFrame({"start": edges[:-1], "days": days, "sales": sales[:months]})


def count_back_table(invoices: pd.DataFrame, at: object, *, months: int = 12) -> pd.DataFrame:
    """The count-back DSO worked out month by month, at the start of day ``at``.

    The receivables at ``at`` are matched against the sales of the most recent month first,
    then the month before, and so on (months are counted back from ``at``: from 2024-07-01 they
    are June, May, ...; from 2024-03-31 they are [02-29, 03-31), [01-31, 02-29), ...). A month
    whose sales are fully absorbed adds all its days; the month that absorbs the rest adds
    ``share`` = rest / its sales of its days; a month without sales is passed through whole
    while receivables are left. One row per month used, most recent first: ``start``, ``end``
    (the month [start, end)), ``days``, ``sales``, ``receivables_left`` (still to match when
    the month is reached), ``absorbed``, ``share`` and ``days_counted``; their sum of
    ``days_counted`` is the count-back DSO of :func:`dso`.
    Source: the count-back method as in Edwards, *Credit Management Handbook* (Gower) and
    Credit Research Foundation practice notes.
    """
    frame = validate_invoices(invoices)
    day = _as_day(at)
    if isinstance(months, bool) or not isinstance(months, (int, np.integer)) or months < 1:
        raise ValueError(f"months must be a positive whole number, got {months!r}")
    receivables = float(receivables_at(frame, [day]).iloc[0])
    monthly = _monthly_sales(frame, day, int(months)).iloc[::-1].reset_index(drop=True)
    sales = monthly["sales"].to_numpy()
    before = np.concatenate([[0.0], np.cumsum(sales)[:-1]])
    left = np.clip(receivables - before, 0.0, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(sales > 0, np.minimum(left / np.where(sales > 0, sales, 1.0), 1.0),
                         np.where(left > 0, 1.0, 0.0))
    if left[-1] > sales[-1] + 1e-9:
        raise ValueError(f"receivables at {day:%Y-%m-%d} exceed the sales of the last "
                         f"{months} months: count back over more months")
    table = pd.DataFrame({
        "start": monthly["start"], "end": monthly["start"] + pd.to_timedelta(monthly["days"],
                                                                             unit="D"),
        "days": monthly["days"], "sales": sales, "receivables_left": left,
        "absorbed": np.minimum(left, sales), "share": share,
        "days_counted": share * monthly["days"].to_numpy(),
    })
    used = int(np.flatnonzero(share > 0)[-1]) + 1 if (share > 0).any() else 1
    return table.iloc[:used]


def dso(invoices: pd.DataFrame, at: object, *, method: str = "standard",
        period_days: int = 90, months: int = 12) -> float:
    """Days sales outstanding (DSO, 销售变现天数) at the start of day ``at``.

    ``method="standard"``: DSO = receivables at ``at`` / sales invoiced in the ``period_days``
    days before ``at`` x ``period_days``. A strong sales month raises the receivables more than
    the period's sales, so it raises this DSO even when every customer pays as before.
    ``method="count-back"``: the receivables are matched against monthly sales, going back from
    the most recent month; each fully absorbed month adds its days, the month that absorbs the
    rest adds the matching fraction of its days (worked out in :func:`count_back_table`). It
    is not distorted by a sales peak in the period.
    Source: the credit-management lecture; count-back method as in Edwards, *Credit
    Management Handbook* (Gower) and Credit Research Foundation practice notes.
    """
    frame = validate_invoices(invoices)
    day = _as_day(at)
    if method == "standard":
        if (isinstance(period_days, bool) or not isinstance(period_days, (int, np.integer))
                or period_days < 1):
            raise ValueError(f"period_days must be a positive whole number, got {period_days!r}")
        receivables = float(receivables_at(frame, [day]).iloc[0])
        start = day - pd.Timedelta(days=int(period_days))
        sales = frame.loc[(frame["invoice_date"] >= start) & (frame["invoice_date"] < day),
                          "amount"].sum()
        if sales <= 0:
            raise ValueError(f"no sales were invoiced in the {period_days} days before "
                             f"{day:%Y-%m-%d}: DSO is undefined")
        return float(receivables / sales * period_days)
    if method == "count-back":
        return float(count_back_table(frame, day, months=months)["days_counted"].sum())
    raise ValueError(f"method must be 'standard' or 'count-back', got {method!r}")


def _days_past_due(frame: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    return (day - frame["due_date"]).dt.days


def ageing_schedule(invoices: pd.DataFrame, at: object, *, by: str | None = None
                    ) -> pd.DataFrame:
    """Receivables ageing schedule (账龄分析表) at the start of day ``at``.

    Every invoice open at ``at`` (see :func:`receivables_at`) goes into a bucket by its days past
    due = ``at`` - due date: ``current`` (not yet due, <= 0), ``1-30``, ``31-60``, ``61-90`` and
    ``>90``. Returns one row per bucket with ``invoices`` (count), ``amount`` (CNY) and
    ``share`` of the amount; with ``by="customer_id"`` one row per customer and a column per
    bucket (amounts), plus ``total``. All five buckets are always present (0 when empty).
    Source: the standard receivables ageing schedule of credit management (e.g. Brealey, Myers
    & Allen, *Principles of Corporate Finance*, ch. 30).
    """
    frame = validate_invoices(invoices)
    day = _as_day(at)
    open_ = frame[_outstanding_mask(frame, pd.DatetimeIndex([day]))[:, 0]]
    past_due = _days_past_due(open_, day)
    bucket = pd.Categorical(
        pd.cut(past_due, [-np.inf, 0, 30, 60, 90, np.inf], labels=list(AGEING_BUCKETS)),
        categories=list(AGEING_BUCKETS))
    open_ = open_.assign(bucket=bucket)
    if by is None:
        table = open_.groupby("bucket", observed=False)["amount"].agg(["count", "sum"])
        table = table.reindex(list(AGEING_BUCKETS), fill_value=0)
        table.columns = ["invoices", "amount"]
        total = table["amount"].sum()
        table["share"] = table["amount"] / total if total > 0 else 0.0
        table.index.name = "bucket"
        return table
    if by not in frame.columns:
        raise ValueError(f"by must be a column of invoices such as 'customer_id', got {by!r}")
    wide = open_.pivot_table(index=by, columns="bucket", values="amount", aggfunc="sum",
                             observed=False, fill_value=0.0)
    wide = wide.reindex(columns=list(AGEING_BUCKETS), fill_value=0.0)
    wide.columns = pd.Index(list(AGEING_BUCKETS), name="bucket")
    wide["total"] = wide.sum(axis=1)
    return wide


def bad_debt_rate(invoices: pd.DataFrame, *, by: str = "year") -> pd.DataFrame:
    """Bad-debt rate (坏账率) = written-off amount / amount invoiced, per year of invoice.

    ``by="year"`` groups by the invoice year, ``by="customer_id"`` by customer. Returns
    ``invoiced``, ``written_off`` (CNY) and ``bad_debt_rate``.
    Source: the credit-management lecture: goal 1, fewer bad-debt losses.
    """
    frame = validate_invoices(invoices)
    if by == "year":
        key = frame["invoice_date"].dt.year.rename("year")
    elif by in frame.columns:
        key = frame[by]
    else:
        raise ValueError(f"by must be 'year' or a column of invoices, got {by!r}")
    table = pd.DataFrame({
        "invoiced": frame["amount"].groupby(key).sum(),
        "written_off": frame["amount"].where(frame["written_off"], 0.0).groupby(key).sum(),
    })
    if (table["invoiced"] <= 0).any():
        bad = table.index[table["invoiced"] <= 0].tolist()[:5]
        raise ValueError(f"nothing was invoiced for {by} {bad}: a bad-debt rate is undefined")
    table["bad_debt_rate"] = table["written_off"] / table["invoiced"]
    return table


def collection_effectiveness_index(invoices: pd.DataFrame, periods: Sequence[object]
                                   ) -> pd.DataFrame:
    """Collection effectiveness index (CEI) per period between consecutive ``periods`` dates.

    For the period [start, end): CEI = (B + S - E) / (B + S - E_current), where B = receivables
    at the start, S = sales invoiced in the period, E = receivables at the end and E_current =
    the part of E not yet due. 1 (100 %) means every collectable invoice was collected.
    Written-off invoices leave the receivables and so count as collected *amounts*; read the CEI
    together with :func:`bad_debt_rate`.
    Source: Credit Research Foundation; e.g. Schaeffer, *Essentials of Credit, Collections, and
    Accounts Receivable* (Wiley, 2002).
    """
    frame = validate_invoices(invoices)
    days = pd.DatetimeIndex([_as_day(p, "periods") for p in periods])
    if len(days) < 2:
        raise ValueError("periods needs at least two dates (the start and end of a period)")
    if not days.is_monotonic_increasing or days.has_duplicates:
        raise ValueError(f"periods must be increasing dates; got "
                         f"{list(days.strftime('%Y-%m-%d'))}")
    total = receivables_at(frame, days).to_numpy()
    overdue = receivables_at(frame, days, overdue_only=True).to_numpy()
    edges = np.searchsorted(days.to_numpy(), frame["invoice_date"].to_numpy(), side="right") - 1
    inside = (edges >= 0) & (edges < len(days) - 1)
    sales = np.bincount(edges[inside], weights=frame["amount"].to_numpy(dtype=float)[inside],
                        minlength=len(days) - 1)[: len(days) - 1]
    begin, end, end_overdue = total[:-1], total[1:], overdue[1:]
    end_current = end - end_overdue
    collectable = begin + sales - end_current
    if (collectable <= 0).any():
        raise ValueError("a period has nothing collectable (B + S - E_current <= 0): CEI is "
                         "undefined there; use longer periods")
    return pd.DataFrame({
        "start": days[:-1], "end": days[1:], "begin_receivables": begin, "sales": sales,
        "end_receivables": end, "end_current": end_current,
        "cei": (begin + sales - end) / collectable,
    })


# =============================================================================================
# financial ratio analysis
# =============================================================================================

STATEMENT_COLUMNS: tuple[str, ...] = (
    "customer_id", "year", "revenue", "cost_of_sales", "net_income", "receivables",
    "inventory", "current_assets", "current_liabilities", "total_liabilities", "equity",
    "intangible_assets", "total_assets")
"""Statement items :func:`financial_ratios` needs (the case company's ``financials`` table)."""

RATIOS: pd.DataFrame = pd.DataFrame([
    ("quick_ratio", "速动比率", "(current assets - inventory) / current liabilities",
     "higher", 1.0, 0.7, "times",
     "quick assets that could pay the short-term debts; below 1 the customer relies on selling "
     "stock to pay us"),
    ("receivables_days", "应收帐款周转期", "receivables / revenue x 365", "lower", 45.0, 75.0,
     "days", "how long the customer waits for its own customers' money"),
    ("inventory_turnover", "存货周转率", "cost of sales / inventory", "higher", 8.0, 4.0,
     "times a year", "how often the stock is sold and replaced; slow stock ties up cash"),
    ("debt_to_tangible_net_worth", "有形净值债务率",
     "total liabilities / (equity - intangible assets)", "lower", 1.0, 2.0, "times",
     "debt per yuan of the owners' tangible stake; +inf when tangible net worth is 0 or "
     "negative"),
    ("gross_margin", "经营毛利率", "(revenue - cost of sales) / revenue", "higher", 0.25, 0.15,
     "share", "room left to cover expenses, interest and the bills we send"),
    ("return_on_investment", "投资报酬率", "net income / total assets", "higher", 0.08, 0.02,
     "share", "profit earned on the capital invested in the business"),
], columns=["ratio", "chinese", "formula", "better", "strong", "weak", "unit", "meaning"]
).set_index("ratio")
"""The six ratios of the lecture: formula, direction and interpretation bands.

A value at least as good as ``strong`` is *strong*, one worse than ``weak`` is *weak*, the rest
*adequate*. The bands are rules of thumb of credit analysis (the acid test of 1 for the quick
ratio, debt at most twice tangible net worth, ...) for a trading or manufacturing customer;
compare with the customer's industry before acting on them.
"""

_EXTENDED = ("interest_cover", "asset_turnover", "equity_ratio", "cash_flow_cover")


def financial_ratios(financials: pd.DataFrame, *, extended: bool = False) -> pd.DataFrame:
    """The six financial ratios of the lecture per customer and fiscal year.

    Columns ``customer_id, year`` and (see :data:`RATIOS`):

    * ``quick_ratio`` = (current assets - inventory) / current liabilities;
    * ``receivables_days`` = receivables / revenue x 365 (receivables turnover period, days);
    * ``inventory_turnover`` = cost of sales / inventory (times a year);
    * ``debt_to_tangible_net_worth`` = total liabilities / (equity - intangible assets), set to
      ``+inf`` when tangible net worth is zero or negative (the debt is not covered at all);
    * ``gross_margin`` = (revenue - cost of sales) / revenue;
    * ``return_on_investment`` = net income / total assets.

    Balances are year-end balances of the same statement (one balance sheet is all a credit
    analyst often has). With ``extended=True`` four more columns used by the rating scheme:
    ``interest_cover`` = (net income + income tax + interest) / interest (EBIT / interest;
    +inf without interest), ``asset_turnover`` = revenue / total assets, ``equity_ratio`` =
    equity / total assets and ``cash_flow_cover`` = operating cash flow / current liabilities.
    Source: the credit-management lecture (财务比率分析); definitions as in
    Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 28.
    """
    require_frame(financials, "financials")
    columns = list(STATEMENT_COLUMNS)
    if extended:
        columns += ["income_tax", "interest_expense", "operating_cash_flow"]
    require_columns(financials, columns, "financials")
    data = financials[columns]
    require_no_nan(data, "financials")
    for column in columns[2:]:
        series = data[column]
        if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            raise TypeError(f"financials[{column!r}] must be numeric, got dtype {series.dtype}")
    _require_unique(data, ["customer_id", "year"], "financials")
    for column in ("revenue", "cost_of_sales", "receivables", "inventory", "current_assets",
                   "current_liabilities", "total_liabilities", "intangible_assets",
                   "total_assets") + (("interest_expense", "income_tax") if extended else ()):
        require_nonnegative(data[column], f"financials[{column!r}]")
    for column in ("revenue", "inventory", "current_liabilities", "total_assets"):
        _require_positive(data[column], f"financials[{column!r}]")
    quick_assets = data["current_assets"] - data["inventory"]
    require_nonnegative(quick_assets.rename("current_assets - inventory"),
                        "financials: current_assets - inventory (inventory is part of current "
                        "assets)")
    tangible = (data["equity"] - data["intangible_assets"]).to_numpy(dtype=float)
    debt = data["total_liabilities"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        debt_tnw = np.where(tangible > 0, debt / np.where(tangible > 0, tangible, 1.0), np.inf)
    out = pd.DataFrame({
        "customer_id": data["customer_id"].to_numpy(),
        "year": data["year"].to_numpy(),
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
    """The interpretation bands of the six ratios (a copy of :data:`RATIOS`)."""
    return RATIOS.copy()


def interpret_ratios(ratios: pd.DataFrame, bands: pd.DataFrame | None = None) -> pd.DataFrame:
    """Label each of the six ratios ``strong``, ``adequate`` or ``weak`` by its band.

    ``ratios`` is the output of :func:`financial_ratios` (extra columns are kept unchanged);
    ``bands`` defaults to :data:`RATIOS` (columns ``better``, ``strong``, ``weak``). For a ratio
    where higher is better: strong if value >= strong, weak if value < weak, else adequate (the
    other way round where lower is better).
    Source: the financial ratio analysis of the credit-management lecture (财务比率分析); the
    bands are rules of thumb of credit analysis (e.g. the acid test of 1 for the quick ratio,
    Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 28), the course's choice.
    """
    require_frame(ratios, "ratios")
    bands = RATIOS if bands is None else bands
    require_columns(bands.reset_index(), ["ratio", "better", "strong", "weak"], "bands")
    require_columns(ratios, list(bands.index), "ratios")
    out = ratios.copy()
    for ratio, band in bands.iterrows():
        values = as_numeric_series(ratios[ratio], f"ratios[{ratio!r}]")
        if band["better"] == "higher":
            strong, weak = values >= band["strong"], values < band["weak"]
        elif band["better"] == "lower":
            strong, weak = values <= band["strong"], values > band["weak"]
        else:
            raise ValueError(f"bands: 'better' must be 'higher' or 'lower', got "
                             f"{band['better']!r} for {ratio}")
        out[ratio] = np.select([strong, weak], ["strong", "weak"], "adequate")
    return out


# =============================================================================================
# linear (efficacy coefficient) scoring, shared with helpers.rating
# =============================================================================================

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
    """
    if isinstance(values, pd.DataFrame):
        frame = values
    else:
        frame = (values if isinstance(values, pd.Series) else pd.Series(values)).to_frame()
    if frame.empty:
        raise ValueError(f"{name} is empty: it needs at least one value")
    for column in frame.columns:
        series = frame[column]
        if not (pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)):
            label = name if not isinstance(values, pd.DataFrame) else f"{name}[{column!r}]"
            raise TypeError(f"{label} must be numeric, got dtype {series.dtype}")
    require_no_nan(frame if isinstance(values, pd.DataFrame) else frame.iloc[:, 0], name)
    try:
        low, high, top = (np.broadcast_to(np.asarray(v, dtype=float), (frame.shape[1],))
                          for v in (worst, best, points))
    except ValueError as error:
        raise ValueError(f"worst, best and points must be one number, or one per column of "
                         f"{name} ({frame.shape[1]}): {error}") from error
    if not (np.isfinite(low).all() and np.isfinite(high).all() and np.isfinite(top).all()) or (
            low == high).any():
        raise ValueError(f"worst and best must be different finite numbers and points finite; "
                         f"got worst={worst!r}, best={best!r}, points={points!r}")
    if (top < 0).any():
        raise ValueError(f"points must not be negative, got {points!r}")
    with np.errstate(invalid="ignore"):
        share = np.clip((frame.to_numpy(dtype=float) - low) / (high - low), 0.0, 1.0)
    if isinstance(values, pd.DataFrame):
        return pd.DataFrame(share * top, index=frame.index, columns=frame.columns)
    return pd.Series(share[:, 0] * top[0], index=frame.index, name=frame.columns[0]
                     if isinstance(values, pd.Series) else None)


# =============================================================================================
# 5C analysis
# =============================================================================================

FIVE_C: tuple[str, ...] = ("character", "capacity", "capital", "collateral", "conditions")
"""The five Cs: character 品质, capacity 能力, capital 资本, collateral 担保品, conditions 环境."""

FIVE_C_WEIGHTS: dict[str, float] = {"character": 0.30, "capacity": 0.25, "capital": 0.20,
                                    "collateral": 0.10, "conditions": 0.15}
"""Default weights of the five Cs in the total (character first: willingness to pay)."""

DECISION_CUTS: dict[str, float] = {"approve": 65.0, "approve with conditions": 45.0}
"""A total of at least 65 approves, 45-65 approves with conditions (lower limit, security),
below 45 declines credit (cash in advance only)."""

_FIVE_C_TABLE = pd.DataFrame([
    ("character", "management_rating", "management quality judged by the sales team (1-5)",
     1.0, 5.0, 1.0),
    ("character", "bank_rating_score", "bank's rating, D=1 ... A=4", 1.0, 4.0, 1.0),
    ("character", "legal_disputes", "legal disputes in the last three years", 3.0, 0.0, 1.0),
    ("character", "years_in_business", "years since founding", 1.0, 20.0, 1.0),
    ("capacity", "quick_ratio", "(current assets - inventory) / current liabilities", 0.5, 1.2,
     1.0),
    ("capacity", "interest_cover", "EBIT / interest expense", 1.0, 8.0, 1.0),
    ("capacity", "cash_flow_cover", "operating cash flow / current liabilities", 0.0, 0.6, 1.0),
    ("capital", "debt_to_tangible_net_worth", "total liabilities / tangible net worth", 3.0,
     0.8, 1.0),
    ("capital", "equity_ratio", "equity / total assets", 0.05, 0.6, 1.0),
    ("collateral", "collateral_cover", "collateral value / credit limit", 0.0, 1.0, 2.0),
    ("collateral", "guarantor", "a third party guarantees the debt (0/1)", 0.0, 1.0, 1.0),
    ("conditions", "industry_outlook", "outlook of the customer's industry (1-5)", 1.0, 5.0,
     2.0),
    ("conditions", "revenue_growth", "revenue growth on the year before", -0.10, 0.10, 1.0),
], columns=["c", "indicator", "meaning", "worst", "best", "weight"])

_BANK_SCORE = {"A": 4.0, "B": 3.0, "C": 2.0, "D": 1.0}


def five_c_indicators() -> pd.DataFrame:
    """The documented indicators of each C: meaning, worst and best value, weight within the C.

    Each indicator is scored 0-1 by :func:`linear_points` between ``worst`` and ``best``; a C's
    score is the weighted mean of its indicators x 100.
    """
    return _FIVE_C_TABLE.copy()


def five_c_scores(financials: pd.DataFrame, profiles: pd.DataFrame, customers: pd.DataFrame,
                  year: int, *, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """5C analysis (5C 分析) of every credit customer from its fiscal-``year`` statement.

    Inputs: ``financials`` (statements; fiscal years ``year`` and ``year - 1`` for the revenue
    growth), ``profiles`` (the case company's ``credit_profiles``: management rating, legal
    disputes, bank rating, years in business, collateral, guarantor, industry outlook) and
    ``customers`` (``customer_id, credit_limit``). Each C is scored 0-100 from the indicators of
    :func:`five_c_indicators`; ``total`` is the weighted mean with ``weights`` (default
    :data:`FIVE_C_WEIGHTS`, normalised to sum 1) and ``decision`` follows
    :data:`DECISION_CUTS`. Returns one row per customer in ``profiles``.
    Source: the 5C analysis of the credit-management lecture; the five Cs of credit
    as in Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 30.
    """
    require_frame(profiles, "profiles")
    require_frame(customers, "customers")
    require_columns(profiles, ["customer_id", "management_rating", "bank_rating",
                               "legal_disputes", "years_in_business", "collateral_value",
                               "guarantor", "industry_outlook"], "profiles")
    require_columns(customers, ["customer_id", "credit_limit"], "customers")
    require_no_nan(profiles, "profiles")
    _require_unique(profiles, ["customer_id"], "profiles")
    weights = dict(FIVE_C_WEIGHTS if weights is None else weights)
    if set(weights) != set(FIVE_C):
        raise ValueError(f"weights must have exactly the keys {list(FIVE_C)}, got {list(weights)}")
    w = as_numeric_series(pd.Series(weights), "weights")
    require_nonnegative(w, "weights")
    if w.sum() <= 0:
        raise ValueError("weights sum to 0")
    w = w / w.sum()
    bad_bank = ~profiles["bank_rating"].isin(list(_BANK_SCORE))
    if bad_bank.any():
        raise ValueError(f"profiles['bank_rating'] must be one of A, B, C, D; "
                         f"{_offenders(profiles['bank_rating'], bad_bank)}")
    ratios = financial_ratios(financials, extended=True)
    this = ratios[ratios["year"] == year].set_index("customer_id")
    revenue = financials.set_index(["customer_id", "year"])["revenue"]
    ids = pd.Index(profiles["customer_id"])
    missing = ids.difference(this.index)
    prior = pd.MultiIndex.from_arrays([ids, np.full(len(ids), year - 1)])
    missing_prior = ids[~prior.isin(revenue.index)]
    if len(missing) or len(missing_prior):
        raise ValueError(f"financials lack fiscal year {year} (or {year - 1}, for the revenue "
                         f"growth) of customer(s) "
                         f"{sorted(set(missing) | set(missing_prior))[:5]}")
    limits = customers.set_index("customer_id")["credit_limit"]
    missing_limit = ids.difference(limits.index)
    if len(missing_limit):
        raise ValueError(f"customers lacks the credit_limit of customer(s) "
                         f"{list(missing_limit[:5])}")
    prof = profiles.set_index("customer_id")
    limit = limits.reindex(ids).to_numpy(dtype=float)
    require_nonnegative(pd.Series(limit, index=ids), "customers['credit_limit']")
    collateral = prof["collateral_value"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        cover = np.where(collateral <= 0, 0.0,
                         np.where(limit > 0, collateral / np.where(limit > 0, limit, 1.0), np.inf))
    current_rev = revenue.reindex(pd.MultiIndex.from_arrays([ids, np.full(len(ids), year)]))
    indicators = pd.DataFrame({
        "management_rating": prof["management_rating"].to_numpy(dtype=float),
        "bank_rating_score": prof["bank_rating"].map(_BANK_SCORE).to_numpy(dtype=float),
        "legal_disputes": prof["legal_disputes"].to_numpy(dtype=float),
        "years_in_business": prof["years_in_business"].to_numpy(dtype=float),
        "quick_ratio": this["quick_ratio"].reindex(ids).to_numpy(),
        "interest_cover": this["interest_cover"].reindex(ids).to_numpy(),
        "cash_flow_cover": this["cash_flow_cover"].reindex(ids).to_numpy(),
        "debt_to_tangible_net_worth": this["debt_to_tangible_net_worth"].reindex(ids).to_numpy(),
        "equity_ratio": this["equity_ratio"].reindex(ids).to_numpy(),
        "collateral_cover": cover,
        "guarantor": prof["guarantor"].astype(float).to_numpy(),
        "industry_outlook": prof["industry_outlook"].to_numpy(dtype=float),
        "revenue_growth": current_rev.to_numpy() / revenue.reindex(prior).to_numpy() - 1.0,
    }, index=ids)
    out = pd.DataFrame(index=ids)
    for c in FIVE_C:
        rows = _FIVE_C_TABLE[_FIVE_C_TABLE["c"] == c]
        points = sum(linear_points(indicators[r.indicator], r.worst, r.best, r.weight)
                     for r in rows.itertuples())
        out[c] = 100.0 * points / rows["weight"].sum()
    out["total"] = out[list(FIVE_C)].to_numpy() @ w.reindex(list(FIVE_C)).to_numpy()
    out["decision"] = np.select(
        [out["total"] >= DECISION_CUTS["approve"],
         out["total"] >= DECISION_CUTS["approve with conditions"]],
        ["approve", "approve with conditions"], "decline (cash only)")
    return out.reset_index()


# =============================================================================================
# weight of evidence: the scorecard helpers of chapter 12, reachable from here as well
# =============================================================================================

_SCORECARD_NAMES = ("woe_table", "information_value", "iv_strength", "iv_summary")
"""Scorecard functions that credit analysis uses on its own data; they live in
:mod:`helpers.scorecard` (WOE = ln(dist_good / dist_bad), see its docstring) and are imported
on first use, so ``credit.woe_table`` is ``scorecard.woe_table``."""


def __getattr__(name: str) -> object:
    if name in _SCORECARD_NAMES:
        from . import scorecard

        value = getattr(scorecard, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SCORECARD_NAMES))
