"""The course's language: English or Simplified Chinese, switched by ``use_language``."""

from __future__ import annotations

import contextlib
import io
import re
import string

import numpy as np
import pandas as pd
import polib
import pytest

from helpers import checks, language, plots

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def english_after() -> None:
    yield
    with contextlib.redirect_stdout(io.StringIO()):
        language.use_language("en")


def chinese() -> None:
    with contextlib.redirect_stdout(io.StringIO()):  # the font message, if any
        assert language.use_language("zh") == "zh"


def _catalog() -> polib.POFile:
    return polib.pofile(str(language.CATALOG))


# --- switching ----------------------------------------------------------------------------------

def test_use_language_switches_and_back() -> None:
    assert language.current() == "en"
    chinese()
    assert language.current() == "zh"
    assert language.use_language("en") == "en" and language.current() == "en"
    assert not plots.chinese_enabled()


def test_english_is_the_default_argument() -> None:
    chinese()
    assert language.use_language() == "en"


@pytest.mark.parametrize("bad", ["fr", "ZH", "zh_CN", "", None, 1, ["zh"]])
def test_an_invalid_language_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match=r"language must be one of \['en', 'zh'\]"):
        language.use_language(bad)  # type: ignore[arg-type]
    assert language.current() == "en"


def test_the_helpers_package_switches_too() -> None:
    import helpers

    with contextlib.redirect_stdout(io.StringIO()):
        assert helpers.use_language("zh") == "zh"
    assert language.current() == "zh"


# --- text ---------------------------------------------------------------------------------------

def test_text_is_english_in_english() -> None:
    message = "✅ {task}: correct."
    assert language.text(message) == message
    assert language.text("no such message") == "no such message"


def test_text_with_a_translation() -> None:
    chinese()
    assert language.text("✅ {task}: correct.") == "✅ {task}：正确。"
    assert language.text("customer_share", "column") == "客户占比"
    assert language.text("champions", "label") == "冠军客户"


def test_text_without_a_translation_keeps_the_english() -> None:
    chinese()
    assert language.text("a message nobody translated") == "a message nobody translated"
    assert language.text("customer_share") == "customer_share"  # no context: another entry
    assert language.text("customer_share", "label") == "customer_share"


def test_placeholders_survive_the_translation() -> None:
    template = "expected {count} rows, got {got}"
    assert language.text(template).format(count=3, got=2) == "expected 3 rows, got 2"
    chinese()
    assert language.text(template).format(count=3, got=2) == "应有 3 行，你给出了 2 行"


@pytest.mark.parametrize(("message", "context"), [(None, None), (3, None), ("x", 1),
                                                  ("x", ["column"])])
def test_text_refuses_what_is_not_text(message: object, context: object) -> None:
    with pytest.raises(TypeError, match="must be text"):
        language.text(message, context)  # type: ignore[arg-type]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_check_message_is_translated_with_the_same_placeholders() -> None:
    """A Chinese template with a placeholder missing or misspelt would make a check fail."""
    entries = {e.msgid: e for e in _catalog() if e.msgctxt is None}
    for message in (*checks.MESSAGES, plots.INSTALL_HINT):
        entry = entries.get(message)
        assert entry is not None and entry.msgstr and "fuzzy" not in entry.flags, message
        assert _fields(entry.msgstr) == _fields(message), (message, entry.msgstr)
        words = re.sub(r"\{\w+\}|`[^`]*`", "", entry.msgstr)   # no English left in it
        assert CJK.search(entry.msgstr) or not re.search(r"[a-z]{3}", words), message


_DIGITS = re.compile(r"\d+")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _numbers(english: str) -> set[str]:
    """The numbers of an English text, months written as numbers (February → 2)."""
    found = set(_DIGITS.findall(english))
    return found | {str(i + 1) for i, month in enumerate(_MONTHS) if month in english}


def test_translated_hints_state_no_number_the_english_hint_does_not() -> None:
    """Hints guide to the method and never state the value: a Chinese hint has no number of
    its own (every number in it is one of its English hint)."""
    hints = {hint for chapter in range(14) for hint in
             checks.answer_key(f"{chapter:02d}").hints.values()}
    for entry in _catalog():
        if entry.msgctxt is None and entry.msgid in hints and entry.msgstr:
            extra = set(_DIGITS.findall(entry.msgstr)) - _numbers(entry.msgid)
            assert not extra, (entry.msgid, extra)


