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

Where it lives
--------------
This module holds the story (above), the public API (:func:`simulate_case_company`,
:func:`planted_customer_types`) and :data:`PLANTED`; it re-exports the constants and planted
parameters of ``_case_parameters.py`` and the data dictionary :data:`CASE_TABLES` of
``_case_dictionary.py``. The simulation itself, one function per stage, is
``_case_simulator.py``.

``PLANTED`` holds these facts as data for tests and exercise checks, and
:func:`planted_customer_types` lists the customers of each planted group.
"""

from __future__ import annotations

import pandas as pd

from ..validation import check_seed
from . import _case_simulator as _simulator
from ._case_dictionary import CASE_TABLES
from ._case_parameters import (
    ACCOUNT_MANAGER_COST,
    ATTRIBUTE_MEANS,
    ATTRIBUTES,
    AVOIDABLE_LOST_REASONS,
    CALL_GROWTH,
    CASE_SEED,
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
    KANO_CLASSES,
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

__all__ = [  # the constants are re-exported: notebooks and tests import them from here
    "ACCOUNT_MANAGER_COST", "ATTRIBUTES", "ATTRIBUTE_MEANS", "AVOIDABLE_LOST_REASONS",
    "CALL_GROWTH", "CASE_SEED", "CASE_TABLES", "CHANNELS", "COGS_RATIO", "COMPETITOR_MEAN",
    "COMPLAINT_LEVEL_SHIFT", "COST_ITEMS", "DELINQUENCY_2024", "DEMANDING_DISCOUNT",
    "DEMANDING_INTENSITY", "DEMANDING_SHARE", "DIMENSIONS", "DISCOUNT_CREEP", "DRIFT_FROM",
    "END_DAY", "EXPECTATION_MEAN", "FINANCIAL_YEARS", "FINANCING_RATE", "IMPORTANCE_WEIGHTS",
    "INDUSTRIES", "INTENSITY_SIGMA", "ITEMS_PER_DIMENSION", "ITEM_DIMENSION", "ITEM_NAMES",
    "KANO_CLASSES", "KANO_FEATURES", "KANO_MIX", "LEGAL_FORMS", "LOST_REASONS", "NEW_CHURN_HAZARD",
    "NEW_MIN_STAY_DAYS", "NEW_SMALL_SPEND", "N_DEFAULTS", "N_NEW", "N_OLD",
    "ORDER_PROCESSING_COST", "PERCEPTION_MEAN", "PLANTED", "RAMP_DAYS", "RAMP_START", "REGIONS",
    "SATISFACTION_DRIVERS", "SATISFACTION_INTERCEPT", "SERVICE_TYPES", "SERVQUAL_STATEMENTS",
    "SIZES", "SPIKE_WEEKS", "START", "WRITE_OFF_WINDOW", "YEARS", "YEAR_END", "YEAR_START",
    "planted_customer_types", "simulate_case_company",
]


def simulate_case_company(seed: int = CASE_SEED) -> dict[str, pd.DataFrame]:
    """Simulate every table of the case company from ``seed`` (the course uses 2024).

    Returns a dict of DataFrames keyed like :data:`CASE_TABLES`, each with exactly the columns
    of its spec. Deterministic: the same seed gives byte-identical CSV files. ``seed`` is a
    whole number from 0 to 2**32 - 1.

    >>> tables = simulate_case_company()
    >>> {name: len(frame) for name, frame in tables.items()}
    {'customers': 1330, 'orders': 29924, 'service': 26112, 'cost_to_serve': 33998,
     'invoices': 29924, 'servqual_items': 22, 'servqual': 8184, 'attribute_ratings': 2976,
     'survey': 372, 'credit_profiles': 362, 'financials': 1448}
    """
    tables = _simulator.run(check_seed(seed, "seed")).tables
    return {name: tables[name][spec.column_names] for name, spec in CASE_TABLES.items()}


def planted_customer_types(seed: int = CASE_SEED) -> dict[str, list[int]]:
    """Customer ids of the planted groups: hostages, mercenaries, defaulted, deteriorating,
    partial defectors (``drift``). For instructors and tests; not visible in the tables.

    >>> groups = planted_customer_types()
    >>> {group: len(ids) for group, ids in groups.items()}
    {'hostages': 32, 'mercenaries': 29, 'defaulted': 10, 'deteriorating': 25,
     'partial_defectors': 71}
    """
    run = _simulator.run(check_seed(seed, "seed"))
    customers, respondents = run.customers, run.respondents
    ids = customers["ids"]
    respondent_ids = ids[respondents["row"]]
    return {
        "hostages": respondent_ids[respondents["hostage"]].tolist(),
        "mercenaries": respondent_ids[respondents["mercenary"]].tolist(),
        "defaulted": ids[customers["defaulted"]].tolist(),
        "deteriorating": ids[customers["risk_trend"] > 0].tolist(),
        "partial_defectors": ids[customers["drift"]].tolist(),
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

