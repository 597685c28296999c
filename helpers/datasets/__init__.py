"""The course's datasets: real data (CDNOW, German Credit) and the seeded case company.

Every loader checks the file against the checksum in ``datasets/manifest.json`` and the data
dictionary in its spec, and raises :class:`DatasetError` for a missing, corrupt or edited file.
``datasets/README.md`` documents each file; it is written from the specs by
``tools/build_datasets.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd

from ..validation import check_choice
from ._files import DatasetError, check_schema, data_dir, read_csv_checked, read_manifest, sha256
from ._spec import Column, TableSpec
from .case_company import CASE_SEED, CASE_TABLES, simulate_case_company
from .published import FADER_HARDIE_2007, load_fader_hardie_2007
from .real import CDNOW_MASTER, CDNOW_SAMPLE, GERMAN_CREDIT, load_cdnow, load_german_credit

ALL_SPECS: tuple[TableSpec, ...] = (CDNOW_MASTER, CDNOW_SAMPLE, GERMAN_CREDIT,
                                    *CASE_TABLES.values(), FADER_HARDIE_2007)

__all__ = [
    "ALL_SPECS", "CASE_SEED", "CASE_TABLES", "CaseCompany", "Column", "DatasetError",
    "TableSpec", "data_dir", "load_case", "load_case_company", "load_cdnow",
    "load_fader_hardie_2007", "load_german_credit", "read_manifest", "sha256",
    "simulate_case_company",
]


def load_case(table: str) -> pd.DataFrame:
    """One table of the case company, e.g. ``load_case("orders")``, checked against its spec.

    >>> load_case("servqual_items").shape
    (22, 4)
    """
    return read_csv_checked(CASE_TABLES[check_choice(table, "table", list(CASE_TABLES))])


@dataclass(frozen=True)
class CaseCompany:
    """All tables of the case company, as attributes (``case.orders``, ``case.customers``...).

    Each table must have the columns and types of its data dictionary (:data:`CASE_TABLES`).

    >>> case = load_case_company()
    >>> len(case.customers), len(case.orders)
    (1330, 29924)
    """

    customers: pd.DataFrame
    orders: pd.DataFrame
    service: pd.DataFrame
    cost_to_serve: pd.DataFrame
    invoices: pd.DataFrame
    servqual_items: pd.DataFrame
    servqual: pd.DataFrame
    attribute_ratings: pd.DataFrame
    survey: pd.DataFrame
    credit_profiles: pd.DataFrame
    financials: pd.DataFrame

    def __post_init__(self) -> None:
        for f in fields(self):
            check_schema(getattr(self, f.name), CASE_TABLES[f.name])

    def summary(self) -> pd.DataFrame:
        """Rows and columns of each table.

        >>> load_case_company().summary().loc["orders", ["rows", "columns"]].tolist()
        [29924, 9]
        """
        return pd.DataFrame(
            [(f.name, len(getattr(self, f.name)), getattr(self, f.name).shape[1],
              CASE_TABLES[f.name].title) for f in fields(self)],
            columns=["table", "rows", "columns", "what it holds"]).set_index("table")


def load_case_company() -> CaseCompany:
    """Every table of the case company (synthetic; see ``datasets/README.md``).

    >>> int(load_case_company().summary()["rows"].sum())
    134652
    """
    return CaseCompany(**{f.name: load_case(f.name) for f in fields(CaseCompany)})
