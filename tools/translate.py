"""The Chinese edition: gettext catalogs in, Chinese notebooks out, kept in step with English.

    python tools/translate.py update     # bring every catalog in step with the English cells
    python tools/translate.py build      # write notebooks/zh/, solutions/zh/ from the catalogs
    python tools/translate.py --check    # write nothing; exit 1 naming every stale cell

    python tools/translate.py update notebooks/04_customer_value.ipynb   # just these catalogs
    python tools/translate.py build notebooks/04_customer_value.ipynb    # just these notebooks
    python tools/translate.py update --helpers                           # the helpers' catalog

**Catalogs.** Each English notebook that has a Chinese edition has one catalog,
``locale/zh_CN/LC_MESSAGES/<folder>/<stem>.po`` (``folder`` is ``notebooks`` or
``solutions``): one entry per Markdown cell and per code cell with text a reader sees
(comments, printed text, widget labels), whose ``msgid`` is the English cell exactly and whose
``msgstr`` is the Chinese cell. A code cell's translation changes only string literals and
comments: the code itself stays the English code (``tests/test_translation.py`` compares the
two with literals and comments masked). Translators edit the ``.po`` files with Poedit, Weblate
or any text editor; a catalog is started for a notebook by ``update --new <notebook>``.

**In step.** ``update`` keeps each translation whose English cell is unchanged; when an English
cell changes, its entry keeps the old translation marked *fuzzy* (with the old English as
``#| msgid``), so ``--check`` fails and names the cell until a translator revises it and removes
the flag. ``build`` writes each Chinese notebook from its English notebook and catalog: the same
cells in the same order, the code of code cells without an entry, ``use_language("zh")`` for
the English setup cell's ``use_language("en")``, links pointing at the Chinese
notebooks, the navigation line and the chapter table in Chinese, the committed outputs kept for
cells whose source did not change (``make execute`` runs the rest). ``make translations`` runs
``update`` then ``build``.

**The helpers' catalog.** ``update`` also (re)writes ``helpers/locale/zh_CN/LC_MESSAGES/
helpers.po``, the texts the helpers show at run time after ``use_language("zh")``
(:mod:`helpers.language`): every message of the self-checks (``helpers.checks.MESSAGES``) and
the plots' font hint; every hint of every answer key (``helpers/answers/chNN.py``; the
``msgid`` is the hint as the key defines it); every text a helper shows or draws — the string
literals given to ``language.text``, ``language.translation``, ``language.texts`` (the texts of
its dict or list) and ``plots.label`` without its Chinese, found in ``helpers/*.py`` by reading
the code (:func:`helpers_texts`, as xgettext does), with their context; with the context
``column``, the column and index names of the tables the English lecture and solution notebooks
show (the ``<th>`` cells of their committed HTML outputs' headers, numbers and dates left out),
the helpers' ``*_COLUMNS`` and ``*_ROWS`` lists, the columns of the case company's data
dictionary and the names pandas gives to statistics (:data:`PANDAS_NAMES`; over numbers
``size`` is a count, context ``column:count``); with the context ``label``, the category labels
of the helpers' fixed vocabularies (:data:`VOCABULARIES`) and of the case company's data that
no constant lists (:data:`DATA_LABELS`, flags True/False included); with the context
``column:<index>``, the headers that mean something else in a table whose rows are named
``index`` (:data:`TABLE_HEADERS`). Existing translations are kept and changed ones marked
fuzzy, as in the notebook catalogs; ``--check`` fails on an entry that is missing, untranslated
or fuzzy.
"""

from __future__ import annotations

import ast
import difflib
import html
import importlib
import io
import os
import pkgutil
import re
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

import nbformat
import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chapter_table  # noqa: E402
from nbclean import clean  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
LOCALE = ROOT / "locale" / "zh_CN" / "LC_MESSAGES"
HELPERS_CATALOG = ROOT / "helpers" / "locale" / "zh_CN" / "LC_MESSAGES" / "helpers.po"
FOLDERS = ("notebooks", "solutions")
ZH = "zh"
FUZZY_RATIO = 0.5
"""How alike an old and a new English cell must be for the old translation to be offered
(marked fuzzy) rather than dropped."""

HEADER = {
    "Project-Id-Version": "crm-analytics-course",
    "Language": "zh_CN",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}

SWITCH_EN, SWITCH_ZH = 'use_language("en")', 'use_language("zh")'
"""The one code difference between the editions: the setup cell's language, switched by the
build (no translator needs to touch it)."""

_WORD, _SPACE, _NON_ASCII = re.compile(r"[A-Za-z]{2,}"), re.compile(r"\s"), re.compile(
    r"[^\x00-\x7f]")


