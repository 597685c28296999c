"""Input checks shared by every helper.

Every public helper checks what it is given here, in one order — **type → dtype → finiteness
→ range → uniqueness** — and a failed check raises a ``TypeError`` (wrong kind of object or
dtype) or a ``ValueError`` (right kind, wrong values) whose message names the argument or
column, the rule that was broken and up to five offending rows, so that a student sees at once
what to fix. Nothing is silently dropped or coerced.

The rules, once for the whole course:

* **numbers** must be finite: NaN and ±inf are refused unless a function documents otherwise;
  numeric columns must have a numeric dtype — numbers stored as text are refused with "convert
  with pd.to_numeric", a ``category`` column with "convert with .astype(float)";
* **dates** must be ``datetime64`` columns without a time zone: text is refused with "parse
  with pd.to_datetime", and a time-zone-aware column is refused (rather than converted) with
  "drop the zone with .dt.tz_localize(None)", because a silent conversion can move a purchase
  to another calendar day;
* **options** (fractions, rates, thresholds, counts, seeds, horizons, sizes) are checked for
  type, finiteness and range; a rate above 1 is refused with a hint that 8 % is written 0.08;
* **sizes** are bounded: a horizon has a documented maximum (:data:`MAX_PERIODS`), and a
  table that would not fit in memory (:data:`MAX_CELLS`) is refused before it is built.

Example:

>>> import pandas as pd
>>> from helpers.validation import numeric_column
>>> orders = pd.DataFrame({"net_sales": ["12.5", "8"]})
>>> numeric_column(orders, "net_sales", "orders")
Traceback (most recent call last):
...
TypeError: orders['net_sales'] holds text (dtype str), not numbers: convert it with ...
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable, Sequence

import numpy as np
import pandas as pd

SHOW = 5
"""Offending rows quoted in an error message."""

MAX_PERIODS = 10_000
"""Largest number of periods a horizon may have (10,000 months is over 800 years)."""

MAX_CELLS = 20_000_000
"""Largest table (rows x columns) a helper builds, about 160 MB of float64."""

MAX_SEED = 2**32 - 1
"""Largest random seed numpy accepts."""

_SEQUENCES = (list, tuple, np.ndarray, pd.Index, pd.Series, range)


# ---------------------------------------------------------------------------------------------
# how errors quote the rows at fault
# ---------------------------------------------------------------------------------------------

def offenders(obj: pd.Series | pd.DataFrame | np.ndarray | Sequence[object],
              mask: pd.Series | np.ndarray | Sequence[bool]) -> str:
    """The rows of ``obj`` where ``mask`` is true, as text for an error message: the first
    :data:`SHOW` of them and how many more there are.

    >>> offenders(pd.Series([1.0, -2.0, -3.0], index=["a", "b", "c"]), [False, True, True])
    "'b': -2.0, 'c': -3.0"
    """
    if not isinstance(obj, (pd.Series, pd.DataFrame)):
        obj = pd.Series(list(obj) if not isinstance(obj, np.ndarray) else obj)
    mask = np.asarray(mask, dtype=bool)
    rows = obj[mask]
    shown = rows.head(SHOW)
    if isinstance(shown, pd.DataFrame):
        text = "\n" + shown.to_string()
    else:
        text = ", ".join(f"{idx!r}: {_plain(val)!r}" for idx, val in shown.items())
    more = f" (and {len(rows) - SHOW:,} more)" if len(rows) > SHOW else ""
    return f"{text}{more}"


_offenders = offenders  # the name the modules used before offenders() was public


def _plain(value: object) -> object:
    """numpy scalars as plain Python values, so that messages read ``-2.0``, not
    ``np.float64(-2.0)``."""
    return value.item() if isinstance(value, np.generic) else value


def _verb(n: int, one: str, many: str) -> str:
    """``1 value is`` / ``3 values are``."""
    return f"{n:,} value {one}" if n == 1 else f"{n:,} values {many}"


# ---------------------------------------------------------------------------------------------
# frames and columns
# ---------------------------------------------------------------------------------------------

def require_frame(df: object, name: str = "data",
                  columns: Iterable[str] | None = None) -> pd.DataFrame:
    """``df`` itself if it is a non-empty DataFrame that has ``columns``; a ``TypeError``
    otherwise (a list, dict or array is not silently converted), a ``ValueError`` if it is
    empty or lacks a column.

    >>> require_frame([{"customer_id": 1}], "orders")
    Traceback (most recent call last):
    ...
    TypeError: orders must be a pandas DataFrame, got list; build one with pd.DataFrame(...)
    """
    if not isinstance(df, pd.DataFrame):
        hint = ("; build one with pd.DataFrame(...)"
                if isinstance(df, (list, tuple, dict, np.ndarray)) else "")
        if isinstance(df, pd.Series):
            hint = "; turn a Series into a table with .to_frame() or .reset_index()"
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}{hint}")
    if df.columns.duplicated().any():
        raise ValueError(f"{name} has duplicated column names: "
                         f"{sorted(set(map(str, df.columns[df.columns.duplicated()])))}")
    if columns is not None:
        require_columns(df, columns, name)
    if df.empty:
        raise ValueError(f"{name} is empty: it needs at least one row")
    return df


def require_columns(df: pd.DataFrame, columns: Iterable[str], name: str = "data") -> None:
    """Raise ValueError naming every column of ``columns`` that ``df`` lacks."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"{name} is missing column(s) {missing}; it has {list(df.columns)}")


