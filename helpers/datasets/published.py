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

    >>> load_fader_hardie_2007().head(3)
       year  regular  high_end
    0     0     1000      1000
    1     1      631       869
    2     2      468       743
    """
    return read_csv_checked(FADER_HARDIE_2007)


FADER_HARDIE_2007_FITS: dict[str, dict[str, float]] = {
    "regular": {"alpha": 0.704, "beta": 1.182, "log_likelihood": -1680.3},
    "high_end": {"alpha": 0.668, "beta": 3.806, "log_likelihood": -1611.2},
}
"""The sBG estimates Fader & Hardie (2007) publish for the survivor table of
:func:`load_fader_hardie_2007`, fitted to years 0-7 (their Table 1 and the worked example):
α, β and the maximised log-likelihood per segment. Chapter 07 and ``tests/test_retention.py``
reproduce them (also reachable as ``helpers.retention.FADER_HARDIE_2007_FITS``)."""


# --- BTYD models on CDNOW ------------------------------------------------------------------------

CDNOW_BTYD: dict[str, dict[str, object]] = {
    "BG/NBD": {
        "params": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426},
        "log_likelihood": -9582.4, "decimals": 3,
        "source": "Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). \"Counting your "
                  "customers\" the easy way: an alternative to the Pareto/NBD model. Marketing "
                  "Science 24(2), 275-284.",
    },
    "Pareto/NBD": {
        "params": {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669},
        "log_likelihood": -9595.0, "decimals": 3,
        "source": "Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). A note on implementing "
                  "the Pareto/NBD model in MATLAB. brucehardie.com/notes/008; the same fit, to "
                  "two decimals, in Fader, Hardie & Lee (2005), RFM and CLV: using iso-value "
                  "curves for customer base analysis, Journal of Marketing Research 42(4), "
                  "415-430.",
    },
    "Gamma-Gamma": {
        "params": {"p": 6.25, "q": 3.74, "gamma": 15.44},
        "log_likelihood": None, "decimals": 2,
        "source": "Fader, P. S. & Hardie, B. G. S. (2013). The Gamma-Gamma model of monetary "
                  "value. brucehardie.com/notes/025 (the 946 customers of the sample with a "
                  "repeat purchase in the calibration period).",
    },
}
"""Published maximum-likelihood estimates on the CDNOW 1/10 sample (2,357 customers who first
bought in 1997 Q1; calibration period to 1997-09-30, time in weeks): model -> ``params``,
``log_likelihood`` (``None`` where not published), ``decimals`` (the precision published) and
``source``. Chapter 10 and ``tests/test_btyd.py`` reproduce them."""


def cdnow_btyd_estimates() -> pd.DataFrame:
    """:data:`CDNOW_BTYD` as a table: one row per model and parameter (and log-likelihood),
    columns ``model``, ``parameter``, ``published``, ``decimals`` and ``source``.

    >>> cdnow_btyd_estimates().query("model == 'BG/NBD'")[["parameter", "published"]]
              parameter  published
    0                 r      0.243
    1             alpha      4.414
    2                 a      0.793
    3                 b      2.426
    4    log-likelihood  -9582.400
    """
    rows = []
    for model, fit in CDNOW_BTYD.items():
        values: dict[str, float] = dict(fit["params"])  # type: ignore[call-overload]
        decimals = {name: fit["decimals"] for name in values}
        if fit["log_likelihood"] is not None:
            values["log-likelihood"] = fit["log_likelihood"]  # type: ignore[assignment]
            decimals["log-likelihood"] = 1
        rows += [{"model": model, "parameter": name, "published": float(value),
                  "decimals": int(decimals[name]),  # type: ignore[call-overload]
                  "source": fit["source"]}
                 for name, value in values.items()]
    return pd.DataFrame(rows)