# ---------------------------------------------------------------------------------------------
# which cells are translated
# ---------------------------------------------------------------------------------------------

def is_navigation(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "markdown" and cell.source.startswith(chapter_table.NAVIGATION)


def has_reader_text(source: str) -> bool:
    """Whether a code cell has text a reader sees: a comment, or a string literal with words
    and a space (``"Share of value"``, ``"odds 25:1"``; not a column name such as
    ``"customer_id"``) or with Chinese."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return True
    for token in tokens:
        if token.type == tokenize.COMMENT and not token.string.startswith("# NBVAL"):
            return True
        if token.type in (tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)):
            body = token.string.strip("\"'")
            if _NON_ASCII.search(body) or (_WORD.search(body) and _SPACE.search(body)):
                return True
    return False


def translatable(cell: nbformat.NotebookNode) -> bool:
    if cell.cell_type == "markdown":
        return not is_navigation(cell) and bool(cell.source.strip())
    return cell.cell_type == "code" and has_reader_text(cell.source)


# ---------------------------------------------------------------------------------------------
# paths
# ---------------------------------------------------------------------------------------------

def catalog_path(english: Path) -> Path:
    return LOCALE / english.parent.name / f"{english.stem}.po"


def chinese_path(english: Path) -> Path:
    return english.parent / ZH / english.name


def translated_notebooks() -> list[Path]:
    """English notebooks that have a catalog (and so a Chinese edition)."""
    found = []
    for folder in FOLDERS:
        for english in sorted((ROOT / folder).glob("*.ipynb")):
            if catalog_path(english).exists():
                found.append(english)
    return found


# ---------------------------------------------------------------------------------------------
# update: catalogs in step with the English cells
# ---------------------------------------------------------------------------------------------

def _note(cell: nbformat.NotebookNode) -> str:
    if cell.cell_type == "markdown":
        return "Markdown cell: translate all of it; keep links, formulas and code spans."
    return ("Code cell: translate comments and the text of string literals only; the code, "
            "column names and format placeholders stay as they are.")


def update(english: Path) -> polib.POFile:
    """The catalog of ``english`` brought in step with its cells (not yet saved)."""
    path = catalog_path(english)
    old = polib.pofile(str(path)) if path.exists() else polib.POFile()
    old_by_id = {e.msgid: e for e in old if not e.obsolete}
    nb = nbformat.read(english, as_version=4)
    cells = [c for c in nb.cells if translatable(c)]
    unmatched = [e for msgid, e in old_by_id.items()
                 if msgid not in {catalog_text(c.source) for c in cells} and e.msgstr]
    new = polib.POFile(wrapwidth=0)
    new.metadata = dict(HEADER)
    seen: set[str] = set()
    for index, cell in enumerate(nb.cells):
        if not translatable(cell) or catalog_text(cell.source) in seen:
            continue
        seen.add(catalog_text(cell.source))
        entry = polib.POEntry(msgid=catalog_text(cell.source), msgstr="", comment=_note(cell),
                              occurrences=[(f"{english.parent.name}/{english.name}",
                                            str(index))])
        kept = old_by_id.get(catalog_text(cell.source))
        if kept is not None:
            entry.msgstr, entry.flags = kept.msgstr, list(kept.flags)
            entry.previous_msgid = kept.previous_msgid
            entry.tcomment = kept.tcomment
        else:
            close = _closest(cell.source, unmatched)
            if close is not None:
                unmatched.remove(close)
                entry.msgstr, entry.flags = close.msgstr, ["fuzzy"]
                entry.previous_msgid = close.msgid
        new.append(entry)
    return new


_TABLE = re.compile(re.escape(chapter_table.BEGIN) + ".*?" + re.escape(chapter_table.END), re.S)


def catalog_text(source: str) -> str:
    """A cell's text as its catalog entry holds it: a generated chapter table (between its
    markers) left out, since the build writes the Chinese one; the rest is the cell as is."""
    return _TABLE.sub(f"{chapter_table.BEGIN}\n{chapter_table.END}", source)


def _closest(text: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    best, ratio = None, FUZZY_RATIO
    for entry in candidates:
        r = difflib.SequenceMatcher(None, text, entry.msgid, autojunk=False).ratio()
        if r > ratio:
            best, ratio = entry, r
    return best


def start_catalog(english: Path) -> Path:
    """A new, empty catalog for ``english`` (its Chinese edition begins)."""
    path = catalog_path(english)
    if path.exists():
        raise SystemExit(f"{path.relative_to(ROOT)} exists already")
    path.parent.mkdir(parents=True, exist_ok=True)
    update(english).save(str(path))
    return path


# ---------------------------------------------------------------------------------------------
# build: the Chinese notebooks
# ---------------------------------------------------------------------------------------------

_LINK = re.compile(r"(\]\()([^)\s#]+)((?:#[^)\s]*)?\))")


def _has_chinese(target: Path) -> bool:
    """Whether the English notebook ``target`` has (or is getting) a Chinese edition: it has
    a catalog, or, for an exercise notebook, its solution notebook has one."""
    if target.parent.name == "exercises":
        target = ROOT / "solutions" / target.name.replace("_exercises", "_solutions")
    return catalog_path(target).exists()


def _chinese_target(target: Path) -> Path:
    """Where a link of the English edition points in the Chinese one: the Chinese notebook
    where there is one, else the English one."""
    if target.suffix == ".ipynb" and target.parent.name in ("notebooks", "solutions",
                                                            "exercises"):
        return target.parent / ZH / target.name if _has_chinese(target) else target
    if target == ROOT / "README.md":
        return ROOT / "README.zh-CN.md"
    return target


def relink(markdown: str, english: Path) -> str:
    """Relative links of a cell of ``english`` rewritten for its Chinese notebook."""
    here, there = english.parent, chinese_path(english).parent

    def move(match: re.Match[str]) -> str:
        head, target, tail = match.groups()
        if "://" in target or target.startswith("mailto:"):
            return match.group(0)
        absolute = _chinese_target(Path(os.path.normpath(here / target)))
        return f"{head}{os.path.relpath(absolute, there)}{tail}"

    return _LINK.sub(move, markdown)


@dataclass
class Problem:
    notebook: str
    cell: str
    what: str

    def __str__(self) -> str:
        return f"{self.notebook} cell {self.cell}: {self.what}"


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line[:70] + ("…" if len(line) > 70 else "")


def build(english: Path) -> tuple[nbformat.NotebookNode, list[Problem]]:
    """The Chinese notebook of ``english`` and the cells whose translation is missing or
    fuzzy (those keep the English text, so the notebook still builds)."""
    nb = nbformat.read(english, as_version=4)
    catalog = {e.msgid: e for e in polib.pofile(str(catalog_path(english)))
               if not e.obsolete}
    problems: list[Problem] = []
    out = nbformat.v4.new_notebook(metadata=nbformat.from_dict(dict(nb.metadata)))
    out.metadata["crm_course"] = {"language": "zh-CN",
                                  "translated_from": f"{english.parent.name}/{english.name}",
                                  "note": "generated by tools/translate.py from the English "
                                          "notebook and its catalog; edit those instead"}
    previous = _previous(english)
    for index, cell in enumerate(nb.cells):
        source = cell.source
        label = f"{english.parent.name}/{english.stem}-{index:02d}"
        if is_navigation(cell):
            source = _navigation(english)
        elif translatable(cell):
            entry = catalog.get(catalog_text(cell.source))
            if entry is None:
                problems.append(Problem(english.name, label, "no catalog entry "
                                        f"(run tools/translate.py update): "
                                        f"{_first_line(cell.source)!r}"))
            elif not entry.msgstr:
                problems.append(Problem(english.name, label,
                                        f"untranslated: {_first_line(cell.source)!r}"))
            elif "fuzzy" in entry.flags:
                problems.append(Problem(english.name, label, "fuzzy (the English changed; "
                                        f"revise the translation): "
                                        f"{_first_line(cell.source)!r}"))
            else:
                source = entry.msgstr
            if cell.cell_type == "markdown":
                source = relink(source, english)
        if cell.cell_type == "code":
            source = source.replace(SWITCH_EN, SWITCH_ZH)
        new = (nbformat.v4.new_markdown_cell(source) if cell.cell_type == "markdown" else
               nbformat.v4.new_code_cell(source) if cell.cell_type == "code" else
               nbformat.v4.new_raw_cell(source))
        new.metadata = nbformat.from_dict(dict(cell.metadata))
        if cell.cell_type == "code":
            kept = previous.get((index, source))
            if kept is not None:
                new.outputs, new.execution_count = kept.outputs, kept.execution_count
        out.cells.append(new)
    if english.name == "index.ipynb":
        _chinese_chapter_table(out)
    clean(out, english.stem)
    return out, problems


def _previous(english: Path) -> dict[tuple[int, str], nbformat.NotebookNode]:
    """The committed Chinese notebook's code cells by (position, source): their outputs are
    kept when the cell did not change."""
    path = chinese_path(english)
    if not path.exists():
        return {}
    nb = nbformat.read(path, as_version=4)
    return {(i, c.source): c for i, c in enumerate(nb.cells) if c.cell_type == "code"}


def _navigation(english: Path) -> str:
    """The Chinese navigation line: Chinese lectures where they exist, else the English."""
    links = {}
    for number, lecture in chapter_table.lectures().items():
        zh = catalog_path(lecture).exists()
        links[number] = lecture.name if zh else f"../{lecture.name}"
    return chapter_table.navigation(english.name[:2], links, language="zh")


def _chinese_chapter_table(nb: nbformat.NotebookNode) -> None:
    cell = next((c for c in nb.cells if chapter_table.BEGIN in c.source), None)
    if cell is None:
        raise SystemExit("the Chinese index has no chapter table markers")
    cell.source = chapter_table.replace(cell.source, "../../", language="zh").replace(
        "../../notebooks/zh/", "")


def write(english: Path) -> list[Problem]:
    nb, problems = build(english)
    path = chinese_path(english)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = nbformat.writes(nb) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
        print(f"wrote: {path.relative_to(ROOT)}")
    return problems


# ---------------------------------------------------------------------------------------------
# check
# ---------------------------------------------------------------------------------------------

def check() -> list[Problem]:
    """Everything that is not in step, named by notebook and cell; writes nothing."""
    problems: list[Problem] = []
    for english in translated_notebooks():
        path = catalog_path(english)
        current = polib.pofile(str(path))
        wanted = update(english)
        if [(e.msgid, e.msgstr) for e in current] != [(e.msgid, e.msgstr) for e in wanted]:
            problems.append(Problem(english.name, "-", f"{path.relative_to(ROOT)} is not in "
                                    "step with the English cells: run tools/translate.py "
                                    "update"))
        nb, cells = build(english)
        problems += cells
        target = chinese_path(english)
        if not target.exists():
            problems.append(Problem(english.name, "-", f"{target.relative_to(ROOT)} is "
                                    "missing: run tools/translate.py build"))
            continue
        committed = nbformat.read(target, as_version=4)
        built = [(c.cell_type, c.source) for c in nb.cells]
        have = [(c.cell_type, c.source) for c in committed.cells]
        if built != have:
            first = next((i for i, (a, b) in enumerate(zip(built, have)) if a != b),
                         min(len(built), len(have)))
            problems.append(Problem(target.name, f"{english.stem}-{first:02d}",
                                    "the committed Chinese notebook differs from what the "
                                    "catalog builds: run tools/translate.py build"))
    return problems


# ---------------------------------------------------------------------------------------------
# the helpers' catalog: self-check messages, hints, column names and category labels
# ---------------------------------------------------------------------------------------------

VOCABULARIES: tuple[tuple[str, ...], ...] = (
    ("value", "QUADRANTS"), ("value", "PYRAMID_TIERS", "tier"), ("value", "WATERFALL_STEPS"),
    ("value", "WATERFALL_KINDS", "kind"), ("value", "COST_CATEGORIES"),
    ("value", "BEST_AND_WORST"),
    ("segments", "GRADE_MEANING"), ("segments", "RFM_SEGMENT_ORDER"),
    ("segments", "STRATEGY_MEANING"),
    ("lifecycle", "STAGES"), ("lifecycle", "NEW_IN_TRANSITIONS"),
    ("rating", "CLASSES"),
    ("satisfaction", "OUTCOMES"), ("satisfaction", "BANDS"), ("satisfaction", "LEVELS"),
    ("satisfaction", "KANO_CLASSES"),
    ("satisfaction", "KANO_ANSWERS", "functional", "dysfunctional"),
    ("quality", "DIMENSIONS"), ("quality", "QUADRANTS_ZH"), ("quality", "ZONES_ZH"),
    ("quality", "CROSSHAIRS"), ("control_charts", "RULES"), ("clv", "TIMINGS"),
    ("loyalty", "FILTER_STAGES"), ("loyalty", "LADDER"), ("loyalty", "LOYALTY_TYPES"),
    ("loyalty", "QUADRANTS"),
    ("clv", "VALUE_COMPOSITION"), ("clv", "CLV_FACTORS"),
    ("retention", "THREE_DEGREES", "degree"), ("retention", "CHURN_MEASURES", "measure"),
    ("retention", "LOSS_TYPES", "loss_type"),
    ("dwyer", "CUSTOMER_TYPES"), ("dwyer", "EVENTS", "event"),
    ("btyd_data", "CORRELATION_STRENGTHS", "strength"),
    ("credit", "AGEING_BUCKETS"), ("credit", "FIVE_C"), ("credit", "DECISIONS"),
    ("credit", "RATIOS[better]", "better"), ("credit", "RATIOS[unit]", "unit"),
    ("credit", "RATIO_LABELS"),
    ("rating", "LEGAL_FORMS", "legal_form"), ("rating", "GROUPS", "group"),
    ("scorecard", "PSI_BANDS"), ("scorecard", "PSI_BANDS[action]", "action"),
    ("scorecard", "IV_BANDS", "strength"),
    ("strategy", "ACTIONS"), ("strategy", "ACTIONS", "action"),
    ("strategy", "CREDIT_CLASSES"), ("strategy", "CREDIT_CLASSES", "credit_class"),
    ("strategy", "NOT_SURVEYED"),
    ("datasets._case_parameters", "SIZES"), ("datasets._case_parameters", "INDUSTRIES"),
    ("datasets._case_parameters", "REGIONS"), ("datasets._case_parameters", "CHANNELS"),
    ("datasets._case_parameters", "LOST_REASONS"),
    ("datasets._case_parameters", "SERVICE_TYPES"),
    ("datasets._case_parameters", "ATTRIBUTES"),
    ("datasets._case_parameters", "KANO_FEATURES"),
    ("datasets._case_parameters", "COST_ITEMS"),
)
"""The helpers' fixed vocabularies whose labels tables show (module, constant[, column …]): a
text, a tuple's or an array's items (both texts of pairs such as ``COST_ITEMS``), a dict's
keys (its values when the keys are not texts, as in ``value.QUADRANTS`` or
``satisfaction.KANO_ANSWERS``), the text column of a table of bands (another column of it:
``"RATIOS[unit]"``). A vocabulary listed once without and once with columns gets both the
plain ``label`` and the column's context (``strategy.ACTIONS``). With columns the labels
get the context ``label:<column>`` for each (looked up first for values of that column and for
the headers of a column axis of that name; :func:`helpers.language.table_labels`), for words
another vocabulary uses otherwise (the ``medium`` of a ``strength`` is 中等, the ``must-be``
answer to a Kano question 理所当然, not the class 必备型需求)."""

DATA_LABELS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("case company: customers.status", "label", ("active", "lost")),
    ("case company: customers.lost_reason", "label:lost_reason", ("none",)),
    ("case company: customers.lost_reason, in a table of mixed labels (a profile shown "
     "transposed)", "label", ("none",)),
    ("a flag (True/False) shown in a table", "label", ("True", "False")),
    ("chapter 04: the source of a cost-to-serve ledger item", "label:source",
     ("deck", "course addition")),
    ("chapter 09: the groups of the DWYER example", "label:group",
     ("field sales", "web shop")),
    ("chapter 09: planted partial defectors and the other stayers, before and after "
     "1 July 2023", "label:group", ("planted partial defectors", "other stayers")),
    ("chapter 09: the halves of the window", "label:half", ("before", "after")),
    ("chapter 09: customers won before 2022 or in 2022-2024", "label:won",
     ("old", "new (2022-2024)")),
    ("chapter 11: the three financial statements", "label",
     ("income statement", "balance sheet", "cash flow statement")),
    ("chapter 11: credit customers by quartile of days late", "label:payer",
     ("fastest", "2nd", "3rd", "slowest")),
)
"""Labels of the case company's data, and of the tables the lectures build from it, that no
helper constant lists: (where, context, labels)."""

TABLE_HEADERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("chapter 11: credit.ratio_bands(), rows by ratio: which direction is better",
     "column:ratio", ("better",)),
    ("chapter 12: the rating scheme's indicators, rows by indicator: the indicator's value",
     "column:indicator", ("value",)),
    ("chapter 05: the segments' profile, rows by segment: mean orders per customer (RFM)",
     "column:segment", ("frequency",)),
)
"""Headers that mean something else in a table whose rows are named ``index`` (context
``column:<index>``, looked up before ``column``; :func:`helpers.language.table_labels`):
(where, context, headers)."""

PANDAS_NAMES: tuple[str, ...] = ("count", "mean", "median", "std", "sem", "min", "max", "sum",
                                 "size")
"""The names pandas gives to statistics (``describe()``'s rows, ``agg([...])``'s columns),
shown as column or row names (context ``column``)."""

COUNT_HEADERS: tuple[str, ...] = ("size",)
"""Headers that name a count when their column holds numbers (pandas' ``size`` in
``agg(["mean", "size"])``) but something else over labels (a customer's size, 规模): context
``column:count``, looked up first for a numeric column (:func:`helpers.language.table_labels`)."""

HELPERS_HEADER = dict(HEADER, **{"Project-Id-Version": "crm-analytics-course helpers"})

_MESSAGE_NOTE = ("Self-check message (helpers/_compare.py, class M): keep every {placeholder}, "
                 "`code` span and the leading symbol; a note is printed inside the line "
                 "'{task}: not yet. {note}. Hint: {hint}', so it has no final full stop.")
_HINT_NOTE = ("Hint of task {task} (helpers/answers/ch{chapter}.py): it guides to the method "
              "and never states the value — keep it so; keep code, column names and numbers.")
_COLUMN_NOTE = ("Column or index name of a table: a short header (客户数, 客户占比, 价值占比 …); "
                "keep abbreviations (RFM, CLV, DSO, WOE, IV, AUC, KS, PSI) and model names.")
_LABEL_NOTE = "Category label shown in tables: helpers.{module}.{name}."
_TEXT_NOTE = ("Text a helper shows or draws ({call} in {file}): keep every {{placeholder}} and "
              "`code` span; plot text and labels short.")
_DATA_NOTE = "Category label of the data ({where}), shown in tables."
_HEADER_NOTE = "Column header in one kind of table ({where}): a short header."
_PANDAS_NOTE = ("Name pandas gives to a statistic (describe(), agg()): a short header; over "
                "numbers in the context column:count it names a count.")

_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_THEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.S)
_NOT_A_NAME = re.compile(
    r"[-+]?[\d.,\s%]*"                                       # numbers, percentages
    r"|\d{4}(?:-\d{2}){0,2}(?:[ T][\d:.]+)?(?:/\d{4}(?:-\d{2}){0,2})?"  # dates, periods
    r"|\d{4}\s*-?\s*Q[1-4]")                                   # quarters


def _table_headers(nb: nbformat.NotebookNode) -> list[str]:
    """The header cells (``<thead>``) of the HTML tables a notebook's outputs show."""
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            markup = output.get("data", {}).get("text/html")
            if not markup:
                continue
            markup = "".join(markup) if isinstance(markup, list) else markup
            for head in _THEAD.findall(markup):
                for th in _TH.findall(head):
                    found.append(html.unescape(re.sub(r"<[^>]+>", "", th)).strip())
    return found


def table_columns() -> dict[str, list[str]]:
    """Column and index names shown in the English notebooks' tables, with where they appear;
    numbers, dates and headers without Latin letters are left out."""
    names: dict[str, list[str]] = {}
    for folder in FOLDERS:
        for english in sorted((ROOT / folder).glob("*.ipynb")):
            where = f"{folder}/{english.name}"
            for name in _table_headers(nbformat.read(english, as_version=4)):
                if not re.search(r"[A-Za-z]", name) or _NOT_A_NAME.fullmatch(name):
                    continue
                places = names.setdefault(name, [])
                if where not in places:
                    places.append(where)
    return names


def helpers_columns() -> dict[str, list[str]]:
    """The columns and row names of the helpers' public tables that a module lists
    (``*_COLUMNS``, ``*_ROWS``), and the columns of the case company's data dictionary."""
    import helpers
    from helpers.datasets._case_dictionary import CASE_TABLES

    names: dict[str, list[str]] = {}
    for info in pkgutil.iter_modules(helpers.__path__):
        if info.name.startswith("_") or info.name == "answers":
            continue
        module = importlib.import_module(f"helpers.{info.name}")
        for attr, value in vars(module).items():
            if attr.isupper() and attr.endswith(("COLUMNS", "ROWS")) and \
                    isinstance(value, (list, tuple)):
                for name in value:
                    if isinstance(name, str):
                        names.setdefault(name, []).append(f"helpers/{info.name}.py")
    for spec in CASE_TABLES.values():
        for column in spec.columns:
            places = names.setdefault(column.name, [])
            if "helpers/datasets/_case_dictionary.py" not in places:
                places.append("helpers/datasets/_case_dictionary.py")
    return names


_TEXT_FUNCTIONS = {"text", "translation", "texts", "label"}
"""The functions whose first argument's string literals are the helpers' texts (``plots.label``
only when called without its Chinese), called as ``language.<name>``, ``plots.<name>`` or by
their bare name inside those modules."""
_TEXT_MODULES = {"language", "plots"}


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _literal_texts(node: ast.AST) -> list[str]:
    """The texts of an argument: a string literal, or the string values of a dict literal (the
    English items of a value that is a tuple of texts: a Chinese one needs no translation) or
    the string items of a list or tuple literal (``language.texts``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Dict):
        found = []
        for v in node.values:
            if isinstance(v, ast.Constant) and isinstance(v.value, str):
                found.append(v.value)
            elif isinstance(v, ast.Tuple):
                found += [item.value for item in v.elts if isinstance(item, ast.Constant)
                          and isinstance(item.value, str) and not _CJK.search(item.value)]
        return found
    if isinstance(node, (ast.List, ast.Tuple)):
        return [v.value for v in node.elts
                if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    return []


def helpers_texts() -> list[tuple[str | None, str, str, str]]:
    """Every text a helper shows or draws: the string literals given to ``language.text``,
    ``language.translation``, ``language.texts`` and ``plots.label`` without its Chinese in
    ``helpers/*.py``, read from the code (as xgettext does) — (context, text, file, call), in
    the order of the files and lines. A text built at run time (an f-string, a variable) is
    not found: give its fixed parts as literals, or list its words in a vocabulary."""
    found: list[tuple[int, tuple[str | None, str, str, str]]] = []
    for path in sorted((ROOT / "helpers").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
                    func.value.id in _TEXT_MODULES:
                name = func.attr
            elif isinstance(func, ast.Name):
                name = func.id
            else:
                continue
            if name not in _TEXT_FUNCTIONS or not node.args:
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            if name == "label" and (len(node.args) > 1 or "chinese" in keywords):
                continue  # plots.label(english, chinese): the Chinese is inline
            context_node = keywords.get("context")
            if context_node is None and name in ("text", "translation", "texts") and \
                    len(node.args) > 1:
                context_node = node.args[1]
            context = context_node.value if isinstance(context_node, ast.Constant) else None
            call = f"{func.value.id}.{name}" if isinstance(func, ast.Attribute) else name
            for message in _literal_texts(node.args[0]):
                found.append((node.lineno, (context, message, f"helpers/{path.name}", call)))
    found.sort(key=lambda item: (item[1][2], item[0]))  # ast.walk is breadth-first
    return [item for _, item in found]


def vocabulary_labels() -> dict[tuple[str, str], list[tuple[str, str]]]:
    """The labels of :data:`VOCABULARIES` by (context, label), with the (module, constant)
    they come from."""
    import pandas as pd

    labels: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for module_name, name, *columns in VOCABULARIES:
        contexts = [f"label:{column}" for column in columns] or ["label"]
        module = importlib.import_module(f"helpers.{module_name}")
        constant, _, column = name.partition("[")
        value = getattr(module, constant, None)
        if value is None or (column and column[:-1] not in getattr(value, "columns", ())):
            print(f"warning: helpers.{module_name}.{name} no longer exists (VOCABULARIES)",
                  file=sys.stderr)
            continue
        if column:
            value = list(value[column[:-1]])
        if isinstance(value, str):
            items = [value]
        elif isinstance(value, dict):
            items = list(value) if all(isinstance(k, str) for k in value) else \
                list(value.values())
        elif isinstance(value, pd.DataFrame):
            text = [c for c in value.columns if c not in ("chinese", "action")
                    and pd.api.types.is_string_dtype(value[c].dtype)]
            items = list(value[text[0]]) if text else []
        else:
            items = [part for v in value for part in (v if isinstance(v, tuple) else (str(v),))]
        for item in dict.fromkeys(items):
            if isinstance(item, str):
                for context in contexts:
                    labels.setdefault((context, item), []).append((module_name, name))
    return labels


def helpers_wanted() -> list[polib.POEntry]:
    """The entries the helpers' catalog must have, in order, without translations."""
    from helpers import checks, plots

    entries: dict[tuple[str | None, str], polib.POEntry] = {}

    def add(context: str | None, msgid: str, comment: str, where: str) -> None:
        entry = entries.get((context, msgid))
        if entry is None:
            entry = polib.POEntry(msgctxt=context, msgid=msgid, msgstr="", comment=comment,
                                  occurrences=[])
            entries[(context, msgid)] = entry
        elif comment not in entry.comment.split("\n"):
            entry.comment += "\n" + comment
        if (where, "") not in entry.occurrences:
            entry.occurrences.append((where, ""))

    for message in checks.MESSAGES:
        add(None, message, _MESSAGE_NOTE, "helpers/_compare.py")
    add(None, plots.INSTALL_HINT, "Printed once when no CJK font is installed: keep the "
        "commands in `code` spans as they are.", "helpers/plots.py")
    from helpers import answers

    for info in pkgutil.iter_modules(answers.__path__):
        if not re.fullmatch(r"ch\d{2}", info.name):
            continue
        key = checks.answer_key(info.name[2:])
        for task, hint in key.hints.items():
            add(None, hint, _HINT_NOTE.format(task=task, chapter=key.chapter),
                f"helpers/answers/{info.name}.py")
    for name, places in table_columns().items():
        for place in places:
            add("column", name, _COLUMN_NOTE, place)
    for context, message, place, call in helpers_texts():
        add(context, message, _TEXT_NOTE.format(call=call, file=place), place)
    for name, places in helpers_columns().items():
        for place in places:
            add("column", name, _COLUMN_NOTE, place)
    for name in PANDAS_NAMES:
        add("column", name, _PANDAS_NOTE, "pandas")
    for name in COUNT_HEADERS:
        add("column:count", name, _PANDAS_NOTE, "pandas")
    for (context, label), sources in vocabulary_labels().items():
        for module_name, name in sources:
            add(context, label, _LABEL_NOTE.format(module=module_name, name=name),
                f"helpers/{module_name.replace('.', '/')}.py")
    for where, context, labels in DATA_LABELS:
        for label in labels:
            add(context, label, _DATA_NOTE.format(where=where), "helpers/datasets")
    for where, context, headers in TABLE_HEADERS:
        for header in headers:
            add(context, header, _HEADER_NOTE.format(where=where), "helpers/language.py")
    return list(entries.values())


def update_helpers() -> polib.POFile:
    """The helpers' catalog brought in step with the helpers and notebooks (not yet saved):
    translations kept, changed entries offered fuzzy, gone entries dropped."""
    old = polib.pofile(str(HELPERS_CATALOG)) if HELPERS_CATALOG.exists() else polib.POFile()
    old_by_key = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete}
    wanted = helpers_wanted()
    wanted_keys = {(e.msgctxt, e.msgid) for e in wanted}
    unmatched = {}
    for key, entry in old_by_key.items():
        if key not in wanted_keys and entry.msgstr:
            unmatched.setdefault(entry.msgctxt, []).append(entry)
    new = polib.POFile(wrapwidth=0)
    new.metadata = dict(HELPERS_HEADER)
    for entry in wanted:
        kept = old_by_key.get((entry.msgctxt, entry.msgid))
        if kept is not None:
            entry.msgstr, entry.flags = kept.msgstr, list(kept.flags)
            entry.previous_msgid = kept.previous_msgid
            entry.tcomment = kept.tcomment
        else:
            candidates = unmatched.get(entry.msgctxt, [])
            close = _closest(entry.msgid, candidates)
            if close is not None:
                candidates.remove(close)
                entry.msgstr, entry.flags = close.msgstr, ["fuzzy"]
                entry.previous_msgid = close.msgid
        new.append(entry)
    return new


def check_helpers() -> list[Problem]:
    """What is not in step in the helpers' catalog: stale, untranslated or fuzzy entries."""
    name = HELPERS_CATALOG.relative_to(ROOT).as_posix()
    if not HELPERS_CATALOG.exists():
        return [Problem(name, "-", "missing: run tools/translate.py update")]
    current = polib.pofile(str(HELPERS_CATALOG))
    wanted = update_helpers()

    def keys(po: polib.POFile) -> list[tuple[str | None, str, str]]:
        return [(e.msgctxt, e.msgid, e.msgstr) for e in po if not e.obsolete]

    problems = []
    if keys(current) != keys(wanted):
        problems.append(Problem(name, "-", "not in step with the helpers and notebooks: run "
                                "tools/translate.py update"))
    for entry in wanted:
        label = f"{entry.msgctxt or 'message'}"
        if not entry.msgstr:
            problems.append(Problem(name, label, f"untranslated: {_first_line(entry.msgid)!r}"))
        elif "fuzzy" in entry.flags:
            problems.append(Problem(name, label, "fuzzy (the English changed; revise the "
                                    f"translation): {_first_line(entry.msgid)!r}"))
    return problems


def save_helpers() -> Path:
    HELPERS_CATALOG.parent.mkdir(parents=True, exist_ok=True)
    update_helpers().save(str(HELPERS_CATALOG))
    return HELPERS_CATALOG


# ---------------------------------------------------------------------------------------------
# code equality (shared with the tests)
# ---------------------------------------------------------------------------------------------

def masked_code(source: str) -> str:
    """The code of a cell with its comments and the text of its string literals masked:
    equal for an English cell and its correct translation."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return source
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = "S"
    return ast.dump(tree)


def main(argv: list[str]) -> int:
    if "--check" in argv:
        problems = check() + check_helpers()
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s)" if problems else "the Chinese edition is in step")
        return 1 if problems else 0
    if argv[:2] == ["update", "--helpers"]:
        print(f"updated: {save_helpers().relative_to(ROOT)}")
        return 0
    if argv[:2] == ["update", "--new"]:
        for arg in argv[2:]:
            print(f"started: {start_catalog(Path(arg).resolve()).relative_to(ROOT)}")
        return 0
    chosen = [Path(a).resolve() for a in argv[1:]]
    unknown = [p for p in chosen if p not in translated_notebooks()]
    if unknown:
        raise SystemExit(f"no catalog for {[str(p.relative_to(ROOT)) for p in unknown]}: "
                         "start one with update --new")
    if argv[:1] == ["update"]:
        for english in chosen or translated_notebooks():
            update(english).save(str(catalog_path(english)))
        if not chosen:  # the helpers' catalog only when everything is updated
            print(f"updated: {save_helpers().relative_to(ROOT)}")
        print("catalogs updated")
        return 0
    if argv[:1] == ["build"]:
        problems = [p for english in chosen or translated_notebooks() for p in write(english)]
        for problem in problems:
            print(problem)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
