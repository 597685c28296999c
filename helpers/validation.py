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

MAX_SIMULATIONS = 1_000_000
"""Most Monte Carlo draws a simulation makes (``n_sims``)."""

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


def _require_dataframe(df: object, name: str) -> pd.DataFrame:
    """``df`` if it is a DataFrame (empty or not); a TypeError naming ``name`` otherwise."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    return df


def _column_list(columns: Iterable[str] | str, name: str) -> list[str]:
    """``columns`` as a list; one name given as a string is one column, not its letters."""
    if isinstance(columns, str):
        return [columns]
    if columns is None:
        raise TypeError(f"the columns of {name} must be a list of names, got None")
    return list(columns)


def require_columns(df: pd.DataFrame, columns: Iterable[str], name: str = "data") -> None:
    """Raise ValueError naming every column of ``columns`` that ``df`` lacks.

    >>> require_columns(pd.DataFrame({"customer_id": [1]}), ["customer_id", "profit"], "orders")
    Traceback (most recent call last):
    ValueError: orders is missing column(s) ['profit']; it has ['customer_id']
    """
    _require_dataframe(df, name)
    missing = [c for c in _column_list(columns, name) if c not in df.columns]
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
    """Several columns through :func:`numeric_column` with the same rules, as a float frame.

    >>> numeric_columns(pd.DataFrame({"sales": ["10", "20"]}), ["sales"], "orders")
    Traceback (most recent call last):
    TypeError: orders['sales'] holds text (dtype str), not numbers: convert it with pd.to_numeric...
    """
    columns = _column_list(columns, name)
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
            rule = f"must lie between {_bound(low)} and {_bound(high)}"
        elif low is not None:
            rule = f"must be at least {_bound(low)}" if low != 0 else "must not be negative"
        else:
            rule = f"must be at most {_bound(high)}"
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
    """A Series of dates checked as :func:`date_column` checks a column.

    >>> check_dates(pd.Series(["2024-01-05"]), "order_date")
    Traceback (most recent call last):
    TypeError: order_date must hold dates (datetime64), got text (dtype str): parse it with ...
    """
    _require_series(series, label)
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
    customer), quoting the rows that do.

    >>> require_unique(pd.DataFrame({"customer_id": [1, 2, 2]}), ["customer_id"], "customers")
    Traceback (most recent call last):
    ValueError: customers must have one row per customer_id; 2 rows share their customer_id: ...
    """
    keys = _column_list(keys, name)
    if not keys:
        raise ValueError(f"the keys of {name} must name at least one column")
    require_columns(df, keys, name)
    dup = df.duplicated(keys, keep=False)
    if dup.any():
        rule = what or f"one row per {' and '.join(keys)}"
        raise ValueError(f"{name} must have {rule}; {int(dup.sum()):,} rows share their "
                         f"{', '.join(keys)}:{offenders(df[keys], dup)}")


def require_unique_index(obj: pd.Series | pd.DataFrame, name: str = "data",
                         what: str = "one row per customer") -> None:
    """Raise ValueError if the index of ``obj`` repeats a label.

    >>> require_unique_index(pd.Series([1.0, 2.0], index=["a", "a"]), "sales")
    Traceback (most recent call last):
    ValueError: sales must have one row per customer; the index repeats ['a']
    """
    _require_pandas(obj, name)
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
    """Raise ValueError if ``obj`` holds a missing value, quoting the rows that do.

    >>> require_no_nan(pd.Series([1.0, np.nan]), "margin")
    Traceback (most recent call last):
    ValueError: margin has 1 missing value(s) (NaN) at: 1: nan
    """
    _require_pandas(obj, name)
    mask = obj.isna() if isinstance(obj, pd.Series) else obj.isna().any(axis=1)
    if mask.any():
        raise ValueError(f"{name} has {int(mask.sum()):,} {what} at: "
                         f"{offenders(obj, mask)}")