def _is_number_dtype(dtype: object) -> bool:
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)


def _dtype_problem(series: pd.Series, label: str, allow_bool: bool = False) -> str | None:
    """Why ``series`` is not a numeric column, or None if it is one."""
    dtype = series.dtype
    if _is_number_dtype(dtype) or (allow_bool and pd.api.types.is_bool_dtype(dtype)):
        return None
    if pd.api.types.is_bool_dtype(dtype):
        return f"{label} holds True/False, not numbers: convert it with .astype(int)"
    if isinstance(dtype, pd.CategoricalDtype):
        return (f"{label} is a category column, not numbers: convert it with "
                f".astype(float)")
    if pd.api.types.is_datetime64_any_dtype(dtype) or pd.api.types.is_timedelta64_dtype(dtype):
        return f"{label} holds dates or durations (dtype {dtype}), not numbers"
    if pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype):
        return (f"{label} holds text (dtype {dtype}), not numbers: convert it with "
                f"pd.to_numeric({label})")
    return f"{label} must be numeric, got dtype {dtype}"


def numeric_column(df: pd.DataFrame, column: str, name: str = "data", *,
                   low: float | None = None, high: float | None = None,
                   integer: bool = False, allow_nan: bool = False,
                   allow_inf: bool = False, allow_bool: bool = False) -> pd.Series:
    """``df[column]`` as a float Series after checking, in order: the column exists, its dtype
    is numeric, its values are finite (NaN and ±inf refused unless allowed), within
    ``[low, high]`` and whole numbers if ``integer``.

    >>> numeric_column(pd.DataFrame({"amount": [5.0, -1.0]}), "amount", "invoices", low=0)
    Traceback (most recent call last):
    ...
    ValueError: invoices['amount'] must not be negative; 1 value breaks this: 1: -1.0
    """
    require_columns(df, [column], name)
    label = f"{name}[{column!r}]"
    return _checked_numbers(df[column], label, low=low, high=high, integer=integer,
                            allow_nan=allow_nan, allow_inf=allow_inf, allow_bool=allow_bool)


def numeric_columns(df: pd.DataFrame, columns: Iterable[str], name: str = "data",
                    **rules: object) -> pd.DataFrame:
    """Several columns through :func:`numeric_column` with the same rules, as a float frame."""
    columns = list(columns)
    require_columns(df, columns, name)
    return pd.DataFrame({c: numeric_column(df, c, name, **rules) for c in columns},
                        index=df.index)


