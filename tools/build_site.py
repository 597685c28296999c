"""Build the course website: every lecture, exercise and solution, in each edition, offline.

    python tools/build_site.py                 # build/site/: the English site, and the Chinese one
                                         # when notebooks/zh/ has notebooks (make site)
    python tools/build_site.py --lang en       # one edition
    python tools/build_site.py --root DIR --out DIR   # another copy of the course (the tests)

The pages come from the committed notebooks and their outputs: nothing is executed. For each
edition this tool writes a Sphinx source tree into ``build/site-src/<lang>/`` — the notebooks
(``notebooks/``, ``exercises/``, ``solutions/``; the Chinese edition from their ``zh/``
folders, under the same names), ``datasets/README.md`` and a glossary page generated from
``helpers/glossary.csv`` — and runs Sphinx with ``site/conf.py`` (myst-nb, sphinx-book-theme)
into ``build/site/<lang>/``. On the way, in the build copy only:

* a widget's saved view (the note ``tools/nbclean.py`` leaves) becomes the note "run this in
  JupyterLab to interact"; the static figure beside it shows the result, and the site loads no
  widget JavaScript;
* every figure gets alt text: the titles the cell's code gives its plot, else the sentence
  that introduces it;
* links between notebooks are checked: to a page of the same edition they stay links, to a
  page only the other edition has they go there (a Chinese page that does not exist yet: its
  English page), to any other file of the repository they go to the repository's web page
  (``deploy/course.toml``);
* the course index gets the site's table of contents;
* each notebook page gets launch buttons (JupyterHub through nbgitpuller, Binder) for its
  notebook in the repository, from ``deploy/course.toml``.

Everything a page loads is on the site: MathJax 3 (from npm, ``build/npm``, installed by the
Makefile from ``site/package-lock.json``), the theme's fonts and icons, the search index. The
language switch in each page's header goes to the same page in the other edition, or to that
edition's course index when it has no such page.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import course_config  # noqa: E402
from nbclean import WIDGET_MIME, WIDGET_NOTE  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SITE_CONF = ROOT / "site"
NPM = ROOT / "build" / "npm" / "node_modules"
LANGS = ("en", "zh")
FOLDERS = ("notebooks", "exercises", "solutions")
MATHJAX_KEEP = ("tex-chtml.js", "input", "output", "ui", "a11y", "adaptors", "core.js",
                "startup.js", "loader.js")

TEXT = {
    "en": {
        "project": "CRM Analytics",
        "captions": {"notebooks": "Lectures", "exercises": "Exercises",
                     "solutions": "Solutions", "reference": "Reference"},
        "glossary_title": "Glossary · 术语表",
        "glossary_intro": (
            "Every key term of the course in English and Chinese, with the chapter that first "
            "teaches it. Type in the box to filter the table (either language; the site's "
            "search finds the terms too). In a notebook: `glossary.lookup(\"…\")`."),
        "glossary_columns": ("English", "中文", "Chapter", "Definition"),
        "also": "Also",
        "deck": "lecture deck: ",
        "filter": "Filter terms…",
        "widget_note": "Interactive widget — run this in JupyterLab to interact. "
                       "The figure above shows its starting state.",
        "figure": "Figure",
        "launch": "Launch this notebook",
        "hub": "Open on your JupyterHub",
        "binder": "Open on Binder",
        "switch_label": "English",
        "switch_title": "This page in English",
        "html_lang": "en",
        "sphinx_language": "en",
        "search_language": "en",
        "index_title": "CRM Analytics",
    },
    "zh": {
        "project": "客户关系管理分析",
        "captions": {"notebooks": "讲解", "exercises": "练习", "solutions": "参考答案",
                     "reference": "参考资料"},
        "glossary_title": "术语表 · Glossary",
        "glossary_intro": (
            "课程的全部关键术语（中英对照），并注明首次讲授的章节。在输入框中键入即可筛选"
            "（中英文均可；站内搜索同样能找到这些术语）。在笔记本中：`glossary.lookup(\"…\")`。"),
        "glossary_columns": ("中文", "English", "章", "释义"),
        "also": "又称",
        "deck": "课件：",
        "filter": "筛选术语…",
        "widget_note": "交互控件：请在 JupyterLab 中运行本单元进行交互。上图为其初始状态。",
        "figure": "图",
        "launch": "启动本笔记本",
        "hub": "在你的 JupyterHub 上打开",
        "binder": "在 Binder 上打开",
        "switch_label": "中文",
        "switch_title": "本页的中文版",
        "html_lang": "zh-CN",
        "sphinx_language": "zh_CN",
        "search_language": "zh",
        "index_title": "客户关系管理分析",
    },
}


# ---------------------------------------------------------------------------------------------
# What each edition has


@dataclass
class Edition:
    lang: str
    root: Path
    pages: dict[str, Path] = field(default_factory=dict)  # docname -> source file

    def folder(self, name: str) -> Path:
        base = self.root / name
        return base if self.lang == "en" else base / self.lang

    def repo_path(self, docname: str) -> str:
        return self.pages[docname].relative_to(self.root).as_posix()


def find_edition(root: Path, lang: str) -> Edition:
    """The pages of edition ``lang`` in the course at ``root``: empty if it has no notebooks."""
    edition = Edition(lang, root)
    for name in FOLDERS:
        folder = edition.folder(name)
        if folder.is_dir():
            for path in sorted(folder.glob("*.ipynb")):
                edition.pages[f"{name}/{path.stem}"] = path
    if not edition.pages:
        return edition
    readme = root / "datasets" / ("README.md" if lang == "en" else f"README.{lang}-CN.md")
    if not readme.is_file():
        readme = root / "datasets" / "README.md"
    if readme.is_file():
        edition.pages["datasets/README"] = readme
    edition.pages["glossary"] = root / "helpers" / "glossary.csv"
    return edition


def editions(root: Path, langs: list[str] | None = None) -> dict[str, Edition]:
    found = {lang: find_edition(root, lang) for lang in LANGS}
    return {lang: e for lang, e in found.items()
            if e.pages and (langs is None or lang in langs)}


def is_lecture(docname: str) -> bool:
    return bool(re.fullmatch(r"notebooks/\d\d_\w+", docname))


# ---------------------------------------------------------------------------------------------
# The build copy of a notebook

_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)\)")
_TITLE = re.compile(r"""(?:title|set_title|suptitle)\s*[=(]\s*(?:plots\.label\(\s*)?"""
                    r"""f?(["'])(.+?)(?<!\\)\1""")


def figure_alt(cell: nbformat.NotebookNode, before: str, text: dict) -> str:
    """Alt text for the figures of ``cell``: the titles its code gives them, else the sentence
    of the Markdown before it that introduces the figure."""
    titles = [re.sub(r"\{[^{}]*\}", "…", m.group(2)) for m in _TITLE.finditer(cell.source)]
    titles = list(dict.fromkeys(t.strip() for t in titles if t.strip()))
    if titles:
        return f"{text['figure']}: " + "; ".join(titles)
    plain = re.sub(r"[*_`#>]|\[([^\]]*)\]\([^)]*\)|\$[^$]*\$", r"\1", before).strip()
    sentences = re.split(r"(?<=[.!?。！？:：])\s+", plain.replace("\n", " "))
    sentence = next((s for s in reversed(sentences) if len(s) > 20), plain)[:200]
    return f"{text['figure']}: {sentence}" if sentence else text["figure"]


def _widget_note(output: dict) -> bool:
    data = output.get("data", {})
    return WIDGET_MIME in data or data.get("text/plain", "").strip() == WIDGET_NOTE


class LinkMap:
    """Where a link in the repository goes on the site."""

    def __init__(self, editions_: dict[str, Edition], config: course_config.CourseConfig):
        self.config = config
        self.where: dict[str, tuple[str, str]] = {}  # repo path -> (lang, docname)
        for lang, edition in editions_.items():
            for docname, path in edition.pages.items():
                if docname != "glossary":
                    self.where.setdefault(path.relative_to(edition.root).as_posix(),
                                          (lang, docname))

    def rewrite(self, markdown: str, edition: Edition, docname: str) -> str:
        markdown = _inline_references(markdown)
        here = posixpath.dirname(edition.repo_path(docname))
        src_dir = posixpath.dirname(docname)

        def one(match: re.Match[str]) -> str:
            label, target = match.groups()
            if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target, re.I):
                return match.group(0)
            path, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(here, path))
            anchor = f"#{anchor}" if anchor else ""
            lang, doc = self.where.get(resolved, (None, None))
            if lang is None:  # a page this edition lacks: the same page in the other one
                lang, doc = self.where.get(re.sub(r"/(?:zh)/", "/", resolved), (None, None))
            if lang == edition.lang:
                suffix = edition.pages[doc].suffix
                rel = posixpath.relpath(doc + suffix, src_dir or ".")
                return f"[{label}]({rel}{anchor})"
            if lang is not None:
                url = "../" * (docname.count("/") + 1) + f"{lang}/{doc}.html{anchor}"
                return f'<a href="{url}">{label}</a>'
            url = f"{self.config.repository_url}/blob/{self.config.branch}/{resolved}"
            return f"[{label}]({url})"

        return _LINK.sub(one, markdown)


_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]+)>?[^\n]*$", re.M)