def require_finite(obj: pd.Series | pd.DataFrame, name: str = "values") -> None:
    """Raise ValueError if ``obj`` (numeric) holds NaN or ±inf, quoting the rows that do.

    >>> require_finite(pd.Series([1.0, np.inf]), "sales")
    Traceback (most recent call last):
    ValueError: sales must hold finite numbers; 1 row(s) hold an infinite value: 1: inf
    """
    _require_pandas(obj, name)
    columns = obj.items() if isinstance(obj, pd.DataFrame) else [(None, obj)]
    for column, values in columns:
        label = name if column is None else f"{name}[{column!r}]"
        problem = _dtype_problem(values, label)
        if problem:
            raise TypeError(problem)
    require_no_nan(obj, name)
    arr = obj.to_numpy(dtype=float)
    bad = np.isinf(arr) if arr.ndim == 1 else np.isinf(arr).any(axis=1)
    if bad.any():
        raise ValueError(f"{name} must hold finite numbers; {int(bad.sum()):,} row(s) hold "
                         f"an infinite value: {offenders(obj, bad)}")


def _require_pandas(obj: object, name: str) -> None:
    if not isinstance(obj, (pd.Series, pd.DataFrame)):
        raise TypeError(f"{name} must be a pandas Series or DataFrame, got "
                        f"{type(obj).__name__}")


def _require_series(series: object, name: str) -> None:
    if not isinstance(series, pd.Series):
        raise TypeError(f"{name} must be a pandas Series, got {type(series).__name__}")


def require_nonnegative(series: pd.Series, name: str = "values") -> None:
    """Raise ValueError if ``series`` has a negative value, quoting the rows that do; a
    ``TypeError`` if it is not numeric.

    >>> require_nonnegative(pd.Series([10.0, -5.0]), "sales")
    Traceback (most recent call last):
    ValueError: sales must not be negative; 1 value(s) are: 1: -5.0
    """
    _require_series(series, name)
    problem = _dtype_problem(series, name)
    if problem:
        raise TypeError(problem)
    mask = series < 0
    if mask.any():
        raise ValueError(f"{name} must not be negative; {int(mask.sum()):,} value(s) are: "
                         f"{offenders(series, mask)}")


def require_between(series: pd.Series, low: float, high: float, name: str = "values") -> None:
    """Raise ValueError if a value of ``series`` lies outside ``[low, high]`` (NaN included);
    a ``TypeError`` if it is not numeric.

    >>> require_between(pd.Series([0.5, 1.5]), 0, 1, "retention")
    Traceback (most recent call last):
    ValueError: retention must lie between 0 and 1; 1 value(s) do not: 1: 1.5
    """
    _require_series(series, name)
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


def _bound(x: float) -> str:
    """A bound as a message shows it: whole numbers in full (4294967295, not 4.29497e+09)."""
    if float(x).is_integer() and abs(x) < 1e16:
        return str(int(x))
    return f"{x:g}"


def _range_text(low: float | None, high: float | None, low_open: bool,
                high_open: bool) -> str:
    if low is not None and high is not None:
        left, right = ("greater than" if low_open else "at least"), (
            "less than" if high_open else "at most")
        if not low_open and not high_open:
            return f"between {_bound(low)} and {_bound(high)}"
        return f"{left} {_bound(low)} and {right} {_bound(high)}"
    if low is not None:
        return f"greater than {_bound(low)}" if low_open else f"at least {_bound(low)}"
    if high is not None:
        return f"less than {_bound(high)}" if high_open else f"at most {_bound(high)}"
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
    """A share between 0 and 1 (open at either end on request).

    >>> check_fraction(0.25, "fraction")
    0.25
    >>> check_fraction(1.5, "fraction")
    Traceback (most recent call last):
    ValueError: fraction must be between 0 and 1, got 1.5
    """
    return check_number(value, name, low=0.0, high=1.0, low_open=low_open,
                        high_open=high_open)


