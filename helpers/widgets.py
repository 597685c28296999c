"""Small factories for the course's interactive widgets (ipywidgets 8).

A chapter's widget is a plain drawing function plus a few controls::

    def draw(fraction=0.2):
        ...                       # plot with matplotlib, return a table or text if useful

    draw()                        # the static figure, for readers without a live kernel
    widgets.explore(draw, fraction=widgets.slider("Top share", 0.05, 0.5, 0.05, 0.2))

:func:`explore` redraws into an ``Output`` area whenever a control changes; a figure that fits
its canvas is drawn once rather than twice, and the objects the notebook already holds are
left out of the garbage collector's walks, so a class sharing a hub sees the new figure
quickly. Calling the same function once without the widget gives the static figure beside it,
so the notebook reads well in an HTML export or on a site where widgets do not run. Mark the
widget cell ``# NBVAL_IGNORE_OUTPUT``: its output is redrawn and so not compared by the
notebook tests.

Every factory checks its settings (a slider's bounds are finite numbers with ``min < max``, the
value lies inside them, a drop-down's value is one of its options …) and refuses bad ones with
a ``ValueError`` or ``TypeError`` that names the widget and the setting.

**Language.** The descriptions are the notebook's own text (the Chinese edition translates
them in its catalog). The only text a factory adds itself is the label it shows for each
option of a drop-down or a row of buttons given as a list: after ``use_language("zh")`` that
label goes through :func:`helpers.language.text` (context ``label``), so ``"median"`` shows
as 中位数 while the value the drawing function receives stays ``"median"``.
"""

from __future__ import annotations

import base64
import gc
import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as w
import matplotlib.pyplot as plt
from IPython import get_ipython
from IPython.display import display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from traitlets import TraitError

from . import language
from .validation import check_int, check_number

_STYLE = {"description_width": "initial"}
_LAYOUT = {"width": "420px"}

MAX_COLUMNS = 6
"""Most controls :func:`explore` puts side by side in one row."""


def _description(description: object) -> str:
    if not isinstance(description, str):
        raise TypeError(f"description must be text (the label beside the widget), got "
                        f"{type(description).__name__} {description!r}")
    return description


def _options(options: object, name: str) -> list[Any]:
    """The values of ``options`` (a list, tuple or a dict of label -> value), not empty."""
    if isinstance(options, Mapping):
        values = list(options.values())
    elif isinstance(options, (list, tuple, range)):
        values = list(options)
    else:
        raise TypeError(f"{name} must be a list of options (or a dict of label -> value), got "
                        f"{type(options).__name__} {options!r}")
    if not values:
        raise ValueError(f"{name} is empty: give at least one option")
    return values


def _shown(options: Any, values: list[Any]) -> Any:
    """The options as the widget shows them: a list's text values labelled in the course's
    language (``(label, value)`` pairs, values unchanged) when that changes a label and keeps
    the labels distinct; a dict (the caller's own labels) or anything else as it is."""
    if isinstance(options, Mapping) or language.current() == "en":
        return options
    labels = [language.text(v, "label") if isinstance(v, str) else str(v) for v in values]
    if labels == [str(v) for v in values] or len(set(labels)) != len(labels):
        return options
    return list(zip(labels, values))


def _built(what: str, build: Callable[[], w.Widget]) -> w.Widget:
    """Build a widget; a setting ipywidgets refuses becomes a ValueError naming the widget."""
    try:
        return build()
    except TraitError as err:
        raise ValueError(f"{what}: ipywidgets refused a setting: {err}") from err


def slider(description: str, min: float, max: float, step: float, value: float,
           *, fmt: str | None = None) -> w.IntSlider | w.FloatSlider:
    """A labelled slider that updates when released; integer if all four numbers are ints.

    ``min < max`` are finite numbers, ``0 < step <= max - min`` and ``min <= value <= max``;
    ``fmt`` is a number format for the readout such as ``".0%"`` or ``".2f"``.

    >>> slider("Top share", 0.05, 0.5, 0.05, 0.2, fmt=".0%").readout_format
    '.0%'
    >>> slider("Top share", 0.05, 0.5, 0.05, 0.8)
    Traceback (most recent call last):
    ...
    ValueError: slider 'Top share': value 0.8 is outside [0.05, 0.5]
    """
    _description(description)
    what = f"slider {description!r}"
    low = check_number(min, "min")
    high = check_number(max, "max")
    if not low < high:
        raise ValueError(f"{what}: min must be less than max, got min={min} and max={max}")
    width = check_number(step, "step")
    if width <= 0:
        raise ValueError(f"{what}: step must be positive, got {step}")
    if width > high - low:
        raise ValueError(f"{what}: step {step} is larger than the range from min to max")
    if not low <= check_number(value, "value") <= high:
        raise ValueError(f"{what}: value {value} is outside [{min}, {max}]")
    kwargs: dict[str, Any] = {}
    if fmt is not None:
        if not isinstance(fmt, str):
            raise TypeError(f"{what}: fmt must be a number format such as '.0%' or '.2f', got "
                            f"{type(fmt).__name__} {fmt!r}")
        try:
            format(1, fmt)  # a number format works on a whole number too
        except (ValueError, TypeError) as err:
            raise ValueError(f"{what}: fmt {fmt!r} is not a number format such as '.0%' or "
                             "'.2f'") from err
        if fmt:
            kwargs["readout_format"] = fmt
    is_int = all(isinstance(v, int) and not isinstance(v, bool) for v in (min, max, step, value))
    cls = w.IntSlider if is_int else w.FloatSlider
    return _built(what, lambda: cls(value=value, min=min, max=max, step=step,
                                    description=description, continuous_update=False,
                                    style=_STYLE, layout=_LAYOUT, **kwargs))


