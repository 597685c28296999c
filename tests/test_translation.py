"""The Chinese edition is the English edition translated: same code, complete, in step.

``tools/translate.py`` builds ``notebooks/zh/`` and ``solutions/zh/`` from the English notebooks
and the catalogs in ``locale/zh_CN/``; ``tools/make_exercises.py`` builds ``exercises/zh/`` from
``solutions/zh/``. nbval (the same test command) checks that the Chinese notebooks reproduce
their outputs; these tests check what makes them a translation.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import nbformat
import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import translate  # noqa: E402

from helpers import language  # noqa: E402

EDITION = [f"{n:02d}" for n in range(14)]
"""The chapters of the Chinese edition (lecture, solutions, exercises): all fourteen."""

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
PAIRS = [(en, en.parent / "zh" / en.name)
         for folder in ("notebooks", "solutions", "exercises")
         for en in sorted((ROOT / folder).glob("*.ipynb"))
         if (en.parent / "zh" / en.name).exists()]


def _ids(pairs: list[tuple[Path, Path]]) -> list[str]:
    return [f"{zh.parent.parent.name}/zh/{zh.stem}" for _, zh in pairs]


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_the_edition_covers_its_chapters() -> None:
    for number in EDITION:
        for folder, suffix in (("notebooks", ""), ("solutions", "_solutions"),
                               ("exercises", "_exercises")):
            found = sorted((ROOT / folder / "zh").glob(f"{number}_*{suffix}.ipynb"))
            assert found, f"{folder}/zh has no chapter {number}"
    assert (ROOT / "notebooks" / "zh" / "index.ipynb").exists()
    for folder in ("notebooks", "solutions", "exercises"):
        zh_names = {p.name for p in (ROOT / folder / "zh").glob("*.ipynb")}
        en_names = {p.name for p in (ROOT / folder).glob("*.ipynb")}
        assert zh_names == en_names, f"{folder}: {sorted(zh_names ^ en_names)}"


def test_catalogs_and_notebooks_are_in_step() -> None:
    """Every catalog entry translated and not fuzzy; every Chinese notebook built from the
    current English notebook and catalog (a stale cell is named)."""
    problems = translate.check()
    assert not problems, "the Chinese edition is not in step:\n" + "\n".join(
        map(str, problems[:40]))


@pytest.mark.parametrize("pair", PAIRS, ids=_ids(PAIRS))
def test_same_cells_and_same_code(pair: tuple[Path, Path]) -> None:
    english, chinese = (_read(p) for p in pair)
    assert [c.cell_type for c in english.cells] == [c.cell_type for c in chinese.cells], \
        "the two editions must have the same cells in the same order"
    for en_cell, zh_cell in zip(english.cells, chinese.cells):
        if en_cell.cell_type != "code":
            continue
        assert translate.masked_code(en_cell.source) == translate.masked_code(zh_cell.source), (
            f"cell {zh_cell.id}: the Chinese code differs from the English code (string "
            f"literals and comments aside):\n--- English\n{en_cell.source}\n--- Chinese\n"
            f"{zh_cell.source}")
        assert en_cell.metadata.get("nbgrader") == zh_cell.metadata.get("nbgrader")


_WORDS = re.compile(r"[A-Za-z]{3,}(?:\s+[A-Za-z]{2,}){2,}")


@pytest.mark.parametrize("pair", PAIRS, ids=_ids(PAIRS))
def test_chinese_text_is_chinese(pair: tuple[Path, Path]) -> None:
    """A Markdown cell with English sentences must be Chinese in the Chinese edition."""
    english, chinese = (_read(p) for p in pair)
    left = [zh.id for en, zh in zip(english.cells, chinese.cells)
            if zh.cell_type == "markdown" and _WORDS.search(_prose(en.source))
            and not CJK.search(_prose(zh.source))]
    assert not left, f"Markdown cells left in English: {left}"


def _prose(markdown: str) -> str:
    """Markdown without code, formulas, links' targets and HTML comments."""
    text = re.sub(r"```.*?```|`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|<!--.*?-->", " ", markdown,
                  flags=re.S)
    return re.sub(r"\]\([^)]*\)", "]", text)


_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")


def _numbers(text: str, *, every: bool = False) -> set[str]:
    """Numbers by their significant digits (thousands commas, the decimal point and leading
    and trailing zeros dropped), so that a number written in another unit keeps its digits
    (3 million → 300 万, 1.2 million → 120 万). Without ``every``, only the numbers a reader
    checks against a table: three or more digits, or decimals; deck numbers (讲义 001) are not
    quantities and are left out."""
    found = set()
    for whole, decimals in _NUMBER.findall(_prose(text)):
        whole = whole.replace(",", "")
        if whole.startswith("0") and not decimals and len(whole) > 1:
            continue  # a deck's number (讲义 001, deck 003), not a quantity
        if every or decimals or len(whole) >= 3:
            found.add((whole + decimals).strip("0") or "0")
    return found


