"""Finding, checksumming and schema-checking the course's data files.

Every way a data file can be wrong ends in a :class:`DatasetError` that names the file and says
how to restore it: a missing or damaged manifest, a missing, empty, edited or unreadable file,
a file that does not match its data dictionary.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from ..validation import check_int
from ._spec import TableSpec

MANIFEST_NAME = "manifest.json"
_RESTORE = "restore it from the course repository (git checkout -- datasets/)"
_SHA256 = re.compile(r"[0-9a-f]{64}")


class DatasetError(ValueError):
    """A data file is missing, corrupt, edited or does not match its data dictionary."""


DATA_ENV = "CRM_COURSE_DATA"
"""Environment variable naming a ``datasets/`` folder; it overrides every other place."""


def course_root(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The copy of the course that ``start`` (default: the working directory) lies in, or None.

    A course copy is a folder with ``datasets/manifest.json`` beside a ``helpers/`` or
    ``notebooks/`` folder; the nearest one walking up from ``start`` counts. A notebook's
    kernel starts in the notebook's folder, so this finds the repository the notebook runs in
    — on a JupyterHub, the copy nbgitpuller pulled into the student's home.

    >>> course_root("/") is None
    True
    """
    if start is None:
        try:
            start = os.getcwd()
        except OSError:  # the working directory was deleted
            return None
    here = Path(_as_path(start, "start")).absolute()
    for folder in (here, *here.parents):
        if ((folder / "datasets" / MANIFEST_NAME).is_file()
                and ((folder / "helpers").is_dir() or (folder / "notebooks").is_dir())):
            return folder
    return None


def data_dir() -> Path:
    """The ``datasets/`` folder the loaders read.

    In order: ``$CRM_COURSE_DATA`` if set; else the ``datasets/`` of the course copy the
    working directory lies in (:func:`course_root`: a notebook uses the data of its own
    repository, e.g. a copy pulled into a JupyterHub home folder); else the one beside the
    installed ``helpers`` package.

    >>> data_dir().name
    'datasets'
    """
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    root = course_root()
    if root is not None:
        return root / "datasets"
    return Path(__file__).resolve().parents[2] / "datasets"


def _as_path(path: object, name: str) -> Path:
    """``path`` (text or a ``pathlib.Path``) as a Path; a TypeError naming ``name`` otherwise."""
    if isinstance(path, (str, os.PathLike)) and not isinstance(path, bytes):
        return Path(path)
    raise TypeError(f"{name} must be a file path (text or pathlib.Path), got "
                    f"{type(path).__name__} {path!r}")


def sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 hex digest of a file's bytes.

    >>> sha256(data_dir() / "published" / "fader_hardie_2007_survivors.csv")[:12]
    'd7c1522aaf2b'
    """
    file = _as_path(path, "path")
    if not file.is_file():
        raise DatasetError(f"path {str(file)!r} is not a file, so it has no checksum")
    digest = hashlib.sha256()
    try:
        with open(file, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as err:
        raise DatasetError(f"path {str(file)!r} cannot be read ({err.strerror or err})") from err
    return digest.hexdigest()


def read_manifest(folder: str | os.PathLike[str] | None = None) -> dict[str, dict]:
    """The manifest: for each file path (relative to ``datasets/``) its checksum and rows.

    ``folder`` is the data folder (default :func:`data_dir`). A missing, unreadable or damaged
    manifest raises :class:`DatasetError`.

    >>> read_manifest()["german_credit/germancredit.csv"]["rows"]
    1000
    """
    folder = data_dir() if folder is None else _as_path(folder, "folder")
    path = folder / MANIFEST_NAME
    if not path.is_file():
        raise DatasetError(f"the data manifest {MANIFEST_NAME} is missing from the folder "
                           f"{str(folder)!r}; {_RESTORE}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DatasetError(f"the data manifest {path} is damaged and cannot be read ({err}); "
                           f"{_RESTORE}") from err
    if not isinstance(manifest, dict):
        raise DatasetError(f"the data manifest {path} is damaged: it must map each file to its "
                           f"checksum and rows, got {type(manifest).__name__}; {_RESTORE}")
    for file, entry in manifest.items():
        problem = _entry_problem(entry)
        if problem:
            raise DatasetError(f"the data manifest {path} is damaged: the entry of {file!r} "
                               f"{problem}; {_RESTORE}")
    return manifest


def _entry_problem(entry: object) -> str | None:
    """Why a manifest entry is not ``{"sha256": <64 hex digits>, "rows": <count>}``."""
    if not isinstance(entry, dict):
        return f"must be a mapping with 'sha256' and 'rows', got {type(entry).__name__}"
    digest, rows = entry.get("sha256"), entry.get("rows")
    if not (isinstance(digest, str) and _SHA256.fullmatch(digest)):
        return f"has no valid 'sha256' (64 hexadecimal digits), got {digest!r}"
    if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
        return f"has no valid 'rows' (a count of rows), got {rows!r}"
    return None


def _verified(spec: TableSpec) -> tuple[Path, int]:
    """The file of ``spec`` and the rows the manifest expects, after checking that the file
    exists and matches its checksum."""
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
    if path.stat().st_size == 0:
        raise DatasetError(f"data file {spec.path!r} is empty; restore it with "
                           f"`git checkout -- datasets/{spec.path}`")
    return path, entry["rows"]


def verified_path(spec: TableSpec) -> Path:
    """Return the file of ``spec`` after checking that it exists and matches its checksum.

    >>> from helpers.datasets import GERMAN_CREDIT
    >>> verified_path(GERMAN_CREDIT).name
    'germancredit.csv'
    """
    return _verified(spec)[0]


@contextmanager
def _reading(spec: TableSpec) -> Iterator[None]:
    """Turn what pandas raises for an unreadable file (empty, not UTF-8 text, not a table of
    the expected shape) into a :class:`DatasetError` that names the file."""
    try:
        yield
    except DatasetError:
        raise
    except pd.errors.EmptyDataError as err:
        raise DatasetError(f"data file {spec.path!r} is empty; restore it with "
                           f"`git checkout -- datasets/{spec.path}`") from err
    except UnicodeDecodeError as err:
        raise DatasetError(f"data file {spec.path!r} is not UTF-8 text ({err.reason}); restore "
                           f"it with `git checkout -- datasets/{spec.path}`") from err
    except (ValueError, TypeError, KeyError, IndexError, OverflowError,
            pd.errors.ParserError) as err:
        raise DatasetError(f"data file {spec.path!r} cannot be read as {spec.title!r} "
                           f"({type(err).__name__}: {str(err)[:200]}); restore it with "
                           f"`git checkout -- datasets/{spec.path}`") from err


_PANDAS_KIND = {
    "int": lambda s: pd.api.types.is_integer_dtype(s.dtype),
    "float": lambda s: pd.api.types.is_float_dtype(s.dtype),
    "str": lambda s: (isinstance(s.dtype, pd.CategoricalDtype)
                      or pd.api.types.is_string_dtype(s)),  # every value text (or missing)
    "date": lambda s: pd.api.types.is_datetime64_dtype(s.dtype),  # no time zone
    "bool": lambda s: pd.api.types.is_bool_dtype(s.dtype),
}


def check_schema(frame: pd.DataFrame, spec: TableSpec, rows: int | None = None) -> pd.DataFrame:
    """Raise DatasetError unless ``frame`` has exactly the columns and dtypes of ``spec``, finite
    numbers, values in every column that may not be empty and, if given, ``rows`` rows.

    >>> from helpers.datasets import FADER_HARDIE_2007
    >>> table = pd.DataFrame({"year": [0, 1], "regular": [1000, 631], "high_end": [1000, 869]})
    >>> check_schema(table, FADER_HARDIE_2007, rows=13)
    Traceback (most recent call last):
    ...
    helpers.datasets._files.DatasetError: published/fader_hardie_2007_survivors.csv: 2 rows, ...
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{spec.path}: the table must be a pandas DataFrame, got "
                        f"{type(frame).__name__}")
    if rows is not None:
        rows = check_int(rows, "rows", 0)
    if list(frame.columns) != spec.column_names:
        raise DatasetError(f"{spec.path}: columns {list(frame.columns)} do not match the data "
                           f"dictionary {spec.column_names}")
    wrong = [f"{c.name} ({frame[c.name].dtype}, expected {c.dtype})"
             for c in spec.columns if not _PANDAS_KIND[c.dtype](frame[c.name])]
    if wrong:
        raise DatasetError(f"{spec.path}: column types do not match the data dictionary: "
                           f"{', '.join(wrong)}")
    if rows is not None and len(frame) != rows:
        raise DatasetError(f"{spec.path}: {len(frame)} rows, the manifest expects {rows}")
    gaps = [f"{c.name} (rows {_first_rows(frame[c.name].isna())})" for c in spec.columns
            if not c.nullable and frame[c.name].isna().any()]
    if gaps:
        raise DatasetError(f"{spec.path}: missing values in columns the data dictionary "
                           f"requires: {', '.join(gaps)}")
    infinite = [f"{c.name} (rows {_first_rows(pd.Series(np.isinf(frame[c.name].to_numpy())))})"
                for c in spec.columns
                if c.dtype == "float" and np.isinf(frame[c.name].to_numpy()).any()]
    if infinite:
        raise DatasetError(f"{spec.path}: infinite numbers in columns {', '.join(infinite)}")
    return frame


