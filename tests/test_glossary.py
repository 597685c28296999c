"""The English–Chinese glossary: contents, search in both directions, and bad input."""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import glossary, language, use_language

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
ROOT = Path(__file__).parents[1]
CURRICULUM = ROOT / "CURRICULUM.md"
COLUMNS = ["english", "chinese", "deck_term", "chapter", "definition", "definition_zh"]
COLUMNS_ZH = ["chinese", "deck_term", "english", "chapter", "definition_zh", "definition"]
SHOWN = ["english", "chinese", "deck_term", "chapter", "definition"]
SHOWN_ZH = {"chinese": "中文术语", "deck_term": "讲义原词", "english": "英文", "chapter": "章",
            "definition_zh": "释义"}
PROPOSED = "the course's name; the decks give none"


@pytest.fixture
def chinese() -> Iterator[None]:
    """The course in Chinese for one test, back in English afterwards."""
    with contextlib.redirect_stdout(io.StringIO()):  # without a CJK font: a hint, no failure
        use_language("zh")
    try:
        yield
    finally:
        use_language("en")


# --- the data --------------------------------------------------------------------------------

def test_every_chapter_has_at_least_three_terms() -> None:
    counts = pd.Series([t.chapter for t in glossary.TERMS]).value_counts()
    for chapter in range(14):
        assert counts.get(chapter, 0) >= 3, f"chapter {chapter:02d} has too few terms"
    assert set(counts.index) <= set(range(14))


def test_headwords_are_unique() -> None:
    english = [t.english.casefold() for t in glossary.TERMS]
    chinese = [t.chinese for t in glossary.TERMS]
    assert len(set(english)) == len(english), "duplicate English headword"
    assert len(set(chinese)) == len(chinese), "duplicate Chinese headword"


def test_no_spelling_points_to_two_terms() -> None:
    """An alias never equals another term's headword or alias, so an exact match is unique."""
    owner: dict[str, str] = {}
    for term in glossary.TERMS:
        spellings = (term.english, term.chinese, *([term.deck_term] if term.deck_term else []),
                     *term.aliases)
        keys = [glossary._key(s) for s in spellings]
        assert len(set(keys)) == len(keys), (
            f"{term.english}: an alias repeats a headword, or the deck's term is the standard one")
        for key in keys:
            assert owner.setdefault(key, term.english) == term.english, (
                f"{key!r} belongs to both {owner[key]!r} and {term.english!r}")


def test_records_are_well_formed() -> None:
    for term in glossary.TERMS:
        assert CJK.search(term.chinese), f"{term.english}: Chinese headword has no Chinese"
        assert term.english.strip() == term.english and term.english
        assert isinstance(term.chapter, int) and 0 <= term.chapter <= 13
        assert term.definition.endswith("."), f"{term.english}: definition is not a sentence"
        assert len(term.definition) <= 200, f"{term.english}: definition is not short"
        assert isinstance(term.aliases, tuple)
        assert all(isinstance(a, str) and a.strip() for a in term.aliases)
        assert term.definition_zh, f"{term.english}: no Chinese definition"
        assert term.deck_term.strip() == term.deck_term


@pytest.mark.parametrize(("english", "chinese", "deck_term"), [
    ("tangibles", "有形性", "有形资产"),
    ("reliability", "可靠性", "可信赖感"),
    ("responsiveness", "响应性", "责任感"),
    ("assurance", "保证性", "保证"),
    ("empathy", "移情性", "感情"),
    ("credibility", "可信性", "信赖感"),
    ("courtesy", "礼貌", "礼节"),
    ("communication", "沟通", "交流"),
    ("security", "安全性", "保障"),
    ("share of wallet", "钱包份额", "顾客份额"),
    ("customer lifetime value", "客户终身价值", "客户终生价值"),
    ("days sales outstanding", "应收账款周转天数", "销售变现天数"),
    ("receivables turnover period", "应收账款周转期", "应收帐款周转期"),
    ("accounts receivable", "应收账款", "应收帐款"),
    ("mercenary", "唯利是图者", "惟利是图者"),
    ("Pareto principle", "帕累托法则", "帕列托 20/80 法则"),
    ("discount rate", "折现率", "贴现率"),
    ("cost to serve", "客户服务成本", "服务成本"),
    ("gross customer profitability", "客户毛利", "客户总体盈利能力"),
    ("production cost", "产品成本", "生产成本"),
    ("distribution service cost", "物流成本", "分销服务成本"),
    ("prospective customer", "潜在客户", "准客户"),
    ("leaky bucket", "漏桶理论", "漏桶比喻"),
    ("up-selling", "向上销售", "升级产品销售"),
    ("retention strategy", "客户保持战略", "客户维持战略"),
    ("financial bonds", "财务联系", "财务利益"),
    ("5C analysis", "5C 分析法", "“5C”分析法"),
    ("collateral", "抵押", "担保品"),
    ("conditions", "条件", "环境"),
    ("reviewed statements", "经审阅的财务报表", "经审核的报表"),
    ("compiled statements", "代编的财务报表", "汇编报表"),
    ("bad debt", "坏账", "坏帐"),
    ("operating gross margin", "毛利率", "经营毛利率"),
    ("time horizon", "时间范围", "计算的时间长度"),
    ("CRM goals", "CRM 的目标", "CRM 的营销目的"),
    ("long-term relationship", "发展长期关系", "发展一种短期交易"),
    ("meaning of CRM", "CRM 的内涵", "内涵"),
    ("mass customisation", "大规模定制", "大批量定制"),
    ("detach", "疏离放弃", "疏离/放弃"),
])
def test_standard_term_and_the_decks_term(english: str, chinese: str, deck_term: str) -> None:
    """The standard textbook term is the headword and the deck's own wording sits beside it
    (the translation policy, section 1); the deck's wording still finds the term."""
    term = _term(english)
    assert (term.chinese, term.deck_term) == (chinese, deck_term)
    assert glossary.lookup(deck_term).iloc[0]["english"] == english


