"""05: the four-step segment service strategy of 第二章“为企业创造价值” (分类市场服务策略).

The deck's slides 根据不同客户群体制定服务策略的具体步骤 give four steps; one helper (or a few)
for each, re-exported by :mod:`helpers.segments` (``segments.market_composition`` works too):

1. 确定市场构成 (market composition): :func:`market_composition`; the deck's example, an
   insurer's profit by sales channel, is :data:`INSURER_CHANNELS`;
2. 对客户市场进行分类,并确定分类市场的价值 (value each segment): :func:`retention_uplift`
   (提高客户保有率的可能性), :func:`segment_value`;
3. 确定各分类市场的客户需求 (each segment's needs): :func:`segment_needs`, :func:`needs_summary`;
4. 实施针对各分类市场而制定的服务策略 (implement the strategies), in three phases:

   * phase 1, 发现那些表现过当或表现不足的地方: :func:`performance_flags`;
   * phase 2, 确认有选择地提高服务质量…所需投入的成本: the deck's five strategies,
     :func:`assign_strategies` (:data:`STRATEGY_MEANING`, :data:`STRATEGY_NAMES_ZH`), and its
     work items: trim the over-served items, move the savings to the under-served ones and
     estimate the extra cost of keeping the customers, :func:`improvement_costs`; the net
     lifetime profit (终身利润净值) and each segment's importance, :func:`net_lifetime_profit`;
   * phase 3, 确定最终的服务策略计划: the ratings after the chosen changes,
     :func:`improved_ratings`; the customer groups that deserve most attention in each channel,
     :func:`priority_groups`; the plan with its positioning and targets, :func:`service_plan`.

Also here: the segmentation worksheet (市场细分作业单) of 《产业市场营销与客户管理》（吴登开）,
:func:`segmentation_worksheet`.

The steps, phases, five strategies and work items are the deck's; its tables and figures are
lost. The measures are the course's own reading: *fit* as importance-weighted performance
minus the competitor's (the deck: whether a segment 与企业的生产经营能力相吻合), cut-offs at 0,
costs and savings per rating point, the success rate of a retention effort.

Bad input raises a clear error naming the argument or column, the rule and a few offending
rows (``helpers.validation``); nothing is silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from . import language
from .datasets.case_company import AVOIDABLE_LOST_REASONS
from .validation import (
    as_numeric_series,
    check_flags,
    check_int,
    check_labels,
    check_names,
    check_number,
    check_rate,
    column_option,
    numeric_column,
    numeric_columns,
    offenders,
    require_frame,
    require_no_nan,
    require_unique,
    require_unique_index,
)
from .value import _shares_of

__all__ = [
    "INSURER_CHANNELS", "MAX_LIFT", "STRATEGY_MEANING", "STRATEGY_NAMES_ZH",
    "assign_strategies", "improved_ratings", "improvement_costs", "market_composition",
    "needs_summary", "net_lifetime_profit", "performance_flags", "priority_groups",
    "retention_uplift", "segment_needs", "segment_value", "segmentation_worksheet",
    "service_plan",
]

# --- checks shared with helpers.segments ---------------------------------------------------------

def _check_segment(segment: object, index: pd.Index, name: str = "segment") -> None:
    """Segment labels (:func:`~helpers.validation.check_labels`), one per row of ``index``,
    without an empty category."""
    check_labels(segment, name)
    if not segment.index.equals(index):
        raise ValueError(f"{name} must have the same index as the data (one label per "
                         f"customer); e.g. missing for {list(index.difference(segment.index)[:5])}")
    if isinstance(segment.dtype, pd.CategoricalDtype):
        empty = [c for c in segment.cat.categories if not (segment == c).any()]
        if empty:
            raise ValueError(f"{name} has empty groups (categories without customers): "
                             f"{empty}; drop them with .cat.remove_unused_categories()")


# --- step 1: market composition ------------------------------------------------------------------

def _segment_column(data: object, segment: object, columns: list[str]) -> str:
    """Check a table of one row per customer with the ``segment`` column and ``columns``."""
    require_frame(data, "data")
    segment = column_option(data, segment, "segment", "data")
    require_frame(data, "data", columns)
    require_unique_index(data, "data")
    return segment


def market_composition(data: pd.DataFrame, segment: str) -> pd.DataFrame:
    """Step 1 — market composition (市场构成): customers, net sales and net profit per segment
    and each segment's share of the firm's totals.

    ``data``: one row per customer with the column named by ``segment``, ``net_sales`` and
    ``net_profit``. Profit shares can be negative or exceed 100 % when some segments lose money;
    they need a positive total profit (a share of a zero total is undefined, one of a loss turns
    every sign around), otherwise a ``ValueError`` is raised. Source: step 1 (确定市场构成) of
    第二章“为企业创造价值”, whose example is an insurer's profit by sales channel
    (:data:`INSURER_CHANNELS`).

    >>> data = pd.DataFrame({"seg": ["x", "x", "y"], "net_sales": [100.0, 300.0, 100.0],
    ...                      "net_profit": [30.0, 10.0, -20.0]})
    >>> market_composition(data, "seg")["profit_share"].tolist()
    [2.0, -1.0]
    """
    segment = _segment_column(data, segment, ["net_sales", "net_profit"])
    money = pd.DataFrame({"net_sales": numeric_column(data, "net_sales", "data", low=0),
                          "net_profit": numeric_column(data, "net_profit", "data")})
    _check_segment(data[segment], data.index, f"data[{segment!r}]")
    g = money.groupby(data[segment], observed=True)
    out = pd.DataFrame({"customers": g.size(), "net_sales": g["net_sales"].sum(),
                        "net_profit": g["net_profit"].sum()})
    out.insert(1, "customer_share", out["customers"] / out["customers"].sum())
    out.insert(3, "sales_share", _shares_of(out["net_sales"], float(out["net_sales"].sum()),
                                            "the total net sales",
                                            "compare the net_sales column instead"))
    out["profit_share"] = _shares_of(out["net_profit"], float(out["net_profit"].sum()),
                                     "the total net profit",
                                     "compare the net_profit column instead")
    out["profit_per_customer"] = out["net_profit"] / out["customers"]
    return out


INSURER_CHANNELS = pd.DataFrame(
    {"chinese": ["保险经纪", "电话服务中心", "经营网点", "电子商务"],
     "profit_share": [0.15, 0.30, 0.10, 0.30]},
    index=pd.Index(["insurance brokers", "call centre", "branches", "e-commerce"],
                   name="channel"))
"""The deck's example of step 1 (某保险公司市场构成图, 第二章“为企业创造价值”): an insurer
(保险公司) reaches its customers (客户) through four sales channels; the percentages are
“每条销售渠道所产生的利润回报”, the profit return each channel produces, i.e. its share of the
insurer's profit. The figure itself is lost: its surviving text lists the four percentages
15 %, 30 %, 10 %, 30 % and then the four channels, and the course pairs them in that order. They
add up to 85 %; the surviving text does not say where the rest of the profit comes from."""



# --- step 2: value each segment ------------------------------------------------------------------

def retention_uplift(data: pd.DataFrame, segment: str, *, success_rate: float = 0.5,
                     avoidable: Sequence[str] = AVOIDABLE_LOST_REASONS) -> pd.DataFrame:
    """Step 2 — the chance of lifting each segment's retention (提升保持率的机会).

    ``data``: one row per customer on the books at the start of the period, with the column
    named by ``segment``, ``retained`` (bool) and ``lost_reason`` (ignored for retained
    customers). Per segment: ``churn`` = share of its customers lost; ``avoidable_churn`` =
    share lost for a reason in ``avoidable`` (a list; default the case company's price, slow
    service, product quality, competitor's offer); ``uplift`` = ``success_rate`` (0 to 1) ×
    ``avoidable_churn``, the retention points won back if that share of the avoidable losses is
    prevented (a customer that moved or closed cannot be kept). Pass ``uplift`` to
    :func:`segment_value`. Source: step 2 of 第二章“为企业创造价值” (“了解在每一个客户市场提高
    客户保有率的可能性”); the avoidable causes and the success rate are the course's (as in
    chapter 07; Reichheld & Sasser 1990).

    >>> data = pd.DataFrame({"seg": "a", "retained": [True, True, False, False],
    ...                      "lost_reason": ["none", "none", "price", "moved_or_closed"]})
    >>> retention_uplift(data, "seg").loc["a", ["churn", "avoidable_churn", "uplift"]].tolist()
    [0.5, 0.25, 0.125]
    """
    segment = _segment_column(data, segment, ["retained", "lost_reason"])
    lost = ~check_flags(data["retained"], "data['retained']")
    success_rate = check_rate(success_rate, "success_rate")
    avoidable = check_names(list(avoidable) if isinstance(avoidable, (set, frozenset))
                            else avoidable, "avoidable", allow_empty=True)
    _check_segment(data[segment], data.index, f"data[{segment!r}]")
    unexplained = lost & data["lost_reason"].isna()
    if unexplained.any():
        raise ValueError("data['lost_reason']: every lost customer needs a lost_reason; "
                         f"these do not: {offenders(data['lost_reason'], unexplained)}")
    avoidable_loss = lost & data["lost_reason"].isin(list(avoidable))
    g = pd.DataFrame({"churn": lost, "avoidable_churn": avoidable_loss}).groupby(
        data[segment], observed=True)
    out = g.mean()
    out.insert(0, "customers", g.size())
    out["uplift"] = success_rate * out["avoidable_churn"]
    out.index.name = segment
    return out


def segment_value(data: pd.DataFrame, segment: str, *, discount_rate: float = 0.1,
                  retention_uplift: float | pd.Series = 0.05) -> pd.DataFrame:
    """Step 2 — value each segment: annual profit per customer, retention rate and projected
    lifetime profit per customer, now and with retention lifted by ``retention_uplift``.

    ``data``: one row per customer with the column named by ``segment``, ``net_profit``
    (annual) and ``retained`` (bool: still a customer at the end of the year). Lifetime profit
    per customer = m (1 + d) / (1 + d − r) for margin m, retention r and discount rate d (0 to
    1): the infinite-horizon margin multiple of Gupta & Lehmann (2003),
    :func:`helpers.retention.retained_value`. ``retention_uplift`` (0 to 1) is one number or a
    Series by segment (e.g. from :func:`retention_uplift`); the lifted retention is capped at 1
    (value m (1 + d) / d; with d = 0 infinite: a ``ValueError``). Columns: ``customers``,
    ``profit_per_customer``, ``retention``, ``retention_uplift`` (after the cap),
    ``lifetime_profit``, ``lifetime_if_retention_up``, ``uplift_value`` (gain per customer) and
    ``segment_lifetime_profit``. Source: step 2 of 第二章“为企业创造价值” (a profit forecast per
    segment and the lifetime profit after retention is lifted: “对提高客户保有率之后的企业盈利状况
    和客户终身盈利能力进行预估”); the formula is the course's choice.

    >>> data = pd.DataFrame({"seg": "a", "net_profit": [100.0, 200.0], "retained": [True, False]})
    >>> segment_value(data, "seg").loc["a", ["lifetime_profit", "uplift_value"]].tolist()
    [275.0, 25.0]
    """
    from .retention import retained_value

    segment = _segment_column(data, segment, ["net_profit", "retained"])
    profit = numeric_column(data, "net_profit", "data")
    retained = check_flags(data["retained"], "data['retained']")
    d = check_rate(discount_rate, "discount_rate")
    _check_segment(data[segment], data.index, f"data[{segment!r}]")
    g = pd.DataFrame({"net_profit": profit, "retained": retained}).groupby(data[segment],
                                                                            observed=True)
    out = pd.DataFrame({"customers": g.size(), "profit_per_customer": g["net_profit"].mean(),
                        "retention": g["retained"].mean()})
    lifted = (out["retention"] + _per_segment(retention_uplift, out.index)).clip(upper=1.0)
    if d == 0 and (lifted >= 1).any():
        raise ValueError(f"discount_rate = 0 with a retention of 1 (segment(s) "
                         f"{list(out.index[lifted >= 1])}) makes the lifetime profit infinite")
    margin = out["profit_per_customer"].to_numpy()
    out["retention_uplift"] = lifted - out["retention"]
    out["lifetime_profit"] = retained_value(margin, out["retention"].to_numpy(), d)
    out["lifetime_if_retention_up"] = retained_value(margin, lifted.to_numpy(), d)
    out["uplift_value"] = out["lifetime_if_retention_up"] - out["lifetime_profit"]
    out["segment_lifetime_profit"] = out["lifetime_profit"] * out["customers"]
    return out


def _per_segment(values: object, segments: pd.Index, name: str = "retention_uplift"
                 ) -> pd.Series:
    """One rate for every segment, or a Series/dict that covers each segment exactly once."""
    if isinstance(values, Mapping):
        values = pd.Series(values)
    if not isinstance(values, pd.Series):
        return pd.Series(check_rate(values, name), index=segments)
    series = as_numeric_series(values, name, low=0.0, high=1.0)
    require_unique_index(series, name, "one value per segment")
    missing = [s for s in segments if s not in series.index]
    if missing:
        raise ValueError(f"{name} has no value for segment(s) {missing}")
    return series.reindex(segments)


# --- step 3: each segment's needs -----------------------------------------------------------------

def _ratings(ratings: object, segment: object) -> pd.Series:
    """Check the long attribute ratings (scores 1–7, one per customer and attribute) and the
    customers' segments; returns each rating's segment."""
    cols = ["customer_id", "attribute", "importance", "firm", "competitor"]
    require_frame(ratings, "ratings", cols)
    require_no_nan(ratings[cols[:2]], "ratings")
    check_labels(ratings["attribute"], "ratings['attribute']")
    numeric_columns(ratings, cols[2:], "ratings", low=1, high=7)
    require_unique(ratings, cols[:2], "ratings", "one rating per customer and attribute")
    if not isinstance(segment, pd.Series):
        raise TypeError(f"segment must be a pandas Series, got {type(segment).__name__}")
    require_unique_index(segment, "segment")
    seg = ratings["customer_id"].map(segment)
    if seg.isna().any():
        raise ValueError("segment has no label for rated customer(s): "
                         f"{sorted(map(str, ratings.loc[seg.isna(), 'customer_id'].unique()))[:5]}")
    return seg


def segment_needs(ratings: pd.DataFrame, segment: pd.Series) -> pd.DataFrame:
    """Step 3 — each segment's needs: mean importance, own performance and the competitor's
    performance per segment and attribute, with ``gap`` = performance − importance (below 0:
    underperforming on what matters) and ``vs_competitor`` = performance − competitor.

    ``ratings``: long format with ``customer_id, attribute, importance, firm, competitor``
    (the case company's ``attribute_ratings``, scores 1–7, one row per customer and attribute);
    ``segment``: a Series indexed by customer_id, a label for every rated customer. Source:
    step 3 of 第二章“为企业创造价值” (服务指标 rated for 对客户的重要性 and 经营表现, the firm's
    against its main competitor's: 企业与竞争对手经营表现对比图, figure lost); Martilla & James
    (1977) importance–performance analysis.

    >>> ratings = pd.DataFrame({"customer_id": [1, 2], "attribute": "speed",
    ...                         "importance": [6, 4], "firm": [4, 4], "competitor": [5, 3]})
    >>> segment_needs(ratings, pd.Series({1: "X", 2: "X"})).loc[("X", "speed"), "gap"]
    np.float64(-1.0)
    """
    seg = _ratings(ratings, segment)
    g = ratings.assign(segment=seg).groupby(["segment", "attribute"], observed=True)
    out = g[["importance", "firm", "competitor"]].mean()
    out.insert(0, "respondents", g["customer_id"].nunique())
    out["gap"] = out["firm"] - out["importance"]
    out["vs_competitor"] = out["firm"] - out["competitor"]
    return out


def _needs(needs: object, columns: list[str]) -> pd.DataFrame:
    """The checked numeric ``columns`` of a :func:`segment_needs` table."""
    require_frame(needs, "needs", columns)
    if not isinstance(needs.index, pd.MultiIndex) or needs.index.nlevels != 2:
        raise ValueError("needs must be indexed by (segment, attribute), as segment_needs "
                         "returns it")
    checked = numeric_columns(needs, columns, "needs")
    require_unique_index(needs, "needs", "one row per segment and attribute")
    return checked


def needs_summary(needs: pd.DataFrame) -> pd.DataFrame:
    """Importance-weighted ``gap`` and ``vs_competitor`` per segment from :func:`segment_needs`
    (weights = mean importance of each attribute in the segment, positive), plus the attribute
    with the most negative gap. ``vs_competitor`` is the segment's **fit**: how well what the
    firm does well matches what the segment values, relative to the competitor.

    >>> needs = pd.DataFrame({"importance": [5.0, 2.0], "gap": [-1.0, 3.0], "vs_competitor":
    ...     [0.0, 1.0]}, index=pd.MultiIndex.from_tuples([("X", "a"), ("X", "b")]))
    >>> needs_summary(needs).round(3).to_dict("records")  # gap (5 × -1 + 2 × 3) / 7
    [{'gap': 0.143, 'fit': 0.286, 'worst_attribute': 'a'}]
    """
    checked = _needs(needs, ["importance", "gap", "vs_competitor"])
    w, by = checked["importance"], needs.index.get_level_values(0)
    if (w <= 0).any():
        raise ValueError("needs['importance'] must be positive (it weights the attributes); "
                         f"{offenders(w, w <= 0)}")
    out = pd.DataFrame({
        "gap": (checked["gap"] * w).groupby(by).sum() / w.groupby(by).sum(),
        "fit": (checked["vs_competitor"] * w).groupby(by).sum() / w.groupby(by).sum(),
        "worst_attribute": checked["gap"].groupby(by).idxmin().map(lambda key: key[1]),
    })
    out.index.name = needs.index.names[0]
    return out


# --- step 4, phase 1: over- and under-performance ------------------------------------------------

def _flagged(needs: object, threshold: object) -> tuple[pd.Series, pd.Series]:
    """Under- and overperforming attributes of ``needs`` (gap below −/above ``threshold``)."""
    gap = _needs(needs, ["gap"])["gap"]
    threshold = check_number(threshold, "threshold", low=0)
    return gap < -threshold, gap > threshold


_EXAMPLE_NEEDS = pd.DataFrame({"gap": [1.5, -1.5]}, index=pd.MultiIndex.from_tuples(
    [("X", "hours"), ("X", "speed")], names=["segment", "attribute"]))
"""The needs of the examples: segment X over-performs on hours and under-performs on speed."""


FLAGS_COLUMNS: tuple[str, ...] = ("underperforming", "overperforming", "n_under", "n_over")
"""The columns of :func:`performance_flags`."""


def performance_flags(needs: pd.DataFrame, *, threshold: float = 1.0) -> pd.DataFrame:
    """Step 4, phase 1 — find over- and under-performance per segment.

    ``needs`` comes from :func:`segment_needs` (index segment × attribute, column ``gap`` =
    performance − importance). An attribute is **underperforming** in a segment when its gap is
    below −``threshold`` (rating points ≥ 0: the firm does clearly less than the segment needs,
    a candidate for a selective improvement) and **overperforming** when it is above
    ``threshold`` (more than the segment values: a candidate to save on). Returns one row per
    segment with ``underperforming`` and ``overperforming`` (the attributes, comma-separated,
    in the order of ``needs``, in the course's language: ``"a, b"``, in Chinese 甲、乙; empty
    text if none) and their counts ``n_under`` and ``n_over``.
    Source: step 4, phase 1 of 第二章“为企业创造价值” (“发现那些表现过当或表现不足的地方”, read
    on the 服务管理矩阵 with its 服务目标走廊); the ±``threshold`` band is the course's reading of
    the corridor; Martilla & James (1977).

    >>> performance_flags(_EXAMPLE_NEEDS).to_dict("records")
    [{'underperforming': 'speed', 'overperforming': 'hours', 'n_under': 1, 'n_over': 1}]
    """
    under, over = _flagged(needs, threshold)
    segment = needs.index.get_level_values(0)
    attribute = pd.Series(needs.index.get_level_values(1).astype(str), index=needs.index)

    def listing(mask: pd.Series) -> pd.Series:
        return (attribute.where(mask).groupby(segment, sort=False)
                .agg(lambda a: language.listing(a.dropna())))

    out = pd.DataFrame({"underperforming": listing(under), "overperforming": listing(over),
                        "n_under": under.groupby(segment, sort=False).sum(),
                        "n_over": over.groupby(segment, sort=False).sum()})
    out.index.name = needs.index.names[0]
    return out.astype({"n_under": "int64", "n_over": "int64"})


# --- step 4, phase 2: the five strategies, the cost of keeping customers, net lifetime profit -----

STRATEGY_MEANING: dict[str, str] = language.texts({
    "invest to improve": "attractive segment (profitable, good fit) that we underserve: fix the "
                         "weak attributes",
    "invest for growth": "good fit and high long-run potential: invest to grow the segment",
    "maintain": "good fit, served well enough: keep the level without extra investment",
    "detach": "unprofitable and a poor fit: withdraw or serve at the lowest cost",
    "decide": "profitable but a poor fit: decide to invest (to fit) or to exit",
})
"""The five strategies of 第二章“为企业创造价值” (step 4, phase 2) in the course's words and
language (the names, the keys, stay: code uses them)."""

STRATEGY_NAMES_ZH: dict[str, str] = {
    "invest to improve": "投资改进", "invest for growth": "加大投资", "maintain": "维持",
    "detach": "疏离放弃", "decide": "投资或舍弃",
}
"""The course's Chinese names of the five strategies: the deck describes them but names none.
Its wording: (1) “需要在哪些方面进行投资,以便进一步改善自身的产品和服务质量”; (2) “加大投资力度”;
(3) “维系好和这部分客户的关系,但此外却没有必要再进行额外的投资”; (4) “采取疏离的态度主动地放弃”;
(5) “在加大投资改善目前的经营表现和舍弃这部分客户之间作出选择”."""


def assign_strategies(segments: pd.DataFrame, *, value_cut: float = 0.0, fit_cut: float = 0.0,
                      growth_cut: float = 0.0, gap_cut: float = 0.0) -> pd.Series:
    """Step 4 — the five segment strategies from value, fit, growth and gap.

    ``segments`` has one row per segment with ``value`` (e.g. lifetime profit per customer),
    ``fit`` (e.g. importance-weighted performance minus competitor), ``growth`` (e.g. sales
    growth) and ``gap`` (importance-weighted performance minus importance); the cuts are
    finite numbers. First match wins:

    1. **detach** — value < ``value_cut`` and fit < ``fit_cut`` (unprofitable misfit);
    2. **decide** — value ≥ ``value_cut`` and fit < ``fit_cut`` (profitable misfit: invest or exit);
    3. **invest to improve** — value ≥ ``value_cut``, good fit and gap < ``gap_cut``
       (attractive but underserved);
    4. **invest for growth** — good fit and growth ≥ ``growth_cut`` (long-run potential);
    5. **maintain** — otherwise (good fit, served well enough or no growth).

    Source: the five strategies of step 4, phase 2 of 第二章“为企业创造价值” (its wording and the
    course's Chinese names in :data:`STRATEGY_NAMES_ZH`). The deck judges a segment by its
    attraction, its profit, its long-run potential and whether it fits the firm's capability
    (与企业的生产经营能力相吻合); the measures and the order of the rules are the course's.

    >>> assign_strategies(pd.DataFrame({"value": [-5, 5, 5], "fit": [-1, -1, 1],
    ...                                 "growth": 0.5, "gap": -1})).tolist()
    ['detach', 'decide', 'invest to improve']
    """
    cols = ["value", "fit", "growth", "gap"]
    require_frame(segments, "segments", cols)
    v, f, g, q = (numeric_column(segments, c, "segments") for c in cols)
    require_unique_index(segments, "segments", "one row per segment")
    value_cut, fit_cut, growth_cut, gap_cut = (check_number(cut, name) for cut, name in (
        (value_cut, "value_cut"), (fit_cut, "fit_cut"), (growth_cut, "growth_cut"),
        (gap_cut, "gap_cut")))
    profitable, fits = v >= value_cut, f >= fit_cut
    choice = np.select(
        [~profitable & ~fits, profitable & ~fits, profitable & (q < gap_cut), g >= growth_cut],
        ["detach", "decide", "invest to improve", "invest for growth"], default="maintain")
    return pd.Series(choice, index=segments.index, name="strategy").astype(
        pd.CategoricalDtype(list(STRATEGY_MEANING)))


MAX_LIFT = 6.0
"""Most rating points an improvement can add (or a trim take away) on the 1–7 scale."""


def improvement_costs(needs: pd.DataFrame, value: pd.DataFrame, *, threshold: float = 1.0,
                      cost_per_point: float = 1_000.0, lift: float = 1.0,
                      saving_per_point: float = 0.0, cut: float = 0.0) -> pd.DataFrame:
    """Step 4, phase 2 — trim the over-served, move the savings to the under-served, and
    estimate the extra cost of keeping the customers.

    Per segment of ``value`` (from :func:`segment_value`: ``customers`` and ``uplift_value``,
    the gain per customer of the segment's chance of lifting retention):

    * ``attributes_to_fix`` and ``attributes_to_trim`` — its under- and overperforming
      attributes in ``needs`` (see :func:`performance_flags` and ``threshold``);
    * ``cost_per_customer`` = attributes_to_fix × ``lift`` × ``cost_per_point``: the firm raised
      by ``lift`` points (0 to :data:`MAX_LIFT`) on each underperforming attribute;
    * ``saving_per_customer`` = attributes_to_trim × ``cut`` × ``saving_per_point``: each
      overperforming attribute trimmed by ``cut`` points (0 to :data:`MAX_LIFT`; a cut up to
      ``threshold`` leaves it at or above what the segment needs);
    * ``retention_cost_per_customer`` = cost − saving: the extra cost of keeping the customers
      once the savings pay for part of the fixes (below 0 when they pay for all of them);
    * ``gain_per_customer`` = ``uplift_value`` where something is fixed, else 0 (retention
      improves only with the service);
    * ``net_gain_per_customer`` = gain − retention cost, and ``improve`` = True when it is
      positive: the rebalanced service pays.

    Costs, savings and gains are per customer and in the present-value terms of
    ``uplift_value``; ``cost_per_point`` and ``saving_per_point`` are ≥ 0; by default nothing
    is trimmed (``cut = 0``). Every segment of ``value`` must appear in ``needs``.
    Source: step 4, phase 2 of 第二章“为企业创造价值”: “发现那些企业经营表现过度的客户市场,并采取
    措施削减有关的服务项目,以达到节约成本的目的”; “将节省下来的经营成本用来改善那些企业经营表现有所
    不足的地方”; “对挽留客户需要投入的额外成本进行预估”. The costs per rating point are the
    course's.

    >>> value = pd.DataFrame({"customers": [10], "uplift_value": [1500.0]}, index=["X"])
    >>> costs = improvement_costs(_EXAMPLE_NEEDS, value, saving_per_point=400.0, cut=1.0)
    >>> costs[["cost_per_customer", "saving_per_customer", "improve"]].to_dict("records")
    [{'cost_per_customer': 1000.0, 'saving_per_customer': 400.0, 'improve': True}]
    >>> costs["retention_cost_per_customer"].tolist()  # 1,000 − 400
    [600.0]
    """
    under, over = _flagged(needs, threshold)
    require_frame(value, "value", ["customers", "uplift_value"])
    numeric_column(value, "customers", "value", low=0, integer=True)
    gain = numeric_column(value, "uplift_value", "value")
    require_unique_index(value, "value", "one row per segment")
    cost_per_point = check_number(cost_per_point, "cost_per_point", low=0)
    saving_per_point = check_number(saving_per_point, "saving_per_point", low=0)
    lift = check_number(lift, "lift", low=0, high=MAX_LIFT)
    cut = check_number(cut, "cut", low=0, high=MAX_LIFT)
    by = needs.index.get_level_values(0)
    n_under, n_over = under.groupby(by).sum(), over.groupby(by).sum()
    missing = [s for s in value.index if s not in n_under.index]
    if missing:
        raise ValueError(f"needs has no ratings for segment(s) {missing} of value")
    out = pd.DataFrame({"customers": value["customers"],
                        "attributes_to_fix": n_under.reindex(value.index).astype("int64"),
                        "attributes_to_trim": n_over.reindex(value.index).astype("int64")})
    out["cost_per_customer"] = out["attributes_to_fix"] * lift * cost_per_point
    out["saving_per_customer"] = out["attributes_to_trim"] * cut * saving_per_point
    out["retention_cost_per_customer"] = out["cost_per_customer"] - out["saving_per_customer"]
    out["gain_per_customer"] = gain.where(out["attributes_to_fix"] > 0, 0.0)
    out["net_gain_per_customer"] = (out["gain_per_customer"]
                                    - out["retention_cost_per_customer"])
    out["improve"] = out["net_gain_per_customer"] > 0
    return out


def _same_segments(first: pd.DataFrame, second: pd.DataFrame, names: tuple[str, str]) -> None:
    """Refuse two per-segment tables that do not list the same segments."""
    if set(first.index) != set(second.index):
        only = sorted(set(first.index) ^ set(second.index), key=str)
        raise ValueError(f"{names[0]} and {names[1]} must list the same segments; only in "
                         f"one of them: {only[:5]}")


def net_lifetime_profit(value: pd.DataFrame, costs: pd.DataFrame) -> pd.DataFrame:
    """Step 4, phase 2 — each segment's net lifetime profit (终身利润净值) and its importance.

    ``value`` from :func:`segment_value` (``customers, retention, retention_uplift,
    lifetime_profit``) and ``costs`` from :func:`improvement_costs` (``attributes_to_fix,
    gain_per_customer, retention_cost_per_customer, improve``), one row per segment each, the
    same segments. Where the rebalanced service pays (``improve``), the net lifetime profit per
    customer is the lifetime profit with retention lifted less the cost of keeping the
    customers (lifetime profit + gain − retention cost); elsewhere the service and the
    lifetime profit stay as they are. Columns: ``customers``, ``improve``, ``retention``,
    ``retention_target`` (lifted where something is fixed), ``lifetime_profit``,
    ``retention_cost`` (per customer, 0 where the service stays), ``net_lifetime_profit`` (per
    customer), ``segment_net_lifetime_profit`` (× customers) and ``importance`` (1 = the largest
    segment total; ties share the better rank).
    Source: step 4, phase 2 of 第二章“为企业创造价值”: “设法确定某个客户市场所能为企业创造的终身
    利润净值(即是在计算该客户市场净利润的时候,扣除为挽留客户而增加的成本)” and “对不同客户市场的
    重要性做出结论”.

    >>> value = pd.DataFrame({"customers": [10, 20], "retention": [0.8, 0.9],
    ...     "retention_uplift": [0.05, 0.05], "lifetime_profit": [5000.0, 1000.0]},
    ...     index=["X", "Y"])
    >>> costs = pd.DataFrame({"attributes_to_fix": [1, 1], "gain_per_customer": [1500.0, 300.0],
    ...     "retention_cost_per_customer": [600.0, 600.0], "improve": [True, False]},
    ...     index=["X", "Y"])
    >>> net_lifetime_profit(value, costs)[["net_lifetime_profit", "importance"]].to_dict("list")
    {'net_lifetime_profit': [5900.0, 1000.0], 'importance': [1, 2]}
    """
    require_frame(value, "value", ["customers", "retention", "retention_uplift",
                                   "lifetime_profit"])
    require_frame(costs, "costs", ["attributes_to_fix", "gain_per_customer",
                                   "retention_cost_per_customer", "improve"])
    customers = numeric_column(value, "customers", "value", low=0, integer=True)
    retention = numeric_column(value, "retention", "value", low=0, high=1)
    uplift = numeric_column(value, "retention_uplift", "value", low=0, high=1)
    lifetime = numeric_column(value, "lifetime_profit", "value")
    fixes = numeric_column(costs, "attributes_to_fix", "costs", low=0, integer=True)
    gain = numeric_column(costs, "gain_per_customer", "costs")
    cost = numeric_column(costs, "retention_cost_per_customer", "costs")
    require_unique_index(value, "value", "one row per segment")
    require_unique_index(costs, "costs", "one row per segment")
    improve = check_flags(costs["improve"], "costs['improve']")
    _same_segments(value, costs, ("value", "costs"))
    improve, fixes, gain, cost = (s.reindex(value.index) for s in (improve, fixes, gain, cost))
    lifted = improve & (fixes > 0)
    out = pd.DataFrame({"customers": customers.astype("int64"), "improve": improve,
                        "retention": retention,
                        "retention_target": (retention + uplift.where(lifted, 0.0)).clip(upper=1),
                        "lifetime_profit": lifetime,
                        "retention_cost": cost.where(improve, 0.0)})
    out["net_lifetime_profit"] = lifetime + (gain - cost).where(improve, 0.0)
    out["segment_net_lifetime_profit"] = out["net_lifetime_profit"] * out["customers"]
    out["importance"] = (out["segment_net_lifetime_profit"].rank(ascending=False, method="min")
                         .astype("int64"))
    return out


# --- step 4, phase 3: the final service plan ------------------------------------------------------

def improved_ratings(ratings: pd.DataFrame, segment: pd.Series, needs: pd.DataFrame,
                     improve: pd.Series, *, threshold: float = 1.0, lift: float = 1.0,
                     cut: float = 0.0) -> pd.DataFrame:
    """Step 4, phase 3 — the attribute ratings as they would be after the chosen changes.

    A copy of ``ratings`` (as for :func:`segment_needs`) in which, for each segment whose
    ``improve`` is True (a boolean Series by segment, e.g. from :func:`improvement_costs`),
    ``firm`` is raised by ``lift`` points (at most to 7, the top of the scale) on every
    underperforming attribute and lowered by ``cut`` points (at least to 1) on every
    overperforming one (see :func:`performance_flags`); ``lift`` and ``cut`` lie from 0 to
    :data:`MAX_LIFT`, and importance and the competitor's ratings stay. Re-rate with
    :func:`segment_needs` and :func:`needs_summary`, then choose the plan with
    :func:`assign_strategies`. Source: step 4, phase 3 of 第二章“为企业创造价值” (“通过有针对性地
    改善服务质量和挽留最有价值的客户,实现提高客户终身价值的目的”); the re-rating is the course's.

    >>> ratings = pd.DataFrame({"customer_id": 1, "attribute": ["speed", "hours"],
    ...                         "importance": 5, "firm": [4.0, 6.5], "competitor": 4})
    >>> improved_ratings(ratings, pd.Series({1: "X"}), _EXAMPLE_NEEDS,
    ...                  pd.Series({"X": True}), cut=0.5)["firm"].tolist()
    [5.0, 6.0]
    """
    under, over = _flagged(needs, threshold)
    seg = _ratings(ratings, segment)
    improve = check_flags(improve, "improve")
    require_unique_index(improve, "improve", "one value per segment")
    lift = check_number(lift, "lift", low=0, high=MAX_LIFT)
    cut = check_number(cut, "cut", low=0, high=MAX_LIFT)
    missing = sorted(set(seg) - set(improve.index), key=str)
    if missing:
        raise ValueError(f"improve has no value for segment(s) {missing}")
    key = pd.MultiIndex.from_arrays([seg, ratings["attribute"]])
    chosen = seg.map(improve).to_numpy(dtype=bool)
    fix = under.reindex(key, fill_value=False).to_numpy(dtype=bool) & chosen
    trim = over.reindex(key, fill_value=False).to_numpy(dtype=bool) & chosen
    out = ratings.copy()
    out.loc[fix, "firm"] = (out.loc[fix, "firm"] + lift).clip(upper=7)
    out.loc[trim, "firm"] = (out.loc[trim, "firm"] - cut).clip(lower=1)
    return out


def priority_groups(data: pd.DataFrame, segment: str, group: str, value: str) -> pd.DataFrame:
    """Step 4, phase 3 — in each segment (e.g. a sales channel), the customer group that
    deserves the most attention: the ``group`` with the largest total ``value``.

    ``data``: one row per customer with the columns named by ``segment``, ``group`` (e.g. size
    or grade) and ``value`` (e.g. net profit; it may be negative). Returns one row per segment:
    ``priority_group``, its ``customers``, ``total_value`` and ``mean_value``, and
    ``segment_total`` (the whole segment's value). A tie goes to the group that comes first
    (a categorical's order, otherwise sorted). Source: step 4, phase 3 of
    第二章“为企业创造价值” (“确定在各个销售渠道中,哪些客户群体最值得引起企业的重视”); ranking the
    groups by their total value is the course's reading.

    >>> data = pd.DataFrame({"channel": ["web", "web", "web", "field"],
    ...     "size": ["small", "small", "large", "large"], "profit": [5.0, 4.0, 6.0, 9.0]})
    >>> priority_groups(data, "channel", "size", "profit")["priority_group"].to_dict()
    {'field': 'large', 'web': 'small'}
    """
    segment = _segment_column(data, segment, [])
    group = column_option(data, group, "group", "data")
    value = column_option(data, value, "value", "data")
    money = numeric_column(data, value, "data")
    _check_segment(data[segment], data.index, f"data[{segment!r}]")
    _check_segment(data[group], data.index, f"data[{group!r}]")
    totals = money.groupby(data[segment], observed=True).sum()
    cells = money.groupby([data[segment], data[group]], observed=True).agg(["size", "sum"])
    cells.index.names = ["segment", "group"]
    # stable sort keeps the groups' own order among equal totals
    best = (cells.sort_values("sum", ascending=False, kind="stable")
            .groupby(level="segment", sort=False).head(1))
    out = pd.DataFrame({"priority_group": best.index.get_level_values("group"),
                        "customers": best["size"].to_numpy(dtype="int64"),
                        "total_value": best["sum"].to_numpy(dtype=float)},
                       index=best.index.get_level_values("segment")).reindex(totals.index)
    out["mean_value"] = out["total_value"] / out["customers"]
    out["segment_total"] = totals
    out.index.name = segment
    return out


_STANCE: dict[str, str] = language.texts({
    "invest to improve": "invest in the weak attributes",
    "invest for growth": "invest to grow the segment",
    "maintain": "keep the current service, no extra investment",
    "detach": "standard lowest-cost service; withdraw where it loses money",
    "decide": "standard service until the firm decides to invest or to exit",
})
"""What the plan offers a segment whose service is not rebalanced, by strategy."""


def _rebalancing(under: str, over: str) -> str:
    """The positioning of a rebalanced service: raise the underperforming attributes, trim the
    overperforming ones (lists as :func:`performance_flags` gives them); "" if neither."""
    if under and over:
        return language.text("raise {under}; trim {over}").format(under=under, over=over)
    if under:
        return language.text("raise {under}").format(under=under)
    if over:
        return language.text("trim {over}").format(over=over)
    return ""


def service_plan(strategy: pd.Series, flags: pd.DataFrame, lifetime: pd.DataFrame, *,
                 priority: pd.Series | None = None) -> pd.DataFrame:
    """Step 4, phase 3 — the final service plan (确定最终的服务策略计划), one row per segment.

    ``strategy``: each segment's strategy, names of :data:`STRATEGY_MEANING` (e.g. from
    :func:`assign_strategies` on the ratings after the changes); ``flags`` from
    :func:`performance_flags`; ``lifetime`` from :func:`net_lifetime_profit`; ``priority``
    (optional): the customer group to serve first in each segment, e.g.
    ``priority_groups(...)["priority_group"]``. All index the same segments. Columns, after the
    deck's four contents of the plan:

    * ``strategy`` and ``positioning`` — what the firm offers the segment (对企业应该提供的产品和
      服务进行定位): where the rebalancing pays, "raise …; trim …" (the underperforming and
      the overperforming attributes), otherwise the strategy's stance, in the course's
      language;
    * ``priority_group`` (only with ``priority``) — the customers that deserve the most
      attention in the segment (哪些客户群体最值得引起企业的重视);
    * ``retention_target`` and ``net_lifetime_profit_target`` — the customer lifetime value the
      plan aims at (提高客户终身价值);
    * ``watch`` — the attributes whose ratings to track against their importance (经营表现指标,
      以便…跟踪和监控): the underperforming ones; "" if none.

    Source: step 4, phase 3 of 第二章“为企业创造价值” (“计划的内容包括: 对企业应该提供的产品和服务
    进行定位; 确定在各个销售渠道中,哪些客户群体最值得引起企业的重视; 通过有针对性地改善服务质量和
    挽留最有价值的客户,实现提高客户终身价值的目的; 制定详细而明确的经营表现指标”); the stances and
    the targets are the course's reading.

    >>> lifetime = pd.DataFrame({"improve": [True], "retention_target": [0.9],
    ...                          "net_lifetime_profit": [5900.0]}, index=["X"])
    >>> plan = service_plan(pd.Series({"X": "invest to improve"}),
    ...                     performance_flags(_EXAMPLE_NEEDS), lifetime)
    >>> plan.loc["X", ["positioning", "watch"]].tolist()
    ['raise speed; trim hours', 'speed']
    """
    if not isinstance(strategy, pd.Series):
        raise TypeError(f"strategy must be a Series of strategy names by segment, got "
                        f"{type(strategy).__name__}")
    require_no_nan(strategy, "strategy")
    require_unique_index(strategy, "strategy", "one strategy per segment")
    names = strategy.astype(object)
    unknown = ~names.isin(list(STRATEGY_MEANING))
    if unknown.any():
        raise ValueError(f"strategy holds names that are not strategies "
                         f"{list(STRATEGY_MEANING)}: {offenders(names, unknown)}")
    require_frame(flags, "flags", ["underperforming", "overperforming"])
    require_frame(lifetime, "lifetime", ["improve", "retention_target", "net_lifetime_profit"])
    require_unique_index(flags, "flags", "one row per segment")
    require_unique_index(lifetime, "lifetime", "one row per segment")
    for column in ("underperforming", "overperforming"):
        text = flags[column].map(lambda v: isinstance(v, str))
        if not text.all():
            raise TypeError(f"flags[{column!r}] must hold the attributes as text, as "
                            f"performance_flags gives them:{offenders(flags[column], ~text)}")
    improve = check_flags(lifetime["improve"], "lifetime['improve']")
    target = numeric_column(lifetime, "retention_target", "lifetime", low=0, high=1)
    profit = numeric_column(lifetime, "net_lifetime_profit", "lifetime")
    _same_segments(strategy.to_frame(), flags, ("strategy", "flags"))
    _same_segments(strategy.to_frame(), lifetime, ("strategy", "lifetime"))
    under = flags["underperforming"].reindex(strategy.index)
    over = flags["overperforming"].reindex(strategy.index)
    rebalanced = pd.Series([_rebalancing(u, o) for u, o in zip(under, over)],
                           index=strategy.index, dtype=object)
    chosen = improve.reindex(strategy.index) & (rebalanced != "")
    out = pd.DataFrame({"strategy": names,
                        "positioning": rebalanced.where(chosen, names.map(_STANCE))})
    if priority is not None:
        if not isinstance(priority, pd.Series):
            raise TypeError(f"priority must be a Series of customer groups by segment, got "
                            f"{type(priority).__name__}")
        require_no_nan(priority, "priority")
        require_unique_index(priority, "priority", "one group per segment")
        _same_segments(strategy.to_frame(), priority.to_frame(), ("strategy", "priority"))
        out["priority_group"] = priority.reindex(strategy.index).astype(str)
    out["retention_target"] = target.reindex(strategy.index)
    out["net_lifetime_profit_target"] = profit.reindex(strategy.index)
    out["watch"] = under
    out.index.name = strategy.index.name
    return out


# --- the segmentation worksheet ------------------------------------------------------------------

def segmentation_worksheet(data: pd.DataFrame, segment: str, value: str, *, n: int = 3,
                           next_action: dict[str, str] | pd.Series | None = None,
                           label: str | None = None) -> pd.DataFrame:
    """The segmentation worksheet (市场细分作业单): segment × best customers × worst customers ×
    next action.

    ``data``: one row per customer (index = customer id) with the columns named by
    ``segment`` and ``value``. Best = the ``n`` highest values in the segment, worst = the
    ``n`` lowest (as text, the ``label`` column or the index, with the value). Every segment
    needs at least ``2 n`` customers, so that nobody is listed as both best and worst (as in
    :func:`helpers.value.best_and_worst`); a smaller one raises a ``ValueError``: use a smaller
    ``n``. ``next_action`` (a dict or Series) maps every segment to the action planned for it.
    Source: the segmentation worksheet (市场细分作业单: 最佳客户, 最差客户, 进一步行动) of
    《产业市场营销与客户管理》（吴登开）.

    >>> data = pd.DataFrame({"seg": ["x", "x", "y", "y"], "profit": [10.0, 30.0, 7.0, 1.0]})
    >>> segmentation_worksheet(data, "seg", "profit", n=1)["best_customers"].tolist()
    ['1 (30)', '2 (7)']
    """
    require_frame(data, "data")
    segment = column_option(data, segment, "segment", "data")
    value = column_option(data, value, "value", "data")
    if label is not None:
        label = column_option(data, label, "label", "data")
        require_no_nan(data[label], f"data[{label!r}]")
    money = numeric_column(data, value, "data")
    n = check_int(n, "n", 1)
    require_unique_index(data, "data")
    _check_segment(data[segment], data.index, f"data[{segment!r}]")
    if next_action is not None and not isinstance(next_action, (Mapping, pd.Series)):
        raise TypeError("next_action must map each segment to its action (a dict or a Series), "
                        f"got {type(next_action).__name__}")
    names = (data[label] if label else data.index.to_series()).astype(str)
    ranked = pd.DataFrame({"segment": data[segment], "value": money, "name": names}
                          ).sort_values("value", ascending=False, kind="stable")
    g = ranked.groupby("segment", observed=True)
    sizes = g.size()
    small = sizes[sizes < 2 * n]
    if len(small):
        raise ValueError(f"n = {n} lists {2 * n} customers per segment, but segment(s) "
                         f"{small.to_dict()} have fewer: the best and worst lists would "
                         "overlap; use a smaller n")

    def listing(rows: pd.DataFrame) -> pd.Series:
        # only the 2n listed customers per segment are formatted
        text = rows["name"] + " (" + rows["value"].map("{:,.0f}".format) + ")"
        return text.groupby(rows["segment"], observed=True).agg("; ".join)

    worst = ranked.iloc[::-1].groupby("segment", observed=True).head(n)
    out = pd.DataFrame({"customers": sizes, "best_customers": listing(g.head(n)),
                        "worst_customers": listing(worst)})
    if next_action is not None:
        actions = pd.Series(next_action, dtype=object)
        require_no_nan(actions, "next_action")
        missing = [s for s in out.index if s not in actions.index]
        if missing:
            raise ValueError(f"next_action has no action for segment(s) {missing}")
        out["next_action"] = actions.reindex(out.index).astype(str)
    out.index.name = segment
    return out
