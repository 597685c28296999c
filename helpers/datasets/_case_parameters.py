"""The case company's constants and planted parameters, in one place.

Calendar, categories and the numbers the simulation (:mod:`helpers.datasets._case_simulator`)
plants; :data:`helpers.datasets.case_company.PLANTED` states the resulting facts as data. All
names are re-exported by :mod:`helpers.datasets.case_company`, where notebooks and tests
import them.
"""

from __future__ import annotations

import numpy as np

CASE_SEED = 2024

# calendar: days are counted from START (2022-01-01 = day 0) -----------------------------------
START = np.datetime64("2022-01-01", "D")
END_DAY = 1095  # 2024-12-31, days after START
YEARS = (2022, 2023, 2024)
YEAR_START = np.array([0, 365, 730])
YEAR_END = np.array([364, 729, 1095])

# categories ----------------------------------------------------------------------------------
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

# planted parameters -------------------------------------------------------------------------
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

# the SERVQUAL questionnaire: 22 statements (English, Chinese), Q01-Q22 by dimension -----------
SERVQUAL_STATEMENTS = (
    ("The company has up-to-date warehouse, delivery and testing equipment.",
     "公司拥有现代化的仓储、配送和检测设备。"),
    ("Its offices, showroom and website look professional and appealing.",
     "公司的办公场所、展厅和网站专业美观。"),
    ("Its staff are neat and professional in appearance.", "公司员工着装整洁、形象专业。"),
    ("Its catalogues, quotations and invoices are clear and well presented.",
     "产品目录、报价单和发票清晰规范。"),
    ("When it promises to deliver by a certain date, it does so.",
     "承诺在某日前交货,就能按时交货。"),
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

# credit profiles ---------------------------------------------------------------------------
LEGAL_FORMS = np.array(["state_owned", "private_limited", "joint_venture", "sole_proprietor"])