def test_style_of_the_chinese_headwords() -> None:
    """账 not 帐, 唯 not 惟, 帕累托, 折现 and 终身 in the headwords (the decks' 帐, 惟, 帕列托, 贴现
    and 终生 stay in deck_term and the aliases); 客户 not 顾客 except for the customer/client
    pair and the ladder's rungs."""
    allowed_guke = {"customer", "prospect"}
    for term in glossary.TERMS:
        assert not re.search("帐|惟|帕列托|贴现|终生", term.chinese), term.chinese
        assert "顾客" not in term.chinese or term.english in allowed_guke, term.chinese
        assert not re.search(rf"{CJK.pattern}[A-Za-z]|[A-Za-z]{CJK.pattern}", term.chinese), (
            f"{term.chinese}: a space between Chinese and Latin letters")


# --- terms() ----------------------------------------------------------------------------------

def test_terms_table_shape_and_order() -> None:
    table = glossary.terms()
    assert list(table.columns) == COLUMNS
    assert len(table) == len(glossary.TERMS)
    assert table["chapter"].is_monotonic_increasing
    for _, group in table.groupby("chapter"):
        names = group["english"].str.casefold().tolist()
        assert names == sorted(names)
    assert table.index.equals(pd.RangeIndex(len(table)))


def test_terms_by_chapter() -> None:
    chapter3 = glossary.terms(3)
    assert (chapter3["chapter"] == 3).all()
    assert {"customer loyalty", "loyalty ladder", "hostage"} <= set(chapter3["english"])
    assert chapter3.index.equals(pd.RangeIndex(len(chapter3)))


def test_chapter_may_be_a_numpy_integer() -> None:
    pd.testing.assert_frame_equal(glossary.terms(np.int64(5)), glossary.terms(5))


def test_terms_returns_a_copy() -> None:
    table = glossary.terms()
    table.loc[0, "english"] = "changed"
    assert glossary.terms().loc[0, "english"] != "changed"


@pytest.mark.parametrize("chapter", [-1, 14, 99])
def test_chapter_out_of_range(chapter: int) -> None:
    with pytest.raises(ValueError, match="0 to 13"):
        glossary.terms(chapter)


@pytest.mark.parametrize("chapter", ["3", 3.0, True])
def test_chapter_of_wrong_type(chapter: object) -> None:
    with pytest.raises(TypeError, match="integer"):
        glossary.terms(chapter)  # type: ignore[arg-type]


# --- lookup() ---------------------------------------------------------------------------------

def test_chinese_to_english() -> None:
    found = glossary.lookup("客户终生价值")
    assert found.iloc[0]["english"] == "customer lifetime value"
    assert list(found.columns) == COLUMNS


def test_english_to_chinese() -> None:
    assert glossary.lookup("lifetime value").iloc[0]["chinese"] == "客户终身价值"
    assert glossary.lookup("Net Promoter Score").iloc[0]["chinese"] == "净推荐值"
    assert glossary.lookup("whale curve").iloc[0]["chinese"] == "鲸鱼曲线"