def dropdown(description: str, options: Sequence[Any] | dict[str, Any],
             value: Any = None) -> w.Dropdown:
    """A labelled drop-down list; ``options`` may map labels to values; ``value`` (default: the
    first option) must be one of the options' values.

    >>> dropdown("Crosshair", ["mean", "median"]).value
    'mean'
    >>> dropdown("Crosshair", ["mean", "median"], "mode")
    Traceback (most recent call last):
    ...
    ValueError: dropdown 'Crosshair': value 'mode' is not one of the options ['mean', 'median']
    """
    _description(description)
    what = f"dropdown {description!r}"
    values = _options(options, f"{what}: options")
    if value is None:
        value = values[0]
    if not _among(value, values):
        raise ValueError(f"{what}: value {value!r} is not one of the options {values}")
    shown = _shown(options, values)
    return _built(what, lambda: w.Dropdown(options=shown, value=value,
                                           description=description, style=_STYLE,
                                           layout=_LAYOUT))


def _among(value: Any, values: list[Any]) -> bool:
    try:
        return any(value is v or bool(value == v) for v in values)
    except (TypeError, ValueError):  # e.g. an array compared with a number
        return False


def toggle(description: str, options: Sequence[str], value: str | None = None
           ) -> w.ToggleButtons:
    """A row of buttons for a few named choices; ``value`` (default: the first) is one of them.

    >>> toggle("Model", ["BG/NBD", "Pareto/NBD"]).value
    'BG/NBD'
    """
    _description(description)
    what = f"toggle {description!r}"
    values = _options(options, f"{what}: options")
    if value is None:
        value = values[0]
    if not _among(value, values):
        raise ValueError(f"{what}: value {value!r} is not one of the options {values}")
    labels = options if isinstance(options, Mapping) else _shown(values, values)
    return _built(what, lambda: w.ToggleButtons(options=labels, value=value,
                                                description=description, style=_STYLE))


def number(description: str, value: float, *, step: float = 1.0) -> w.FloatText:
    """A labelled number box for free entry (amounts, rates): a finite ``value`` and a positive
    ``step`` for the arrows.

    >>> number("Budget (CNY)", 50_000, step=1_000).value
    50000.0
    """
    _description(description)
    check_number(value, "value")
    check_number(step, "step", low=0.0, low_open=True)
    return _built(f"number {description!r}",
                  lambda: w.FloatText(value=value, step=step, description=description,
                                      style=_STYLE, layout=_LAYOUT))


def combobox(description: str, options: Sequence[Any], value: Any, *,
             placeholder: str = "") -> w.Combobox:
    """A text box for free entry that suggests the ``options`` while typing (e.g. any customer
    id) and accepts only one of them; its value is text.

    >>> combobox("Customer id", [1001, 1002, 1030], 1030).value
    '1030'
    """
    _description(description)
    what = f"combobox {description!r}"
    texts = [str(o) for o in _options(options, f"{what}: options")]
    if str(value) not in texts:
        raise ValueError(f"{what}: value {value!r} is not one of the options")
    if not isinstance(placeholder, str):
        raise TypeError(f"{what}: placeholder must be text, got {type(placeholder).__name__} "
                        f"{placeholder!r}")
    return _built(what, lambda: w.Combobox(value=str(value), options=texts, ensure_option=True,
                                           description=description, placeholder=placeholder,
                                           style=_STYLE, layout=_LAYOUT))