def test_column_and_label_translations_are_short_and_keep_abbreviations() -> None:
    for entry in _catalog():
        if entry.msgctxt in ("column", "label") and entry.msgstr:
            assert "\n" not in entry.msgstr and len(entry.msgstr) <= 30, entry.msgid
    chinese()
    for abbreviation in ("auc", "iv", "woe", "psi", "ks", "clv", "nps"):
        assert language.text(abbreviation, "column") == abbreviation.upper()


# --- tables -------------------------------------------------------------------------------------

TABLE = pd.DataFrame(
    {"segment": pd.Categorical(["champions", "lost", "unknown words"]),
     "customers": [12, 30, 58], "customer_share": [0.12, 0.30, 0.58],
     "tier": ["VIP", "small", "VIP"]},
    index=pd.Index(["growth", "maturity", 2024], name="stage"))


def test_table_labels_is_the_table_itself_in_english() -> None:
    counts = TABLE["customers"]
    assert language.table_labels(TABLE) is TABLE and language.table_labels(counts) is counts


def test_table_labels_translates_headers_index_names_and_labels() -> None:
    chinese()
    shown = language.table_labels(TABLE)
    assert list(shown.columns) == ["细分群", "客户数", "客户占比", "层级"]
    assert shown.index.name == "阶段"
    assert list(shown.index) == ["客户成长期", "客户成熟期", 2024]       # a number stays
    assert list(shown["细分群"]) == ["冠军客户", "已流失客户", "unknown words"]
    assert list(shown["层级"]) == ["VIP 客户", "小客户", "VIP 客户"]
    assert shown["客户数"].tolist() == [12, 30, 58]                        # numbers untouched
    assert np.allclose(shown["客户占比"], TABLE["customer_share"])
    assert list(TABLE.columns) == ["segment", "customers", "customer_share", "tier"]  # a copy


def test_table_labels_translates_a_series() -> None:
    chinese()
    counts = pd.Series([3, 5], index=pd.Index(["champions", "lost"], name="segment"),
                       name="customers")
    shown = language.table_labels(counts)
    assert shown.name == "客户数" and shown.index.name == "细分群"
    assert list(shown.index) == ["冠军客户", "已流失客户"] and shown.tolist() == [3, 5]


def test_a_label_can_mean_something_else_in_one_column() -> None:
    """``medium`` is 中等 as an information value's strength and 中型客户 as a size; ``small`` is
    a pyramid's 小客户 (the decks' tier) and a small-sized customer's 小型客户."""
    chinese()
    table = pd.DataFrame({"strength": ["medium", "weak"], "size": ["medium", "large"]})
    shown = language.table_labels(table)
    assert list(shown["强度"]) == ["中等", "弱"] and list(shown["规模"]) == ["中型客户", "大型客户"]
    tiers = pd.DataFrame({"tier": ["VIP", "small"], "size": ["small", "small"]})
    assert language.table_labels(tiers).to_numpy().tolist() == [["VIP 客户", "小型客户"],
                                                                ["小客户", "小型客户"]]


def test_table_labels_copes_with_repeats_and_multiindexes() -> None:
    chinese()
    table = pd.DataFrame([[1, 2]], columns=["customers", "n"])
    table.columns = ["customers", "customers"]                    # a repeated name
    assert list(language.table_labels(table).columns) == ["客户数", "客户数"]
    wide = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples(
        [("net_sales", "champions"), ("net_sales", "hibernating")],
        names=["measure", "segment"]))
    shown = language.table_labels(wide)
    assert list(shown.columns) == [("销售净额", "冠军客户"), ("销售净额", "休眠客户")]
    assert list(shown.columns.names) == ["指标", "细分群"]
    pivot = pd.DataFrame({"champions": [1]}, index=pd.Index(["net_sales"]))  # labels as headers
    shown = language.table_labels(pivot)
    assert list(shown.columns) == ["冠军客户"] and list(shown.index) == ["销售净额"]
    assert language.table_labels([1, 2]) == [1, 2]                 # not a table: as it is


