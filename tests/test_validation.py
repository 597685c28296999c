"""The shared input checks: the order of the checks, the wording, the rows they quote."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import validation as v

# --- frames and columns ------------------------------------------------------------------------


def test_require_frame() -> None:
    with pytest.raises(TypeError, match="orders must be a pandas DataFrame, got list; build"):
        v.require_frame([1, 2], "orders")
    with pytest.raises(TypeError, match=r"got Series; turn a Series into a table"):
        v.require_frame(pd.Series([1]), "orders")
    with pytest.raises(ValueError, match="orders is empty"):
        v.require_frame(pd.DataFrame({"a": []}), "orders")
    with pytest.raises(ValueError, match=r"orders is missing column\(s\) \['b'\]"):
        v.require_frame(pd.DataFrame({"a": [1]}), "orders", ["a", "b"])
    with pytest.raises(ValueError, match="duplicated column names"):
        v.require_frame(pd.DataFrame([[1, 2]], columns=["a", "a"]), "orders")


def test_missing_columns_come_before_emptiness() -> None:
    with pytest.raises(ValueError, match="missing column"):
        v.require_frame(pd.DataFrame({"a": []}), "orders", ["b"])


def test_require_columns_names_the_missing_ones() -> None:
    df = pd.DataFrame({"a": [1], "b": [2]})
    with pytest.raises(ValueError, match=r"missing column\(s\) \['c'\]"):
        v.require_columns(df, ["a", "c"], "orders")


@pytest.mark.parametrize("column, error, message", [
    (pd.Series(["1", "2"]), TypeError, r"holds text \(dtype str\).*pd.to_numeric"),
    (pd.Series([1, 2], dtype="category"), TypeError, r"category column.*astype\(float\)"),
    (pd.Series([True, False]), TypeError, r"True/False"),
    (pd.Series(pd.to_datetime(["2024-01-01", "2024-01-02"])), TypeError, "dates or durations"),
    (pd.Series([1.0, np.nan]), ValueError, r"1 missing value\(s\) \(NaN\) at: 1: nan"),
    (pd.Series([1.0, np.inf]), ValueError, r"finite numbers; 1 value is infinite: 1: inf"),
    (pd.Series([1.0, -1.0]), ValueError, r"must not be negative; 1 value breaks this: 1: -1.0"),
    (pd.Series([1.0, 2.5]), ValueError, r"whole numbers; 1 value is not: 1: 2.5"),
])
def test_numeric_column_checks_in_order(column: pd.Series, error: type, message: str) -> None:
    with pytest.raises(error, match=r"orders\['x'\].*" + message):
        v.numeric_column(pd.DataFrame({"x": column}), "x", "orders", low=0, integer=True)


def test_numeric_column_returns_floats_and_allows_what_is_documented() -> None:
    out = v.numeric_column(pd.DataFrame({"x": [1, 2]}), "x")
    assert out.dtype == float and out.tolist() == [1.0, 2.0]
    assert math.isinf(v.numeric_column(pd.DataFrame({"x": [np.inf]}), "x", allow_inf=True)[0])
    assert v.numeric_column(pd.DataFrame({"x": [np.nan]}), "x", allow_nan=True).isna().all()
    assert v.numeric_column(pd.DataFrame({"x": [True]}), "x", allow_bool=True).tolist() == [1.0]


def test_dates_text_zoned_and_missing() -> None:
    frame = pd.DataFrame({"d": pd.to_datetime(["2024-01-01", "2024-02-01"])})
    assert v.date_column(frame, "d", "orders").equals(frame["d"])
    with pytest.raises(TypeError, match=r"got text.*pd.to_datetime"):
        v.date_column(frame.assign(d=["2024-01-01", "2024-02-01"]), "d", "orders")
    with pytest.raises(TypeError, match=r"time-zone-aware dates \(UTC\).*tz_localize\(None\)"):
        v.date_column(frame.assign(d=frame["d"].dt.tz_localize("UTC")), "d", "orders")
    with pytest.raises(ValueError, match=r"missing date\(s\) \(NaT\)"):
        v.date_column(frame.assign(d=[frame["d"][0], pd.NaT]), "d", "orders")
    with pytest.raises(TypeError, match="got dtype int64"):
        v.date_column(frame.assign(d=[1, 2]), "d", "orders")


def test_uniqueness_quotes_the_repeated_keys() -> None:
    frame = pd.DataFrame({"customer_id": [1, 2, 2], "x": [1, 2, 3]})
    with pytest.raises(ValueError, match=r"one row per customer_id; 2 rows share"):
        v.require_unique(frame, ["customer_id"], "profiles")
    with pytest.raises(ValueError, match=r"values must have one row per customer; the index "
                                         r"repeats \['b'\]"):
        v.require_unique_index(pd.Series([1, 2, 3], index=["a", "b", "b"]), "values")


# --- series --------------------------------------------------------------------------------------

def test_negative_values_are_quoted() -> None:
    s = pd.Series([5.0, -1.0, 3.0, -2.5], name="amount")
    with pytest.raises(ValueError, match=r"amount must not be negative; 2 value\(s\) are: "
                                         r"1: -1.0, 3: -2.5"):
        v.require_nonnegative(s, "amount")


def test_nan_is_reported_with_row() -> None:
    with pytest.raises(ValueError, match=r"1 missing value\(s\) \(NaN\) at: 'b'"):
        v.as_numeric_series(pd.Series([1.0, np.nan], index=["a", "b"]), "margin")


@pytest.mark.parametrize("values, error, message", [
    (pd.Series(["x"]), TypeError, "holds text"),
    ([], ValueError, "empty"),
    ("123", TypeError, "got str"),
    (5.0, TypeError, "got float"),
    ({"a": 1}, TypeError, "got dict"),
    (pd.DataFrame({"a": [1]}), TypeError, "pick one column"),
    (np.ones((2, 2)), TypeError, "one-dimensional"),
    ([1.0, math.inf], ValueError, "finite"),
    ([1, "a"], TypeError, "holds text"),
])
def test_as_numeric_series_refuses(values: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        v.as_numeric_series(values, "margin")


def test_as_numeric_series_keeps_the_labels() -> None:
    out = v.as_numeric_series(pd.Series([1, 2], index=["a", "b"]), "x")
    assert out.index.tolist() == ["a", "b"] and out.dtype == float
    assert v.as_numeric_series((1, 2, 3), "x").tolist() == [1.0, 2.0, 3.0]


def test_text_is_refused_before_any_comparison() -> None:
    """A comparison with text would raise pandas' own TypeError: the dtype comes first."""
    with pytest.raises(TypeError, match="holds text"):
        v.require_nonnegative(pd.Series(["1", "-2"]), "amount")
    with pytest.raises(TypeError, match="holds text"):
        v.require_between(pd.Series(["1"]), 0, 1, "share")


