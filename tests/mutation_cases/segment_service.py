"""Valid example calls of ``helpers.segment_service`` (chapter 05: the four-step segment
service strategy and the segmentation worksheet) for the mutation test."""

from __future__ import annotations

import pandas as pd
from mutation import Case

from helpers import segment_service

DATA = pd.DataFrame({"segment": ["x", "x", "x", "y", "y", "y"],
                     "net_sales": [100.0, 300.0, 50.0, 100.0, 80.0, 60.0],
                     "net_profit": [30.0, 10.0, 5.0, 20.0, -10.0, 8.0],
                     "retained": [True, False, True, True, True, False],
                     "lost_reason": ["none", "price", "none", "none", "none",
                                     "moved_or_closed"]},
                    index=pd.Index([11, 12, 13, 14, 15, 16], name="customer_id"))
RATINGS = pd.DataFrame({"customer_id": [1, 2, 3, 1, 2, 3],
                        "attribute": ["speed", "speed", "speed", "hours", "hours", "hours"],
                        "importance": [6.0, 6.0, 5.0, 2.0, 3.0, 2.0],
                        "firm": [4.0, 3.0, 5.0, 5.0, 6.0, 4.0],
                        "competitor": [5.0, 4.0, 4.0, 4.0, 5.0, 3.0]})
RATED = pd.Series({1: "X", 2: "X", 3: "Y"})
NEEDS = segment_service.segment_needs(RATINGS, RATED)
SEGMENT_VALUE = pd.DataFrame({"customers": [10, 20], "uplift_value": [1500.0, 500.0]},
                             index=pd.Index(["X", "Y"], name="segment"))
IMPROVE = pd.Series({"X": True, "Y": False})
PLAN = pd.DataFrame({"value": [-5.0, 5.0, 5.0, 8.0], "fit": [-1.0, -1.0, 1.0, 2.0],
                     "growth": [0.5, 0.5, 0.5, -0.1], "gap": [-1.0, -1.0, -1.0, 1.0]},
                    index=pd.Index(list("abcd"), name="segment"))
COSTS = segment_service.improvement_costs(NEEDS[["gap"]], SEGMENT_VALUE, saving_per_point=400.0,
                                          cut=0.5)
LIFETIME_VALUE = pd.DataFrame({"customers": [10, 20], "retention": [0.8, 0.9],
                               "retention_uplift": [0.05, 0.02],
                               "lifetime_profit": [5000.0, -300.0]},
                              index=pd.Index(["X", "Y"], name="segment"))
LIFETIME = segment_service.net_lifetime_profit(LIFETIME_VALUE, COSTS)
FLAGS = segment_service.performance_flags(NEEDS[["gap"]])
STRATEGY = pd.Series({"X": "invest to improve", "Y": "detach"}, name="strategy")
PRIORITY = pd.Series({"X": "large", "Y": "small"})
GROUPED = DATA[["segment", "net_profit"]].assign(
    size=["large", "small", "small", "large", "small", "small"])

CASES = [
    Case(segment_service.market_composition, data=DATA[["segment", "net_sales", "net_profit"]],
         segment="segment", skip={"data[net_profit]": {"negative": "profit can be negative"}}),
    Case(segment_service.retention_uplift, data=DATA[["segment", "retained", "lost_reason"]],
         segment="segment", success_rate=0.5, avoidable=["price", "slow_service"]),
    Case(segment_service.segment_value, data=DATA[["segment", "net_profit", "retained"]],
         segment="segment", discount_rate=0.1, retention_uplift=0.05,
         skip={"data[net_profit]": {"negative": "profit can be negative"}}),
    Case(segment_service.segment_needs, ratings=RATINGS, segment=RATED),
    Case(segment_service.needs_summary, needs=NEEDS[["importance", "gap", "vs_competitor"]],
         skip={"needs[gap]": {"negative": "a gap can be negative"},
               "needs[vs_competitor]": {"negative": "a difference can be negative"}}),
    Case(segment_service.performance_flags, needs=NEEDS[["gap"]], threshold=1.0,
         skip={"needs": {"negative": "a gap can be negative"}}),
    Case(segment_service.improvement_costs, needs=NEEDS[["gap"]], value=SEGMENT_VALUE,
         threshold=1.0, cost_per_point=1000.0, lift=1.0, saving_per_point=400.0, cut=0.5,
         skip={"needs": {"negative": "a gap can be negative"},
               "value[uplift_value]": {"negative": "a loss-making segment loses by it"}}),
    Case(segment_service.improved_ratings, ratings=RATINGS, segment=RATED, needs=NEEDS[["gap"]],
         improve=IMPROVE, threshold=1.0, lift=1.0, cut=0.5,
         skip={"needs": {"negative": "a gap can be negative"}}),
    Case(segment_service.assign_strategies, segments=PLAN, value_cut=0.0, fit_cut=0.0,
         growth_cut=0.0, gap_cut=0.0,
         skip={"segments": {"negative": "values, fits, growth and gaps can be negative"},
               "value_cut": {"negative": "a cut can be negative"},
               "fit_cut": {"negative": "a cut can be negative"},
               "growth_cut": {"negative": "a cut can be negative"},
               "gap_cut": {"negative": "a cut can be negative"}}),
    Case(segment_service.segmentation_worksheet,
         data=DATA[["segment", "net_profit"]].assign(name=list("abcdef")), segment="segment",
         value="net_profit", n=1, next_action={"x": "fix", "y": "grow"}, label="name",
         skip={"data[net_profit]": {"negative": "profit can be negative"}}),
    Case(segment_service.net_lifetime_profit, value=LIFETIME_VALUE, costs=COSTS,
         skip={"value[lifetime_profit]": {"negative": "a segment can lose money"},
               "costs[gain_per_customer]": {"negative": "a loss-making segment loses by it"},
               "costs[retention_cost_per_customer]": {
                   "negative": "savings can exceed the cost of the fixes"}}),
    Case(segment_service.priority_groups, data=GROUPED, segment="segment", group="size",
         value="net_profit",
         skip={"data[net_profit]": {"negative": "profit can be negative"},
               "data[size]": {"*": "group labels may be any values"}}),
    Case(segment_service.service_plan, strategy=STRATEGY, flags=FLAGS, lifetime=LIFETIME,
         priority=PRIORITY,
         skip={"lifetime[net_lifetime_profit]": {"negative": "a segment can lose money"}}),
]
