"""The language of the course: English (the default) or Simplified Chinese (简体中文).

The Chinese edition's notebooks (``notebooks/zh/`` …) start with ``use_language("zh")``, the
English ones with ``use_language("en")``; everything else in their code is the same. In
Chinese:

* plot labels written as ``plots.label("Share of value", "价值占比")`` show the Chinese text
  (with a CJK font; without one they stay English and one message says how to get a font —
  never boxes in place of characters);
* the exercises' self-checks speak Chinese (messages and hints);
* tables are *displayed* with Chinese column headers and category labels, while the
  DataFrame itself keeps its English column names, so that code and data stay the same;
* the glossary shows the Chinese term first.

The helpers' own texts in Chinese are in ``helpers/locale/zh_CN/LC_MESSAGES/helpers.po``, a
gettext catalog that translators edit with Poedit or Weblate: plain entries translate messages
and hints; entries with the context ``column`` translate column names (``customer_share`` →
客户占比) and entries with the context ``label`` translate category labels shown in tables
(``label:<column>`` where a label means something else in one column: ``label:strength``;
``column:count`` where a header over numbers is a count: pandas' ``size`` in ``agg``;
``column:<index>`` where a header means something else in a table whose rows are named
``index``: ``better`` in the ratio bands, ``column:ratio``). Flags (True/False) are shown as the
labels ``True`` and ``False`` translate them (是/否).

**One mechanism for the helpers' own words.** A helper never writes Chinese itself:

* a text it returns or prints (a description in a table, a rule's explanation, a summary's
  sentence) goes through :func:`text` where it is returned; fixed tables of such texts (a dict
  of explanations, a list of sentences) are declared with :func:`texts` and follow the
  language; lists of labels are joined by :func:`listing`;
* a text it draws in a plot goes through :func:`helpers.plots.label` — with its Chinese inline,
  ``label("Customers", "客户数")``, or from this catalog, ``label("small", context="label")``
  (:func:`translation`) — so that without a CJK font a plot stays English, never boxes;
* names that code compares — column names, category labels, option values such as a control
  chart's rule names — stay English in the data and are translated only when a table is
  displayed (:func:`table_labels`); a single label a helper returns for the reader to print
  (a PSI band) is a :class:`Label`: English to code, translated when printed.

``tools/translate.py update --helpers`` collects every string literal given to :func:`text`,
:func:`translation`, :func:`texts` and ``plots.label`` (without its Chinese) in ``helpers/*.py``
(as xgettext does), so a new text enters the catalog by itself and waits for its translation.

>>> use_language("en")
'en'
>>> text("not attempted yet")
'not attempted yet'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

__all__ = ["LANGUAGES", "use_language", "current", "text", "translation", "texts", "listing",
           "table_labels", "Label", "CATALOG"]

LANGUAGES = ("en", "zh")
"""The course's languages: English and Simplified Chinese."""

CATALOG = Path(__file__).resolve().parent / "locale" / "zh_CN" / "LC_MESSAGES" / "helpers.po"
"""The helpers' Chinese texts (gettext)."""

_state = {"language": "en"}

_Texts = TypeVar("_Texts", dict, list)
_FOLLOWING: list[tuple[dict | list, dict | list, str | None]] = []
"""The tables of texts declared with :func:`texts`: (the table, its English, the context)."""


def current() -> str:
    """The language in use: ``"en"`` or ``"zh"``.

    >>> current()    # English unless a notebook called use_language("zh")
    'en'
    """
    return _state["language"]


def use_language(language: str = "en") -> str:
    """Switch the course to ``language`` (``"en"`` or ``"zh"``) and return it.

    In Chinese, plots use a CJK font (:func:`helpers.plots.use_chinese`; without one, labels
    stay English and one message — the first time only — says how to install a font), the
    self-checks speak Chinese, and in a notebook tables are displayed with Chinese headers and
    labels. ``use_language("en")`` switches back.

    >>> use_language("en")
    'en'
    >>> use_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: language must be one of ['en', 'zh'], got 'fr'
    """
    if not isinstance(language, str) or language not in LANGUAGES:
        raise ValueError(f"language must be one of {list(LANGUAGES)}, got {language!r}")
    from . import plots

    _state["language"] = language
    if language == "zh":
        plots._switch_on(hint_always=False)  # noqa: SLF001  (the hint once per session)
    else:
        plots.use_chinese(False)
    _install_table_display(language == "zh")
    for table, english, context in _FOLLOWING:
        _follow(table, english, context)
    return language