def _checked_numbers(series: pd.Series, label: str, *, low: float | None = None,
                     high: float | None = None, integer: bool = False,
                     allow_nan: bool = False, allow_inf: bool = False,
                     allow_bool: bool = False) -> pd.Series:
    problem = _dtype_problem(series, label, allow_bool)
    if problem:
        raise TypeError(problem)
    values = series.astype(float)
    if not allow_nan:
        require_no_nan(values, label)
    if not allow_inf:
        infinite = np.isinf(values.to_numpy())
        if infinite.any():
            raise ValueError(f"{label} must hold finite numbers; "
                             f"{_verb(int(infinite.sum()), 'is', 'are')} infinite: "
                             f"{offenders(values, infinite)}")
    _require_range(values, label, low, high)
    if integer:
        arr = values.to_numpy()
        fractional = np.isfinite(arr) & (arr != np.round(arr))
        if fractional.any():
            raise ValueError(f"{label} must hold whole numbers; "
                             f"{_verb(int(fractional.sum()), 'is', 'are')} not: "
                             f"{offenders(values, fractional)}")
    return values


def _require_range(values: pd.Series, label: str, low: float | None,
                   high: float | None) -> None:
    arr = values.to_numpy()
    bad = np.zeros(len(arr), dtype=bool)
    if low is not None:
        bad |= arr < low
    if high is not None:
        bad |= arr > high
    if bad.any():
        if low is not None and high is not None:
            rule = f"must lie between {low:g} and {high:g}"
        elif low is not None:
            rule = f"must be at least {low:g}" if low != 0 else "must not be negative"
        else:
            rule = f"must be at most {high:g}"
        word = "value breaks" if bad.sum() == 1 else "values break"
        raise ValueError(f"{label} {rule}; {int(bad.sum()):,} {word} this: "
                         f"{offenders(values, bad)}")


def date_column(df: pd.DataFrame, column: str, name: str = "data", *,
                allow_nat: bool = False) -> pd.Series:
    """``df[column]`` after checking that it holds dates (``datetime64``, no time zone) and,
    unless ``allow_nat``, no missing dates.

    >>> date_column(pd.DataFrame({"order_date": ["2024-01-05"]}), "order_date", "orders")
    Traceback (most recent call last):
    ...
    TypeError: orders['order_date'] must hold dates (datetime64), got text (dtype str): parse it ...
    """
    require_columns(df, [column], name)
    return check_dates(df[column], f"{name}[{column!r}]", allow_nat=allow_nat)


def check_dates(series: pd.Series, label: str, *, allow_nat: bool = False) -> pd.Series:
    """A Series of dates checked as :func:`date_column` checks a column."""
    dtype = series.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        raise TypeError(f"{label} holds time-zone-aware dates ({dtype.tz}); the course works "
                        f"with calendar dates without a zone: drop the zone with "
                        f"{label}.dt.tz_localize(None) (after .dt.tz_convert(...) to the "
                        "zone the business keeps its books in)")
    if not pd.api.types.is_datetime64_dtype(dtype):
        if pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype):
            raise TypeError(f"{label} must hold dates (datetime64), got text (dtype {dtype}): "
                            f"parse it with pd.to_datetime({label})")
        raise TypeError(f"{label} must hold dates (datetime64), got dtype {dtype}: "
                        f"convert it with pd.to_datetime({label})")
    if not allow_nat:
        require_no_nan(series, label, what="missing date(s) (NaT)")
    return series


def require_unique(df: pd.DataFrame, keys: Sequence[str], name: str = "data",
                   what: str | None = None) -> None:
    """Raise ValueError if two rows of ``df`` share the same ``keys`` (e.g. one row per
    customer), quoting the rows that do."""
    keys = list(keys)
    require_columns(df, keys, name)
    dup = df.duplicated(keys, keep=False)
    if dup.any():
        rule = what or f"one row per {' and '.join(keys)}"
        raise ValueError(f"{name} must have {rule}; {int(dup.sum()):,} rows share their "
                         f"{', '.join(keys)}:{offenders(df[keys], dup)}")


