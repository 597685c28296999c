"""Every lecture as a reveal.js slide deck, its slides cut from the lecture's own structure.

    python tools/slides.py                        # build/slides/ (make slides)
    python tools/slides.py notebooks/08_clv_concepts.ipynb   # one deck
    python tools/slides.py --root DIR --out DIR   # another copy of the course (the tests)

Nobody maintains slide metadata: this tool assigns it in a build copy of each lecture
(``notebooks/NN_*.ipynb``, and ``notebooks/zh/NN_*.ipynb`` into ``build/slides/zh/``), never in
the committed notebook:

* every ``#`` or ``##`` heading starts a slide, every ``###`` heading a sub-slide (a Markdown
  cell with several headings is cut at each);
* every figure is a sub-slide of its own (the code that draws it comes before it);
* content is measured in estimated pixels of a 1280×720 slide (``BUDGET``): when the next
  paragraph, list, table, code or output would not fit, it starts a sub-slide (the arrow
  down); a table, list or code cell taller than a slide is cut into several;
* the navigation line at the end of a lecture is left out; links to other lectures go to
  their decks, other links keep their text;
* a widget's saved view becomes the note "run this in JupyterLab to interact".

The decks are nbconvert's reveal.js export through the course's template
(``site/slides/crm_reveal``), which loads nothing from another host: reveal.js and MathJax are
copied from ``build/npm`` (``make slides`` installs them) into ``build/slides/``. Open
``build/slides/index.html``; in a deck, arrows or space move on, ``s`` opens the speaker view.
"""

from __future__ import annotations

import argparse
import copy
import html
import math
import posixpath
import re
import shutil
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nbclean import WIDGET_MIME, WIDGET_NOTE  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "site" / "slides"
NPM = ROOT / "build" / "npm" / "node_modules"
LECTURE_GLOB = "[0-9][0-9]_*.ipynb"

WIDTH, HEIGHT = 1280, 720
BUDGET = 540
"""Estimated content height (px) a slide holds: 720 less reveal's margins and some slack for
the estimate; the browser test measures the real height of every slide."""

WIDGET_TEXT = {
    "en": "Interactive widget — run this in JupyterLab to interact.",
    "zh": "交互控件：请在 JupyterLab 中运行本单元进行交互。",
}
INDEX_TITLE = {"en": "CRM Analytics — lecture slides", "zh": "客户关系管理分析 · 讲解幻灯片"}


# ---------------------------------------------------------------------------------------------
# Measuring (estimates in CSS pixels, for the deck's fonts: text 24 px, code 17 px)