def _inline_references(markdown: str) -> str:
    """Reference-style links (``[text][name]`` with ``[name]: target``) as inline links, so
    that their targets are checked like the others."""
    targets = {m.group(1).lower(): m.group(2) for m in _DEFINITION.finditer(markdown)}
    if not targets:
        return markdown

    def one(match: re.Match[str]) -> str:
        text, name = match.group(1), (match.group(2) or match.group(1)).lower()
        return f"[{text}]({targets[name]})" if name in targets else match.group(0)

    body = _DEFINITION.sub("", markdown)
    return re.sub(r"\[([^\]]+)\]\[([^\]]*)\]", one, body).rstrip() + "\n"


def prepare_notebook(nb: nbformat.NotebookNode, edition: Edition, docname: str,
                     links: LinkMap) -> nbformat.NotebookNode:
    text = TEXT[edition.lang]
    before = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = links.rewrite(cell.source, edition, docname)
            before = cell.source
            continue
        if cell.cell_type != "code":
            continue
        cell.source = "\n".join(line for line in cell.source.splitlines()
                                if not line.startswith("# NBVAL_"))
        outputs = []
        for output in cell.get("outputs", []):
            if _widget_note(output):
                note = f'<div class="crm-widget-note">{text["widget_note"]}</div>'
                output = nbformat.v4.new_output("display_data", data={
                    "text/html": note, "text/plain": text["widget_note"]})
            outputs.append(output)
        cell.outputs = outputs
        if any("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
               for o in outputs):
            cell.metadata.setdefault("mystnb", {}).setdefault("image", {})["alt"] = \
                figure_alt(cell, before, text)
    return nb


