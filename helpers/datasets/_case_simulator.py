"""The simulation of the case company: one function per stage, from customers to statements.

The generating model is described in the docstring of :mod:`helpers.datasets.case_company`;
the planted parameters live in :mod:`helpers.datasets._case_parameters`. Each stage draws from
its own random stream (``numpy.random.SeedSequence(seed).spawn(11)``), so that changing one
stage leaves the numbers of the others intact.

The stages pass their latent arrays on as :data:`Arrays`, dicts of numpy arrays keyed by name:

* ``customers``: one entry per customer (position ``k`` is customer id ``1001 + k``):
  segment, acquisition, latent spend, service intensity, risk, loss and defection flags;
* ``orders``: one entry per order: the customer's position (``row``), day, amounts, rush flag;
* ``service``: one entry per service interaction: customer, day, type, linked order, cost;
* ``invoices``: one entry per order's invoice: invoice, due and payment days, write-offs;
* ``respondents``: the Q4 2024 survey sample: customer positions and planted loyalty types.

Days are counted from 2022-01-01 (day 0) to 2024-12-31 (day :data:`END_DAY`).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from ._case_parameters import (
    ACCOUNT_MANAGER_COST,
    ATTRIBUTE_MEANS,
    ATTRIBUTES,
    CALL_GROWTH,
    CHANNELS,
    COGS_RATIO,
    COMPETITOR_MEAN,
    COMPLAINT_LEVEL_SHIFT,
    COST_ITEMS,
    DELINQUENCY_2024,
    DEMANDING_DISCOUNT,
    DEMANDING_INTENSITY,
    DEMANDING_SHARE,
    DIMENSIONS,
    DISCOUNT_CREEP,
    DRIFT_FROM,
    END_DAY,
    EXPECTATION_MEAN,
    FINANCIAL_YEARS,
    FINANCING_RATE,
    IMPORTANCE_WEIGHTS,
    INDUSTRIES,
    INTENSITY_SIGMA,
    ITEM_DIMENSION,
    ITEM_NAMES,
    ITEMS_PER_DIMENSION,
    KANO_FEATURES,
    KANO_MIX,
    LEGAL_FORMS,
    LOST_REASONS,
    N_DEFAULTS,
    N_NEW,
    N_OLD,
    NEW_CHURN_HAZARD,
    NEW_MIN_STAY_DAYS,
    NEW_SMALL_SPEND,
    ORDER_PROCESSING_COST,
    PERCEPTION_MEAN,
    RAMP_DAYS,
    RAMP_START,
    REGIONS,
    SATISFACTION_DRIVERS,
    SATISFACTION_INTERCEPT,
    SERVICE_TYPES,
    SERVQUAL_STATEMENTS,
    SIZES,
    SPIKE_WEEKS,
    START,
    WRITE_OFF_WINDOW,
    YEAR_END,
    YEAR_START,
    YEARS,
)

Arrays = dict[str, np.ndarray]
"""Latent arrays of one stage keyed by name (see the module docstring)."""


# ---------------------------------------------------------------------------------------------
# calendar and drawing tools
# ---------------------------------------------------------------------------------------------

def _day(date: str) -> int:
    """Days from 2022-01-01 to ``date`` (negative before it)."""
    return int((np.datetime64(date, "D") - START).astype(int))


DRIFT_DAY = _day(DRIFT_FROM)


def _dates(days: np.ndarray, missing: np.ndarray | None = None) -> np.ndarray:
    """Day numbers (days after 2022-01-01) as datetime64[ns]; NaT where ``missing``."""
    out = (START + days.astype("timedelta64[D]")).astype("datetime64[ns]")
    if missing is not None:
        out[missing] = np.datetime64("NaT")
    return out


def _year_of(days: np.ndarray) -> np.ndarray:
    """Calendar year of day numbers inside the observation window."""
    return 2022 + (days >= 365).astype(int) + (days >= 730).astype(int)


def _clip_round(x: np.ndarray, low: int, high: int) -> np.ndarray:
    """Round to integers and clip to ``[low, high]`` (a rating scale)."""
    return np.clip(np.rint(x), low, high).astype(np.int64)


def _pick(rng: np.random.Generator, options: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """One draw per row from ``options`` with row-specific probabilities ``probs`` (n x k)."""
    cum = np.cumsum(probs / probs.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(len(probs))[:, None]
    return options[np.minimum((u > cum).sum(axis=1), len(options) - 1)]


def _poisson_events(rng: np.random.Generator, rate: np.ndarray, start: np.ndarray,
                    end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Homogeneous Poisson events per row on days ``start..end`` at ``rate`` per year.

    Returns the row index and the day of every event (rows with end < start get none).
    """
    span = np.maximum(end - start + 1, 0)
    counts = rng.poisson(rate * span / 365.25)
    row = np.repeat(np.arange(len(start)), counts)
    day = start[row] + np.floor(rng.random(row.size) * span[row]).astype(np.int64)
    return row, day


def _largest_remainder(shares: np.ndarray, total: int = 100) -> np.ndarray:
    """Integer allocations per row summing exactly to ``total`` (largest-remainder rounding)."""
    raw = shares / shares.sum(axis=1, keepdims=True) * total
    base = np.floor(raw).astype(np.int64)
    short = total - base.sum(axis=1)
    order = np.argsort(np.argsort(-(raw - base), axis=1, kind="stable"), axis=1, kind="stable")
    return base + (order < short[:, None])


# ---------------------------------------------------------------------------------------------
# customers
# ---------------------------------------------------------------------------------------------

_NAME_PREFIX = np.array([
    "Huaxin", "Zhongke", "Jinhai", "Hengtong", "Dongfang", "Xinda", "Tianyu", "Ruifeng", "Boda",
    "Kaiyuan", "Minghua", "Changjiang", "Yongsheng", "Lianchuang", "Haitai", "Jiahe", "Baoli",
    "Shengshi", "Guoxin", "Fuhua", "Weilong", "Anxin", "Taihe", "Xinghe", "Jinqiao", "Dahua",
    "Hongyuan", "Zhenhua", "Qiming", "Yuanda"])
_NAME_NOUN = np.array([
    ["Precision Machinery", "Industrial", "Manufacturing"],
    ["Telecom", "Communication Equipment", "Network Technology"],
    ["Auto Parts", "Motor", "Vehicle Electronics"],
    ["Trading", "Electronics Retail", "Commerce"],
    ["Medical Devices", "Health Technology", "Medical Instruments"],
    ["Education Equipment", "Public Services", "Information Systems"]])