def test_between_counts_nan_as_outside() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        v.require_between(pd.Series([0.5, np.nan]), 0, 1, "share")


def test_long_lists_are_shortened() -> None:
    with pytest.raises(ValueError, match=r"and 5 more"):
        v.require_between(pd.Series(range(10)), 20, 30, "score")


def test_offenders_shows_rows_of_a_frame_and_plain_values() -> None:
    frame = pd.DataFrame({"a": [1, 2, 3]})
    text = v.offenders(frame, frame["a"] > 1)
    assert text.startswith("\n") and "2" in text and "3" in text
    assert v.offenders(pd.Series([np.float64(-2.0)]), [True]) == "0: -2.0"
    assert v.offenders([1, 2, 3, 4, 5, 6, 7], [True] * 7).endswith("(and 2 more)")


# --- options -----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, error, message", [
    (None, TypeError, "got None"),
    ("0.5", TypeError, r"got str '0.5' \(write it without quotes\)"),
    ("half", TypeError, "got str 'half'$"),
    (True, TypeError, "got bool"),
    ([0.5], TypeError, "got list"),
    (math.nan, ValueError, "got nan"),
    (math.inf, ValueError, "finite, got inf"),  # "share must be finite, …"
    (-0.1, ValueError, "between 0 and 1"),
    (1.5, ValueError, "between 0 and 1"),
])
def test_check_number(value: object, error: type, message: str) -> None:
    with pytest.raises(error, match=f"^share must .*{message}"):
        v.check_number(value, "share", low=0, high=1)


