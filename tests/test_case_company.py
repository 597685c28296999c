"""The case company: reproducible files, consistent tables, and recoverable planted structure.

Every planted fact is checked by recomputing it from the committed CSVs with plain pandas and
numpy, the way a student would, and comparing it with ``PLANTED`` in
``helpers/datasets/case_company.py``.
"""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import datasets
from helpers.datasets import CASE_SEED, CASE_TABLES, simulate_case_company
from helpers.datasets.case_company import (
    DIMENSIONS,
    KANO_FEATURES,
    ORDER_PROCESSING_COST,
    PLANTED,
    planted_customer_types,
)

ROOT = Path(__file__).resolve().parents[1]
END = pd.Timestamp("2024-12-31")

# Kano evaluation table: rows = functional answer 1..5, columns = dysfunctional answer 1..5
# (1 like, 2 must-be, 3 neutral, 4 live with, 5 dislike).
KANO_TABLE = [
    ["questionable", "attractive", "attractive", "attractive", "one-dimensional"],
    ["reverse", "indifferent", "indifferent", "indifferent", "must-be"],
    ["reverse", "indifferent", "indifferent", "indifferent", "must-be"],
    ["reverse", "indifferent", "indifferent", "indifferent", "must-be"],
    ["reverse", "reverse", "reverse", "reverse", "questionable"],
]


@pytest.fixture(scope="module")
def case() -> datasets.CaseCompany:
    return datasets.load_case_company()


@pytest.fixture(scope="module")
def customer_profit(case: datasets.CaseCompany) -> pd.Series:
    """Net customer profitability 2022-2024: net sales - cost of goods - cost to serve."""
    o = case.orders
    gross_profit = (o["net_sales"] - o["cost_of_goods"]).groupby(o["customer_id"]).sum()
    cost = case.cost_to_serve.groupby("customer_id")["amount"].sum()
    return gross_profit.sub(cost, fill_value=0.0)


@pytest.fixture(scope="module")
def gaps(case: datasets.CaseCompany) -> pd.DataFrame:
    """Respondent x dimension SERVQUAL gap (mean perception - mean expectation)."""
    sq = case.servqual
    means = sq.groupby(["customer_id", "dimension"])[["perception", "expectation"]].mean()
    return (means["perception"] - means["expectation"]).unstack()[list(DIMENSIONS)]


# --- files ---------------------------------------------------------------------------------

