"""Small tables of published figures, shipped so that the course can reproduce them."""

from __future__ import annotations

import pandas as pd

from ._files import read_csv_checked
from ._spec import TableSpec, cols

FADER_HARDIE_2007 = TableSpec(
    key="published/fader_hardie_2007",
    path="published/fader_hardie_2007_survivors.csv",
    title="Survivor curves of two customer cohorts (Fader & Hardie 2007)",
    description="Customers still under contract at the start of each year, per 1,000 customers "
                "of a cohort, years 0-12, for two segments of a subscription business "
                "(\"regular\" and \"high end\"). The paper fits the shifted-beta-geometric "
                "model to years 0-7 and projects years 8-12.",
    source="Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. "
           "Journal of Interactive Marketing 21(1), 76-90, doi:10.1002/dir.20074 (the survivor "
           "table of the worked example).",
    licence="Published figures quoted for teaching (a 13-row table of numbers from the paper, "
            "with its citation); the paper itself is not redistributed.",
    columns=cols(
        ("year", "int", "years", "years since the cohort was acquired (0 = start)"),
        ("regular", "int", "customers", "survivors of 1,000 customers of the regular segment"),
        ("high_end", "int", "customers", "survivors of 1,000 customers of the high-end "
                                          "segment"),
    ),
    notes=("Fitting the sBG model to years 0-7 gives alpha = 0.704, beta = 1.182 (regular) and "
           "alpha = 0.668, beta = 3.806 (high end), as published; `tests/test_retention.py` "
           "checks this.",),
)


def load_fader_hardie_2007() -> pd.DataFrame:
    """Fader & Hardie (2007): survivors per 1,000 customers, years 0-12, regular and high end.

    Columns ``year, regular, high_end``; checked against the manifest and the data dictionary.
    """
    return read_csv_checked(FADER_HARDIE_2007)