@pytest.mark.parametrize("pair", PAIRS, ids=_ids(PAIRS))
def test_numbers_match_the_english(pair: tuple[Path, Path]) -> None:
    """Every number a Chinese cell states is a number of its English cell, perhaps in another
    unit (so numbers that match the outputs in English match them in Chinese)."""
    english, chinese = (_read(p) for p in pair)
    wrong = {}
    for en, zh in zip(english.cells, chinese.cells):
        if zh.cell_type == "markdown":
            extra = _numbers(zh.source) - _numbers(en.source, every=True)
            if extra:
                wrong[zh.id] = sorted(extra)
    assert not wrong, f"numbers not in the English cell: {wrong}"


_LABEL_CALLS = {"set_title", "set_xlabel", "set_ylabel", "suptitle", "set_label", "text",
                "annotate", "legend", "title", "xlabel", "ylabel", "bar_label"}
_LABEL_KEYWORDS = {"label", "title", "xlabel", "ylabel"}


def _bare_chinese_labels(source: str) -> list[str]:
    """Chinese string literals given to matplotlib directly (not through plots.label)."""
    try:
        tree = ast.parse("\n".join(line for line in source.splitlines()
                                   if not line.lstrip().startswith(("%", "!"))))
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
            node.func, "id", "")
        if name == "label":  # plots.label(en, zh): English without a CJK font
            continue
        args = list(node.args) if name in _LABEL_CALLS else []
        args += [k.value for k in node.keywords if k.arg in _LABEL_KEYWORDS]
        for arg in args:
            for sub in ast.walk(arg):
                if isinstance(sub, ast.Call) and getattr(sub.func, "attr", "") == "label":
                    break
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and \
                        CJK.search(sub.value):
                    found.append(sub.value)
    return found


@pytest.mark.parametrize("pair", PAIRS, ids=_ids(PAIRS))
def test_plot_labels_fall_back_to_english(pair: tuple[Path, Path]) -> None:
    """Chinese plot text goes through plots.label(english, chinese), which shows English when
    no CJK font is installed (never boxes)."""
    chinese = _read(pair[1])
    bare = {c.id: _bare_chinese_labels(c.source) for c in chinese.cells
            if c.cell_type == "code"}
    bare = {k: v for k, v in bare.items() if v}
    assert not bare, f"Chinese labels given to matplotlib directly: {bare}"


@pytest.mark.parametrize("pair", PAIRS, ids=_ids(PAIRS))
def test_links_resolve(pair: tuple[Path, Path]) -> None:
    chinese = pair[1]
    text = "\n".join(c.source for c in _read(chinese).cells if c.cell_type == "markdown")
    links = [m for m in re.findall(r"\]\(([^)#\s]+)", text) if "://" not in m]
    broken = [link for link in links if not (chinese.parent / link).exists()]
    assert not broken, f"{chinese.name} links to missing files: {broken}"


_LECTURE_PAIRS = [p for p in PAIRS if p[0].parent.name == "notebooks"
                  and p[0].name != "index.ipynb"]


@pytest.mark.parametrize("pair", _LECTURE_PAIRS, ids=_ids(_LECTURE_PAIRS))
def test_the_chinese_lecture_switches_the_language(pair: tuple[Path, Path]) -> None:
    code = [c.source for c in _read(pair[1]).cells if c.cell_type == "code"]
    assert any('use_language("zh")' in source for source in code[:2]), \
        "the setup cell of a Chinese notebook says use_language(\"zh\")"


def test_helpers_catalog_is_complete() -> None:
    catalog = polib.pofile(str(language.CATALOG))
    bad = [e.msgid for e in catalog if not e.msgstr or "fuzzy" in e.flags]
    assert not bad, f"untranslated or fuzzy entries in {language.CATALOG.name}: {bad[:10]}"


def test_masking_ignores_text_but_not_code() -> None:
    english = 'ax.set_title("Share of value")  # the top 20 %\nx = f(df, 0.2)'
    assert translate.masked_code(english) == translate.masked_code(
        'ax.set_title("价值占比")  # 前 20% 的客户\nx = f(df, 0.2)')
    assert translate.masked_code(english) != translate.masked_code(
        'ax.set_title("价值占比")\nx = f(df, 0.3)')
