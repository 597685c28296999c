"""Credit management I (chapter 11): receivables (应收账款), DSO and the ageing schedule.

Selling on credit (赊销) is the core of credit management; its two goals are fewer bad debts
(坏账; the deck: 坏帐) and a lower DSO (days sales outstanding; the deck: 销售变现天数, standard
应收账款周转天数), so that sales turn into cash sooner (《客户管理》第三章, 第二节 客户信用管理).
The deck names the goals; the formulas here are the course's, and the ageing schedule, the
bad-debt rate and the collection effectiveness index go beyond the deck:
:func:`validate_invoices`, :func:`receivables_at` (what is outstanding on given days),
:func:`dso` (standard and count-back methods, the latter worked out month by month in
:func:`count_back_table`), :func:`ageing_schedule` (current, 1-30, 31-60, 61-90, > 90 days past
due), :func:`bad_debt_rate` and :func:`collection_effectiveness_index`. Every name here can also
be reached as ``credit.<name>``, as chapter 11's notebooks call them.

Conventions: money in CNY, periods in days, rates as fractions (0.25 = 25 %). A day ``at``
means the *start* of that day: an invoice issued or paid before ``at`` is known at ``at``.
Dates are ``datetime64`` columns without a time zone (text and zoned dates are refused, see
:mod:`helpers.validation`). Bad input raises a ``ValueError`` or ``TypeError`` that names the
argument or column, the rule broken and a few offending rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .validation import (
    MAX_PERIODS,
    as_timestamp,
    check_bool,
    check_cells,
    check_choice,
    check_dates,
    check_int,
    column_option,
    date_column,
    numeric_column,
    offenders,
    require_frame,
    require_no_nan,
)

__all__ = [
    "INVOICE_COLUMNS", "AGEING_BUCKETS", "MAX_MONTHS", "validate_invoices", "receivables_at",
    "count_back_table", "dso", "ageing_schedule", "bad_debt_rate",
    "collection_effectiveness_index",
]

MAX_MONTHS = 1200
"""Longest count-back window (:func:`count_back_table`): 100 years of months."""


# =============================================================================================
# dates
# =============================================================================================

def _as_day(at: object, name: str = "at") -> pd.Timestamp:
    """``at`` (a date string, Timestamp or Period) as a Timestamp at midnight, without a time
    zone (:func:`helpers.validation.as_timestamp`)."""
    if isinstance(at, pd.Period):
        return at.start_time.normalize()
    return as_timestamp(at, name).normalize()


def _days(values: object, name: str, *, single: bool = True) -> pd.DatetimeIndex:
    """One date (if ``single``) or a list of dates as a DatetimeIndex of days; refused when
    empty or when an element is not a date."""
    if np.ndim(values) == 0 or isinstance(values, (str, bytes)):
        if not single:
            raise TypeError(f"{name} must be a list of dates, got {type(values).__name__} "
                            f"{values!r}")
        values = [values]
    if not isinstance(values, (list, tuple, pd.Index, pd.Series, np.ndarray)):
        raise TypeError(f"{name} must be a date or a list of dates, got "
                        f"{type(values).__name__}")
    if len(values) == 0:
        raise ValueError(f"{name} is empty: give at least one date")
    return pd.DatetimeIndex([_as_day(v, name) for v in values])


def _back(day: pd.Timestamp, offset: pd.DateOffset | pd.Timedelta, what: str) -> pd.Timestamp:
    """``day - offset``, refused clearly when it leaves the calendar pandas can hold."""
    try:
        return day - offset
    except (OverflowError, pd.errors.OutOfBoundsDatetime) as error:
        raise ValueError(f"{what} reaches back before {pd.Timestamp.min:%Y}: choose a shorter "
                         "window") from error


# =============================================================================================
# receivables
# =============================================================================================

INVOICE_COLUMNS: tuple[str, ...] = ("customer_id", "invoice_date", "due_date", "amount",
                                    "paid_date", "written_off")
"""Columns every receivables function needs (the case company's ``invoices`` table)."""

AGEING_BUCKETS: tuple[str, ...] = ("current", "1-30", "31-60", "61-90", ">90")
"""Ageing buckets by days past the due date: not yet due, 1-30, 31-60, 61-90 and over 90."""


def validate_invoices(invoices: pd.DataFrame, name: str = "invoices") -> pd.DataFrame:
    """Check an invoice table and return its :data:`INVOICE_COLUMNS`; raise on bad rows.

    Rules: the columns of :data:`INVOICE_COLUMNS`; no missing customer; invoice and due dates
    are dates (``datetime64`` without a time zone, no NaT; ``paid_date`` may be empty: unpaid);
    amounts finite and not negative; ``written_off`` True/False; due date not before the
    invoice date; paid date not before the invoice date (paid before issued); a written-off
    invoice has no paid date.

    >>> d = pd.to_datetime
    >>> inv = pd.DataFrame({"customer_id": [1], "invoice_date": d(["2024-05-15"]),
    ...                     "due_date": d(["2024-06-14"]), "amount": [200.0],
    ...                     "paid_date": d(["2024-05-10"]), "written_off": False})
    >>> validate_invoices(inv)
    Traceback (most recent call last):
    ...
    ValueError: invoices: paid_date must not be before invoice_date (paid before issued); ...
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be text (it names the table in messages), got {name!r}")
    require_frame(invoices, name, INVOICE_COLUMNS)
    require_no_nan(invoices["customer_id"], f"{name}['customer_id']")
    paid = invoices["paid_date"]
    if paid.isna().all() and not pd.api.types.is_datetime64_any_dtype(paid):
        paid = pd.Series(pd.NaT, index=invoices.index, dtype="datetime64[ns]")  # none paid yet
    frame = pd.DataFrame({
        "customer_id": invoices["customer_id"],
        "invoice_date": date_column(invoices, "invoice_date", name),
        "due_date": date_column(invoices, "due_date", name),
        "amount": numeric_column(invoices, "amount", name, low=0),
        "paid_date": check_dates(paid, f"{name}['paid_date']", allow_nat=True),
        "written_off": invoices["written_off"],
    }, index=invoices.index)
    if not pd.api.types.is_bool_dtype(frame["written_off"]):
        raise TypeError(f"{name}['written_off'] must be True/False, got dtype "
                        f"{frame['written_off'].dtype}: convert it with .astype(bool) or "
                        f"compare, e.g. {name}['written_off'] == 'yes'")
    for column, rule in (("due_date", "dates out of order"), ("paid_date", "paid before issued")):
        early = frame[column] < frame["invoice_date"]
        if early.any():
            raise ValueError(f"{name}: {column} must not be before invoice_date ({rule}); "
                             f"{int(early.sum())} row(s): "
                             f"{offenders(frame[['invoice_date', column]], early)}")
    both = frame["written_off"] & frame["paid_date"].notna()
    if both.any():
        raise ValueError(f"{name}: a written-off invoice cannot have a paid_date; "
                         f"{int(both.sum())} row(s): "
                         f"{offenders(frame[['paid_date', 'written_off']], both)}")
    return frame


def _outstanding_mask(frame: pd.DataFrame, days: pd.DatetimeIndex) -> np.ndarray:
    """Invoices x days: True where the invoice is open at the start of the day.

    Open = issued before the day and not paid before it. Written-off invoices are bad debts,
    not receivables, and are never counted as open.
    """
    check_cells(len(frame), len(days), "the table of invoices x days")
    issued = frame["invoice_date"].to_numpy()[:, None] < days.to_numpy()[None, :]
    paid = frame["paid_date"].to_numpy()
    settled = ~np.isnat(paid)[:, None] & (paid[:, None] < days.to_numpy()[None, :])
    return issued & ~settled & ~frame["written_off"].to_numpy()[:, None]


def receivables_at(invoices: pd.DataFrame, days: Sequence[object] | object,
                   *, overdue_only: bool = False) -> pd.Series:
    """Accounts receivable (应收账款) outstanding at the start of each of ``days``, in CNY.

    An invoice is outstanding from its invoice date until it is paid; a written-off invoice is
    a bad debt and is left out (see :func:`bad_debt_rate`). With ``overdue_only`` only invoices
    past their due date count (used by the collection effectiveness index). ``days`` is one
    date or a list of dates.

    >>> d = pd.to_datetime
    >>> inv = pd.DataFrame({"customer_id": [1, 1], "invoice_date": d(["2024-05-15", "2024-06-15"]),
    ...                     "due_date": d(["2024-06-14", "2024-07-15"]), "amount": [200.0, 300.0],
    ...                     "paid_date": d(["2024-06-10", None]), "written_off": False})
    >>> receivables_at(inv, ["2024-06-01", "2024-07-01"])
    date
    2024-06-01    200.0
    2024-07-01    300.0
    Name: receivables, dtype: float64
    """
    frame = validate_invoices(invoices)
    overdue_only = check_bool(overdue_only, "overdue_only")
    index = _days(days, "days")
    return _receivables(frame, index, overdue_only)


def _receivables(frame: pd.DataFrame, index: pd.DatetimeIndex,
                 overdue_only: bool = False) -> pd.Series:
    mask = _outstanding_mask(frame, index)
    if overdue_only:
        mask &= frame["due_date"].to_numpy()[:, None] < index.to_numpy()[None, :]
    amounts = frame["amount"].to_numpy(dtype=float)
    return pd.Series(amounts @ mask, index=pd.Index(index, name="date"), name="receivables")


def _monthly_sales(frame: pd.DataFrame, at: pd.Timestamp, months: int) -> pd.DataFrame:
    # month edges counted back from `at` itself (2024-03-31 -> 2024-02-29 -> 2024-01-31 ...)
    _back(at, pd.DateOffset(months=months), f"months={months} counted back from {at:%Y-%m-%d}")
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
    ``days_counted`` is the count-back DSO of :func:`dso`. ``months`` (at most
    :data:`MAX_MONTHS`) is how far back the sales are counted.
    Source: the count-back method as in Edwards, *Credit Management Handbook* (Gower) and
    Credit Research Foundation practice notes.

    >>> d = pd.to_datetime
    >>> inv = pd.DataFrame({"customer_id": [1, 1], "invoice_date": d(["2024-05-15", "2024-06-15"]),
    ...                     "due_date": d(["2024-06-14", "2024-07-15"]), "amount": [200.0, 300.0],
    ...                     "paid_date": d(["2024-06-10", None]), "written_off": False})
    >>> count_back_table(inv, "2024-07-01")[["start", "days", "sales", "days_counted"]]
           start  days  sales  days_counted
    0 2024-06-01    30  300.0          30.0
    """
    frame = validate_invoices(invoices)
    day = _as_day(at)
    months = check_int(months, "months", 1, MAX_MONTHS)
    return _count_back(frame, day, months)


def _count_back(frame: pd.DataFrame, day: pd.Timestamp, months: int) -> pd.DataFrame:
    receivables = float(_receivables(frame, pd.DatetimeIndex([day])).iloc[0])
    monthly = _monthly_sales(frame, day, months).iloc[::-1].reset_index(drop=True)
    sales = monthly["sales"].to_numpy()
    before = np.concatenate([[0.0], np.cumsum(sales)[:-1]])
    left = np.clip(receivables - before, 0.0, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(sales > 0, np.minimum(left / np.where(sales > 0, sales, 1.0), 1.0),
                         np.where(left > 0, 1.0, 0.0))
    if left[-1] > sales[-1] + 1e-9:
        raise ValueError(f"the receivables of the invoices open at {day:%Y-%m-%d} exceed their "
                         f"sales (amount) of the last {months} months: count back over more "
                         "months")
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
    rest adds the matching fraction of its days (worked out in :func:`count_back_table`, over
    ``months`` months). It is not distorted by a sales peak in the period.
    Source: DSO as the deck 《客户管理》第三章 defines it in words (销售变现天数: the average
    collection period, 平均收帐期); the two methods of computing it are the course's, the
    count-back method as in Edwards, *Credit Management Handbook* (Gower) and Credit Research
    Foundation practice notes.

    >>> d = pd.to_datetime
    >>> inv = pd.DataFrame({"customer_id": [1, 1], "invoice_date": d(["2024-05-15", "2024-06-15"]),
    ...                     "due_date": d(["2024-06-14", "2024-07-15"]), "amount": [200.0, 300.0],
    ...                     "paid_date": d(["2024-06-10", None]), "written_off": False})
    >>> dso(inv, "2024-07-01"), dso(inv, "2024-07-01", method="count-back")
    (54.0, 30.0)
    """
    frame = validate_invoices(invoices)
    day = _as_day(at)
    method = check_choice(method, "method", ["standard", "count-back"])
    period_days = check_int(period_days, "period_days", 1, MAX_PERIODS)
    months = check_int(months, "months", 1, MAX_MONTHS)
    if method == "count-back":
        return float(_count_back(frame, day, months)["days_counted"].sum())
    receivables = float(_receivables(frame, pd.DatetimeIndex([day])).iloc[0])
    start = _back(day, pd.Timedelta(days=period_days), f"period_days={period_days}")
    sales = frame.loc[(frame["invoice_date"] >= start) & (frame["invoice_date"] < day),
                      "amount"].sum()
    if sales <= 0:
        raise ValueError(f"no sales were invoiced in the {period_days} days (period_days) before "
                         f"at={day:%Y-%m-%d}: DSO is undefined there")
    return float(receivables / sales * period_days)


def ageing_schedule(invoices: pd.DataFrame, at: object, *, by: str | None = None
                    ) -> pd.DataFrame:
    """Receivables ageing schedule (账龄分析表) at the start of day ``at``.

    Every invoice open at ``at`` (see :func:`receivables_at`) goes into a bucket by its days past
    due = ``at`` - due date: ``current`` (not yet due, <= 0), ``1-30``, ``31-60``, ``61-90`` and
    ``>90``. Returns one row per bucket with ``invoices`` (count), ``amount`` (CNY) and
    ``share`` of the amount; with ``by="customer_id"`` (or another column of
    :data:`INVOICE_COLUMNS`) one row per value of it and a column per bucket (amounts), plus
    ``total``. All five buckets are always present (0 when empty).
    Source: beyond the deck; the standard receivables ageing schedule of credit management
    (e.g. Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 30).

    >>> d = pd.to_datetime
    >>> inv = pd.DataFrame({"customer_id": [1, 1], "invoice_date": d(["2024-05-15", "2024-06-15"]),
    ...                     "due_date": d(["2024-06-14", "2024-06-30"]), "amount": [200.0, 300.0],
    ...                     "paid_date": pd.NaT, "written_off": False})
    >>> ageing_schedule(inv, "2024-07-01")["amount"].to_dict()
    {'current': 0.0, '1-30': 500.0, '31-60': 0.0, '61-90': 0.0, '>90': 0.0}
    """
    frame = validate_invoices(invoices)
    day = _as_day(at)
    if by is not None:
        column_option(frame, by, "by", "invoices")
    open_ = frame[_outstanding_mask(frame, pd.DatetimeIndex([day]))[:, 0]]
    past_due = (day - open_["due_date"]).dt.days
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
    wide = open_.pivot_table(index=by, columns="bucket", values="amount", aggfunc="sum",
                             observed=False, fill_value=0.0)
    wide = wide.reindex(columns=list(AGEING_BUCKETS), fill_value=0.0)
    wide.columns = pd.Index(list(AGEING_BUCKETS), name="bucket")
    wide["total"] = wide.sum(axis=1)
    return wide


def bad_debt_rate(invoices: pd.DataFrame, *, by: str = "year") -> pd.DataFrame:
    """Bad-debt rate (坏账率) = written-off amount / amount invoiced, per year of invoice.

    ``by="year"`` groups by the invoice year, ``by="customer_id"`` (or another column of
    :data:`INVOICE_COLUMNS`) by its values. Returns ``invoiced``, ``written_off`` (CNY) and
    ``bad_debt_rate``.
    Source: beyond the deck; it measures goal 1 of 《客户管理》第三章 (降低赊销风险,减少坏帐损失:
    fewer bad-debt losses), which names no measure.

    >>> d = pd.to_datetime
    >>> inv = pd.DataFrame({"customer_id": [1, 2], "invoice_date": d(["2024-05-15", "2024-06-15"]),
    ...                     "due_date": d(["2024-06-14", "2024-07-15"]), "amount": [200.0, 300.0],
    ...                     "paid_date": pd.NaT, "written_off": [False, True]})
    >>> bad_debt_rate(inv)
          invoiced  written_off  bad_debt_rate
    year
    2024     500.0        300.0            0.6
    """
    frame = validate_invoices(invoices)
    if by == "year":
        key = frame["invoice_date"].dt.year.rename("year")
    else:
        key = frame[column_option(frame, by, "by", "invoices")]
    table = pd.DataFrame({
        "invoiced": frame["amount"].groupby(key).sum(),
        "written_off": frame["amount"].where(frame["written_off"], 0.0).groupby(key).sum(),
    })
    if (table["invoiced"] <= 0).any():
        bad = table.index[table["invoiced"] <= 0].tolist()[:5]
        raise ValueError(f"nothing was invoiced (invoices['amount'] sum to 0) for {by} {bad}: "
                         "a bad-debt rate is undefined there")
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
    Source: beyond the deck; Credit Research Foundation; e.g. Schaeffer, *Essentials of
    Credit, Collections, and Accounts Receivable* (Wiley, 2002).

    >>> d = pd.to_datetime
    >>> inv = pd.DataFrame({"customer_id": [1, 1], "invoice_date": d(["2024-05-15", "2024-06-15"]),
    ...                     "due_date": d(["2024-06-14", "2024-06-25"]), "amount": [200.0, 300.0],
    ...                     "paid_date": d(["2024-06-10", None]), "written_off": False})
    >>> collection_effectiveness_index(inv, ["2024-06-01", "2024-07-01"])["cei"]
    0    0.4
    Name: cei, dtype: float64
    """
    frame = validate_invoices(invoices)
    days = _days(periods, "periods", single=False)
    if len(days) < 2:
        raise ValueError("periods needs at least two dates (the start and end of a period)")
    if not days.is_monotonic_increasing or days.has_duplicates:
        raise ValueError(f"periods must be increasing dates; got "
                         f"{list(days.strftime('%Y-%m-%d'))}")
    total = _receivables(frame, days).to_numpy()
    overdue = _receivables(frame, days, overdue_only=True).to_numpy()
    edges = np.searchsorted(days.to_numpy(), frame["invoice_date"].to_numpy(), side="right") - 1
    inside = (edges >= 0) & (edges < len(days) - 1)
    sales = np.bincount(edges[inside], weights=frame["amount"].to_numpy(dtype=float)[inside],
                        minlength=len(days) - 1)[: len(days) - 1]
    begin, end, end_overdue = total[:-1], total[1:], overdue[1:]
    end_current = end - end_overdue
    collectable = begin + sales - end_current
    if (collectable <= 0).any():
        raise ValueError("a period of periods has nothing collectable in the invoices "
                         "(B + S - E_current <= 0): CEI is undefined there; use longer periods")
    return pd.DataFrame({
        "start": days[:-1], "end": days[1:], "begin_receivables": begin, "sales": sales,
        "end_receivables": end, "end_current": end_current,
        "cei": (begin + sales - end) / collectable,
    })