def require_unique_index(obj: pd.Series | pd.DataFrame, name: str = "data",
                         what: str = "one row per customer") -> None:
    """Raise ValueError if the index of ``obj`` repeats a label."""
    dup = obj.index.duplicated(keep=False)
    if dup.any():
        labels = list(dict.fromkeys(obj.index[dup]))[:SHOW]
        raise ValueError(f"{name} must have {what}; the index repeats "
                         f"{_plain_list(labels)}" + (" …" if dup.sum() > SHOW else ""))


def _plain_list(values: Iterable[object]) -> list[object]:
    return [_plain(v) for v in values]


# ---------------------------------------------------------------------------------------------
# series and lists of numbers
# ---------------------------------------------------------------------------------------------

def as_numeric_series(values: object, name: str = "values", *, low: float | None = None,
                      high: float | None = None, integer: bool = False,
                      allow_nan: bool = False, allow_inf: bool = False) -> pd.Series:
    """``values`` (a Series, list, tuple or array of numbers) as a float Series, checked in
    order: a one-dimensional collection, not empty, numeric, finite, within ``[low, high]``.

    >>> as_numeric_series([1, 2, float("inf")], "values")
    Traceback (most recent call last):
    ...
    ValueError: values must hold finite numbers; 1 value is infinite: 2: inf
    """
    if isinstance(values, pd.DataFrame):
        raise TypeError(f"{name} must be one column of numbers (a Series or a list), got a "
                        f"DataFrame with columns {list(values.columns)}: pick one column")
    if isinstance(values, (str, bytes, dict, set)) or not isinstance(values, _SEQUENCES):
        raise TypeError(f"{name} must be a Series, list or array of numbers, got "
                        f"{type(values).__name__}")
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise TypeError(f"{name} must be one-dimensional, got an array of shape "
                        f"{values.shape}")
    series = values.copy() if isinstance(values, pd.Series) else pd.Series(
        values, dtype=None if len(values) else float)
    if series.empty:
        raise ValueError(f"{name} is empty: it needs at least one value")
    return _checked_numbers(series, name, low=low, high=high, integer=integer,
                            allow_nan=allow_nan, allow_inf=allow_inf)


def require_no_nan(obj: pd.Series | pd.DataFrame, name: str = "values",
                   what: str = "missing value(s) (NaN)") -> None:
    """Raise ValueError if ``obj`` holds a missing value, quoting the rows that do."""
    mask = obj.isna() if isinstance(obj, pd.Series) else obj.isna().any(axis=1)
    if mask.any():
        raise ValueError(f"{name} has {int(mask.sum()):,} {what} at: "
                         f"{offenders(obj, mask)}")


def require_finite(obj: pd.Series | pd.DataFrame, name: str = "values") -> None:
    """Raise ValueError if ``obj`` (numeric) holds NaN or ±inf, quoting the rows that do."""
    require_no_nan(obj, name)
    arr = obj.to_numpy(dtype=float)
    bad = np.isinf(arr) if arr.ndim == 1 else np.isinf(arr).any(axis=1)
    if bad.any():
        raise ValueError(f"{name} must hold finite numbers; {int(bad.sum()):,} row(s) hold "
                         f"an infinite value: {offenders(obj, bad)}")


def require_nonnegative(series: pd.Series, name: str = "values") -> None:
    """Raise ValueError if ``series`` has a negative value, quoting the rows that do; a
    ``TypeError`` if it is not numeric."""
    problem = _dtype_problem(series, name)
    if problem:
        raise TypeError(problem)
    mask = series < 0
    if mask.any():
        raise ValueError(f"{name} must not be negative; {int(mask.sum()):,} value(s) are: "
                         f"{offenders(series, mask)}")