def test_the_display_formatter_installs_and_uninstalls() -> None:
    interactive = pytest.importorskip("IPython.core.interactiveshell")
    shell = interactive.InteractiveShell.instance()
    html = shell.display_formatter.formatters["text/html"]
    plain = shell.display_formatter.formatters["text/plain"]
    try:
        chinese()
        assert "客户占比" in html(TABLE) and "冠军客户" in html(TABLE)
        assert "客户占比" in plain(TABLE) and "customer_share" not in plain(TABLE)
        assert "客户数" in plain(TABLE["customers"])
        assert TABLE.columns[2] == "customer_share"                # the data keep English
        language.use_language("en")
        assert "customer_share" in html(TABLE) and "客户占比" not in html(TABLE)
        assert "客户占比" not in plain(TABLE)
    finally:
        language.use_language("en")
        interactive.InteractiveShell.clear_instance()


def test_free_text_columns_keep_their_words() -> None:
    """A column is relabelled only when every word in it is a catalog label: the glossary's
    English headwords ("passive", an NPS group, is also a quadrant label) stay English."""
    language.use_language("zh")
    try:
        table = pd.DataFrame({"english": ["passive", "net promoter score"],
                              "tier": ["VIP", "small"]})
        shown = language.table_labels(table)
        assert shown.iloc[:, 0].tolist() == ["passive", "net promoter score"]
        assert shown.iloc[:, 1].tolist() == [language.text("VIP", "label:tier"),
                                             language.text("small", "label:tier")]
    finally:
        language.use_language("en")


# --- the helpers' own texts: one mechanism --------------------------------------------------------

def test_texts_declared_with_texts_follow_the_language() -> None:
    known = len(language._FOLLOWING)
    try:
        notes = language.texts({"measure": "not in the data"})
        steps = language.texts(["falling", "a text nobody translated"])
        assert notes == {"measure": "not in the data"}
        chinese()
        assert notes == {"measure": "数据中没有"}                       # rewritten in place
        assert steps == ["下降", "a text nobody translated"]
        assert list(pd.Series(steps)) == steps                          # pandas sees Chinese
        language.use_language("en")
        assert notes == {"measure": "not in the data"} and steps[0] == "falling"
        chinese()
        late = language.texts(["falling"])                              # declared in Chinese
        assert late == ["下降"]
    finally:
        del language._FOLLOWING[known:]


@pytest.mark.parametrize("bad", [("falling",), "falling", {"a": 1}, [None]])
def test_texts_refuses_what_is_not_a_table_of_texts(bad: object) -> None:
    with pytest.raises(TypeError, match="english must"):
        language.texts(bad)  # type: ignore[arg-type]


def test_translation_is_the_chinese_in_either_language() -> None:
    assert language.translation("small", "label") == "小型客户"
    assert language.translation("no such text") == "no such text"
    chinese()
    assert language.translation("small", "label") == language.text("small", "label")


def test_listing_joins_labels_as_each_language_lists_them() -> None:
    words = ["delivery_speed", "pricing"]
    assert language.listing(words) == "delivery_speed, pricing"
    assert language.listing([]) == ""
    chinese()
    assert language.listing(words) == "送货速度、定价"
    with pytest.raises(TypeError, match="words must be a list"):
        language.listing("delivery_speed")


def test_headers_under_a_named_axis_are_labels() -> None:
    """A cross-table's headers are values of its variable (``growth`` is a stage there, 客户成长期),
    a table's own column is a column name (``growth`` of a segment, 增长率)."""
    chinese()
    moves = pd.DataFrame([[1, 2]], columns=pd.Index(["growth", "decline"], name="stage after"),
                         index=pd.Index(["growth"], name="stage before"))
    shown = language.table_labels(moves)
    assert list(shown.columns) == ["客户成长期", "客户衰退期"]
    assert list(shown.index) == ["客户成长期"]
    segments = pd.DataFrame({"value": [1.0], "growth": [0.2]})
    assert list(language.table_labels(segments).columns) == ["价值", "增长率"]


