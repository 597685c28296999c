"""The case company: Mr Xu's electronics distributor, simulated from a seed.

The story (chapter 00, 客户并非都是上帝 "not every customer is God")
--------------------------------------------------------------------
Mr Xu runs an electronics distributor that sells components and equipment to business
customers. Over three years (observation window 2022-01-01 to 2024-12-31) its customer count
grew: its reputation drew many new small customers, mostly through the web shop and telesales.
Profit fell all the same. The new small customers buy little, place many small orders, ask for
rush deliveries, call support often, return goods and pay late. Service capacity was stretched,
response times rose for everyone (sharply from March 2024), key accounts complained, and several
profitable old large customers quietly moved their orders to competitors. The later chapters rank
the customers, find the top 20 %, give them a special service policy, try to win back lost key
accounts and standardise service for the rest.

Generating model (short)
------------------------
Every stage draws from its own stream of ``numpy.random.SeedSequence(seed).spawn(11)``.

* **Customers.** 520 customers acquired 2015-2021 (the old base: 50 % small, 35 % medium, 15 %
  large) and 200, 280 and 330 customers acquired in 2022, 2023 and 2024 (85 % small, mostly via
  web and telesales). Each customer has a latent annual purchase potential (log-normal: median
  55k / 260k / 850k CNY for old small / medium / large, 60k / 220k / 700k for new ones, scaled
  by employees), a service intensity (log-normal, log-sd 1.1 for new small customers, 0.3 for
  the rest) that scales its order frequency, rush orders, returns and calls, a discount rate
  and a latent credit risk (standard normal, higher = riskier; +0.8 for new small, +0.3 for
  small, -0.3 for large customers).
* **Demanding key accounts.** 20 % of medium and large customers get 10 extra points of discount
  and 3.5 times the service intensity (and twice the visits): large buyers who lose money.
* **Losses.** Old customers are lost with probability 22 % (small, medium) and 28 % (large);
  old medium/large ones from 2022-09-01 on, concentrated in 2023-2024. New customers churn with
  a constant hazard of 22 / 12 / 8 % a year (small / medium / large). Ten high-risk credit
  customers default (business closed).
* **Orders** arrive as a non-homogeneous Poisson process per customer (thinning):
  rate = frequency x ramp-up (new customers start at 30 % and ramp up with a 120-day time
  constant) x decline (lost customers fade over the 180 days before their lost date, down to
  25 %; defaulters do not) x season (February dip for Chinese New Year, strong November and
  December) x partial defection (a third of the remaining old medium and large customers move
  40 % of their orders to competitors from 2023-07-01). Every new customer's first order is on
  its acquisition date. Cost of goods is 78.5 % of gross sales (sd 2.5 points).
* **Service**: support calls, technical consultations and on-site visits are Poisson processes
  per customer (calls and consultations grow x1.2 in 2023 and x1.5 in 2024 as customers chase
  slow answers); complaints and returns are attached to orders; every rush order creates a
  rush-delivery interaction. Response times are log-normal around a per-type median, scaled by
  a capacity factor and by a key-account priority that fades away.
* **Invoices**: one per order; the delay after the due date is gamma-distributed with scale
  3 x exp(0.7 x risk) days, plus occasional long delinquencies (chance 3 % x exp(0.9 x risk),
  2.5 times as likely in 2024; extra delay exponential, mean 75 days).
* **Cost to serve** is computed from the orders, service and invoices tables with fixed unit
  costs (see the notes of ``CASE_TABLES["cost_to_serve"]``), so every ledger line can be traced.
* **Survey** (Q4 2024): SERVQUAL items from a respondent-level dimension factor plus item noise;
  overall satisfaction is a linear function of the respondent's observed dimension gaps plus
  noise; loyalty items follow satisfaction, lock-in and price orientation.
* **Credit customers' financial statements** (fiscal 2021-2024) are generated from the same
  latent risk as payment behaviour, so weak ratios go with late payment and write-offs.

Planted structure
-----------------
Yearly aggregates (a customer is active in a year if it ordered in that year; net profit =
net sales - cost of goods - cost to serve):

* Active customers rise every year (about 720 -> 950 -> 1,140) while net profit falls every
  year (about 6.4 -> 4.4 -> 3.3 million CNY); net sales stay flat (about 154 million CNY).
* Drivers of the fall: lost and partially defecting old key accounts; extra discounts to hold
  old medium and large customers (+1.5 points in 2023, +2.5 points in 2024); service costs that
  grow with the new small customers (calls, rush deliveries, returns, complaints).
* Old large customers are lost from 2022-09 on (mostly 2023-2024); key accounts name
  slow_service (45 %), competitor_offer (25 %), price (15 %), product_quality (10 %) or
  moved_or_closed (5 %). Avoidable churn = every reason except moved_or_closed.

Customer value (chapter 04):

* Pareto: the top 20 % of customers by 2022-2024 net sales hold 70-80 % of it.
* Loss-making tail: 20-35 % of customers have a negative three-year net profit (mostly small
  web and telesales customers with heavy service use and high discounts for their size, plus
  the demanding key accounts); the whale curve of cumulative profit peaks at 130-200 % of
  total profit. Taken together, the new small customers barely break even.
* ``cost_to_serve`` reconciles exactly with the other tables: ``service_support`` = cost of
  support calls, technical consultations, on-site visits and complaints; ``returns`` = cost of
  returns; ``transport`` includes the cost of rush deliveries; ``bad_debt`` = written-off
  invoices; ``order_processing`` = 170 CNY per order.

Service quality (chapter 02):

* Capacity factor on response times: 1.0 in 2022, drifting to 1.15 through 2023, a level shift
  to 1.6 from 2024-03-01, and two spikes (x1.8 on top) in the weeks 2024-07-08..14 and
  2024-11-11..17. Key accounts (large customers) get priority x0.6 in 2022, x0.75 in 2023,
  none in 2024 (medium: x0.85, x0.9, none).
* Complaint probability per order: 3 % (2022), 4 % (2023), 4.5 % (Jan-Feb 2024), 7.5 % from
  2024-03-01; x1.3 for new small customers and x1.5 for large customers from 2023.
* SERVQUAL gaps (perception - expectation): responsiveness is the weakest dimension (about
  -1.5), then reliability (about -1.0); assurance and empathy small (about -0.4); tangibles
  about zero. The competitor is rated better on responsiveness and reliability and worse on
  tangibles and empathy. Large customers, then old ones, rate responsiveness lower than new
  small ones. Cronbach's alpha per dimension is about 0.8-0.9.
* Importance-performance (``attribute_ratings``), quadrants with the means of the attribute
  means as crosshairs: concentrate here = delivery speed, response to requests, claims
  handling; keep up the good work = pricing, technical support; possible overkill = opening
  hours, product range; low priority = quality of information.
* Satisfaction drivers: overall_satisfaction = 9.0 + 1.0 reliability gap + 0.8 responsiveness
  gap + 0.45 assurance gap + 0.2 empathy gap + 0.0 tangibles gap + noise (sd 0.8), rounded and
  clipped to 1..10, where each gap is the respondent's mean item perception minus mean item
  expectation in that dimension.
* NPS is between +5 and +25 overall and lower among large customers.
* Kano modal classes: next-day delivery must-be, online order tracking one-dimensional,
  dedicated account manager attractive, branded gifts indifferent, mandatory online ordering
  reverse.

Loyalty (chapter 03): hostages (low satisfaction, high repurchase intention, low voluntariness;
mostly credit customers on 60-day terms) and mercenaries (high satisfaction, low repurchase
intention and share of wallet, high price sensitivity; mostly small web and telesales
customers) are planted, so all four satisfaction x loyalty quadrants are populated. Respondents
lost in 2024 (exit interviews) are less satisfied, most of all those lost for slow service.

Credit (chapters 11-12): weak ratios (low quick ratio, high debt to tangible net worth, low gross
margin) go with late payment and with write-offs; new small credit customers pay latest; 25
credit customers deteriorate year by year (their risk rises by 0.45 a year from 2022), so
re-rating shows migrations; ten defaulted, and their invoices from the 240 days before they
closed are written off. At 2024-12-31 every ageing bucket holds invoices.

``PLANTED`` holds these facts as data for tests and exercise checks, and
:func:`planted_customer_types` lists the customers of each planted group.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._spec import TableSpec, cols

CASE_SEED = 2024

START = np.datetime64("2022-01-01", "D")
END_DAY = 1095  # 2024-12-31, days after START
YEARS = (2022, 2023, 2024)
YEAR_START = np.array([0, 365, 730])
YEAR_END = np.array([364, 729, 1095])

SIZES = np.array(["small", "medium", "large"])
INDUSTRIES = np.array(["manufacturing", "telecom", "automotive", "retail", "healthcare",
                       "education_government"])
REGIONS = np.array(["East", "North", "South", "West", "Central"])
CHANNELS = np.array(["field_sales", "telesales", "web", "trade_fair", "referral"])
LOST_REASONS = np.array(["price", "slow_service", "product_quality", "competitor_offer",
                         "moved_or_closed"])
AVOIDABLE_LOST_REASONS = ("price", "slow_service", "product_quality", "competitor_offer")
SERVICE_TYPES = np.array(["support_call", "technical_consultation", "on_site_visit",
                          "complaint", "return", "rush_delivery"])
DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
ITEMS_PER_DIMENSION = (4, 5, 4, 4, 5)
ATTRIBUTES = ("delivery_speed", "pricing", "response_to_requests", "quality_of_information",
              "opening_hours", "claims_handling", "product_range", "technical_support")
KANO_FEATURES = ("next_day_delivery", "online_order_tracking", "dedicated_account_manager",
                 "branded_gifts", "mandatory_online_ordering")
KANO_CLASSES = ("attractive", "one-dimensional", "must-be", "indifferent", "reverse",
                "questionable")
COST_ITEMS = (
    ("direct_sales", "account_management"), ("direct_sales", "telesales"),
    ("direct_sales", "promotions"), ("direct_sales", "sales_bonus"),
    ("direct_sales", "service_support"),
    ("direct_distribution", "transport"), ("direct_distribution", "packaging"),
    ("direct_distribution", "warehousing"), ("direct_distribution", "returns"),
    ("indirect", "sales_management"), ("indirect", "national_advertising"),
    ("hard_to_trace", "order_processing"), ("hard_to_trace", "stock_holding"),
    ("hard_to_trace", "receivables_financing"), ("hard_to_trace", "bad_debt"),
)
FINANCIAL_YEARS = (2021, 2022, 2023, 2024)

# Planted parameters -------------------------------------------------------------------------
N_OLD = 520
N_NEW = (200, 280, 330)
SATISFACTION_INTERCEPT = 9.0
SATISFACTION_DRIVERS = {"tangibles": 0.0, "reliability": 1.0, "responsiveness": 0.8,
                        "assurance": 0.45, "empathy": 0.2}
EXPECTATION_MEAN = np.array([5.6, 6.3, 6.0, 5.9, 5.6])
PERCEPTION_MEAN = np.array([5.8, 5.45, 4.7, 5.6, 5.35])
COMPETITOR_MEAN = np.array([5.0, 5.6, 5.4, 5.45, 4.8])
IMPORTANCE_WEIGHTS = np.array([11.0, 32.0, 22.0, 19.0, 16.0])
# attribute: (importance, firm, competitor) means on 1..7
ATTRIBUTE_MEANS = {
    "delivery_speed": (6.3, 4.3, 5.4), "pricing": (6.1, 5.6, 5.1),
    "response_to_requests": (6.4, 4.0, 5.5), "quality_of_information": (4.9, 4.7, 4.6),
    "opening_hours": (4.1, 6.0, 4.8), "claims_handling": (5.9, 4.2, 4.8),
    "product_range": (4.8, 6.2, 5.3), "technical_support": (5.9, 5.7, 5.2),
}
# feature: probabilities of (A, O, M, I, R, Q)
KANO_MIX = {
    "next_day_delivery": (0.08, 0.25, 0.50, 0.15, 0.00, 0.02),
    "online_order_tracking": (0.15, 0.50, 0.20, 0.13, 0.00, 0.02),
    "dedicated_account_manager": (0.50, 0.15, 0.08, 0.25, 0.00, 0.02),
    "branded_gifts": (0.15, 0.00, 0.00, 0.60, 0.20, 0.05),
    "mandatory_online_ordering": (0.07, 0.04, 0.00, 0.30, 0.54, 0.05),
}
COMPLAINT_LEVEL_SHIFT = "2024-03-01"
SPIKE_WEEKS = (("2024-07-08", "2024-07-14"), ("2024-11-11", "2024-11-17"))
ORDER_PROCESSING_COST = 170.0
COGS_RATIO = 0.785
ACCOUNT_MANAGER_COST = 20000.0
DRIFT_FROM = "2023-07-01"
DEMANDING_SHARE = 0.2
RAMP_START = 0.3  # a new customer's order rate on day one, relative to maturity
RAMP_DAYS = 120.0  # time constant of the ramp-up
DEMANDING_DISCOUNT = 0.10
DEMANDING_INTENSITY = 3.5
NEW_SMALL_SPEND = 60e3  # median annual net sales potential of a new small customer, CNY
INTENSITY_SIGMA = 1.1  # log-sd of new small customers' service intensity
CALL_GROWTH = np.array([1.0, 1.2, 1.5])  # support calls and consultations, by year
N_DEFAULTS = 10
NEW_CHURN_HAZARD = np.array([0.22, 0.12, 0.08])  # yearly, new small / medium / large customers
NEW_MIN_STAY_DAYS = 60  # a new customer stays at least this long before the hazard applies
DELINQUENCY_2024 = 2.5  # factor on the chance of a long payment delay in 2024
WRITE_OFF_WINDOW = 240  # days before a defaulter's lost date whose invoices are written off
DISCOUNT_CREEP = np.array([0.0, 0.015, 0.025])  # extra discount to old medium/large, by year

FINANCING_RATE = 0.06


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


def _customer_base(rng: np.random.Generator) -> dict[str, np.ndarray]:
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


def _customer_behaviour(rng: np.random.Generator, c: dict[str, np.ndarray]) -> None:
    """Latent purchase potential, frequency, discounts, credit terms and risk (in place)."""
    n, size, is_new = c["n"], c["size"], c["is_new"]
    small_new = is_new & (size == 0)
    web_tele = np.isin(c["channel"], [1, 2])
    spend_median = np.where(is_new, np.array([NEW_SMALL_SPEND, 220e3, 0.7e6])[size],
                            np.array([55e3, 260e3, 0.85e6])[size])
    emp_ratio = c["employees"] / np.array([35.0, 200.0, 1200.0])[size]
    spread = np.where(small_new, 0.35, 0.5)
    c["spend"] = spend_median * emp_ratio ** 0.4 * rng.lognormal(0.0, spread)
    # demanding key accounts: big discounts, many rush orders, returns and visits
    demanding = (size >= 1) & (rng.random(n) < DEMANDING_SHARE)
    c["demanding"] = demanding
    # service intensity: scales order frequency (smaller orders), rush, returns and calls
    c["intensity"] = (np.where(small_new, rng.lognormal(0.0, INTENSITY_SIGMA, n),
                               rng.lognormal(0.0, 0.3, n))
                      * np.where(demanding, DEMANDING_INTENSITY, 1.0))
    freq_median = np.where(small_new, 7.0, np.array([6.0, 14.0, 30.0])[size])
    c["freq"] = freq_median * c["intensity"] ** 0.7 * rng.lognormal(0.0, 0.2, n)
    disc = (np.array([0.02, 0.05, 0.075])[size] + np.where(small_new & web_tele, 0.035, 0.0)
            + np.where(demanding, DEMANDING_DISCOUNT, 0.0))
    c["discount"] = np.clip(disc + rng.normal(0.0, 0.012, n), 0.0, 0.2)
    c["rush_p"] = np.minimum(np.where(small_new, 0.16, np.array([0.07, 0.06, 0.05])[size])
                             * c["intensity"], 0.5)
    c["lines"] = np.array([0.5, 1.3, 2.4])[size] * rng.lognormal(0.0, 0.3, n)
    c["risk"] = (rng.normal(0.0, 1.0, n) + 0.8 * small_new + 0.3 * (size == 0)
                 - 0.3 * (size == 2))
    credit = rng.random(n) < np.where(small_new, 0.14, np.array([0.12, 0.55, 0.90])[size])
    c["credit"] = credit
    long_terms = rng.random(n) < np.array([0.10, 0.35, 0.60])[size]
    c["terms"] = np.where(credit, np.where(long_terms, 60, 30), 0).astype(np.int64)
    limit = np.round(c["spend"] * np.maximum(c["terms"], 30) / 365 * 2.0, -4)
    c["credit_limit"] = np.where(credit, np.maximum(limit, 20000.0), 0.0)
    # dedicated account managers go to the big buyers (fewer for new customers)
    am_p = np.select([c["spend"] > 600e3, c["spend"] > 250e3], [0.9, 0.35], 0.02)
    am_p = np.where(size == 0, 0.0, am_p * np.where(is_new, 0.5, 1.0))
    c["account_manager"] = rng.random(n) < am_p
    # deteriorating credit customers: risk rises 0.45 a year from 2022
    trend = np.zeros(n)
    credit_idx = np.flatnonzero(credit)
    trend[rng.choice(credit_idx, 25, replace=False)] = 0.45
    c["risk_trend"] = trend


def _risk_in(c: dict[str, np.ndarray], year: np.ndarray | int,
             rows: np.ndarray | slice = slice(None)) -> np.ndarray:
    """Latent credit risk of customers ``rows`` in ``year`` (2021 = baseline)."""
    return c["risk"][rows] + c["risk_trend"][rows] * (np.asarray(year) - 2021)


def _customer_losses(rng: np.random.Generator, c: dict[str, np.ndarray]) -> None:
    """Lost dates, lost reasons, defaults and partial defection (in place)."""
    n, size, is_new = c["n"], c["size"], c["is_new"]
    lost_day = np.full(n, -1, dtype=np.int64)
    # old base: key-account losses concentrated in 2023-2024
    p_lost_old = np.array([0.22, 0.22, 0.28])[size]
    old_lost = ~is_new & (rng.random(n) < p_lost_old)
    first_loss = np.where(size >= 1, _day("2022-09-01"), _day("2022-03-01"))
    t_old = first_loss + np.floor(rng.beta(1.6, 1.2, n) * (END_DAY + 1 - first_loss))
    lost_day = np.where(old_lost, t_old.astype(np.int64), lost_day)
    # new customers: constant hazard after a minimum stay
    hazard = NEW_CHURN_HAZARD[size]
    t_new = c["acq_day"] + NEW_MIN_STAY_DAYS + np.floor(rng.exponential(365.0 / hazard)).astype(np.int64)
    lost_day = np.where(is_new & (t_new <= END_DAY), t_new, lost_day)
    key = size >= 1
    reason = np.where(
        key,
        _pick(rng, np.arange(5), np.tile([0.15, 0.45, 0.10, 0.25, 0.05], (n, 1))),
        _pick(rng, np.arange(5), np.tile([0.30, 0.15, 0.10, 0.20, 0.25], (n, 1))))
    # defaults: the riskiest small and medium credit customers (in 2024) go out of business
    first_default, last_default = _day("2022-09-01"), _day("2024-09-30")
    eligible = c["credit"] & (size < 2) & (c["acq_day"] + 200 < last_default)
    score = _risk_in(c, 2024) + 0.8 * (size == 1) + rng.normal(0, 0.3, n)
    defaulted = np.zeros(n, bool)
    defaulted[np.argsort(-np.where(eligible, score, -np.inf), kind="stable")[:N_DEFAULTS]] = True
    lo = np.maximum(c["acq_day"] + 200, first_default)
    d_day = lo + np.floor(rng.random(n) * np.maximum(last_default - lo + 1, 1)).astype(np.int64)
    lost_day = np.where(defaulted, d_day, lost_day)
    reason = np.where(defaulted, 4, reason)
    lost = lost_day >= 0
    c["lost"], c["lost_day"], c["defaulted"] = lost, lost_day, defaulted
    c["lost_reason"] = np.where(lost, LOST_REASONS[reason], "none")
    # partial defection: a third of remaining old medium/large customers move 40 % away in 2024
    c["drift"] = ~is_new & (size >= 1) & ~lost & (rng.random(n) < 1 / 3)
    c["start"] = np.maximum(c["acq_day"], 0)
    c["end"] = np.where(lost, lost_day - 1, END_DAY)


def _customers_frame(c: dict[str, np.ndarray]) -> pd.DataFrame:
    """The customers table from the latent arrays."""
    return pd.DataFrame({
        "customer_id": c["ids"].astype(np.int64),
        "name": pd.Series(c["name"], dtype="str"),
        "industry": INDUSTRIES[c["industry"]],
        "region": REGIONS[c["region"]],
        "size": SIZES[c["size"]],
        "employees": c["employees"].astype(np.int64),
        "acquisition_date": _dates(c["acq_day"]),
        "acquisition_channel": CHANNELS[c["channel"]],
        "acquisition_cost": c["acq_cost"],
        "credit_customer": c["credit"],
        "payment_terms_days": c["terms"],
        "credit_limit": c["credit_limit"],
        "account_manager": c["account_manager"],
        "status": np.where(c["lost"], "lost", "active"),
        "lost_date": _dates(np.maximum(c["lost_day"], 0), ~c["lost"]),
        "lost_reason": c["lost_reason"],
    })


# ---------------------------------------------------------------------------------------------
# orders
# ---------------------------------------------------------------------------------------------

_SEASON = np.array([1.0, 0.65, 1.05, 1.0, 1.0, 1.0, 0.95, 0.95, 1.05, 0.9, 1.1, 1.15])


def _order_rate_multiplier(c: dict[str, np.ndarray], row: np.ndarray,
                           day: np.ndarray) -> np.ndarray:
    """Ramp-up x pre-loss decline x season x partial defection, for candidate orders."""
    age = day - c["acq_day"][row]
    ramp = np.where(c["is_new"][row], 1.0 - (1.0 - RAMP_START) * np.exp(-age / RAMP_DAYS), 1.0)
    to_loss = c["lost_day"][row] - day
    fading = c["lost"][row] & ~c["defaulted"][row]  # defaulters keep buying until they fail
    decline = np.where(fading, np.clip(0.25 + 0.75 * to_loss / 180.0, 0.25, 1.0), 1.0)
    month = _dates(day).astype("datetime64[M]").astype(np.int64) % 12
    drift = np.where(c["drift"][row] & (day >= DRIFT_DAY), 0.6, 1.0)
    return ramp * decline * _SEASON[month] * drift


def _orders(rng: np.random.Generator, c: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Order events with sales, discounts, costs and rush flags (sorted by date)."""
    bound = _SEASON.max()
    row, day = _poisson_events(rng, c["freq"] * bound, c["start"], c["end"])
    keep = rng.random(row.size) * bound < _order_rate_multiplier(c, row, day)
    row, day = row[keep], day[keep]
    # every new customer's first order is on its acquisition date; an old customer gets at
    # least one order in its window
    first = np.flatnonzero(c["is_new"])
    none_yet = np.flatnonzero(~c["is_new"] & (np.bincount(row, minlength=c["n"]) == 0))
    span = c["end"][none_yet] - c["start"][none_yet] + 1
    extra_day = c["start"][none_yet] + np.floor(rng.random(none_yet.size) * span).astype(np.int64)
    row = np.r_[row, first, none_yet]
    day = np.r_[day, c["acq_day"][first], extra_day]
    order = np.lexsort((row, day))
    row, day = row[order], day[order]
    m = row.size

    mean_gross = c["spend"][row] / (c["freq"][row] * (1.0 - c["discount"][row]))
    gross = np.round(mean_gross * rng.lognormal(-0.18, 0.6, m), 2)
    gross = np.maximum(gross, 50.0)
    creep = np.where(~c["is_new"][row] & (c["size"][row] >= 1),
                     DISCOUNT_CREEP[_year_of(day) - 2022], 0.0)
    disc_rate = np.clip(c["discount"][row] + creep + rng.normal(0.0, 0.01, m), 0.0, 0.3)
    discount = np.round(gross * disc_rate, 2)
    net = np.round(gross - discount, 2)
    cogs = np.round(gross * np.clip(rng.normal(COGS_RATIO, 0.025, m), 0.6, 0.95), 2)
    lines = 1 + np.minimum(rng.poisson(c["lines"][row]), 7)
    rush_p = c["rush_p"][row] * np.where(day >= 730, 1.3, 1.0)
    rush = rng.random(m) < rush_p
    return dict(row=row, day=day, gross=gross, discount=discount, net=net, cogs=cogs,
                lines=lines.astype(np.int64), rush=rush, id=100001 + np.arange(m))


