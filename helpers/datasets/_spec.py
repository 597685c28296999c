"""Data dictionaries of the course's files: what each column is, its type and its unit.

The specs here are the single source for three things: the loaders' schema check, the manifest
of checksums (``datasets/manifest.json``) and the data dictionary in ``datasets/README.md``,
which ``tools/build_datasets.py`` writes from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..validation import check_bool, check_choice, check_names, check_text

# Column types a loaded frame may have; the schema check maps them to pandas dtypes.
DTYPES = ("int", "float", "str", "date", "bool")


@dataclass(frozen=True)
class Column:
    """One column of a loaded table.

    >>> Column("net_sales", "float", "CNY", "net sales value")
    Column(name='net_sales', dtype='float', unit='CNY', meaning='net sales value', nullable=False)
    >>> Column("net_sales", "money", "CNY", "net sales value")
    Traceback (most recent call last):
    ...
    ValueError: dtype must be one of ['int', 'float', 'str', 'date', 'bool'], got 'money'
    """

    name: str
    dtype: str  # one of DTYPES
    unit: str
    meaning: str
    nullable: bool = False  # may the column hold missing values (an unpaid invoice's paid date)?

    def __post_init__(self) -> None:
        check_text(self.name, "name", allow_empty=False)
        check_choice(self.dtype, "dtype", DTYPES)
        check_text(self.unit, "unit")
        check_text(self.meaning, "meaning", allow_empty=False)
        check_bool(self.nullable, "nullable")


@dataclass(frozen=True)
class TableSpec:
    """A data file and the frame its loader returns.

    >>> spec = TableSpec(key="demo", path="demo/orders.csv", title="Orders",
    ...                  description="One row per order.", source="Made up.", licence="CC0",
    ...                  columns=cols(("order_id", "int", "", "order number")))
    >>> spec.column_names
    ['order_id']
    """

    key: str  # e.g. "cdnow_master", "case/orders"
    path: str  # file path relative to datasets/
    title: str
    description: str
    source: str
    licence: str
    columns: tuple[Column, ...]
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        for name in ("key", "path", "title", "description", "source", "licence"):
            check_text(getattr(self, name), name, allow_empty=False)
        columns, notes = self.columns, self.notes
        if not isinstance(columns, (tuple, list)) or not all(
                isinstance(c, Column) for c in columns):
            raise TypeError(f"columns must be a tuple of Column (build it with cols(...)), got "
                            f"{type(columns).__name__} {columns!r}")
        if not columns:
            raise ValueError("columns is empty: a table needs at least one column")
        check_names([c.name for c in columns], "columns")
        if not isinstance(notes, (tuple, list)):
            raise TypeError(f"notes must be a tuple of texts, got {type(notes).__name__}")
        for k, note in enumerate(notes):
            check_text(note, f"notes[{k}]", allow_empty=False)
        object.__setattr__(self, "columns", tuple(columns))
        object.__setattr__(self, "notes", tuple(notes))

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def cols(*rows: tuple[str, str, str, str] | tuple[str, str, str, str, bool]
         ) -> tuple[Column, ...]:
    """Build a column tuple from ``(name, dtype, unit, meaning[, nullable])`` rows.

    >>> cols(("year", "int", "years", "years since acquisition"))[0].name
    'year'
    """
    built = []
    for k, row in enumerate(rows):
        if not isinstance(row, (tuple, list)) or len(row) not in (4, 5):
            raise TypeError(f"rows[{k}] must be a tuple (name, dtype, unit, meaning[, "
                            f"nullable]), got {type(row).__name__} {row!r}")
        built.append(Column(*row))
    return tuple(built)
