"""The English–Chinese terms of the course (课程术语表), searchable in either language.

Every key term that the chapter map gives with a Chinese name is here, plus the standard terms
of the methods the course adds, each with the chapter that first teaches it, a one-sentence
definition, and other spellings (abbreviations, British and American spellings, other Chinese
wordings) as aliases. Chinese headwords are written as the chapter map writes them (simplified
characters); common variants are aliases.

::

    from helpers import glossary
    glossary.lookup("客户终生价值")     # Chinese → English
    glossary.lookup("clv")              # abbreviation → term
    glossary.terms(chapter=3)           # every term of chapter 03
    glossary.show("忠诚")                # a styled table for a notebook: every loyalty term

Searching ignores case, spaces, hyphens and dashes, apostrophes and full-width forms, so
``"k means"``, ``"K-Means"`` and ``"kmeans"`` find the same term.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from numbers import Integral
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

__all__ = ["Term", "TERMS", "FIRST_CHAPTER", "LAST_CHAPTER", "terms", "lookup", "show"]

FIRST_CHAPTER, LAST_CHAPTER = 0, 13
COLUMNS = ["english", "chinese", "chapter", "definition"]


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry: headwords in both languages, first chapter, definition, aliases."""

    english: str
    chinese: str
    chapter: int
    definition: str
    aliases: tuple[str, ...] = ()


def _t(english: str, chinese: str, chapter: int, definition: str, *aliases: str) -> Term:
    return Term(english, chinese, chapter, definition, tuple(aliases))


