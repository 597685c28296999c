"""Valid example calls of ``helpers.model`` (the base of the fitted models)."""

from __future__ import annotations

from mutation import Case

from helpers.model import Model

CASES = [
    Case(Model, call=lambda: Model()),
    Case(Model.get_params, self=Model()),
    Case(Model.is_fitted, self=Model()),
]
