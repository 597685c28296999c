"""The house style and the Chinese-label switch."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings

import matplotlib
import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from helpers import language, plots


@pytest.fixture(autouse=True)
def english_after(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(plots._state, "hinted", False)
    monkeypatch.setitem(plots._state, "rebuilt", False)
    yield
    language.use_language("en")
    plots.use_chinese(False)
    plt.close("all")


def _font(monkeypatch: pytest.MonkeyPatch, name: str | None) -> None:
    """Pretend that ``name`` is the installed CJK font (None: there is none)."""
    monkeypatch.setattr(plots, "find_cjk_font", lambda *a, **k: name)
    monkeypatch.setattr(plots.font_manager, "_load_fontmanager",
                        lambda **k: plots.font_manager.fontManager)


def test_style_uses_the_colour_blind_palette() -> None:
    plots.use_style()
    cycle = [matplotlib.colors.to_hex(c["color"]) for c in matplotlib.rcParams["axes.prop_cycle"]]
    assert cycle[:3] == [c.lower() for c in plots.PALETTE[:3]]


def test_label_is_english_until_chinese_is_on(monkeypatch: pytest.MonkeyPatch) -> None:
    assert plots.label("Customers", "客户") == "Customers"
    monkeypatch.setattr(plots, "find_cjk_font", lambda *a, **k: "DejaVu Sans")
    assert plots.use_chinese() == "DejaVu Sans"
    assert plots.label("Customers", "客户") == "Customers 客户"
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_without_a_cjk_font_it_says_how_to_get_one(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(plots, "find_cjk_font", lambda *a, **k: None)
    monkeypatch.setattr(plots.font_manager, "_load_fontmanager",
                        lambda **k: plots.font_manager.fontManager)
    assert plots.use_chinese() is None
    out = capsys.readouterr().out
    assert "fonts-noto-cjk" in out and "use_chinese" in out
    assert not plots.chinese_enabled()


def test_chinese_edition_with_a_font_shows_the_chinese_alone(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _font(monkeypatch, "DejaVu Sans")
    language.use_language("zh")
    assert capsys.readouterr().out == ""
    assert plots.label("Customers", "客户数") == "客户数"
    assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"
    language.use_language("en")
    assert plots.label("Customers", "客户数") == "Customers"


def test_chinese_edition_without_a_font_keeps_english_and_says_so_once(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _font(monkeypatch, None)
    language.use_language("zh")
    assert plots.label("Customers", "客户数") == "Customers"   # never boxes
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out == language.text(plots.INSTALL_HINT) + "\n"
    for system in ("Windows", "macOS", "Linux", "fonts-noto-cjk"):
        assert system in out
    assert "中文" in out                                          # in the reader's language
    language.use_language("zh")                                  # once per session
    assert capsys.readouterr().out == ""
    assert plots.use_chinese() is None                           # an explicit call says it again
    assert "fonts-noto-cjk" in capsys.readouterr().out


def test_the_install_hint_names_every_system() -> None:
    for system in ("Windows", "macOS", "Linux", "fonts-noto-cjk", "brew", "restart the kernel"):
        assert system in plots.INSTALL_HINT


def test_english_edition_keeps_its_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    _font(monkeypatch, "DejaVu Sans")
    language.use_language("en")
    assert plots.label("Customers", "客户数") == "Customers"
    plots.use_chinese()
    assert plots.label("Customers", "客户数") == "Customers 客户数"


def test_money_axis_labels_follow_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    _font(monkeypatch, "DejaVu Sans")
    fig, ax = plots.new_axes()
    assert plots.money_axis(ax).get_ylabel() == "Amount (CNY)"
    language.use_language("zh")
    fig, ax = plots.new_axes()
    assert plots.money_axis(ax, unit="元").get_ylabel() == "金额（元）"
    fig, ax = plots.new_axes()
    assert plots.money_axis(ax).get_ylabel() == "金额（元）"              # CNY is 元


def test_money_axis_ticks_in_chinese_are_wan_and_yi(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chinese reads money in 万 (10^4) and 亿 (10^8), not in thousands and millions."""
    _font(monkeypatch, "DejaVu Sans")
    language.use_language("zh")
    fig, ax = plots.new_axes()
    ticks = plots.money_axis(ax, "x").xaxis.get_major_formatter()
    assert [ticks(v, 0) for v in (0, 1_250, 12_000, 250_000, 2_500_000, -150_000_000)] == [
        "0", "1,250", "1.2万", "25万", "250万", "-1.5亿"]
    language.use_language("en")
    fig, ax = plots.new_axes()
    assert plots.money_axis(ax).yaxis.get_major_formatter()(2_500_000, 0) == "2.5M"