def _units(text: str) -> int:
    """Width of ``text`` in half-em units: CJK characters are twice as wide as Latin ones."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _lines(text: str, per_line: int) -> int:
    return sum(max(1, math.ceil(_units(line) / per_line)) for line in text.splitlines() or [""])


def block_height(block: str) -> int:
    """Height of one Markdown block (a heading, paragraph, list, table, math or code fence)."""
    first = block.lstrip().splitlines()[0] if block.strip() else ""
    if first.startswith("```"):
        return 22 * (block.count("\n") - 1) + 30
    if first.startswith("$$") or first.startswith("\\["):
        return 40 * max(1, block.count("\\\\") + 1) + 40 + 30 * block.count("\\frac")
    heading = re.match(r"^(#{1,6})\s", first)
    if heading:
        size = {1: (45, 62), 2: (60, 50), 3: (75, 42)}.get(len(heading.group(1)), (90, 36))
        return _lines(block, size[0]) * size[1] + 16
    if first.startswith("|"):
        return 32 * block.count("\n") + 50
    if re.match(r"^\s*([-*+]|\d+\.)\s", first):
        items = re.split(r"\n(?=\s*(?:[-*+]|\d+\.)\s)", block)
        return sum(_lines(i, 92) * 33 + 8 for i in items) + 20
    return _lines(block.replace("\n", " "), 96) * 33 + 24


def code_height(source: str) -> int:
    return _lines(source, 112) * 23 + 26


def output_height(output: dict) -> int:
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        return _lines(output.get("text", ""), 112) * 23 + 20
    if output.get("output_type") == "error":
        return 300
    if "text/html" in data:
        body = data["text/html"]
        body = body if isinstance(body, str) else "".join(body)
        if "crm-widget-note" in body:
            return 60
        rows = body.count("<tr")
        if rows:
            return min(600, rows * 29 + 40)
        return min(600, _lines(re.sub(r"<[^>]+>", "", body), 96) * 30 + 20)
    if "image/png" in data or "image/svg+xml" in data:
        return 600
    text = data.get("text/plain", "")
    return _lines(text if isinstance(text, str) else "".join(text), 112) * 23 + 20


def is_figure(output: dict) -> bool:
    data = output.get("data", {})
    return "image/png" in data or "image/svg+xml" in data or "image/jpeg" in data


# ---------------------------------------------------------------------------------------------
# Cutting Markdown


def markdown_blocks(source: str) -> list[str]:
    """Paragraph-level blocks; a fence, a display formula or a table is never cut."""
    blocks: list[str] = []
    current: list[str] = []
    fence = False
    math_open = False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = not fence
        elif not fence and stripped.count("$$") % 2:
            math_open = not math_open
        starts_heading = re.match(r"^#{1,6}\s", line) and not fence and not math_open
        if (starts_heading and current) or (not stripped and not fence and not math_open):
            if current:
                blocks.append("\n".join(current))
            current = [line] if stripped else []
            if starts_heading:
                blocks.append(current.pop())
            continue
        if starts_heading:
            blocks.append(line)
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return [b for b in blocks if b.strip()]


def split_tall_block(block: str) -> list[str]:
    """A list or table taller than a slide, cut into parts that fit (a table keeps its
    header in each part)."""
    if block_height(block) <= BUDGET:
        return [block]
    lines = block.splitlines()
    if lines[0].lstrip().startswith("|") and len(lines) > 3:
        header, rows = lines[:2], lines[2:]
        per = max(1, (BUDGET - 50) // 32 - 2)
        return ["\n".join(header + rows[i:i + per]) for i in range(0, len(rows), per)]
    items = re.split(r"\n(?=\s*(?:[-*+]|\d+\.)\s)", block)
    if len(items) > 1:
        parts, current = [], []
        for item in items:
            if current and block_height("\n".join(current + [item])) > BUDGET:
                parts.append("\n".join(current))
                current = []
            current.append(item)
        parts.append("\n".join(current))
        return parts
    return [block]


def heading_level(block: str) -> int:
    match = re.match(r"^(#{1,6})\s", block)
    return len(match.group(1)) if match else 0


# ---------------------------------------------------------------------------------------------
# Assigning slide types


class Deck:
    """Cells in slide order, each with its slide type; knows how full the current slide is."""

    def __init__(self) -> None:
        self.cells: list[nbformat.NotebookNode] = []
        self.used = 0

    def add(self, cell: nbformat.NotebookNode, height: int, start: str | None = None) -> None:
        """Add ``cell``: on a new slide (``start="slide"``), a new sub-slide
        (``"subslide"``), or on the current one if it fits (else on a new sub-slide)."""
        if not self.cells:
            start = "slide"
        elif start is None and self.used + height > BUDGET:
            start = "subslide"
        kind = start or "-"
        cell.metadata["slideshow"] = {"slide_type": kind}
        self.used = height if start else self.used + height
        self.cells.append(cell)

    def markdown(self, blocks: list[str], start: str | None = None) -> None:
        """Blocks into Markdown cells, one cell per run of blocks that fits on a slide."""
        run: list[str] = []
        run_start = start
        run_height = 0
        for block in blocks:
            height = block_height(block)
            fits = (self.used if run_start is None and self.cells else 0) + run_height + height
            if run and fits > BUDGET:
                self.add(nbformat.v4.new_markdown_cell("\n\n".join(run)), run_height, run_start)
                run, run_height, run_start = [], 0, "subslide"
            elif not run and run_start is None and self.cells and \
                    self.used + height > BUDGET:
                run_start = "subslide"
            run.append(block)
            run_height += height
        if run:
            self.add(nbformat.v4.new_markdown_cell("\n\n".join(run)), run_height, run_start)


def _link_target(target: str, here: str, lang_dir: str) -> str | None:
    """Where a Markdown link of a lecture goes in the decks: another lecture's deck, the deck
    index, or nowhere (None: the link keeps its text)."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^#", target, re.I):
        return target
    path = posixpath.normpath(posixpath.join(here, target.split("#")[0]))
    match = re.fullmatch(r"notebooks/(?:(zh)/)?(\d\d_\w+|index)\.ipynb", path)
    if not match:
        return None
    deck = ("zh/" if match.group(1) else "") + match.group(2) + ".html"
    return posixpath.relpath(deck, lang_dir or ".")