def _customer_base(rng: np.random.Generator) -> Arrays:
    """Segment, firmographics and acquisition of every customer (old base first, then new)."""
    n_new = sum(N_NEW)
    n = N_OLD + n_new
    is_new = np.r_[np.zeros(N_OLD, bool), np.ones(n_new, bool)]
    size = np.r_[rng.choice(3, N_OLD, p=[0.50, 0.35, 0.15]),
                 rng.choice(3, n_new, p=[0.85, 0.13, 0.02])]
    acq_year = np.r_[np.full(N_OLD, 0), np.repeat(np.array(YEARS), N_NEW)]
    old_first = _day("2015-01-01")
    old_last = np.where(size[:N_OLD] == 2, _day("2019-12-31"), _day("2021-12-31"))
    acq_old = old_first + np.floor(rng.random(N_OLD) * (old_last - old_first + 1)).astype(int)
    ystart = YEAR_START[acq_year[N_OLD:] - 2022]
    yend = YEAR_END[acq_year[N_OLD:] - 2022]
    acq_new = ystart + np.floor(rng.random(n_new) * (yend - ystart + 1)).astype(int)
    acq_day = np.r_[acq_old, acq_new].astype(np.int64)

    emp_median = np.array([35.0, 200.0, 1200.0])[size]
    emp_low = np.array([5, 100, 500])[size]
    emp_high = np.array([99, 499, 20000])[size]
    employees = np.clip(np.rint(emp_median * rng.lognormal(0.0, 0.45, n)), emp_low, emp_high)

    industry = rng.choice(len(INDUSTRIES), n, p=[0.32, 0.16, 0.14, 0.16, 0.10, 0.12])
    region = rng.choice(len(REGIONS), n, p=[0.32, 0.20, 0.24, 0.10, 0.14])
    # channels: field_sales, telesales, web, trade_fair, referral
    p_chan = np.select(
        [(~is_new & (size == 2))[:, None], (~is_new)[:, None], (size == 0)[:, None]],
        [np.array([0.60, 0.00, 0.00, 0.20, 0.20]), np.array([0.35, 0.10, 0.05, 0.25, 0.25]),
         np.array([0.03, 0.30, 0.50, 0.05, 0.12])],
        np.array([0.40, 0.10, 0.05, 0.20, 0.25]))
    channel = _pick(rng, np.arange(5), p_chan)
    chan_cost = np.array([12000.0, 1800.0, 700.0, 6000.0, 2500.0])[channel]
    acq_cost = np.round(chan_cost * np.array([1.0, 1.8, 3.0])[size] * rng.lognormal(0, 0.3, n), 2)

    name_noun = _NAME_NOUN[industry, rng.integers(0, 3, n)]
    ids = 1001 + np.arange(n)
    name = (pd.Series(_NAME_PREFIX[rng.integers(0, len(_NAME_PREFIX), n)]) + " "
            + pd.Series(name_noun) + " " + pd.Series(ids).astype(str)).to_numpy()
    return dict(n=n, ids=ids, is_new=is_new, size=size, acq_day=acq_day, employees=employees,
                industry=industry, region=region, channel=channel, acq_cost=acq_cost, name=name)


def _customer_behaviour(rng: np.random.Generator, customers: Arrays) -> None:
    """Latent purchase potential, frequency, discounts, credit terms and risk (in place)."""
    n, size, is_new = customers["n"], customers["size"], customers["is_new"]
    small_new = is_new & (size == 0)
    web_tele = np.isin(customers["channel"], [1, 2])
    spend_median = np.where(is_new, np.array([NEW_SMALL_SPEND, 220e3, 0.7e6])[size],
                            np.array([55e3, 260e3, 0.85e6])[size])
    emp_ratio = customers["employees"] / np.array([35.0, 200.0, 1200.0])[size]
    spread = np.where(small_new, 0.35, 0.5)
    customers["spend"] = spend_median * emp_ratio ** 0.4 * rng.lognormal(0.0, spread)
    # demanding key accounts: big discounts, many rush orders, returns and visits
    demanding = (size >= 1) & (rng.random(n) < DEMANDING_SHARE)
    customers["demanding"] = demanding
    # service intensity: scales order frequency (smaller orders), rush, returns and calls
    customers["intensity"] = (np.where(small_new, rng.lognormal(0.0, INTENSITY_SIGMA, n),
                                       rng.lognormal(0.0, 0.3, n))
                              * np.where(demanding, DEMANDING_INTENSITY, 1.0))
    freq_median = np.where(small_new, 7.0, np.array([6.0, 14.0, 30.0])[size])
    customers["freq"] = freq_median * customers["intensity"] ** 0.7 * rng.lognormal(0.0, 0.2, n)
    disc = (np.array([0.02, 0.05, 0.075])[size] + np.where(small_new & web_tele, 0.035, 0.0)
            + np.where(demanding, DEMANDING_DISCOUNT, 0.0))
    customers["discount"] = np.clip(disc + rng.normal(0.0, 0.012, n), 0.0, 0.2)
    rush_base = np.where(small_new, 0.16, np.array([0.07, 0.06, 0.05])[size])
    customers["rush_p"] = np.minimum(rush_base * customers["intensity"], 0.5)
    customers["lines"] = np.array([0.5, 1.3, 2.4])[size] * rng.lognormal(0.0, 0.3, n)
    customers["risk"] = (rng.normal(0.0, 1.0, n) + 0.8 * small_new + 0.3 * (size == 0)
                         - 0.3 * (size == 2))
    credit = rng.random(n) < np.where(small_new, 0.14, np.array([0.12, 0.55, 0.90])[size])
    customers["credit"] = credit
    long_terms = rng.random(n) < np.array([0.10, 0.35, 0.60])[size]
    customers["terms"] = np.where(credit, np.where(long_terms, 60, 30), 0).astype(np.int64)
    limit = np.round(customers["spend"] * np.maximum(customers["terms"], 30) / 365 * 2.0, -4)
    customers["credit_limit"] = np.where(credit, np.maximum(limit, 20000.0), 0.0)
    # dedicated account managers go to the big buyers (fewer for new customers)
    am_p = np.select([customers["spend"] > 600e3, customers["spend"] > 250e3], [0.9, 0.35], 0.02)
    am_p = np.where(size == 0, 0.0, am_p * np.where(is_new, 0.5, 1.0))
    customers["account_manager"] = rng.random(n) < am_p
    # deteriorating credit customers: risk rises 0.45 a year from 2022
    trend = np.zeros(n)
    credit_idx = np.flatnonzero(credit)
    trend[rng.choice(credit_idx, 25, replace=False)] = 0.45
    customers["risk_trend"] = trend


