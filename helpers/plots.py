"""The course's plotting style: one look for every chart, colour-blind safe, optional Chinese.

Call :func:`use_style` once at the top of a notebook. :func:`use_chinese` switches labels to a
CJK font when one is installed (Noto Sans CJK SC, WenQuanYi, Microsoft YaHei, PingFang SC…), and
:func:`label` writes a bilingual label such as ``"Customers 客户"`` once it is on.

The palette is Okabe & Ito (2008), "Color Universal Design", distinguishable with every common
form of colour blindness.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, PercentFormatter

# Okabe-Ito, in the order the course uses for series.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
GOOD, BAD, NEUTRAL = PALETTE[2], PALETTE[3], "#999999"

# CJK fonts tried in order; all free except the two that ship with Windows and macOS.
CJK_FONTS: tuple[str, ...] = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC",
    "SimHei", "Heiti SC", "Droid Sans Fallback", "AR PL UMing CN",
)

INSTALL_HINT = (
    "No Chinese (CJK) font was found, so Chinese labels would show as empty boxes; the course "
    "keeps English labels. To get one: Debian/Ubuntu `sudo apt-get install fonts-noto-cjk`; "
    "Fedora `sudo dnf install google-noto-sans-cjk-fonts`; conda `conda install -c conda-forge "
    "font-ttf-noto-cjk`; Windows and macOS already have Microsoft YaHei / PingFang SC. Then "
    "restart the kernel and call plots.use_chinese() again."
)

_state = {"chinese": False}


def readable_number(x: float) -> str:
    """How tables show a float: thousands separated and whole above 1,000, else two decimals."""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:,.2f}"


def use_style(context: str = "notebook") -> None:
    """Apply the house style: seaborn ``whitegrid``, the Okabe-Ito palette, readable sizes.

    Also sets pandas to show floats with :func:`readable_number` (``1,234,567`` and ``0.71``
    rather than ``1.2e+06``).
    """
    pd.set_option("display.float_format", readable_number)
    sns.set_theme(context=context, style="whitegrid", palette=list(PALETTE),
                  rc={"figure.figsize": (8.0, 4.5), "figure.dpi": 100,
                      "axes.titleweight": "bold", "axes.titlelocation": "left",
                      "axes.spines.top": False, "axes.spines.right": False,
                      "legend.frameon": False, "savefig.bbox": "tight"})
    if _state["chinese"]:
        _apply_font(_state["font"])


def find_cjk_font(candidates: Sequence[str] = CJK_FONTS) -> str | None:
    """Name of the first installed font of ``candidates`` that has Chinese glyphs, or None."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in candidates if name in installed), None)


def _apply_font(name: str) -> None:
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
    mpl.rcParams["axes.unicode_minus"] = False  # CJK fonts often lack the Unicode minus


def use_chinese(on: bool = True) -> str | None:
    """Show Chinese labels with an installed CJK font; returns its name, or None if none is found.

    When no CJK font is installed this prints how to get one and leaves labels in English.
    ``use_chinese(False)`` switches back to English-only labels.
    """
    if not on:
        _state.update(chinese=False)
        mpl.rcParams["font.sans-serif"] = mpl.rcParamsDefault["font.sans-serif"]
        mpl.rcParams["axes.unicode_minus"] = True
        return None
    name = find_cjk_font()
    if name is None:
        # Fonts installed after matplotlib built its cache are only seen after a rebuild.
        font_manager.fontManager = font_manager._load_fontmanager(try_read_cache=False)  # noqa: SLF001
        name = find_cjk_font()
    if name is None:
        print(INSTALL_HINT)
        return None
    _state.update(chinese=True, font=name)
    _apply_font(name)
    return name


def chinese_enabled() -> bool:
    """True after a successful :func:`use_chinese`."""
    return _state["chinese"]


def label(english: str, chinese: str) -> str:
    """``"english 中文"`` when Chinese labels are on, else ``english``."""
    return f"{english} {chinese}" if _state["chinese"] else english


def money_axis(ax: Axes, axis: str = "y", unit: str = "CNY") -> Axes:
    """Format an axis as money with thousands separators, e.g. ``1,250k CNY``."""
    def fmt(value: float, _pos: int) -> str:
        if abs(value) >= 1e6:
            return f"{value / 1e6:,.1f}M"
        if abs(value) >= 1e3:
            return f"{value / 1e3:,.0f}k"
        return f"{value:,.0f}"
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(fmt))
    (ax.set_ylabel if axis == "y" else ax.set_xlabel)(
        f"{(ax.get_ylabel() if axis == 'y' else ax.get_xlabel()) or 'Amount'} ({unit})")
    return ax


def percent_axis(ax: Axes, axis: str = "y", decimals: int = 0) -> Axes:
    """Format an axis holding shares (0..1) as percentages."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(PercentFormatter(xmax=1.0, decimals=decimals))
    return ax


def new_axes(ncols: int = 1, nrows: int = 1, width: float = 8.0, height: float = 4.5,
             **kwargs) -> tuple[plt.Figure, Axes | Sequence[Axes]]:
    """A figure with ``nrows x ncols`` axes in the house size (width and height per row)."""
    return plt.subplots(nrows, ncols, figsize=(width, height * nrows), layout="constrained",
                        **kwargs)
