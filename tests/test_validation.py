"""The shared input checks name the problem and the offending rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import validation as v


def test_require_frame() -> None:
    with pytest.raises(TypeError, match="orders must be a pandas DataFrame, got list"):
        v.require_frame([1, 2], "orders")
    with pytest.raises(ValueError, match="orders is empty"):
        v.require_frame(pd.DataFrame(), "orders")


def test_require_columns_names_the_missing_ones() -> None:
    df = pd.DataFrame({"a": [1], "b": [2]})
    with pytest.raises(ValueError, match=r"missing column\(s\) \['c'\]"):
        v.require_columns(df, ["a", "c"], "orders")


def test_negative_values_are_quoted() -> None:
    s = pd.Series([5.0, -1.0, 3.0, -2.5], name="amount")
    with pytest.raises(ValueError, match=r"amount must not be negative; 2 value\(s\) are: 1: -1.0, 3: -2.5"):
        v.require_nonnegative(s, "amount")


def test_nan_is_reported_with_row() -> None:
    with pytest.raises(ValueError, match=r"1 missing value\(s\) \(NaN\) at: 'b'"):
        v.as_numeric_series(pd.Series([1.0, np.nan], index=["a", "b"]), "margin")


def test_non_numeric_and_empty() -> None:
    with pytest.raises(TypeError, match="must be numeric"):
        v.as_numeric_series(pd.Series(["x"]), "margin")
    with pytest.raises(ValueError, match="empty"):
        v.as_numeric_series([], "margin")


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_probability_range(p: float) -> None:
    if 0 <= p <= 1:
        v.require_probability(p)
    else:
        with pytest.raises(ValueError, match="between 0 and 1"):
            v.require_probability(p, "retention")


def test_probability_series_and_type() -> None:
    with pytest.raises(ValueError, match="between 0.0 and 1.0"):
        v.require_probability(pd.Series([0.2, 1.2]), "retention")
    with pytest.raises(TypeError, match="must be a number"):
        v.require_probability("0.5", "retention")  # type: ignore[arg-type]


def test_long_lists_are_shortened() -> None:
    with pytest.raises(ValueError, match=r"and 5 more"):
        v.require_between(pd.Series(range(10)), 20, 30, "score")