def _risk_in(customers: Arrays, year: np.ndarray | int,
             rows: np.ndarray | slice = slice(None)) -> np.ndarray:
    """Latent credit risk of customers ``rows`` in ``year`` (2021 = baseline)."""
    return customers["risk"][rows] + customers["risk_trend"][rows] * (np.asarray(year) - 2021)


def _customer_losses(rng: np.random.Generator, customers: Arrays) -> None:
    """Lost dates, lost reasons, defaults and partial defection (in place)."""
    n, size, is_new = customers["n"], customers["size"], customers["is_new"]
    lost_day = np.full(n, -1, dtype=np.int64)
    # old base: key-account losses concentrated in 2023-2024
    p_lost_old = np.array([0.22, 0.22, 0.28])[size]
    old_lost = ~is_new & (rng.random(n) < p_lost_old)
    first_loss = np.where(size >= 1, _day("2022-09-01"), _day("2022-03-01"))
    t_old = first_loss + np.floor(rng.beta(1.6, 1.2, n) * (END_DAY + 1 - first_loss))
    lost_day = np.where(old_lost, t_old.astype(np.int64), lost_day)
    # new customers: constant hazard after a minimum stay
    hazard = NEW_CHURN_HAZARD[size]
    stay = np.floor(rng.exponential(365.0 / hazard)).astype(np.int64)
    t_new = customers["acq_day"] + NEW_MIN_STAY_DAYS + stay
    lost_day = np.where(is_new & (t_new <= END_DAY), t_new, lost_day)
    key = size >= 1
    reason = np.where(
        key,
        _pick(rng, np.arange(5), np.tile([0.15, 0.45, 0.10, 0.25, 0.05], (n, 1))),
        _pick(rng, np.arange(5), np.tile([0.30, 0.15, 0.10, 0.20, 0.25], (n, 1))))
    # defaults: the riskiest small and medium credit customers (in 2024) go out of business
    first_default, last_default = _day("2022-09-01"), _day("2024-09-30")
    eligible = customers["credit"] & (size < 2) & (customers["acq_day"] + 200 < last_default)
    score = _risk_in(customers, 2024) + 0.8 * (size == 1) + rng.normal(0, 0.3, n)
    defaulted = np.zeros(n, bool)
    defaulted[np.argsort(-np.where(eligible, score, -np.inf), kind="stable")[:N_DEFAULTS]] = True
    lo = np.maximum(customers["acq_day"] + 200, first_default)
    d_day = lo + np.floor(rng.random(n) * np.maximum(last_default - lo + 1, 1)).astype(np.int64)
    lost_day = np.where(defaulted, d_day, lost_day)
    reason = np.where(defaulted, 4, reason)
    lost = lost_day >= 0
    customers["lost"], customers["lost_day"], customers["defaulted"] = lost, lost_day, defaulted
    customers["lost_reason"] = np.where(lost, LOST_REASONS[reason], "none")
    # partial defection: a third of remaining old medium/large customers move 40 % away in 2024
    customers["drift"] = ~is_new & (size >= 1) & ~lost & (rng.random(n) < 1 / 3)
    customers["start"] = np.maximum(customers["acq_day"], 0)
    customers["end"] = np.where(lost, lost_day - 1, END_DAY)


def _customers_frame(customers: Arrays) -> pd.DataFrame:
    """The customers table from the latent arrays."""
    return pd.DataFrame({
        "customer_id": customers["ids"].astype(np.int64),
        "name": pd.Series(customers["name"], dtype="str"),
        "industry": INDUSTRIES[customers["industry"]],
        "region": REGIONS[customers["region"]],
        "size": SIZES[customers["size"]],
        "employees": customers["employees"].astype(np.int64),
        "acquisition_date": _dates(customers["acq_day"]),
        "acquisition_channel": CHANNELS[customers["channel"]],
        "acquisition_cost": customers["acq_cost"],
        "credit_customer": customers["credit"],
        "payment_terms_days": customers["terms"],
        "credit_limit": customers["credit_limit"],
        "account_manager": customers["account_manager"],
        "status": np.where(customers["lost"], "lost", "active"),
        "lost_date": _dates(np.maximum(customers["lost_day"], 0), ~customers["lost"]),
        "lost_reason": customers["lost_reason"],
    })


# ---------------------------------------------------------------------------------------------
# orders
# ---------------------------------------------------------------------------------------------

_SEASON = np.array([1.0, 0.65, 1.05, 1.0, 1.0, 1.0, 0.95, 0.95, 1.05, 0.9, 1.1, 1.15])


def _order_rate_multiplier(customers: Arrays, row: np.ndarray,
                           day: np.ndarray) -> np.ndarray:
    """Ramp-up x pre-loss decline x season x partial defection, for candidate orders."""
    age = day - customers["acq_day"][row]
    ramp = np.where(customers["is_new"][row],
                    1.0 - (1.0 - RAMP_START) * np.exp(-age / RAMP_DAYS), 1.0)
    to_loss = customers["lost_day"][row] - day
    # defaulters keep buying until they fail
    fading = customers["lost"][row] & ~customers["defaulted"][row]
    decline = np.where(fading, np.clip(0.25 + 0.75 * to_loss / 180.0, 0.25, 1.0), 1.0)
    month = _dates(day).astype("datetime64[M]").astype(np.int64) % 12
    drift = np.where(customers["drift"][row] & (day >= DRIFT_DAY), 0.6, 1.0)
    return ramp * decline * _SEASON[month] * drift


