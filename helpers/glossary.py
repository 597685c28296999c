"""The English–Chinese terms of the course (课程术语表), searchable in either language.

Every key term of the chapter map and of the lecture decks is here, plus the standard terms of
the methods the course adds, each with the chapter that first teaches it, a one-sentence
definition in English and in Chinese, and other spellings (abbreviations, British and American
spellings, other Chinese wordings) as aliases. Two Chinese columns keep the decks and the
textbooks apart:

* ``chinese`` — the standard mainland textbook term the course uses (有形性, 客户终身价值,
  应收账款周转天数), following the course's translation policy;
* ``deck_term`` — the lecture decks' own wording where it differs (有形资产, 客户终生价值,
  销售变现天数); empty where the deck says the same or says nothing.

Earlier Chinese headwords of the kit stay findable as aliases. Terms that the course had to
name itself say so in their definition ("the course's name; the decks give none").

::

    from helpers import glossary
    glossary.lookup("客户终生价值")     # the deck's wording → the term
    glossary.lookup("clv")              # abbreviation → term
    glossary.terms(chapter=3)           # every term of chapter 03
    glossary.show("忠诚")                # a styled table for a notebook: every loyalty term

After ``helpers.use_language("zh")`` the tables put the Chinese columns first and
:func:`show` prints the Chinese term, the deck's term, the English term, the chapter and the
Chinese definition under Chinese headers.

Searching ignores case, spaces, hyphens and dashes, apostrophes and full-width forms, so
``"k means"``, ``"K-Means"`` and ``"kmeans"`` find the same term.

>>> lookup("有形资产").loc[0, ["english", "chinese", "deck_term"]].tolist()
['tangibles', '有形性', '有形资产']
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from numbers import Integral
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import language

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

__all__ = ["Term", "TERMS", "FIRST_CHAPTER", "LAST_CHAPTER", "terms", "lookup", "show",
           "load_terms"]

FIRST_CHAPTER, LAST_CHAPTER = 0, 13

COLUMNS = ["english", "chinese", "deck_term", "chapter", "definition", "definition_zh"]
"""The columns of :func:`terms` and :func:`lookup` (in English; in Chinese
:data:`COLUMNS_ZH`)."""

COLUMNS_ZH = ["chinese", "deck_term", "english", "chapter", "definition_zh", "definition"]
"""The same columns, Chinese first, as :func:`terms` and :func:`lookup` return them after
``use_language("zh")``."""

SHOW_COLUMNS = {
    "en": {"english": "english", "chinese": "chinese", "deck_term": "deck_term",
           "chapter": "chapter", "definition": "definition"},
    "zh": {"chinese": "中文术语", "deck_term": "讲义原词", "english": "英文", "chapter": "章",
           "definition_zh": "释义"},
}
"""The columns :func:`show` displays in each language, with their headers."""

GLOSSARY_FILE = Path(__file__).resolve().parent / "glossary.csv"
"""The terms, one row each: ``english, chinese, deck_term, chapter, definition,
definition_zh, aliases`` (aliases joined by ``|``). Instructors and translators edit it in a
spreadsheet; :func:`load_terms` checks it when the glossary is first used."""

FILE_COLUMNS = ["english", "chinese", "deck_term", "chapter", "definition", "definition_zh",
                "aliases"]

REQUIRED = ["english", "chinese", "chapter", "definition", "definition_zh"]
"""The columns every row of the glossary file must fill (``deck_term`` and ``aliases`` may be
empty)."""

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _check_chapter(chapter: object) -> int:
    """``chapter`` as an ``int``, checked: a whole number (not a bool) from 0 to 13."""
    if isinstance(chapter, bool) or not isinstance(chapter, Integral):
        raise TypeError(f"chapter must be an integer from {FIRST_CHAPTER} to {LAST_CHAPTER}, "
                        f"got {type(chapter).__name__} {chapter!r}")
    if not FIRST_CHAPTER <= chapter <= LAST_CHAPTER:
        raise ValueError(f"chapter must be from {FIRST_CHAPTER} to {LAST_CHAPTER} "
                         f"(the course's chapters 00–13), got {chapter}")
    return int(chapter)


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry: headwords in both languages, first chapter, definitions, aliases.

    ``chinese`` is the standard Chinese term the course uses; ``deck_term`` is the lecture
    decks' own wording where it differs (e.g. 有形性 and the deck's 有形资产); ``definition_zh``
    is the Chinese definition.

    A term built directly is checked like a row of the glossary file: ``english``,
    ``chinese`` and ``definition`` non-empty text, ``chapter`` a whole number from 0 to 13,
    ``aliases`` a tuple of non-empty strings (a bare string is refused: its letters would be
    indexed one by one), ``deck_term`` and ``definition_zh`` text (empty allowed). Bad fields
    raise ``TypeError`` or ``ValueError`` naming the field.

    >>> Term("tangibles", "有形性", 2, "The physical evidence of a service.",
    ...      deck_term="有形资产", definition_zh="服务的有形证据。").deck_term
    '有形资产'
    >>> Term("tangibles", "有形性", 2, "The physical evidence of a service.", aliases="有形")
    Traceback (most recent call last):
    ...
    TypeError: aliases must be a tuple of strings such as ('有形',), got a bare string '有形'
    """

    english: str
    chinese: str
    chapter: int
    definition: str
    aliases: tuple[str, ...] = ()
    deck_term: str = ""
    definition_zh: str = ""

    def __post_init__(self) -> None:
        for name in ("english", "chinese", "definition"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise TypeError(f"{name} must be text, got {type(value).__name__} {value!r}")
            if not value.strip():
                raise ValueError(f"{name} is empty: a term needs its {name}")
        for name in ("deck_term", "definition_zh"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise TypeError(f"{name} must be text (empty if there is none), got "
                                f"{type(value).__name__} {value!r}")
        # frozen: normalise a numpy integer to int through object.__setattr__
        object.__setattr__(self, "chapter", _check_chapter(self.chapter))
        aliases = self.aliases
        if isinstance(aliases, str):
            raise TypeError(f"aliases must be a tuple of strings such as ({aliases!r},), got a "
                            f"bare string {aliases!r}")
        if not isinstance(aliases, tuple):
            raise TypeError(f"aliases must be a tuple of strings, got {type(aliases).__name__} "
                            f"{aliases!r}")
        for alias in aliases:
            if not isinstance(alias, str):
                raise TypeError(f"aliases must all be strings, got {type(alias).__name__} "
                                f"{alias!r}")
            if not alias.strip():
                raise ValueError(f"aliases must not be empty strings, got {aliases!r}")


def load_terms(path: str | os.PathLike[str] = GLOSSARY_FILE) -> tuple[Term, ...]:
    """The terms of the glossary file, checked: the columns present; every row with an English
    and a Chinese headword, a definition in each language (the Chinese one with Chinese
    characters) and a chapter from 00 to 13; no English or Chinese headword twice. Errors name
    the line of the file. ``path`` is a ``Path`` or a string; a path that is not a file raises
    ``ValueError``.

    >>> terms_ = load_terms()
    >>> len(terms_) > 350, all(t.definition_zh for t in terms_)
    (True, True)
    """
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be the glossary file's path (a Path or a string), got "
                        f"{type(path).__name__} {path!r}")
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"path {str(path)!r} is not a file: give the path of a glossary CSV "
                         f"such as {GLOSSARY_FILE.name}")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in FILE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path.name} is missing column(s) {missing}")
        found: list[Term] = []
        first_line: dict[tuple[str, str], int] = {}
        for line, row in enumerate(reader, start=2):
            where = f"{path.name}, line {line}"
            for column in REQUIRED:
                if not (row[column] or "").strip():
                    raise ValueError(f"{where}: {column} is empty")
            try:
                chapter = int(row["chapter"])
            except ValueError:
                raise ValueError(f"{where}: chapter must be a whole number, got "
                                 f"{row['chapter']!r}") from None
            if not FIRST_CHAPTER <= chapter <= LAST_CHAPTER:
                raise ValueError(f"{where}: chapter must be from {FIRST_CHAPTER} to "
                                 f"{LAST_CHAPTER}, got {chapter}")
            if not _CJK.search(row["definition_zh"]):
                raise ValueError(f"{where}: definition_zh has no Chinese characters")
            term = Term(row["english"].strip(), row["chinese"].strip(), chapter,
                        row["definition"].strip(),
                        tuple(a.strip() for a in (row["aliases"] or "").split("|")
                              if a.strip()),
                        deck_term=(row["deck_term"] or "").strip(),
                        definition_zh=row["definition_zh"].strip())
            for column, value in (("english", term.english.casefold()),
                                  ("chinese", term.chinese)):
                earlier = first_line.setdefault((column, value), line)
                if earlier != line:
                    raise ValueError(f"{where}: {column} headword {getattr(term, column)!r} "
                                     f"is already on line {earlier}")
            found.append(term)
    return tuple(found)


