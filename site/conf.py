"""Sphinx configuration of the course website (both editions).

``tools/build_site.py`` writes each edition's pages into ``build/site-src/<lang>/`` and runs Sphinx
with this folder as the configuration directory. What differs between the editions (language,
titles, the other edition's pages, the launch links) comes from the ``_edition.json`` that
``tools/build_site.py`` writes beside the pages; nothing here downloads anything: MathJax is served
from the site (``build/npm``), the theme's fonts and icons are its own static files, and the
notebooks are rendered from their committed outputs (``nb_execution_mode = "off"``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
EDITION = json.loads(Path(os.environ["CRM_SITE_EDITION"]).read_text(encoding="utf-8"))
TEXT = EDITION["text"]

project = TEXT["project"]
author = "CRM analytics course"
copyright = "the course authors; text CC BY 4.0, code MIT"  # noqa: A001 (Sphinx's name)
language = EDITION["sphinx_language"]
root_doc = "notebooks/index"

extensions = ["myst_nb"]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "_edition.json"]
templates_path = [str(HERE / "_templates")]
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header"]

# MyST: $…$ and $$…$$ math as the notebooks write it, MyST's colon fences for the generated pages
myst_enable_extensions = ["dollarmath", "colon_fence"]
myst_heading_anchors = 3

# the notebooks are shown with their committed outputs, never re-executed
nb_execution_mode = "off"
nb_merge_streams = True

# math: MathJax 3 from the site itself (tools/build_site.py copies it into _static/mathjax)
mathjax_path = "mathjax/tex-chtml.js"

html_theme = "sphinx_book_theme"
html_title = TEXT["project"]
html_static_path = [str(HERE / "_static"), EDITION["assets"]]
html_favicon = str(HERE / "_static" / "favicon.svg")
html_css_files = ["course.css"]
html_js_files = ["glossary.js"]
html_last_updated_fmt = None
html_show_sphinx = False
html_theme_options = {
    "article_header_end": ["crm-lang-switch.html", "article-header-buttons.html"],
    "use_download_button": True,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "use_sidenotes": False,
}
# the edition's settings are part of the configuration, so that a change in them (the other
# edition's pages, deploy/course.toml) rewrites every page, not only the pages that changed
html_context = {"default_mode": "light", "crm_edition": EDITION}

# search: Sphinx's own index, served with the site; the Chinese edition splits words with
# jieba, taught the glossary's Chinese terms, and indexes each term under all its names
# (tools/build_site.py writes the dictionary and the synonyms from helpers/glossary.csv)
html_search_language = EDITION["search_language"]
html_search_scorer = str(HERE / "search_scorer.js")
if EDITION.get("search_dict"):
    html_search_options = {"dict": EDITION["search_dict"]}


def _relative(pagename: str, target: str) -> str:
    """URL of ``target`` (``<lang>/<docname>.html`` under the site root) from ``pagename``."""
    return "../" * (pagename.count("/") + 1) + target


def _language_switch(app, pagename, templatename, context, doctree) -> None:  # noqa: ANN001
    """The same page in the other edition, or that edition's course index."""
    other = EDITION.get("other")
    context["crm_switch"] = None
    if other:
        page = pagename if pagename in other["pages"] or pagename in ("search", "genindex") \
            else "notebooks/index"
        context["crm_switch"] = {
            "url": _relative(pagename, f"{other['lang']}/{page}.html"),
            "label": other["label"], "lang": other["html_lang"], "title": other["title"],
            "same": page == pagename,
        }


def _launch_buttons(app, pagename, templatename, context, doctree) -> None:  # noqa: ANN001
    """JupyterHub (nbgitpuller) and Binder for the page's notebook (deploy/course.toml)."""
    repo_path = EDITION["launch"].get(pagename)
    if repo_path and "header_buttons" in context:
        context["header_buttons"].append({
            "type": "group", "tooltip": TEXT["launch"], "icon": "fas fa-rocket",
            "label": "launch-buttons",
            "buttons": [
                {"type": "link", "text": "JupyterHub", "tooltip": TEXT["hub"],
                 "icon": "_static/images/logo_jupyterhub.svg", "url": repo_path["hub"],
                 "label": "crm-hub"},
                {"type": "link", "text": "Binder", "tooltip": TEXT["binder"],
                 "icon": "_static/images/logo_binder.svg", "url": repo_path["binder"],
                 "label": "crm-binder"},
            ],
        })


def _chinese_search(app) -> None:  # noqa: ANN001
    """Sphinx 9.0's Chinese search names a JavaScript stemmer, ChineseStemmer, that it does not
    ship (it ships the English one), so every search fails in the browser (sphinx-doc/sphinx
    issue 14229, fixed after 9.0.4): register the same language under the stemmer's name."""
    from sphinx.search.zh import SearchChinese

    synonyms = json.loads(Path(EDITION["search_synonyms"]).read_text(encoding="utf-8"))

    class CourseSearchChinese(SearchChinese):
        language_name = "English"  # names the JavaScript stemmer only: EnglishStemmer

        def split(self, input: str) -> list[str]:  # noqa: A002 (Sphinx's name)
            """jieba's words, and for each glossary term its other names (its synonyms)."""
            words = super().split(input)
            return words + [alt for w in words for alt in synonyms.get(w, ())]

    app.add_search_language(CourseSearchChinese)


def setup(app):  # noqa: ANN001, ANN201
    if html_search_language == "zh":
        _chinese_search(app)
    # before the theme drops header templates that render empty (priority 500)
    app.connect("html-page-context", _language_switch, priority=400)
    # after sphinx-book-theme has made its own header buttons (priority 501)
    app.connect("html-page-context", _launch_buttons, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
