"""The real datasets load with the documented counts, and bad files fail clearly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import datasets
from helpers.datasets import DatasetError
from helpers.datasets._files import check_schema

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def master() -> pd.DataFrame:
    return datasets.load_cdnow("master")


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return datasets.load_cdnow("sample")


def test_cdnow_master_counts(master: pd.DataFrame) -> None:
    assert list(master.columns) == ["customer_id", "date", "quantity", "amount"]
    assert len(master) == 69_659
    assert master["customer_id"].nunique() == 23_570
    assert master["date"].min() == pd.Timestamp("1997-01-01")
    assert master["date"].max() == pd.Timestamp("1998-06-30")
    assert pd.api.types.is_datetime64_any_dtype(master["date"])
    assert (master["amount"] == 0).sum() == 80
    assert (master["amount"] >= 0).all() and (master["quantity"] > 0).all()


def test_cdnow_sample_counts(sample: pd.DataFrame, master: pd.DataFrame) -> None:
    assert len(sample) == 6_919
    assert sample["customer_id"].nunique() == 2_357
    assert sample["date"].min() == pd.Timestamp("1997-01-01")
    assert sample["date"].max() <= pd.Timestamp("1998-06-30")
    # the sample is a subset of the master log, customer for customer
    merged = sample.merge(master, on=["customer_id", "date", "quantity", "amount"], how="left",
                          indicator=True)
    assert (merged["_merge"] == "both").all()


def test_cdnow_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError, match="'master' or 'sample'"):
        datasets.load_cdnow("full")  # type: ignore[arg-type]


def test_german_credit() -> None:
    gc = datasets.load_german_credit()
    assert gc.shape == (1000, 21)
    assert gc["bad"].value_counts().to_dict() == {0: 700, 1: 300}
    assert gc.columns[-1] == "bad"
    assert gc["duration_months"].between(4, 72).all()
    assert gc["purpose"].nunique() == 10
    assert not gc.isna().any().any()


def test_manifest_lists_every_spec() -> None:
    manifest = datasets.read_manifest()
    assert set(manifest) == {spec.path for spec in datasets.ALL_SPECS}
    for spec in datasets.ALL_SPECS:
        assert datasets.sha256(ROOT / "datasets" / spec.path) == manifest[spec.path]["sha256"]


def test_readme_documents_every_file() -> None:
    readme = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    manifest = datasets.read_manifest()
    for spec in datasets.ALL_SPECS:
        assert f"`{spec.path}`" in readme
        assert manifest[spec.path]["sha256"] in readme, f"{spec.path}: README checksum stale"
        for column in spec.columns:
            assert f"| `{column.name}` |" in readme
    assert "CC BY 4.0" in readme


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of datasets/ that the loaders read instead of the real one."""
    copy = tmp_path / "datasets"
    shutil.copytree(ROOT / "datasets", copy)
    monkeypatch.setenv("CRM_COURSE_DATA", str(copy))
    return copy


def test_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "cdnow" / "CDNOW_sample.txt").unlink()
    with pytest.raises(DatasetError, match=r"CDNOW_sample\.txt.*missing.*git checkout"):
        datasets.load_cdnow("sample")


def test_edited_file_fails_checksum(data_copy: Path) -> None:
    path = data_copy / "german_credit" / "germancredit.csv"
    path.write_text(path.read_text().replace("radio/television", "radio/tv", 1))
    with pytest.raises(DatasetError, match="corrupt or was edited"):
        datasets.load_german_credit()


def test_truncated_file_fails_checksum(data_copy: Path) -> None:
    path = data_copy / "cdnow" / "CDNOW_master.txt"
    path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(DatasetError, match="corrupt or was edited"):
        datasets.load_cdnow("master")


def test_schema_mismatch_is_reported(data_copy: Path) -> None:
    """A file whose checksum was updated but whose columns changed fails the schema check."""
    path = data_copy / "german_credit" / "germancredit.csv"
    frame = pd.read_csv(path).rename(columns={"age_in_years": "age_years"})
    frame.to_csv(path, index=False)
    manifest = json.loads((data_copy / "manifest.json").read_text())
    manifest["german_credit/germancredit.csv"]["sha256"] = datasets.sha256(path)
    (data_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(DatasetError, match="unexpected columns"):
        datasets.load_german_credit()


def test_missing_manifest(data_copy: Path) -> None:
    (data_copy / "manifest.json").unlink()
    with pytest.raises(DatasetError, match="manifest"):
        datasets.load_cdnow("sample")


def _rewrite(data_copy: Path, rel: str, edit) -> None:
    """Edit a data file in the private copy and update its checksum, as a careless edit would."""
    path = data_copy / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(edit(text), encoding="utf-8")
    manifest = json.loads((data_copy / "manifest.json").read_text())
    manifest[rel]["sha256"] = datasets.sha256(path)
    (data_copy / "manifest.json").write_text(json.dumps(manifest))


def test_missing_case_company_file_is_named(data_copy: Path) -> None:
    (data_copy / "case_company" / "invoices.csv").unlink()
    with pytest.raises(DatasetError, match=r"invoices\.csv.*missing.*git checkout"):
        datasets.load_case_company()


def test_corrupt_case_company_file_fails_checksum(data_copy: Path) -> None:
    path = data_copy / "case_company" / "orders.csv"
    path.write_bytes(path.read_bytes().replace(b",", b";", 3))
    with pytest.raises(DatasetError, match=r"orders\.csv.*corrupt or was edited"):
        datasets.load_case("orders")


def test_unparsable_value_names_column_and_row(data_copy: Path) -> None:
    def edit(text: str) -> str:
        lines = text.splitlines(keepends=True)
        header = lines[0].rstrip("\n").split(",")
        cells = lines[3].rstrip("\n").split(",")
        cells[header.index("gross_sales")] = "about 100"
        lines[3] = ",".join(cells) + "\n"
        return "".join(lines)

    _rewrite(data_copy, "case_company/orders.csv", edit)
    with pytest.raises(DatasetError, match=r"column 'gross_sales' should hold float values; "
                                           r"rows 3 do not \(e.g. 'about 100'\)"):
        datasets.load_case("orders")


def test_missing_value_in_a_required_column(data_copy: Path) -> None:
    def edit(text: str) -> str:
        lines = text.splitlines(keepends=True)
        header = lines[0].rstrip("\n").split(",")
        for row in (2, 5):
            cells = lines[row].rstrip("\n").split(",")
            cells[header.index("net_sales")] = ""
            lines[row] = ",".join(cells) + "\n"
        return "".join(lines)

    _rewrite(data_copy, "case_company/orders.csv", edit)
    with pytest.raises(DatasetError, match=r"missing values .* net_sales \(rows 2, 5\)"):
        datasets.load_case("orders")


def test_dropped_rows_and_wrong_types_are_reported(data_copy: Path) -> None:
    _rewrite(data_copy, "case_company/customers.csv",
             lambda text: "".join(text.splitlines(keepends=True)[:-2]))
    with pytest.raises(DatasetError, match=r"1328 rows, the manifest expects 1330"):
        datasets.load_case("customers")


def test_check_schema_reports_columns_and_types() -> None:
    spec = next(s for s in datasets.ALL_SPECS if s.path == "case_company/orders.csv")
    orders = datasets.load_case("orders")
    with pytest.raises(DatasetError, match="do not match the data dictionary"):
        check_schema(orders.drop(columns="rush"), spec)
    with pytest.raises(DatasetError, match=r"column types .* net_sales \(str"):
        check_schema(orders.astype({"net_sales": "str"}), spec)
    assert check_schema(orders, spec) is orders
