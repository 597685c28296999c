"""Finding, checksumming and schema-checking the course's data files."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd

from ._spec import TableSpec

MANIFEST_NAME = "manifest.json"


class DatasetError(ValueError):
    """A data file is missing, corrupt, edited or does not match its data dictionary."""


def data_dir() -> Path:
    """The ``datasets/`` folder: ``$CRM_COURSE_DATA`` if set, else the one beside ``helpers/``."""
    env = os.environ.get("CRM_COURSE_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "datasets"


def sha256(path: Path) -> str:
    """SHA-256 hex digest of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(folder: Path | None = None) -> dict[str, dict]:
    """The manifest: for each file path (relative to ``datasets/``) its checksum and rows."""
    folder = folder or data_dir()
    path = folder / MANIFEST_NAME
    if not path.is_file():
        raise DatasetError(f"the data manifest {path} is missing; restore it from the course "
                           "repository (git checkout -- datasets/)")
    return json.loads(path.read_text(encoding="utf-8"))


def verified_path(spec: TableSpec) -> Path:
    """Return the file of ``spec`` after checking that it exists and matches its checksum."""
    folder = data_dir()
    path = folder / spec.path
    if not path.is_file():
        raise DatasetError(
            f"data file {spec.path!r} ({spec.title}) is missing from {folder}; restore it with "
            f"`git checkout -- datasets/{spec.path}`")
    entry = read_manifest(folder).get(spec.path)
    if entry is None:
        raise DatasetError(f"data file {spec.path!r} is not listed in {MANIFEST_NAME}")
    actual = sha256(path)
    if actual != entry["sha256"]:
        raise DatasetError(
            f"data file {spec.path!r} is corrupt or was edited: its SHA-256 is {actual[:12]}…, "
            f"the manifest expects {entry['sha256'][:12]}…. Restore it with "
            f"`git checkout -- datasets/{spec.path}` (work on a copy in pandas instead)")
    return path


_PANDAS_KIND = {
    "int": pd.api.types.is_integer_dtype,
    "float": pd.api.types.is_float_dtype,
    "str": lambda d: pd.api.types.is_string_dtype(d) or isinstance(d, pd.CategoricalDtype),
    "date": pd.api.types.is_datetime64_any_dtype,
    "bool": pd.api.types.is_bool_dtype,
}


def check_schema(frame: pd.DataFrame, spec: TableSpec, rows: int | None = None) -> pd.DataFrame:
    """Raise DatasetError unless ``frame`` has exactly the columns and dtypes of ``spec``."""
    if list(frame.columns) != spec.column_names:
        raise DatasetError(f"{spec.path}: columns {list(frame.columns)} do not match the data "
                           f"dictionary {spec.column_names}")
    wrong = [f"{c.name} ({frame[c.name].dtype}, expected {c.dtype})"
             for c in spec.columns if not _PANDAS_KIND[c.dtype](frame[c.name].dtype)]
    if wrong:
        raise DatasetError(f"{spec.path}: column types do not match the data dictionary: "
                           f"{', '.join(wrong)}")
    if rows is not None and len(frame) != rows:
        raise DatasetError(f"{spec.path}: {len(frame)} rows, the manifest expects {rows}")
    gaps = [f"{c.name} (rows {_first_rows(frame[c.name].isna())})" for c in spec.columns
            if not c.nullable and frame[c.name].isna().any()]
    if gaps:
        raise DatasetError(f"{spec.path}: missing values in columns the data dictionary requires: "
                           f"{', '.join(gaps)}")
    return frame


def _first_rows(mask: pd.Series, n: int = 5) -> str:
    """The first ``n`` row numbers where ``mask`` holds, as a file's reader counts them (1 = the
    first data row)."""
    rows = [str(i + 1) for i in mask.to_numpy().nonzero()[0][:n]]
    return ", ".join(rows) + (", …" if mask.sum() > n else "")


def _unreadable(path: Path, spec: TableSpec) -> str:
    """Name the first column and rows whose text does not parse as the dictionary's type."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    parse = {"int": lambda s: pd.to_numeric(s, errors="coerce").mod(1).eq(0),
             "float": lambda s: pd.to_numeric(s, errors="coerce").notna(),
             "bool": lambda s: s.isin(["True", "False"]),
             "date": lambda s: pd.to_datetime(s, errors="coerce", format="%Y-%m-%d").notna()}
    for column in spec.columns:
        if column.name not in raw or column.dtype not in parse:
            continue
        text = raw[column.name]
        bad = ~parse[column.dtype](text) & ~(text.eq("") if column.nullable else False)
        if bad.any():
            return (f"column {column.name!r} should hold {column.dtype} values; rows "
                    f"{_first_rows(bad)} do not (e.g. {text[bad].iloc[0]!r})")
    return "the file does not match its data dictionary"


def read_csv_checked(spec: TableSpec) -> pd.DataFrame:
    """Read a CSV written by the course's tools, verifying checksum, dtypes and row count."""
    path = verified_path(spec)
    dates = [c.name for c in spec.columns if c.dtype == "date"]
    dtypes = {c.name: {"int": "int64", "float": "float64", "str": "str", "bool": "bool"}[c.dtype]
              for c in spec.columns if c.dtype != "date"}
    try:
        frame = pd.read_csv(path, dtype=dtypes, parse_dates=dates)
    except (ValueError, TypeError) as exc:
        raise DatasetError(f"{spec.path}: cannot be read with its data dictionary: "
                           f"{_unreadable(path, spec)}") from exc
    return check_schema(frame, spec, read_manifest()[spec.path].get("rows"))


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table the way the course stores it: no index, ISO dates, '\\n' line ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator="\n")
