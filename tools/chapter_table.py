"""Rewrite the chapter table, the lectures' navigation and their chapter links.

Run ``python tools/chapter_table.py`` after adding a chapter or editing a lecture:

* the chapter table in README.md, README.zh-CN.md (in Chinese) and notebooks/index.ipynb: a
  chapter whose lecture exists gets links to its lecture, exercises and solutions; the others are
  listed as *planned*;
* the last cell of every lecture, a navigation line "← previous · course index · next →"
  (marked ``<!-- navigation -->``, written by this tool only);
* every mention of another chapter in a lecture's text ("chapter 07", "chapters 11 and 12")
  becomes a link to that chapter's lecture.

``python tools/chapter_table.py --check`` writes nothing and exits 1 if anything is stale; the
tests run it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nbclean import clean  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- chapter-table:begin -->", "<!-- chapter-table:end -->"

CHAPTERS = [  # (number, English title, Chinese title); the files are found by number
    ("00", "Orientation: what CRM is", "客户关系管理"),
    ("01", "Customer satisfaction theory", "客户满意理论"),
    ("02", "Service quality: evaluate and monitor", "评价与监控服务质量"),
    ("03", "Customer loyalty", "客户忠诚度"),
    ("04", "Customer value and profitability", "客户价值与盈利能力"),
    ("05", "Customer grading and segment strategy", "客户分级与差异化服务"),
    ("06", "Customer lifecycle", "客户生命周期"),
    ("07", "Retention strategy and economics", "客户维持战略"),
    ("08", "Customer lifetime value I: concepts and calculation", "客户终身价值"),
    ("09", "Customer lifetime value II: DWYER and customer-event prediction",
     "Dwyer 方法与客户事件预测法"),
    ("10", "Customer lifetime value III: probabilistic models", "概率模型"),
    ("11", "Credit management I: goals, investigation, financial analysis", "客户信用管理"),
    ("12", "Credit management II: scoring, rating, risk classes", "信用评分与信用等级"),
    ("13", "Capstone: a CRM strategy from data", "综合案例"),
]


def table(prefix: str, language: str = "en") -> str:
    """The Markdown table; ``prefix`` leads from the document's folder to the repository root.

    In Chinese (``language="zh"``) the chapters with a Chinese edition link to it; the others
    link to the English notebooks, marked as such."""
    if language == "zh":
        rows = ["| 章 | 内容 | 讲解 | 练习 | 参考答案 |", "|---|---|---|---|---|"]
    else:
        rows = ["| # | Chapter | Lecture | Exercises | Solutions |", "|---|---|---|---|---|"]
    for number, title, chinese in CHAPTERS:
        found = sorted((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
        if not found:
            links = "*planned* | | " if language == "en" else "*计划中* | | "
        elif language == "zh" and (ROOT / "notebooks" / "zh" / found[0].name).exists():
            stem = found[0].stem
            links = (f"[讲解]({prefix}notebooks/zh/{stem}.ipynb) | "
                     f"[练习]({prefix}exercises/zh/{stem}_exercises.ipynb) | "
                     f"[参考答案]({prefix}solutions/zh/{stem}_solutions.ipynb)")
        elif language == "zh":
            stem = found[0].stem
            links = (f"[讲解（英文版）]({prefix}notebooks/{stem}.ipynb) | "
                     f"[练习（英文版）]({prefix}exercises/{stem}_exercises.ipynb) | "
                     f"[参考答案（英文版）]({prefix}solutions/{stem}_solutions.ipynb)")
        else:
            stem = found[0].stem
            links = (f"[lecture]({prefix}notebooks/{stem}.ipynb) | "
                     f"[exercises]({prefix}exercises/{stem}_exercises.ipynb) | "
                     f"[solutions]({prefix}solutions/{stem}_solutions.ipynb)")
        name = chinese if language == "zh" else f"{title} ({chinese})"
        rows.append(f"| {number} | {name} | {links} |")
    return "\n".join(rows)


def replace(text: str, prefix: str, language: str = "en") -> str:
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"chapter table markers {BEGIN} … {END} not found")
    return pattern.sub(lambda _: f"{BEGIN}\n{table(prefix, language)}\n{END}", text)


NAVIGATION = "<!-- navigation -->"
_MENTION = re.compile(r"(?<![\[\w])([Cc]hapters?) (\d\d)((?:(?:,| and| or|–|-| to) ?\d\d)*)"
                      r"(?!\]|\d)")
_NUMBER = re.compile(r"(?<![\[\d])(\d\d)(?!\]|\d)")


def lectures(folder: Path | None = None) -> dict[str, Path]:
    """The lecture of each chapter number present in ``folder`` (default notebooks/)."""
    folder = folder or ROOT / "notebooks"
    return {p.name[:2]: p for p in sorted(folder.glob("[0-9][0-9]_*.ipynb"))}


def link_chapters(text: str, own: str, found: dict[str, Path]) -> str:
    """``text`` with each mention of another chapter linked to its lecture (idempotent)."""
    def numbers(match: re.Match[str]) -> str:
        number = match.group(1)
        if number == own or number not in found:
            return number
        return f"[{number}]({found[number].name})"

    def mention(match: re.Match[str]) -> str:
        word, first, rest = match.groups()
        if not rest and first != own and first in found:
            return f"[{word} {first}]({found[first].name})"
        return f"{word} {_NUMBER.sub(numbers, first)}{_NUMBER.sub(numbers, rest)}"

    return _MENTION.sub(mention, text)


def navigation(number: str, links: dict[str, str], language: str = "en") -> str:
    """The navigation line of chapter ``number``: previous, the index, next (in ``language``).
    ``links`` maps each chapter number to the link of its lecture."""
    column = 2 if language == "zh" else 1
    titles = {chapter[0]: chapter[column] for chapter in CHAPTERS}
    chapter = "第 {} 章 {}" if language == "zh" else "{} {}"
    order = sorted(links)
    at = order.index(number)
    parts = []
    if at > 0:
        prev = order[at - 1]
        parts.append(f"[← {chapter.format(prev, titles[prev])}]({links[prev]})")
    parts.append(f"[{'课程目录' if language == 'zh' else 'Course index'}](index.ipynb)")
    if at + 1 < len(order):
        nxt = order[at + 1]
        parts.append(f"[{chapter.format(nxt, titles[nxt])} →]({links[nxt]})")
    return f"{NAVIGATION}\n" + " · ".join(parts)


def update_lecture(nb: nbformat.NotebookNode, number: str, found: dict[str, Path]) -> bool:
    """Link the chapter mentions and write the navigation cell; True if anything changed."""
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "markdown" and not cell.source.startswith(NAVIGATION):
            linked = link_chapters(cell.source, number, found)
            if linked != cell.source:
                cell.source, changed = linked, True
    wanted = navigation(number, {n: p.name for n, p in found.items()})
    last = nb.cells[-1]
    if last.cell_type == "markdown" and last.source.startswith(NAVIGATION):
        if last.source != wanted:
            last.source, changed = wanted, True
    else:
        nb.cells.append(nbformat.v4.new_markdown_cell(wanted))
        changed = True
    return changed


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for readme, language in ((ROOT / "README.md", "en"), (ROOT / "README.zh-CN.md", "zh")):
        if not readme.exists():
            continue
        text = readme.read_text(encoding="utf-8")
        if replace(text, "", language) != text:
            stale.append(readme)
            if not check:
                readme.write_text(replace(text, "", language), encoding="utf-8")
    index = ROOT / "notebooks" / "index.ipynb"
    nb = nbformat.read(index, as_version=4)
    cell = next(c for c in nb.cells if BEGIN in c.source)
    wanted = replace(cell.source, "../").replace("../notebooks/", "")
    if wanted != cell.source:
        stale.append(index)
        if not check:
            cell.source = wanted
            nbformat.write(nb, index)
    found = lectures()
    for number, path in found.items():
        nb = nbformat.read(path, as_version=4)
        if update_lecture(nb, number, found):
            stale.append(path)
            if not check:
                clean(nb, path.stem)
                nbformat.write(nb, path)
    for path in stale:
        print(f"{'stale' if check else 'updated'}: {path.relative_to(ROOT)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