def require_between(series: pd.Series, low: float, high: float, name: str = "values") -> None:
    """Raise ValueError if a value of ``series`` lies outside ``[low, high]`` (NaN included);
    a ``TypeError`` if it is not numeric."""
    problem = _dtype_problem(series, name)
    if problem:
        raise TypeError(problem)
    mask = ~series.between(low, high)
    if mask.any():
        raise ValueError(f"{name} must lie between {low} and {high}; {int(mask.sum()):,} "
                         f"value(s) do not: {offenders(series, mask)}")


# ---------------------------------------------------------------------------------------------
# options: one number, a rate, a count, a seed, a choice
# ---------------------------------------------------------------------------------------------

def check_number(value: object, name: str, *, low: float | None = None,
                 high: float | None = None, low_open: bool = False, high_open: bool = False,
                 integer: bool = False, allow_inf: bool = False) -> float:
    """One number (an option such as a threshold or a horizon), checked for type (a real
    number, not text, None or True/False), finiteness and range ``low <= value <= high``
    (``<`` with ``low_open`` / ``high_open``); with ``integer``, a whole number (12.0 counts),
    returned as an ``int``.

    >>> check_number("180", "lapse_days", low=0)
    Traceback (most recent call last):
    ...
    TypeError: lapse_days must be a number, got str '180' (write it without quotes)
    >>> check_number(float("nan"), "fraction", low=0, high=1)
    Traceback (most recent call last):
    ...
    ValueError: fraction must be a number, got nan
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        shown = f"{type(value).__name__} {value!r}" if value is not None else "None"
        hint = " (write it without quotes)" if isinstance(value, str) and _looks_numeric(
            value) else ""
        raise TypeError(f"{name} must be a number, got {shown}{hint}")
    number = float(value)
    if math.isnan(number):
        raise ValueError(f"{name} must be a number, got nan")
    if math.isinf(number) and not allow_inf:
        raise ValueError(f"{name} must be finite, got {number}")
    too_low = low is not None and (number <= low if low_open else number < low)
    too_high = high is not None and (number >= high if high_open else number > high)
    if too_low or too_high:
        raise ValueError(f"{name} must be {_range_text(low, high, low_open, high_open)}, "
                         f"got {_plain(value)!r}")
    if integer:
        if not number.is_integer():
            raise ValueError(f"{name} must be a whole number, got {_plain(value)!r}")
        return int(value) if isinstance(value, numbers.Integral) else int(number)
    return number


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _range_text(low: float | None, high: float | None, low_open: bool,
                high_open: bool) -> str:
    if low is not None and high is not None:
        left, right = ("greater than" if low_open else "at least"), (
            "less than" if high_open else "at most")
        if not low_open and not high_open:
            return f"between {low:g} and {high:g}"
        return f"{left} {low:g} and {right} {high:g}"
    if low is not None:
        return f"greater than {low:g}" if low_open else f"at least {low:g}"
    if high is not None:
        return f"less than {high:g}" if high_open else f"at most {high:g}"
    return "a number"


def check_int(value: object, name: str, low: int | None = None,
              high: int | None = None) -> int:
    """A whole number (a count, a number of bins or steps) between ``low`` and ``high``.

    >>> check_int(10**20, "steps", 1, 10_000)
    Traceback (most recent call last):
    ...
    ValueError: steps must be between 1 and 10000, got 100000000000000000000
    """
    return check_number(value, name, low=low, high=high, integer=True)


def check_fraction(value: object, name: str, *, low_open: bool = False,
                   high_open: bool = False) -> float:
    """A share between 0 and 1 (open at either end on request)."""
    return check_number(value, name, low=0.0, high=1.0, low_open=low_open,
                        high_open=high_open)


def check_rate(value: object, name: str, *, low: float = 0.0, high: float = 1.0,
               low_open: bool = False, high_open: bool = False) -> float:
    """A rate (discount, margin, retention, conversion, growth) written as a fraction: 8 % is
    0.08. A value above ``high`` that looks like a percentage is refused with that hint.

    >>> check_rate(8, "discount_rate")
    Traceback (most recent call last):
    ...
    ValueError: discount_rate is a rate written as a fraction: 8 % is 0.08, got 8
    """
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)) and (
            math.isfinite(float(value)) and float(value) > high and high <= 1.0
            and float(value) <= 100.0):
        raise ValueError(f"{name} is a rate written as a fraction: {_plain(value):g} % is "
                         f"{float(value) / 100:g}, got {_plain(value)!r}")
    return check_number(value, name, low=low, high=high, low_open=low_open,
                        high_open=high_open)


def require_probability(value: float | pd.Series, name: str = "probability") -> None:
    """Raise unless ``value`` (a number or a Series) is a probability in [0, 1]."""
    if isinstance(value, pd.Series):
        _checked_numbers(value, name, low=0.0, high=1.0)
        return
    check_fraction(value, name)


def check_seed(seed: object, name: str = "seed") -> int:
    """A random seed: a whole number from 0 to 2**32 - 1 (every random draw in the course is
    seeded, so a seed is never None)."""
    return check_int(seed, name, 0, MAX_SEED)


def check_choice(value: object, name: str, options: Iterable[Hashable]) -> Hashable:
    """``value`` if it is one of ``options``; a ValueError listing them otherwise.

    >>> check_choice("monthly", "freq", ["M", "Q", "Y"])
    Traceback (most recent call last):
    ...
    ValueError: freq must be one of ['M', 'Q', 'Y'], got 'monthly'
    """
    options = list(options)
    try:
        ok = value in options
    except TypeError:  # an unhashable value compared with a dict's keys
        ok = False
    if not ok or isinstance(value, (bool, np.bool_)) and not any(
            isinstance(o, bool) for o in options):
        raise ValueError(f"{name} must be one of {options}, got {value!r}")
    return value


def check_bool(value: object, name: str) -> bool:
    """``value`` if it is True or False (not 0/1, a string or None)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} "
                        f"{value!r}")
    return bool(value)


