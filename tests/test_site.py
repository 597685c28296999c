"""The course without Python: the website, the slide decks and the PDF, offline, in both languages.

One build per test session, shared by every test here: a temporary copy of the course (links
to the repository's files) with its Chinese edition as it stands, plus a tiny Chinese chapter
08 (``notebooks/zh/08_clv_concepts.ipynb``: a title, a formula, a figure, a widget, links) while
the edition has none, built into a temporary folder by ``tools/build_site.py``,
``tools/slides.py`` and ``tools/pdf.py``, exactly as ``make site slides pdf`` build ``build/``.
Nothing is written into the repository.

Without a browser: the site builds with no Sphinx warning (in the test process's offline
guard), every notebook has a page, no page names another host in what it loads, widget
cells show the note, launch buttons point at ``deploy/course.toml``'s hub, slide types follow
the headings. In headless Chromium (``-m browser``, skipped by ``make test-fast``): every
page loads with no request to any host but the local server, formulas are typeset, images
load and have alt text, search finds "lifetime value" and 客户终生价值 and links to chapter
08, the language switch lands on the same chapter, every deck advances and goes back with
no slide overflowing 1280×720, and the PDF has the chapters and embeds its fonts.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import build_site  # noqa: E402
import course_config  # noqa: E402
import pdf as course_pdf  # noqa: E402
import slides  # noqa: E402

LECTURES = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ZH_LECTURE = "08_clv_concepts"
SLIDE_W, SLIDE_H = slides.WIDTH, slides.HEIGHT
PAGE_TIMEOUT = 30_000


# ---------------------------------------------------------------------------------------------
# The build, once per session


def _zh_lecture(english: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A tiny Chinese chapter 08: a title, a formula, a figure, a widget, links."""
    figure = next(c for c in english.cells if c.cell_type == "code"
                  and any("image/png" in o.get("data", {}) for o in c.get("outputs", [])))
    nb = nbformat.v4.new_notebook(metadata=english.metadata)
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# 08 客户终生价值（一）：概念与计算\n\n"
            "客户终生价值（CLV）是客户在整个关系期间带来的全部净现金流的现值。练习见"
            "[本章练习](../../exercises/08_clv_concepts_exercises.ipynb)，下一章见"
            "[第 09 章](09_dwyer_events.ipynb)。\n\n## 1 保持率模型\n\n"
            "$$\\text{CLV} = \\sum_{t=1}^{T} \\frac{m\\,r^t}{(1+d)^t} - A$$\n\n"
            "其中 $r$ 为保持率，$d$ 为贴现率。"),
        nbformat.v4.new_code_cell(figure.source, outputs=figure.outputs),
        nbformat.v4.new_markdown_cell("### 交互 · 客户终生价值计算器"),
        nbformat.v4.new_code_cell("widgets.explore(draw_clv)", outputs=[nbformat.v4.new_output(
            "execute_result", execution_count=3,
            data={"text/plain": build_site.WIDGET_NOTE})]),
    ]
    return nb


FOLDERS = ("notebooks", "exercises", "solutions")


@pytest.fixture(scope="session")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository (linked entry by entry) with its Chinese edition, plus the tiny Chinese
    chapter 08 when the edition does not have chapter 08 yet."""
    root = tmp_path_factory.mktemp("course")
    for entry in ROOT.iterdir():
        if not entry.name.startswith(".") and entry.name not in (*FOLDERS, "build"):
            (root / entry.name).symlink_to(entry)
    for folder in FOLDERS:
        for sub in (Path(folder), Path(folder) / "zh"):
            (root / sub).mkdir(parents=True, exist_ok=True)
            if (ROOT / sub).is_dir():
                for entry in (ROOT / sub).iterdir():
                    if entry.is_file() and not entry.name.startswith("."):
                        (root / sub / entry.name).symlink_to(entry)
    target = root / "notebooks" / "zh" / f"{ZH_LECTURE}.ipynb"
    if not target.exists():
        english = nbformat.read(ROOT / "notebooks" / f"{ZH_LECTURE}.ipynb", as_version=4)
        nbformat.write(_zh_lecture(english), target)
    return root


def _zh_notebooks(course: Path, folder: str, glob: str = "*.ipynb") -> list[Path]:
    return sorted((course / folder / "zh").glob(glob))


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the local server serves: site/ and slides/."""
    return tmp_path_factory.mktemp("published")