def _rewrite_links(source: str, here: str, lang_dir: str) -> str:
    def one(match: re.Match[str]) -> str:
        label, target = match.groups()
        new = _link_target(target, here, lang_dir)
        return f"[{label}]({new})" if new else label

    return re.sub(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)\)", one, source)


def _widget_note(output: dict, lang: str) -> dict:
    data = output.get("data", {})
    if WIDGET_MIME in data or str(data.get("text/plain", "")).strip() == WIDGET_NOTE:
        text = WIDGET_TEXT[lang]
        return nbformat.v4.new_output("display_data", data={
            "text/html": f'<div class="crm-widget-note">{text}</div>', "text/plain": text})
    return output


def _code_cell(source: str, outputs: list | None = None,
               hide_input: bool = False) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = outputs or []
    if hide_input:
        cell.metadata["tags"] = ["remove_input"]
    return cell


def assign_slides(nb: nbformat.NotebookNode, repo_path: str = "notebooks/x.ipynb",
                  lang: str = "en") -> nbformat.NotebookNode:
    """A copy of the lecture ``nb`` cut into slides (cell metadata ``slideshow``)."""
    here = posixpath.dirname(repo_path)
    lang_dir = "" if lang == "en" else lang
    deck = Deck()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if cell.source.startswith("<!-- navigation -->"):
                continue
            source = _rewrite_links(cell.source, here, lang_dir)
            group: list[str] = []
            group_start: str | None = None
            for block in markdown_blocks(source):
                level = heading_level(block)
                if level:
                    if group:
                        deck.markdown(group, group_start)
                    group = []
                    group_start = "slide" if level <= 2 else "subslide"
                group += split_tall_block(block)
            if group:
                deck.markdown(group, group_start)
        elif cell.cell_type == "code":
            source = "\n".join(line for line in cell.source.splitlines()
                               if not line.startswith("# NBVAL_")).strip()
            outputs = [_widget_note(o, lang) for o in cell.get("outputs", [])]
            if source:
                lines = source.splitlines()
                per = max(5, (BUDGET - 26) // 23 - 1)
                chunks = [lines[i:i + per] for i in range(0, len(lines), per)] \
                    if code_height(source) > BUDGET else [lines]
                for n, chunk in enumerate(chunks):
                    text = "\n".join(chunk)
                    deck.add(_code_cell(text), code_height(text), "subslide" if n else None)
            pending: list = []
            pending_height = 0
            for output in outputs + [None]:
                if output is None or is_figure(output) or (
                        pending and pending_height + output_height(output) > BUDGET):
                    if pending:
                        deck.add(_code_cell(source, pending, hide_input=True), pending_height)
                        pending, pending_height = [], 0
                    if output is not None and is_figure(output):
                        deck.add(_code_cell(source, [output], hide_input=True),
                                 output_height(output), "subslide")
                        continue
                if output is not None:
                    pending.append(output)
                    pending_height += output_height(output)
        # raw cells are left out
    new = copy.deepcopy(nb)
    new.cells = deck.cells
    return new


# ---------------------------------------------------------------------------------------------
# Build


def exporter(reveal_prefix: str, mathjax_url: str, language: str = "en"):  # noqa: ANN201
    from nbconvert import SlidesExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exp = SlidesExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="crm_reveal",
                         reveal_url_prefix=reveal_prefix, reveal_theme="white",
                         reveal_transition="none", reveal_width=str(WIDTH),
                         reveal_height=str(HEIGHT), mathjax_url=mathjax_url,
                         exclude_input_prompt=True, exclude_output_prompt=True,
                         language_code=language)
    exp.register_preprocessor(TagRemovePreprocessor(remove_input_tags={"remove_input"},
                                                    enabled=True), enabled=True)
    return exp