def toctree(edition: Edition) -> list[nbformat.NotebookNode]:
    """Hidden toctrees for the course index: the sidebar of the site."""
    captions = TEXT[edition.lang]["captions"]
    cells = []
    for name in FOLDERS:
        docs = [d for d in edition.pages if d.startswith(name + "/") and d != "notebooks/index"]
        if docs:
            body = "\n".join("/" + d for d in docs)
            cells.append(f"```{{toctree}}\n:hidden:\n:caption: {captions[name]}\n\n{body}\n```")
    reference = [d for d in ("glossary", "datasets/README") if d in edition.pages]
    body = "\n".join("/" + d for d in reference)
    cells.append(f"```{{toctree}}\n:hidden:\n:caption: {captions['reference']}\n\n{body}\n```")
    return [nbformat.v4.new_markdown_cell(c) for c in cells]


def glossary_page(edition: Edition) -> str:
    text = TEXT[edition.lang]
    with edition.pages["glossary"].open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows.sort(key=lambda r: (int(r["chapter"]), r["english"].lower()))

    def cell(s: str) -> str:
        return s.replace("|", "\\|").replace("\n", " ").strip()

    lines = [f"# {text['glossary_title']}", "", text["glossary_intro"], "",
             f'<input id="crm-glossary-filter" type="search" placeholder="{text["filter"]}" '
             f'aria-label="{text["filter"]}">', "",
             "| " + " | ".join(text["glossary_columns"]) + " |", "|---|---|---|---|"]
    for r in rows:
        number = f"{int(r['chapter']):02d}"
        lecture = next((d for d in edition.pages if d.startswith(f"notebooks/{number}_")), None)
        chapter = f"[{number}]({lecture}.ipynb)" if lecture else number
        definition = r["definition_zh"] if edition.lang == "zh" and r["definition_zh"] \
            else r["definition"]
        aliases = [a for a in r["aliases"].split("|") if a]
        if aliases:
            definition += f" *{text['also']}: {', '.join(aliases)}*"
        chinese = r["chinese"] + (f" ({text['deck']}{r['deck_term']})" if r["deck_term"] else "")
        names = (chinese, r["english"]) if edition.lang == "zh" else (r["english"], chinese)
        lines.append(f"| **{cell(names[0])}** | {cell(names[1])} | {chapter} | "
                     f"{cell(definition)} |")
    return "\n".join(lines) + "\n"