def test_check_number_bounds_and_whole_numbers() -> None:
    assert v.check_number(np.float32(0.5), "x") == 0.5
    assert v.check_number(3, "x", integer=True) == 3 and v.check_int(12.0, "x") == 12
    assert isinstance(v.check_int(np.int64(4), "x"), int)
    with pytest.raises(ValueError, match="greater than 0"):
        v.check_number(0, "rate", low=0, low_open=True)
    with pytest.raises(ValueError, match="at least 0 and less than 1"):
        v.check_number(1, "rate", low=0, high=1, high_open=True)
    with pytest.raises(ValueError, match="whole number"):
        v.check_int(2.5, "steps")
    with pytest.raises(ValueError, match="between 1 and 10000"):
        v.check_int(10**20, "steps", 1, 10_000)
    assert v.check_number(math.inf, "horizon", allow_inf=True) == math.inf


@pytest.mark.parametrize("value", [8, 12.5, 100])
def test_rates_above_one_get_the_percent_hint(value: float) -> None:
    with pytest.raises(ValueError, match=rf"discount_rate is a rate written as a fraction: "
                                         rf"{value:g} % is {value / 100:g}"):
        v.check_rate(value, "discount_rate")


def test_rates() -> None:
    assert v.check_rate(0.08, "discount_rate") == 0.08
    with pytest.raises(ValueError, match="between 0 and 1, got 150"):
        v.check_rate(150, "discount_rate")
    with pytest.raises(ValueError, match="greater than 0"):
        v.check_rate(0, "discount_rate", low_open=True)
    with pytest.raises(ValueError, match="got nan"):
        v.check_rate(math.nan, "discount_rate")


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_probability_range(p: float) -> None:
    if 0 <= p <= 1:
        v.require_probability(p)
    else:
        with pytest.raises(ValueError, match="between 0 and 1"):
            v.require_probability(p, "retention")


def test_probability_series_and_type() -> None:
    with pytest.raises(ValueError, match="must lie between 0 and 1"):
        v.require_probability(pd.Series([0.2, 1.2]), "retention")
    with pytest.raises(TypeError, match="must be a number"):
        v.require_probability("0.5", "retention")  # type: ignore[arg-type]


def test_seeds_choices_flags_cells() -> None:
    assert v.check_seed(0) == 0
    for bad in (-1, 2**32, 1.5):
        with pytest.raises(ValueError, match="seed"):
            v.check_seed(bad)
    with pytest.raises(TypeError, match="seed must be a number, got None"):
        v.check_seed(None)
    assert v.check_choice("M", "freq", ["M", "Q"]) == "M"
    with pytest.raises(ValueError, match=r"freq must be one of \['M', 'Q'\], got 'W'"):
        v.check_choice("W", "freq", ["M", "Q"])
    with pytest.raises(ValueError, match="one of"):
        v.check_choice(["M"], "freq", ["M", "Q"])
    with pytest.raises(ValueError, match="one of"):
        v.check_choice(True, "freq", [1, 2])
    assert v.check_bool(np.bool_(True), "shares") is True
    with pytest.raises(TypeError, match="shares must be True or False, got str 'yes'"):
        v.check_bool("yes", "shares")
    v.check_cells(1000, 1000, "table")
    with pytest.raises(ValueError, match="table would need a table of 100,000 x 1,000 cells"):
        v.check_cells(100_000, 1_000, "table")


def test_column_option() -> None:
    frame = pd.DataFrame({"net_sales": [1.0]})
    assert v.column_option(frame, "net_sales", "sales", "table") == "net_sales"
    with pytest.raises(TypeError, match="sales must be a column name"):
        v.column_option(frame, None, "sales", "table")


