"""Rewrite the chapter table in README.md and notebooks/index.ipynb from the notebooks present.

Run ``python tools/chapter_table.py`` after adding a chapter: a chapter whose lecture exists gets
links to its lecture, exercises and solutions; the others are listed as *planned*. The tests
check that both tables link every lecture.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

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
    ("08", "Customer lifetime value I: concepts and calculation", "客户终生价值"),
    ("09", "Customer lifetime value II: DWYER and customer-event prediction",
     "DWYER 方法与客户事件预测法"),
    ("10", "Customer lifetime value III: probabilistic models", "概率模型"),
    ("11", "Credit management I: goals, investigation, financial analysis", "客户信用管理"),
    ("12", "Credit management II: scoring, rating, risk classes", "信用评分与信用等级"),
    ("13", "Capstone: a CRM strategy from data", "综合案例"),
]


def table(prefix: str) -> str:
    """The Markdown table; ``prefix`` leads from the document's folder to the repository root."""
    rows = ["| # | Chapter | Lecture | Exercises | Solutions |", "|---|---|---|---|---|"]
    for number, title, chinese in CHAPTERS:
        found = sorted((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
        if found:
            stem = found[0].stem
            links = (f"[lecture]({prefix}notebooks/{stem}.ipynb) | "
                     f"[exercises]({prefix}exercises/{stem}_exercises.ipynb) | "
                     f"[solutions]({prefix}solutions/{stem}_solutions.ipynb)")
        else:
            links = "*planned* | | "
        rows.append(f"| {number} | {title} ({chinese}) | {links} |")
    return "\n".join(rows)


def replace(text: str, prefix: str) -> str:
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"chapter table markers {BEGIN} … {END} not found")
    return pattern.sub(lambda _: f"{BEGIN}\n{table(prefix)}\n{END}", text)


def main() -> None:
    readme = ROOT / "README.md"
    readme.write_text(replace(readme.read_text(encoding="utf-8"), ""), encoding="utf-8")
    index = ROOT / "notebooks" / "index.ipynb"
    nb = nbformat.read(index, as_version=4)
    cell = next(c for c in nb.cells if BEGIN in c.source)
    cell.source = replace(cell.source, "../").replace("../notebooks/", "")
    nbformat.write(nb, index)
    print("chapter tables updated")


if __name__ == "__main__":
    main()