def _first_rows(mask: pd.Series, n: int = 5) -> str:
    """The first ``n`` row numbers where ``mask`` holds, as a file's reader counts them (1 = the
    first data row)."""
    rows = [str(i + 1) for i in mask.to_numpy().nonzero()[0][:n]]
    return ", ".join(rows) + (", …" if mask.sum() > n else "")


def _unreadable(path: Path, spec: TableSpec) -> str:
    """Name the first column and rows whose text does not parse as the dictionary's type."""
    with _reading(spec):
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    parse = {"int": lambda s: pd.to_numeric(s, errors="coerce").mod(1).eq(0),
             "float": lambda s: pd.to_numeric(s, errors="coerce").notna(),
             "bool": lambda s: s.isin(["True", "False"]),
             "date": lambda s: pd.to_datetime(s, errors="coerce", format="%Y-%m-%d").notna()}
    if list(raw.columns) != spec.column_names:
        return (f"its columns {list(raw.columns)[:10]} are not those of the data dictionary "
                f"{spec.column_names}")
    for column in spec.columns:
        if column.dtype not in parse:
            continue
        text = raw[column.name]
        bad = ~parse[column.dtype](text) & ~(text.eq("") if column.nullable else False)
        if bad.any():
            return (f"column {column.name!r} should hold {column.dtype} values; rows "
                    f"{_first_rows(bad)} do not (e.g. {text[bad].iloc[0]!r})")
    return "the file does not match its data dictionary"


def read_csv_checked(spec: TableSpec) -> pd.DataFrame:
    """Read a CSV written by the course's tools, verifying checksum, dtypes and row count.

    >>> from helpers.datasets import FADER_HARDIE_2007
    >>> read_csv_checked(FADER_HARDIE_2007).shape
    (13, 3)
    """
    path, rows = _verified(spec)
    dates = [c.name for c in spec.columns if c.dtype == "date"]
    dtypes = {c.name: {"int": "int64", "float": "float64", "str": "str", "bool": "bool"}[c.dtype]
              for c in spec.columns if c.dtype != "date"}
    with _reading(spec):
        try:
            frame = pd.read_csv(path, dtype=dtypes, parse_dates=dates)
        except (ValueError, TypeError) as exc:
            if isinstance(exc, (UnicodeDecodeError, pd.errors.EmptyDataError)):
                raise
            raise DatasetError(f"{spec.path}: cannot be read with its data dictionary: "
                               f"{_unreadable(path, spec)}") from exc
    return check_schema(frame, spec, rows)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table the way the course stores it: no index, ISO dates, '\\n' line ends.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "table.csv"
    >>> write_csv(pd.DataFrame({"day": pd.to_datetime(["2024-01-05"]), "amount": [1.5]}), path)
    >>> path.read_text()
    'day,amount\\n2024-01-05,1.5\\n'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator="\n")