@pytest.mark.parametrize(("query", "english"), [
    ("clv", "customer lifetime value"),
    ("CLTV", "customer lifetime value"),
    ("客户终身价值", "customer lifetime value"),
    ("DSO", "days sales outstanding"),
    ("days sales outstanding", "days sales outstanding"),
    ("应收账款周转天数", "days sales outstanding"),
    ("5C 分析", "5C analysis"),
    ("5c分析", "5C analysis"),
    ("NPS", "Net Promoter Score"),
    ("80/20 rule", "Pareto principle"),
    ("Kaplan-Meier", "Kaplan–Meier survival curve"),
    ("kaplan meier", "Kaplan–Meier survival curve"),
    ("Cronbachs alpha", "Cronbach's alpha"),
    ("k means", "k-means clustering"),
    ("重要性-绩效分析", "importance–performance analysis"),
    ("aging schedule", "ageing schedule"),
    ("behavioral loyalty", "behavioural loyalty"),
    ("唯利是图者", "mercenary"),
    ("惟利是图者", "mercenary"),
    ("ＣＬＶ", "customer lifetime value"),  # full-width letters, as typed with a Chinese IME
    # earlier Chinese headwords of the kit
    ("顾客份额", "share of wallet"),
    ("有形资产", "tangibles"),
    ("绩效", "perceived performance"),
    ("必备属性", "must-be attribute"),
    ("服务质量差距", "SERVQUAL gap"),
    ("克朗巴哈系数", "Cronbach's alpha"),
    ("统计过程监测", "statistical process monitoring"),
    ("潜在顾客", "prospect"),
    ("无忠诚", "no loyalty"),
    ("客户忠诚度指数", "loyalty index"),
    ("产品成本", "production cost"),
    ("直接分销成本", "distribution service cost"),
    ("cost of goods", "production cost"),
    ("direct distribution costs", "distribution service cost"),
    ("分类市场服务策略", "segment service strategy"),
    ("升级销售", "up-selling"),
    ("最近购买时间", "recency"),
    ("维持度", "retention degree"),
    ("暂时流失型", "always-a-share customer"),
    ("贴现率", "discount rate"),
    ("DWYER 方法", "DWYER method"),
    ("检验期", "holdout period"),
    ("剩余终生价值", "residual CLV"),
    ("经审核的报表", "reviewed statements"),
    ("担保品", "collateral"),
    ("信用档案", "credit file"),
    ("大批量定制", "mass customisation"),
    ("客户满意度", "customer satisfaction"),
    ("顾客满意", "customer satisfaction"),
    ("理解顾客", "understanding the customer"),
])
def test_aliases_and_variants(query: str, english: str) -> None:
    found = glossary.lookup(query)
    assert not found.empty
    assert found.iloc[0]["english"] == english


def test_exact_matches_come_first() -> None:
    found = glossary.lookup("客户")
    assert found.iloc[0]["english"] == "client"
    assert len(found) > 20  # and every term containing 客户 follows
    clv = glossary.lookup("CLV")["english"].tolist()
    assert clv[0] == "customer lifetime value"
    assert {"CLV formula", "residual CLV", "referral value"} <= set(clv[1:])


def test_loyalty_search_finds_every_loyalty_term() -> None:
    found = set(glossary.lookup("忠诚")["english"])
    loyalty_terms = {t.english for t in glossary.TERMS if "loyal" in t.english.casefold()}
    assert loyalty_terms <= found
    assert {"customer loyalty", "cognitive loyalty", "affective loyalty",
            "behavioural loyalty", "loyalty ladder", "loyalist"} <= found


def test_search_is_case_and_space_insensitive() -> None:
    a = glossary.lookup("Customer Lifetime Value")
    b = glossary.lookup("  customer   lifetime value ")
    pd.testing.assert_frame_equal(a, b)


def test_no_match_is_an_empty_table_and_silent(capsys: pytest.CaptureFixture[str]) -> None:
    found = glossary.lookup("quantum blockchain")
    assert found.empty
    assert list(found.columns) == COLUMNS
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("query", [None, 42, ["CLV"], b"CLV"])
def test_lookup_rejects_non_strings(query: object) -> None:
    with pytest.raises(TypeError, match="string"):
        glossary.lookup(query)  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "--"])
def test_lookup_rejects_empty_queries(query: str) -> None:
    with pytest.raises(ValueError):
        glossary.lookup(query)


# --- show() -----------------------------------------------------------------------------------

def _data(styled: object) -> pd.DataFrame:
    return styled.data if hasattr(styled, "data") else styled  # type: ignore[union-attr]


def test_show_returns_a_displayable_table() -> None:
    styled = glossary.show("忠诚")
    pd.testing.assert_frame_equal(_data(styled), glossary.lookup("忠诚")[SHOWN])
    if hasattr(styled, "to_html"):
        html = styled.to_html()
        assert "客户忠诚度" in html and "忠诚" in html
        assert "Glossary 术语表 · “忠诚”" in html
        assert html == glossary.show("忠诚").to_html(), "the HTML must be the same every run"