def _orders(rng: np.random.Generator, customers: Arrays) -> Arrays:
    """Order events with sales, discounts, costs and rush flags (sorted by date)."""
    bound = _SEASON.max()
    start, end = customers["start"], customers["end"]
    row, day = _poisson_events(rng, customers["freq"] * bound, start, end)
    keep = rng.random(row.size) * bound < _order_rate_multiplier(customers, row, day)
    row, day = row[keep], day[keep]
    # every new customer's first order is on its acquisition date; an old customer gets at
    # least one order in its window
    first = np.flatnonzero(customers["is_new"])
    ordered = np.bincount(row, minlength=customers["n"]) > 0
    none_yet = np.flatnonzero(~customers["is_new"] & ~ordered)
    span = end[none_yet] - start[none_yet] + 1
    extra_day = start[none_yet] + np.floor(rng.random(none_yet.size) * span).astype(np.int64)
    row = np.r_[row, first, none_yet]
    day = np.r_[day, customers["acq_day"][first], extra_day]
    order = np.lexsort((row, day))
    row, day = row[order], day[order]
    m = row.size

    mean_gross = customers["spend"][row] / (customers["freq"][row]
                                            * (1.0 - customers["discount"][row]))
    gross = np.round(mean_gross * rng.lognormal(-0.18, 0.6, m), 2)
    gross = np.maximum(gross, 50.0)
    creep = np.where(~customers["is_new"][row] & (customers["size"][row] >= 1),
                     DISCOUNT_CREEP[_year_of(day) - 2022], 0.0)
    disc_rate = np.clip(customers["discount"][row] + creep + rng.normal(0.0, 0.01, m), 0.0, 0.3)
    discount = np.round(gross * disc_rate, 2)
    net = np.round(gross - discount, 2)
    cogs = np.round(gross * np.clip(rng.normal(COGS_RATIO, 0.025, m), 0.6, 0.95), 2)
    lines = 1 + np.minimum(rng.poisson(customers["lines"][row]), 7)
    rush_p = customers["rush_p"][row] * np.where(day >= 730, 1.3, 1.0)
    rush = rng.random(m) < rush_p
    return dict(row=row, day=day, gross=gross, discount=discount, net=net, cogs=cogs,
                lines=lines.astype(np.int64), rush=rush, id=100001 + np.arange(m))


def _orders_frame(customers: Arrays, orders: Arrays) -> pd.DataFrame:
    """The orders table."""
    return pd.DataFrame({
        "order_id": orders["id"].astype(np.int64),
        "customer_id": customers["ids"][orders["row"]].astype(np.int64),
        "order_date": _dates(orders["day"]),
        "product_lines": orders["lines"],
        "gross_sales": orders["gross"],
        "discount": orders["discount"],
        "net_sales": orders["net"],
        "cost_of_goods": orders["cogs"],
        "rush": orders["rush"],
    })


# ---------------------------------------------------------------------------------------------
# service
# ---------------------------------------------------------------------------------------------

_RESPONSE_MEDIAN = np.array([3.0, 8.0, 30.0, 12.0, 20.0, 1.5])  # hours, by SERVICE_TYPES
_SERVICE_COST = np.array([60.0, 280.0, 900.0, 450.0, 150.0, 380.0])  # CNY, by SERVICE_TYPES


def _capacity_factor(day: np.ndarray) -> np.ndarray:
    """Planted stretch of service capacity: drift in 2023, level shift and spikes in 2024."""
    f = np.where(day < 365, 1.0, 1.0 + 0.15 * np.clip((day - 365) / 365.0, 0.0, 1.0))
    f = np.where(day >= _day(COMPLAINT_LEVEL_SHIFT), 1.6, f)
    for first, last in SPIKE_WEEKS:
        f = np.where((day >= _day(first)) & (day <= _day(last)), f * 1.8, f)
    return f


def _complaint_probability(customers: Arrays, row: np.ndarray,
                           day: np.ndarray) -> np.ndarray:
    """Per-order complaint probability: rising by year, level shift from March 2024."""
    base = np.select([day < 365, day < 730, day < _day(COMPLAINT_LEVEL_SHIFT)],
                     [0.03, 0.04, 0.045], 0.075)
    small_new = customers["is_new"][row] & (customers["size"][row] == 0)
    key = (customers["size"][row] == 2) & (day >= 365)
    return base * np.where(small_new, 1.3, 1.0) * np.where(key, 1.5, 1.0)


def _service(rng: np.random.Generator, customers: Arrays, orders: Arrays) -> Arrays:
    """Service interactions: Poisson contacts plus order-linked complaints, returns, rushes."""
    size, small_new = customers["size"], customers["is_new"] & (customers["size"] == 0)
    rates = [  # per year in 2022: support call, technical consultation, on-site visit
        np.where(small_new, 2.5, np.array([1.0, 2.0, 4.0])[size]) * customers["intensity"],
        np.where(small_new, 0.7, np.array([0.5, 1.2, 2.5])[size]) * customers["intensity"],
        np.where(customers["account_manager"], 3.0, np.array([0.1, 0.6, 1.5])[size])
        * (1 + customers["demanding"]),
    ]
    growth = CALL_GROWTH / CALL_GROWTH.max()
    rows, days, types, order_ids = [], [], [], []
    for t, rate in enumerate(rates):
        r, d = _poisson_events(rng, rate * CALL_GROWTH.max(), customers["start"],
                               customers["end"])
        # slower service makes customers chase: calls and consultations grow year by year
        keep = (rng.random(r.size) < growth[_year_of(d) - 2022]) if t < 2 else slice(None)
        rows.append(r[keep]), days.append(d[keep]), types.append(np.full(r[keep].size, t))
        order_ids.append(np.zeros(r[keep].size, np.int64))
    orow, oday = orders["row"], orders["day"]
    complaint = rng.random(orow.size) < _complaint_probability(customers, orow, oday)
    p_return = np.minimum(np.where(small_new[orow], 0.06, 0.035)
                          * customers["intensity"][orow], 0.3)
    returned = rng.random(orow.size) < p_return
    for t, mask, lag in ((3, complaint, 1 + rng.geometric(0.3, orow.size)),
                         (4, returned, 3 + rng.geometric(0.15, orow.size)),
                         (5, orders["rush"], np.zeros(orow.size, np.int64))):
        r = orow[mask]
        rows.append(r)
        last_day = np.minimum(customers["end"][r] + 1, END_DAY)
        days.append(np.minimum(oday[mask] + lag[mask], last_day))
        types.append(np.full(r.size, t)), order_ids.append(orders["id"][mask])
    row, day, typ, oid = (np.concatenate(x) for x in (rows, days, types, order_ids))
    order = np.lexsort((typ, row, day))
    row, day, typ, oid = row[order], day[order], typ[order], oid[order]
    n = row.size
    year_idx = _year_of(day) - 2022
    priority = np.where(size[row] == 2, np.array([0.6, 0.75, 1.0])[year_idx],
                        np.where(size[row] == 1, np.array([0.85, 0.9, 1.0])[year_idx], 1.0))
    hours = _RESPONSE_MEDIAN[typ] * _capacity_factor(day) * priority * rng.lognormal(0, 0.5, n)
    hours = np.round(hours, 1)
    p_resolved = np.clip(0.97 - 0.06 * np.log2(hours / _RESPONSE_MEDIAN[typ]), 0.5, 0.995)
    p_resolved = p_resolved * np.where(typ == 3, 0.9, 1.0)
    resolved = rng.random(n) < p_resolved
    gross_of = np.zeros(n)
    linked = oid > 0
    gross_of[linked] = orders["gross"][oid[linked] - 100001]
    cost = (_SERVICE_COST[typ] * rng.lognormal(0.0, 0.25, n)
            + np.where(typ == 4, 0.03 * gross_of, 0.0))
    return dict(row=row, day=day, type=typ, order_id=oid, hours=hours, resolved=resolved,
                cost=np.round(cost, 2), id=500001 + np.arange(n))