def check_cells(rows: int, columns: int, name: str) -> None:
    """Refuse to build a table of ``rows`` x ``columns`` cells above :data:`MAX_CELLS`."""
    if rows * columns > MAX_CELLS:
        raise ValueError(f"{name} would need a table of {rows:,} x {columns:,} cells, more "
                         f"than the {MAX_CELLS:,} the course builds in memory: ask for a "
                         "smaller range")


def as_timestamp(value: object, name: str = "date") -> pd.Timestamp:
    """``value`` as a ``pd.Timestamp`` without a time zone; a clear error naming ``name`` if
    it is not a date (a number, a missing value, text that is no date, or a zoned time)."""
    if isinstance(value, (bool, np.bool_, numbers.Number)) and not isinstance(
            value, (np.datetime64,)):
        raise TypeError(f"{name} must be a date such as '2024-12-31', got "
                        f"{type(value).__name__} {value!r}")
    if value is None:
        raise TypeError(f"{name} must be a date such as '2024-12-31', got None")
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError) as err:
        raise TypeError(f"{name} must be a date such as '2024-12-31', got {value!r}") from err
    if pd.isna(stamp):
        raise ValueError(f"{name} must be a date, got a missing value ({value!r})")
    if stamp.tzinfo is not None:
        raise TypeError(f"{name} must be a date without a time zone, got {stamp}: drop the "
                        "zone with .tz_localize(None)")
    return stamp


def column_option(df: pd.DataFrame, column: object, name: str,
                  frame_name: str = "data") -> str:
    """An option that names a column of ``df`` (e.g. ``sales="net_sales"``): a string that is
    one of its columns.

    >>> column_option(pd.DataFrame({"net_sales": [1.0]}), "sales", "sales", "table")
    Traceback (most recent call last):
    ...
    ValueError: sales must name a column of table; 'sales' is not one of ['net_sales']
    """
    if not isinstance(column, str):
        raise TypeError(f"{name} must be a column name (text), got {type(column).__name__} "
                        f"{column!r}")
    if column not in df.columns:
        raise ValueError(f"{name} must name a column of {frame_name}; {column!r} is not one of "
                         f"{list(df.columns)}")
    return column
