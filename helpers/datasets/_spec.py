"""Data dictionaries of the course's files: what each column is, its type and its unit.

The specs here are the single source for three things: the loaders' schema check, the manifest
of checksums (``datasets/manifest.json``) and the data dictionary in ``datasets/README.md``,
which ``tools/build_datasets.py`` writes from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Column types a loaded frame may have; the schema check maps them to pandas dtypes.
DTYPES = ("int", "float", "str", "date", "bool")


@dataclass(frozen=True)
class Column:
    """One column of a loaded table."""

    name: str
    dtype: str  # one of DTYPES
    unit: str
    meaning: str
    nullable: bool = False  # may the column hold missing values (an unpaid invoice's paid date)?

    def __post_init__(self) -> None:
        if self.dtype not in DTYPES:
            raise ValueError(f"column {self.name!r}: dtype {self.dtype!r} is not one of {DTYPES}")


@dataclass(frozen=True)
class TableSpec:
    """A data file and the frame its loader returns."""

    key: str  # e.g. "cdnow_master", "case/orders"
    path: str  # file path relative to datasets/
    title: str
    description: str
    source: str
    licence: str
    columns: tuple[Column, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def cols(*rows: tuple[str, str, str, str] | tuple[str, str, str, str, bool]
         ) -> tuple[Column, ...]:
    """Build a column tuple from ``(name, dtype, unit, meaning[, nullable])`` rows."""
    return tuple(Column(*row) for row in rows)