def test_show_by_chapter_and_both() -> None:
    frame = _data(glossary.show(chapter=11))
    assert (frame["chapter"] == 11).all() and len(frame) == len(glossary.terms(11))
    both = _data(glossary.show("ratio", chapter=11))
    assert set(both["english"]) >= {"quick ratio", "financial ratio analysis"}
    assert (both["chapter"] == 11).all()
    with pytest.raises(ValueError):
        glossary.show("ratio", chapter=20)


def test_show_in_english_lists_the_decks_term() -> None:
    row = _data(glossary.show("tangibles")).iloc[0]
    assert row.tolist() == ["tangibles", "有形性", "有形资产", 2, _term("tangibles").definition]


# --- Chinese ----------------------------------------------------------------------------------

def test_lookup_and_terms_in_chinese_put_the_chinese_columns_first(chinese: None) -> None:
    assert language.current() == "zh"
    found = glossary.lookup("DSO")
    assert list(found.columns) == COLUMNS_ZH
    assert found.iloc[0][["chinese", "deck_term", "english"]].tolist() == [
        "应收账款周转天数", "销售变现天数", "days sales outstanding"]
    assert list(glossary.terms(4).columns) == COLUMNS_ZH
    assert list(glossary.lookup("quantum blockchain").columns) == COLUMNS_ZH
    # the same rows in the same order as in English, only the columns move
    chinese_table = glossary.terms()
    use_language("en")
    pd.testing.assert_frame_equal(chinese_table[COLUMNS], glossary.terms())


def test_show_in_chinese(chinese: None) -> None:
    styled = glossary.show("有形")
    frame = _data(styled)
    assert list(frame.columns) == list(SHOWN_ZH.values())
    expected = glossary.lookup("有形")[list(SHOWN_ZH)].rename(columns=SHOWN_ZH)
    pd.testing.assert_frame_equal(frame, expected)
    first = frame.iloc[0]
    assert first.tolist() == ["有形性", "有形资产", "tangibles", 2,
                              _term("tangibles").definition_zh]
    if hasattr(styled, "to_html"):
        html = styled.to_html()
        assert f"术语表 · “有形” · 共 {len(frame)} 个术语" in html
        assert "Glossary" not in html and "definition" not in html
        assert html == glossary.show("有形").to_html(), "the HTML must be the same every run"
        assert html != _english_html("有形"), "the two languages need different ids"


def _english_html(query: str) -> str:
    use_language("en")
    try:
        return glossary.show(query).to_html()
    finally:
        with contextlib.redirect_stdout(io.StringIO()):
            use_language("zh")


def test_show_in_chinese_by_chapter(chinese: None) -> None:
    styled = glossary.show(chapter=5)
    frame = _data(styled)
    assert (frame["章"] == 5).all() and len(frame) == len(glossary.terms(5))
    if hasattr(styled, "caption"):
        assert styled.caption == f"术语表 · 第 05 章 · 共 {len(frame)} 个术语"


def test_the_chinese_fixture_switches_back() -> None:
    assert language.current() == "en"
    assert list(glossary.terms().columns) == COLUMNS


# --- agreement with the chapter map ---------------------------------------------------------

_CJK_RUN = r"[\u3400-\u4dbf\u4e00-\u9fff]+"
# A Chinese term directly after an English word ("tangibles 有形资产"), or opening a parenthesis
# after deck numbers ("(003, 服务管理矩阵)", "(漏桶比喻, 001)"), with "/"-separated variants.
_AFTER_ENGLISH = re.compile(
    rf"(?:[A-Za-z)'’] |\((?:00\d, )*\"?)({_CJK_RUN}(?:\s*/\s*{_CJK_RUN})*)")


# A quotation right after the term belongs to it (客户维持的“魔术模式”); after a deck's chapter
# (第二章“为企业创造价值”, 第五讲“…”, 项目二“…”) it is a title, and the whole is no term.
_QUOTED = re.compile(r"“[^”]*”")
_CHAPTER = re.compile(r"第\S+[章讲]|项目\S+")


def _curriculum_terms(text: str) -> set[str]:
    words: set[str] = set()
    for match in _AFTER_ENGLISH.finditer(text):
        found = re.split(r"\s*/\s*", match.group(1))
        quoted = _QUOTED.match(text, match.end())
        if quoted:
            if _CHAPTER.fullmatch(found[-1]):
                continue
            found[-1] += quoted.group(0)
        words.update(found)
    return words


def test_curriculum_parser_on_a_sample() -> None:
    sample = ("- Five factors (001): tangibles 有形资产, reliability 可信赖感 /\n  可靠度, and the "
              "leaky bucket metaphor (漏桶比喻, 001); matrix (003, 服务管理矩阵); "
              "`000` = 项目二 分析目标客户; four steps (003, 第二章“为企业创造价值”, 具体步骤); "
              "the slide (客户维持的“魔术模式”) is lost")
    assert _curriculum_terms(sample) == {"有形资产", "可信赖感", "可靠度", "漏桶比喻",
                                         "服务管理矩阵", "客户维持的“魔术模式”"}


