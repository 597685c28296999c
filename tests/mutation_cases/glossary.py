"""Valid example calls of ``helpers.glossary`` (the English-Chinese terms) for the mutation
test."""

from __future__ import annotations

import contextlib
import io
from typing import Any

from mutation import Case

from helpers import glossary, use_language


def _show_in_chinese(query: Any, chapter: Any) -> Any:
    """``glossary.show`` after ``use_language("zh")``, back in English afterwards."""
    with contextlib.redirect_stdout(io.StringIO()):  # without a CJK font: only a hint
        use_language("zh")
    try:
        return glossary.show(query=query, chapter=chapter)
    finally:
        use_language("en")


def _term(term_aliases: Any, **fields: Any) -> glossary.Term:
    """``glossary.Term`` with its ``aliases`` passed as ``term_aliases`` (``Case`` itself takes
    an ``aliases`` keyword: the other words an error message may use)."""
    return glossary.Term(aliases=term_aliases, **fields)


CASES = [
    Case(glossary.lookup, query="lifetime value"),
    Case(glossary.lookup, query="忠诚"),
    Case(glossary.lookup, query="有形资产"),  # the deck's wording
    Case(glossary.terms, chapter=3),
    Case(glossary.show, query="loyalty", chapter=3),
    Case(glossary.show, query="客户终生价值", chapter=8),
    Case(glossary.show, call=_show_in_chinese, query="客户终身价值", chapter=8),
    Case(glossary.load_terms, path=str(glossary.GLOSSARY_FILE)),
    Case(glossary.Term, call=_term, aliases={"term_aliases": ["aliases"]},
         english="customer lifetime value", chinese="客户终身价值", chapter=8,
         definition="The present value of the profits a customer brings over the relationship.",
         term_aliases=("CLV", "LTV"), deck_term="客户终生价值",
         definition_zh="客户在整个关系期间带来的利润的现值。"),
]