@functools.cache
def _catalog() -> dict[tuple[str | None, str], str]:
    """(context, English) -> Chinese, from :data:`CATALOG`; untranslated and fuzzy entries left
    out (their English is shown instead)."""
    import polib

    if not CATALOG.exists():
        return {}
    entries = polib.pofile(str(CATALOG))
    return {(e.msgctxt, e.msgid): e.msgstr for e in entries
            if e.msgstr and "fuzzy" not in e.flags and not e.obsolete}


def _checked(message: object, context: object) -> None:
    if not isinstance(message, str):
        raise TypeError(f"message must be text, got {type(message).__name__} {message!r}")
    if context is not None and not isinstance(context, str):
        raise TypeError(f"context must be text or None, got {type(context).__name__}")


def text(message: str, context: str | None = None) -> str:
    """``message`` in the current language: its Chinese translation in Chinese (the English if
    the catalog has none), ``message`` itself in English. Placeholders such as ``{task}`` are
    kept, so ``text("Task {task}: correct").format(task="04.1")`` works in both languages.

    >>> text("not in the data")  # in English
    'not in the data'
    """
    _checked(message, context)
    if _state["language"] != "zh":
        return message
    return _catalog().get((context, message), message)


def translation(message: str, context: str | None = None) -> str:
    """The catalog's Chinese for ``message`` whatever the language in use (``message`` itself
    if the catalog has none): for plot text, which :func:`helpers.plots.label` shows in Chinese
    only in the Chinese edition with a CJK font.

    >>> translation("small", "label")
    '小型客户'
    """
    _checked(message, context)
    return _catalog().get((context, message), message)


def texts(english: _Texts, context: str | None = None) -> _Texts:
    """Declare a fixed table of texts — a dict whose *values* are texts or tuples of texts (its
    keys are names that code uses and stay) or a list of texts — that follows the course's
    language: it is rewritten in place by :func:`use_language` (each text through
    :func:`text`; a text that is Chinese already, such as the Chinese name in a tuple
    ``("历史价值", "the value realised so far")``, has no catalog entry and stays), so a notebook
    that shows it, ``pd.Series(value.BEST_CUSTOMERS_DO)``, shows the reader's language.
    Returns ``english`` itself.

    >>> NOTES = texts({"run of 8": "Eight points in a row on one side of the centre line."})
    >>> NOTES["run of 8"]
    'Eight points in a row on one side of the centre line.'
    """
    if context is not None and not isinstance(context, str):
        raise TypeError(f"context must be text or None, got {type(context).__name__}")
    if isinstance(english, dict):
        words = list(english.values())
    elif isinstance(english, list):
        words = list(english)
    else:
        raise TypeError(f"english must be a dict of texts or a list of texts, got "
                        f"{type(english).__name__}")
    bad = [w for w in words if not isinstance(w, str) and not (
        isinstance(english, dict) and isinstance(w, tuple) and w
        and all(isinstance(part, str) for part in w))]
    if bad:
        raise TypeError(f"english must hold texts only, got {bad[:5]}")
    original = dict(english) if isinstance(english, dict) else list(english)
    _FOLLOWING.append((english, original, context))
    _follow(english, original, context)
    return english


def _follow(table: dict | list, english: dict | list, context: str | None) -> None:
    """Rewrite ``table`` in place with the texts of ``english`` in the current language."""
    if isinstance(table, dict):
        for key, message in english.items():
            table[key] = (tuple(text(part, context) for part in message)
                          if isinstance(message, tuple) else text(message, context))
    else:
        table[:] = [text(message, context) for message in english]


def listing(words: Iterable[object], context: str | None = "label") -> str:
    """``words`` (labels such as attribute names) in the current language, joined as a reader
    of that language lists them: ``"a, b"`` in English, ``"甲、乙"`` in Chinese.

    >>> listing(["delivery_speed", "pricing"])
    'delivery_speed, pricing'
    """
    if isinstance(words, str) or not isinstance(words, Iterable):
        raise TypeError(f"words must be a list of labels, got {type(words).__name__} "
                        f"{words!r}")
    shown = [text(w, context) if isinstance(w, str) else str(w) for w in words]
    return ("、" if _state["language"] == "zh" else ", ").join(shown)