def test_pandas_size_over_numbers_is_a_count() -> None:
    chinese()
    data = pd.DataFrame({"gap": [1.0, 2.0, 3.0], "size": ["small", "large", "small"]})
    shown = language.table_labels(data.groupby("size")["gap"].agg(["mean", "size"]))
    assert list(shown.columns) == ["均值", "数量"] and shown.index.name == "规模"
    assert list(shown.index) == ["大型客户", "小型客户"]
    assert list(language.table_labels(data).columns) == ["差距", "规模"]   # a customer's size
    described = language.table_labels(data.describe())
    assert list(described.index) == ["数量", "均值", "标准差", "最小值", "25%", "50%", "75%",
                                     "最大值"]


def test_a_cell_listing_labels_is_translated_label_by_label() -> None:
    chinese()
    chart = pd.DataFrame({"rule": ["", "beyond 3 sigma", "beyond 3 sigma; run of 8"]})
    assert language.table_labels(chart)["规则"].tolist() == [
        "", "超出 3σ 控制限", "超出 3σ 控制限；连续 8 点同侧"]
    free = pd.DataFrame({"note": ["beyond 3 sigma; whatever else"]})
    assert language.table_labels(free).iloc[0, 0] == "beyond 3 sigma; whatever else"


def test_every_text_the_helpers_show_is_in_the_catalog_translated() -> None:
    """The harvest (tools/translate.py) finds the literals given to language.text, texts,
    translation and plots.label; each has a Chinese entry with the same placeholders."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import translate

    entries = {(e.msgctxt, e.msgid): e for e in _catalog()}
    found = translate.helpers_texts()
    assert len(found) >= 40
    for context, message, place, _ in found:
        entry = entries.get((context, message))
        assert entry is not None and entry.msgstr and "fuzzy" not in entry.flags, \
            (place, message)
        assert _fields(entry.msgstr) == _fields(message), (message, entry.msgstr)
        assert CJK.search(entry.msgstr), (message, entry.msgstr)


def test_the_helpers_tables_speak_chinese() -> None:
    """Tables the lectures show, as a Chinese reader sees them (the data keep English)."""
    from helpers import lifecycle, satisfaction, value

    chinese()
    kano = language.table_labels(satisfaction.KANO_TABLE)
    assert list(kano.columns) == ["喜欢", "理所当然", "无所谓", "能忍受", "不喜欢"]
    assert list(kano.index) == list(kano.columns)                      # the answers, not a class
    assert kano.iloc[1, 4] == "必备型需求" and kano.iloc[0, 4] == "期望型需求"
    moves = lifecycle.stage_transitions(pd.Series(["growth"], index=[1]),
                                        pd.Series(["maturity", "growth"], index=[1, 2]))
    assert list(language.table_labels(moves).index) == ["（新客户）", "客户成长期"]
    whale = language.table_labels(value.whale_summary(pd.Series([50.0, -10.0])).to_frame())
    assert not [r for r in whale.index if re.search(r"[A-Za-z]{3}", r)], list(whale.index)
    steps = value.waterfall_steps(pd.Series({
        "gross_sales": 110.0, "discount": 10.0, "net_sales": 100.0, "cost_of_goods": 60.0,
        "gross_profit": 40.0, "direct_sales": 12.0, "direct_distribution": 0.0,
        "indirect": 0.0, "hard_to_trace": 0.0, "net_profit": 28.0}))
    assert set(language.table_labels(steps)["类型"]) == {"合计", "增减"}
    assert steps["kind"].iloc[0] == "level"                            # the data keep English


# --- flags, headers of one kind of table, tuples of texts, labels to print ---------------------

def test_flags_are_shown_as_yes_and_no_in_chinese() -> None:
    table = pd.DataFrame({"avoidable": [True, False], "customers": [1, 2]})
    assert language.table_labels(table) is table                        # English: as it is
    chinese()
    shown = language.table_labels(table)
    assert shown["可避免"].tolist() == ["是", "否"] and shown["客户数"].tolist() == [1, 2]
    assert table["avoidable"].dtype == bool                              # the data keep flags
    check = pd.Series({"net_gain": 10.0, "worthwhile": np.True_}, dtype=object)
    assert language.table_labels(check).tolist() == [10.0, "是"]       # a flag among numbers
    grouped = pd.Series([3, 5], index=pd.Index([False, True], name="financial"))
    assert list(language.table_labels(grouped).index) == ["否", "是"]


def test_a_header_can_mean_something_else_in_a_table_of_named_rows() -> None:
    """``better`` is which direction is better in the ratio bands (rows by ratio), the Better
    coefficient of a Kano table; ``value`` is an indicator's 数值, a customer's 价值;
    ``frequency`` is a count of repeat purchases, but a segment's 频次 of orders."""
    from helpers import credit

    chinese()
    bands = language.table_labels(credit.ratio_bands()[["better", "unit"]])
    assert list(bands.columns) == ["较优方向", "单位"]
    assert set(bands["较优方向"]) == {"越高越好", "越低越好"}
    kano = pd.DataFrame({"better": [0.5]}, index=pd.Index(["speed"], name="feature"))
    assert list(language.table_labels(kano).columns) == ["Better 系数"]
    scored = pd.DataFrame({"value": [4.0]}, index=pd.Index(["quick_ratio"], name="indicator"))
    assert list(language.table_labels(scored).columns) == ["数值"]
    assert list(language.table_labels(scored.reset_index()).columns) == ["指标", "价值"]
    summary = pd.DataFrame({"frequency": [2]}, index=pd.Index([4], name="customer_id"))
    assert list(language.table_labels(summary).columns) == ["重复购买次数"]
    profile = pd.DataFrame({"frequency": [12.6]}, index=pd.Index([1], name="segment"))
    assert list(language.table_labels(profile).columns) == ["频次"]