TERMS: tuple[Term, ...] = (
    # --- 00 Orientation: what CRM is -------------------------------------------------------
    _t("customer relationship management", "客户关系管理", 0,
       "A strategy of winning the preference of customers, distributors and partners so as to "
       "keep them and lift the firm's performance.", "CRM", "顾客关系管理"),
    _t("CRM analytics", "客户关系管理分析", 0,
       "Using customer data and models to measure, explain and improve customer relationships.",
       "customer relationship management analytics", "customer analytics", "客户分析"),
    _t("customer", "顾客", 0,
       "A buyer who may stay anonymous and is served as one member of a group.", "customers"),
    _t("client", "客户", 0,
       "A buyer known by name and served individually by an assigned person.", "clients"),
    _t("share of wallet", "顾客份额", 0,
       "The part of a customer's total spending in a category that goes to the firm.",
       "wallet share", "share of customer", "钱包份额", "客户份额", "A21"),
    _t("market share", "市场份额", 0,
       "The firm's part of the total sales in its market.", "市场占有率"),
    _t("customer acquisition", "客户获取", 0,
       "Winning new customers, the first goal of CRM and the first step of ACURA.",
       "acquire", "acquire new customers", "取得新客户", "争取新客户", "赢得客户"),
    _t("customer retention", "客户维持", 0,
       "Keeping existing customers buying from the firm.",
       "retain", "retention", "retain customers", "客户保持", "客户挽留", "挽留客户", "留住现有客户"),
    _t("customer value", "客户价值", 0,
       "What a customer is worth to the firm, now and in the future.",
       "value of a customer", "评估客户价值"),
    _t("not every customer is God", "客户并非都是上帝", 0,
       "The principle that customers differ in value: some bring profit and some bring losses.",
       "the customer is not always king"),
    _t("key account", "重点客户", 0,
       "A customer important enough to get a special service policy and close attention.",
       "key customer", "major account", "大客户"),
    _t("purchase cycle", "采购周期", 0,
       "The usual time between a customer's successive purchases.",
       "buying cycle", "interpurchase time", "购买周期"),

    # --- 01 Customer satisfaction theory ----------------------------------------------------
    _t("customer satisfaction", "客户满意度", 1,
       "A customer's feeling that comes from comparing perceived performance with expectations.",
       "satisfaction", "customer satisfaction theory", "A34", "满意度", "客户满意", "顾客满意",
       "顾客满意度", "客户满意理论"),
    _t("perceived performance", "绩效", 1,
       "How well the customer feels the product or service performed.",
       "performance", "感知绩效"),
    _t("expectation", "期望", 1,
       "What the customer anticipated from the product or service before using it.",
       "expectations", "期望值", "预期"),
    _t("performance–expectation table", "绩效与期望关系表", 1,
       "The rule that performance below expectation dissatisfies, equal to it satisfies and "
       "above it delights.", "performance-expectation gap"),
    _t("dissatisfaction", "不满意", 1,
       "The feeling when perceived performance falls short of expectations.",
       "dissatisfied", "不满"),
    _t("levels of satisfaction", "满意的层次", 1,
       "The five grades of satisfaction: contentment, pleasure, relief, novelty and surprise.",
       "satisfaction levels", "满意层次"),
    _t("contentment", "满足", 1,
       "Satisfaction in which the product or service is acceptable or tolerable."),
    _t("pleasure", "愉快", 1,
       "Satisfaction from a positive experience with the product or service."),
    _t("relief", "解脱", 1,
       "Satisfaction from having a problem or nuisance taken away."),
    _t("novelty", "新奇", 1,
       "Satisfaction from something that feels fresh and exciting."),
    _t("surprise", "惊喜", 1,
       "Satisfaction from an experience that goes beyond expectations.",
       "delight", "customer delight", "delighted"),
    _t("four elements of satisfaction", "影响客户满意度四要素", 1,
       "Basic elements, support services, recovery measures and personalised service, which "
       "together drive satisfaction.", "four satisfaction elements", "客户满意度四要素"),
    _t("basic elements", "基本要素", 1,
       "What every competitor offers and customers take for granted.", "basic element"),
    _t("support services", "支持服务", 1,
       "Help such as order tracking that makes the product or service easier to use.",
       "support service", "基本支持服务"),
    _t("service recovery", "补救措施", 1,
       "Actions that put things right for a dissatisfied customer.",
       "recovery measures", "服务补救"),
    _t("personalised service", "个性化服务", 1,
       "Service matched to a customer's individual preferences and values.",
       "personalized service"),
    _t("employee satisfaction", "员工满意度", 1,
       "How content the staff are; satisfied employees serve customers better.",
       "staff satisfaction"),
    _t("expectation–disconfirmation", "期望不一致", 1,
       "The model in which satisfaction follows the measured gap between performance and "
       "expectation.", "disconfirmation", "expectancy disconfirmation", "期望不一致理论", "期望失验"),
    _t("normative expectation", "规范性期望", 1,
       "What an excellent firm should deliver: the ideal that SERVQUAL asks about, which puts "
       "most firms below expectation.", "should expectation", "理想期望"),
    _t("predictive expectation", "预测性期望", 1,
       "What the customer thinks this firm will deliver, the expectation that meeting "
       "expectations usually refers to.", "will expectation"),
    _t("Kano model", "卡诺模型", 1,
       "A classification of product attributes by how their presence and absence affect "
       "satisfaction.", "Kano", "Kano classification", "KANO 模型"),
    _t("must-be attribute", "必备属性", 1,
       "An attribute whose absence dissatisfies but whose presence goes unnoticed.",
       "must-be quality", "basic need", "基本型需求"),
    _t("one-dimensional attribute", "期望属性", 1,
       "An attribute for which more performance brings proportionally more satisfaction.",
       "one-dimensional quality", "performance attribute", "期望型需求", "一元质量"),
    _t("attractive attribute", "魅力属性", 1,
       "An attribute that delights when present but is not missed when absent.",
       "attractive quality", "delighter", "魅力型需求", "兴奋型需求"),
    _t("indifferent attribute", "无差异属性", 1,
       "An attribute customers do not care about either way.",
       "indifferent quality", "无差异型需求"),
    _t("reverse attribute", "反向属性", 1,
       "An attribute whose presence dissatisfies some customers.",
       "reverse quality", "反向型需求"),
    _t("Net Promoter Score", "净推荐值", 1,
       "The percentage of promoters minus the percentage of detractors on the 0–10 "
       "'would you recommend us' question.", "NPS", "净推荐分数"),
    _t("promoter", "推荐者", 1,
       "A respondent who answers 9 or 10 on the recommendation question.", "promoters"),
    _t("detractor", "贬损者", 1,
       "A respondent who answers 0 to 6 on the recommendation question.",
       "detractors", "批评者"),

    # --- 02 Service quality: evaluate and monitor ------------------------------------------
    _t("service quality", "服务质量", 2,
       "How well a service meets customers' needs and expectations.",
       "evaluating and monitoring service quality", "评价与监控服务质量"),
    _t("five factors of service quality", "服务质量的五个因素", 2,
       "Tangibles, reliability, responsiveness, assurance and empathy, the dimensions used to "
       "evaluate service quality.", "five dimensions of service quality", "RATER",
       "SERVQUAL dimensions"),
    _t("tangibles", "有形资产", 2,
       "The physical evidence of a service: facilities, equipment, staff and materials.",
       "有形因素", "有形性"),
    _t("reliability", "可信赖感", 2,
       "Performing the promised service dependably and accurately.", "可靠度", "可靠性"),
    _t("responsiveness", "责任感", 2,
       "Staff willingness to help customers and to serve them promptly.", "反应", "响应性"),
    _t("assurance", "保证", 2,
       "Staff knowledge and courtesy that inspire trust and confidence.", "服务保证", "保证性"),
    _t("empathy", "感情", 2,
       "Caring, individual attention to each customer by committed staff.",
       "staff involvement", "服务人员的投入", "移情性"),
    _t("credibility", "信赖感", 2,
       "How trustworthy and honest the firm appears to customers.", "trustworthiness"),
    _t("access", "可接近性", 2,
       "How easy it is to reach and use the service.", "accessibility"),
    _t("courtesy", "礼节", 2,
       "Politeness, respect and friendliness of the staff who meet customers.", "politeness"),
    _t("communication", "交流", 2,
       "Informing customers in language they understand, and listening to them."),
    _t("security", "保障", 2,
       "Freedom from danger, risk and doubt for the customer.", "safety"),
    _t("understanding the customer", "了解顾客", 2,
       "Making the effort to know each customer's needs.",
       "knowing the customer", "理解顾客", "理解/了解顾客"),
    _t("statistical process monitoring", "统计过程监测", 2,
       "Tracking a service metric over time against statistical limits to spot unusual "
       "variation.", "statistical process control", "SPC", "利用统计过程进行监测", "统计过程控制"),
    _t("control chart", "控制图", 2,
       "A time plot of a metric with a centre line and control limits.",
       "Shewhart chart", "p-chart", "质量控制图"),
    _t("control limits", "控制限", 2,
       "Bounds, usually three standard errors from the centre line, outside which a point "
       "signals a special cause.", "UCL", "LCL", "upper control limit", "lower control limit",
       "上控制限", "下控制限"),
    _t("satisfaction survey", "满意度调查", 2,
       "A questionnaire that measures how satisfied customers are.",
       "questionnaire", "survey", "调查问卷", "问卷调查"),
    _t("Likert scale", "李克特量表", 2,
       "A rating scale such as 1 (strongly disagree) to 5 (strongly agree).",
       "rating scale", "评分量表"),
    _t("Cronbach's alpha", "克朗巴哈系数", 2,
       "A measure of how consistently the items of a survey scale measure the same thing.",
       "Cronbach alpha", "coefficient alpha", "internal consistency", "克朗巴赫系数",
       "克隆巴赫系数", "α 系数", "内部一致性"),
    _t("competitor performance comparison", "企业与竞争对手经营表现对比图", 2,
       "A chart rating each service indicator for its importance to customers and for the "
       "firm's and its main competitor's performance.", "importance–performance comparison",
       "competitor comparison chart"),
    _t("service management matrix", "服务管理矩阵", 2,
       "A grid of importance to the customer against the firm's performance that shows where "
       "it over- or under-performs."),
    _t("overkill", "表现过当", 2,
       "Performing better than an attribute's importance to customers warrants.",
       "possible overkill", "over-performance"),
    _t("underperformance", "表现不足", 2,
       "Performing worse than an attribute's importance to customers requires.",
       "underperforming"),
    _t("service target corridor", "服务目标走廊", 2,
       "The diagonal band of the service management matrix where performance matches "
       "importance.", "target corridor"),
    _t("SERVQUAL gap", "服务质量差距", 2,
       "Perception minus expectation on a service-quality dimension; a negative gap means the "
       "service falls short.", "SERVQUAL", "SERVQUAL gap score", "gap score", "差距分数",
       "SERVQUAL 量表"),
    _t("importance–performance analysis", "重要性—绩效分析", 2,
       "Plotting attributes by importance and performance to decide where to improve.",
       "IPA", "importance-performance matrix", "IPA 分析"),
    _t("concentrate here", "重点改进区", 2,
       "The IPA quadrant of important attributes with weak performance: improve these first.",
       "concentrate here quadrant", "重点改进"),
    _t("keep up the good work", "继续保持区", 2,
       "The IPA quadrant of important attributes that already perform well.", "继续保持"),
    _t("low priority", "低优先区", 2,
       "The IPA quadrant of unimportant attributes with weak performance.", "低优先级"),
    _t("driver analysis", "驱动因素分析", 2,
       "Estimating how strongly each quality dimension drives overall satisfaction, for "
       "example by regression.", "key driver analysis", "关键驱动因素分析"),

    # --- 03 Customer loyalty ---------------------------------------------------------------
    _t("customer loyalty", "客户忠诚度", 3,
       "A sense of belonging to the firm's people, service or products that shapes how "
       "customers behave.", "loyalty", "客户忠诚", "顾客忠诚度", "顾客忠诚", "忠诚度"),
    _t("cognitive loyalty", "认知忠诚", 3,
       "Loyalty based directly on what the customer knows of the product or service."),
    _t("affective loyalty", "情感忠诚", 3,
       "Loyalty as a lasting preference formed by satisfaction after use.",
       "emotional loyalty", "attitudinal loyalty"),
    _t("behavioural loyalty", "行为忠诚", 3,
       "Loyalty shown in repeated buying, when the product has become an indispensable need.",
       "behavioral loyalty"),
    _t("leaky bucket", "漏桶比喻", 3,
       "The image of a firm losing customers through holes while pouring new ones in: "
       "plugging the holes matters more.", "leaky bucket metaphor", "漏桶", "漏桶理论"),
    _t("loyalty ladder", "客户忠诚度阶梯", 3,
       "The rungs prospect, customer, client, supporter, advocate and partner up which a "
       "relationship develops.", "忠诚度阶梯"),
    _t("prospect", "潜在顾客", 3,
       "Someone who might become a customer.", "prospective customer", "潜在客户"),
    _t("supporter", "支持者", 3,
       "A client who likes the firm but supports it only passively."),
    _t("advocate", "拥护者", 3,
       "A customer who actively recommends the firm to others.", "advocates"),
    _t("partner", "伙伴", 3,
       "The top rung of the ladder: a customer who works with the firm as a partner.",
       "合作伙伴"),
    _t("customer filter", "客户过滤分类", 3,
       "The sequence from non-customer through prospects and buyers to brand advocate, plus "
       "lapsed customers.", "customer funnel"),
    _t("non-customer", "非客户", 3,
       "Someone with no need for or interest in the firm's offer."),
    _t("qualified prospect", "有效潜在客户", 3,
       "A prospect who has both the need and the means to buy."),
    _t("possible buyer", "可能买主", 3,
       "A qualified prospect who is considering a purchase."),
    _t("first-time buyer", "初次购买者", 3,
       "A customer who has bought once."),
    _t("repeat buyer", "重复购买者", 3,
       "A customer who has bought more than once.", "repeat customer"),
    _t("loyal buyer", "忠实买主", 3,
       "A repeat buyer who prefers the firm and keeps coming back.", "忠诚买主"),
    _t("brand advocate", "品牌鼓吹者", 3,
       "A loyal buyer who promotes the brand to others.", "品牌拥护者"),
    _t("lapsed customer", "沉寂客户", 3,
       "A former buyer who has stopped buying and defected.",
       "lapsed", "inactive customer", "背弃者"),
    _t("loyalty types", "客户忠诚度类型", 3,
       "Four types from repeat purchase and relative preference: true, latent, spurious and "
       "no loyalty.", "loyalty matrix", "忠诚度类型"),
    _t("true loyalty", "真正忠诚", 3,
       "High repeat purchase together with high relative preference.", "真实忠诚"),
    _t("latent loyalty", "潜在忠诚", 3,
       "High relative preference but low repeat purchase, often held back by price or access."),
    _t("spurious loyalty", "虚假忠诚", 3,
       "High repeat purchase without real preference, for example from habit or lack of "
       "choice.", "inertia loyalty", "惰性忠诚"),
    _t("no loyalty", "无忠诚", 3,
       "Low repeat purchase and low relative preference.", "不忠诚"),
    _t("relative preference", "相对偏好", 3,
       "How much a customer prefers the brand over the alternatives."),
    _t("measures of loyalty", "忠诚度衡量标准", 3,
       "Indicators such as repeat purchase rate, price sensitivity and tolerance of quality "
       "incidents.", "loyalty measures", "顾客忠诚度的衡量标准"),
    _t("attitude to competing products", "对竞争产品的态度", 3,
       "How a customer rates the firm against its competitors, e.g. the rating of the firm "
       "minus that of the main competitor.", "attitude to competitors", "attitude to competition"),
    _t("tolerance of quality incidents", "对产品质量事故的承受能力", 3,
       "How far a customer forgives a complaint or a faulty delivery and keeps buying.",
       "incident tolerance", "对产品质量事故的承受力"),
    _t("repeat purchase rate", "客户重复购买率", 3,
       "The share of customers who buy again within a period.",
       "repurchase rate", "重复购买率"),
    _t("price sensitivity", "价格敏感性", 3,
       "How strongly a customer's buying reacts to price; loyal customers react less (A32).",
       "A32", "价格敏感度", "对价格的敏感程度"),
    _t("loyalty index", "客户忠诚度指数", 3,
       "A weighted composite of relationship duration, spending and emotional factors: three "
       "subsystems, nine factors.", "composite loyalty index", "忠诚度指数", "忠诚度的衡量指标"),
    _t("relationship duration", "关系的持久性", 3,
       "Subsystem A1 of the loyalty index: how long and how often the customer has bought.",
       "A1"),
    _t("purchase duration", "购买持续期", 3,
       "Factor A11: how long the customer has been buying from the firm.", "A11"),
    _t("purchase frequency", "购买频率", 3,
       "How often a customer buys in a period (factor A12; the F of RFM).",
       "frequency", "A12"),
    _t("purchase frequency trend", "购买频率变化趋势", 3,
       "Factor A13: whether the customer is buying more or less often over time.", "A13"),
    _t("spending", "消费金额", 3,
       "How much a customer spends (subsystem A2; the M of RFM).",
       "monetary value", "monetary", "A2", "消费额"),
    _t("cross-buying", "交叉购买", 3,
       "Factor A22: buying several of the firm's product lines.", "A22"),
    _t("emotional factors", "情感因素", 3,
       "Subsystem A3 of the loyalty index: mention rate, price sensitivity, voluntariness and "
       "satisfaction.", "A3"),
    _t("mention rate", "产品被提及率", 3,
       "Factor A31: how often customers mention or recommend the product to others.",
       "A31", "referral rate", "被提及率", "推荐率"),
    _t("voluntariness of purchase", "购买自愿程度", 3,
       "Factor A33: how freely, rather than from lack of choice, the customer buys.", "A33"),
    _t("satisfaction–loyalty relationship", "客户满意与客户忠诚的关系", 3,
       "Loyalty rises steeply only at high satisfaction; the two together sort customers into "
       "four types.", "satisfaction-loyalty curve", "基于满意与忠诚水平的四类顾客"),
    _t("hostage", "人质型", 3,
       "A loyal but dissatisfied customer who stays only because switching is hard.",
       "hostages"),
    _t("defector", "背叛者", 3,
       "A dissatisfied, disloyal customer who leaves and may speak against the firm.",
       "opponent", "反对者", "背叛者/反对者"),
    _t("loyalist", "忠诚者", 3,
       "A satisfied, loyal customer; at best an apostle who promotes the firm.",
       "apostle", "热心的倡导者", "忠诚者/热心的倡导者"),
    _t("mercenary", "惟利是图者", 3,
       "A satisfied but disloyal customer who follows the best deal.", "唯利是图者"),

    # --- 04 Customer value and profitability ------------------------------------------------
    _t("customer profitability", "客户盈利能力", 4,
       "The profit a customer brings after the costs of serving them.",
       "customer value and profitability", "客户价值与盈利能力", "客户盈利水平"),
    _t("Pareto principle", "帕累托法则", 4,
       "The pattern that about 20 % of customers bring about 80 % of revenue or profit.",
       "80/20 rule", "Pareto rule", "80/20 principle", "二八法则", "80/20 法则", "帕列托法则",
       "帕列托20/80法则"),
    _t("customer profitability analysis", "客户盈利能力分析", 4,
       "The flow from gross sales value down through discounts and costs to net customer "
       "profitability.", "profitability waterfall", "客户盈利能力分析流程"),
    _t("gross sales value", "销售总价值", 4,
       "Sales at list price before discounts and trade terms.", "GSV"),
    _t("net sales value", "销售净价值", 4,
       "Gross sales value minus discounts and trade terms.", "NSV", "净销售价值"),
    _t("gross customer profitability", "客户总体盈利能力", 4,
       "Net sales value minus production cost.", "gross customer profit"),
    _t("net customer profitability", "客户净盈利能力", 4,
       "Gross customer profitability minus the direct, indirect and hard-to-trace costs of the "
       "customer.", "net customer profit"),
    _t("direct costs", "直接成本", 4,
       "Costs caused by one customer, such as telesales, promotions, transport, warehousing "
       "and returns.", "direct cost"),
    _t("discounts and trade terms", "折扣与交易条件", 4,
       "Price reductions and payment terms granted to a customer; deducted from gross sales "
       "value to give net sales value.", "discounts", "trade terms"),
    _t("cost of goods", "产品成本", 4,
       "What the products sold to a customer cost the firm; net sales value minus it is the "
       "gross customer profitability.", "cost of goods sold", "COGS"),
    _t("direct sales costs", "直接销售成本", 4,
       "Selling costs caused by one customer, such as sales visits and account management.",
       "direct sales cost"),
    _t("direct distribution costs", "直接分销成本", 4,
       "Delivery and logistics costs caused by one customer's orders.",
       "direct distribution cost"),
    _t("indirect costs", "间接成本", 4,
       "Costs shared across customers, such as sales-team management and national "
       "advertising.", "indirect cost", "overheads"),
    _t("hard-to-trace costs", "难以追溯的成本", 4,
       "Costs such as order processing and stock holding that are hard to assign to one "
       "customer."),
    _t("cost to serve", "服务成本", 4,
       "All the costs of selling to, delivering to and supporting a customer.",
       "服务客户的成本"),
    _t("customer profitability matrix", "客户盈利矩阵", 4,
       "A grid of customers' net sales value against their cost to serve.",
       "profitability matrix"),
    _t("customer pyramid", "客户金字塔", 4,
       "Customers ranked by spend into VIP (top 1 %), major (next 4 %), ordinary (next 15 %) "
       "and small (the other 80 %).", "value pyramid", "客户价值金字塔", "金字塔客户结构"),
    _t("VIP customer", "VIP 客户", 4,
       "One of the top 1 % of customers by spend.", "VIP"),
    _t("major customer", "主要客户", 4,
       "One of the next 4 % of customers by spend after the VIPs."),
    _t("ordinary customer", "普通客户", 4,
       "One of the next 15 % of customers by spend after the major customers."),
    _t("small customer", "小客户", 4,
       "One of the remaining 80 % of customers by spend."),
    _t("best customers", "最佳客户", 4,
       "Customers who let the firm do what it does well, value it, pay for it and push it "
       "forward.", "good customers", "好客户"),
    _t("worst customers", "最差客户", 4,
       "Customers who ask for what the firm cannot do, buy little, cost much and are never "
       "satisfied.", "bad customers", "差客户"),
    _t("Lorenz curve", "洛伦兹曲线", 4,
       "The cumulative share of revenue against the cumulative share of customers, ranked "
       "from smallest to largest.", "劳伦兹曲线"),
    _t("Gini coefficient", "基尼系数", 4,
       "Twice the area between the Lorenz curve and the diagonal: 0 when all customers are "
       "equal, near 1 when revenue is concentrated.", "Gini", "Gini index"),
    _t("whale curve", "鲸鱼曲线", 4,
       "Cumulative profit against customers ranked from most to least profitable; it rises "
       "above 100 % and sinks back.", "Kaplan–Narayanan whale curve",
       "cumulative profitability curve"),

    # --- 05 Customer grading and segment strategy ------------------------------------------
    _t("customer grading", "客户分级", 5,
       "Sorting customers into grades by current and future value so that each grade is "
       "managed differently.", "customer tiering", "ABCD grading", "客户分级管理",
       "客户的分级与管理", "客户分级与差异化服务"),
    _t("current value", "当前价值", 5,
       "What a customer will be worth if their behaviour does not change.", "目前价值"),
    _t("future value", "未来价值", 5,
       "What a customer could be worth later, including their growth potential."),
    _t("grade A customer", "A 类客户", 5,
       "A first-priority customer whom the firm should make every effort to keep.",
       "A-class customer"),
    _t("grade B customer", "B 类客户", 5,
       "A customer with considerable potential, worth protecting with investment.",
       "B-class customer"),
    _t("grade C customer", "C 类客户", 5,
       "A core customer in whom the firm should gradually invest more.",
       "C-class customer"),
    _t("grade D customer", "D 类客户", 5,
       "A customer the firm failed to win or whose lifecycle is ending; invest less.",
       "D-class customer"),
    _t("customer segmentation", "客户细分", 5,
       "Dividing customers into groups with similar attributes, behaviour or needs.",
       "segmentation", "market segmentation", "市场细分", "客户划分", "客户分组"),
    _t("segment", "细分市场", 5,
       "A group of customers who are alike in attributes or behaviour.",
       "market segment", "分类市场", "客户群"),
    _t("target market", "目标市场", 5,
       "The segments the firm chooses to serve."),
    _t("segmentation worksheet", "市场细分作业单", 5,
       "A table listing each segment's best customers, worst customers and next action."),
    _t("differentiated service", "差异化服务", 5,
       "Giving different grades or segments different levels of service.",
       "differentiated service strategy"),
    _t("segment service strategy", "分类市场服务策略", 5,
       "Four steps from market composition to a strategy per segment: invest, grow, maintain, "
       "detach, or decide between investing and exiting.", "service strategy by segment",
       "根据不同客户群体制定服务策略"),
    _t("market composition", "市场构成", 5,
       "Where the firm's customers and profit come from, for example by channel."),
    _t("cross-selling", "交叉销售", 5,
       "Selling a customer products from other lines of the firm.", "cross-sell"),
    _t("up-selling", "升级销售", 5,
       "Selling a customer a higher-value version of what they buy.",
       "up-sell", "向上销售", "升级产品销售"),
    _t("add-on selling", "附带销售", 5,
       "Selling extras that go with a purchase.", "add-on sales", "附加销售"),
    _t("multichannel marketing", "多渠道营销", 5,
       "Reaching customers through several channels such as branches, phone and web."),
    _t("RFM analysis", "RFM 分析", 5,
       "Scoring customers by recency, frequency and monetary value of their purchases.",
       "RFM", "RFM scoring", "recency–frequency–monetary", "RFM 模型"),
    _t("recency", "最近购买时间", 5,
       "The time since a customer's last purchase (the R of RFM).", "近度", "最近一次消费"),
    _t("k-means clustering", "k 均值聚类", 5,
       "Grouping customers into k clusters so that each is as close as possible to its "
       "cluster's mean.", "k-means", "clustering", "k-means 聚类", "聚类", "聚类分析"),
    _t("silhouette score", "轮廓系数", 5,
       "How much better each customer fits its own cluster than the nearest other one, "
       "from -1 to 1.", "silhouette"),

    # --- 06 Customer lifecycle -------------------------------------------------------------
    _t("customer lifecycle", "客户生命周期", 6,
       "The stages a customer relationship passes through, from potential to termination "
       "and recovery.", "lifecycle", "customer relationship lifecycle",
       "客户关系生命周期"),
    _t("potential stage", "潜在客户期", 6,
       "The customer is interested and a first relationship begins.", "prospect stage"),
    _t("development stage", "客户开发期", 6,
       "The first purchase: the relationship is established but contributes little.",
       "acquisition stage"),
    _t("growth stage", "客户成长期", 6,
       "The satisfied customer buys repeatedly and contributes more and more."),
    _t("maturity stage", "客户成熟期", 6,
       "The customer fully trusts the firm, which gains the largest share of wallet."),
    _t("decline stage", "客户衰退期", 6,
       "Competitors pull the customer away and churn begins."),
    _t("termination stage", "客户终止期", 6,
       "Neither side sees value any more and the relationship ends."),
    _t("recovery stage", "客户恢复期", 6,
       "A new offer meets a new need and a new cycle starts.", "win-back stage"),
    _t("lifecycle management", "客户生命周期管理", 6,
       "Knowing each customer's stage and how many are in each, combined with value "
       "management.", "dynamic lifecycle management", "动态管理客户生命周期"),
    _t("cohort", "同期群", 6,
       "Customers acquired in the same period and followed together over time.",
       "acquisition cohort"),
    _t("cohort retention table", "同期群留存表", 6,
       "The share of each cohort still active in each later period.",
       "cohort analysis", "retention triangle", "同期群分析"),

    # --- 07 Retention strategy and economics ------------------------------------------------
    _t("retention strategy", "客户维持战略", 7,
       "The plan for which customers to keep and how to keep them.",
       "customer retention strategy"),
    _t("three-degree model", "三度模型", 7,
       "Satisfaction (the customer's view), retention (the firm's view) and contribution "
       "(value created), optimised together.", "客户维持战略的三度模型"),
    _t("retention degree", "维持度", 7,
       "How well the firm keeps its customers, judged from the firm's side.", "客户维持度"),
    _t("contribution degree", "贡献度", 7,
       "How much value a customer creates for the firm.",
       "customer contribution", "客户贡献度"),
    _t("virtuous cycle", "良性循环", 7,
       "Satisfaction breeds loyalty, loyalty eases retention and retention raises "
       "contribution."),
    _t("retention economics", "挽留客户的经济效益", 7,
       "Why small gains in retention raise profit a lot: keeping 5 % more customers can "
       "nearly double profit.", "economics of retention", "挽留客户及其经济效益"),
    _t("retention rate", "客户保持率", 7,
       "The share of customers at the start of a period who are still customers at its end.",
       "客户保留率", "客户维系率", "保持率", "留存率"),
    _t("churn", "客户流失", 7,
       "Customers ending their relationship with the firm.",
       "customer churn", "defection", "attrition", "流失"),
    _t("churn rate", "客户流失率", 7,
       "The share of customers lost in a period; one minus the retention rate.",
       "attrition rate", "defection rate", "流失率"),
    _t("avoidable churn", "可避免的客户流失", 7,
       "Losses that better service could have prevented; their cost is the lost customers' "
       "lifetime value.", "不必要的客户流失"),
    _t("churn causes", "客户流失原因", 7,
       "The reasons customers leave, with the share of losses each explains.",
       "causes of defection", "客户流失的原因"),
    _t("churn prevention", "防范客户流失", 7,
       "Actions against churn: total quality marketing, escalation, complaint handling, "
       "forecasting, ties and close communication.", "防范老客户流失"),
    _t("total quality marketing", "全面质量营销", 7,
       "Improving service and promotion to lower the money and effort customers spend."),
    _t("complaints and suggestions system", "投诉和建议制度", 7,
       "A channel for customers to complain and suggest, so problems surface early.",
       "complaint system"),
    _t("three levels of retention strategy", "挽留客户策略的三个层次", 7,
       "Financial bonds, then financial plus social bonds, then structural bonds as well.",
       "retention levels"),
    _t("financial bonds", "财务利益", 7,
       "Ties based on price incentives, the first level of retention strategy.",
       "financial bond", "price incentives", "财务纽带"),
    _t("social bonds", "社会利益", 7,
       "Personal ties with the customer, the second level of retention strategy.",
       "social bond", "社会纽带"),
    _t("structural bonds", "结构性联系", 7,
       "Ties built into the customer's processes, the third level of retention strategy.",
       "structural bond", "结构纽带"),
    _t("lost-for-good customer", "永久流失型", 7,
       "A customer who gives all their business to one supplier and, once lost, rarely "
       "returns.", "lost for good", "permanent loss", "永久流失型客户"),
    _t("always-a-share customer", "暂时流失型", 7,
       "A customer who spreads their business across suppliers and may pause and return.",
       "always a share", "temporary loss", "暂时流失型客户"),
    _t("contractual setting", "契约情境", 7,
       "A business in which customers' departures are observed, as with subscriptions.",
       "contractual", "契约型"),
    _t("Kaplan–Meier survival curve", "生存曲线", 7,
       "The estimated share of customers still active after each length of time, allowing "
       "for customers still active at the end of the data.", "Kaplan–Meier",
       "Kaplan–Meier estimator", "survival curve", "KM curve", "Kaplan–Meier 生存曲线"),
    _t("censoring", "删失", 7,
       "Knowing only that a customer's lifetime exceeds the time observed, because they are "
       "still active.", "right-censoring", "censored", "右删失"),
    _t("shifted-beta-geometric model", "移位贝塔几何模型", 7,
       "A model of contract renewals in which each customer's churn probability is fixed and "
       "varies across customers as a beta distribution.", "sBG", "sBG model",
       "shifted beta geometric", "sBG 模型"),
    _t("maximum likelihood estimation", "最大似然估计", 7,
       "Choosing the model parameters that make the observed data most probable.",
       "MLE", "maximum likelihood", "极大似然估计"),

    # --- 08 Customer lifetime value I ------------------------------------------------------
    _t("customer lifetime value", "客户终生价值", 8,
       "The present value of all the net cash a customer brings over the relationship, after "
       "the costs of winning and serving them.", "CLV", "LTV", "CLTV", "lifetime value",
       "客户终身价值", "顾客终生价值", "顾客终身价值", "客户生命周期价值", "客户的终生价值"),
    _t("present value", "现值", 8,
       "A future amount discounted back to today.", "PV"),
    _t("net present value", "净现值", 8,
       "The sum of discounted future cash inflows minus outflows.", "NPV"),
    _t("cumulative NPV", "累计净现值", 8,
       "The running total of discounted profit, year by year.",
       "cumulative net present value"),
    _t("discount rate", "贴现率", 8,
       "The yearly rate used to convert future money into present value.", "折现率"),
    _t("discount factor", "贴现因子", 8,
       "The multiplier 1 / (1 + d)^t that converts money in year t into present value.",
       "折现因子"),
    _t("time horizon", "时间范围", 8,
       "How many years of the relationship a CLV calculation counts.",
       "horizon", "计算的时间长度"),
    _t("historical value", "历史价值", 8,
       "The value a customer has already realised so far."),
    _t("potential value", "潜在价值", 8,
       "Extra value a customer could bring through cross-selling and referrals."),
    _t("CLV formula", "客户终生价值公式", 8,
       "CLV as the sum of six sources: initial purchase, repeat purchase, cross-selling, "
       "lower cost to serve, referrals and price premium.", "CLV = CLV1 + … + CLV6",
       "CLV components"),
    _t("initial purchase value", "初期购买收益", 8,
       "CLV1: the profit from the customer's first purchases.", "CLV1"),
    _t("repeat purchase value", "重复购买收益", 8,
       "CLV2: the profit from repeat purchases and a rising share of wallet.", "CLV2"),
    _t("cross-selling value", "交叉销售收益", 8,
       "CLV3: the profit from selling the customer more of the firm's products.", "CLV3"),
    _t("cost-saving value", "服务成本降低收益", 8,
       "CLV4: the profit from a lower cost to serve as both sides learn to work together.",
       "CLV4"),
    _t("referral value", "推荐收益", 8,
       "CLV5: the profit from new customers the customer recommends.",
       "CLV5", "referral revenue"),
    _t("price premium", "价格溢价", 8,
       "CLV6: the profit from loyal customers' lower price sensitivity.", "CLV6"),
    _t("relationship maintenance cost", "客户关系的维系成本", 8,
       "What it costs to keep a relationship going each year.",
       "retention cost", "维系成本"),
    _t("marketing cost", "营销费用", 8,
       "Spending on promotion and selling.", "marketing spend", "营销成本"),
    _t("customer acquisition cost", "客户获取成本", 8,
       "Marketing spend divided by the number of new customers it won.",
       "CAC", "acquisition cost", "cost per sale", "获客成本"),
    _t("conversion rate", "转化率", 8,
       "The share of prospects who become customers."),
    _t("marginal net worth of a customer", "客户的边际净值", 8,
       "The profit a customer is expected to bring minus the marketing spent to win them.",
       "marginal net worth"),

    # --- 09 CLV II: DWYER and customer-event prediction ------------------------------------
    _t("DWYER method", "DWYER 方法", 9,
       "Dwyer's (1989) group-level CLV: a customer group's yearly sales, costs and profit, "
       "discounted and cumulated.", "杜瓦尔方法", "DWYER 方法与客户事件预测法"),
    _t("customer event prediction", "客户事件预测法", 9,
       "Forecasting when each customer's events happen and attaching revenue and cost to "
       "each.", "event-based forecasting", "顾客事件预测法"),
    _t("customer profit-and-expense forecast", "利润和费用预测表", 9,
       "A per-customer forecast of profit and expenses, like a profit-and-loss account for "
       "each customer.", "customer P&L account", "盈亏账号"),
    _t("Markov chain migration model", "马尔可夫链迁移模型", 9,
       "A model in which customers move between recency states with fixed probabilities "
       "each period.", "Markov chain", "migration model", "马尔可夫链"),
    _t("transition matrix", "转移矩阵", 9,
       "The table of probabilities of moving from each state to each other state in one "
       "period.", "transition probability matrix", "转移概率矩阵"),
    _t("Monte Carlo simulation", "蒙特卡洛模拟", 9,
       "Repeating a forecast with random draws of its uncertain inputs to see the range of "
       "outcomes.", "Monte Carlo", "蒙特卡罗模拟"),

    # --- 10 CLV III: probabilistic models --------------------------------------------------
    _t("BG/NBD model", "BG/NBD 模型", 10,
       "A model of repeat buying in which customers buy at their own Poisson rate until they "
       "drop out after some purchase.", "BG/NBD", "beta-geometric/negative binomial model",
       "贝塔几何/负二项分布模型"),
    _t("Pareto/NBD model", "Pareto/NBD 模型", 10,
       "A model of repeat buying with Poisson purchases and an exponential lifetime, both "
       "varying across customers.", "Pareto/NBD"),
    _t("Gamma–Gamma model", "Gamma–Gamma 模型", 10,
       "A model of the average spend per transaction that varies across customers.",
       "Gamma-Gamma", "gamma-gamma spend model", "伽马-伽马模型"),
    _t("probability alive", "存活概率", 10,
       "The probability that a customer has not yet dropped out, given their purchase "
       "history.", "P(alive)", "probability of being alive", "活跃概率"),
    _t("expected purchases", "预期购买次数", 10,
       "The number of purchases a customer is expected to make in a future period.",
       "expected number of transactions", "conditional expected purchases", "期望购买次数"),
    _t("residual CLV", "剩余终生价值", 10,
       "The present value of a customer's future purchases from now on.",
       "residual lifetime value", "剩余客户终生价值"),
    _t("non-contractual setting", "非契约情境", 10,
       "A business in which customers leave silently, so their departure is never observed.",
       "non-contractual", "非契约型"),
    _t("calibration period", "校准期", 10,
       "The part of the data used to estimate a model.", "estimation period", "估计期"),
    _t("holdout period", "检验期", 10,
       "The later part of the data kept aside to test a model's forecasts.",
       "holdout", "validation period", "验证期", "留出期"),
    _t("CDNOW data", "CDNOW 数据集", 10,
       "The purchase log of a cohort of online CD buyers from 1997–98, the classic data set "
       "for repeat-buying models.", "CDNOW"),

    # --- 11 Credit management I ------------------------------------------------------------
    _t("credit management", "客户信用管理", 11,
       "Controlling the risk of selling on credit, from investigation to collection.",
       "信用管理"),
    _t("credit sales", "赊销", 11,
       "Selling now and being paid later.", "selling on credit", "sale on credit",
       "trade credit"),
    _t("bad debt", "坏账", 11,
       "A receivable that will not be collected.", "bad debts", "坏帐", "坏帐损失"),
    _t("bad-debt rate", "坏账率", 11,
       "The amount written off as uncollectable over the amount invoiced in a period.",
       "坏帐率"),
    _t("collection effectiveness index", "收款有效性指数", 11,
       "The share of the receivables that could have been collected in a period that were "
       "collected: (opening + sales - closing) / (opening + sales - closing current).",
       "CEI"),
    _t("days sales outstanding", "销售变现天数", 11,
       "The average number of days it takes to turn credit sales into cash.",
       "DSO", "average collection period", "应收账款周转天数", "平均收帐期"),
    _t("accounts receivable", "应收账款", 11,
       "Money customers owe for goods or services already delivered.",
       "receivables", "应收帐款", "欠款额"),
    _t("credit file", "信用档案", 11,
       "A customer's record of basic information, credit data and information from other "
       "sources.", "债务人的信用档案"),
    _t("credit investigation", "客户资信调查", 11,
       "Gathering information on a customer's creditworthiness from banks, agencies, trade "
       "associations or inside the firm.", "credit check", "资信调查"),
    _t("credit agency", "专业资信调查机构", 11,
       "A firm that sells information on companies' creditworthiness.",
       "credit bureau", "资信调查机构"),
    _t("financial statements", "财务报表", 11,
       "The income statement, balance sheet and cash flow statement of a firm.",
       "financial statement"),
    _t("audited statements", "经审计的财务报表", 11,
       "Financial statements examined and certified by an independent auditor.",
       "audited financial statements"),
    _t("reviewed statements", "经审核的报表", 11,
       "Financial statements checked by an accountant with less assurance than an audit.",
       "reviewed financial statements"),
    _t("compiled statements", "汇编报表", 11,
       "Financial statements put together by an accountant without verification.",
       "compiled financial statements"),
    _t("income statement", "利润表", 11,
       "A firm's revenue, costs and profit over a period.",
       "profit and loss statement", "损益表"),
    _t("balance sheet", "资产负债表", 11,
       "A firm's assets, liabilities and equity at one date."),
    _t("cash flow statement", "现金流量表", 11,
       "The cash a firm received and paid over a period, by activity."),
    _t("financial ratio analysis", "财务比率分析", 11,
       "Judging a customer's financial health from ratios of statement items.",
       "ratio analysis"),
    _t("quick ratio", "速动比率", 11,
       "Current assets minus inventory, divided by current liabilities.", "acid-test ratio"),
    _t("receivables turnover period", "应收帐款周转期", 11,
       "The average number of days a firm waits to collect its receivables.",
       "应收账款周转期"),
    _t("inventory turnover", "存货周转率", 11,
       "Cost of goods sold divided by average inventory.", "stock turnover"),
    _t("debt to tangible net worth", "有形净值债务率", 11,
       "Total liabilities divided by net worth less intangible assets.",
       "debt-to-tangible-net-worth ratio"),
    _t("operating gross margin", "经营毛利率", 11,
       "Gross profit divided by sales.", "gross margin", "毛利率"),
    _t("return on investment", "投资报酬率", 11,
       "Profit divided by the capital invested.", "ROI", "投资回报率"),
    _t("5C analysis", "5C 分析", 11,
       "Judging credit by character, capacity, capital, collateral and conditions.",
       "5C", "five Cs of credit", "5C 分析法", "“5C”分析法"),
    _t("character", "品质", 11,
       "The customer's willingness to pay, judged from reputation and payment record.",
       "品质特性"),
    _t("capacity", "能力", 11,
       "The customer's ability to pay from its operations."),
    _t("capital", "资本", 11,
       "The customer's financial strength: its net worth."),
    _t("collateral", "担保品", 11,
       "Assets pledged to secure the credit.", "抵押品"),
    _t("conditions", "环境", 11,
       "The economic and industry conditions that affect the customer's ability to pay.",
       "condition", "经营环境"),
    _t("ageing schedule", "账龄分析表", 11,
       "A table of receivables by how long they are overdue.",
       "aging schedule", "receivables ageing", "ageing analysis", "账龄分析", "帐龄分析表"),
    _t("count-back method", "倒推法", 11,
       "A DSO that matches the receivables against the sales of the most recent months, "
       "counting their days, so that a sales peak does not distort it.",
       "count-back DSO", "逐月倒推法"),

    # --- 12 Credit management II -----------------------------------------------------------
    _t("credit scoring", "信用评分法", 12,
       "Turning a customer's characteristics into a score that ranks their credit risk.",
       "credit scoring method", "信用评分", "信用评分与信用等级"),
    _t("credit rating", "信用等级", 12,
       "A class such as AAA, AA, A, B or C that summarises a customer's creditworthiness.",
       "credit grade", "客户信用等级"),
    _t("credit rating scheme", "客户信用等级评估方案", 12,
       "A quarterly 100-point rating on 20 indicators in five groups, with financial "
       "indicators worth 30 points and non-financial 70.", "rating scheme", "信用等级评估"),
    _t("credit performance rate", "信用履约率", 12,
       "How reliably the customer has kept past credit terms.",
       "payment record", "信用履约记录"),
    _t("solvency", "偿债能力", 12,
       "The customer's ability to repay its debts.", "ability to repay"),
    _t("operating ability", "经营能力", 12,
       "How efficiently the customer runs its business, e.g. turnover of stock and "
       "receivables."),
    _t("profitability", "盈利能力", 12,
       "How much profit the customer's business earns, one group of the rating indicators.",
       "盈利能力评价"),
    _t("efficacy coefficient method", "功效系数法", 12,
       "Scoring an indicator on a straight line between a floor value and a target value.",
       "efficiency coefficient method"),
    _t("rating migration matrix", "评级迁移矩阵", 12,
       "A table counting customers by their rating class before and after a period.",
       "rating transition matrix", "信用等级迁移矩阵"),
    _t("customer risk classes", "客户风险分类", 12,
       "Groups of customers by credit risk, each with its own countermeasures.",
       "risk classes", "risk class", "客户风险分类与对策"),
    _t("scorecard", "评分卡", 12,
       "A table of points per attribute whose sum is a customer's credit score.",
       "credit scorecard", "points-based scorecard", "信用评分卡"),
    _t("weight of evidence", "证据权重", 12,
       "The log ratio of the shares of goods and bads in a bin of a characteristic.",
       "WOE"),
    _t("information value", "信息值", 12,
       "A summary of how well a characteristic separates goods from bads, summed over its "
       "bins.", "IV"),
    _t("binning", "分箱", 12,
       "Grouping the values of a characteristic into a few bins before scoring.",
       "coarse classing", "fine classing"),
    _t("logistic regression", "逻辑回归", 12,
       "A regression for the log odds of a yes/no outcome such as default.",
       "logit", "Logistic 回归", "逻辑斯蒂回归"),
    _t("default", "违约", 12,
       "Failing to repay as agreed; the 'bad' outcome a scorecard predicts.",
       "default event", "bad account", "违约客户"),
    _t("cut-off score", "截断分数", 12,
       "The score below which applications are declined.",
       "cut-off", "临界分数", "评分阈值"),
    _t("approval rate", "通过率", 12,
       "The share of applicants accepted at a given cut-off.",
       "acceptance rate", "审批通过率"),
    _t("bad rate", "坏客户率", 12,
       "The share of accepted customers who turn out bad.", "default rate", "违约率"),
    _t("KS statistic", "KS 统计量", 12,
       "The largest gap between the cumulative score distributions of goods and bads.",
       "KS", "Kolmogorov–Smirnov statistic", "KS 值"),
    _t("AUC", "ROC 曲线下面积", 12,
       "The probability that a random bad scores worse than a random good.",
       "area under the curve", "area under the ROC curve", "AUROC"),
    _t("ROC curve", "ROC 曲线", 12,
       "The share of bads caught against the share of goods wrongly flagged, over all "
       "cut-offs.", "receiver operating characteristic"),
    _t("population stability index", "群体稳定性指数", 12,
       "A measure of how much the score distribution of new applicants has shifted from the "
       "development sample.", "PSI", "人群稳定性指标"),
    _t("points to double the odds", "翻倍分值", 12,
       "The number of score points that doubles the good-to-bad odds.", "PDO"),
    _t("German Credit data", "德国信用数据集", 12,
       "1,000 loan applicants from a German bank, each labelled good or bad, the classic "
       "data set for credit scoring.", "German Credit", "Statlog German Credit", "德国信贷数据集"),

    # --- 13 Capstone ----------------------------------------------------------------------
    _t("capstone case", "综合案例", 13,
       "Combining value, loyalty, lifecycle, CLV and credit risk into one strategy per "
       "customer.", "capstone", "CRM strategy from data"),
    _t("ACURA model", "ACURA 模型", 13,
       "The five relationship tasks: acquire, cross-sell, up-sell, retain and win advocacy.",
       "ACURA"),
    _t("win advocacy", "赢得客户拥护", 13,
       "Turning satisfied customers into people who recommend the firm, the last step of "
       "ACURA.", "advocate (ACURA)", "advocacy"),
    _t("prospecting", "寻找潜在客户", 13,
       "Finding potential customers through contacts, statistics, directories, the press and "
       "the internet.", "prospecting channels", "lead generation", "寻找潜在客户的方法"),
    _t("CRM trends", "CRM 发展趋势", 13,
       "Ten shifts in CRM, from rising customer expectations to more failed projects.",
       "trends in CRM", "CRM 的 10 大发展趋势"),
    _t("chief customer officer", "首席客户官", 13,
       "A senior executive responsible for customer relationships.", "CCO"),
    _t("mass customisation", "大批量定制", 13,
       "Producing goods and services tailored to each customer at mass-production cost.",
       "mass customization", "成批定制"),
)