def _service_frame(customers: Arrays, service: Arrays) -> pd.DataFrame:
    """The service table."""
    return pd.DataFrame({
        "interaction_id": service["id"].astype(np.int64),
        "customer_id": customers["ids"][service["row"]].astype(np.int64),
        "date": _dates(service["day"]),
        "type": SERVICE_TYPES[service["type"]],
        "order_id": service["order_id"].astype(np.int64),
        "response_hours": service["hours"],
        "resolved": service["resolved"],
        "cost": service["cost"],
    })


# ---------------------------------------------------------------------------------------------
# invoices
# ---------------------------------------------------------------------------------------------

def _invoices(rng: np.random.Generator, customers: Arrays, orders: Arrays) -> Arrays:
    """One invoice per order; payment delay grows with the customer's risk that year."""
    row, m = orders["row"], orders["row"].size
    next_day = (rng.random(m) < 0.35) & (orders["day"] < END_DAY)
    inv_day = orders["day"] + next_day
    terms = customers["terms"][row]
    due_day = inv_day + terms
    risk = _risk_in(customers, _year_of(inv_day), row)
    credit = terms > 0
    scale = 3.0 * np.exp(0.7 * risk)
    late_credit = np.rint(scale * rng.gamma(1.5, 1.0, m)) - np.where(
        risk < -0.5, rng.integers(0, 6, m), 0)
    small_new = customers["is_new"][row] & (customers["size"][row] == 0)
    cash_late_p = np.where(small_new, 0.35, 0.06)
    cash_late = np.where(rng.random(m) < cash_late_p,
                         rng.geometric(np.where(small_new, 1 / 8, 1 / 3)), 0)
    # delinquent invoices (disputes, cash-flow trouble): a long extra delay, likelier when risky
    # collections slipped in 2024, when the back office was stretched too
    p_delinquent = 0.03 * np.exp(0.9 * risk) * np.where(inv_day >= 730, DELINQUENCY_2024, 1.0)
    delinquent = credit & (rng.random(m) < np.minimum(p_delinquent, 0.6))
    late_credit = late_credit + np.where(delinquent, np.rint(rng.exponential(75.0, m)), 0)
    late = np.where(credit, late_credit, cash_late).astype(np.int64)
    paid_day = np.maximum(due_day + late, inv_day)
    written_off = customers["defaulted"][row] & (
        inv_day >= customers["lost_day"][row] - WRITE_OFF_WINDOW)
    unpaid = (paid_day > END_DAY) | written_off
    return dict(id=900001 + np.arange(m), inv_day=inv_day, due_day=due_day, paid_day=paid_day,
                unpaid=unpaid, written_off=written_off, days_late=late)


def _invoices_frame(customers: Arrays, orders: Arrays, invoices: Arrays) -> pd.DataFrame:
    """The invoices table."""
    return pd.DataFrame({
        "invoice_id": invoices["id"].astype(np.int64),
        "order_id": orders["id"].astype(np.int64),
        "customer_id": customers["ids"][orders["row"]].astype(np.int64),
        "invoice_date": _dates(invoices["inv_day"]),
        "due_date": _dates(invoices["due_day"]),
        "amount": orders["net"],
        "paid_date": _dates(np.minimum(invoices["paid_day"], END_DAY), invoices["unpaid"]),
        "written_off": invoices["written_off"],
    })


# ---------------------------------------------------------------------------------------------
# cost to serve
# ---------------------------------------------------------------------------------------------

def _cost_to_serve(customers: Arrays, orders: Arrays, service: Arrays,
                   invoices: Arrays) -> pd.DataFrame:
    """Customer x year cost ledger (long format) computed from orders, service and invoices."""
    n = customers["n"]
    on_books = ((customers["acq_day"][:, None] <= YEAR_END[None, :])
                & (customers["end"][:, None] + 1 >= YEAR_START[None, :]))
    cust, yidx = np.nonzero(on_books)
    k = len(YEARS)

    def total(rows: np.ndarray, days: np.ndarray, values: np.ndarray | float) -> np.ndarray:
        key = rows * k + (_year_of(days) - 2022)
        summed = np.bincount(key, weights=np.broadcast_to(values, rows.shape), minlength=n * k)
        return summed[cust * k + yidx]

    orow, oday = orders["row"], orders["day"]
    net = total(orow, oday, orders["net"])
    n_orders = total(orow, oday, 1.0)
    lines = orders["lines"].astype(float)
    days_on = (np.minimum(customers["end"][cust] + 1, YEAR_END[yidx])
               - np.maximum(customers["acq_day"][cust], YEAR_START[yidx]) + 1)
    frac = np.clip(days_on / (YEAR_END[yidx] - YEAR_START[yidx] + 1), 0.0, 1.0)
    chan = customers["channel"][cust]
    web_tele = np.isin(chan, [1, 2])
    managed = customers["account_manager"][cust] | (chan == 0)
    srow, sday, styp = service["row"], service["day"], service["type"]
    support = np.isin(styp, [0, 1, 2, 3])
    paid_or_end = np.where(invoices["unpaid"], END_DAY, invoices["paid_day"])
    days_unpaid = np.maximum(paid_or_end - invoices["inv_day"], 0)
    finance = orders["net"] * FINANCING_RATE * days_unpaid / 365.0
    amounts = {
        "account_management": np.where(customers["account_manager"][cust],
                                       ACCOUNT_MANAGER_COST * frac, 0.0),
        "telesales": np.where(web_tele, 60.0 * n_orders + 300.0 * frac, 15.0 * n_orders),
        "promotions": net * np.select([chan == 2, chan == 1], [0.025, 0.015], 0.005),
        "sales_bonus": net * np.where(managed, 0.012, 0.004),
        "service_support": total(srow[support], sday[support], service["cost"][support]),
        "transport": (total(orow, oday, 85.0 + 0.004 * orders["gross"])
                      + total(srow[styp == 5], sday[styp == 5], service["cost"][styp == 5])),
        "packaging": total(orow, oday, 18.0 + 9.0 * lines),
        "warehousing": total(orow, oday, 0.004 * orders["net"] + 12.0 * lines),
        "returns": total(srow[styp == 4], sday[styp == 4], service["cost"][styp == 4]),
        "sales_management": net * 0.012,
        "national_advertising": net * 0.007,
        "order_processing": ORDER_PROCESSING_COST * n_orders,
        "stock_holding": total(orow, oday, 0.005 * orders["cogs"] + 15.0 * lines),
        "receivables_financing": total(orow, invoices["inv_day"], finance),
        "bad_debt": total(orow, invoices["inv_day"],
                          np.where(invoices["written_off"], orders["net"], 0.0)),
    }
    n_items = len(COST_ITEMS)
    values = np.stack([amounts[item] for _, item in COST_ITEMS], axis=1)
    ledger = pd.DataFrame({
        "customer_id": np.repeat(customers["ids"][cust], n_items).astype(np.int64),
        "year": np.repeat(np.array(YEARS)[yidx], n_items).astype(np.int64),
        "category": np.tile(np.array([cat for cat, _ in COST_ITEMS]), cust.size),
        "item": np.tile(np.array([item for _, item in COST_ITEMS]), cust.size),
        "amount": np.round(values.ravel(), 2),
    })
    return ledger[ledger["amount"] > 0].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# survey (SERVQUAL, attribute ratings, loyalty, Kano)