def test_every_chinese_term_of_the_curriculum_is_findable() -> None:
    """The Chinese key terms of the chapter map (CURRICULUM.md) are all in the glossary."""
    words = _curriculum_terms(CURRICULUM.read_text(encoding="utf-8"))
    assert len(words) > 80, "the term list is suspiciously short"
    missing = sorted(w for w in words if glossary.lookup(w).empty)
    assert not missing, f"terms of the chapter map missing from the glossary: {missing}"


# --- the glossary file ------------------------------------------------------------------------

def test_the_terms_come_from_the_glossary_file() -> None:
    assert glossary.load_terms() == glossary.TERMS
    assert glossary.GLOSSARY_FILE.name == "glossary.csv"


GOOD = "x,甲,,2,A definition.,一个定义。,"


@pytest.mark.parametrize("rows, message", [
    (["x,甲,,2,,一个定义。,"], "line 2: definition is empty"),
    ([",甲,,2,A definition.,一个定义。,"], "line 2: english is empty"),
    (["x,,,2,A definition.,一个定义。,"], "line 2: chinese is empty"),
    (["x,甲,,two,A definition.,一个定义。,"], "line 2: chapter must be a whole number, got 'two'"),
    (["x,甲,,14,A definition.,一个定义。,"], "line 2: chapter must be from 0 to 13, got 14"),
    ([GOOD, "y,乙,,2,A definition.,,"], "line 3: definition_zh is empty"),
    ([GOOD, "y,乙,,2,A definition.,A definition.,"],
     "line 3: definition_zh has no Chinese characters"),
    ([GOOD, "y,乙,,2,A definition.,一个定义。,", "X,丙,,2,A definition.,一个定义。,"],
     "line 4: english headword 'X' is already on line 2"),
    ([GOOD, "y,甲,,2,A definition.,一个定义。,"],
     "line 3: chinese headword '甲' is already on line 2"),
])
def test_a_broken_glossary_file_names_the_line(tmp_path: Path, rows: list[str],
                                               message: str) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text("\n".join([",".join(glossary.FILE_COLUMNS), *rows]) + "\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        glossary.load_terms(path)


def test_the_glossary_file_may_be_named_by_a_string_but_must_exist(tmp_path: Path) -> None:
    assert glossary.load_terms(str(glossary.GLOSSARY_FILE)) == glossary.TERMS
    with pytest.raises(ValueError, match="is not a file"):
        glossary.load_terms(tmp_path / "no_such_glossary.csv")
    with pytest.raises(ValueError, match="is not a file"):
        glossary.load_terms(tmp_path)
    with pytest.raises(TypeError, match="path must be"):
        glossary.load_terms(None)  # type: ignore[arg-type]


def test_a_good_glossary_file_and_a_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text(",".join(glossary.FILE_COLUMNS) + "\n" + GOOD + "有形资产|x2\n",
                    encoding="utf-8")
    assert glossary.load_terms(path) == (
        glossary.Term("x", "甲", 2, "A definition.", ("有形资产", "x2"),
                      definition_zh="一个定义。"),)
    path.write_text("english,chinese\nx,甲\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"missing column\(s\)"):
        glossary.load_terms(path)


_GOOD_TERM = {"english": "tangibles", "chinese": "有形性", "chapter": 2,
              "definition": "The physical evidence of a service.", "aliases": ("有形因素",),
              "deck_term": "有形资产", "definition_zh": "服务的有形证据。"}


@pytest.mark.parametrize(("field", "value", "error", "message"), [
    ("chapter", 14, ValueError, "chapter must be from 0 to 13"),
    ("chapter", -1, ValueError, "chapter must be from 0 to 13"),
    ("chapter", 2.5, TypeError, "chapter must be an integer"),
    ("chapter", 2.0, TypeError, "chapter must be an integer"),
    ("chapter", "2", TypeError, "chapter must be an integer"),
    ("chapter", True, TypeError, "chapter must be an integer"),
    ("chapter", None, TypeError, "chapter must be an integer"),
    ("english", "", ValueError, "english is empty"),
    ("english", "   ", ValueError, "english is empty"),
    ("english", None, TypeError, "english must be text"),
    ("chinese", "", ValueError, "chinese is empty"),
    ("chinese", 5, TypeError, "chinese must be text"),
    ("definition", "", ValueError, "definition is empty"),
    ("definition", b"bytes", TypeError, "definition must be text"),
    ("aliases", "有形因素", TypeError, "got a bare string"),
    ("aliases", ["有形因素"], TypeError, "aliases must be a tuple"),
    ("aliases", None, TypeError, "aliases must be a tuple"),
    ("aliases", ("有形因素", 3), TypeError, "aliases must all be strings"),
    ("aliases", ("有形因素", " "), ValueError, "aliases must not be empty"),
    ("deck_term", None, TypeError, "deck_term must be text"),
    ("definition_zh", 1, TypeError, "definition_zh must be text"),
])
def test_a_term_built_directly_refuses_bad_fields(field: str, value: object,
                                                  error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        glossary.Term(**(_GOOD_TERM | {field: value}))


def test_a_term_built_directly_accepts_good_fields() -> None:
    term = glossary.Term(**(_GOOD_TERM | {"chapter": np.int64(2)}))
    assert term.chapter == 2 and type(term.chapter) is int
    assert term == glossary.Term(**_GOOD_TERM)
    bare = glossary.Term("x", "甲", 0, "A definition.")
    assert (bare.aliases, bare.deck_term, bare.definition_zh) == ((), "", "")


def test_every_decks_term_and_alias_finds_its_term_first() -> None:
    """Every spelling in the file (the deck's wording and each alias) finds its own term as the
    first row of :func:`glossary.lookup`."""
    for term in glossary.TERMS:
        for spelling in filter(None, (term.deck_term, *term.aliases)):
            assert glossary.lookup(spelling).iloc[0]["english"] == term.english, (
                f"{spelling!r} does not find {term.english!r} first")
        if term.deck_term:
            assert glossary._key(term.deck_term) != glossary._key(term.chinese), (
                f"{term.english}: deck_term repeats the standard term")


def test_every_glossary_lookup_of_the_notebooks_finds_a_term() -> None:
    """The spellings the lecture and solution notebooks look up are all in the glossary."""
    queries: set[str] = set()
    for path in [*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("solutions/*.ipynb")]:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            queries.update(re.findall(r"glossary\.(?:lookup|show)\(\s*\"([^\"]+)\"", source))
    queries.discard("...")
    assert queries, "no glossary.lookup in the notebooks"
    missing = sorted(q for q in queries if glossary.lookup(q).empty)
    assert not missing, f"notebooks look up spellings the glossary lacks: {missing}"


# --- the terms the translation policy lists ---------------------------------------------------

@pytest.mark.parametrize(("chinese", "english", "chapter"), [
    ("强力督办系统", "strong follow-up system", 7),
    ("预测系统", "forecasting system", 7),
    ("准客户", "prospective customer", 8),
    ("潜在客户", "prospective customer", 8),
    ("销售折扣", "sales discounts", 4),
    ("生产成本", "production cost", 4),
    ("分销服务成本", "distribution service cost", 4),
    ("还款能力", "ability to repay", 12),
    ("偿债能力", "solvency", 12),
    ("百分制", "100-point scale", 12),
    ("贵族型客户", "carriage trade", 4),
    ("被动型客户", "passive customer", 4),
    ("廉价型客户", "bargain basement", 4),
    ("进攻型客户", "aggressive customer", 4),
    ("投资改进", "invest to improve", 5),
    ("加大投资", "invest for growth", 5),
    ("维持", "maintain", 5),
    ("疏离放弃", "detach", 5),
    ("疏离/放弃", "detach", 5),
    ("投资或舍弃", "decide", 5),
    ("冠军客户", "champions", 5),
    ("忠诚客户", "loyal customers", 5),
    ("忠诚潜力客户", "potential loyalists", 5),
    ("新客户", "new customers", 5),
    ("需关注客户", "need attention", 5),
    ("即将沉睡客户", "about to sleep", 5),
    ("高危流失客户", "at risk", 5),
    ("休眠客户", "hibernating", 5),
    ("已流失客户", "lost customers", 5),
    ("中立者", "passive", 1),
    ("差距模型", "gap model", 2),
    ("过度投入区", "possible overkill", 2),
    ("意向忠诚", "conative loyalty", 3),
    ("满意—忠诚矩阵", "satisfaction–loyalty matrix", 3),
    ("发展长期关系", "long-term relationship", 0),
    ("发展一种短期交易", "long-term relationship", 0),
    ("内涵", "meaning of CRM", 0),
    ("CRM的目标", "CRM goals", 0),
    ("CRM的营销目的", "CRM goals", 0),
    ("高度满意", "delighted", 1),
    ("delighted", "delighted", 1),
    ("满意", "satisfied", 1),
    ("低于、符合、超出期望", "outcome bands", 1),
    ("exceeds expectation", "outcome bands", 1),
    ("胜任能力", "competence", 2),
    ("“80/20”原理的管理策略", "80/20 management strategy", 4),
    ("客户基础", "customer base", 4),
    ("营收贡献", "revenue contribution", 4),
    ("经营表现指标", "performance indicators", 5),
    ("KPI", "performance indicators", 5),
    ("利润回报", "profit return", 5),
    ("确定最终的服务策略计划", "final service plan", 5),
    ("所需投入的成本", "cost of selective improvement", 5),
    ("重点客户群体", "priority group", 5),
    ("定位", "positioning", 5),
    ("进一步行动", "segmentation worksheet", 5),
    ("折现因子", "discount factor", 8),
    ("购买直至流失模型", "BTYD models", 10),
    ("交叉验证", "cross-validation", 12),
    ("轻微偏移", "some shift", 12),
    ("标准化服务", "standardised service", 13),
    ("流失客户赢回", "win-back", 13),
    ("客户损益账户", "customer P&L account", 9),
    ("客户生命周期的特点及激励措施", "lifecycle features and incentives", 6),
])
def test_the_terms_of_the_translation_policy_are_present(chinese: str, english: str,
                                                          chapter: int) -> None:
    found = glossary.lookup(chinese).iloc[0]
    assert (found["english"], found["chapter"]) == (english, chapter)


def test_ability_to_repay_is_not_solvency() -> None:
    repay, solvency = _term("ability to repay"), _term("solvency")
    assert repay.chinese == "还款能力" and solvency.chinese == "偿债能力"
    assert "ability to repay" not in solvency.aliases
    assert "还款能力" in solvency.definition and "偿债能力" in repay.definition_zh


def test_ability_to_repay_is_the_core_of_the_rating_scheme() -> None:
    repay = _term("ability to repay")
    assert "as they fall due" in repay.definition
    assert "《产业市场营销与客户管理》" in repay.definition
    assert "《产业市场营销与客户管理》" in repay.definition_zh
    assert "信用履约记录" in repay.definition_zh


def test_delighted_is_an_outcome_not_the_level_surprise() -> None:
    """高度满意 (performance above expectation) is a row of Kotler's table; 惊喜 is one of the
    five kinds of satisfaction of 《客户管理》第三章: two terms, no shared spelling."""
    delighted, satisfied, surprise = _term("delighted"), _term("satisfied"), _term("surprise")
    assert (delighted.chinese, satisfied.chinese, surprise.chinese) == ("高度满意", "满意", "惊喜")
    assert glossary.lookup("delighted").iloc[0]["english"] == "delighted"
    assert not {"delighted", "delight"} & set(surprise.aliases)
    assert "high satisfaction" in delighted.aliases  # the old headword stays findable
    assert "exceeds expectation" in delighted.definition
    assert "equals expectation" in satisfied.definition
    assert delighted.chapter == satisfied.chapter == _term("outcome bands").chapter == 1


def test_the_outcome_bands_are_the_rows_of_kotlers_table() -> None:
    bands = _term("outcome bands")
    assert bands.chinese == "低于、符合、超出期望"
    for band in ("below expectation", "meets expectation", "exceeds expectation"):
        assert glossary.lookup(band).iloc[0]["english"] == "outcome bands"
    assert "performance–expectation table" in bands.definition
    assert "disconfirmation score" in bands.definition


def test_the_levels_of_satisfaction_are_kinds_not_grades() -> None:
    levels = _term("levels of satisfaction")
    assert "grade" not in levels.definition.replace("rather than a grade", "")
    assert "kinds" in levels.definition and "五种满意" in levels.definition_zh
    for kind in ("满足", "愉快", "解脱", "新奇", "惊喜"):
        assert kind in levels.definition_zh
    assert "层次" not in levels.definition_zh.replace("满意的层次", "")


def test_competence_is_a_determinant_the_deck_leaves_out() -> None:
    competence = _term("competence")
    assert (competence.chinese, competence.deck_term, competence.chapter) == ("胜任能力", "", 2)
    assert "Parasuraman" in competence.definition and "missing from the deck" in (
        competence.definition)


def test_the_satisfaction_loyalty_curve_is_the_courses_reading() -> None:
    """The deck's figure is lost: the flat-then-steep shape is the course's reading after Jones
    & Sasser (1995), in both languages, not a statement of fact."""
    curve = _term("satisfaction–loyalty relationship")
    assert "figure is lost" in curve.definition and "Jones & Sasser (1995)" in curve.definition
    assert "course reads" in curve.definition
    assert "缺失" in curve.definition_zh and "Jones 和 Sasser（1995）" in curve.definition_zh


def test_the_step_4_terms_of_the_segment_service_strategy() -> None:
    """Phase 2 and 3 of step 4 (第二章“为企业创造价值”) and the contents of the final plan."""
    plan = _term("final service plan")
    assert plan.chinese == "确定最终的服务策略计划" and plan.chapter == 5
    for part in ("定位", "经营表现指标", "客户群体", "客户终身价值"):
        assert part in plan.definition_zh
    for english in ("positioning", "priority group", "performance indicators"):
        assert "final service plan" in _term(english).definition
    assert PROPOSED in _term("priority group").definition
    assert "Phase 2 of step 4" in _term("cost of selective improvement").definition
    assert _term("profit return").chinese == "利润回报"
    assert "lost" in _term("profit return").definition


def test_the_axes_of_the_pareto_figure_and_the_80_20_strategy() -> None:
    for english, chinese in (("customer base", "客户基础"), ("revenue contribution", "营收贡献")):
        term = _term(english)
        assert (term.chinese, term.chapter) == (chinese, 4)
        assert "第二章“为企业创造价值”" in term.definition and "lost" in term.definition
    strategy = _term("80/20 management strategy")
    assert (strategy.chinese, strategy.chapter) == ("“80/20”原理的管理策略", 4)
    assert "reallocate marketing effort" in strategy.definition
    assert "《产业市场营销与客户管理》" in strategy.definition


def test_inventory_turnover_is_the_helpers_year_end_ratio() -> None:
    """The glossary defines inventory turnover as ``helpers.credit`` computes it: over year-end
    inventory, with the textbooks' average-inventory variant named as the other convention."""
    from helpers import credit

    term = _term("inventory turnover")
    assert "year-end inventory" in credit.RATIOS.loc["inventory_turnover", "formula"]
    assert term.definition.startswith("Cost of sales divided by year-end inventory")
    assert "average of opening and closing inventory" in term.definition
    assert "年末存货" in term.definition_zh and "平均值" in term.definition_zh


def test_the_strong_follow_up_system_is_the_decks_measure() -> None:
    term = _term("strong follow-up system")
    assert "escalation" not in _term("churn prevention").definition
    assert "strong follow-up" in _term("churn prevention").definition
    assert glossary.lookup("升级处理制度").iloc[0]["english"] == term.english


def test_proposed_terms_say_so() -> None:
    """Names the course had to coin are marked in both definitions."""
    proposed = [t for t in glossary.TERMS if PROPOSED in t.definition]
    assert len(proposed) >= 25
    for term in proposed:
        assert "课程自拟名称，讲义未给出" in term.definition_zh, term.english
    for english in ("carriage trade", "detach", "champions", "stable", "win-back",
                    "collection effectiveness index", "long-term relationship"):
        assert _term(english) in proposed, english


def test_customer_and_client_explain_the_decks_distinction() -> None:
    customer, client = _term("customer"), _term("client")
    assert (customer.chinese, client.chinese) == ("顾客", "客户")
    for term in (customer, client):
        assert "顾客" in term.definition and "客户" in term.definition
        assert "第二章“为企业创造价值”" in term.definition_zh
        assert "顾客" in term.definition_zh and "客户" in term.definition_zh
    assert "没有名字" in customer.definition_zh and "专人" in client.definition_zh


# --- the Chinese definitions ------------------------------------------------------------------

_HALF_WIDTH_NEXT_TO_CHINESE = re.compile(
    rf"{CJK.pattern}[,.;:!?()\"]|[,.;:!?()\"]{CJK.pattern}")
_NO_SPACE = re.compile(rf"{CJK.pattern}[A-Za-z0-9]|[A-Za-z0-9]{CJK.pattern}")


def test_chinese_definitions_follow_the_style_policy() -> None:
    """One Chinese sentence per term: Chinese characters, full-width punctuation, a space
    between Chinese and Latin letters or numbers, 账 not 帐 and 客户 not 顾客 outside quotations
    (顾客 only for the customer/client pair and the ladder's rungs)."""
    for term in glossary.TERMS:
        text = term.definition_zh
        assert CJK.search(text), f"{term.english}: no Chinese"
        assert text.endswith("。") and text.count("。") == 1, f"{term.english}: one sentence"
        assert not _HALF_WIDTH_NEXT_TO_CHINESE.search(text), f"{term.english}: {text}"
        assert not _NO_SPACE.search(text), f"{term.english}: missing space in {text}"
        unquoted = re.sub(r"“[^”]*”", "", text)
        assert not re.search("帐|惟|帕列托|贴现|终生", unquoted), f"{term.english}: {text}"
        if term.english not in {"customer", "client", "prospect", "loyalty ladder"}:
            assert "顾客" not in unquoted, f"{term.english}: 客户, not 顾客"


def test_chinese_definitions_are_not_the_english_ones() -> None:
    for term in glossary.TERMS:
        assert term.definition_zh != term.definition
        assert len(re.findall(r"[A-Za-z]+", term.definition_zh)) <= 6, term.english


def _term(english: str) -> glossary.Term:
    return next(t for t in glossary.TERMS if t.english == english)