@pytest.fixture(scope="session")
def site(course: Path, published: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    if not (build_site.NPM / "mathjax" / "es5" / "tex-chtml.js").is_file():
        pytest.fail("MathJax is not installed in build/npm: `make site-deps` (which `make test` "
                    "runs) installs the site's JavaScript", pytrace=False)
    start = time.monotonic()
    results = build_site.build(root=course, out=published / "site",
                               work=tmp_path_factory.mktemp("site-src"))
    return {"out": published / "site", "results": results,
            "seconds": time.monotonic() - start}


@pytest.fixture(scope="session")
def decks(course: Path, published: Path) -> Path:
    slides.build(root=course, out=published / "slides")
    return published / "slides"


def _pages(site_dir: Path) -> list[Path]:
    """Every page of the site a reader can open (not the theme's files, not the redirects)."""
    skip = {"_static", "_sources", "_images"}
    return sorted(p for p in site_dir.rglob("*.html")
                  if not skip & set(p.relative_to(site_dir).parts)
                  and p.relative_to(site_dir).as_posix() not in ("index.html", "en/index.html",
                                                                 "zh/index.html"))


# ---------------------------------------------------------------------------------------------
# Without a browser


def test_site_builds_offline_with_every_page(site: dict, course: Path) -> None:
    results = site["results"]
    assert set(results) == {"en", "zh"}
    for lang, result in results.items():
        assert not result["warnings"], f"Sphinx warnings ({lang}):\n" + "\n".join(
            result["warnings"][:20])
    out = site["out"]
    expected = [f"en/{folder}/{p.stem}.html" for folder in ("notebooks", "exercises",
                                                               "solutions")
                for p in sorted((ROOT / folder).glob("*.ipynb"))]
    expected += [f"zh/{folder}/{p.stem}.html" for folder in FOLDERS
                 for p in _zh_notebooks(course, folder)]
    expected += ["en/datasets/README.html", "en/glossary.html", "en/search.html",
                 f"zh/notebooks/{ZH_LECTURE}.html", "zh/notebooks/index.html",
                 "zh/glossary.html", "zh/datasets/README.html", "index.html", ".nojekyll"]
    missing = [e for e in expected if not (out / e).is_file()]
    assert not missing, f"pages missing from the site: {missing}"
    assert len(LECTURES) >= 1


_LOADS = re.compile(r"""<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc=["']"""
                    r"""(?:https?:)?//|<link\b[^>]*\bhref=["'](?:https?:)?//""", re.I)
_CSS_LOADS = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*["']?(?:https?:)?//""", re.I)


def test_no_page_names_another_host_in_what_it_loads(site: dict) -> None:
    """Scripts, styles, images and fonts all come from the site (links to elsewhere are
    fine: a reader follows them on purpose)."""
    out = site["out"]
    found = []
    for page in out.rglob("*.html"):
        found += [f"{page.relative_to(out)}: {m.group(0)[:90]}"
                  for m in _LOADS.finditer(page.read_text(encoding="utf-8"))]
    for css in out.rglob("*.css"):
        found += [f"{css.relative_to(out)}: {m.group(0)}"
                  for m in _CSS_LOADS.finditer(css.read_text(encoding="utf-8", errors="ignore"))]
    assert not found, "the site loads from another host:\n" + "\n".join(found[:20])


def test_widget_cells_show_the_note_and_no_widget_javascript(site: dict) -> None:
    out = site["out"]
    for lecture in LECTURES:
        nb = nbformat.read(lecture, as_version=4)
        body = (out / "en" / "notebooks" / f"{lecture.stem}.html").read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget" not in body
        assert "html-manager" not in body and "widgets.js" not in body
        if any("widgets.explore(" in c.source for c in nb.cells if c.cell_type == "code"):
            assert "run this in JupyterLab to interact" in body, lecture.name
    zh = (out / "zh" / "notebooks" / f"{ZH_LECTURE}.html").read_text(encoding="utf-8")
    assert "请在 JupyterLab 中运行" in zh


def test_launch_buttons_open_the_notebook_on_the_hub_and_binder(site: dict,
                                                                 course: Path) -> None:
    config = course_config.load(course / "deploy" / "course.toml")
    out = site["out"]
    for page, repo_path in [
            (f"en/notebooks/{ZH_LECTURE}.html", f"notebooks/{ZH_LECTURE}.ipynb"),
            (f"en/exercises/{ZH_LECTURE}_exercises.html",
             f"exercises/{ZH_LECTURE}_exercises.ipynb"),
            (f"zh/notebooks/{ZH_LECTURE}.html", f"notebooks/zh/{ZH_LECTURE}.ipynb")]:
        body = (out / page).read_text(encoding="utf-8")
        for link in (course_config.hub_link(config, repo_path),
                     course_config.binder_link(config, repo_path)):
            assert link in body or html.escape(link) in body, \
                f"{page} has no launch link {link}"


def test_course_config_links() -> None:
    config = course_config.CourseConfig(hub_url="https://hub.example.edu",
                                        repository_url="https://github.com/u/crm-course.git",
                                        branch="main", binder_url="https://mybinder.org")
    hub = course_config.hub_link(config, "notebooks/08_clv_concepts.ipynb")
    assert hub.startswith("https://hub.example.edu/hub/user-redirect/git-pull?")
    assert "targetpath=crm-course&" in hub  # never a folder called crm-course.git
    assert "urlpath=lab%2Ftree%2Fcrm-course%2Fnotebooks%2F08_clv_concepts.ipynb" in hub
    binder = course_config.binder_link(config, "notebooks/08_clv_concepts.ipynb")
    assert binder == ("https://mybinder.org/v2/gh/u/crm-course/main"
                      "?urlpath=lab%2Ftree%2Fnotebooks%2F08_clv_concepts.ipynb")
    assert course_config.load().hub_url.startswith("https://")


def test_chinese_search_index_keeps_glossary_terms_whole(site: dict) -> None:
    text = (site["out"] / "zh" / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    docs = index["docnames"]
    found = {docs[i] for key in ("terms", "titleterms")
             for i in _as_list(index[key].get("客户终生价值", []))}
    assert f"notebooks/{ZH_LECTURE}" in found


def _as_list(value: int | list[int]) -> list[int]:
    return value if isinstance(value, list) else [value]


def _deck_types(cells: list[tuple[str, str]]) -> list[str]:
    nb = nbformat.v4.new_notebook()
    for kind, source in cells:
        if kind == "md":
            nb.cells.append(nbformat.v4.new_markdown_cell(source))
        else:
            cell = nbformat.v4.new_code_cell(source)
            if kind == "fig":
                cell.outputs = [nbformat.v4.new_output(
                    "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})]
            nb.cells.append(cell)
    deck = slides.assign_slides(nb)
    return [c.metadata["slideshow"]["slide_type"] for c in deck.cells]


def test_slide_types_follow_the_lecture_structure() -> None:
    # a title, a section with a paragraph and code, a sub-section, a figure
    types = _deck_types([("md", "# Title\n\nIntro."), ("md", "## One\n\nText."),
                         ("code", "x = 1"), ("md", "Between.\n\n### Sub\n\nMore."),
                         ("fig", "plot()")])
    assert types == ["slide", "slide", "-", "-", "subslide", "-", "subslide"]
    # a long section is cut into sub-slides, none taller than the budget
    long = "## Long\n\n" + "\n\n".join(f"Paragraph {i}. " + "word " * 80 for i in range(12))
    types = _deck_types([("md", long)])
    assert types[0] == "slide" and types.count("subslide") >= 2
    # a long table keeps its header on every part
    table = "| a | b |\n|---|---|\n" + "\n".join(f"| {i} | x |" for i in range(60))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## T\n\n" + table)])
    parts = [c.source for c in slides.assign_slides(nb).cells if "|" in c.source]
    assert len(parts) >= 3 and all(p.startswith("| a | b |") for p in parts)
    # the navigation line is left out; links to other lectures go to their decks
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# T\n\nSee [chapter 07](07_retention.ipynb) and "
                                      "[the data](../datasets/README.md)."),
        nbformat.v4.new_markdown_cell("<!-- navigation -->\n[← 07](07_retention.ipynb)")])
    deck = slides.assign_slides(nb, "notebooks/08_clv_concepts.ipynb")
    assert len(deck.cells) == 1
    assert "[chapter 07](07_retention.html)" in deck.cells[0].source
    assert "the data" in deck.cells[0].source and "README" not in deck.cells[0].source


# ---------------------------------------------------------------------------------------------
# In the browser


@pytest.fixture(scope="session")
def server(published: Path) -> Iterator[str]:
    with course_pdf.serve(published) as base:
        yield base


class Visitor:
    """One browser context that lets requests through only to the local server, and keeps
    every request to another host (refused) and every failed response."""

    def __init__(self, browser: object, base: str, viewport: dict) -> None:
        self.base = base
        self.elsewhere: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport=viewport)
        self.context.set_default_timeout(PAGE_TIMEOUT)
        # only requests to another host are intercepted (the pattern is matched in the
        # browser driver): the site's own requests go through without a round trip to Python
        self.context.route(re.compile(rf"^(?!{re.escape(base)}|data:|blob:)"), self._refuse)
        self.page = self.context.new_page()
        self.page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}")
                     if r.status >= 400 else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _refuse(self, route: object) -> None:
        self.elsewhere.append(route.request.url)
        route.abort()

    def open(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="load")

    def reset(self) -> None:
        self.elsewhere.clear()
        self.failed.clear()
        self.errors.clear()

    def close(self) -> None:
        self.context.close()