def test_money_axis_without_a_font_stays_english(monkeypatch: pytest.MonkeyPatch) -> None:
    _font(monkeypatch, None)
    language.use_language("zh")
    fig, ax = plots.new_axes()
    assert plots.money_axis(ax).get_ylabel() == "Amount (CNY)"


def test_label_without_its_chinese_takes_the_catalogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """How a helper labels its own plots: the catalog's Chinese, the English where it has none."""
    assert plots.label("small", context="label") == "small"
    _font(monkeypatch, "DejaVu Sans")
    language.use_language("zh")
    assert plots.label("small", context="label") == language.translation("small", "label")
    assert plots.label("small", context="label") == "小型客户"
    assert plots.label("no such text anywhere") == "no such text anywhere"
    language.use_language("en")
    plots.use_chinese()
    assert plots.label("no such text anywhere") == "no such text anywhere"  # not doubled


def test_date_axis_writes_numbers_in_chinese() -> None:
    dates = pd.date_range("2023-01-01", "2024-12-31", freq="MS")
    fig, ax = plots.new_axes()
    ax.plot(dates, range(len(dates)))
    plots.date_axis(ax)
    fig.canvas.draw()
    english = [t.get_text() for t in ax.get_xticklabels()]
    assert any(re.fullmatch(r"[A-Z][a-z]{2}", t) for t in english), english
    language.use_language("zh")
    fig, ax = plots.new_axes()
    ax.plot(dates, range(len(dates)))
    plots.date_axis(ax)
    fig.canvas.draw()
    chinese = [t.get_text() for t in ax.get_xticklabels()]
    assert chinese and all(not re.search(r"[A-Za-z]", t) for t in chinese), chinese
    assert any(re.fullmatch(r"2023-\d\d", t) for t in chinese), chinese


def test_chinese_renders_without_missing_glyphs() -> None:
    """With a CJK font installed (the test set-up installs fonts-noto-cjk), no tofu."""
    if plots.use_chinese() is None:
        pytest.skip("no CJK font installed on this machine")
    fig, ax = plt.subplots()
    ax.set_title("客户终生价值 −1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        fig.canvas.draw()


def test_axis_formatters() -> None:
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 2_500_000])
    plots.money_axis(ax)
    assert ax.yaxis.get_major_formatter()(2_500_000, 0) == "2.5M"
    assert ax.yaxis.get_major_formatter()(12_000, 0) == "12k"
    plots.percent_axis(ax, axis="x")
    assert ax.xaxis.get_major_formatter()(0.25, 0) == "25%"


# --- options are checked (issue 11) -------------------------------------------------------------

