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
    return frame


def read_csv_checked(spec: TableSpec) -> pd.DataFrame:
    """Read a CSV written by the course's tools, verifying checksum, dtypes and row count."""
    path = verified_path(spec)
    dates = [c.name for c in spec.columns if c.dtype == "date"]
    dtypes = {c.name: {"int": "int64", "float": "float64", "str": "str", "bool": "bool"}[c.dtype]
              for c in spec.columns if c.dtype != "date"}
    try:
        frame = pd.read_csv(path, dtype=dtypes, parse_dates=dates)
    except (ValueError, TypeError) as exc:
        raise DatasetError(f"{spec.path}: cannot be read with its data dictionary: {exc}") from exc
    return check_schema(frame, spec, read_manifest()[spec.path].get("rows"))


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table the way the course stores it: no index, ISO dates, '\\n' line ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator="\n")