TERMS: tuple[Term, ...] = load_terms()
"""Every term of the course, in the order of the glossary file."""

# --- searching -----------------------------------------------------------------------------

_IGNORED = re.compile(r"[\s\-‐‑‒–—―－'’‘`´·・]+")


def _key(text: str) -> str:
    """Normalise text for matching: NFKC, case-folded, without spaces, dashes or apostrophes."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text).casefold())


@cache
def _index() -> tuple[tuple[Term, frozenset[str]], ...]:
    return tuple((t, frozenset(_key(s) for s in (t.english, t.chinese, t.deck_term, *t.aliases)
                               if s))
                 for t in TERMS)


@cache
def _table() -> pd.DataFrame:
    frame = pd.DataFrame([[t.english, t.chinese, t.deck_term, t.chapter, t.definition,
                           t.definition_zh] for t in TERMS], columns=COLUMNS)
    frame = frame.astype({c: "str" for c in COLUMNS if c != "chapter"} | {"chapter": "int64"})
    order = frame.assign(_e=frame["english"].str.casefold()).sort_values(
        ["chapter", "_e"], kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def _in_language(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its columns in the order of the course's language."""
    return table[COLUMNS_ZH if language.current() == "zh" else COLUMNS]


def _frame(selected: list[Term]) -> pd.DataFrame:
    table = _table()
    position = {e: i for i, e in enumerate(table["english"])}
    return _in_language(table.iloc[[position[t.english] for t in selected]]
                        .reset_index(drop=True))