def search_dictionary(root: Path, work: Path) -> tuple[Path, Path]:
    """For the Chinese search index: a jieba user dictionary of the glossary's Chinese terms,
    so that 客户终生价值 stays one word (jieba's search mode adds its parts), and the synonyms
    of each term (the standard term, the decks' wording, other Chinese names), so that a
    page that says 客户终身价值 is found by 客户终生价值 too."""
    with (root / "helpers" / "glossary.csv").open(encoding="utf-8", newline="") as f:
        words: set[str] = set()
        synonyms: dict[str, set[str]] = {}
        for r in csv.DictReader(f):
            names = [w.strip() for w in [r["chinese"], r["deck_term"], *r["aliases"].split("|")]
                     if w.strip() and re.search(r"[\u4e00-\u9fff]", w) and " " not in w]
            words.update(names)
            for name in names:
                synonyms.setdefault(name, set()).update(n for n in names if n != name)
    dictionary, synonym_file = work / "zh-search-dict.txt", work / "zh-search-synonyms.json"
    _write(dictionary, "".join(f"{w} 100000 n\n" for w in sorted(words)))
    _write(synonym_file, json.dumps({k: sorted(v) for k, v in sorted(synonyms.items()) if v},
                                    ensure_ascii=False, indent=0))
    return dictionary, synonym_file


def _write(path: Path, content: str | bytes) -> None:
    """Write only what changed, so that Sphinx rebuilds only the pages that changed."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# ---------------------------------------------------------------------------------------------
# Build


def prepare_assets(assets: Path) -> Path:
    """MathJax 3's browser files, copied from build/npm into ``assets/mathjax``."""
    source = NPM / "mathjax" / "es5"
    if not (source / "tex-chtml.js").is_file():
        raise SystemExit(f"MathJax is missing ({source}): run `make site`, which installs the "
                         "site's JavaScript with npm (site/package-lock.json)")
    target = assets / "mathjax"
    stamp = target / ".from"
    version = json.loads((NPM / "mathjax" / "package.json").read_text())["version"]
    if stamp.is_file() and stamp.read_text() == version:
        return assets
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in MATHJAX_KEEP:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, target / name)
        elif src.is_file():
            shutil.copy2(src, target / name)
    stamp.write_text(version)
    return assets


def prepare(edition: Edition, others: dict[str, Edition], work: Path, assets: Path,
            config: course_config.CourseConfig) -> Path:
    """Write the Sphinx sources of ``edition`` into ``work/<lang>``; return its edition file."""
    src = work / edition.lang
    links = LinkMap({edition.lang: edition, **others}, config)
    wanted: set[Path] = set()
    launch = {}
    for docname, path in edition.pages.items():
        if docname == "glossary":
            target = src / "glossary.md"
            _write(target, glossary_page(edition))
        elif path.suffix == ".md":
            target = src / f"{docname}.md"
            _write(target, path.read_text(encoding="utf-8"))
        else:
            target = src / f"{docname}.ipynb"
            nb = prepare_notebook(nbformat.read(path, as_version=4), edition, docname, links)
            if docname == "notebooks/index":
                nb.cells += toctree(edition)
            _write(target, nbformat.writes(nb))
            repo_path = path.relative_to(edition.root).as_posix()
            launch[docname] = {"hub": course_config.hub_link(config, repo_path),
                               "binder": course_config.binder_link(config, repo_path)}
        wanted.add(target)
    if "notebooks/index" not in edition.pages:  # an edition without its own course index
        target = src / "notebooks" / "index.md"
        _write(target, f"# {TEXT[edition.lang]['index_title']}\n\n" + "\n\n".join(
            c.source for c in toctree(edition)).replace(":hidden:\n", "") + "\n")
        wanted.add(target)
    for stale in [p for p in src.rglob("*") if p.is_file() and p.suffix in (".ipynb", ".md")]:
        if stale not in wanted:
            stale.unlink()
    other = next(iter(others.values()), None)
    info = {
        "lang": edition.lang,
        "text": TEXT[edition.lang],
        "sphinx_language": TEXT[edition.lang]["sphinx_language"],
        "search_language": TEXT[edition.lang]["search_language"],
        "search_dict": None, "search_synonyms": None,
        "assets": str(assets),
        "launch": launch,
        "other": None if other is None else {
            "lang": other.lang, "pages": sorted(other.pages),
            "label": TEXT[other.lang]["switch_label"],
            "title": TEXT[other.lang]["switch_title"],
            "html_lang": TEXT[other.lang]["html_lang"]},
    }
    if edition.lang == "zh":
        dictionary, synonyms = search_dictionary(edition.root, work)
        info["search_dict"], info["search_synonyms"] = str(dictionary), str(synonyms)
    edition_file = src / "_edition.json"
    _write(edition_file, json.dumps(info, ensure_ascii=False, indent=1))
    return edition_file