def test_texts_may_hold_tuples_whose_chinese_items_stay() -> None:
    known = len(language._FOLLOWING)
    try:
        parts = language.texts({"historical value": ("历史价值", "the value realised so far")})
        chinese()
        assert parts == {"historical value": ("历史价值", "迄今已实现的价值")}
        language.use_language("en")
        assert parts == {"historical value": ("历史价值", "the value realised so far")}
    finally:
        del language._FOLLOWING[known:]
    for bad in ({"a": ("text", 1)}, {"a": ()}, [("a", "b")]):
        with pytest.raises(TypeError, match="english must hold texts only"):
            language.texts(bad)  # type: ignore[arg-type]


def test_a_label_is_english_to_code_and_translated_when_printed() -> None:
    import copy
    import pickle

    band = language.Label("some shift")
    assert band == "some shift" and f"({band})" == "(some shift)" and str(band) == "some shift"
    chinese()
    assert band == "some shift" and band in ["some shift"] and repr(band) == "'some shift'"
    assert f"({band})" == "(轻微偏移)" and str(band) == "轻微偏移" and f"{band:>6}" == "  轻微偏移"
    assert pickle.loads(pickle.dumps(band)).context == "label"
    assert str(copy.deepcopy(band)) == "轻微偏移"
    assert str(language.Label("small", "label:strength")) == "弱"      # not a customer's size
    assert str(language.Label("no such label")) == "no such label"
    with pytest.raises(TypeError, match="english must be text"):
        language.Label(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="context must be text"):
        language.Label("stable", None)  # type: ignore[arg-type]


def test_the_harvest_reads_tuples_of_texts_but_not_their_chinese() -> None:
    import ast
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import translate

    node = ast.parse('{"a": ("历史价值", "the value"), "b": "text", "c": 3}', mode="eval").body
    assert translate._literal_texts(node) == ["the value", "text"]


def _english_words(table: pd.DataFrame | pd.Series) -> list[str]:
    """The cells and headers of a displayed table that are English prose (two words of three
    letters or more), code identifiers and abbreviations aside."""
    frame = table.to_frame() if isinstance(table, pd.Series) else table
    cells = [*map(str, frame.columns), *map(str, frame.index),
             *(str(v) for v in frame.to_numpy().ravel() if isinstance(v, str))]
    return [c for c in cells if len(re.findall(r"(?<![\w`])[A-Za-z]{3,}(?![\w`])", c)) >= 2]