def terms(chapter: int | None = None) -> pd.DataFrame:
    """The glossary as a table, sorted by chapter and then by English term.

    Columns ``english``, ``chinese`` (the standard term), ``deck_term`` (the decks' wording
    where it differs, else empty), ``chapter`` (where the term is first taught),
    ``definition`` and ``definition_zh``; after ``use_language("zh")`` the same columns come
    Chinese first (:data:`COLUMNS_ZH`). With ``chapter`` (0–13) only that chapter's terms are
    returned; a chapter outside 0–13 raises ``ValueError``.

    >>> chapter_11 = terms(11)
    >>> chapter_11.columns.tolist()
    ['english', 'chinese', 'deck_term', 'chapter', 'definition', 'definition_zh']
    >>> dso = chapter_11.set_index("english").loc["days sales outstanding"]
    >>> dso["chinese"], dso["deck_term"]
    ('应收账款周转天数', '销售变现天数')
    """
    table = _table()
    if chapter is not None:
        chapter = _check_chapter(chapter)
        table = table[table["chapter"] == chapter].reset_index(drop=True)
    return _in_language(table.copy())


def lookup(query: str) -> pd.DataFrame:
    """Find terms in either language by their English or Chinese headword, the decks' wording
    or an alias.

    Matching ignores case, spaces, hyphens, dashes and apostrophes. Exact matches come first,
    then terms that contain the query (both groups in chapter order): ``lookup("忠诚")`` gives
    every loyalty term, ``lookup("clv")`` customer lifetime value and its components.
    The result has the columns of :func:`terms`. When nothing matches, the result is an empty
    table with those columns; nothing is printed and nothing is raised.
    A non-string query raises ``TypeError``; an empty or blank one raises ``ValueError``.

    >>> lookup("客户终生价值").loc[0, ["english", "chinese"]].tolist()
    ['customer lifetime value', '客户终身价值']
    >>> lookup("DSO").loc[0, "definition_zh"]
    '把赊销收入转化为现金平均所需的天数，是西方企业衡量赊销工作最重要的指标。'
    >>> lookup("quantum blockchain").empty
    True
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


def _caption(query: str | None, chapter: int | None, n: int, lang: str) -> str:
    if lang == "zh":
        parts = ("术语表", f"“{query.strip()}”" if query is not None else "",
                 f"第 {chapter:02d} 章" if chapter is not None else "", f"共 {n} 个术语")
    else:
        parts = ("Glossary 术语表", f"“{query.strip()}”" if query is not None else "",
                 f"chapter {chapter:02d}" if chapter is not None else "",
                 f"{n} term{'s' if n != 1 else ''}")
    return " · ".join(part for part in parts if part)


def show(query: str | None = None, chapter: int | None = None) -> Styler | pd.DataFrame:
    """A glossary table for a notebook: matches of ``query``, a chapter's terms, or all terms.

    In English the columns are english, chinese, deck_term, chapter and definition; after
    ``use_language("zh")`` they are the Chinese term, the deck's term, the English term, the
    chapter and the Chinese definition, under Chinese headers and a Chinese caption (术语表 …).
    Returns a pandas ``Styler`` (left-aligned, no index, with a caption and a fixed id, so its
    HTML is the same on every run), or the plain DataFrame when the styling extra (jinja2) is
    not installed.

    >>> table = show("tangibles")
    >>> table.caption
    'Glossary 术语表 · “tangibles” · 1 term'
    >>> table.data.columns.tolist()
    ['english', 'chinese', 'deck_term', 'chapter', 'definition']
    >>> from contextlib import redirect_stdout
    >>> from io import StringIO
    >>> from helpers import use_language
    >>> with redirect_stdout(StringIO()):  # without a CJK font it prints how to get one
    ...     _ = use_language("zh")
    >>> table = show("tangibles")
    >>> table.caption, table.data.iloc[0, :3].tolist()
    ('术语表 · “tangibles” · 共 1 个术语', ['有形性', '有形资产', 'tangibles'])
    >>> _ = use_language("en")
    """
    if query is not None:
        table = lookup(query)
        if chapter is not None:
            table = table[table["chapter"] == _check_chapter(chapter)].reset_index(drop=True)
    else:
        table = terms(chapter)
    lang = "zh" if language.current() == "zh" else "en"
    headers = SHOW_COLUMNS[lang]
    table = table[list(headers)].rename(columns=headers)
    caption = _caption(query, chapter, len(table), lang)
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