# --- searching -----------------------------------------------------------------------------

_IGNORED = re.compile(r"[\s\-‐‑‒–—―－'’‘`´·・]+")


def _key(text: str) -> str:
    """Normalise text for matching: NFKC, case-folded, without spaces, dashes or apostrophes."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text).casefold())


@cache
def _index() -> tuple[tuple[Term, frozenset[str]], ...]:
    return tuple((t, frozenset(_key(s) for s in (t.english, t.chinese, *t.aliases)))
                 for t in TERMS)


@cache
def _table() -> pd.DataFrame:
    frame = pd.DataFrame([[t.english, t.chinese, t.chapter, t.definition] for t in TERMS],
                         columns=COLUMNS)
    frame = frame.astype({"english": "str", "chinese": "str", "chapter": "int64",
                          "definition": "str"})
    order = frame.assign(_e=frame["english"].str.casefold()).sort_values(
        ["chapter", "_e"], kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def _frame(selected: list[Term]) -> pd.DataFrame:
    table = _table()
    position = {e: i for i, e in enumerate(table["english"])}
    return table.iloc[[position[t.english] for t in selected]].reset_index(drop=True)


def _check_chapter(chapter: object) -> int:
    if isinstance(chapter, bool) or not isinstance(chapter, Integral):
        raise TypeError(f"chapter must be an integer from {FIRST_CHAPTER} to {LAST_CHAPTER}, "
                        f"got {type(chapter).__name__} {chapter!r}")
    if not FIRST_CHAPTER <= chapter <= LAST_CHAPTER:
        raise ValueError(f"chapter must be from {FIRST_CHAPTER} to {LAST_CHAPTER} "
                         f"(the course's chapters 00–13), got {chapter}")
    return int(chapter)


def terms(chapter: int | None = None) -> pd.DataFrame:
    """The glossary as a table, sorted by chapter and then by English term.

    Columns ``english``, ``chinese``, ``chapter`` (where the term is first taught) and
    ``definition``. With ``chapter`` (0–13) only that chapter's terms are returned; a chapter
    outside 0–13 raises ``ValueError``.
    """
    table = _table()
    if chapter is None:
        return table.copy()
    chapter = _check_chapter(chapter)
    return table[table["chapter"] == chapter].reset_index(drop=True)


def lookup(query: str) -> pd.DataFrame:
    """Find terms in either language by their English or Chinese headword or an alias.

    Matching ignores case, spaces, hyphens, dashes and apostrophes. Exact matches come first,
    then terms that contain the query (both groups in chapter order): ``lookup("忠诚")`` gives
    every loyalty term, ``lookup("clv")`` customer lifetime value and its components.
    The result has the columns of :func:`terms`. When nothing matches, the result is an empty
    table with those columns; nothing is printed and nothing is raised.
    A non-string query raises ``TypeError``; an empty or blank one raises ``ValueError``.
    """
    if not isinstance(query, str):
        raise TypeError(f"query must be a string (English or Chinese), got {type(query).__name__}")
    if not query.strip():
        raise ValueError("query is empty: give an English or Chinese word to look up")
    key = _key(query)
    if not key:
        raise ValueError(f"query {query!r} has no letters or characters to search for")
    exact = [t for t, keys in _index() if key in keys]
    partial = [t for t, keys in _index() if t not in exact and any(key in k for k in keys)]
    order = {e: i for i, e in enumerate(_table()["english"])}
    ranked = sorted(exact, key=lambda t: order[t.english]) + sorted(
        partial, key=lambda t: order[t.english])
    return _frame(ranked)


def show(query: str | None = None, chapter: int | None = None) -> Styler | pd.DataFrame:
    """A glossary table for a notebook: matches of ``query``, a chapter's terms, or all terms.

    Returns a pandas ``Styler`` (left-aligned, no index, with a caption), or the plain
    DataFrame when the styling extra (jinja2) is not installed.
    """
    if query is not None:
        table = lookup(query)
        if chapter is not None:
            table = table[table["chapter"] == _check_chapter(chapter)].reset_index(drop=True)
    else:
        table = terms(chapter)
    caption = " · ".join(part for part in (
        "Glossary 术语表",
        f"“{query.strip()}”" if query is not None else "",
        f"chapter {chapter:02d}" if chapter is not None else "",
        f"{len(table)} term{'s' if len(table) != 1 else ''}",
    ) if part)
    try:
        import jinja2  # noqa: F401  (Styler needs it)
    except ImportError:
        return table
    # A fixed id (not pandas' random one) keeps the HTML identical from run to run.
    uuid = "glossary_" + hashlib.sha1(caption.encode("utf-8")).hexdigest()[:8]
    left = [("text-align", "left"), ("vertical-align", "top")]
    return (table.style.set_uuid(uuid).hide(axis="index").set_caption(caption)
            .set_table_styles([
                {"selector": "th", "props": left},
                {"selector": "td", "props": left},
                {"selector": "caption", "props": [("caption-side", "top"),
                                                  ("font-weight", "bold")]},
            ]))
