"""Small factories for the course's interactive widgets (ipywidgets 8).

A chapter's widget is a plain drawing function plus a few controls::

    def draw(fraction=0.2):
        ...                       # plot with matplotlib, return a table or text if useful

    draw()                        # the static figure, for readers without a live kernel
    widgets.explore(draw, fraction=widgets.slider("Top share", 0.05, 0.5, 0.05, 0.2))

:func:`explore` redraws into an ``Output`` area whenever a control changes. Calling the same
function once without the widget gives the static figure beside it, so the notebook reads well
in an HTML export or on a site where widgets do not run. Mark the widget cell
``# NBVAL_IGNORE_OUTPUT``: its output is redrawn and so not compared by the notebook tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w
import matplotlib.pyplot as plt
from IPython.display import display

_STYLE = {"description_width": "initial"}
_LAYOUT = {"width": "420px"}


def slider(description: str, min: float, max: float, step: float, value: float,
           *, fmt: str | None = None) -> w.IntSlider | w.FloatSlider:
    """A labelled slider that updates when released; integer if all four numbers are ints."""
    if not min <= value <= max:
        raise ValueError(f"slider {description!r}: value {value} is outside [{min}, {max}]")
    if step <= 0:
        raise ValueError(f"slider {description!r}: step must be positive, got {step}")
    is_int = all(isinstance(v, int) and not isinstance(v, bool) for v in (min, max, step, value))
    cls = w.IntSlider if is_int else w.FloatSlider
    kwargs: dict[str, Any] = {"readout_format": fmt} if fmt else {}
    return cls(value=value, min=min, max=max, step=step, description=description,
               continuous_update=False, style=_STYLE, layout=_LAYOUT, **kwargs)


def dropdown(description: str, options: Sequence[Any] | dict[str, Any],
             value: Any = None) -> w.Dropdown:
    """A labelled drop-down list; ``options`` may map labels to values."""
    if len(options) == 0:
        raise ValueError(f"dropdown {description!r} needs at least one option")
    values = list(options.values()) if isinstance(options, dict) else list(options)
    if value is None:
        value = values[0]
    if value not in values:
        raise ValueError(f"dropdown {description!r}: value {value!r} is not one of the options")
    return w.Dropdown(options=options, value=value, description=description, style=_STYLE,
                      layout=_LAYOUT)


def toggle(description: str, options: Sequence[str], value: str | None = None
           ) -> w.ToggleButtons:
    """A row of buttons for a few named choices."""
    return w.ToggleButtons(options=list(options), value=value or options[0],
                           description=description, style=_STYLE)


def number(description: str, value: float, *, step: float = 1.0) -> w.FloatText:
    """A labelled number box for free entry (amounts, rates)."""
    return w.FloatText(value=value, step=step, description=description, style=_STYLE,
                       layout=_LAYOUT)


def combobox(description: str, options: Sequence[Any], value: Any, *,
             placeholder: str = "") -> w.Combobox:
    """A text box for free entry that suggests the ``options`` while typing (e.g. any customer
    id) and accepts only one of them; its value is text."""
    texts = [str(o) for o in options]
    if not texts:
        raise ValueError(f"combobox {description!r} needs at least one option")
    if str(value) not in texts:
        raise ValueError(f"combobox {description!r}: value {value!r} is not one of the options")
    return w.Combobox(value=str(value), options=texts, ensure_option=True,
                      description=description, placeholder=placeholder, style=_STYLE,
                      layout=_LAYOUT)


def explore(func: Callable[..., Any], *, columns: int = 1, **controls: w.ValueWidget) -> w.VBox:
    """Controls above an output area that shows ``func(**values)``, redrawn on every change.

    ``func`` draws with matplotlib and may return something to show below the figure
    (a DataFrame, a Styler or text). Returns the widget; the last line of a cell displays it.
    """
    if not controls:
        raise ValueError("explore needs at least one control, e.g. x=widgets.slider(...)")
    for name, control in controls.items():
        if not isinstance(control, w.ValueWidget):
            raise TypeError(f"control {name!r} must be an ipywidgets value widget, "
                            f"got {type(control).__name__}")
    out = w.Output()

    def redraw(_change: object = None) -> None:
        with out:
            out.clear_output(wait=True)
            result = func(**{name: c.value for name, c in controls.items()})
            if plt.get_fignums():
                plt.show()
            if result is not None:
                display(result)

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    boxes = list(controls.values())
    rows = [w.HBox(boxes[i:i + columns]) for i in range(0, len(boxes), columns)]
    return w.VBox([*rows, out])