class Label(str):
    """A category label a helper returns for the reader to print (a PSI band): English to code
    — it *is* the English text, so ``==``, ``in``, ``repr`` and the self-checks see English
    in either edition — and printed or formatted (``str``, f-strings) in the course's language,
    its translation in ``context`` (see :func:`text`).

    >>> band = Label("stable")
    >>> band == "stable", f"PSI band: {band}"
    (True, 'PSI band: stable')
    """

    context: str

    def __new__(cls, english: str, context: str = "label") -> Label:
        if not isinstance(english, str):
            raise TypeError(f"english must be text, got {type(english).__name__} {english!r}")
        if not isinstance(context, str):
            raise TypeError(f"context must be text, got {type(context).__name__} {context!r}")
        label = super().__new__(cls, english)
        label.context = context
        return label

    def __str__(self) -> str:
        return text(str.__str__(self), self.context)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __reduce__(self) -> tuple:
        return (Label, (str.__str__(self), self.context))


LIST_SEPARATOR = "; "
"""How a helper joins several labels in one cell (a control chart's ``"beyond 3 sigma; run of
8"``): such a cell is translated label by label and joined by "；"."""


def _lookup(value: str, contexts: tuple[str, ...]) -> str | None:
    """The Chinese of ``value`` in the first of ``contexts`` whose catalog has it; a list of
    labels (:data:`LIST_SEPARATOR`) part by part; ``""`` as itself; None if unknown."""
    if value == "":
        return value
    catalog = _catalog()
    found = next((catalog[(c, value)] for c in contexts if (c, value) in catalog), None)
    if found is None and LIST_SEPARATOR in value:
        parts = [_lookup(part, contexts) for part in value.split(LIST_SEPARATOR)]
        if all(part is not None for part in parts):
            return "；".join(parts)
    return found


def _is_flag(value: Any) -> bool:
    return isinstance(value, (bool, np.bool_))


def _label(value: Any, *contexts: str) -> Any:
    """``value`` translated in the first of ``contexts`` whose catalog has it (tuples of a
    MultiIndex item by item; a flag as the label ``True`` or ``False``); numbers and anything
    else as they are."""
    if _is_flag(value):
        found = _lookup(str(bool(value)), contexts)
        return value if found is None else found
    if isinstance(value, str):
        found = _lookup(value, contexts)
        return value if found is None else found
    if isinstance(value, tuple):
        return tuple(_label(v, *contexts) for v in value)
    return value