def check_rate(value: object, name: str, *, low: float = 0.0, high: float = 1.0,
               low_open: bool = False, high_open: bool = False, change: bool = False) -> float:
    """A rate (discount, margin, retention, conversion, growth, or a change of one) written as a
    fraction: 8 % is 0.08. A value above ``high`` that would be inside as a percentage
    (value / 100) is refused with that hint; for a ``change`` of a rate, which may be negative,
    a value below ``low`` too.

    >>> check_rate(8, "discount_rate")
    Traceback (most recent call last):
    ...
    ValueError: discount_rate is a rate written as a fraction: 8 % is 0.08, got 8
    >>> check_rate(-5, "delta", low=-1, change=True)
    Traceback (most recent call last):
    ...
    ValueError: delta is a rate written as a fraction: -5 % is -0.05, got -5
    """
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)) and (
            math.isfinite(float(value))) and (
            float(value) > high or (change and float(value) < low)) and (
            low <= float(value) / 100 <= high):
        raise ValueError(f"{name} is a rate written as a fraction: {_plain(value):g} % is "
                         f"{float(value) / 100:g}, got {_plain(value)!r}")
    return check_number(value, name, low=low, high=high, low_open=low_open,
                        high_open=high_open)


def require_probability(value: float | pd.Series, name: str = "probability") -> None:
    """Raise unless ``value`` (a number or a Series) is a probability in [0, 1].

    >>> require_probability(pd.Series([0.2, 1.2]), "p")
    Traceback (most recent call last):
    ValueError: p must lie between 0 and 1; 1 value breaks this: 1: 1.2
    """
    if isinstance(value, pd.Series):
        _checked_numbers(value, name, low=0.0, high=1.0)
        return
    check_fraction(value, name)


def check_seed(seed: object, name: str = "seed") -> int:
    """A random seed: a whole number from 0 to 2**32 - 1 (every random draw in the course is
    seeded, so a seed is never None).

    >>> check_seed(42)
    42
    >>> check_seed(-1)
    Traceback (most recent call last):
    ValueError: seed must be between 0 and 4294967295, got -1
    """
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
    """``value`` if it is True or False (not 0/1, a string or None).

    >>> check_bool("yes", "log_scale")
    Traceback (most recent call last):
    TypeError: log_scale must be True or False, got str 'yes'
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} "
                        f"{value!r}")
    return bool(value)


def check_cells(rows: int, columns: int, name: str) -> None:
    """Refuse to build a table of ``rows`` x ``columns`` cells above :data:`MAX_CELLS`.

    >>> check_cells(1_000_000, 1_000, "the matrix")
    Traceback (most recent call last):
    ValueError: the matrix would need a table of 1,000,000 x 1,000 cells, more than the ...
    """
    if rows * columns > MAX_CELLS:
        raise ValueError(f"{name} would need a table of {rows:,} x {columns:,} cells, more "
                         f"than the {MAX_CELLS:,} the course builds in memory: ask for a "
                         "smaller range")


def as_timestamp(value: object, name: str = "date") -> pd.Timestamp:
    """``value`` as a ``pd.Timestamp`` without a time zone; a clear error naming ``name`` if
    it is not a date (a number, a missing value, text that is no date, or a zoned time).

    >>> as_timestamp("2024-12-31", "at")
    Timestamp('2024-12-31 00:00:00')
    >>> as_timestamp("yesterday", "at")
    Traceback (most recent call last):
    TypeError: at must be a date such as '2024-12-31', got 'yesterday'
    """
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
    _require_dataframe(df, frame_name)
    if not isinstance(column, str):
        raise TypeError(f"{name} must be a column name (text), got {type(column).__name__} "
                        f"{column!r}")
    if column not in df.columns:
        raise ValueError(f"{name} must name a column of {frame_name}; {column!r} is not one of "
                         f"{list(df.columns)}")
    return column


# ---------------------------------------------------------------------------------------------
# more shapes of input: pairs, names, labels, flags, several numbers or dates, axes
# ---------------------------------------------------------------------------------------------

MAX_SQUARABLE = 1e150
"""Largest absolute value a helper squares (variances, least squares): above it the square
overflows a float."""


def check_text(value: object, name: str, *, allow_empty: bool = True) -> str:
    """``value`` if it is text (a title, a label, a prefix).

    >>> check_text(5, "title")
    Traceback (most recent call last):
    ...
    TypeError: title must be text, got int 5
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text, got {type(value).__name__} {value!r}")
    if not allow_empty and not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value