# ---------------------------------------------------------------------------------------------

def _servqual_items() -> pd.DataFrame:
    """The 22 SERVQUAL items with their dimension (Parasuraman, Zeithaml & Berry 1988)."""
    return pd.DataFrame({
        "item": ITEM_NAMES,
        "dimension": np.array(DIMENSIONS)[ITEM_DIMENSION],
        "statement": [en for en, _ in SERVQUAL_STATEMENTS],
        "statement_zh": [zh for _, zh in SERVQUAL_STATEMENTS],
    })


def _respondents(rng: np.random.Generator, customers: Arrays) -> Arrays:
    """Who was surveyed in Q4 2024, and the planted hostage / mercenary types."""
    size = customers["size"]
    active = ~customers["lost"] & (customers["acq_day"] <= _day("2024-09-30"))
    lost_day = customers["lost_day"]
    recent_lost = customers["lost"] & (lost_day >= 730) & (lost_day <= _day("2024-09-30"))
    p = np.where(active, np.array([0.2, 0.5, 0.8])[size], np.where(recent_lost, 0.6, 0.0))
    row = np.flatnonzero(rng.random(customers["n"]) < p)
    r = row.size
    lost = customers["lost"][row]
    hostage_p = np.where(customers["terms"][row] >= 60, 0.45,
                         np.where(customers["credit"][row], 0.12, 0.03))
    hostage = ~lost & (rng.random(r) < hostage_p)
    web_tele = np.isin(customers["channel"][row], [1, 2])
    merc_p = np.where((size[row] < 2) & web_tele, 0.3, np.where(size[row] == 0, 0.08, 0.0))
    mercenary = ~lost & ~hostage & (rng.random(r) < merc_p)
    day = _day("2024-10-08") + rng.integers(0, _day("2024-12-13") - _day("2024-10-08") + 1, r)
    return dict(row=row, n=r, lost=lost, hostage=hostage, mercenary=mercenary, day=day)


def _perception_shift(customers: Arrays, respondents: Arrays) -> np.ndarray:
    """Respondent x dimension shifts of the perception means (segment, loss, planted types)."""
    row = respondents["row"]
    size, is_new = customers["size"][row], customers["is_new"][row]
    shift = np.zeros((respondents["n"], 5))
    shift[:, 2] += np.select([size == 2, ~is_new, size == 0], [-0.6, -0.25, 0.3], 0.0)
    slow = customers["lost_reason"][row] == "slow_service"
    shift[:, 2] -= np.where(slow, 1.4, 0.0)
    shift[:, 1] -= np.where(slow, 1.0, 0.0)
    shift -= np.where(respondents["lost"] & ~slow, 0.6, 0.0)[:, None]
    shift -= np.where(respondents["hostage"], 0.6, 0.0)[:, None]
    shift[:, 1:3] -= np.where(respondents["hostage"], 0.2, 0.0)[:, None]
    shift += np.where(respondents["mercenary"], 0.4, 0.0)[:, None]
    return shift


