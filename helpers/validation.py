"""Input checks shared by every helper.

Each check raises a ``ValueError`` or ``TypeError`` whose message names the argument or column,
the rule that was broken and a few offending rows, so that a student sees at once what to fix.
Nothing is silently dropped or coerced.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

_SHOW = 5  # offending rows quoted in an error message


def _offenders(obj: pd.Series | pd.DataFrame, mask: pd.Series) -> str:
    rows = obj[mask]
    shown = rows.head(_SHOW)
    text = shown.to_string() if isinstance(shown, pd.DataFrame) else ", ".join(
        f"{idx!r}: {val!r}" for idx, val in shown.items())
    more = f" (and {len(rows) - _SHOW} more)" if len(rows) > _SHOW else ""
    return f"{text}{more}"


def require_frame(df: object, name: str = "data") -> pd.DataFrame:
    """Raise TypeError unless ``df`` is a non-empty DataFrame."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    if df.empty:
        raise ValueError(f"{name} is empty: it needs at least one row")
    return df


def require_columns(df: pd.DataFrame, columns: Iterable[str], name: str = "data") -> None:
    """Raise ValueError naming every column of ``columns`` that ``df`` lacks."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"{name} is missing column(s) {missing}; it has {list(df.columns)}")


def as_numeric_series(values: object, name: str = "values") -> pd.Series:
    """Return ``values`` as a float Series; raise if it is empty, not numeric or holds NaN."""
    series = values.copy() if isinstance(values, pd.Series) else pd.Series(values)
    if series.empty:
        raise ValueError(f"{name} is empty: it needs at least one value")
    if not (pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)):
        raise TypeError(f"{name} must be numeric, got dtype {series.dtype}")
    series = series.astype(float)
    require_no_nan(series, name)
    return series


def require_no_nan(obj: pd.Series | pd.DataFrame, name: str = "values") -> None:
    """Raise ValueError if ``obj`` holds a missing value, quoting the rows that do."""
    mask = obj.isna() if isinstance(obj, pd.Series) else obj.isna().any(axis=1)
    if mask.any():
        raise ValueError(f"{name} has {int(mask.sum())} missing value(s) (NaN) at: "
                         f"{_offenders(obj, mask)}")


def require_nonnegative(series: pd.Series, name: str = "values") -> None:
    """Raise ValueError if ``series`` has a negative value, quoting the rows that do."""
    mask = series < 0
    if mask.any():
        raise ValueError(f"{name} must not be negative; {int(mask.sum())} value(s) are: "
                         f"{_offenders(series, mask)}")


def require_between(series: pd.Series, low: float, high: float, name: str = "values") -> None:
    """Raise ValueError if a value of ``series`` lies outside ``[low, high]``."""
    mask = (series < low) | (series > high)
    if mask.any():
        raise ValueError(f"{name} must lie between {low} and {high}; {int(mask.sum())} value(s) "
                         f"do not: {_offenders(series, mask)}")


def require_probability(value: float | pd.Series, name: str = "probability") -> None:
    """Raise ValueError unless ``value`` (a number or a Series) lies in [0, 1]."""
    if isinstance(value, pd.Series):
        require_no_nan(value, name)
        require_between(value, 0.0, 1.0, name)
        return
    if not isinstance(value, (int, float, np.floating, np.integer)) or isinstance(value, bool):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"{name} must lie between 0 and 1, got {value!r}")


def as_timestamp(value: object, name: str = "date") -> pd.Timestamp:
    """``value`` as a ``pd.Timestamp``; a clear error naming ``name`` if it is not a date."""
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must be a date such as '2024-12-31', got {value!r}") from err
    if pd.isna(stamp):
        raise ValueError(f"{name} must be a date, got a missing value ({value!r})")
    return stamp