def check_pair(value: object, name: str, *, ordered: bool = True,
               example: str = "(1, 7)") -> tuple[float, float]:
    """Two finite numbers given as a tuple or list, e.g. a rating scale ``(lowest, highest)``
    (with ``ordered``, lowest < highest).

    >>> check_pair((7, 1), "scale")
    Traceback (most recent call last):
    ...
    ValueError: scale must be (lowest, highest) with lowest < highest, got (7, 1)
    """
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise TypeError(f"{name} must be a pair of numbers such as {example}, got {value!r}")
    first = check_number(value[0], f"{name}[0]")
    second = check_number(value[1], f"{name}[1]")
    if ordered and not first < second:
        raise ValueError(f"{name} must be (lowest, highest) with lowest < highest, got "
                         f"{tuple(value)!r}")
    return first, second


def check_names(values: object, name: str, *, allow_empty: bool = False,
                unique: bool = True) -> list[Hashable]:
    """A list of names (columns, dimensions, stages): a list, tuple or Index — not a bare
    string, whose letters would be taken one by one — not empty, without repeats.

    >>> check_names("net_sales", "columns")
    Traceback (most recent call last):
    ...
    TypeError: columns must be a list of names such as ['net_sales'], got the string 'net_sales'
    """
    if isinstance(values, str):
        raise TypeError(f"{name} must be a list of names such as [{values!r}], got the string "
                        f"{values!r}")
    if not isinstance(values, (list, tuple, pd.Index, pd.Series, np.ndarray)):
        raise TypeError(f"{name} must be a list of names, got {type(values).__name__}")
    found = list(values)
    if not found and not allow_empty:
        raise ValueError(f"{name} must name at least one, got an empty list")
    for item in found:
        if not isinstance(item, Hashable) or item is None:
            raise TypeError(f"{name} holds {item!r}, which is not a name")
    if unique:
        repeated = sorted({str(v) for v in found if found.count(v) > 1})
        if repeated:
            raise ValueError(f"{name} names {repeated} more than once")
    return found


def check_labels(series: pd.Series, name: str) -> pd.Series:
    """A column of labels (ids, groups, reasons, events): none missing, and not text mixed
    with numbers (such labels can be neither sorted nor matched).

    >>> check_labels(pd.Series(["north", 3]), "region")
    Traceback (most recent call last):
    ...
    TypeError: region mixes text labels with other values (1: 3): write every label as text
    """
    _require_series(series, name)
    require_no_nan(series, name)
    if pd.api.types.is_object_dtype(series.dtype):
        text = series.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
        if text.any() and not text.all():
            raise TypeError(f"{name} mixes text labels with other values "
                            f"({offenders(series, ~text)}): write every label as text")
        try:
            sorted(pd.unique(series))
        except TypeError:
            kinds = sorted({type(v).__name__ for v in series})
            raise TypeError(f"{name} mixes labels of different types ({', '.join(kinds)}) "
                            "that cannot be ordered: make them one type, e.g. with "
                            ".astype(str)") from None
    return series