def copy_assets(out: Path) -> None:
    """reveal.js and MathJax from build/npm into ``out`` (once per version)."""
    for package, keep in (("reveal.js", ["dist"]), ("mathjax", ["es5"])):
        source = NPM / package
        if not (source / "package.json").is_file():
            raise SystemExit(f"{package} is missing ({source}): run `make slides`, which "
                             "installs the site's JavaScript with npm (site/package-lock.json)")
        target = out / package
        version = (source / "package.json").read_text()
        stamp = target / ".package.json"
        if stamp.is_file() and stamp.read_text() == version:
            continue
        shutil.rmtree(target, ignore_errors=True)
        for name in keep:
            shutil.copytree(source / name, target / name,
                            ignore=shutil.ignore_patterns("sre", "*.d.ts", "*.mjs", "*-full*",
                                                          "*svg*", "mml-*"))
        stamp.write_text(version)


def lectures(root: Path) -> dict[str, list[Path]]:
    found = {"en": sorted((root / "notebooks").glob(LECTURE_GLOB))}
    zh = sorted((root / "notebooks" / "zh").glob(LECTURE_GLOB))
    if zh:
        found["zh"] = zh
    return found


def deck_exporter(lang: str):  # noqa: ANN201
    """The exporter of the decks of ``lang`` (the Chinese ones sit in a subfolder)."""
    up = "" if lang == "en" else "../"
    return exporter(f"{up}reveal.js", f"{up}mathjax/es5/tex-chtml.js",
                    lang)  # ISO 639-1: en, zh


def build_deck(notebook: Path, root: Path, out: Path, lang: str, exp=None) -> Path:  # noqa: ANN001
    lang_dir = out if lang == "en" else out / lang
    exp = exp or deck_exporter(lang)
    nb = nbformat.read(notebook, as_version=4)
    deck = assign_slides(nb, notebook.relative_to(root).as_posix(), lang)
    body, _ = exp.from_notebook_node(deck, resources={"metadata": {"name": notebook.stem}})
    target = lang_dir / f"{notebook.stem}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def _title(notebook: Path) -> str:
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem


def write_index(out: Path, decks: dict[str, list[Path]]) -> None:
    for lang, notebooks in decks.items():
        folder = out if lang == "en" else out / lang
        items = "\n".join(f'<li><a href="{p.stem}.html">{html.escape(_title(p))}</a></li>'
                          for p in notebooks)
        other = "".join(
            f' · <a href="{"" if lang == "en" else "../"}{"" if o == "en" else o + "/"}'
            f'index.html">{INDEX_TITLE[o]}</a>' for o in decks if o != lang)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(
            f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
            f'<meta charset="utf-8"><title>{INDEX_TITLE[lang]}</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;'
            'padding:0 1rem;line-height:1.6}</style></head>\n'
            f'<body><h1>{INDEX_TITLE[lang]}</h1><p>{other.removeprefix(" · ")}</p>\n'
            f'<ol start="0">\n{items}\n</ol>\n<p>→ / Space: next · ← : back · ↓ ↑: '
            'sub-slides · Esc: overview · S: speaker notes · F: full screen</p></body></html>\n',
            encoding="utf-8")


def build(root: Path = ROOT, out: Path | None = None,
          only: list[Path] | None = None) -> list[Path]:
    out = out or ROOT / "build" / "slides"
    out.mkdir(parents=True, exist_ok=True)
    copy_assets(out)
    decks = lectures(root)
    written = []
    for lang, notebooks in decks.items():
        exp = deck_exporter(lang)
        for notebook in notebooks:
            if only and notebook.resolve() not in only:
                continue
            written.append(build_deck(notebook, root, out, lang, exp))
    write_index(out, decks)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    only = [p.resolve() for p in args.notebooks] or None
    written = build(args.root, args.out, only)
    out = args.out or ROOT / "build" / "slides"
    print(f"{len(written)} decks in {out}; open {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
