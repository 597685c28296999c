"""The whole course as one PDF per language, printed from the website by headless Chromium.

    python tools/pdf.py                  # build/pdf/crm-analytics-<lang>.pdf from build/site
    python tools/pdf.py --without-solutions   # a students' book: no solutions
    python tools/pdf.py --site DIR --out DIR --lang zh

``make pdf`` builds the site first. Each page of the site (course index, lectures, exercises,
glossary, datasets) is printed on A4 with its figures and typeset formulas, in the order of the
site's table of contents; the pages are merged behind a contents page with a bookmark for each
part and page, and numbered at the foot of each page. Chromium embeds the fonts it prints
with, among them a CJK font for the Chinese text (Debian: fonts-wqy-microhei, which
``make browser-deps`` installs), so the PDF reads the same on any machine: check with
``pdffonts``. The solutions come after the exercises, as on the site and in the repository
(``--without-solutions`` leaves them out).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import http.server
import io
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
]
MARGIN = {"top": "14mm", "bottom": "16mm", "left": "13mm", "right": "13mm"}
PARTS = {
    "en": [("Introduction", "notebooks/index"), ("Lectures", r"notebooks/\d\d_"),
           ("Exercises", r"exercises/"), ("Solutions", r"solutions/"),
           ("Reference", r"glossary|datasets/")],
    "zh": [("导言", "notebooks/index"), ("讲义", r"notebooks/\d\d_"), ("练习", r"exercises/"),
           ("参考答案", r"solutions/"), ("参考资料", r"glossary|datasets/")],
}
BOOK_TITLE = {"en": "CRM Analytics · 客户关系管理分析", "zh": "客户关系管理分析 · CRM Analytics"}
CONTENTS = {"en": "Contents", "zh": "目录"}


def chromium_executable() -> str:
    candidate = os.environ.get("CRM_CHROMIUM") or "/usr/bin/chromium"
    if not os.access(candidate, os.X_OK):
        raise SystemExit("make pdf needs Chromium: `make browser-deps` installs Debian's "
                         "/usr/bin/chromium, or set CRM_CHROMIUM to a Chromium or Chrome binary")
    return candidate


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser that moved on
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def documents(site_lang: Path, lang: str, solutions: bool = True) -> list[tuple[str, str]]:
    """(part, docname) of every page to print, in the order of the site's navigation."""
    found = sorted(p.relative_to(site_lang).with_suffix("").as_posix()
                   for p in site_lang.rglob("*.html")
                   if p.parts[len(site_lang.parts)] in ("notebooks", "exercises", "solutions",
                                                        "datasets")
                   or p.name == "glossary.html")
    order = []
    for part, pattern in PARTS[lang]:
        if part in ("Solutions", "参考答案") and not solutions:
            continue
        for doc in found:
            if re.match(pattern, doc) and (part, doc) not in order:
                order.append((part, doc))
    return order


def wait_until_typeset(page) -> None:  # noqa: ANN001 (a Playwright page)
    """Every formula typeset by MathJax, every image loaded."""
    page.wait_for_function(
        "() => { const n = document.querySelectorAll('.math').length;"
        " return n === 0 || (window.MathJax && MathJax.startup && MathJax.startup.promise"
        " && document.querySelectorAll('.math mjx-container').length >= n); }",
        timeout=60_000)
    page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
    page.wait_for_function("() => Array.from(document.images).every(i => i.complete)",
                           timeout=60_000)


def _title(page) -> str:  # noqa: ANN001
    return page.evaluate("() => (document.querySelector('main h1, article h1, h1') || "
                         "{textContent: document.title}).textContent")


def _clean_title(title: str) -> str:
    return re.sub(r"\s*[#¶]\s*$", "", title.strip())


def page_numbers(first: int) -> str:
    """CSS that numbers the printed pages at their foot, the first one ``first``: Chromium
    draws @page margin boxes, so a page printed on its own continues the book's numbering."""
    return ("@page { @bottom-center { content: counter(page); font-family: sans-serif;"
            " font-size: 9pt; color: #555; } }"
            f" html {{ counter-reset: page {first - 1}; }}")