def _servqual(rng: np.random.Generator, customers: Arrays, respondents: Arrays
              ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """SERVQUAL answers (long) and each respondent's perception and expectation by dimension."""
    r = respondents["n"]
    e_dim = (EXPECTATION_MEAN[None, :] + rng.normal(0, 0.4, (r, 1))
             + rng.normal(0, 0.35, (r, 5)))
    p_dim = (PERCEPTION_MEAN[None, :] + _perception_shift(customers, respondents)
             + rng.normal(0, 0.45, (r, 1)) + rng.normal(0, 0.6, (r, 5)))
    c_dim = COMPETITOR_MEAN[None, :] + rng.normal(0, 0.4, (r, 1)) + rng.normal(0, 0.5, (r, 5))
    offset = rng.normal(0, 0.15, 22)
    offset -= np.bincount(ITEM_DIMENSION, weights=offset)[ITEM_DIMENSION] / np.array(
        ITEMS_PER_DIMENSION)[ITEM_DIMENSION]
    expectation = _clip_round(e_dim[:, ITEM_DIMENSION] + rng.normal(0, 0.45, (r, 22)), 1, 7)
    perception = _clip_round(p_dim[:, ITEM_DIMENSION] + offset + rng.normal(0, 0.7, (r, 22)),
                             1, 7)
    competitor = _clip_round(c_dim[:, ITEM_DIMENSION] + rng.normal(0, 0.55, (r, 22)), 1, 7)
    frame = pd.DataFrame({
        "customer_id": np.repeat(customers["ids"][respondents["row"]], 22).astype(np.int64),
        "item": np.tile(ITEM_NAMES, r),
        "dimension": np.tile(np.array(DIMENSIONS)[ITEM_DIMENSION], r),
        "expectation": expectation.ravel(),
        "perception": perception.ravel(),
        "competitor": competitor.ravel(),
    })
    counts = np.array(ITEMS_PER_DIMENSION, float)

    def by_dim(x: np.ndarray) -> np.ndarray:
        return np.stack([x[:, ITEM_DIMENSION == d].sum(axis=1) for d in range(5)], 1) / counts

    return frame, by_dim(perception) - by_dim(expectation), p_dim


def _attribute_ratings(rng: np.random.Generator, customers: Arrays,
                       respondents: Arrays, p_dim: np.ndarray) -> pd.DataFrame:
    """Importance, firm and competitor ratings of the eight service indicators (long)."""
    r = respondents["n"]
    means = np.array([ATTRIBUTE_MEANS[a] for a in ATTRIBUTES])  # 8 x 3
    halo = (p_dim.mean(axis=1) - p_dim.mean())[:, None]
    large = (customers["size"][respondents["row"]] == 2)[:, None]
    slow_attr = np.isin(np.array(ATTRIBUTES), ["delivery_speed", "response_to_requests"])[None, :]
    importance = _clip_round(means[None, :, 0] + rng.normal(0, 0.3, (r, 1))
                             + rng.normal(0, 0.8, (r, 8)), 1, 7)
    firm = _clip_round(means[None, :, 1] + 0.6 * halo - 0.5 * (large & slow_attr)
                       + rng.normal(0, 0.9, (r, 8)), 1, 7)
    competitor = _clip_round(means[None, :, 2] + rng.normal(0, 0.3, (r, 1))
                             + rng.normal(0, 0.9, (r, 8)), 1, 7)
    return pd.DataFrame({
        "customer_id": np.repeat(customers["ids"][respondents["row"]], 8).astype(np.int64),
        "attribute": np.tile(np.array(ATTRIBUTES), r),
        "importance": importance.ravel(),
        "firm": firm.ravel(),
        "competitor": competitor.ravel(),
    })


def _kano_answers(rng: np.random.Generator, probs: tuple[float, ...],
                  r: int) -> tuple[np.ndarray, np.ndarray]:
    """Functional and dysfunctional answers (1 like .. 5 dislike) from a class mix."""
    cls = rng.choice(6, r, p=np.array(probs) / sum(probs))
    mid = rng.choice([2, 3, 4], r, p=[0.2, 0.5, 0.3])
    mid2 = rng.choice([2, 3, 4], r, p=[0.2, 0.5, 0.3])
    rev_f = np.where(rng.random(r) < 0.6, 5, rng.choice([3, 4], r))
    rev_d = np.where(rev_f == 5, rng.choice([1, 2, 3, 4], r, p=[0.5, 0.2, 0.2, 0.1]), 1)
    q = rng.choice([1, 5], r)
    functional = np.choose(cls, [np.ones(r, int), np.ones(r, int), mid, mid, rev_f, q])
    dysfunctional = np.choose(cls, [mid2, np.full(r, 5), np.full(r, 5), mid2, rev_d, q])
    return functional.astype(np.int64), dysfunctional.astype(np.int64)


def _survey(rng: np.random.Generator, customers: Arrays, respondents: Arrays,
            gaps: np.ndarray) -> pd.DataFrame:
    """One row per respondent: importance weights, satisfaction, loyalty items, Kano pairs."""
    r, row = respondents["n"], respondents["row"]
    weights = _largest_remainder(rng.dirichlet(IMPORTANCE_WEIGHTS * 1.5, r))
    beta = np.array([SATISFACTION_DRIVERS[d] for d in DIMENSIONS])
    sat_latent = SATISFACTION_INTERCEPT + gaps @ beta + rng.normal(0, 0.8, r)
    satisfaction = _clip_round(sat_latent, 1, 10)
    sat_z = (sat_latent - sat_latent.mean()) / sat_latent.std()
    large = customers["size"][row] == 2
    lost, hostage, merc = respondents["lost"], respondents["hostage"], respondents["mercenary"]
    lock = (0.8 * (customers["terms"][row] >= 60) + 0.4 * customers["credit"][row] + 0.3 * large
            + rng.normal(0, 0.6, r))
    recommend = _clip_round(sat_latent + 1.6 - 0.7 * large + rng.normal(0, 1.1, r), 0, 10)
    repurchase = (4.6 + 1.0 * sat_z + 0.5 * lock + 2.8 * hostage - 2.3 * merc - 2.5 * lost
                  + rng.normal(0, 0.7, r))
    voluntariness = 5.2 - 0.9 * lock + 0.3 * sat_z - 2.5 * hostage + 0.8 * merc
    price_sens = 3.4 - 0.5 * sat_z + 0.4 * (customers["size"][row] == 0) + 2.8 * merc
    mention = 4.0 + 1.2 * sat_z - 0.8 * merc
    sow_logit = (0.2 + 0.7 * sat_z + 0.5 * lock + 1.0 * hostage - 1.8 * merc
                 - 0.6 * customers["drift"][row] + rng.normal(0, 0.5, r))
    sow = np.where(lost, rng.uniform(0.0, 0.05, r), 1.0 / (1.0 + np.exp(-sow_logit)))
    data = {"customer_id": customers["ids"][row].astype(np.int64),
            "survey_date": _dates(respondents["day"])}
    for d, dim in enumerate(DIMENSIONS):
        data[f"importance_{dim}"] = weights[:, d]
    data |= {
        "overall_satisfaction": satisfaction,
        "recommend": recommend,
        "repurchase_intention": _clip_round(repurchase, 1, 7),
        "mention": _clip_round(mention + rng.normal(0, 0.8, r), 1, 7),
        "price_sensitivity": _clip_round(price_sens + rng.normal(0, 0.8, r), 1, 7),
        "voluntariness": _clip_round(voluntariness + rng.normal(0, 0.7, r), 1, 7),
        "share_of_wallet": np.round(np.clip(sow, 0.0, 0.99), 2),
    }
    for feature in KANO_FEATURES:
        f, d = _kano_answers(rng, KANO_MIX[feature], r)
        data[f"kano_{feature}_functional"] = f
        data[f"kano_{feature}_dysfunctional"] = d
    return pd.DataFrame(data)


# ---------------------------------------------------------------------------------------------
# credit profiles and financial statements
# ---------------------------------------------------------------------------------------------

_OUTLOOK = np.array([3.0, 4.0, 2.0, 3.0, 4.0, 3.0])  # by INDUSTRIES


def _credit_profiles(rng: np.random.Generator, customers: Arrays) -> pd.DataFrame:
    """Non-financial credit information (5C: character, collateral, conditions)."""
    row = np.flatnonzero(customers["credit"])
    k = row.size
    size = customers["size"][row]
    risk = _risk_in(customers, 2024, row)
    base_years = np.array([9.0, 16.0, 25.0])[size] - 3.0 * customers["is_new"][row]
    years = np.clip(np.rint(base_years - 2.0 * risk + rng.normal(0, 4.0, k)), 1, 60)
    form_p = np.array([[0.0, 0.6, 0.0, 0.4], [0.10, 0.70, 0.15, 0.05],
                       [0.35, 0.40, 0.25, 0.0]])[size]
    legal = LEGAL_FORMS[_pick(rng, np.arange(4), form_p)]
    bank_score = -risk + rng.normal(0, 0.5, k)
    bank = np.select([bank_score > 0.8, bank_score > -0.2, bank_score > -1.2], ["A", "B", "C"],
                     "D")
    guarantor = rng.random(k) < 0.3 + 0.2 * (size == 0)
    has_coll = rng.random(k) < 0.5
    pledged = np.round(customers["credit_limit"][row] * rng.uniform(0.3, 1.2, k), -3)
    collateral = np.where(has_coll, pledged, 0.0)
    return pd.DataFrame({
        "customer_id": customers["ids"][row].astype(np.int64),
        "years_in_business": years.astype(np.int64),
        "legal_form": legal,
        "management_rating": _clip_round(3.3 - 0.8 * risk + rng.normal(0, 0.7, k), 1, 5),
        "legal_disputes": rng.poisson(np.exp(-1.0 + 0.7 * risk)).astype(np.int64),
        "bank_rating": bank,
        "collateral_value": collateral,
        "guarantor": guarantor,
        "industry_outlook": _clip_round(_OUTLOOK[customers["industry"][row]]
                                        + rng.normal(0, 0.7, k), 1, 5),
    })


def _financials(rng: np.random.Generator, customers: Arrays) -> pd.DataFrame:
    """Annual statements of the credit customers, fiscal 2021-2024, whole CNY.

    Totals are sums of the rounded parts, so the balance-sheet identities hold exactly.
    """
    row = np.flatnonzero(customers["credit"])
    k = row.size
    revenue = customers["employees"][row] * 0.9e6 * rng.lognormal(0, 0.35, k)
    stock_prev = None
    frames = []
    prev_risk = _risk_in(customers, 2021, row)
    fixed_ratio = 0.35 * rng.lognormal(0, 0.3, k)
    for year in FINANCIAL_YEARS:
        risk = _risk_in(customers, year, row)
        if year > 2021:
            revenue = revenue * np.exp(rng.normal(0.05, 0.08, k) - 0.3 * (risk - prev_risk))
        gm = np.clip(0.24 - 0.04 * risk + rng.normal(0, 0.03, k), 0.02, 0.6)
        rev = np.round(revenue)
        cos = np.round(rev * (1 - gm))
        opex = np.round(rev * np.clip(0.13 + 0.02 * risk + rng.normal(0, 0.02, k), 0.03, 0.5))
        receivables = np.round(rev * np.clip(55 + 15 * risk + rng.normal(0, 8, k), 15, 250) / 365)
        inventory = np.round(cos * np.clip(60 + 15 * risk + rng.normal(0, 10, k), 10, 250) / 365)
        cash = np.round(rev * np.clip(0.10 - 0.03 * risk + rng.normal(0, 0.02, k), 0.005, 0.4))
        other = np.round(rev * 0.03 * rng.lognormal(0, 0.3, k))
        current = cash + receivables + inventory + other
        fixed = np.round(rev * fixed_ratio * rng.lognormal(0, 0.05, k))
        intangible = np.round((current + fixed)
                              * np.clip(0.03 + 0.02 * risk + rng.normal(0, 0.02, k), 0.0, 0.25))
        total_assets = current + fixed + intangible
        debt_ratio = np.clip(0.5 + 0.12 * risk + rng.normal(0, 0.06, k), 0.15, 1.05)
        total_liab = np.round(total_assets * debt_ratio)
        cl_share = np.clip(0.7 + 0.05 * risk + rng.normal(0, 0.05, k), 0.4, 0.95)
        current_liab = np.round(total_liab * cl_share)
        long_term = total_liab - current_liab
        interest = np.round((long_term + 0.4 * current_liab)
                            * np.clip(0.05 + 0.01 * risk, 0.02, 0.12))
        pretax = rev - cos - opex - interest
        tax = np.round(np.maximum(pretax, 0.0) * 0.25)
        net_income = pretax - tax
        stock = receivables + inventory
        if stock_prev is None:
            stock_prev = np.round(stock / (1.0 + rng.normal(0.05, 0.05, k)))
        ocf = net_income + np.round(0.08 * fixed) - (stock - stock_prev)
        stock_prev, prev_risk = stock, risk
        frames.append(pd.DataFrame({
            "customer_id": customers["ids"][row].astype(np.int64),
            "year": np.full(k, year, np.int64),
            "revenue": rev, "cost_of_sales": cos, "operating_expenses": opex,
            "interest_expense": interest, "income_tax": tax, "net_income": net_income,
            "cash": cash, "receivables": receivables, "inventory": inventory,
            "other_current_assets": other, "current_assets": current, "fixed_assets": fixed,
            "intangible_assets": intangible, "total_assets": total_assets,
            "current_liabilities": current_liab, "long_term_debt": long_term,
            "total_liabilities": total_liab, "equity": total_assets - total_liab,
            "operating_cash_flow": ocf,
        }))
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["customer_id", "year"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# the simulator
# ---------------------------------------------------------------------------------------------

class Simulation(NamedTuple):
    """Everything one run produces: the tables, and the latent arrays behind them (for the
    planted groups, which the tables do not show).

    >>> simulation = run(2024)
    >>> simulation.tables["customers"].shape, len(simulation.customers["ids"])
    ((1330, 16), 1330)
    """

    tables: dict[str, pd.DataFrame]
    customers: Arrays
    respondents: Arrays


def run(seed: int) -> Simulation:
    """All tables plus the latent customer arrays and respondent types, from ``seed``.

    >>> round(float(run(2024).tables["orders"]["net_sales"].sum()))
    462773704
    """
    # one independent stream per stage, so that changing one stage leaves the others intact
    streams = [np.random.default_rng(child)
               for child in np.random.SeedSequence(seed).spawn(11)]
    customers = _customer_base(streams[0])
    _customer_behaviour(streams[1], customers)
    _customer_losses(streams[2], customers)
    orders = _orders(streams[3], customers)
    service = _service(streams[4], customers, orders)
    invoices = _invoices(streams[5], customers, orders)
    respondents = _respondents(streams[6], customers)
    servqual, gaps, p_dim = _servqual(streams[7], customers, respondents)
    tables = {
        "customers": _customers_frame(customers),
        "orders": _orders_frame(customers, orders),
        "service": _service_frame(customers, service),
        "cost_to_serve": _cost_to_serve(customers, orders, service, invoices),
        "invoices": _invoices_frame(customers, orders, invoices),
        "servqual_items": _servqual_items(),
        "servqual": servqual,
        "attribute_ratings": _attribute_ratings(streams[8], customers, respondents, p_dim),
        "survey": _survey(streams[9], customers, respondents, gaps),
        "credit_profiles": _credit_profiles(streams[10], customers),
        "financials": _financials(streams[10], customers),
    }
    return Simulation(tables, customers, respondents)