_PAGE_CHECKS = r"""() => {
  const skip = 'pre, code, script, style, mjx-container, textarea, .highlight, .MathJax';
  const raw = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.parentElement && n.parentElement.closest(skip)
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
  while (walker.nextNode()) {
    const t = walker.currentNode.textContent;
    if (t.includes('$$') || /\\(frac|sum|text|left|right)\b|\\\(|\\\[/.test(t)) {
      raw.push(t.trim().slice(0, 80));
    }
  }
  const math = Array.from(document.querySelectorAll('.math'));
  const images = Array.from(document.images).map((i) => ({
    src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0,
    alt: (i.getAttribute('alt') || '').trim() }));
  return { raw, untypeset: math.filter((m) => !m.querySelector('mjx-container')).length,
           math: math.length, images };
}"""


def _page_problems(visitor: Visitor, rel: str) -> list[str]:
    found = visitor.page.evaluate(_PAGE_CHECKS)
    problems = []
    if visitor.elsewhere:
        problems.append(f"{rel}: requests to other hosts: {visitor.elsewhere[:3]}")
    if visitor.failed:
        problems.append(f"{rel}: failed requests: {visitor.failed[:3]}")
    if found["raw"]:
        problems.append(f"{rel}: formulas shown as TeX: {found['raw'][:2]}")
    if found["untypeset"]:
        problems.append(f"{rel}: {found['untypeset']} of {found['math']} formulas not typeset")
    broken = [i["src"] for i in found["images"] if not i["ok"]]
    if broken:
        problems.append(f"{rel}: images that did not load: {broken[:3]}")
    no_alt = [i["src"] for i in found["images"] if "_images/" in (i["src"] or "")
              and (not i["alt"] or i["alt"] in i["src"])]
    if no_alt:
        problems.append(f"{rel}: figures without alt text: {no_alt[:3]}")
    return problems


