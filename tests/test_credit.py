"""Receivables, financial ratios and 5C analysis: hand-computed examples, bad input, case data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from properties import examples

from helpers import credit, datasets
from helpers.datasets import case_company

# ---------------------------------------------------------------------------------------------
# financial ratios on a small statement
# ---------------------------------------------------------------------------------------------

STATEMENT = {"customer_id": 7, "year": 2023, "revenue": 1000.0, "cost_of_sales": 750.0,
             "operating_expenses": 160.0, "interest_expense": 20.0, "income_tax": 10.0,
             "net_income": 40.0, "cash": 100.0, "receivables": 150.0, "inventory": 100.0,
             "other_current_assets": 50.0, "current_assets": 400.0, "fixed_assets": 350.0,
             "intangible_assets": 50.0, "total_assets": 800.0, "current_liabilities": 250.0,
             "long_term_debt": 200.0, "total_liabilities": 450.0, "equity": 350.0,
             "operating_cash_flow": 50.0}


def _statements(**changes: float) -> pd.DataFrame:
    return pd.DataFrame([{**STATEMENT, **changes}])


def test_six_ratios_by_hand() -> None:
    r = credit.financial_ratios(_statements()).iloc[0]
    assert r["quick_ratio"] == pytest.approx((400 - 100) / 250)           # 1.2
    assert r["receivables_days"] == pytest.approx(150 / 1000 * 365)       # 54.75 days
    assert r["inventory_turnover"] == pytest.approx(750 / 100)            # 7.5 times
    assert r["debt_to_tangible_net_worth"] == pytest.approx(450 / (350 - 50))  # 1.5
    assert r["gross_margin"] == pytest.approx((1000 - 750) / 1000)        # 0.25
    assert r["return_on_investment"] == pytest.approx(40 / 800)           # 0.05
    assert list(r.index) == ["customer_id", "year", *credit.RATIOS.index]


def test_inventory_turnover_uses_the_year_end_inventory_of_the_same_statement() -> None:
    # one definition for the course (credit.financial_ratios, the glossary, chapter 11): cost of
    # sales over the year-end inventory of the same statement, not the average of opening and
    # closing inventory; a year's ratios do not depend on the statement of the year before
    later = _statements()                                    # 2023: inventory 100 at year end
    earlier = _statements(year=2022, inventory=300.0, current_assets=600.0, total_assets=1000.0)
    both = credit.financial_ratios(pd.concat([earlier, later], ignore_index=True))
    r = both.set_index("year").loc[2023]
    assert r["inventory_turnover"] == pytest.approx(750 / 100)            # not 750 / 200
    pd.testing.assert_series_equal(r, credit.financial_ratios(later).set_index("year").loc[2023])
    assert credit.RATIOS.loc["inventory_turnover", "formula"] == (
        "cost of sales / year-end inventory")


def test_ratio_names_show_the_deck_wording_beside_the_standard_term() -> None:
    # 《客户管理》第三章 writes 应收帐款周转期 (帐) and 经营毛利率; the course's own term uses 账
    assert credit.RATIOS["deck_term"].tolist() == [
        "速动比率", "应收帐款周转期", "存货周转率", "有形净值债务率", "经营毛利率", "投资报酬率"]
    assert credit.RATIOS.loc["receivables_days", "chinese"] == "应收账款周转期"
    assert credit.RATIOS.loc["gross_margin", "chinese"] == "毛利率"
    assert credit.ratio_bands().columns[:2].tolist() == ["chinese", "deck_term"]


def test_extended_ratios_by_hand() -> None:
    r = credit.financial_ratios(_statements(), extended=True).iloc[0]
    assert r["interest_cover"] == pytest.approx((40 + 10 + 20) / 20)      # EBIT 70 / 20 = 3.5
    assert r["asset_turnover"] == pytest.approx(1000 / 800)               # 1.25
    assert r["equity_ratio"] == pytest.approx(350 / 800)                  # 0.4375
    assert r["cash_flow_cover"] == pytest.approx(50 / 250)                # 0.2


def test_negative_tangible_net_worth_is_infinite_debt_ratio_not_nan() -> None:
    # equity 40 - intangibles 50 = -10: the debt is not covered at all
    r = credit.financial_ratios(_statements(equity=40.0)).iloc[0]
    assert r["debt_to_tangible_net_worth"] == np.inf
    assert credit.interpret_ratios(_statements(equity=40.0).pipe(credit.financial_ratios)
                                   ).iloc[0]["debt_to_tangible_net_worth"] == "weak"


def test_interpretation_bands_by_hand() -> None:
    labels = credit.interpret_ratios(credit.financial_ratios(_statements())).iloc[0]
    # quick 1.2 >= 1 strong; 54.75 days between 45 and 75 adequate; 7.5 times between 4 and 8
    # adequate; debt/TNW 1.5 between 1 and 2 adequate; margin 0.25 >= 0.25 strong; ROI 0.05
    # between 0.02 and 0.08 adequate
    assert labels[list(credit.RATIOS.index)].tolist() == [
        "strong", "adequate", "adequate", "adequate", "strong", "adequate"]
    assert labels["customer_id"] == 7


@settings(max_examples=examples(40))
@given(st.floats(min_value=1e-3, max_value=1e6))
def test_ratios_do_not_depend_on_the_currency_unit(scale: float) -> None:
    money = [k for k in STATEMENT if k not in ("customer_id", "year")]
    scaled = _statements(**{k: STATEMENT[k] * scale for k in money})
    base = credit.financial_ratios(_statements(), extended=True)
    pd.testing.assert_frame_equal(credit.financial_ratios(scaled, extended=True), base,
                                  rtol=1e-9)


@settings(max_examples=examples(40))
@given(st.sampled_from(["revenue", "cost_of_sales", "receivables", "inventory",
                        "current_assets", "current_liabilities", "total_liabilities",
                        "intangible_assets", "total_assets"]),
       st.floats(min_value=-1e9, max_value=-1e-3))
def test_negative_balances_are_refused(column: str, value: float) -> None:
    with pytest.raises(ValueError, match=rf"{column}.*must not be negative"):
        credit.financial_ratios(_statements(**{column: value}))


@pytest.mark.parametrize("frame, error, message", [
    (_statements(revenue=0.0), ValueError, "revenue.*must be positive"),
    (_statements(current_liabilities=0.0), ValueError, "current_liabilities.*must be positive"),
    (_statements(inventory=500.0), ValueError, "inventory is part of current assets"),
    (_statements(revenue=np.nan), ValueError, "NaN"),
    (_statements().drop(columns="equity"), ValueError, r"missing column\(s\) \['equity'\]"),
    (pd.concat([_statements(), _statements()]), ValueError, "one row per customer_id and year"),
    (_statements(revenue="lots"), TypeError, r"revenue'\] holds text.*pd.to_numeric"),
    (_statements().iloc[:0], ValueError, "empty"),
    ([1, 2], TypeError, "DataFrame"),
])
def test_financial_ratios_bad_input(frame: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        credit.financial_ratios(frame)


def test_linear_points_by_hand() -> None:
    # higher is better: 0.85 between 0.5 (0 points) and 1.2 (4 points): 0.35/0.7 x 4 = 2
    assert credit.linear_points([0.85, 0.1, 5.0], 0.5, 1.2, 4).tolist() == pytest.approx(
        [2.0, 0.0, 4.0])
    # lower is better: 60 days between 90 (0) and 40 (4): 30/50 x 4 = 2.4; +inf gives 0
    assert credit.linear_points([60.0, np.inf], 90, 40, 4).tolist() == pytest.approx([2.4, 0])
    with pytest.raises(ValueError, match="worst and best must be different"):
        credit.linear_points([1.0], 2.0, 2.0)
    with pytest.raises(ValueError, match="NaN"):
        credit.linear_points([np.nan], 0.0, 1.0)


def test_linear_points_of_a_table_score_each_column_on_its_own_line() -> None:
    # column a: 0.85 on 0.5 -> 1.2 (4 points) = 2; column b: 60 on 90 -> 40 (5 points) = 3
    table = pd.DataFrame({"a": [0.85, 2.0], "b": [60.0, 100.0]}, index=[7, 8])
    out = credit.linear_points(table, [0.5, 90.0], [1.2, 40.0], [4.0, 5.0])
    assert out.index.tolist() == [7, 8] and out.columns.tolist() == ["a", "b"]
    assert out.to_numpy().ravel().tolist() == pytest.approx([2.0, 3.0, 4.0, 0.0])
    for column, (w, b, p) in zip(table, [(0.5, 1.2, 4.0), (90.0, 40.0, 5.0)]):
        assert out[column].tolist() == pytest.approx(
            credit.linear_points(table[column], w, b, p).tolist())
    with pytest.raises(ValueError, match=r"one per column of values \(2\)"):
        credit.linear_points(table, [0.5, 90.0, 1.0], 1.0)
    with pytest.raises(TypeError, match=r"indicators\['b'\] holds text"):
        credit.linear_points(table.assign(b="x"), 0.0, 1.0, name="indicators")
    with pytest.raises(ValueError, match=r"indicators\['a'\] has 1 missing value"):
        credit.linear_points(table.assign(a=[np.nan, 1.0]), 0.0, 1.0, name="indicators")


# ---------------------------------------------------------------------------------------------
# the case company: ratios follow the latent risk
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def case() -> datasets.CaseCompany:
    return datasets.load_case_company()


def test_case_ratios_are_finite_or_flagged(case) -> None:
    ratios = credit.financial_ratios(case.financials)
    assert len(ratios) == len(case.financials)
    assert not ratios.isna().any().any()
    # only debt to tangible net worth may be +inf (negative tangible net worth), and rarely
    infinite = np.isinf(ratios[list(credit.RATIOS.index)]).sum()
    assert infinite.drop("debt_to_tangible_net_worth").sum() == 0
    assert infinite["debt_to_tangible_net_worth"] < 0.02 * len(ratios)


def test_late_payers_have_weaker_ratios(case) -> None:
    """Planted: one latent risk drives both the ratios and the payment delays."""
    inv = case.invoices[case.invoices["customer_id"].isin(case.credit_profiles["customer_id"])]
    paid = inv[inv["paid_date"].notna()]
    late = ((paid["paid_date"] - paid["due_date"]).dt.days.clip(lower=0)
            .groupby([paid["customer_id"], paid["due_date"].dt.year.rename("year")]).mean()
            .rename("days_late").reset_index())
    table = credit.financial_ratios(case.financials).merge(late, on=["customer_id", "year"])
    slow = table["days_late"] > table["days_late"].quantile(0.75)
    fast = table["days_late"] < table["days_late"].quantile(0.25)
    assert table.loc[slow, "quick_ratio"].median() < table.loc[fast, "quick_ratio"].median()
    assert table.loc[slow, "gross_margin"].median() < table.loc[fast, "gross_margin"].median()
    assert (table.loc[slow, "receivables_days"].median()
            > table.loc[fast, "receivables_days"].median())
    assert (table.loc[slow, "debt_to_tangible_net_worth"].median()
            > table.loc[fast, "debt_to_tangible_net_worth"].median())
    rho = table[["days_late", "quick_ratio"]].corr(method="spearman").iloc[0, 1]
    assert rho < -0.2


def test_deteriorating_customers_ratios_weaken(case) -> None:
    planted = case_company.planted_customer_types()
    ratios = credit.financial_ratios(case.financials)
    ratios["deteriorating"] = ratios["customer_id"].isin(planted["deteriorating"])
    med = ratios.groupby(["deteriorating", "year"])["gross_margin"].median().unstack()
    # the planted group's margin falls from 2021 to 2024, far more than the others'
    drop = med[2021] - med[2024]
    assert drop[True] > 0.03 and drop[True] > drop[False] + 0.03


# ---------------------------------------------------------------------------------------------
# receivables on a few invoices, at the start of 2024-04-01
# ---------------------------------------------------------------------------------------------

AT = "2024-04-01"


def _invoices() -> pd.DataFrame:
    rows = [  # customer, invoice date, due date, amount, paid date, written off
        (1, "2024-01-10", "2024-02-09", 100.0, "2024-02-20", False),  # paid before AT: closed
        (1, "2024-02-01", "2024-03-02", 200.0, None, False),          # 30 days past due
        (2, "2024-03-15", "2024-04-14", 300.0, None, False),          # not yet due: current
        (2, "2023-12-01", "2023-12-31", 400.0, None, False),          # 92 days past due
        (3, "2024-01-01", "2024-01-31", 50.0, None, False),           # 61 days past due
        (3, "2024-01-20", "2024-02-19", 150.0, "2024-04-05", False),  # paid after AT: 42 days
        (3, "2023-11-01", "2023-12-01", 80.0, None, True),            # written off: bad debt
    ]
    frame = pd.DataFrame(rows, columns=["customer_id", "invoice_date", "due_date", "amount",
                                        "paid_date", "written_off"])
    for column in ("invoice_date", "due_date", "paid_date"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def test_receivables_and_ageing_by_hand() -> None:
    inv = _invoices()
    # open at AT: 200 + 300 + 400 + 50 + 150 = 1100 (the written-off 80 is not a receivable)
    assert credit.receivables_at(inv, [AT]).iloc[0] == pytest.approx(1100.0)
    table = credit.ageing_schedule(inv, AT)
    assert table.index.tolist() == list(credit.AGEING_BUCKETS)
    # current 300; 1-30: 200 (due 03-02, 30 days); 31-60: 150 (due 02-19, 42 days in a leap
    # year); 61-90: 50 (due 01-31, 61 days); >90: 400 (due 2023-12-31, 92 days)
    assert table["amount"].tolist() == [300.0, 200.0, 150.0, 50.0, 400.0]
    assert table["invoices"].tolist() == [1, 1, 1, 1, 1]
    assert table["share"].sum() == pytest.approx(1.0)
    wide = credit.ageing_schedule(inv, AT, by="customer_id")
    assert wide.loc[3, ["61-90", "31-60", "total"]].tolist() == [50.0, 150.0, 200.0]
    assert wide["total"].sum() == pytest.approx(1100.0)


def test_dso_standard_and_count_back_by_hand() -> None:
    inv = _invoices()
    # standard: sales in the 90 days before AT (from 2024-01-02): 100 + 200 + 300 + 150 = 750;
    # DSO = 1100 / 750 x 90 = 132 days
    assert credit.dso(inv, AT) == pytest.approx(1100 / 750 * 90)
    # count-back: March (31 days) sales 300 -> 800 left; February (29) 200 -> 600 left;
    # January (31) 100 + 50 + 150 = 300 -> 300 left; December (31) 400 absorbs 300/400:
    # 31 + 29 + 31 + 0.75 x 31 = 114.25 days
    assert credit.dso(inv, AT, method="count-back") == pytest.approx(31 + 29 + 31 + 0.75 * 31)
    # counted back from 2024-03-31 the months are [02-29, 03-31) 31 days: 300; [01-31, 02-29)
    # 29 days: 200; [12-31, 01-31) 31 days: 300; [11-30, 12-31) 31 days: 400 -> 31 + 29 + 31
    # + 0.75 x 31 again, with month edges on month ends (not drifting to the 29th or 30th)
    assert credit.dso(inv, "2024-03-31", method="count-back") == pytest.approx(
        31 + 29 + 31 + 0.75 * 31)
    # from 2024-03-15: receivables 200 + 400 + 50 + 150 = 800 (invoice 3 is not issued yet);
    # [02-15, 03-15) 29 days, no sales: passed through whole; [01-15, 02-15) 31 days, sales
    # 200 + 150 -> 450 left; [12-15, 01-15) 31 days, 100 + 50 -> 300 left; [11-15, 12-15)
    # 30 days, 400 absorbs the rest: 0.75 x 30
    assert credit.dso(inv, "2024-03-15", method="count-back") == pytest.approx(
        29 + 31 + 31 + 0.75 * 30)
    with pytest.raises(ValueError, match="count back over more months"):
        credit.dso(inv, AT, method="count-back", months=2)
    with pytest.raises(ValueError, match="method must be"):
        credit.dso(inv, AT, method="average")
    with pytest.raises(ValueError, match="DSO is undefined"):
        credit.dso(inv, "2030-01-01")


def _lecture_example(june: float = 300.0) -> pd.DataFrame:
    """The lecture's worked example: sales Mar 500, Apr 100, May 200, Jun ``june``; open at
    2024-07-01: all of April-June and 100 of March (its other invoice of 400 is paid)."""
    d = pd.to_datetime
    return pd.DataFrame({
        "customer_id": 1,
        "invoice_date": d(["2024-03-10", "2024-03-20", "2024-04-15", "2024-05-15",
                           "2024-06-15"]),
        "due_date": d(["2024-04-09", "2024-04-19", "2024-05-15", "2024-06-14", "2024-07-15"]),
        "amount": [400.0, 100.0, 100.0, 200.0, june],
        "paid_date": d(["2024-04-09", None, None, None, None]),
        "written_off": False})


def test_count_back_table_is_the_lectures_worked_example() -> None:
    # receivables 700 at 2024-07-01: June 300 (30 days), May 200 (31), April 100 (30) are used
    # up whole, the last 100 is 100/500 of March's sales: 30 + 31 + 30 + 0.2 x 31 = 97.2 days
    table = credit.count_back_table(_lecture_example(), "2024-07-01")
    assert table["start"].dt.strftime("%Y-%m").tolist() == ["2024-06", "2024-05", "2024-04",
                                                            "2024-03"]
    assert table["days"].tolist() == [30, 31, 30, 31]
    assert table["sales"].tolist() == [300.0, 200.0, 100.0, 500.0]
    assert table["receivables_left"].tolist() == [700.0, 400.0, 200.0, 100.0]
    assert table["absorbed"].tolist() == [300.0, 200.0, 100.0, 100.0]
    assert table["share"].tolist() == pytest.approx([1, 1, 1, 0.2])
    assert table["days_counted"].sum() == pytest.approx(97.2)
    assert credit.dso(_lecture_example(), "2024-07-01", method="count-back") == pytest.approx(
        97.2)
    # the standard method: sales of the 90 days from 2024-04-02 are 100 + 200 + 300 = 600,
    # 700 / 600 x 90 = 105 days
    assert credit.dso(_lecture_example(), "2024-07-01") == pytest.approx(105.0)


def test_a_sales_peak_moves_the_standard_dso_not_the_count_back() -> None:
    # every invoice (the 15th of each month) is paid 60 days after issue; at 2024-07-01 May's
    # and June's invoices are open. Steady sales of 300 a month: receivables 600, standard DSO
    # 600 / 900 x 90 = 60 days, count-back June (30 days) + May (31) = 61 days. A June peak of
    # 600, paid just as promptly: receivables 900, standard 900 / 1200 x 90 = 67.5 days, while
    # count-back still uses up June and May exactly: 61 days
    def payer(june: float) -> pd.DataFrame:
        issued = pd.date_range("2024-01-01", periods=6, freq="MS") + pd.Timedelta(days=14)
        return pd.DataFrame({"customer_id": 1, "invoice_date": issued,
                             "due_date": issued + pd.Timedelta(days=60),
                             "amount": [300.0] * 5 + [june],
                             "paid_date": issued + pd.Timedelta(days=60), "written_off": False})

    assert credit.dso(payer(300.0), "2024-07-01") == pytest.approx(60.0)
    assert credit.dso(payer(600.0), "2024-07-01") == pytest.approx(67.5)
    for june in (300.0, 600.0):
        assert credit.dso(payer(june), "2024-07-01", method="count-back") == pytest.approx(61.0)


def test_count_back_table_bad_input() -> None:
    with pytest.raises(ValueError, match="months must be between 1 and 1200"):
        credit.count_back_table(_lecture_example(), "2024-07-01", months=0)
    with pytest.raises(ValueError, match="count back over more months"):
        credit.count_back_table(_lecture_example(), "2024-07-01", months=3)
    nothing_open = _lecture_example().assign(paid_date=pd.Timestamp("2024-06-30"))
    table = credit.count_back_table(nothing_open, "2024-07-01")
    assert len(table) == 1 and table["days_counted"].sum() == 0


def test_weight_of_evidence_is_reachable_from_credit() -> None:
    from helpers import scorecard

    assert credit.woe_table is scorecard.woe_table
    assert credit.information_value is scorecard.information_value
    assert {"woe_table", "information_value"} <= set(dir(credit)) & set(credit.__all__)
    x, y = pd.Series(["a", "a", "b", "b", "b"]), pd.Series([0, 1, 0, 0, 1])
    assert credit.information_value(x, y) == pytest.approx(scorecard.information_value(x, y))
    with pytest.raises(AttributeError, match="no attribute 'woe'"):
        credit.woe  # noqa: B018


def test_bad_debt_rate_and_cei_by_hand() -> None:
    inv = _invoices()
    rates = credit.bad_debt_rate(inv)
    # 2023: 80 written off of 400 + 80 invoiced; 2024: nothing of 800
    assert rates.loc[2023, "bad_debt_rate"] == pytest.approx(80 / 480)
    assert rates.loc[2024, "bad_debt_rate"] == 0.0
    cei = credit.collection_effectiveness_index(inv, ["2024-01-01", AT]).iloc[0]
    # B = 400 open at 2024-01-01; S = 800 invoiced in Q1; E = 1100; E_current = 300 (not due)
    # CEI = (400 + 800 - 1100) / (400 + 800 - 300) = 100 / 900
    assert (cei["begin_receivables"], cei["sales"], cei["end_receivables"],
            cei["end_current"]) == (400.0, 800.0, 1100.0, 300.0)
    assert cei["cei"] == pytest.approx(100 / 900)
    with pytest.raises(ValueError, match="increasing dates"):
        credit.collection_effectiveness_index(inv, [AT, "2024-01-01"])


_dates = st.dates(min_value=pd.Timestamp("2023-01-01").date(),
                  max_value=pd.Timestamp("2024-12-31").date())


@st.composite
def _invoice_tables(draw) -> pd.DataFrame:
    n = draw(st.integers(1, 25))
    issued = pd.to_datetime(draw(st.lists(_dates, min_size=n, max_size=n)))
    terms = draw(st.lists(st.sampled_from([0, 30, 60]), min_size=n, max_size=n))
    delay = draw(st.lists(st.one_of(st.none(), st.integers(0, 200)), min_size=n, max_size=n))
    amount = draw(st.lists(st.floats(0, 1e6), min_size=n, max_size=n))
    return pd.DataFrame({
        "customer_id": draw(st.lists(st.integers(1, 4), min_size=n, max_size=n)),
        "invoice_date": issued,
        "due_date": issued + pd.to_timedelta(terms, unit="D"),
        "amount": amount,
        "paid_date": [d + pd.Timedelta(days=x) if x is not None else pd.NaT
                      for d, x in zip(issued, delay)],
        "written_off": False,
    })


@settings(max_examples=examples(40))
@given(_invoice_tables(), _dates)
def test_ageing_adds_up_to_the_receivables(invoices: pd.DataFrame, day) -> None:
    table = credit.ageing_schedule(invoices, day)
    open_total = credit.receivables_at(invoices, [day]).iloc[0]
    assert table["amount"].sum() == pytest.approx(open_total, rel=1e-9, abs=1e-6)
    assert (table["amount"] >= 0).all()
    assert open_total <= invoices["amount"].sum() + 1e-6


@settings(max_examples=examples(40))
@given(_invoice_tables(), st.integers(1, 400))
def test_paid_before_issued_is_refused(invoices: pd.DataFrame, days: int) -> None:
    bad = invoices.copy()
    bad.loc[bad.index[0], "paid_date"] = bad["invoice_date"].iloc[0] - pd.Timedelta(days=days)
    with pytest.raises(ValueError, match="paid before issued"):
        credit.ageing_schedule(bad, "2024-06-30")


@settings(max_examples=examples(40))
@given(_invoice_tables(), st.integers(1, 400))
def test_due_before_issued_is_refused(invoices: pd.DataFrame, days: int) -> None:
    bad = invoices.copy()
    bad.loc[bad.index[-1], "due_date"] = bad["invoice_date"].iloc[-1] - pd.Timedelta(days=days)
    with pytest.raises(ValueError, match="dates out of order"):
        credit.dso(bad, "2024-06-30")


@settings(max_examples=examples(40))
@given(_invoice_tables(), st.floats(min_value=-1e6, max_value=-0.01))
def test_negative_amounts_are_refused(invoices: pd.DataFrame, amount: float) -> None:
    bad = invoices.copy()
    bad.loc[bad.index[0], "amount"] = amount
    with pytest.raises(ValueError, match="amount'\\] must not be negative"):
        credit.receivables_at(bad, ["2024-06-30"])


@pytest.mark.parametrize("change, error, message", [
    (lambda f: f.drop(columns="due_date"), ValueError, "missing column"),
    (lambda f: f.assign(amount=np.nan), ValueError, "NaN"),
    (lambda f: f.assign(written_off=True), ValueError, "written-off invoice cannot have"),
    (lambda f: f.iloc[:0], ValueError, "empty"),
    (lambda f: f.assign(written_off="no"), TypeError, "True/False"),
])
def test_invoice_table_bad_input(change, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        credit.ageing_schedule(change(_invoices()), AT)


def test_ageing_of_the_case_company_fills_every_bucket(case) -> None:
    """Planted: collections slipped in 2024, so at the end of 2024 every bucket holds invoices;
    long delinquencies are more frequent than a year before."""
    end_2024 = credit.ageing_schedule(case.invoices, "2025-01-01")
    end_2023 = credit.ageing_schedule(case.invoices, "2024-01-01")
    assert (end_2024["invoices"] > 0).all()
    over_60 = ["61-90", ">90"]
    assert end_2024.loc[over_60, "amount"].sum() > 1.5 * end_2023.loc[over_60, "amount"].sum()


def test_case_bad_debts_are_the_defaulters(case) -> None:
    planted = case_company.planted_customer_types()
    by_customer = credit.bad_debt_rate(case.invoices, by="customer_id")
    written = by_customer.index[by_customer["written_off"] > 0]
    assert set(written) == set(planted["defaulted"])


# ---------------------------------------------------------------------------------------------
# 5C analysis
# ---------------------------------------------------------------------------------------------

def test_five_c_by_hand() -> None:
    financials = pd.DataFrame([STATEMENT, {**STATEMENT, "year": 2022, "revenue": 800.0}])
    profiles = pd.DataFrame({"customer_id": [7], "management_rating": [4], "bank_rating": ["B"],
                             "legal_disputes": [1], "years_in_business": [11],
                             "collateral_value": [350.0], "guarantor": [True],
                             "industry_outlook": [3]})
    customers = pd.DataFrame({"customer_id": [7], "credit_limit": [700.0]})
    row = credit.five_c_scores(financials, profiles, customers, 2023).iloc[0]
    # character: management (4-1)/4, bank B (3-1)/3, disputes (1-3)/(0-3), years (11-1)/19
    character = (0.75 + 2 / 3 + 2 / 3 + 10 / 19) / 4 * 100
    # capacity: quick 1.2 -> 1; interest cover (3.5-1)/7; cash-flow cover 0.2/0.6
    capacity = (1 + 2.5 / 7 + 0.2 / 0.6) / 3 * 100
    # capital: debt/TNW (1.5-3)/(0.8-3); equity ratio (0.4375-0.05)/0.55
    capital = (1.5 / 2.2 + 0.3875 / 0.55) / 2 * 100
    # collateral: cover 350/700 = 0.5 (weight 2), guarantor 1 (weight 1)
    collateral = (0.5 * 2 + 1) / 3 * 100
    # conditions: outlook (3-1)/4 (weight 2), growth 1000/800 - 1 = 25 % -> 1 (weight 1)
    conditions = (0.5 * 2 + 1) / 3 * 100
    assert row[list(credit.FIVE_C)].tolist() == pytest.approx(
        [character, capacity, capital, collateral, conditions])
    total = (0.30 * character + 0.25 * capacity + 0.20 * capital + 0.10 * collateral
             + 0.15 * conditions)
    assert row["total"] == pytest.approx(total)  # about 64.2
    assert row["decision"] == "approve with conditions"
    with pytest.raises(ValueError, match="fiscal year 2024"):
        credit.five_c_scores(financials, profiles, customers, 2024)
    with pytest.raises(ValueError, match="weights must have exactly"):
        credit.five_c_scores(financials, profiles, customers, 2023, weights={"character": 1})


def test_five_c_separates_the_defaulters(case) -> None:
    planted = case_company.planted_customer_types()
    scores = credit.five_c_scores(case.financials, case.credit_profiles, case.customers, 2022)
    defaulted = scores["customer_id"].isin(planted["defaulted"])
    assert scores.loc[defaulted, "total"].median() < scores.loc[~defaulted, "total"].quantile(0.25)


# ---------------------------------------------------------------------------------------------
# bad input, refused clearly (issue 11)
# ---------------------------------------------------------------------------------------------

def test_dates_with_a_time_zone_or_as_text_are_refused() -> None:
    # the zone used to reach a pandas comparison: "Invalid comparison between dtype..."
    inv = _invoices()
    with pytest.raises(TypeError, match=r"invoices\['due_date'\] holds time-zone-aware dates "
                                        r".*tz_localize\(None\)"):
        credit.dso(inv.assign(due_date=inv["due_date"].dt.tz_localize("UTC")), AT)
    with pytest.raises(TypeError, match=r"invoices\['invoice_date'\] must hold dates "
                                        r"\(datetime64\), got text.*pd.to_datetime"):
        credit.dso(inv.assign(invoice_date=inv["invoice_date"].dt.strftime("%Y-%m-%d")), AT)
    with pytest.raises(TypeError, match="at must be a date without a time zone"):
        credit.ageing_schedule(inv, pd.Timestamp(AT, tz="UTC"))
    with pytest.raises(TypeError, match="periods must be a date"):
        credit.collection_effectiveness_index(inv, ["2024-01-01", 20240401])


def test_infinite_amounts_are_refused_not_turned_into_nan() -> None:
    inv = _invoices()
    inv.loc[1, "amount"] = np.inf  # dso used to return nan
    with pytest.raises(ValueError, match=r"invoices\['amount'\] must hold finite numbers; "
                                         r"1 value is infinite: 1: inf"):
        credit.dso(inv, AT)
    with pytest.raises(ValueError, match=r"financials\['revenue'\] must hold finite numbers"):
        credit.financial_ratios(_statements(revenue=np.inf))


def test_a_missing_credit_limit_is_refused_not_approved() -> None:
    financials = pd.DataFrame([STATEMENT, {**STATEMENT, "year": 2022, "revenue": 800.0}])
    profiles = pd.DataFrame({"customer_id": [7], "management_rating": [4], "bank_rating": ["B"],
                             "legal_disputes": [1], "years_in_business": [11],
                             "collateral_value": [350.0], "guarantor": [True],
                             "industry_outlook": [3]})
    # a NaN limit used to count as full collateral cover, and the decision said "approve"
    customers = pd.DataFrame({"customer_id": [7], "credit_limit": [np.nan]})
    with pytest.raises(ValueError, match=r"customers\['credit_limit'\] has 1 missing value"):
        credit.five_c_scores(financials, profiles, customers, 2023)
    with pytest.raises(ValueError, match=r"customers must have one row per customer_id"):
        credit.five_c_scores(financials, profiles, pd.DataFrame(
            {"customer_id": [7, 7], "credit_limit": [700.0, 500.0]}), 2023)
    with pytest.raises(ValueError, match=r"profiles\['management_rating'\] must lie between 1 "
                                         "and 5"):
        credit.five_c_scores(financials, profiles.assign(management_rating=9),
                             customers.fillna(700.0), 2023)
    with pytest.raises(TypeError, match="weights must be a dict of the five Cs"):
        credit.five_c_scores(financials, profiles, customers.fillna(700.0), 2023,
                             weights=list(credit.FIVE_C))


@pytest.mark.parametrize("options, error, message", [
    ({"months": 0}, ValueError, "months must be between 1 and 1200, got 0"),
    ({"months": 10**20}, ValueError, "months must be between 1 and 1200"),
    ({"months": 2.5}, ValueError, "months must be a whole number"),
    ({"period_days": "90"}, TypeError, "period_days must be a number, got str '90'"),
    ({"period_days": True}, TypeError, "period_days must be a number, got bool"),
    ({"method": None}, ValueError, r"method must be one of \['standard', 'count-back'\]"),
])
def test_dso_options_are_checked(options: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        credit.dso(_invoices(), AT, **options)


def test_other_options_and_lists_of_dates_are_checked() -> None:
    inv = _invoices()
    with pytest.raises(TypeError, match="overdue_only must be True or False"):
        credit.receivables_at(inv, [AT], overdue_only="yes")
    with pytest.raises(ValueError, match="days is empty"):
        credit.receivables_at(inv, [])
    with pytest.raises(TypeError, match="periods must be a list of dates"):
        credit.collection_effectiveness_index(inv, None)
    with pytest.raises(ValueError, match="by must name a column of invoices"):
        credit.ageing_schedule(inv, AT, by="region")
    with pytest.raises(TypeError, match="by must be a column name"):
        credit.bad_debt_rate(inv, by=None)
    with pytest.raises(TypeError, match="worst must be a number, got str"):
        credit.linear_points([1.0], "0.5", 1.2)
    # one receivable open, nothing paid yet: an all-empty paid_date column is not text
    unpaid = inv.iloc[[1]].assign(paid_date=[None])
    assert credit.receivables_at(unpaid, [AT]).iloc[0] == pytest.approx(200.0)


def test_interpretation_bands_are_checked() -> None:
    ratios = credit.financial_ratios(_statements())
    bands = credit.ratio_bands()
    with pytest.raises(ValueError, match=r"bands\['strong'\] has 1 missing value"):
        credit.interpret_ratios(ratios, bands.assign(strong=[np.nan, *bands["strong"][1:]]))
    with pytest.raises(ValueError, match="strong must lie on the better side of weak"):
        credit.interpret_ratios(ratios, bands.assign(weak=bands["strong"] * 2))
    with pytest.raises(ValueError, match=r"bands must have one row per ratio"):
        credit.interpret_ratios(ratios, pd.concat([bands, bands.iloc[:1]]))


def test_every_weight_of_evidence_name_is_reachable_from_credit() -> None:
    from helpers import scorecard

    for name in ("woe_table", "information_value", "iv_strength", "iv_summary"):
        assert getattr(credit, name) is getattr(scorecard, name)
    assert credit.iv_strength(0.2) == "medium"


def test_the_labels_and_decisions_are_the_listed_ones(case) -> None:
    """The words the Chinese edition translates are the helpers' own."""
    ratios = credit.financial_ratios(case.financials)
    labels = credit.interpret_ratios(ratios)[list(credit.RATIOS.index)]
    assert set(np.unique(labels.to_numpy())) == set(credit.RATIO_LABELS)
    decisions = credit.five_c_scores(case.financials, case.credit_profiles, case.customers,
                                     2023)["decision"]
    assert set(decisions) == set(credit.DECISIONS)
    bands = credit.ratio_bands()
    assert bands.loc["quick_ratio", "formula"] == credit.RATIOS.loc["quick_ratio", "formula"]
    assert bands.loc["quick_ratio", "formula"] == ("(current assets - inventory) / current "
                                                   "liabilities")
    assert list(credit.five_c_indicators().columns) == ["c", "indicator", "meaning", "worst",
                                                        "best", "weight"]