def _redirect(target: str, title: str) -> str:
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title>\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n'
            f'<link rel="canonical" href="{target}"></head>\n'
            f'<body><p><a href="{target}">{title}</a></p></body></html>\n')


def write_root(out: Path, langs: list[str]) -> None:
    """``out/index.html`` (the reader's language if the site has it, else English) and
    ``out/<lang>/index.html``; ``.nojekyll`` so that GitHub Pages serves ``_static/``."""
    for lang in langs:
        _write(out / lang / "index.html",
               _redirect("notebooks/index.html", TEXT[lang]["index_title"]))
    links = " · ".join(f'<a href="{lang}/notebooks/index.html" '
                       f'hreflang="{TEXT[lang]["html_lang"]}">{TEXT[lang]["index_title"]}</a>'
                       for lang in langs)
    pick = ("<script>var zh = (navigator.language || '').toLowerCase().startsWith('zh');"
            "location.replace((zh ? 'zh' : 'en') + '/notebooks/index.html');</script>"
            if "zh" in langs and "en" in langs else
            f"<script>location.replace('{langs[0]}/notebooks/index.html');</script>")
    _write(out / "index.html",
           f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{TEXT["en"]["project"]}'
           f' · {TEXT["zh"]["project"]}</title>\n{pick}</head>\n<body><p>{links}</p></body>'
           "</html>\n")
    _write(out / ".nojekyll", "")


def build(root: Path = ROOT, out: Path | None = None, work: Path | None = None,
          langs: list[str] | None = None, quiet: bool = True) -> dict[str, dict]:
    """Build the site of the course at ``root``; return per edition its time and warnings."""
    out = out or ROOT / "build" / "site"
    work = work or ROOT / "build" / "site-src"
    config = course_config.load(root / "deploy" / "course.toml")
    found = editions(root)
    chosen = [lang for lang in found if langs is None or lang in langs]
    if not chosen:
        raise SystemExit(f"no notebooks to build a site from in {root}")
    assets = prepare_assets(work / "_assets")
    jobs = {}
    for lang in chosen:
        others = {k: v for k, v in found.items() if k != lang}
        edition_file = prepare(found[lang], others, work, assets, config)
        env = {**os.environ, "CRM_SITE_EDITION": str(edition_file), "PYTHONHASHSEED": "0"}
        log = work / f"sphinx-{lang}.log"
        cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(SITE_CONF),
               "-d", str(work / f".doctrees-{lang}"), "-w", str(log), "-q" if quiet else "-v",
               str(work / lang), str(work / "html" / lang)]
        jobs[lang] = (subprocess.Popen(cmd, env=env), time.monotonic(), log)
    results = {}
    for lang, (proc, start, log) in jobs.items():
        code = proc.wait()
        warnings = [w for w in log.read_text(encoding="utf-8").splitlines()
                    if "WARNING" in w or "ERROR" in w] if log.is_file() else []
        if code:
            raise SystemExit(f"Sphinx failed for the {lang} site (exit {code}); see {log}")
        # Sphinx builds in work/html (myst-nb keeps its figures beside it, in
        # work/html/jupyter_execute); the site is a clean copy
        shutil.rmtree(out / lang, ignore_errors=True)
        shutil.copytree(work / "html" / lang, out / lang)
        results[lang] = {"seconds": round(time.monotonic() - start, 1), "warnings": warnings,
                         "pages": len(found[lang].pages)}
    write_root(out, [lang for lang in LANGS if (out / lang / "notebooks").is_dir()])
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", action="append", choices=LANGS)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    results = build(args.root, args.out, args.work, args.lang)
    out = args.out or ROOT / "build" / "site"
    for lang, r in results.items():
        print(f"{lang}: {r['pages']} pages in {r['seconds']} s, {len(r['warnings'])} warnings")
        for w in r["warnings"][:20]:
            print("  " + w)
    print(f"open {out / 'index.html'}  (or serve it: python -m http.server -d {out})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