@pytest.fixture(scope="session")
def visited(site: dict, server: str, chromium: object,
            tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every page of both editions, opened once in Chromium: checked as it stands, then printed
    into its edition's PDF by tools/pdf.py (the pages the book leaves out, such as the search
    page, are only checked)."""
    visitor = Visitor(chromium, server, {"width": 1100, "height": 1400})
    problems: list[str] = []
    seen: list[str] = []

    def inspect(page: object, path: str) -> None:
        seen.append(path)
        problems.extend(_page_problems(visitor, f"site/{path}"))
        visitor.reset()

    out = tmp_path_factory.mktemp("pdf")
    pdfs = {}
    start = time.monotonic()
    try:
        for lang in ("en", "zh"):
            visitor.reset()
            target = out / f"crm-analytics-{lang}.pdf"
            info = course_pdf.build_pdf(site["out"], lang, target, page=visitor.page,
                                        base=f"{server}site/", inspect=inspect)
            pdfs[lang] = (target, info)
        for page in _pages(site["out"]):
            path = page.relative_to(site["out"]).as_posix()
            if path not in seen:
                visitor.reset()
                visitor.open(f"site/{path}")
                course_pdf.wait_until_typeset(visitor.page)
                inspect(visitor.page, path)
    finally:
        visitor.close()
    return {"problems": problems, "seen": seen, "pdfs": pdfs,
            "seconds": time.monotonic() - start}


@pytest.mark.browser
def test_every_page_loads_offline_with_formulas_and_images(
        site: dict, visited: dict, request: pytest.FixtureRequest) -> None:
    pages = {p.relative_to(site["out"]).as_posix() for p in _pages(site["out"])}
    missed = sorted(pages - set(visited["seen"]))
    assert not missed, f"pages not visited: {missed}"
    request.node.user_properties.append(("pages", len(visited["seen"])))
    request.node.user_properties.append(("seconds (pages and PDFs)", round(visited["seconds"])))
    assert len(pages) >= 3 * len(LECTURES)
    assert not visited["problems"], "\n".join(visited["problems"][:30])


def _search(visitor: Visitor, lang: str, query: str) -> list[str]:
    visitor.open(f"site/{lang}/search.html?q={query}")
    visitor.page.wait_for_selector("#search-results li a", timeout=PAGE_TIMEOUT)
    return visitor.page.evaluate("() => Array.from(document.querySelectorAll("
                                 "'#search-results li a')).map(a => a.href)")


@pytest.mark.browser
def test_search_finds_the_chapter(site: dict, server: str, chromium: object) -> None:
    visitor = Visitor(chromium, server, {"width": 1280, "height": 900})
    try:
        for lang, query in (("en", "lifetime value"), ("zh", "客户终生价值")):
            links = _search(visitor, lang, query)
            chapter = f"{server}site/{lang}/notebooks/{ZH_LECTURE}.html"
            assert chapter in links[:3], f"searching {query!r}: first results {links[:5]}"
            visitor.page.click(f'#search-results li a[href^="notebooks/{ZH_LECTURE}.html"]')
            visitor.page.wait_for_load_state("load")
            assert visitor.page.url.split("?")[0].split("#")[0] == chapter
            assert not visitor.elsewhere and not visitor.errors, (visitor.elsewhere,
                                                                  visitor.errors)
    finally:
        visitor.close()


@pytest.mark.browser
def test_language_switch_lands_on_the_same_chapter(site: dict, server: str,
                                                   chromium: object) -> None:
    visitor = Visitor(chromium, server, {"width": 1280, "height": 900})
    cases = [
        (f"en/notebooks/{ZH_LECTURE}.html", f"zh/notebooks/{ZH_LECTURE}.html"),
        (f"zh/notebooks/{ZH_LECTURE}.html", f"en/notebooks/{ZH_LECTURE}.html"),
        ("en/glossary.html", "zh/glossary.html"),
        ("zh/notebooks/index.html", "en/notebooks/index.html"),
    ]
    untranslated = [p.stem for p in LECTURES
                    if not (site["out"] / "zh" / "notebooks" / f"{p.stem}.html").exists()]
    if untranslated:  # a lecture without its Chinese page yet: the Chinese course index
        cases.append((f"en/notebooks/{untranslated[0]}.html", "zh/notebooks/index.html"))
    try:
        for start, target in cases:
            visitor.open(f"site/{start}")
            switch = visitor.page.locator("a.crm-lang-switch")
            assert switch.count() == 1, f"{start}: no language switch"
            switch.click()
            visitor.page.wait_for_load_state("load")
            assert visitor.page.url == f"{server}site/{target}", (start, visitor.page.url)
    finally:
        visitor.close()


_MEASURE_SLIDES = """() => {
  const scale = Reveal.getScale();
  const out = [];
  for (const s of Reveal.getSlides()) {
    const idx = Reveal.getIndices(s);
    Reveal.slide(idx.h, idx.v);
    const box = s.getBoundingClientRect();
    let bottom = box.top, right = box.left;
    for (const c of s.querySelectorAll(':scope > *')) {
      const r = c.getBoundingClientRect();
      bottom = Math.max(bottom, r.bottom); right = Math.max(right, r.right);
    }
    const heads = Array.from(s.querySelectorAll('h1, h2, h3')).map((h) => ({
      level: +h.tagName[1], text: h.textContent.trim(),
      first: s.textContent.trim().startsWith(h.textContent.trim()) }));
    out.push({ h: idx.h, v: idx.v || 0, height: (bottom - box.top) / scale,
               width: (right - box.left) / scale, heads,
               text: s.innerText.trim().slice(0, 60) });
  }
  Reveal.slide(0, 0);
  return out;
}"""


def _deck_ready(page: object) -> None:
    page.wait_for_function("() => window.Reveal && Reveal.isReady() && window.MathJax"
                           " && MathJax.startup && MathJax.startup.promise")
    page.evaluate("() => MathJax.startup.promise")


@pytest.mark.browser
def test_slide_decks_advance_go_back_and_fit_the_screen(
        decks: Path, course: Path, server: str, chromium: object,
        request: pytest.FixtureRequest) -> None:
    visitor = Visitor(chromium, server, {"width": SLIDE_W, "height": SLIDE_H})
    found = sorted(decks.glob("[0-9][0-9]_*.html")) + sorted(decks.glob("zh/[0-9][0-9]_*.html"))
    zh_lectures = _zh_notebooks(course, "notebooks", "[0-9][0-9]_*.ipynb")
    assert len(found) == len(LECTURES) + len(zh_lectures), [p.name for p in found]
    problems: list[str] = []
    total = 0
    try:
        for deck in found:
            rel = deck.relative_to(decks).as_posix()
            visitor.reset()
            visitor.open(f"slides/{rel}")
            _deck_ready(visitor.page)
            measured = visitor.page.evaluate(_MEASURE_SLIDES)
            total += len(measured)
            for s in measured:
                where = f"{rel} slide {s['h']}.{s['v']} ({s['text'][:40]!r})"
                if s["height"] > SLIDE_H + 2 or s["width"] > SLIDE_W + 2:
                    problems.append(f"{where} overflows: {s['width']:.0f}×{s['height']:.0f}")
                for head in s["heads"]:
                    if not head["first"]:
                        problems.append(f"{where}: heading {head['text'][:40]!r} does not "
                                        "start its slide")
                    elif head["level"] <= 2 and s["v"] != 0:
                        problems.append(f"{where}: section {head['text'][:40]!r} starts a "
                                        "sub-slide, not a slide")
            raw = visitor.page.evaluate(_PAGE_CHECKS)["raw"]
            if raw:
                problems.append(f"{rel}: formulas shown as TeX: {raw[:2]}")
            # the keyboard moves on and back
            page = visitor.page
            page.locator(".reveal").click(position={"x": 5, "y": 5})
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(150)
            after = page.evaluate("() => Reveal.getIndices()")
            page.keyboard.press("ArrowLeft")
            page.wait_for_timeout(150)
            back = page.evaluate("() => Reveal.getIndices()")
            if after["h"] != 1 or back["h"] != 0 or (back.get("v") or 0) != 0:
                problems.append(f"{rel}: → went to {after}, ← back to {back}")
            if visitor.elsewhere or visitor.failed or visitor.errors:
                problems.append(f"{rel}: other hosts {visitor.elsewhere[:2]}, failed "
                                f"{visitor.failed[:2]}, errors {visitor.errors[:2]}")
    finally:
        visitor.close()
    request.node.user_properties.append(("slides", total))
    assert not problems, "\n".join(problems[:30])


@pytest.mark.browser
def test_pdf_has_the_chapters_and_embeds_its_fonts(visited: dict, course: Path) -> None:
    from pypdf import PdfReader

    if subprocess.run(["which", "pdffonts"], capture_output=True).returncode:
        pytest.fail("pdffonts is missing: `make browser-deps` installs poppler-utils",
                    pytrace=False)
    titles = {}
    for lang, (target, info) in visited["pdfs"].items():
        reader = PdfReader(target)
        titles[lang] = [item.title for item in _flatten(reader.outline)]
        first = reader.pages[0].extract_text()
        assert "Contents" in first or "目录" in first, f"{lang}: no contents page"
        assert info["pages"] == len(reader.pages)
        last = reader.pages[-1].extract_text()
        assert str(info["pages"] - info["contents_pages"]) in last.split(), \
            f"{lang}: the last page is not numbered"
        fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        not_embedded = [f for f in fonts if f.split()[-5] != "yes"]
        assert fonts and not not_embedded, f"{lang}: fonts not embedded: {not_embedded}"
        cjk = [f for f in fonts if re.search(r"WenQuanYi|CJK|Hei|Song|Ming|Han|Kai", f, re.I)]
        assert cjk, f"{lang}: no embedded Chinese font in the PDF:\n" + "\n".join(fonts)
    for lecture in LECTURES:
        title = _first_heading(lecture)
        assert title in titles["en"], f"the English PDF has no chapter {title!r}"
    for lecture in _zh_notebooks(course, "notebooks", "[0-9][0-9]_*.ipynb"):
        title = _first_heading(lecture)
        assert title in titles["zh"], f"the Chinese PDF has no chapter {title!r}"
    assert {"Lectures", "Exercises", "Solutions", "Reference"} <= set(titles["en"])


def _flatten(outline: list) -> Iterator:
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def _first_heading(notebook: Path) -> str:
    return slides._title(notebook)  # the deck's title: the notebook's first heading
