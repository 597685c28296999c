"""Valid example calls of ``helpers.datasets`` (loaders, the case company, the data
dictionaries) for the mutation test."""

from __future__ import annotations

from dataclasses import fields

from mutation import Case

from helpers import datasets
from helpers.datasets import _files, _spec, case_company, published, real

CASE = datasets.load_case_company()
TABLES = {f.name: getattr(CASE, f.name).head(3).copy() for f in fields(datasets.CaseCompany)}
"""Three rows of every case-company table: small, valid input for the schema checks."""

ORDERS_SPEC = datasets.CASE_TABLES["orders"]
COLUMN_ROWS = [("order_id", "int", "", "order number"),
               ("paid_date", "date", "day", "day paid; empty if unpaid", True)]


def _cols(rows: object) -> tuple[_spec.Column, ...]:
    """``cols(*rows)``: the case passes the rows as one argument so that they can be mutated."""
    return _spec.cols(*rows) if isinstance(rows, (list, tuple)) else _spec.cols(rows)


CASES = [
    # loaders
    Case(real.load_cdnow, kind="sample"),
    Case(real.load_german_credit),
    Case(published.load_fader_hardie_2007),
    Case(published.cdnow_btyd_estimates),
    Case(datasets.load_case, table="servqual_items"),
    Case(datasets.load_case_company),
    Case(datasets.CaseCompany, call=lambda **tables: datasets.CaseCompany(**tables), **TABLES),
    Case(datasets.CaseCompany.summary, self=CASE),
    # the simulator
    Case(case_company.simulate_case_company, seed=2024),
    Case(case_company.planted_customer_types, seed=2024),
    # files, checksums and the manifest
    Case(_files.data_dir),
    Case(_files.sha256, path=str(_files.data_dir() / datasets.FADER_HARDIE_2007.path)),
    Case(_files.read_manifest, folder=str(_files.data_dir())),
    Case(_files.verified_path, spec=datasets.GERMAN_CREDIT),
    Case(_files.read_csv_checked, spec=datasets.FADER_HARDIE_2007),
    # the schema check names the file whose table it checks
    Case(_files.check_schema, frame=TABLES["orders"], spec=ORDERS_SPEC, rows=3,
         aliases={"frame": [ORDERS_SPEC.path]}),
    # data dictionaries
    Case(_spec.Column, name="paid_date", dtype="date", unit="day",
         meaning="day paid; empty if unpaid", nullable=True),
    Case(_spec.TableSpec, key="case/orders", path="case_company/orders.csv", title="Orders",
         description="Every order.", source="Synthetic.", licence="CC BY 4.0",
         columns=_spec.cols(*COLUMN_ROWS), notes=("One row per order.",)),
    Case(_spec.cols, call=_cols, rows=COLUMN_ROWS),
]