def _orders_frame(c: dict[str, np.ndarray], o: dict[str, np.ndarray]) -> pd.DataFrame:
    """The orders table."""
    return pd.DataFrame({
        "order_id": o["id"].astype(np.int64),
        "customer_id": c["ids"][o["row"]].astype(np.int64),
        "order_date": _dates(o["day"]),
        "product_lines": o["lines"],
        "gross_sales": o["gross"],
        "discount": o["discount"],
        "net_sales": o["net"],
        "cost_of_goods": o["cogs"],
        "rush": o["rush"],
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


def _complaint_probability(c: dict[str, np.ndarray], row: np.ndarray,
                           day: np.ndarray) -> np.ndarray:
    """Per-order complaint probability: rising by year, level shift from March 2024."""
    base = np.select([day < 365, day < 730, day < _day(COMPLAINT_LEVEL_SHIFT)],
                     [0.03, 0.04, 0.045], 0.075)
    small_new = c["is_new"][row] & (c["size"][row] == 0)
    key = (c["size"][row] == 2) & (day >= 365)
    return base * np.where(small_new, 1.3, 1.0) * np.where(key, 1.5, 1.0)


def _service(rng: np.random.Generator, c: dict[str, np.ndarray],
             o: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Service interactions: Poisson contacts plus order-linked complaints, returns, rushes."""
    size, small_new = c["size"], c["is_new"] & (c["size"] == 0)
    rates = [  # per year in 2022: support call, technical consultation, on-site visit
        np.where(small_new, 2.5, np.array([1.0, 2.0, 4.0])[size]) * c["intensity"],
        np.where(small_new, 0.7, np.array([0.5, 1.2, 2.5])[size]) * c["intensity"],
        np.where(c["account_manager"], 3.0, np.array([0.1, 0.6, 1.5])[size])
        * (1 + c["demanding"]),
    ]
    growth = CALL_GROWTH / CALL_GROWTH.max()
    rows, days, types, orders = [], [], [], []
    for t, rate in enumerate(rates):
        r, d = _poisson_events(rng, rate * CALL_GROWTH.max(), c["start"], c["end"])
        # slower service makes customers chase: calls and consultations grow year by year
        keep = (rng.random(r.size) < growth[_year_of(d) - 2022]) if t < 2 else slice(None)
        rows.append(r[keep]), days.append(d[keep]), types.append(np.full(r[keep].size, t))
        orders.append(np.zeros(r[keep].size, np.int64))
    orow, oday = o["row"], o["day"]
    complaint = rng.random(orow.size) < _complaint_probability(c, orow, oday)
    p_return = np.minimum(np.where(small_new[orow], 0.06, 0.035) * c["intensity"][orow], 0.3)
    returned = rng.random(orow.size) < p_return
    for t, mask, lag in ((3, complaint, 1 + rng.geometric(0.3, orow.size)),
                         (4, returned, 3 + rng.geometric(0.15, orow.size)),
                         (5, o["rush"], np.zeros(orow.size, np.int64))):
        r = orow[mask]
        rows.append(r)
        days.append(np.minimum(oday[mask] + lag[mask], np.minimum(c["end"][r] + 1, END_DAY)))
        types.append(np.full(r.size, t)), orders.append(o["id"][mask])
    row, day, typ, oid = (np.concatenate(x) for x in (rows, days, types, orders))
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
    gross_of[linked] = o["gross"][oid[linked] - 100001]
    cost = _SERVICE_COST[typ] * rng.lognormal(0.0, 0.25, n) + np.where(typ == 4, 0.03 * gross_of,
                                                                       0.0)
    return dict(row=row, day=day, type=typ, order_id=oid, hours=hours, resolved=resolved,
                cost=np.round(cost, 2), id=500001 + np.arange(n))


def _service_frame(c: dict[str, np.ndarray], s: dict[str, np.ndarray]) -> pd.DataFrame:
    """The service table."""
    return pd.DataFrame({
        "interaction_id": s["id"].astype(np.int64),
        "customer_id": c["ids"][s["row"]].astype(np.int64),
        "date": _dates(s["day"]),
        "type": SERVICE_TYPES[s["type"]],
        "order_id": s["order_id"].astype(np.int64),
        "response_hours": s["hours"],
        "resolved": s["resolved"],
        "cost": s["cost"],
    })


# ---------------------------------------------------------------------------------------------
# invoices
# ---------------------------------------------------------------------------------------------

def _invoices(rng: np.random.Generator, c: dict[str, np.ndarray],
              o: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """One invoice per order; payment delay grows with the customer's risk that year."""
    row, m = o["row"], o["row"].size
    next_day = (rng.random(m) < 0.35) & (o["day"] < END_DAY)
    inv_day = o["day"] + next_day
    terms = c["terms"][row]
    due_day = inv_day + terms
    risk = _risk_in(c, _year_of(inv_day), row)
    credit = terms > 0
    scale = 3.0 * np.exp(0.7 * risk)
    late_credit = np.rint(scale * rng.gamma(1.5, 1.0, m)) - np.where(
        risk < -0.5, rng.integers(0, 6, m), 0)
    small_new = c["is_new"][row] & (c["size"][row] == 0)
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
    written_off = c["defaulted"][row] & (inv_day >= c["lost_day"][row] - WRITE_OFF_WINDOW)
    unpaid = (paid_day > END_DAY) | written_off
    return dict(id=900001 + np.arange(m), inv_day=inv_day, due_day=due_day, paid_day=paid_day,
                unpaid=unpaid, written_off=written_off, days_late=late)


def _invoices_frame(c: dict[str, np.ndarray], o: dict[str, np.ndarray],
                    i: dict[str, np.ndarray]) -> pd.DataFrame:
    """The invoices table."""
    return pd.DataFrame({
        "invoice_id": i["id"].astype(np.int64),
        "order_id": o["id"].astype(np.int64),
        "customer_id": c["ids"][o["row"]].astype(np.int64),
        "invoice_date": _dates(i["inv_day"]),
        "due_date": _dates(i["due_day"]),
        "amount": o["net"],
        "paid_date": _dates(np.minimum(i["paid_day"], END_DAY), i["unpaid"]),
        "written_off": i["written_off"],
    })


# ---------------------------------------------------------------------------------------------
# cost to serve
# ---------------------------------------------------------------------------------------------

def _cost_to_serve(c: dict[str, np.ndarray], o: dict[str, np.ndarray],
                   s: dict[str, np.ndarray], i: dict[str, np.ndarray]) -> pd.DataFrame:
    """Customer x year cost ledger (long format) computed from orders, service and invoices."""
    n = c["n"]
    on_books = ((c["acq_day"][:, None] <= YEAR_END[None, :])
                & (c["end"][:, None] + 1 >= YEAR_START[None, :]))
    cust, yidx = np.nonzero(on_books)
    k = len(YEARS)

    def total(rows: np.ndarray, days: np.ndarray, values: np.ndarray | float) -> np.ndarray:
        key = rows * k + (_year_of(days) - 2022)
        summed = np.bincount(key, weights=np.broadcast_to(values, rows.shape), minlength=n * k)
        return summed[cust * k + yidx]

    orow, oday = o["row"], o["day"]
    net = total(orow, oday, o["net"])
    n_orders = total(orow, oday, 1.0)
    lines = o["lines"].astype(float)
    days_on = (np.minimum(c["end"][cust] + 1, YEAR_END[yidx])
               - np.maximum(c["acq_day"][cust], YEAR_START[yidx]) + 1)
    frac = np.clip(days_on / (YEAR_END[yidx] - YEAR_START[yidx] + 1), 0.0, 1.0)
    chan = c["channel"][cust]
    web_tele = np.isin(chan, [1, 2])
    managed = c["account_manager"][cust] | (chan == 0)
    srow, sday, styp = s["row"], s["day"], s["type"]
    support = np.isin(styp, [0, 1, 2, 3])
    paid_or_end = np.where(i["unpaid"], END_DAY, i["paid_day"])
    finance = o["net"] * FINANCING_RATE * np.maximum(paid_or_end - i["inv_day"], 0) / 365.0
    amounts = {
        "account_management": np.where(c["account_manager"][cust],
                                       ACCOUNT_MANAGER_COST * frac, 0.0),
        "telesales": np.where(web_tele, 60.0 * n_orders + 300.0 * frac, 15.0 * n_orders),
        "promotions": net * np.select([chan == 2, chan == 1], [0.025, 0.015], 0.005),
        "sales_bonus": net * np.where(managed, 0.012, 0.004),
        "service_support": total(srow[support], sday[support], s["cost"][support]),
        "transport": (total(orow, oday, 85.0 + 0.004 * o["gross"])
                      + total(srow[styp == 5], sday[styp == 5], s["cost"][styp == 5])),
        "packaging": total(orow, oday, 18.0 + 9.0 * lines),
        "warehousing": total(orow, oday, 0.004 * o["net"] + 12.0 * lines),
        "returns": total(srow[styp == 4], sday[styp == 4], s["cost"][styp == 4]),
        "sales_management": net * 0.012,
        "national_advertising": net * 0.007,
        "order_processing": ORDER_PROCESSING_COST * n_orders,
        "stock_holding": total(orow, oday, 0.005 * o["cogs"] + 15.0 * lines),
        "receivables_financing": total(orow, i["inv_day"], finance),
        "bad_debt": total(orow, i["inv_day"], np.where(i["written_off"], o["net"], 0.0)),
    }
    n_items = len(COST_ITEMS)
    values = np.stack([amounts[item] for _, item in COST_ITEMS], axis=1)
    ledger = pd.DataFrame({
        "customer_id": np.repeat(c["ids"][cust], n_items).astype(np.int64),
        "year": np.repeat(np.array(YEARS)[yidx], n_items).astype(np.int64),
        "category": np.tile(np.array([cat for cat, _ in COST_ITEMS]), cust.size),
        "item": np.tile(np.array([item for _, item in COST_ITEMS]), cust.size),
        "amount": np.round(values.ravel(), 2),
    })
    return ledger[ledger["amount"] > 0].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# survey (SERVQUAL, attribute ratings, loyalty, Kano)
# ---------------------------------------------------------------------------------------------

SERVQUAL_STATEMENTS = (
    ("The company has up-to-date warehouse, delivery and testing equipment.",
     "公司拥有现代化的仓储、配送和检测设备。"),
    ("Its offices, showroom and website look professional and appealing.",
     "公司的办公场所、展厅和网站专业美观。"),
    ("Its staff are neat and professional in appearance.", "公司员工着装整洁、形象专业。"),
    ("Its catalogues, quotations and invoices are clear and well presented.",
     "产品目录、报价单和发票清晰规范。"),
    ("When it promises to deliver by a certain date, it does so.", "承诺在某日前交货,就能按时交货。"),
    ("When we have a problem, it shows a sincere interest in solving it.",
     "我方遇到问题时,公司真诚地帮助解决。"),
    ("It ships the right parts in the right quantities the first time.",
     "第一次就发出正确的型号和数量。"),
    ("It provides its services at the time it promises to.", "在承诺的时间提供服务。"),
    ("Its invoices and delivery documents are free of errors.", "发票和送货单据准确无误。"),
    ("Staff tell us exactly when orders and services will be performed.",
     "员工明确告知订单和服务的完成时间。"),
    ("Staff give us prompt service.", "员工为我方提供及时的服务。"),
    ("Staff are always willing to help us.", "员工总是乐于帮助我方。"),
    ("Staff are never too busy to respond to our requests.", "员工再忙也会及时回应我方的请求。"),
    ("The behaviour of staff instils confidence in us.", "员工的言行让我方信任。"),
    ("We feel safe in our transactions with the company (orders, payments, data).",
     "与公司交易(下单、付款、数据)让我方放心。"),
    ("Staff are consistently courteous.", "员工始终彬彬有礼。"),
    ("Staff have the technical knowledge to answer our questions.",
     "员工具备回答我方问题的专业技术知识。"),
    ("The company gives us individual attention.", "公司给予我方个别关照。"),
    ("Its opening and service hours suit our business.", "公司的营业和服务时间方便我方业务。"),
    ("It has staff who give us personal attention.", "公司有专人为我方提供个性化服务。"),
    ("It has our company's best interests at heart.", "公司把我方的利益放在心上。"),
    ("Staff understand our specific needs.", "员工了解我方的具体需求。"),
)
ITEM_DIMENSION = np.repeat(np.arange(5), ITEMS_PER_DIMENSION)
ITEM_NAMES = np.array([f"Q{k:02d}" for k in range(1, 23)])


def _servqual_items() -> pd.DataFrame:
    """The 22 SERVQUAL items with their dimension (Parasuraman, Zeithaml & Berry 1988)."""
    return pd.DataFrame({
        "item": ITEM_NAMES,
        "dimension": np.array(DIMENSIONS)[ITEM_DIMENSION],
        "statement": [en for en, _ in SERVQUAL_STATEMENTS],
        "statement_zh": [zh for _, zh in SERVQUAL_STATEMENTS],
    })


def _respondents(rng: np.random.Generator, c: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Who was surveyed in Q4 2024, and the planted hostage / mercenary types."""
    size = c["size"]
    active = ~c["lost"] & (c["acq_day"] <= _day("2024-09-30"))
    recent_lost = c["lost"] & (c["lost_day"] >= 730) & (c["lost_day"] <= _day("2024-09-30"))
    p = np.where(active, np.array([0.2, 0.5, 0.8])[size], np.where(recent_lost, 0.6, 0.0))
    row = np.flatnonzero(rng.random(c["n"]) < p)
    r = row.size
    lost = c["lost"][row]
    hostage_p = np.where(c["terms"][row] >= 60, 0.45, np.where(c["credit"][row], 0.12, 0.03))
    hostage = ~lost & (rng.random(r) < hostage_p)
    web_tele = np.isin(c["channel"][row], [1, 2])
    merc_p = np.where((size[row] < 2) & web_tele, 0.3, np.where(size[row] == 0, 0.08, 0.0))
    mercenary = ~lost & ~hostage & (rng.random(r) < merc_p)
    day = _day("2024-10-08") + rng.integers(0, _day("2024-12-13") - _day("2024-10-08") + 1, r)
    return dict(row=row, n=r, lost=lost, hostage=hostage, mercenary=mercenary, day=day)


def _perception_shift(c: dict[str, np.ndarray], resp: dict[str, np.ndarray]) -> np.ndarray:
    """Respondent x dimension shifts of the perception means (segment, loss, planted types)."""
    row = resp["row"]
    size, is_new = c["size"][row], c["is_new"][row]
    shift = np.zeros((resp["n"], 5))
    shift[:, 2] += np.select([size == 2, ~is_new, size == 0], [-0.6, -0.25, 0.3], 0.0)
    slow = c["lost_reason"][row] == "slow_service"
    shift[:, 2] -= np.where(slow, 1.4, 0.0)
    shift[:, 1] -= np.where(slow, 1.0, 0.0)
    shift -= np.where(resp["lost"] & ~slow, 0.6, 0.0)[:, None]
    shift -= np.where(resp["hostage"], 0.6, 0.0)[:, None]
    shift[:, 1:3] -= np.where(resp["hostage"], 0.2, 0.0)[:, None]
    shift += np.where(resp["mercenary"], 0.4, 0.0)[:, None]
    return shift


def _servqual(rng: np.random.Generator, c: dict[str, np.ndarray],
              resp: dict[str, np.ndarray]) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """SERVQUAL answers (long) and each respondent's perception and expectation by dimension."""
    r = resp["n"]
    e_dim = (EXPECTATION_MEAN[None, :] + rng.normal(0, 0.4, (r, 1))
             + rng.normal(0, 0.35, (r, 5)))
    p_dim = (PERCEPTION_MEAN[None, :] + _perception_shift(c, resp)
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
        "customer_id": np.repeat(c["ids"][resp["row"]], 22).astype(np.int64),
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


def _attribute_ratings(rng: np.random.Generator, c: dict[str, np.ndarray],
                       resp: dict[str, np.ndarray], p_dim: np.ndarray) -> pd.DataFrame:
    """Importance, firm and competitor ratings of the eight service indicators (long)."""
    r = resp["n"]
    means = np.array([ATTRIBUTE_MEANS[a] for a in ATTRIBUTES])  # 8 x 3
    halo = (p_dim.mean(axis=1) - p_dim.mean())[:, None]
    large = (c["size"][resp["row"]] == 2)[:, None]
    slow_attr = np.isin(np.array(ATTRIBUTES), ["delivery_speed", "response_to_requests"])[None, :]
    importance = _clip_round(means[None, :, 0] + rng.normal(0, 0.3, (r, 1))
                             + rng.normal(0, 0.8, (r, 8)), 1, 7)
    firm = _clip_round(means[None, :, 1] + 0.6 * halo - 0.5 * (large & slow_attr)
                       + rng.normal(0, 0.9, (r, 8)), 1, 7)
    competitor = _clip_round(means[None, :, 2] + rng.normal(0, 0.3, (r, 1))
                             + rng.normal(0, 0.9, (r, 8)), 1, 7)
    return pd.DataFrame({
        "customer_id": np.repeat(c["ids"][resp["row"]], 8).astype(np.int64),
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


def _survey(rng: np.random.Generator, c: dict[str, np.ndarray], resp: dict[str, np.ndarray],
            gaps: np.ndarray) -> pd.DataFrame:
    """One row per respondent: importance weights, satisfaction, loyalty items, Kano pairs."""
    r, row = resp["n"], resp["row"]
    weights = _largest_remainder(rng.dirichlet(IMPORTANCE_WEIGHTS * 1.5, r))
    beta = np.array([SATISFACTION_DRIVERS[d] for d in DIMENSIONS])
    sat_latent = SATISFACTION_INTERCEPT + gaps @ beta + rng.normal(0, 0.8, r)
    satisfaction = _clip_round(sat_latent, 1, 10)
    sat_z = (sat_latent - sat_latent.mean()) / sat_latent.std()
    large = c["size"][row] == 2
    lost, hostage, merc = resp["lost"], resp["hostage"], resp["mercenary"]
    lock = (0.8 * (c["terms"][row] >= 60) + 0.4 * c["credit"][row] + 0.3 * large
            + rng.normal(0, 0.6, r))
    recommend = _clip_round(sat_latent + 1.6 - 0.7 * large + rng.normal(0, 1.1, r), 0, 10)
    repurchase = (4.6 + 1.0 * sat_z + 0.5 * lock + 2.8 * hostage - 2.3 * merc - 2.5 * lost
                  + rng.normal(0, 0.7, r))
    voluntariness = 5.2 - 0.9 * lock + 0.3 * sat_z - 2.5 * hostage + 0.8 * merc
    price_sens = 3.4 - 0.5 * sat_z + 0.4 * (c["size"][row] == 0) + 2.8 * merc
    mention = 4.0 + 1.2 * sat_z - 0.8 * merc
    sow_logit = (0.2 + 0.7 * sat_z + 0.5 * lock + 1.0 * hostage - 1.8 * merc
                 - 0.6 * c["drift"][row] + rng.normal(0, 0.5, r))
    sow = np.where(lost, rng.uniform(0.0, 0.05, r), 1.0 / (1.0 + np.exp(-sow_logit)))
    data = {"customer_id": c["ids"][row].astype(np.int64), "survey_date": _dates(resp["day"])}
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
LEGAL_FORMS = np.array(["state_owned", "private_limited", "joint_venture", "sole_proprietor"])


def _credit_profiles(rng: np.random.Generator, c: dict[str, np.ndarray]) -> pd.DataFrame:
    """Non-financial credit information (5C: character, collateral, conditions)."""
    row = np.flatnonzero(c["credit"])
    k = row.size
    size = c["size"][row]
    risk = _risk_in(c, 2024, row)
    base_years = np.array([9.0, 16.0, 25.0])[size] - 3.0 * c["is_new"][row]
    years = np.clip(np.rint(base_years - 2.0 * risk + rng.normal(0, 4.0, k)), 1, 60)
    form_p = np.array([[0.0, 0.6, 0.0, 0.4], [0.10, 0.70, 0.15, 0.05],
                       [0.35, 0.40, 0.25, 0.0]])[size]
    legal = LEGAL_FORMS[_pick(rng, np.arange(4), form_p)]
    bank_score = -risk + rng.normal(0, 0.5, k)
    bank = np.select([bank_score > 0.8, bank_score > -0.2, bank_score > -1.2], ["A", "B", "C"],
                     "D")
    guarantor = rng.random(k) < 0.3 + 0.2 * (size == 0)
    has_coll = rng.random(k) < 0.5
    collateral = np.where(has_coll, np.round(c["credit_limit"][row] * rng.uniform(0.3, 1.2, k),
                                             -3), 0.0)
    return pd.DataFrame({
        "customer_id": c["ids"][row].astype(np.int64),
        "years_in_business": years.astype(np.int64),
        "legal_form": legal,
        "management_rating": _clip_round(3.3 - 0.8 * risk + rng.normal(0, 0.7, k), 1, 5),
        "legal_disputes": rng.poisson(np.exp(-1.0 + 0.7 * risk)).astype(np.int64),
        "bank_rating": bank,
        "collateral_value": collateral,
        "guarantor": guarantor,
        "industry_outlook": _clip_round(_OUTLOOK[c["industry"][row]]
                                        + rng.normal(0, 0.7, k), 1, 5),
    })


def _financials(rng: np.random.Generator, c: dict[str, np.ndarray]) -> pd.DataFrame:
    """Annual statements of the credit customers, fiscal 2021-2024, whole CNY.

    Totals are sums of the rounded parts, so the balance-sheet identities hold exactly.
    """
    row = np.flatnonzero(c["credit"])
    k = row.size
    revenue = c["employees"][row] * 0.9e6 * rng.lognormal(0, 0.35, k)
    stock_prev = None
    frames = []
    prev_risk = _risk_in(c, 2021, row)
    fixed_ratio = 0.35 * rng.lognormal(0, 0.3, k)
    for year in FINANCIAL_YEARS:
        risk = _risk_in(c, year, row)
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
            "customer_id": c["ids"][row].astype(np.int64), "year": np.full(k, year, np.int64),
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

def _simulate(seed: int) -> tuple[dict[str, pd.DataFrame], dict[str, np.ndarray],
                                  dict[str, np.ndarray]]:
    """All tables plus the latent customer arrays and respondent types."""
    # one independent stream per stage, so that changing one stage leaves the others intact
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(11)]
    c = _customer_base(streams[0])
    _customer_behaviour(streams[1], c)
    _customer_losses(streams[2], c)
    o = _orders(streams[3], c)
    s = _service(streams[4], c, o)
    i = _invoices(streams[5], c, o)
    resp = _respondents(streams[6], c)
    servqual, gaps, p_dim = _servqual(streams[7], c, resp)
    tables = {
        "customers": _customers_frame(c),
        "orders": _orders_frame(c, o),
        "service": _service_frame(c, s),
        "cost_to_serve": _cost_to_serve(c, o, s, i),
        "invoices": _invoices_frame(c, o, i),
        "servqual_items": _servqual_items(),
        "servqual": servqual,
        "attribute_ratings": _attribute_ratings(streams[8], c, resp, p_dim),
        "survey": _survey(streams[9], c, resp, gaps),
        "credit_profiles": _credit_profiles(streams[10], c),
        "financials": _financials(streams[10], c),
    }
    return tables, c, resp


def simulate_case_company(seed: int = CASE_SEED) -> dict[str, pd.DataFrame]:
    """Simulate every table of the case company from ``seed`` (the course uses 2024).

    Returns a dict of DataFrames keyed like :data:`CASE_TABLES`, each with exactly the columns
    of its spec. Deterministic: the same seed gives byte-identical CSV files.
    """
    tables, _, _ = _simulate(seed)
    for name, spec in CASE_TABLES.items():
        tables[name] = tables[name][spec.column_names]
    return tables


def planted_customer_types(seed: int = CASE_SEED) -> dict[str, list[int]]:
    """Customer ids of the planted groups: hostages, mercenaries, defaulted, deteriorating,
    partial defectors (``drift``). For instructors and tests; not visible in the tables."""
    _, c, resp = _simulate(seed)
    ids = c["ids"]
    rid = ids[resp["row"]]
    return {
        "hostages": rid[resp["hostage"]].tolist(),
        "mercenaries": rid[resp["mercenary"]].tolist(),
        "defaulted": ids[c["defaulted"]].tolist(),
        "deteriorating": ids[c["risk_trend"] > 0].tolist(),
        "partial_defectors": ids[c["drift"]].tolist(),
    }


# ---------------------------------------------------------------------------------------------
# planted facts, as data
# ---------------------------------------------------------------------------------------------

PLANTED: dict = {
    "observation": ("2022-01-01", "2024-12-31"),
    "customers_old_base": N_OLD,
    "customers_new_by_year": dict(zip(YEARS, N_NEW)),
    "active_customers_trend": "rising",
    "net_profit_trend": "falling",
    "pareto_top20_share_band": (0.70, 0.80),
    "loss_making_share_band": (0.20, 0.35),
    "whale_peak_band": (1.30, 2.00),
    "demanding_share_of_medium_large": DEMANDING_SHARE,
    "demanding_extra_discount": DEMANDING_DISCOUNT,
    "discount_creep_old_medium_large": dict(zip(YEARS, DISCOUNT_CREEP.tolist())),
    "partial_defection": {"from": DRIFT_FROM, "share_of_old_medium_large": 1 / 3,
                          "order_rate_factor": 0.6},
    "new_customer_churn_hazard": dict(zip(SIZES.tolist(), NEW_CHURN_HAZARD.tolist())),
    "new_customer_min_stay_days": NEW_MIN_STAY_DAYS,
    "ramp_up": {"start": RAMP_START, "time_constant_days": RAMP_DAYS},
    "pre_loss_decline": {"days": 180, "floor": 0.25},
    "avoidable_lost_reasons": AVOIDABLE_LOST_REASONS,
    "key_account_loss_reasons": {"price": 0.15, "slow_service": 0.45, "product_quality": 0.10,
                                 "competitor_offer": 0.25, "moved_or_closed": 0.05},
    "order_processing_cost": ORDER_PROCESSING_COST,
    "response_capacity": {"2022": 1.0, "2023": "1.0 rising to 1.15",
                          "level_shift_from": COMPLAINT_LEVEL_SHIFT, "after_shift": 1.6,
                          "spike_weeks": SPIKE_WEEKS, "spike_factor": 1.8,
                          "key_account_priority": {2022: 0.6, 2023: 0.75, 2024: 1.0}},
    "complaint_probability_per_order": {"2022": 0.03, "2023": 0.04, "2024-01..02": 0.045,
                                        "from 2024-03-01": 0.075,
                                        "x_new_small": 1.3, "x_large_from_2023": 1.5},
    "call_growth_by_year": dict(zip(YEARS, CALL_GROWTH.tolist())),
    "weakest_servqual_dimension": "responsiveness",
    "servqual_gap_order": ("responsiveness", "reliability"),  # most negative first
    "servqual_no_gap": "tangibles",
    "servqual_base_means": {d: {"expectation": e, "perception": p, "competitor": k}
                            for d, e, p, k in zip(DIMENSIONS, EXPECTATION_MEAN.tolist(),
                                                  PERCEPTION_MEAN.tolist(),
                                                  COMPETITOR_MEAN.tolist())},
    "competitor_better_on": ("responsiveness", "reliability"),
    "competitor_worse_on": ("tangibles", "empathy"),
    "importance_weights_mean": dict(zip(DIMENSIONS, IMPORTANCE_WEIGHTS.tolist())),
    "satisfaction_intercept": SATISFACTION_INTERCEPT,
    "satisfaction_drivers": SATISFACTION_DRIVERS,
    "nps_band": (5.0, 25.0),
    "kano": {"next_day_delivery": "must-be", "online_order_tracking": "one-dimensional",
             "dedicated_account_manager": "attractive", "branded_gifts": "indifferent",
             "mandatory_online_ordering": "reverse"},
    "ipa_quadrants": {"delivery_speed": "concentrate here",
                      "response_to_requests": "concentrate here",
                      "claims_handling": "concentrate here",
                      "pricing": "keep up the good work",
                      "technical_support": "keep up the good work",
                      "opening_hours": "possible overkill", "product_range": "possible overkill",
                      "quality_of_information": "low priority"},
    "service_matrix": {"overkill": ("opening_hours", "product_range"),
                       "underperforming": ("response_to_requests", "delivery_speed",
                                           "claims_handling"),
                       "target_corridor": ("pricing", "technical_support",
                                           "quality_of_information")},
    "defaults": N_DEFAULTS,
    "write_off_window_days": WRITE_OFF_WINDOW,
    "delinquency_factor_2024": DELINQUENCY_2024,
    "deteriorating_credit_customers": 25,
    "risk_trend_per_year": 0.45,
}


# ---------------------------------------------------------------------------------------------
# data dictionary
# ---------------------------------------------------------------------------------------------

_SOURCE = ("Synthetic: generated by helpers.datasets.simulate_case_company(seed=2024); the "
           "generating model is documented in helpers/datasets/case_company.py and the planted "
           "structure in datasets/README.md (\"The case company: story and planted "
           "structure\").")
_LICENCE = "CC BY 4.0, part of this course."


def _spec(name: str, title: str, description: str, columns: tuple,
          notes: tuple[str, ...] = ()) -> TableSpec:
    """A case-company table spec with the shared source and licence."""
    return TableSpec(key=f"case/{name}", path=f"case_company/{name}.csv", title=title,
                     description=description, source=_SOURCE, licence=_LICENCE,
                     columns=cols(*columns), notes=notes)


_FIN_COLUMNS = [
    ("revenue", "sales revenue of the fiscal year"),
    ("cost_of_sales", "cost of the goods sold"),
    ("operating_expenses", "selling, general and administrative expenses"),
    ("interest_expense", "interest paid on debt"),
    ("income_tax", "income tax (25 % of a positive pre-tax profit)"),
    ("net_income", "revenue - cost_of_sales - operating_expenses - interest_expense - income_tax"),
    ("cash", "cash and bank balances at year end"),
    ("receivables", "accounts receivable at year end"),
    ("inventory", "inventories at year end"),
    ("other_current_assets", "prepayments and other current assets"),
    ("current_assets", "cash + receivables + inventory + other_current_assets"),
    ("fixed_assets", "property, plant and equipment (net)"),
    ("intangible_assets", "intangible assets incl. goodwill (deducted for tangible net worth)"),
    ("total_assets", "current_assets + fixed_assets + intangible_assets"),
    ("current_liabilities", "liabilities due within a year"),
    ("long_term_debt", "liabilities due after more than a year"),
    ("total_liabilities", "current_liabilities + long_term_debt"),
    ("equity", "total_assets - total_liabilities (net worth)"),
    ("operating_cash_flow", "cash flow from operations in the fiscal year"),
]

CASE_TABLES: dict[str, TableSpec] = {
    "customers": _spec(
        "customers", "Case company: customers",
        "Every customer Mr Xu's distributor served in 2022-2024: the old base acquired "
        "2015-2021 and the customers won in 2022, 2023 and 2024, with status at 2024-12-31.",
        (("customer_id", "int", "", "customer number (1001 ...)"),
         ("name", "str", "", "company name (fictitious)"),
         ("industry", "str", "", "manufacturing, telecom, automotive, retail, healthcare or "
                                 "education_government"),
         ("region", "str", "", "sales region: East, North, South, West or Central"),
         ("size", "str", "", "small (<100 employees), medium (100-499) or large (500+)"),
         ("employees", "int", "people", "number of employees"),
         ("acquisition_date", "date", "day", "day of the first purchase (becoming a customer)"),
         ("acquisition_channel", "str", "", "field_sales, telesales, web, trade_fair or "
                                            "referral"),
         ("acquisition_cost", "float", "CNY", "cost of winning the customer"),
         ("credit_customer", "bool", "", "buys on credit terms (has a credit profile)"),
         ("payment_terms_days", "int", "days", "0 = cash/prepaid, else 30 or 60 days"),
         ("credit_limit", "float", "CNY", "credit limit (0 for cash customers)"),
         ("account_manager", "bool", "", "has a dedicated account manager"),
         ("status", "str", "", "active or lost at 2024-12-31"),
         ("lost_date", "date", "day", "day the customer was recorded as lost (empty if active)",
          True),
         ("lost_reason", "str", "", "none (active), price, slow_service, product_quality, "
                                    "competitor_offer or moved_or_closed")),
        ("520 old customers (acquired 2015-2021) and 200 / 280 / 330 new ones (2022 / 2023 / "
         "2024); new customers are 85 % small and mostly come through web and telesales.",
         "Avoidable churn: every lost_reason except moved_or_closed (the business moved away, "
         "closed or went insolvent), which is unavoidable.",
         "Lost old large customers cluster in 2023-2024 and mostly name slow_service or "
         "competitor_offer. Ten credit customers defaulted (lost_reason moved_or_closed, "
         "their last invoices written off).",
         "No customer orders before its acquisition_date or on/after its lost_date; a new "
         "customer's first order is on its acquisition_date.",
         "Dedicated account managers go to the big buyers (90 % of customers buying over "
         "600,000 CNY a year, 35 % of those over 250,000; half as often for new customers).",
         "Customers active (ordering) per year: about 720 (2022), 950 (2023), 1,140 (2024).")),
    "orders": _spec(
        "orders", "Case company: orders",
        "Every order 2022-01-01..2024-12-31, with list-price sales, discount, net sales and cost "
        "of goods (the gross-profit lines of the customer profitability waterfall).",
        (("order_id", "int", "", "order number"),
         ("customer_id", "int", "", "customer (customers.customer_id)"),
         ("order_date", "date", "day", "day the order was placed"),
         ("product_lines", "int", "count", "number of product categories in the order "
                                           "(cross-buying)"),
         ("gross_sales", "float", "CNY", "gross sales value (GSV) at list price"),
         ("discount", "float", "CNY", "discounts and trade terms granted"),
         ("net_sales", "float", "CNY", "net sales value (NSV) = gross_sales - discount"),
         ("cost_of_goods", "float", "CNY", "purchase cost of the goods sold"),
         ("rush", "bool", "", "rush delivery requested")),
        ("Pareto: the top 20 % of customers by 2022-2024 net sales hold 70-80 % of it.",
         "Lifecycle: new customers start at 30 % of their order rate and ramp up (120-day time "
         "constant); lost customers fade over the 180 days before they leave (down to 25 %).",
         "A third of the remaining old medium and large customers moved 40 % of their orders "
         "to competitors from 2023-07-01 (partial defection, lower share of wallet).",
         "Discounts: about 2 % (small), 5 % (medium), 7.5 % (large); new small web/telesales "
         "customers get about 5.5 % (promotions), high for their size; demanding key accounts "
         "(20 % of medium and large customers) 10 points more; old medium and large customers "
         "1.5 (2023) and 2.5 (2024) points more to hold them against competitors' offers.",
         "Cost of goods: 78.5 % of gross sales on average (sd 2.5 points).",
         "Seasonality: February dip (Chinese New Year), strong November and December.")),
    "service": _spec(
        "service", "Case company: service interactions",
        "Every service interaction: support calls, technical consultations, on-site visits, "
        "complaints, returns and rush deliveries, with response time, resolution and cost.",
        (("interaction_id", "int", "", "interaction number"),
         ("customer_id", "int", "", "customer (customers.customer_id)"),
         ("date", "date", "day", "day of the interaction"),
         ("type", "str", "", "support_call, technical_consultation, on_site_visit, complaint, "
                             "return or rush_delivery"),
         ("order_id", "int", "", "order it concerns (complaints, returns, rush deliveries); 0 "
                                 "if not linked to an order"),
         ("response_hours", "float", "hours", "time to first response"),
         ("resolved", "bool", "", "resolved at first contact"),
         ("cost", "float", "CNY", "cost of handling the interaction")),
        ("Response times: capacity factor 1.0 in 2022, drifting to 1.15 through 2023, level "
         "shift to 1.6 from 2024-03-01, spikes (x1.8) in the weeks 2024-07-08..14 and "
         "2024-11-11..17: an individuals chart of weekly mean response hours with 2022 limits "
         "signals from March 2024.",
         "Large customers had priority (response x0.6 in 2022, x0.75 in 2023) that was lost in "
         "2024, so key accounts felt the slowdown most.",
         "Complaints per order (p-chart): 3 % in 2022, 4 % in 2023, 7.5 % from March 2024 "
         "(x1.3 for new small customers, x1.5 for large ones from 2023).",
         "Service intensity: new small customers' calls, returns and rush orders scale with a "
         "log-normal intensity (log-sd 1.1): base rates 2.5 support calls a year, 6 % of orders "
         "returned, 16 % rush orders (x1.3 in 2024). Support calls and consultations grow x1.2 "
         "in 2023 and x1.5 in 2024 as customers chase slow answers.")),
    "cost_to_serve": _spec(
        "cost_to_serve", "Case company: cost to serve",
        "Customer-related costs per customer and year (long format), for the customer "
        "profitability waterfall: net customer profitability = net sales - cost of goods - "
        "the sum of these costs. One row per customer, year on the books and cost item; "
        "items with no cost in a customer's year are left out (their amount is zero).",
        (("customer_id", "int", "", "customer (customers.customer_id)"),
         ("year", "int", "year", "calendar year 2022-2024"),
         ("category", "str", "", "direct_sales, direct_distribution, indirect or "
                                 "hard_to_trace"),
         ("item", "str", "", "cost item within the category (see notes)"),
         ("amount", "float", "CNY", "cost in the year")),
        ("direct_sales: account_management (20,000 CNY a year per dedicated account manager), "
         "telesales (60 CNY per order + 300 a year for web/telesales customers, else 15 per "
         "order), promotions (2.5 % of net sales for web, 1.5 % telesales, 0.5 % others), "
         "sales_bonus (1.2 % of net sales for managed or field-sales customers, else 0.4 %), "
         "service_support (= service cost of support calls, technical consultations, on-site "
         "visits and complaints).",
         "direct_distribution: transport (85 CNY + 0.4 % of gross sales per order, plus the "
         "cost of rush deliveries in service), packaging (18 + 9 per product line per order), "
         "warehousing (0.4 % of net sales + 12 per product line), returns (= service cost of "
         "returns).",
         "indirect (allocated in proportion to net sales): sales_management 1.2 %, "
         "national_advertising 0.7 %.",
         "hard_to_trace: order_processing (170 CNY per order), stock_holding (0.5 % of cost of "
         "goods + 15 per product line), receivables_financing (6 % a year on each invoice from "
         "invoice date to payment or 2024-12-31), bad_debt (= written-off invoices). Costs are "
         "booked in the year of the order, interaction or invoice.",
         "Planted: 20-35 % of customers lose money over 2022-2024 (mostly small web/telesales "
         "customers with heavy service use, plus the demanding key accounts); the whale curve "
         "peaks at 130-200 % of total profit; net profit falls every year while the number of "
         "active customers rises.")),
    "invoices": _spec(
        "invoices", "Case company: invoices and payments",
        "One invoice per order with due date and payment date, for DSO, ageing and bad-debt "
        "analysis at 2024-12-31.",
        (("invoice_id", "int", "", "invoice number"),
         ("order_id", "int", "", "order invoiced (orders.order_id), one invoice per order"),
         ("customer_id", "int", "", "customer (customers.customer_id)"),
         ("invoice_date", "date", "day", "order date or the next day"),
         ("due_date", "date", "day", "invoice_date + the customer's payment_terms_days"),
         ("amount", "float", "CNY", "amount invoiced = the order's net_sales (VAT left out)"),
         ("paid_date", "date", "day", "day paid; empty if unpaid at 2024-12-31", True),
         ("written_off", "bool", "", "written off as a bad debt (never paid)")),
        ("Payment delay after the due date is gamma-distributed with scale 3 x exp(0.7 x risk) "
         "days, where risk is the customer's latent credit risk that year (reflected in its "
         "financial ratios); new small credit customers are riskier, and 25 credit customers "
         "deteriorate year by year.",
         "Long delinquencies (an extra delay with mean 75 days) hit 3 % x exp(0.9 x risk) of "
         "credit invoices, 2.5 times as often in 2024 when collections slipped; at 2024-12-31 "
         "every ageing bucket (current, 1-30, 31-60, 61-90, >90 days overdue) holds invoices.",
         "Cash customers (terms 0) mostly pay on the invoice date; 35 % of new small cash "
         "customers' invoices are paid late (about 8 days).",
         "Ten credit customers defaulted: their invoices from the 240 days before their "
         "lost_date are written off (no paid_date).")),
    "servqual_items": _spec(
        "servqual_items", "Case company: SERVQUAL items",
        "The 22 SERVQUAL statements used in the Q4 2024 customer survey, adapted to a B2B "
        "electronics distributor, with their dimension.",
        (("item", "str", "", "item code Q01-Q22"),
         ("dimension", "str", "", "tangibles (Q01-Q04), reliability (Q05-Q09), responsiveness "
                                  "(Q10-Q13), assurance (Q14-Q17), empathy (Q18-Q22)"),
         ("statement", "str", "", "the statement in English"),
         ("statement_zh", "str", "", "the statement in Chinese")),
        ("Item allocation to dimensions as in Parasuraman, Zeithaml & Berry (1988); wording "
         "written for this course.",)),
    "servqual": _spec(
        "servqual", "Case company: SERVQUAL answers",
        "Answers of the Q4 2024 survey respondents to the 22 SERVQUAL items: expectation of an "
        "excellent distributor, perception of this firm and of its main competitor (long "
        "format: one row per respondent and item).",
        (("customer_id", "int", "", "respondent (customers.customer_id)"),
         ("item", "str", "", "item code (servqual_items.item)"),
         ("dimension", "str", "", "SERVQUAL dimension of the item"),
         ("expectation", "int", "1-7", "expectation of an excellent distributor (7 = strongly "
                                       "agree)"),
         ("perception", "int", "1-7", "perception of this firm"),
         ("competitor", "int", "1-7", "perception of the main competitor")),
        ("Respondents: a sample of customers active on 2024-10-01 (80 % of large, 50 % of "
         "medium, 20 % of small ones) plus 60 % of the customers lost between 2024-01-01 and "
         "2024-09-30 (exit interviews); the same respondents answer attribute_ratings and "
         "survey.",
         "Gap (perception - expectation) by dimension: responsiveness the most negative, then "
         "reliability; assurance and empathy small; tangibles about zero. Large and old "
         "customers rate responsiveness lower than new small ones.",
         "The competitor is rated better on responsiveness and reliability, worse on tangibles "
         "and empathy.",
         "Items of a dimension share a respondent-level factor: Cronbach's alpha about "
         "0.8-0.9.")),
    "attribute_ratings": _spec(
        "attribute_ratings", "Case company: importance and performance of service indicators",
        "Each respondent rates eight service indicators for importance, for this firm's "
        "performance and for the main competitor's (long format).",
        (("customer_id", "int", "", "respondent (customers.customer_id)"),
         ("attribute", "str", "", "delivery_speed, pricing, response_to_requests, "
                                  "quality_of_information, opening_hours, claims_handling, "
                                  "product_range or technical_support"),
         ("importance", "int", "1-7", "importance to the customer (7 = very important)"),
         ("firm", "int", "1-7", "performance of this firm (7 = excellent)"),
         ("competitor", "int", "1-7", "performance of the main competitor")),
        ("Importance-performance quadrants (crosshairs at the means of the attribute means): "
         "concentrate here = delivery_speed, response_to_requests, claims_handling; keep up the "
         "good work = pricing, technical_support; possible overkill = opening_hours, "
         "product_range; low priority = quality_of_information.",
         "Service management matrix: overkill (performance well above importance) = "
         "opening_hours, product_range; underperforming = response_to_requests, delivery_speed, "
         "claims_handling; the rest lie in the target corridor.")),
    "survey": _spec(
        "survey", "Case company: satisfaction, loyalty and Kano survey",
        "One row per Q4 2024 respondent: importance of the five SERVQUAL dimensions, overall "
        "satisfaction, recommendation, loyalty items and Kano question pairs for five "
        "features.",
        (("customer_id", "int", "", "respondent (customers.customer_id)"),
         ("survey_date", "date", "day", "day of the interview"),
         *[(f"importance_{d}", "int", "points",
            f"importance of {d} (100 points shared among the five dimensions)")
           for d in DIMENSIONS],
         ("overall_satisfaction", "int", "1-10", "overall satisfaction (10 = completely "
                                                 "satisfied)"),
         ("recommend", "int", "0-10", "likelihood to recommend us (NPS question)"),
         ("repurchase_intention", "int", "1-7", "intends to keep buying from us"),
         ("mention", "int", "1-7", "how often they mention or recommend us to others"),
         ("price_sensitivity", "int", "1-7", "would switch supplier for a small price cut"),
         ("voluntariness", "int", "1-7", "buys from us by choice, not because locked in"),
         ("share_of_wallet", "float", "share", "share of their category spend placed with us "
                                               "(0-1)"),
         *[(f"kano_{f}_{side}", "int", "1-5",
            f"Kano {side} question on {f.replace('_', ' ')}: 1 like, 2 must-be, 3 neutral, "
            f"4 can live with it, 5 dislike")
           for f in KANO_FEATURES for side in ("functional", "dysfunctional")]),
        ("overall_satisfaction = 9.0 + 1.0 x reliability gap + 0.8 x responsiveness gap + "
         "0.45 x assurance gap + 0.2 x empathy gap + 0 x tangibles gap + noise (sd 0.8), "
         "rounded and clipped to 1-10; a gap is the respondent's mean item perception minus "
         "mean item expectation in servqual.",
         "NPS (% 9-10 minus % 0-6 on recommend) lies between +5 and +25; lower among large "
         "customers.",
         "Planted loyalty types: hostages (low satisfaction, high repurchase intention, low "
         "voluntariness; mostly credit customers on 60-day terms) and mercenaries (high "
         "satisfaction, low repurchase intention and share of wallet, high price sensitivity; "
         "mostly small web/telesales customers). Lost respondents have share_of_wallet below "
         "0.05.",
         "Kano modal classes: next_day_delivery must-be, online_order_tracking "
         "one-dimensional, dedicated_account_manager attractive, branded_gifts indifferent, "
         "mandatory_online_ordering reverse.")),
    "credit_profiles": _spec(
        "credit_profiles", "Case company: credit profiles",
        "Non-financial credit information on every credit customer (character, collateral, "
        "conditions of the 5C analysis).",
        (("customer_id", "int", "", "credit customer (customers.customer_id)"),
         ("years_in_business", "int", "years", "years since the customer's business was "
                                               "founded"),
         ("legal_form", "str", "", "state_owned, private_limited, joint_venture or "
                                   "sole_proprietor"),
         ("management_rating", "int", "1-5", "quality of management as judged by the sales "
                                             "team (5 = excellent)"),
         ("legal_disputes", "int", "count", "legal disputes in the last three years"),
         ("bank_rating", "str", "", "rating from the customer's bank: A (best) to D"),
         ("collateral_value", "float", "CNY", "value of collateral pledged (0 if none)"),
         ("guarantor", "bool", "", "a third party guarantees the debt"),
         ("industry_outlook", "int", "1-5", "outlook of the customer's industry (5 = "
                                            "booming)")),
        ("Management rating, legal disputes, bank rating and years in business reflect the "
         "same latent risk (in 2024) as the payment behaviour and the financial ratios.",)),
    "financials": _spec(
        "financials", "Case company: credit customers' financial statements",
        "Income statement, balance sheet and operating cash flow of every credit customer for "
        "fiscal years 2021-2024, in whole CNY.",
        (("customer_id", "int", "", "credit customer (customers.customer_id)"),
         ("year", "int", "year", "fiscal year (calendar year) 2021-2024"),
         *[(name, "float", "CNY", meaning) for name, meaning in _FIN_COLUMNS]),
        ("Identities hold exactly: current_assets = cash + receivables + inventory + "
         "other_current_assets; total_assets = current_assets + fixed_assets + "
         "intangible_assets; total_liabilities = current_liabilities + long_term_debt; "
         "equity = total_assets - total_liabilities.",
         "Ratios follow the latent credit risk: riskier customers have lower quick ratios, "
         "higher debt to tangible net worth, lower gross margins and slower receivables and "
         "inventory turnover, and they pay their invoices later.",
         "25 customers deteriorate (risk +0.45 a year from 2022), so ratings migrate down "
         "over the years.")),
}