def check_in(series: pd.Series, name: str, allowed: Iterable[Hashable]) -> pd.Series:
    """A Series whose every value is one of ``allowed`` (e.g. bank ratings A–D), quoting the
    rows that are not.

    >>> check_in(pd.Series(["A", "E"]), "bank_rating", ["A", "B", "C", "D"])
    Traceback (most recent call last):
    ...
    ValueError: bank_rating must hold one of ['A', 'B', 'C', 'D']; 1 value is not: 1: 'E'
    """
    _require_series(series, name)
    allowed = list(allowed)
    bad = ~series.isin(allowed).to_numpy()
    if bad.any():
        raise ValueError(f"{name} must hold one of {allowed}; "
                         f"{_verb(int(bad.sum()), 'is', 'are')} not: {offenders(series, bad)}")
    return series


def check_flags(series: object, name: str) -> pd.Series:
    """A Series of True/False flags with none missing.

    >>> check_flags(pd.Series(["yes", "no"]), "guarantor")
    Traceback (most recent call last):
    ...
    TypeError: guarantor must hold True/False, got dtype str
    """
    _require_series(series, name)
    if not pd.api.types.is_bool_dtype(series.dtype):
        raise TypeError(f"{name} must hold True/False, got dtype {series.dtype}")
    require_no_nan(series, name)
    return series.astype(bool)


def _is_one_value(value: object) -> bool:
    return not isinstance(value, (list, tuple, np.ndarray, pd.Series, pd.Index, range)) or (
        isinstance(value, np.ndarray) and value.ndim == 0)