@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: plots.label(None, "客户"), TypeError, "english must be text"),
    (lambda: plots.label("Customers", "客户", context="label"), TypeError,
     "context looks the Chinese up in the catalog"),
    (lambda: plots.label("Customers", context=3), TypeError, "context must be text"),
    (lambda: plots.label("Customers", 3), TypeError, "chinese must be text"),
    (lambda: plots.use_style("huge"), ValueError, "context must be one of"),
    (lambda: plots.use_chinese("yes"), TypeError, "on must be True or False"),
    (lambda: plots.find_cjk_font("SimHei"), TypeError, r"for one font write \['SimHei'\]"),
    (lambda: plots.find_cjk_font([]), ValueError, "candidates is empty"),
    (lambda: plots.readable_number(None), TypeError, "x must be a number"),
    (lambda: plots.readable_number("1200"), TypeError, "x must be a number"),
    (lambda: plots.new_axes(ncols=0), ValueError, "ncols must be between 1 and 10"),
    (lambda: plots.new_axes(nrows=2.5), ValueError, "nrows must be a whole number"),
    (lambda: plots.new_axes(width=float("nan")), ValueError, "width must be a number"),
    (lambda: plots.new_axes(height=1e6), ValueError, "height must be greater than 0"),
    (lambda: plots.new_axes(sharey="rows"), ValueError, r"matplotlib refused .*'sharey'"),
])
def test_bad_options_are_refused(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_axis_helpers_check_their_options() -> None:
    fig, ax = plots.new_axes()
    with pytest.raises(ValueError, match="axis must be one of"):
        plots.money_axis(ax, axis="z")
    with pytest.raises(TypeError, match="unit must be text"):
        plots.money_axis(ax, unit=None)
    with pytest.raises(ValueError, match="decimals must be between 0 and 6"):
        plots.percent_axis(ax, decimals=-1)
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        plots.percent_axis(fig)
    assert plt.fignum_exists(fig.number)


def test_readable_number_shows_what_a_table_holds() -> None:
    assert plots.readable_number(float("nan")) == "nan"
    assert plots.readable_number(float("inf")) == "inf"
    assert plots.readable_number(-1234.5) == "-1,234"


# --- the house style is seaborn's theme, set without importing seaborn (and scipy.stats) ----

_RC = {"figure.figsize": (8.0, 4.5), "figure.dpi": 100, "axes.titleweight": "bold",
       "axes.titlelocation": "left", "axes.spines.top": False, "axes.spines.right": False,
       "legend.frameon": False, "savefig.bbox": "tight"}


@pytest.mark.parametrize("context", plots.CONTEXTS)
def test_use_style_is_seaborn_s_theme(context: str) -> None:
    import seaborn as sns

    with mpl.rc_context():
        mpl.rcdefaults()
        sns.set_theme(context=context, style="whitegrid", palette=list(plots.PALETTE), rc=_RC)
        theirs = dict(mpl.rcParams)
    with mpl.rc_context():
        mpl.rcdefaults()
        plots.use_style(context)
        ours = dict(mpl.rcParams)
    differ = {k: (ours[k], theirs[k]) for k in theirs if ours[k] != theirs[k]}
    assert differ == {"image.cmap": ("viridis", "rocket")}  # seaborn's map exists only with it


def test_the_style_does_not_import_seaborn() -> None:
    code = ("import sys; from helpers import plots; plots.use_style(); "
            "print(sorted(m for m in ('seaborn', 'scipy.stats') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def _pixels(figure: plt.Figure) -> np.ndarray:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return np.asarray(Image.open(buffer))


@pytest.mark.parametrize("context", ["notebook", "talk"])
def test_new_axes_draws_the_style_s_picture_with_x_ticks_of_zero_length(context: str) -> None:
    """new_axes keeps the x tick marks on at zero length (a faster title placement); the
    picture is the one plt.subplots draws in the house style, pixel for pixel."""
    def draw(make) -> np.ndarray:
        fig, (left, right) = make()
        left.barh(["champions", "loyal", "lost"], [120, 80, 300], label="customers")
        left.set(title="Customers", xlabel="customers")
        left.legend()
        right.plot([1, 3, 20, 70], [0.1, 0.25, 0.4, 0.3])
        right.set_xscale("log")  # minor ticks, some labelled
        right.minorticks_on()
        right.tick_params(axis="x", labelrotation=30)
        plots.percent_axis(right, "y")
        right.set(title="Bought again", xlabel="days")
        fig.suptitle("Segments", fontweight="bold")
        return _pixels(fig)

    with mpl.rc_context():
        plots.use_style(context)
        ours = draw(lambda: plots.new_axes(ncols=2, width=8, height=3))
        plain = draw(lambda: plt.subplots(ncols=2, figsize=(8, 3), layout="constrained"))
        fig, ax = plots.new_axes()
        assert ax.xaxis.get_ticks_position() == "bottom"  # "unknown" with the marks off
        plt.close(fig)
    assert ours.shape == plain.shape
    assert (ours != plain).any(axis=-1).sum() == 0
