"""The English–Chinese glossary: contents, search in both directions, and bad input."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import glossary

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
CURRICULUM = Path(__file__).parents[1] / "CURRICULUM.md"
COLUMNS = ["english", "chinese", "chapter", "definition"]


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
        keys = [glossary._key(s) for s in (term.english, term.chinese, *term.aliases)]
        assert len(set(keys)) == len(keys), f"{term.english}: an alias repeats a headword"
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


def test_chinese_is_simplified_as_in_the_curriculum() -> None:
    # a few headwords written exactly as the chapter map writes them
    heads = {t.english: t.chinese for t in glossary.TERMS}
    assert heads["customer lifetime value"] == "客户终生价值"
    assert heads["days sales outstanding"] == "销售变现天数"
    assert heads["receivables turnover period"] == "应收帐款周转期"
    assert heads["mercenary"] == "惟利是图者"


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
    assert glossary.lookup("lifetime value").iloc[0]["chinese"] == "客户终生价值"
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
    ("ＣＬＶ", "customer lifetime value"),  # full-width letters, as typed with a Chinese IME
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

def test_show_returns_a_displayable_table() -> None:
    styled = glossary.show("忠诚")
    frame = styled.data if hasattr(styled, "data") else styled
    pd.testing.assert_frame_equal(frame, glossary.lookup("忠诚"))
    if hasattr(styled, "to_html"):
        html = styled.to_html()
        assert "客户忠诚度" in html and "忠诚" in html
        assert html == glossary.show("忠诚").to_html(), "the HTML must be the same every run"


def test_show_by_chapter_and_both() -> None:
    frame = glossary.show(chapter=11)
    frame = frame.data if hasattr(frame, "data") else frame
    assert (frame["chapter"] == 11).all() and len(frame) == len(glossary.terms(11))
    both = glossary.show("ratio", chapter=11)
    both = both.data if hasattr(both, "data") else both
    assert set(both["english"]) >= {"quick ratio", "financial ratio analysis"}
    assert (both["chapter"] == 11).all()
    with pytest.raises(ValueError):
        glossary.show("ratio", chapter=20)


# --- agreement with the chapter map ---------------------------------------------------------

_CJK_RUN = r"[\u3400-\u4dbf\u4e00-\u9fff]+"
# A Chinese term directly after an English word ("tangibles 有形资产"), or opening a parenthesis
# after deck numbers ("(003, 服务管理矩阵)", "(漏桶比喻, 001)"), with "/"-separated variants.
_AFTER_ENGLISH = re.compile(
    rf"(?:[A-Za-z)'’] |\((?:00\d, )*\"?)({_CJK_RUN}(?:\s*/\s*{_CJK_RUN})*)")


def _curriculum_terms(text: str) -> set[str]:
    words: set[str] = set()
    for match in _AFTER_ENGLISH.finditer(text):
        words.update(re.split(r"\s*/\s*", match.group(1)))
    return words


def test_curriculum_parser_on_a_sample() -> None:
    sample = ("- Five factors (001): tangibles 有形资产, reliability 可信赖感 /\n  可靠度, and the "
              "leaky bucket metaphor (漏桶比喻, 001); matrix (003, 服务管理矩阵); "
              "`000` = 项目二 分析目标客户")
    assert _curriculum_terms(sample) == {"有形资产", "可信赖感", "可靠度", "漏桶比喻",
                                         "服务管理矩阵"}


def test_every_chinese_term_of_the_curriculum_is_findable() -> None:
    """The Chinese key terms of the chapter map (CURRICULUM.md) are all in the glossary."""
    words = _curriculum_terms(CURRICULUM.read_text(encoding="utf-8"))
    assert len(words) > 80, "the term list is suspiciously short"
    missing = sorted(w for w in words if glossary.lookup(w).empty)
    assert not missing, f"terms of the chapter map missing from the glossary: {missing}"