@pytest.mark.parametrize("value, error, message", [
    (None, TypeError, "got None"),
    (20240101, TypeError, "got int"),
    ("not a date", TypeError, "got 'not a date'"),
    (pd.NaT, ValueError, "missing value"),
    (pd.Timestamp("2024-01-01", tz="UTC"), TypeError, "without a time zone"),
])
def test_as_timestamp(value: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        v.as_timestamp(value, "at")


def test_as_timestamp_accepts_dates_and_text() -> None:
    assert v.as_timestamp("2024-12-31", "at") == pd.Timestamp("2024-12-31")
    assert v.as_timestamp(np.datetime64("2024-12-31"), "at") == pd.Timestamp("2024-12-31")


# --- more shapes: pairs, names, labels, flags, several numbers or dates -----------------------

def test_pairs_texts_names() -> None:
    assert v.check_pair([1, 7], "scale") == (1.0, 7.0)
    assert v.check_pair((4.6, 4.2), "crosshair", ordered=False) == (4.6, 4.2)
    with pytest.raises(TypeError, match=r"scale must be a pair of numbers such as \(1, 7\)"):
        v.check_pair(7, "scale")
    with pytest.raises(ValueError, match=r"scale\[1\] must be a number, got nan"):
        v.check_pair((1, math.nan), "scale")
    assert v.check_text("", "title") == ""
    with pytest.raises(ValueError, match="must not be empty"):
        v.check_text(" ", "title", allow_empty=False)
    assert v.check_names(("a", "b"), "columns") == ["a", "b"]
    with pytest.raises(ValueError, match=r"names \['a'\] more than once"):
        v.check_names(["a", "a"], "columns")
    with pytest.raises(ValueError, match="at least one"):
        v.check_names([], "columns")


def test_labels_and_flags() -> None:
    assert v.check_labels(pd.Series([1, 2]), "group").tolist() == [1, 2]
    with pytest.raises(ValueError, match="NaN"):
        v.check_labels(pd.Series(["a", None]), "group")
    assert v.check_flags(pd.Series([True, False]), "flag").tolist() == [True, False]
    with pytest.raises(TypeError, match="must hold True/False"):
        v.check_flags(pd.Series([1, 0]), "flag")


def test_one_number_or_several() -> None:
    arr, one = v.as_numbers(0.1, "rate", low=0, high=1, rate=True)
    assert one and arr.tolist() == [0.1]
    arr, one = v.as_numbers(pd.Series([1, 2]), "t", low=0)
    assert not one and arr.tolist() == [1.0, 2.0]
    with pytest.raises(ValueError, match="8 % is 0.08"):
        v.as_numbers(8, "rate", low=0, high=1, rate=True)
    with pytest.raises(ValueError, match=r"greater than 0; 1 value breaks this"):
        v.as_numbers([1.0, 0.0], "t", low=0, low_open=True)
    with pytest.raises(ValueError, match="whole numbers"):
        v.as_numbers([1.5], "n", integer=True)


def test_one_date_or_several() -> None:
    assert v.as_dates("2024-12-31", "at").tolist() == [pd.Timestamp("2024-12-31")]
    series = pd.Series(pd.to_datetime(["2024-06-30", "2024-12-31"]))
    assert len(v.as_dates(series, "dates")) == 2
    with pytest.raises(TypeError, match="a list of dates"):
        v.as_dates("2024-12-31", "dates", single=False)
    with pytest.raises(ValueError, match="empty"):
        v.as_dates([], "dates")
    with pytest.raises(TypeError, match="time-zone-aware"):
        v.as_dates(series.dt.tz_localize("UTC"), "dates")


def test_rows_squares_results_axes() -> None:
    frame = pd.DataFrame({"a": [1, 2]})
    v.refuse_rows(frame, [False, False], "frame", "rule")
    with pytest.raises(ValueError, match="frame: a must be odd; 1 row breaks this"):
        v.refuse_rows(frame, frame["a"] % 2 == 0, "frame", "a must be odd")
    with pytest.raises(ValueError, match="too large to square"):
        v.check_squarable(pd.Series([1e200]), "x")
    with pytest.raises(ValueError, match="overflows"):
        v.require_finite_result([1.0, np.inf], "clv", ["margin"])
    with pytest.raises(TypeError, match="matplotlib Axes"):
        v.check_axes("ax")


def test_membership_and_unsortable_labels() -> None:
    assert v.check_in(pd.Series(["A", "D"]), "r", ["A", "D"]).tolist() == ["A", "D"]
    with pytest.raises(ValueError, match=r"r must hold one of \['A'\]; 1 value is not: 1: 'E'"):
        v.check_in(pd.Series(["A", "E"]), "r", ["A"])
    mixed = pd.Series([1, pd.Timestamp("2024-01-01")], dtype=object)
    with pytest.raises(TypeError, match="cannot be ordered"):
        v.check_labels(mixed, "group")
    with pytest.raises(TypeError, match="pd.to_datetime"):
        v.as_dates(pd.Series(["2024-01-01"]), "dates")
