"""The house style and the Chinese-label switch."""

from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import pytest

from helpers import plots


@pytest.fixture(autouse=True)
def english_after() -> None:
    yield
    plots.use_chinese(False)
    plt.close("all")


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
    monkeypatch.setattr(plots.font_manager, "_load_fontmanager", lambda **k: plots.font_manager.fontManager)
    assert plots.use_chinese() is None
    out = capsys.readouterr().out
    assert "fonts-noto-cjk" in out and "use_chinese" in out
    assert not plots.chinese_enabled()


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