def as_numbers(value: object, name: str, *, low: float | None = None,
               high: float | None = None, low_open: bool = False, high_open: bool = False,
               integer: bool = False, allow_inf: bool = False,
               rate: bool = False) -> tuple[np.ndarray, bool]:
    """One number or several (a list, tuple, array or Series) as a float array, checked as
    :func:`check_number` checks one (``rate`` as :func:`check_rate`: a value above ``high``
    that looks like a percentage gets the hint that 8 % is 0.08), and whether it was one
    number.

    >>> as_numbers([0.05, 8], "discount_rate", low=0, high=1, rate=True)
    Traceback (most recent call last):
    ...
    ValueError: discount_rate is a rate written as a fraction (8 % is 0.08); 1 value breaks ...
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if _is_one_value(value):
        check = check_rate if rate else check_number
        rules = {"low": low, "high": high, "low_open": low_open, "high_open": high_open}
        if rate:
            rules = {k: v for k, v in rules.items() if v is not None}
            number = check(value, name, **rules)
        else:
            number = check(value, name, integer=integer, allow_inf=allow_inf, **rules)
        return np.asarray([float(number)]), True
    if isinstance(value, np.ndarray) and value.ndim > 1:
        value = value.ravel()
    series = as_numeric_series(value, name, allow_inf=allow_inf, integer=integer)
    arr = series.to_numpy()
    if rate and high is not None and high <= 1.0:
        looks = (arr > high) & (arr <= 100.0)
        if looks.any():
            word = "value breaks" if looks.sum() == 1 else "values break"
            raise ValueError(f"{name} is a rate written as a fraction (8 % is 0.08); "
                             f"{int(looks.sum()):,} {word} this: {offenders(series, looks)}")
    bad = np.zeros(len(arr), dtype=bool)
    if low is not None:
        bad |= arr <= low if low_open else arr < low
    if high is not None:
        bad |= arr >= high if high_open else arr > high
    if bad.any():
        word = "value breaks" if bad.sum() == 1 else "values break"
        raise ValueError(f"{name} must be {_range_text(low, high, low_open, high_open)}; "
                         f"{int(bad.sum()):,} {word} this: {offenders(series, bad)}")
    return arr, False


def as_dates(value: object, name: str, *, single: bool = True) -> pd.DatetimeIndex:
    """One date (if ``single``) or several — a list of dates or text dates, or a Series or
    Index of ``datetime64`` — as a DatetimeIndex, every one checked as :func:`as_timestamp`
    checks one.

    >>> as_dates(["2024-06-30", "not a date"], "dates")
    Traceback (most recent call last):
    ...
    TypeError: dates must be a date such as '2024-12-31', got 'not a date'
    """
    if isinstance(value, pd.DataFrame):
        raise TypeError(f"{name} must be a date or a list of dates, got a DataFrame with "
                        f"columns {list(value.columns)}: pick one column")
    if isinstance(value, (pd.Series, pd.Index)):  # a column of dates: its dtype must be dates
        return pd.DatetimeIndex(check_dates(pd.Series(value), name))
    if _is_one_value(value) or isinstance(value, (str, bytes)):
        if not single:
            raise TypeError(f"{name} must be a list of dates, got {type(value).__name__} "
                            f"{value!r}")
        return pd.DatetimeIndex([as_timestamp(value, name)])
    values = list(value)
    if not values:
        raise ValueError(f"{name} is empty: give at least one date")
    return pd.DatetimeIndex([as_timestamp(v, name) for v in values])


def refuse_rows(frame: pd.DataFrame | pd.Series, mask: object, name: str, rule: str) -> None:
    """Raise ValueError ``"{name}: {rule}; n row(s) break this: …"`` if any row of ``mask``
    is true (a rule that involves several columns, e.g. recency <= T).

    >>> summary = pd.DataFrame({"recency": [3.0, 9.0], "T": [5.0, 6.0]})
    >>> refuse_rows(summary, summary["recency"] > summary["T"], "summary",
    ...             "recency must not exceed T")
    Traceback (most recent call last):
    ...
    ValueError: summary: recency must not exceed T; 1 row breaks this:
       recency    T
    1      9.0  6.0
    """
    mask = np.asarray(mask, dtype=bool)
    if mask.any():
        word = "row breaks" if mask.sum() == 1 else "rows break"
        raise ValueError(f"{name}: {rule}; {int(mask.sum()):,} {word} this:"
                         f"{offenders(frame, mask)}")


def check_squarable(values: pd.Series | pd.DataFrame, name: str) -> None:
    """Refuse values whose square overflows a float (above :data:`MAX_SQUARABLE`):
    variances, correlations and least squares square them.

    >>> check_squarable(pd.Series([1e200]), "values")
    Traceback (most recent call last):
    ValueError: values holds values too large to square (above 1e+150 in absolute value): 0: 1e+200
    """
    arr = np.abs(values.to_numpy(dtype=float))
    big = arr > MAX_SQUARABLE
    big = big.any(axis=1) if big.ndim == 2 else big
    if big.any():
        raise ValueError(f"{name} holds values too large to square (above {MAX_SQUARABLE:g} "
                         f"in absolute value): {offenders(values, big)}")


def require_finite_result(values: object, what: str, inputs: Sequence[str]) -> None:
    """Refuse a result that overflowed (inf, or NaN from inf - inf) although every input was
    finite: the inputs lie outside the scale a float can hold.

    >>> require_finite_result(float("inf"), "clv", ["margin"])
    Traceback (most recent call last):
    ...
    ValueError: clv is too large to compute: it overflows the range of a float ...
    """
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{what} must be numbers, got {values!r}") from error
    if not np.isfinite(arr).all():
        raise ValueError(f"{what} is too large to compute: it overflows the range of a float "
                         f"(about 1.8e308); check the scale of {', '.join(inputs)}")


def check_axes(ax: object, name: str = "ax") -> None:
    """Refuse an ``ax`` that is neither None nor a matplotlib Axes.

    >>> check_axes("ax")
    Traceback (most recent call last):
    TypeError: ax must be a matplotlib Axes (e.g. from plots.new_axes()) or None, got str
    """
    if ax is None:
        return
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(f"{name} must be a matplotlib Axes (e.g. from plots.new_axes()) or "
                        f"None, got {type(ax).__name__}")
