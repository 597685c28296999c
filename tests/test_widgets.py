"""Widget factories: controls are built as asked and the output follows them."""

from __future__ import annotations

import ipywidgets as w
import matplotlib.pyplot as plt
import pytest

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