def test_regeneration_reproduces_committed_checksums(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from build_datasets import write_case_company
    finally:
        sys.path.remove(str(ROOT / "tools"))
    write_case_company(tmp_path, CASE_SEED)
    manifest = datasets.read_manifest()
    for spec in CASE_TABLES.values():
        fresh = datasets.sha256(tmp_path / spec.path)
        assert fresh == manifest[spec.path]["sha256"], f"{spec.path} differs from the manifest"


def test_two_runs_are_identical_and_another_seed_differs() -> None:
    first, second = simulate_case_company(), simulate_case_company()
    for name in CASE_TABLES:
        pd.testing.assert_frame_equal(first[name], second[name])
    other = simulate_case_company(7)
    assert not other["orders"]["net_sales"].equals(first["orders"]["net_sales"])


def test_specs_follow_the_conventions() -> None:
    assert list(CASE_TABLES) == [f.name for f in fields(datasets.CaseCompany)]
    for name, spec in CASE_TABLES.items():
        assert spec.key == f"case/{name}" and spec.path == f"case_company/{name}.csv"
        assert "CC BY 4.0" in spec.licence and spec.source.startswith("Synthetic")
        assert all(c.meaning for c in spec.columns)


def test_tables_load_with_clean_values(case: datasets.CaseCompany) -> None:
    for name, spec in CASE_TABLES.items():
        frame = getattr(case, name)
        assert list(frame.columns) == spec.column_names
        for column in spec.columns:
            values = frame[column.name]
            if column.dtype == "str":
                assert values.notna().all() and (values != "").all(), (name, column.name)
            elif column.dtype != "date":
                assert values.notna().all(), (name, column.name)
    assert case.customers["lost_date"].isna().sum() == (case.customers["status"] == "active").sum()
    paths = [ROOT / "datasets" / s.path for s in CASE_TABLES.values()]
    assert sum(p.stat().st_size for p in paths) < 8_000_000


def test_sizes_are_as_documented(case: datasets.CaseCompany) -> None:
    assert 1200 <= len(case.customers) <= 1600
    assert 25_000 <= len(case.orders) <= 60_000
    assert 10_000 <= len(case.service) <= 30_000
    assert 300 <= case.customers["credit_customer"].sum() <= 400
    assert 300 <= len(case.survey) <= 450


# --- referential integrity -----------------------------------------------------------------

def test_keys_and_references(case: datasets.CaseCompany) -> None:
    ids = set(case.customers["customer_id"])
    assert case.customers["customer_id"].is_unique and case.orders["order_id"].is_unique
    for name in ("orders", "service", "cost_to_serve", "invoices", "servqual",
                 "attribute_ratings", "survey", "credit_profiles", "financials"):
        assert set(getattr(case, name)["customer_id"]) <= ids, name
    inv = case.invoices
    assert inv["order_id"].is_unique and inv["invoice_id"].is_unique
    assert set(inv["order_id"]) == set(case.orders["order_id"])
    linked = case.service[case.service["order_id"] > 0]
    owner = case.orders.set_index("order_id")["customer_id"]
    assert (owner.loc[linked["order_id"]].to_numpy() == linked["customer_id"].to_numpy()).all()
    assert set(linked["type"]) == {"complaint", "return", "rush_delivery"}
    rushed = case.service.loc[case.service["type"] == "rush_delivery", "order_id"]
    assert rushed.is_unique
    assert set(rushed) == set(case.orders.loc[case.orders["rush"], "order_id"])
    credit = set(case.customers.loc[case.customers["credit_customer"], "customer_id"])
    assert set(case.credit_profiles["customer_id"]) == credit
    assert (case.financials.groupby("customer_id")["year"].apply(list)
            .map(lambda years: years == [2021, 2022, 2023, 2024]).all())


def test_orders_lie_in_each_customers_window(case: datasets.CaseCompany) -> None:
    o = case.orders.merge(case.customers, on="customer_id")
    assert (o["order_date"] >= o["acquisition_date"]).all()
    lost = o["lost_date"].notna()
    assert (o.loc[lost, "order_date"] < o.loc[lost, "lost_date"]).all()
    assert o["order_date"].between("2022-01-01", "2024-12-31").all()
    first = case.orders.groupby("customer_id")["order_date"].min()
    new = case.customers.set_index("customer_id")["acquisition_date"] >= "2022-01-01"
    acq = case.customers.set_index("customer_id")["acquisition_date"]
    assert (first[new[new].index] == acq[new]).all()
    assert (case.customers["acquisition_date"] < "2022-01-01").sum() == PLANTED[
        "customers_old_base"]


def test_order_and_invoice_arithmetic(case: datasets.CaseCompany) -> None:
    o, inv = case.orders, case.invoices.merge(case.orders, on=["order_id", "customer_id"])
    assert np.allclose(o["net_sales"], o["gross_sales"] - o["discount"], atol=0.005)
    assert (o[["gross_sales", "discount", "net_sales", "cost_of_goods"]] >= 0).all().all()
    assert (inv["amount"] == inv["net_sales"]).all()
    assert (inv["invoice_date"] - inv["order_date"]).dt.days.isin([0, 1]).all()
    terms = inv.merge(case.customers, on="customer_id")
    assert ((terms["due_date"] - terms["invoice_date"]).dt.days
            == terms["payment_terms_days"]).all()
    paid = inv["paid_date"].notna()
    assert (inv.loc[paid, "paid_date"] >= inv.loc[paid, "invoice_date"]).all()
    assert (inv.loc[paid, "paid_date"] <= END).all()
    assert inv.loc[inv["written_off"], "paid_date"].isna().all()


def test_cost_to_serve_reconciles_with_other_tables(case: datasets.CaseCompany) -> None:
    ledger = case.cost_to_serve.pivot_table(index=["customer_id", "year"], columns="item",
                                            values="amount", aggfunc="sum", fill_value=0.0)
    svc = case.service.assign(year=case.service["date"].dt.year)
    returns = svc[svc["type"] == "return"].groupby(["customer_id", "year"])["cost"].sum()
    support = svc[svc["type"].isin(["support_call", "technical_consultation", "on_site_visit",
                                    "complaint"])].groupby(["customer_id", "year"])["cost"].sum()
    orders = case.orders.groupby(["customer_id", case.orders["order_date"].dt.year]).size()
    inv = case.invoices[case.invoices["written_off"]]
    bad = inv.groupby(["customer_id", inv["invoice_date"].dt.year])["amount"].sum()
    for item, truth in (("returns", returns), ("service_support", support),
                        ("order_processing", orders * ORDER_PROCESSING_COST),
                        ("bad_debt", bad)):
        booked = ledger[item]
        truth = truth.reindex(booked.index, fill_value=0.0)
        assert np.allclose(booked, truth, atol=0.01), item
    assert set(case.cost_to_serve["category"]) == {"direct_sales", "direct_distribution",
                                                   "indirect", "hard_to_trace"}
    assert (case.cost_to_serve["amount"] > 0).all()


def test_balance_sheet_identities_hold_exactly(case: datasets.CaseCompany) -> None:
    f = case.financials
    assert (f["current_assets"] == f["cash"] + f["receivables"] + f["inventory"]
            + f["other_current_assets"]).all()
    assert (f["total_assets"] == f["current_assets"] + f["fixed_assets"]
            + f["intangible_assets"]).all()
    assert (f["total_liabilities"] == f["current_liabilities"] + f["long_term_debt"]).all()
    assert (f["total_assets"] == f["total_liabilities"] + f["equity"]).all()
    assert (f["net_income"] == f["revenue"] - f["cost_of_sales"] - f["operating_expenses"]
            - f["interest_expense"] - f["income_tax"]).all()
    money = f.drop(columns=["customer_id", "year"])
    assert (money == money.round(0)).all().all()


def test_survey_scales(case: datasets.CaseCompany) -> None:
    sv, sq, ar = case.survey, case.servqual, case.attribute_ratings
    respondents = set(sv["customer_id"])
    assert sv["customer_id"].is_unique
    assert set(sq["customer_id"]) == respondents == set(ar["customer_id"])
    assert (sq.groupby("customer_id").size() == 22).all()
    assert (ar.groupby("customer_id").size() == 8).all()
    assert sq[["expectation", "perception", "competitor"]].stack().between(1, 7).all()
    assert ar[["importance", "firm", "competitor"]].stack().between(1, 7).all()
    importance = sv[[f"importance_{d}" for d in DIMENSIONS]]
    assert (importance.sum(axis=1) == 100).all() and (importance >= 0).all().all()
    kano = sv.filter(like="kano_")
    assert kano.shape[1] == 10 and kano.stack().between(1, 5).all()
    assert sv["overall_satisfaction"].between(1, 10).all()
    assert sv["recommend"].between(0, 10).all()
    for col in ("repurchase_intention", "mention", "price_sensitivity", "voluntariness"):
        assert sv[col].between(1, 7).all(), col
    assert sv["share_of_wallet"].between(0, 1).all()
    assert sv["survey_date"].between("2024-10-01", "2024-12-31").all()
    items = case.servqual_items
    assert items.groupby("dimension").size().to_dict() == {
        "tangibles": 4, "reliability": 5, "responsiveness": 4, "assurance": 4, "empathy": 5}
    dims = sq.drop_duplicates("item").set_index("item")["dimension"]
    assert (items.set_index("item")["dimension"] == dims.loc[items["item"]]).all()


# --- planted structure ---------------------------------------------------------------------

def test_more_customers_but_less_profit_each_year(case: datasets.CaseCompany) -> None:
    o = case.orders
    year = o["order_date"].dt.year
    active = o.groupby(year)["customer_id"].nunique()
    gross_profit = (o["net_sales"] - o["cost_of_goods"]).groupby(year).sum()
    net_profit = gross_profit - case.cost_to_serve.groupby("year")["amount"].sum()
    assert active.is_monotonic_increasing and active[2024] > 1.4 * active[2022]
    assert net_profit.is_monotonic_decreasing and net_profit[2024] < 0.75 * net_profit[2022]
    assert (net_profit > 0).all()


def test_pareto_top_20_percent(case: datasets.CaseCompany) -> None:
    sales = case.orders.groupby("customer_id")["net_sales"].sum().sort_values(ascending=False)
    top = int(np.ceil(0.2 * len(sales)))
    share = sales.iloc[:top].sum() / sales.sum()
    low, high = PLANTED["pareto_top20_share_band"]
    assert low <= share <= high


def test_loss_making_tail_and_whale_curve(case: datasets.CaseCompany,
                                          customer_profit: pd.Series) -> None:
    share = (customer_profit < 0).mean()
    low, high = PLANTED["loss_making_share_band"]
    assert low <= share <= high
    peak = customer_profit.sort_values(ascending=False).cumsum().max() / customer_profit.sum()
    low, high = PLANTED["whale_peak_band"]
    assert low <= peak <= high
    info = case.customers.set_index("customer_id").loc[customer_profit.index]
    losers = info[customer_profit < 0]
    assert (losers["size"] == "small").mean() > 0.6
    assert losers["acquisition_channel"].isin(["web", "telesales"]).mean() > 0.5
    old_large = (info["size"] == "large") & (info["acquisition_date"] < "2022-01-01")
    assert customer_profit[old_large].median() > 5 * customer_profit.median()


def test_key_accounts_lost_in_years_two_and_three(case: datasets.CaseCompany) -> None:
    cu = case.customers
    old_large = cu[(cu["size"] == "large") & (cu["acquisition_date"] < "2022-01-01")]
    lost = old_large[old_large["status"] == "lost"]
    assert len(lost) >= 10 and (lost["lost_date"] >= "2022-09-01").all()
    assert lost["lost_reason"].isin(PLANTED["avoidable_lost_reasons"]).mean() > 0.8
    assert (cu.loc[cu["status"] == "active", "lost_reason"] == "none").all()


def test_response_times_shift_in_2024(case: datasets.CaseCompany) -> None:
    svc = case.service
    weekly = svc.groupby(svc["date"].dt.to_period("W"))["response_hours"].mean()
    base = weekly[weekly.index.start_time < "2023-01-01"]
    sigma = base.diff().abs().mean() / 1.128  # individuals chart: MR-bar / d2
    ucl = base.mean() + 3 * sigma
    after = weekly[weekly.index.start_time >= PLANTED["response_capacity"]["level_shift_from"]]
    assert (base > ucl).mean() < 0.03
    assert (after > ucl).mean() > 0.5
    for first, _ in PLANTED["response_capacity"]["spike_weeks"]:
        week = pd.Period(first, freq="W")
        assert weekly[week] > after.median() * 1.4


def test_complaint_rate_rises(case: datasets.CaseCompany) -> None:
    week = lambda d: d.dt.to_period("W")  # noqa: E731
    orders = case.orders.groupby(week(case.orders["order_date"])).size()
    svc = case.service[case.service["type"] == "complaint"]
    p = svc.groupby(week(svc["date"])).size().reindex(orders.index, fill_value=0) / orders
    before = p[p.index.start_time < "2023-01-01"].mean()
    after = p[p.index.start_time >= "2024-03-01"].mean()
    assert after > 2.0 * before


def test_weakest_servqual_dimension(case: datasets.CaseCompany, gaps: pd.DataFrame) -> None:
    mean_gap = gaps.mean()
    assert mean_gap.idxmin() == PLANTED["weakest_servqual_dimension"]
    assert list(mean_gap.sort_values().index[:2]) == list(PLANTED["servqual_gap_order"])
    assert abs(mean_gap[PLANTED["servqual_no_gap"]]) < 0.2
    assert mean_gap.abs().idxmin() == PLANTED["servqual_no_gap"]
    sq = case.servqual.groupby("dimension")[["perception", "competitor"]].mean()
    for dim in PLANTED["competitor_better_on"]:
        assert sq.loc[dim, "competitor"] > sq.loc[dim, "perception"] + 0.2, dim
    for dim in PLANTED["competitor_worse_on"]:
        assert sq.loc[dim, "competitor"] < sq.loc[dim, "perception"] - 0.2, dim
    size = case.customers.set_index("customer_id")["size"].loc[gaps.index]
    assert gaps.loc[size == "large", "responsiveness"].mean() < gaps.loc[
        size == "small", "responsiveness"].mean() - 0.4


def test_servqual_dimensions_are_reliable_scales(case: datasets.CaseCompany) -> None:
    wide = case.servqual.pivot(index="customer_id", columns="item", values="perception")
    items = case.servqual_items.groupby("dimension")["item"].apply(list)
    for dim, cols in items.items():
        x = wide[cols]
        k = len(cols)
        alpha = k / (k - 1) * (1 - x.var(ddof=1).sum() / x.sum(axis=1).var(ddof=1))
        assert 0.7 <= alpha <= 0.95, (dim, alpha)


def test_satisfaction_drivers_recovered_by_ols(case: datasets.CaseCompany,
                                               gaps: pd.DataFrame) -> None:
    y = case.survey.set_index("customer_id")["overall_satisfaction"].loc[gaps.index]
    x = np.column_stack([np.ones(len(gaps)), gaps.to_numpy()])
    coef = pd.Series(np.linalg.lstsq(x, y.to_numpy(float), rcond=None)[0][1:], index=DIMENSIONS)
    truth = pd.Series(PLANTED["satisfaction_drivers"])
    assert set(coef.nlargest(2).index) == {"reliability", "responsiveness"}
    assert coef["reliability"] > coef["responsiveness"]
    assert list(coef.sort_values(ascending=False).index) == list(
        truth.sort_values(ascending=False).index)
    assert np.allclose(coef[truth.index], truth, atol=0.2)


def test_kano_modal_classes(case: datasets.CaseCompany) -> None:
    table = np.array(KANO_TABLE)
    for feature in KANO_FEATURES:
        f = case.survey[f"kano_{feature}_functional"].to_numpy() - 1
        d = case.survey[f"kano_{feature}_dysfunctional"].to_numpy() - 1
        classes = pd.Series(table[f, d]).value_counts(normalize=True)
        assert classes.index[0] == PLANTED["kano"][feature], feature
        assert classes.iloc[0] - classes.iloc[1] > 0.1, feature


def test_importance_performance_quadrants(case: datasets.CaseCompany) -> None:
    means = case.attribute_ratings.groupby("attribute")[["importance", "firm"]].mean()
    imp_hi = means["importance"] > means["importance"].mean()
    perf_hi = means["firm"] > means["firm"].mean()
    quadrant = np.select([imp_hi & ~perf_hi, imp_hi & perf_hi, ~imp_hi & perf_hi],
                         ["concentrate here", "keep up the good work", "possible overkill"],
                         "low priority")
    assert dict(zip(means.index, quadrant)) == PLANTED["ipa_quadrants"]
    surplus = means["firm"] - means["importance"]
    assert set(surplus.nlargest(2).index) == set(PLANTED["service_matrix"]["overkill"])
    assert set(surplus.nsmallest(3).index) == set(PLANTED["service_matrix"]["underperforming"])


def test_nps_in_band_and_lower_for_large_customers(case: datasets.CaseCompany) -> None:
    def nps(scores: pd.Series) -> float:
        return 100 * ((scores >= 9).mean() - (scores <= 6).mean())

    sv = case.survey.merge(case.customers[["customer_id", "size"]], on="customer_id")
    low, high = PLANTED["nps_band"]
    assert low <= nps(sv["recommend"]) <= high
    assert nps(sv.loc[sv["size"] == "large", "recommend"]) < nps(sv["recommend"]) - 10


def test_loyalty_types_populate_all_quadrants(case: datasets.CaseCompany) -> None:
    sv = case.survey.set_index("customer_id")
    satisfied = sv["overall_satisfaction"] >= sv["overall_satisfaction"].median()
    loyal = sv["repurchase_intention"] >= 5
    counts = pd.crosstab(satisfied, loyal)
    assert (counts.to_numpy() >= 0.05 * len(sv)).all()
    types = planted_customer_types()
    hostages, mercenaries = sv.loc[types["hostages"]], sv.loc[types["mercenaries"]]
    assert hostages["voluntariness"].mean() < sv["voluntariness"].mean() - 1.5
    assert hostages["repurchase_intention"].mean() > sv["repurchase_intention"].mean()
    assert hostages["overall_satisfaction"].mean() < sv["overall_satisfaction"].mean()
    assert mercenaries["price_sensitivity"].mean() > sv["price_sensitivity"].mean() + 1.5
    assert mercenaries["overall_satisfaction"].mean() > sv["overall_satisfaction"].mean()
    assert mercenaries["share_of_wallet"].mean() < sv["share_of_wallet"].mean()


def test_lost_respondents_were_less_satisfied(case: datasets.CaseCompany) -> None:
    sv = case.survey.merge(case.customers, on="customer_id")
    lost = sv["status"] == "lost"
    assert 20 <= lost.sum() and (sv.loc[lost, "lost_date"] < sv.loc[lost, "survey_date"]).all()
    assert sv.loc[lost, "overall_satisfaction"].mean() < sv.loc[
        ~lost, "overall_satisfaction"].mean() - 1.0
    slow = sv["lost_reason"] == "slow_service"
    assert sv.loc[slow, "overall_satisfaction"].mean() < sv.loc[
        lost & ~slow, "overall_satisfaction"].mean()


def test_late_payers_have_weaker_ratios(case: datasets.CaseCompany) -> None:
    inv = case.invoices[case.invoices["paid_date"].notna()]
    late = (inv["paid_date"] - inv["due_date"]).dt.days.groupby(inv["customer_id"]).mean()
    f = case.financials[case.financials["year"] == 2024].set_index("customer_id")
    quick = (f["current_assets"] - f["inventory"]) / f["current_liabilities"]
    late = late.reindex(quick.index)
    late_payer = late > late.median()
    assert quick[late_payer].mean() < quick[~late_payer].mean() - 0.2
    defaulted = case.invoices.loc[case.invoices["written_off"], "customer_id"].unique()
    assert 5 <= len(defaulted) and quick.loc[defaulted].mean() < quick.mean()


def test_receivables_ageing_has_every_bucket(case: datasets.CaseCompany) -> None:
    inv = case.invoices
    open_items = inv[inv["paid_date"].isna() & ~inv["written_off"]]
    overdue = (END - open_items["due_date"]).dt.days
    buckets = pd.cut(overdue, [-10_000, 0, 30, 60, 90, 10_000]).value_counts()
    assert (buckets > 0).all()
    paid = inv[inv["paid_date"].notna()].merge(case.customers, on="customer_id")
    days_late = (paid["paid_date"] - paid["due_date"]).dt.days
    new_small = (paid["size"] == "small") & (paid["acquisition_date"] >= "2022-01-01")
    for on_credit in (True, False):
        group = paid["credit_customer"] == on_credit
        assert days_late[group & new_small].mean() > 1.8 * days_late[group & ~new_small].mean()


def test_deteriorating_credit_customers_migrate(case: datasets.CaseCompany) -> None:
    f = case.financials.set_index(["customer_id", "year"])
    quick = (f["current_assets"] - f["inventory"]) / f["current_liabilities"]
    change = (quick.xs(2024, level="year") - quick.xs(2021, level="year"))
    worse = planted_customer_types()["deteriorating"]
    assert len(worse) == PLANTED["deteriorating_credit_customers"]
    assert change.loc[worse].mean() < change.drop(worse).mean() - 0.15


def test_churn_is_segment_specific(case: datasets.CaseCompany) -> None:
    """New customers churn at the planted yearly hazard by size (small highest); the old base
    loses its large key accounts far more often than new large customers leave."""
    from helpers.datasets.case_company import NEW_MIN_STAY_DAYS

    cu = case.customers
    new = cu[cu["acquisition_date"] >= "2022-01-01"]
    at_risk_from = new["acquisition_date"] + pd.Timedelta(days=NEW_MIN_STAY_DAYS)
    until = new["lost_date"].fillna(pd.Timestamp("2024-12-31"))
    years = ((until - at_risk_from).dt.days / 365.25).clip(lower=0)
    lost = new["status"] == "lost"
    rate = lost.groupby(new["size"]).sum() / years.groupby(new["size"]).sum()
    assert rate["small"] > rate["medium"] > rate["large"]
    planted = PLANTED["new_customer_churn_hazard"]
    assert rate["small"] == pytest.approx(planted["small"], rel=0.3)
    old = cu[cu["acquisition_date"] < "2022-01-01"]
    lost_share = lambda frame: (frame["status"] == "lost").mean()  # noqa: E731
    assert lost_share(old[old["size"] == "large"]) > 3 * lost_share(new[new["size"] == "large"])


def test_public_names_stay_in_case_company() -> None:
    """The module was split by concern (story and API, parameters, simulator, dictionary); what
    notebooks, answer keys and tests import from it is still there."""
    from helpers.datasets import case_company

    for name in ("PLANTED", "planted_customer_types", "simulate_case_company", "CASE_SEED",
                 "CASE_TABLES", "AVOIDABLE_LOST_REASONS", "NEW_MIN_STAY_DAYS", "DIMENSIONS",
                 "KANO_FEATURES", "ORDER_PROCESSING_COST", "SERVQUAL_STATEMENTS", "LEGAL_FORMS",
                 "ITEM_NAMES", "ITEM_DIMENSION", "START", "END_DAY"):
        assert hasattr(case_company, name), name
    assert set(case_company.__all__) <= set(dir(case_company))