def _print(page, base: str, lang: str, docs: list[tuple[str, str]],  # noqa: ANN001
           inspect: Callable | None = None) -> tuple[list[tuple[str, str, bytes, int]], bytes]:
    """Each page as a PDF numbered on from the one before, then the contents page."""
    from pypdf import PdfReader

    page.emulate_media(media="print")
    try:
        printed = []
        first = 1
        for part, doc in docs:
            page.goto(f"{base}{lang}/{doc}.html", wait_until="load")
            wait_until_typeset(page)
            if inspect is not None:
                inspect(page, f"{lang}/{doc}.html")
            page.add_style_tag(content=page_numbers(first))
            pdf = page.pdf(format="A4", print_background=True, margin=MARGIN)
            printed.append((part, _clean_title(_title(page)), pdf, first))
            first += len(PdfReader(io.BytesIO(pdf)).pages)
        page.set_content(contents_html(lang, printed), wait_until="load")
        contents = page.pdf(format="A4", print_background=True, margin=MARGIN)
    finally:
        page.emulate_media(media="screen")
    return printed, contents


def build_pdf(site: Path, lang: str, out: Path, solutions: bool = True, page: object = None,
              base: str | None = None, inspect: Callable | None = None) -> dict:
    """Print the ``lang`` site at ``site/<lang>`` into ``out``; return what it holds.

    The tests pass a Playwright ``page`` of their own, the ``base`` URL under which they serve
    ``site``, and ``inspect(page, path)``, called on every page once it is typeset."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter

    start = time.monotonic()
    docs = documents(site / lang, lang, solutions)
    if not docs:
        raise SystemExit(f"no site pages in {site / lang}: run `make site` first")
    if page is not None and base is not None:
        printed, contents = _print(page, base, lang, docs, inspect)
    else:
        with serve(site) as own_base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_executable(),
                                         args=CHROMIUM_ARGS)
            try:
                own_page = browser.new_page(viewport={"width": 1100, "height": 1400})
                printed, contents = _print(own_page, own_base, lang, docs, inspect)
            finally:
                browser.close()

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(contents)), import_outline=False)
    contents_pages = len(writer.pages)
    parts: dict[str, object] = {}
    for part, title, pdf, _first in printed:
        start_page = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(pdf)), import_outline=False)
        if part not in parts:
            parts[part] = writer.add_outline_item(title=part, page_number=start_page)
        writer.add_outline_item(title=title, page_number=start_page, parent=parts[part])
    writer.add_metadata({"/Title": BOOK_TITLE[lang], "/Author": "CRM analytics course"})
    writer.page_mode = "/UseOutlines"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as f:
        writer.write(f)
    return {"pages": len(writer.pages),
            "contents_pages": contents_pages,
            "documents": [t for _, t, _, _ in printed],
            "seconds": round(time.monotonic() - start, 1)}


def contents_html(lang: str, printed: list[tuple[str, str, bytes, int]]) -> str:
    rows = []
    part = None
    for p, title, _, page_no in printed:
        if p != part:
            rows.append(f'<h2>{html.escape(p)}</h2>')
            part = p
        rows.append(f'<div class="row"><span class="t">{html.escape(title)}</span>'
                    f'<span class="n">{page_no}</span></div>')
    return (f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
            '<meta charset="utf-8"><style>'
            'body{font-family:sans-serif;font-size:11pt;line-height:1.45;color:#222}'
            'h1{font-size:22pt;margin:0 0 4mm}h2{font-size:13pt;margin:6mm 0 2mm}'
            '.row{display:flex;gap:4mm;align-items:baseline;break-inside:avoid}'
            '.t{flex:1;border-bottom:1px dotted #999}.n{min-width:10mm;text-align:right}'
            f'</style></head><body><h1>{html.escape(BOOK_TITLE[lang])}</h1>'
            f'<p>{CONTENTS[lang]}</p>{"".join(rows)}</body></html>')


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pdf")
    parser.add_argument("--lang", action="append", choices=["en", "zh"])
    parser.add_argument("--without-solutions", action="store_true")
    args = parser.parse_args(argv)
    langs = args.lang or [lang for lang in ("en", "zh") if (args.site / lang).is_dir()]
    if not langs:
        raise SystemExit(f"no site in {args.site}: run `make site` first")
    for lang in langs:
        target = args.out / f"crm-analytics-{lang}.pdf"
        info = build_pdf(args.site, lang, target, not args.without_solutions)
        print(f"{target}: {info['pages']} pages, {len(info['documents'])} documents, "
              f"{info['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