def table_labels(obj: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """A copy of ``obj`` for display in Chinese: column, index and axis names translated
    (context ``column``) and text or category values translated (context ``label``). The
    numbers are untouched; in English ``obj`` itself is returned.

    A value in a column (or index level) named ``name`` is looked up in the context
    ``label:name`` first, then ``label``: one English word can so be two Chinese ones (the
    ``medium`` of an information value's ``strength`` is 中等, a medium-sized customer 中型客户).
    Headers under a *named* column axis are values of that variable (a pivot table's or a
    cross-table's columns: ``stage after``, ``dysfunctional``) and are looked up as its labels
    first; other headers are column names (context ``column``; first ``column:<index>`` when
    the rows are named ``index``, where a header means something else in such a table — an
    indicator's ``value`` is 数值 — and over numbers ``column:count``, where pandas' ``size``
    is a count and not a customer's size), then labels. Row labels that are column names (a
    transposed table, ``describe()``) are found too. A cell listing labels (``"beyond 3 sigma;
    run of 8"``) is translated label by label; flags (True/False) are shown as the labels
    ``True`` and ``False`` translate them. Anything else — a table of another kind, a list —
    is returned as it is.

    >>> table = pd.DataFrame({"customer_share": [0.2]})
    >>> table_labels(table) is table  # in English
    True
    """
    if _state["language"] != "zh" or not isinstance(obj, (pd.DataFrame, pd.Series)):
        return obj
    out = obj.copy()
    if isinstance(out, pd.DataFrame):
        numbers = [_is_number(out.iloc[:, p]) for p in range(out.shape[1])]
        for position in range(out.shape[1]):  # by position: column names may repeat
            out.isetitem(position, _translated_values(out.iloc[:, position],
                                                      out.columns[position]))
        out.columns = _translated_columns(out.columns, numbers, out.index.name)
        out.columns.names = [_label(n, "column") for n in out.columns.names]
    else:
        number = _is_number(out)
        out = _translated_values(out, out.name)
        out.name = _label(out.name, *_header_contexts(None, number, out.index.name))
    out.index = _translated_rows(out.index)
    out.index.names = [_label(n, "column") for n in out.index.names]
    return out


def _is_number(series: pd.Series) -> bool:
    """Whether a column holds numbers (not flags)."""
    return (pd.api.types.is_numeric_dtype(series.dtype)
            and not pd.api.types.is_bool_dtype(series.dtype))


def _value_contexts(name: Any) -> tuple[str, ...]:
    """Where a value of the column or index level ``name`` is looked up, in order."""
    return (f"label:{name}", "label") if isinstance(name, str) else ("label",)


def _header_contexts(axis_name: Any, number: bool, row_name: Any = None) -> tuple[str, ...]:
    """Where a column header is looked up: a named column axis holds labels of its variable;
    otherwise a header is a column name (in a table whose rows are named ``row_name`` that
    table's meaning first, a count's name first over numbers), then a label."""
    first = _value_contexts(axis_name) if isinstance(axis_name, str) else ()
    rows = (f"column:{row_name}",) if isinstance(row_name, str) else ()
    return (*first, *rows, *(("column:count",) if number else ()), "column", "label")


def _translated_columns(columns: pd.Index, numbers: list[bool], row_name: Any = None
                        ) -> pd.Index:
    """Column headers translated position by position (:func:`_header_contexts`)."""
    names = list(columns.names)
    if isinstance(columns, pd.MultiIndex):
        items = [tuple(_label(v, *_header_contexts(n, number, row_name))
                       for v, n in zip(item, names))
                 for item, number in zip(columns, numbers)]
        return pd.MultiIndex.from_tuples(items, names=names)
    return pd.Index([_label(v, *_header_contexts(names[0], number, row_name))
                     for v, number in zip(columns, numbers)], name=names[0])


def _translated_rows(index: pd.Index) -> pd.Index:
    """Row labels translated: labels of the index (level) first, then column names."""
    names = list(index.names)

    def one(value: Any, name: Any) -> Any:
        return _label(value, *_value_contexts(name), "column")

    if isinstance(index, pd.MultiIndex):
        return index.map(lambda item: tuple(one(v, n) for v, n in zip(item, names)))
    return index.map(lambda v: one(v, names[0]))


def _translated_values(series: pd.Series, name: Any = None) -> pd.Series:
    """Text and category values translated (context ``label:name``, then ``label``) when the
    catalog knows all of a text column's words; flags as the labels ``True`` and ``False``;
    numbers as they are."""
    contexts = _value_contexts(name)
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.map(lambda v: _label(v, *contexts))
    if isinstance(series.dtype, pd.CategoricalDtype):
        new = [_label(v, *contexts) for v in series.cat.categories]
        if len(set(new)) == len(new):
            return series.cat.rename_categories(new)
        return series.astype(object).map(lambda v: _label(v, *contexts))
    if pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype):
        # A text column is a vocabulary (tiers, stages, reasons) only if the catalog knows
        # every one of its words; a column of free text (the glossary's English headwords,
        # names) that merely shares a word with a vocabulary is left as it is.
        words = [str(bool(v)) if _is_flag(v) else v for v in series.dropna().unique()
                 if isinstance(v, str) or _is_flag(v)]
        if words and all(_lookup(v, contexts) is not None for v in words):
            return series.map(lambda v: _label(v, *contexts))
    return series


def _install_table_display(on: bool) -> None:
    """Show DataFrames and Series through :func:`table_labels` in IPython (Chinese only)."""
    try:
        from IPython import get_ipython
    except ImportError:  # outside IPython there is nothing to display
        return
    shell = get_ipython()
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    html, plain = formatters["text/html"], formatters["text/plain"]
    for kind in (pd.DataFrame, pd.Series):
        html.pop(kind, None)
        plain.pop(kind, None)
    if not on:
        return
    html.for_type(pd.DataFrame, lambda df: table_labels(df)._repr_html_())
    plain.for_type(pd.DataFrame, lambda df, p, cycle: p.text(repr(table_labels(df))))
    plain.for_type(pd.Series, lambda s, p, cycle: p.text(repr(table_labels(s))))
