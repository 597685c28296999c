"""The real datasets load with the documented counts, and bad files fail clearly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import datasets
from helpers.datasets import DatasetError
from helpers.datasets._files import check_schema
from helpers.datasets._spec import cols

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
    with pytest.raises(ValueError, match=r"kind must be one of \['master', 'sample'\]"):
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


# --- bad files and bad options (issue 11): always a DatasetError or an error naming the option ---

def _manifest(data_copy: Path) -> dict:
    return json.loads((data_copy / "manifest.json").read_text())


def _replace_file(data_copy: Path, rel: str, content: bytes) -> None:
    """Overwrite a data file and give it a matching checksum, so only its content is wrong."""
    path = data_copy / rel
    path.write_bytes(content)
    manifest = _manifest(data_copy)
    manifest[rel]["sha256"] = datasets.sha256(path)
    (data_copy / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.parametrize("content", [b"{ not json", b"\xff\xfe\x00garbage", b"",
                                     b"[1, 2, 3]", b'"text"'])
def test_damaged_manifest_is_a_dataset_error(data_copy: Path, content: bytes) -> None:
    (data_copy / "manifest.json").write_bytes(content)
    with pytest.raises(DatasetError, match=r"manifest\.json is damaged.*git checkout"):
        datasets.load_cdnow("sample")


@pytest.mark.parametrize("entry", [{"rows": 6919}, {"sha256": "abc", "rows": 6919},
                                   {"sha256": "0" * 64}, {"sha256": "0" * 64, "rows": "many"},
                                   None, [1, 2]])
def test_manifest_entry_without_checksum_or_rows(data_copy: Path, entry: object) -> None:
    manifest = _manifest(data_copy)
    manifest["cdnow/CDNOW_sample.txt"] = entry
    (data_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(DatasetError, match=r"entry of 'cdnow/CDNOW_sample\.txt'"):
        datasets.load_cdnow("sample")


LOADERS = {
    "cdnow/CDNOW_master.txt": lambda: datasets.load_cdnow("master"),
    "cdnow/CDNOW_sample.txt": lambda: datasets.load_cdnow("sample"),
    "german_credit/germancredit.csv": datasets.load_german_credit,
    "case_company/orders.csv": lambda: datasets.load_case("orders"),
    "published/fader_hardie_2007_survivors.csv": datasets.load_fader_hardie_2007,
}


@pytest.mark.parametrize("rel", LOADERS)
def test_empty_file_with_matching_checksum(data_copy: Path, rel: str) -> None:
    _replace_file(data_copy, rel, b"")
    with pytest.raises(DatasetError, match=rf"{rel.split('/')[-1]}.*is empty"):
        LOADERS[rel]()


@pytest.mark.parametrize("rel", LOADERS)
def test_undecodable_file_with_matching_checksum(data_copy: Path, rel: str) -> None:
    _replace_file(data_copy, rel, (data_copy / rel).read_bytes()[:300] + b"\xff\xfe\xfa\n")
    with pytest.raises(DatasetError, match=rf"{rel.split('/')[-1]}.*not UTF-8 text"):
        LOADERS[rel]()


@pytest.mark.parametrize("rel", LOADERS)
def test_text_that_is_no_table_with_matching_checksum(data_copy: Path, rel: str) -> None:
    _replace_file(data_copy, rel, "客户 ; a\n1,2,3,4,5,6,7,8\n".encode())
    with pytest.raises(DatasetError, match=rel.split("/")[-1]):
        LOADERS[rel]()


@pytest.mark.parametrize("seed, error", [(-1, ValueError), (2**32, ValueError),
                                         (1.5, ValueError), ("2024", TypeError),
                                         (None, TypeError), (True, TypeError),
                                         (float("nan"), ValueError)])
def test_simulator_seed_is_checked(seed: object, error: type[Exception]) -> None:
    from helpers.datasets.case_company import planted_customer_types

    with pytest.raises(error, match="seed"):
        datasets.simulate_case_company(seed)  # type: ignore[arg-type]
    with pytest.raises(error, match="seed"):
        planted_customer_types(seed)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", [None, 5, "Master", True, ["master"]])
def test_cdnow_kind_is_checked(kind: object) -> None:
    with pytest.raises(ValueError, match="kind must be one of"):
        datasets.load_cdnow(kind)  # type: ignore[arg-type]


@pytest.mark.parametrize("table", [None, 3, "order", "ORDERS"])
def test_case_table_is_checked(table: object) -> None:
    with pytest.raises(ValueError, match="table must be one of .*'orders'"):
        datasets.load_case(table)  # type: ignore[arg-type]


def test_paths_and_folders_are_checked(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="path must be a file path"):
        datasets.sha256(5)  # type: ignore[arg-type]
    with pytest.raises(DatasetError, match="is not a file"):
        datasets.sha256(tmp_path / "nothing.csv")
    with pytest.raises(TypeError, match="folder must be a file path"):
        datasets.read_manifest(5)  # type: ignore[arg-type]
    with pytest.raises(DatasetError, match="manifest .* is missing"):
        datasets.read_manifest(tmp_path)


def test_check_schema_refuses_zones_infinities_and_numbers_among_text() -> None:
    spec = datasets.CASE_TABLES["invoices"]
    invoices = datasets.load_case("invoices").head(5)
    zoned = invoices.assign(due_date=invoices["due_date"].dt.tz_localize("UTC"))
    with pytest.raises(DatasetError, match=r"due_date \(datetime64\[.*UTC\], expected date\)"):
        check_schema(zoned, spec)
    infinite = invoices.assign(amount=invoices["amount"].where(invoices.index > 0, np.inf))
    with pytest.raises(DatasetError, match=r"infinite numbers in columns amount \(rows 1\)"):
        check_schema(infinite, spec)
    items = datasets.load_case("servqual_items")
    mixed = items.assign(item=items["item"].astype(object).where(items.index > 0, 12345))
    with pytest.raises(DatasetError, match=r"item \(object, expected str\)"):
        check_schema(mixed, datasets.CASE_TABLES["servqual_items"])
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        check_schema(items.to_dict("records"), datasets.CASE_TABLES["servqual_items"])
    with pytest.raises(ValueError, match="rows must be at least 0"):
        check_schema(items, datasets.CASE_TABLES["servqual_items"], rows=-1)


def test_case_company_tables_follow_their_dictionary() -> None:
    case = datasets.load_case_company()
    tables = {name: getattr(case, name) for name in datasets.CASE_TABLES}
    broken = tables["orders"].assign(net_sales=tables["orders"]["net_sales"].astype(str))
    with pytest.raises(DatasetError, match=r"orders\.csv: column types .* net_sales"):
        datasets.CaseCompany(**(tables | {"orders": broken}))


def test_specs_are_checked() -> None:
    with pytest.raises(ValueError, match="dtype must be one of"):
        datasets.Column("amount", "money", "CNY", "amount")
    with pytest.raises(TypeError, match="nullable must be True or False"):
        datasets.Column("amount", "float", "CNY", "amount", "yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"rows\[0\] must be a tuple"):
        cols(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="columns is empty"):
        datasets.TableSpec("k", "a.csv", "t", "d", "s", "l", columns=())
    with pytest.raises(ValueError, match=r"columns names \['a'\] more than once"):
        datasets.TableSpec("k", "a.csv", "t", "d", "s", "l",
                           columns=cols(("a", "int", "", "a"), ("a", "int", "", "a")))
    with pytest.raises(TypeError, match="meaning must be text, got int 5"):
        datasets.Column("amount", "float", "CNY", 5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="name must not be empty"):
        datasets.Column(" ", "float", "CNY", "amount")
    assert datasets.Column("share", "float", "", "a share").unit == ""
    with pytest.raises(ValueError, match="title must not be empty"):
        datasets.TableSpec("k", "a.csv", "", "d", "s", "l", columns=cols(("a", "int", "", "a")))