def test_the_tables_of_chapters_07_to_13_speak_chinese() -> None:
    from helpers import clv, credit, dwyer, rating, retention, scorecard, strategy

    chinese()
    shown = language.table_labels(retention.three_degree_model())
    assert list(shown.index) == ["客户满意度", "客户维持度", "客户贡献度"]
    tables = {
        "three_degree_model": retention.three_degree_model(),
        "retention_levels": retention.retention_levels(),
        "churn_prevention": retention.churn_prevention(),
        "VALUE_COMPOSITION": pd.DataFrame(clv.VALUE_COMPOSITION, index=["chinese", "meaning"]).T,
        "CUSTOMER_TYPES": pd.DataFrame(dwyer.CUSTOMER_TYPES, index=["chinese", "model"]).T,
        "clv_components": clv.clv_components(400, 600, 0.8, 0.1, 10),
        "simple_clv": clv.simple_clv(),
        "cohort_clv": clv.cohort_clv().set_index("year").T,
        "ratio_bands": credit.ratio_bands(),
        "five_c_indicators": credit.five_c_indicators().drop(columns="indicator"),
        "risk_classes": rating.risk_classes(),
        "rule": rating.indicator_scheme()[["group", "rule"]],
        "PSI_BANDS": scorecard.PSI_BANDS,
        "ACURA": pd.DataFrame({"chinese": pd.Series(strategy.ACURA),
                               "meaning": pd.Series(strategy.ACTION_MEANING)}),
        "budget_check": strategy.budget_check(100.0, 1000.0, 0.5),
    }
    for name, table in tables.items():
        english = _english_words(language.table_labels(table))
        assert not english, (name, english)
    actions = pd.Series(1, index=pd.Index(list(strategy.ACTIONS), name="action"))
    assert language.table_labels(actions).index[4] == "赢得客户拥护"      # not the ladder rung
    assert strategy.ACURA["up-sell"] == language.text("up-sell", "label:action") == "向上销售"


def test_a_label_means_its_column_in_chapters_07_to_13() -> None:
    """``cash`` is cash in a balance sheet and a cash customer as a credit class; the kinds of
    loss, the events and the legal forms are labels of their columns."""
    chinese()
    sheet = pd.Series([1, 2], index=pd.MultiIndex.from_tuples(
        [("balance sheet", "cash"), ("balance sheet", "receivables")]), name="CNY")
    assert list(language.table_labels(sheet).index) == [("资产负债表", "现金"),
                                                        ("资产负债表", "应收账款")]
    classes = pd.Series([3], index=pd.Index(["cash"], name="credit_class"))
    assert list(language.table_labels(classes).index) == ["现金交易"]
    kinds = pd.DataFrame({"loss_type": ["share shifted", "too little history"],
                          "event": ["order", "hard_to_trace"],
                          "legal_form": ["state_owned", "sole_proprietor"]})
    assert language.table_labels(kinds).to_numpy().tolist() == [
        ["份额转移（暂时流失）", "订单", "国有企业"],
        ["历史数据不足", "难以追溯的成本", "个人独资企业"]]


def test_the_helpers_of_chapters_07_to_13_keep_english_data() -> None:
    """In Chinese the data and the values code compares stay English; only what a reader sees
    is translated."""
    from helpers import btyd, retention, scorecard

    chinese()
    band = scorecard.psi_strength(0.2)
    assert band == "some shift" and str(band) == "轻微偏移"
    summary = pd.DataFrame({"frequency": [0, 1, 2, 3, 4],
                            "monetary_value": [0.0, 20.0, 22.0, 18.0, 21.0]})
    strength = btyd.spend_frequency_correlation(summary)["strength"]
    assert strength == "negligible" and f"{strength}" == "可忽略"
    customers = pd.DataFrame({"customer_id": [1], "acquisition_date": pd.to_datetime(
        ["2021-01-01"]), "lost_date": pd.NaT})
    orders = pd.DataFrame({"customer_id": 1, "order_date": pd.to_datetime(
        ["2022-02-01", "2022-05-01", "2023-03-01"])})
    kinds = retention.loss_type(customers, orders, split="2022-07-01", end="2023-06-30",
                                min_orders=2)
    assert kinds["loss_type"].tolist() == ["share shifted"]
