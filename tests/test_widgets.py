"""Widget factories: controls are built as asked and the output follows them."""

from __future__ import annotations

import base64

import ipywidgets as w
import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from helpers import widgets


def test_slider_type_follows_its_numbers() -> None:
    assert isinstance(widgets.slider("n", 1, 10, 1, 3), w.IntSlider)
    s = widgets.slider("share", 0.0, 1.0, 0.05, 0.2)
    assert isinstance(s, w.FloatSlider) and s.continuous_update is False


@pytest.mark.parametrize("args, message", [
    (("x", 0, 1, 0.1, 2), "outside"),
    (("x", 0, 1, 0, 0.5), "step must be positive"),
])
def test_slider_rejects_bad_settings(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        widgets.slider(*args)


def test_dropdown_validates_its_value() -> None:
    assert widgets.dropdown("crosshair", ["mean", "median"]).value == "mean"
    with pytest.raises(ValueError, match="not one of"):
        widgets.dropdown("crosshair", ["mean", "median"], "mode")
    with pytest.raises(ValueError, match="at least one"):
        widgets.dropdown("crosshair", [])


def test_combobox_takes_any_listed_value_as_text() -> None:
    box = widgets.combobox("Customer id", [1, 2, 30], 30, placeholder="any id")
    assert isinstance(box, w.Combobox) and box.value == "30" and box.ensure_option
    assert box.options == ("1", "2", "30")
    with pytest.raises(ValueError, match="not one of"):
        widgets.combobox("Customer id", [1, 2], 3)
    with pytest.raises(ValueError, match="at least one"):
        widgets.combobox("Customer id", [], 1)


def test_explore_redraws_on_change() -> None:
    calls: list[dict] = []

    def draw(n: int, how: str) -> str:
        calls.append({"n": n, "how": how})
        plt.plot(range(n))
        return f"{how}: {n}"

    n, how = widgets.slider("n", 1, 10, 1, 3), widgets.dropdown("how", ["a", "b"])
    ui = widgets.explore(draw, n=n, how=how)
    assert isinstance(ui, w.VBox) and isinstance(ui.children[-1], w.Output)
    assert calls == [{"n": 3, "how": "a"}]
    n.value = 5
    how.value = "b"
    assert calls[-2:] == [{"n": 5, "how": "a"}, {"n": 5, "how": "b"}]
    plt.close("all")


def test_explore_needs_value_widgets() -> None:
    with pytest.raises(ValueError, match="at least one control"):
        widgets.explore(lambda: None)
    with pytest.raises(TypeError, match="control 'n'"):
        widgets.explore(lambda n: None, n=3)


# --- options are checked (issue 11) -------------------------------------------------------------

NAN = float("nan")


@pytest.mark.parametrize(("args", "kwargs", "error", "message"), [
    (("x", NAN, 1, 0.1, 0.5), {}, ValueError, "min must be a number, got nan"),
    (("x", 0, NAN, 0.1, 0.5), {}, ValueError, "max must be a number, got nan"),
    (("x", 0, float("inf"), 0.1, 0.5), {}, ValueError, "max must be finite"),
    (("x", 0, 1, NAN, 0.5), {}, ValueError, "step must be a number"),
    (("x", 0, 1, 0.1, NAN), {}, ValueError, "value must be a number"),
    (("x", 0, 1, 0.1, None), {}, TypeError, "value must be a number, got None"),
    (("x", "0", 1, 0.1, 0.5), {}, TypeError, "min must be a number"),
    (("x", 1, 0, 0.1, 0.5), {}, ValueError, "min must be less than max"),
    (("x", 0, 1, 2, 0.5), {}, ValueError, "step 2 is larger than the range"),
    (("x", True, 3, 1, 2), {}, TypeError, "min must be a number"),
    ((None, 0, 1, 0.1, 0.5), {}, TypeError, "description must be text"),
    (("x", 0, 1, 0.1, 0.5), {"fmt": "percent"}, ValueError, "fmt 'percent' is not a number"),
    (("x", 0, 1, 0.1, 0.5), {"fmt": 2}, TypeError, "fmt must be a number format"),
])
def test_slider_refuses_bad_numbers(args: tuple, kwargs: dict, error: type[Exception],
                                    message: str) -> None:
    with pytest.raises(error, match=message):
        widgets.slider(*args, **kwargs)


def test_choices_are_checked() -> None:
    with pytest.raises(TypeError, match="options must be a list"):
        widgets.dropdown("crosshair", "mean")
    with pytest.raises(TypeError, match="options must be a list"):
        widgets.dropdown("crosshair", None)
    with pytest.raises(ValueError, match="not one of the options"):
        widgets.toggle("Model", ["BG/NBD", "Pareto/NBD"], "BGNBD")
    with pytest.raises(ValueError, match="at least one option"):
        widgets.toggle("Model", [])
    assert widgets.toggle("Model", ["BG/NBD", "Pareto/NBD"], "Pareto/NBD").value == "Pareto/NBD"
    with pytest.raises(TypeError, match="placeholder must be text"):
        widgets.combobox("Customer id", [1, 2], 1, placeholder=None)
    with pytest.raises(ValueError, match="step must be greater than 0"):
        widgets.number("Budget", 100.0, step=0)
    with pytest.raises(ValueError, match="value must be a number, got nan"):
        widgets.number("Budget", NAN)


def test_explore_checks_its_function_and_columns() -> None:
    n = widgets.slider("n", 1, 10, 1, 3)
    with pytest.raises(TypeError, match="func must be a drawing function"):
        widgets.explore("draw", n=n)
    with pytest.raises(ValueError, match="columns must be between 1 and 6"):
        widgets.explore(lambda n: None, columns=0, n=n)


# --- the course's language (issue 12) ------------------------------------------------------------

@pytest.fixture
def chinese():
    import contextlib
    import io

    from helpers import language

    with contextlib.redirect_stdout(io.StringIO()):
        language.use_language("zh")
    yield
    language.use_language("en")


def test_option_labels_follow_the_language(chinese) -> None:
    """A list's options show their Chinese label; the values stay what the code expects."""
    box = widgets.dropdown("Crosshair", ["mean", "median", "midpoint"], "median")
    assert box.options == (("均值", "mean"), ("中位数", "median"), ("中点", "midpoint"))
    assert box.value == "median" and box.label == "中位数"
    buttons = widgets.toggle("Timing", ["end", "start"])
    assert buttons.value == "end" and buttons._options_labels == ("期末", "期初")


def test_own_labels_descriptions_and_unknown_words_stay_as_given(chinese) -> None:
    box = widgets.dropdown("口径", {"min-max (0-1)": "minmax", "z": "z"})
    assert box.description == "口径" and box.label == "min-max (0-1)"
    assert widgets.dropdown("x", ["BG/NBD", "Pareto/NBD"]).options == ("BG/NBD", "Pareto/NBD")
    assert widgets.toggle("k", [2, 3, 4]).options == (2, 3, 4)
    assert widgets.slider("份额", 0.0, 1.0, 0.1, 0.5).description == "份额"


def test_option_labels_are_english_in_english() -> None:
    box = widgets.dropdown("Crosshair", ["mean", "median"])
    assert box.options == ("mean", "median") and box.label == "mean"



@pytest.fixture
def kernel_display():
    """An IPython shell showing figures as a notebook kernel does (the inline backend, PNG)."""
    import matplotlib
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats

    backend = matplotlib.get_backend()
    plt.switch_backend("module://matplotlib_inline.backend_inline")
    shell = InteractiveShell.instance()
    select_figure_formats(shell, {"png"}, bbox_inches="tight")
    yield shell
    InteractiveShell.clear_instance()
    plt.switch_backend(backend)


def _drawings(draw, moves: int = 2) -> list[list[dict]]:
    """The outputs of each drawing of ``explore(draw, n=...)``: the first, then each move."""
    from IPython.utils.capture import capture_output

    drawings = []
    n = widgets.slider("n", 1, 10, 1, 3)
    with capture_output() as shown:
        widgets.explore(draw, n=n)
    drawings.append([o.data for o in shown.outputs])
    for value in range(4, 4 + moves):
        with capture_output() as shown:
            n.value = value
        drawings.append([o.data for o in shown.outputs])
    return drawings


def _png_size(data: dict) -> tuple[int, int]:
    png = base64.b64decode(data["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_a_widget_shows_a_fitting_figure_from_one_drawing_pass(kernel_display) -> None:
    def draw(n: int) -> str:
        fig, ax = plt.subplots(figsize=(4, 3), dpi=100, layout="constrained")
        ax.plot(range(n))
        ax.set(title=f"{n} points", xlabel="x", ylabel="y")
        return f"n = {n}"

    drawings = _drawings(draw)
    assert [len(d) for d in drawings] == [2, 2, 2]
    assert drawings[-1][1]["text/plain"] == "'n = 5'"
    # the whole canvas (4 x 3 inches at 100 dpi), not the tight box the usual display crops to
    assert [_png_size(d[0]) for d in drawings] == [(400, 300)] * 3
    assert plt.get_fignums() == []  # every figure is closed once shown
    formatter = kernel_display.display_formatter.formatters["image/png"]
    assert "print_figure" in repr(formatter.for_type(Figure))  # the usual display is back


def test_a_widget_whose_figure_reaches_outside_its_canvas_keeps_the_usual_display(
        kernel_display) -> None:
    def draw(n: int) -> None:
        fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
        ax.plot(range(n))
        fig.text(1.1, 0.5, f"{n}: a note beyond the right edge")

    drawings = _drawings(draw)
    # the usual display widens the image to take in the note
    assert all(len(d) == 1 and _png_size(d[0])[0] > 400 for d in drawings)


def test_a_figure_shown_inside_the_drawing_function_is_drawn_once(kernel_display,
                                                                  monkeypatch) -> None:
    draws = []
    usual = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda self, r: draws.append(1) or usual(self, r))

    def draw(n: int) -> None:
        fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
        ax.plot(range(n))
        plt.show()  # as chapter 10 does, to print its summary below the figure
        print(f"{n} points")

    drawings = _drawings(draw)
    assert [len(d) for d in drawings] == [1, 1, 1]
    assert len(draws) == 3  # one per drawing; the usual display draws each figure twice


def test_a_widget_leaves_what_the_notebook_holds_out_of_later_collections() -> None:
    """The objects alive when a widget is built are set aside (``gc.freeze``), so the cycle
    collector's walks during a redraw do not pass over the whole notebook's data."""
    import contextlib
    import gc
    import io

    gc.unfreeze()
    held = [[i] for i in range(20_000)]  # tracked objects a notebook holds
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            widgets.explore(lambda n: None, n=widgets.slider("n", 1, 10, 1, 3))
        assert gc.get_freeze_count() >= len(held)
        cycle: list = []  # a reference cycle made afterwards is still collected
        cycle.append(cycle)
        del cycle
        assert gc.collect() > 0
    finally:
        gc.unfreeze()