def explore(func: Callable[..., Any], *, columns: int = 1, **controls: w.ValueWidget) -> w.VBox:
    """Controls above an output area that shows ``func(**values)``, redrawn on every change.

    ``func`` draws with matplotlib and may return something to show below the figure
    (a DataFrame, a Styler or text). ``columns`` (1 to :data:`MAX_COLUMNS`) controls share a
    row. Returns the widget; the last line of a cell displays it.

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()):  # outside a notebook, nothing to show
    ...     ui = explore(lambda n: None, n=slider("n", 1, 10, 1, 3))
    >>> type(ui).__name__, len(ui.children)
    ('VBox', 2)
    """
    if not callable(func):
        raise TypeError(f"func must be a drawing function, got {type(func).__name__}")
    columns = check_int(columns, "columns", 1, MAX_COLUMNS)
    if not controls:
        raise ValueError("explore needs at least one control, e.g. x=widgets.slider(...)")
    for name, control in controls.items():
        if not isinstance(control, w.ValueWidget):
            raise TypeError(f"control {name!r} must be an ipywidgets value widget, "
                            f"got {type(control).__name__}")
    out = w.Output()
    figures = _OnePass()

    def redraw(_change: object = None) -> None:
        with out, figures:
            out.clear_output(wait=True)
            result = func(**{name: c.value for name, c in controls.items()})
            if plt.get_fignums():
                plt.show()
            if result is not None:
                display(result)

    for control in controls.values():
        control.observe(redraw, names="value")
    _set_aside_what_exists()
    redraw()
    boxes = list(controls.values())
    rows = [w.HBox(boxes[i:i + columns]) for i in range(0, len(boxes), columns)]
    return w.VBox([*rows, out])


def _set_aside_what_exists() -> None:
    """Collect garbage once, then leave every object that exists now out of later collections.

    Python's cycle collector now and then walks every object a kernel holds; in a lecture's
    kernel (data, models, earlier figures: about 200,000 objects) that walk takes about a
    tenth of a second, and it falls inside some redraws. After ``gc.collect()`` the objects
    still alive are moved out of its way with ``gc.freeze()`` (Python's documented means for
    long-lived objects), so a redraw's collections only walk what was made since. Objects
    set aside are still freed when nothing refers to them any more; only a reference cycle
    among them would wait until ``gc.unfreeze()``.
    """
    gc.collect()
    gc.freeze()


class _OnePass:
    """While a widget redraws, the notebook shows each figure from one drawing pass.

    The notebook's own display (``plt.show``) draws a figure twice: once to lay it out and
    find the tight box around everything drawn, once to paint it. A figure whose layout keeps
    every label inside the canvas (the course's figures use matplotlib's constrained layout)
    needs only the second pass; on a hub where a class moves its sliders together that halves
    the time a redraw takes. Inside ``with`` the kernel's PNG formatter for figures is this
    one-pass drawing; the widget's first drawing decides: if one of its figures reaches
    outside its canvas, that widget keeps the usual display, so nothing is cut off. Outside
    a kernel (no IPython shell, or no PNG display of figures) it changes nothing.
    """

    def __init__(self) -> None:
        self.one_pass, self.first = True, True
        self._formatter: Any = None
        self._usual: Callable[[Figure], Any] = lambda figure: None

    def __enter__(self) -> _OnePass:
        shell = get_ipython()
        if shell is not None and self.one_pass:
            formatter = shell.display_formatter.formatters.get("image/png")
            usual = formatter.for_type(Figure) if formatter is not None else None
            if usual is not None:
                self._formatter, self._usual = formatter, usual
                formatter.for_type(Figure, self._png)
        return self

    def _png(self, figure: Figure) -> Any:
        data = _png_in_one_pass(figure, check_fit=self.first) if self.one_pass else None
        if data is None:
            self.one_pass = False
            return self._usual(figure)
        return base64.b64encode(data).decode("ascii")  # as the usual formatter gives it

    def __exit__(self, *exc: object) -> None:
        if self._formatter is not None:
            self._formatter.for_type(Figure, self._usual)
            self._formatter = None
        self.first = False


def _png_in_one_pass(figure: Figure, *, check_fit: bool = True) -> bytes | None:
    """``figure`` as PNG from one drawing pass (its layout engine included), or ``None`` if
    it cannot be shown that way: the canvas is not matplotlib's Agg or, with ``check_fit``, an
    artist reaches outside the canvas (see :class:`_OnePass`).

    >>> fig, ax = plt.subplots(figsize=(3, 2), layout="constrained")
    >>> _ = ax.plot([1, 2, 3])
    >>> _png_in_one_pass(fig)[:4]
    b'\\x89PNG'
    >>> _ = fig.text(1.2, 0.5, "a note beyond the right edge")
    >>> _png_in_one_pass(fig) is None
    True
    >>> plt.close(fig)
    """
    if not isinstance(figure.canvas, FigureCanvasAgg):
        return None
    buffer = io.BytesIO()
    figure.canvas.print_png(buffer)
    if check_fit:
        drawn = figure.get_tightbbox(figure.canvas.get_renderer())
        canvas = figure.bbox_inches.padded(1 / figure.dpi)
        if not (canvas.x0 <= drawn.x0 and drawn.x1 <= canvas.x1
                and canvas.y0 <= drawn.y0 and drawn.y1 <= canvas.y1):
            return None
    return buffer.getvalue()
