"""The engine of the mutation test (``tests/test_mutation.py``): bad input, one argument at a time.

A **case** is one valid example call of a public helper, written in ``tests/mutation_cases/``
(one file per helpers module, a list ``CASES``). The engine calls it once as written (it must
succeed: the *baseline*), then once per **mutant**: the same call with one argument changed in
one way that a student could plausibly produce —

* a DataFrame: a list instead (``to_dict("records")``), no rows, each column missing, and per
  column: numbers as text, as a category, a NaN, ±inf, a negative and a huge value; dates as
  text, with a time zone, a NaT; ids with a missing value; the first row duplicated;
* a Series or array: a list of text, no values, NaN, inf, negative, huge, a duplicated label;
* a number: NaN, ±inf, None, text, True, negative, zero, huge (1e300 or 10**20);
* a string option: None, a number, an unknown word; a flag: None, "yes", 2;
* a date: None, text that is no date, a number, NaT, a zoned time; a mapping: empty, None;
  a list of names: empty, an unknown name, a bare string.

Each mutant must end in one of two ways:

* **refused clearly**: a ``ValueError`` or ``TypeError`` raised by the helpers package itself
  (the innermost frame of its traceback lies in ``helpers/``), whose message names the
  argument (or the column that was changed, or an alias the case declares);
* **accepted**: a result without a NaN, inf or None that the baseline did not have, and
  without text where the baseline had numbers.

Anything else fails: an exception from pandas, numpy, scipy or scikit-learn (or a KeyError,
AttributeError, ZeroDivisionError … from the helpers), a silent non-finite result, or a call
that takes longer than :data:`TIME_LIMIT` seconds.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import math
import os
import resource
import signal
import traceback
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

HELPERS = Path(__file__).resolve().parents[1] / "helpers"

TIME_LIMIT = 5.0
"""Seconds one call may take (the examples are small: a correct helper answers in far less)."""

MEMORY_LIMIT = 8 * 2**30
"""Address space the mutation test allows itself, so that a helper that tries to build a huge
table fails with MemoryError (reported) instead of exhausting the machine."""


class Case:
    """One valid example call of ``target``.

    ``kwargs`` are the arguments (all by name); ``call`` (default: ``target`` itself) is what
    is called with them. A **class** is covered by a case whose ``call`` builds and fits it
    and returns the fitted model, e.g. ``Case(BetaGeo, call=lambda summary, penalizer:
    BetaGeo(penalizer=penalizer).fit(summary), summary=S, penalizer=0.0)``. A **method** is
    called as the plain function it is, with the model as ``self``: ``Case(BetaGeo.predict,
    self=FITTED, t=10.0, summary=S)`` (``self`` is never mutated; ``tests/test_model.py``
    calls the same case with an unfitted model and expects ``NotFittedError``).

    ``skip`` maps an argument (or ``"argument[column]"``) to the mutation kinds that do not
    apply to it, each with its reason (e.g. ``{"values": {"negative": "profit may be
    negative"}}``; ``"*"`` skips every kind); ``aliases`` maps an argument to other words an
    error message may use for it (e.g. a column it is about).
    Arguments named in ``fixed`` are not mutated at all (e.g. a matplotlib Axes).
    """

    def __init__(self, target: Callable[..., Any], /, *, call: Callable[..., Any] | None = None,
                 skip: dict[str, dict[str, str]] | None = None,
                 aliases: dict[str, list[str]] | None = None, fixed: tuple[str, ...] = (),
                 **kwargs: Any) -> None:
        self.target, self.call, self.kwargs = target, call, kwargs
        self.skip, self.aliases, self.fixed = skip or {}, aliases or {}, tuple(fixed)

    @property
    def name(self) -> str:
        return target_name(self.target)

    def run(self, kwargs: Mapping[str, Any]) -> Any:
        return (self.call or self.target)(**kwargs)


def target_name(target: Any) -> str:
    """``module.function``, ``module.Class`` or ``module.Class.method``."""
    module = target.__module__.removeprefix("helpers.")
    return f"{module}.{target.__qualname__}"


# ---------------------------------------------------------------------------------------------
# which callables must be covered
# ---------------------------------------------------------------------------------------------

def public_callables(module: Any) -> list[Any]:
    """The public functions and classes defined in ``module`` (not imported into it), and the
    public methods each class defines itself (inherited ones are covered where defined)."""
    found = []
    for name, obj in sorted(vars(module).items()):
        if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
            continue
        if inspect.isclass(obj):
            if issubclass(obj, BaseException):
                continue  # exceptions and warnings are raised, not called
            found.append(obj)
            for attr, member in sorted(vars(obj).items()):
                if attr.startswith("_") or not inspect.isfunction(member):
                    continue
                found.append(member)
        elif inspect.isfunction(obj):
            found.append(obj)
    return found


# ---------------------------------------------------------------------------------------------
# mutants
# ---------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Mutant:
    argument: str
    kind: str
    value: Any
    column: str | None = None

    @property
    def label(self) -> str:
        where = f"[{self.column!r}]" if self.column is not None else ""
        return f"{self.argument}{where}: {self.kind}"


def _with(frame: pd.DataFrame, column: str, values: Any) -> pd.DataFrame:
    out = frame.copy()
    out[column] = values
    return out


def _first_set(frame: pd.DataFrame, column: str, value: Any) -> pd.DataFrame:
    return _with(frame, column, _set0(frame[column], value))


def is_label(column: object) -> bool:
    """Columns named ``id`` or ``…_id`` hold labels (any hashable values, text or numbers):
    they are mutated only by a missing label, not as numbers."""
    return isinstance(column, str) and (column == "id" or column.endswith("_id"))


def _frame_mutants(arg: str, frame: pd.DataFrame) -> Iterator[Mutant]:
    yield Mutant(arg, "list of records", frame.to_dict("records"))
    yield Mutant(arg, "no rows", frame.iloc[0:0].copy())
    yield Mutant(arg, "first row duplicated", pd.concat([frame.iloc[:1], frame]))
    for column in frame.columns:
        col = frame[column]
        yield Mutant(arg, "column missing", frame.drop(columns=[column]), column)
        if is_label(column):
            yield Mutant(arg, "missing label", _first_set(frame, column, None), column)
        elif pd.api.types.is_bool_dtype(col.dtype):
            yield Mutant(arg, "flag as text", _with(frame, column, col.astype(str)), column)
            yield Mutant(arg, "missing flag", _first_set(frame, column, None), column)
        elif pd.api.types.is_numeric_dtype(col.dtype):
            yield Mutant(arg, "numbers as text", _with(frame, column, col.astype(str)), column)
            yield Mutant(arg, "numbers as category", _with(frame, column,
                                                            col.astype("category")), column)
            yield Mutant(arg, "NaN", _first_set(frame, column, np.nan), column)
            yield Mutant(arg, "inf", _first_set(frame, column, np.inf), column)
            yield Mutant(arg, "-inf", _first_set(frame, column, -np.inf), column)
            first = col.iloc[0]
            yield Mutant(arg, "negative", _first_set(frame, column,
                                                     -abs(float(first)) - 1.0), column)
            yield Mutant(arg, "huge", _first_set(frame, column, 1e300), column)
        elif pd.api.types.is_datetime64_any_dtype(col.dtype):
            yield Mutant(arg, "dates as text", _with(frame, column,
                                                     col.dt.strftime("%Y-%m-%d")), column)
            if not isinstance(col.dtype, pd.DatetimeTZDtype):
                yield Mutant(arg, "time-zone-aware dates", _with(
                    frame, column, col.dt.tz_localize("UTC")), column)
            yield Mutant(arg, "NaT", _first_set(frame, column, pd.NaT), column)
        else:
            yield Mutant(arg, "missing label", _first_set(frame, column, None), column)
            yield Mutant(arg, "numbers in a text column", _first_set(frame, column, 12345),
                         column)


def _series_mutants(arg: str, series: pd.Series) -> Iterator[Mutant]:
    yield Mutant(arg, "no values", series.iloc[0:0].copy())
    yield Mutant(arg, "duplicated label", pd.concat([series.iloc[:1], series]))
    yield Mutant(arg, "a DataFrame", series.to_frame())
    if pd.api.types.is_bool_dtype(series.dtype):
        yield Mutant(arg, "missing flag", _set0(series, None))
        return
    if pd.api.types.is_numeric_dtype(series.dtype):
        yield Mutant(arg, "numbers as text", series.astype(str))
        yield Mutant(arg, "numbers as category", series.astype("category"))
        yield Mutant(arg, "NaN", _set0(series, np.nan))
        yield Mutant(arg, "inf", _set0(series, np.inf))
        yield Mutant(arg, "negative", _set0(series, -abs(float(series.iloc[0])) - 1.0))
        yield Mutant(arg, "huge", _set0(series, 1e300))
    elif pd.api.types.is_datetime64_any_dtype(series.dtype):
        yield Mutant(arg, "dates as text", series.dt.strftime("%Y-%m-%d"))
        yield Mutant(arg, "NaT", _set0(series, pd.NaT))
    else:
        yield Mutant(arg, "missing label", _set0(series, None))
        yield Mutant(arg, "numbers in a text column", _set0(series, 12345))


def _set0(series: pd.Series, value: Any) -> pd.Series:
    """``series`` with its first value replaced by ``value``, widening the dtype (to float
    for a NaN in integers, to object for None or a number among text) as pandas would not."""
    out = series.copy()
    if isinstance(value, float) and pd.api.types.is_integer_dtype(out.dtype):
        out = out.astype(float)
    try:
        out.iloc[0] = value
    except (TypeError, ValueError):
        out = series.astype(object)
        out.iloc[0] = value
    if value is None and out.iloc[0] is not None and out.dtype != object:
        out = series.astype(object)  # keep a real None, not the dtype's own missing value
        out.iloc[0] = None
    return out


def _array_mutants(arg: str, array: np.ndarray) -> Iterator[Mutant]:
    yield Mutant(arg, "no values", array[:0].copy())
    if array.dtype.kind in "fiu":
        for kind, value in (("NaN", np.nan), ("inf", np.inf),
                            ("negative", -abs(float(array.flat[0])) - 1.0), ("huge", 1e300)):
            out = array.astype(float).copy()
            out.flat[0] = value
            yield Mutant(arg, kind, out)
        yield Mutant(arg, "numbers as text", array.astype(str))


def _number_mutants(arg: str, value: float | int) -> Iterator[Mutant]:
    yield Mutant(arg, "NaN", math.nan)
    yield Mutant(arg, "inf", math.inf)
    yield Mutant(arg, "-inf", -math.inf)
    yield Mutant(arg, "None", None)
    yield Mutant(arg, "text", "abc")
    yield Mutant(arg, "number as text", str(value))
    yield Mutant(arg, "True", True)
    yield Mutant(arg, "negative", -abs(value) - 1)
    yield Mutant(arg, "zero", 0 if isinstance(value, int) else 0.0)
    yield Mutant(arg, "huge", 10**20 if isinstance(value, int) else 1e300)
    if isinstance(value, int):
        yield Mutant(arg, "fraction", value + 0.5)


def _list_mutants(arg: str, values: list[Any]) -> Iterator[Mutant]:
    yield Mutant(arg, "empty list", [])
    if values and all(isinstance(v, str) for v in values):
        yield Mutant(arg, "unknown name", [*values[:-1], "no_such_name"])
        yield Mutant(arg, "bare string", values[0])
    elif values and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                        for v in values):
        yield Mutant(arg, "NaN", [math.nan, *values[1:]])
        yield Mutant(arg, "inf", [math.inf, *values[1:]])
        yield Mutant(arg, "text", ["abc", *values[1:]])
        yield Mutant(arg, "negative", [-abs(values[0]) - 1, *values[1:]])
    yield Mutant(arg, "None", None)


def mutants(case: Case) -> Iterator[Mutant]:
    """Every mutant of ``case``: one argument changed in one way."""
    for arg, value in case.kwargs.items():
        if arg in case.fixed:
            continue
        for mutant in _mutants_of(arg, value):
            skip = case.skip.get(arg, {}) | case.skip.get(f"{arg}[{mutant.column}]", {})
            if mutant.kind not in skip and "*" not in skip:
                yield mutant


def _mutants_of(arg: str, value: Any) -> Iterator[Mutant]:
    if isinstance(value, pd.DataFrame):
        yield from _frame_mutants(arg, value)
    elif isinstance(value, pd.Series):
        yield from _series_mutants(arg, value)
    elif isinstance(value, np.ndarray):
        yield from _array_mutants(arg, value)
    elif isinstance(value, (bool, np.bool_)):
        yield from (Mutant(arg, "None", None), Mutant(arg, "text", "yes"),
                    Mutant(arg, "number", 2))
    elif isinstance(value, (int, float, np.integer, np.floating)):
        yield from _number_mutants(arg, value.item() if isinstance(value, np.generic)
                                   else value)
    elif isinstance(value, pd.Timestamp):
        yield from (Mutant(arg, "None", None), Mutant(arg, "not a date", "not a date"),
                    Mutant(arg, "number", 20240101), Mutant(arg, "NaT", pd.NaT),
                    Mutant(arg, "time-zone-aware", value.tz_localize("UTC")))
    elif isinstance(value, str):
        yield from (Mutant(arg, "None", None), Mutant(arg, "number", 5),
                    Mutant(arg, "unknown word", "no-such-option"))
    elif isinstance(value, Mapping):
        yield from (Mutant(arg, "empty mapping", {}), Mutant(arg, "None", None),
                    Mutant(arg, "a list", list(value)))
    elif isinstance(value, (list, tuple)):
        yield from _list_mutants(arg, list(value))


# ---------------------------------------------------------------------------------------------
# judging the outcome
# ---------------------------------------------------------------------------------------------

class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` swallows it."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def _defects(result: Any, path: str = "result", depth: int = 0) -> dict[str, str]:
    """Where a result holds NaN, inf, None or text: ``{path: what}``."""
    found: dict[str, str] = {}
    if depth > 3:
        return found
    if result is None:
        found[path] = "None"
    elif isinstance(result, pd.DataFrame):
        for column in result.columns:
            if is_label(column):
                continue
            found.update(_defects(result[column], f"{path}[{column!r}]", depth + 1))
    elif isinstance(result, pd.Series):
        if pd.api.types.is_bool_dtype(result.dtype):
            return found
        if pd.api.types.is_numeric_dtype(result.dtype):
            arr = result.to_numpy(dtype=float)
            if np.isnan(arr).any():
                found[path] = "NaN"
            if np.isinf(arr).any():
                found[path + ":inf"] = "inf"
        else:
            if result.isna().any():
                found[path] = "NaN"
            if result.dtype == object and result.map(lambda v: isinstance(v, str)).any():
                found[path + ":text"] = "text"
    elif isinstance(result, np.ndarray) and result.dtype.kind in "fc":
        if np.isnan(result).any():
            found[path] = "NaN"
        if np.isinf(result).any():
            found[path + ":inf"] = "inf"
    elif isinstance(result, (float, np.floating)):
        if math.isnan(result):
            found[path] = "NaN"
        elif math.isinf(result):
            found[path + ":inf"] = "inf"
    elif isinstance(result, (tuple, list)) and not isinstance(result, str):
        for i, item in enumerate(result[:20]):
            found.update(_defects(item, f"{path}[{i}]", depth + 1))
    elif isinstance(result, Mapping):
        for key, item in list(result.items())[:50]:
            found.update(_defects(item, f"{path}[{key!r}]", depth + 1))
    elif hasattr(result, "__dict__") and type(result).__module__.startswith("helpers"):
        for key, item in vars(result).items():
            if key.endswith("_") and not key.startswith("_"):
                found.update(_defects(item, f"{path}.{key}", depth + 1))
    return found


def _raised_in_helpers(error: BaseException) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and Path(frames[-1].filename).resolve().is_relative_to(HELPERS)


@dataclasses.dataclass
class Outcome:
    case: str
    mutant: str
    verdict: str  # "refused", "accepted" or a failure: "internal error", "unnamed", …
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.verdict not in ("refused", "accepted")


BASELINE_TIME_LIMIT = 60.0
"""Seconds the valid call may take: the first call of a helper may import its libraries."""


def _call(case: Case, kwargs: Mapping[str, Any], limit: float = TIME_LIMIT) -> Any:
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return case.run(kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _copy(kwargs: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (v.copy() if isinstance(v, (pd.DataFrame, pd.Series, np.ndarray))
                else copy.deepcopy(v) if isinstance(v, (list, dict)) else v)
            for k, v in kwargs.items()}


def judge(case: Case, mutant: Mutant, baseline: dict[str, str]) -> Outcome:
    """Call ``case`` with ``mutant`` and say how it ended."""
    kwargs = _copy(case.kwargs)
    kwargs[mutant.argument] = mutant.value
    try:
        result = _call(case, kwargs)
    except _Timeout:
        return Outcome(case.name, mutant.label, "timeout", f"more than {TIME_LIMIT:g} s")
    except (ValueError, TypeError) as error:
        if not _raised_in_helpers(error):
            where = traceback.extract_tb(error.__traceback__)[-1]
            return Outcome(case.name, mutant.label, "internal error",
                           f"{type(error).__name__} from {where.filename}:{where.lineno}: "
                           f"{error}")
        message = str(error)
        names = [mutant.argument, *case.aliases.get(mutant.argument, [])]
        if mutant.column is not None:
            names.append(str(mutant.column))
        if not any(name in message for name in names):
            return Outcome(case.name, mutant.label, "unnamed",
                           f"{type(error).__name__}: {message[:300]}")
        return Outcome(case.name, mutant.label, "refused")
    except Exception as error:  # noqa: BLE001  (every other exception is the finding)
        where = traceback.extract_tb(error.__traceback__)[-1]
        return Outcome(case.name, mutant.label, "internal error",
                       f"{type(error).__name__} from {where.filename}:{where.lineno}: "
                       f"{str(error)[:300]}")
    new = {path: what for path, what in _defects(result).items() if path not in baseline}
    if new:
        shown = ", ".join(f"{what} in {path.split(':')[0]}" for path, what in
                          list(new.items())[:3])
        return Outcome(case.name, mutant.label, "silent nonsense", shown)
    return Outcome(case.name, mutant.label, "accepted")


def run_case(case: Case) -> list[Outcome]:
    """The baseline, then every mutant of ``case``."""
    try:
        result = _call(case, _copy(case.kwargs), BASELINE_TIME_LIMIT)
    except _Timeout:
        return [Outcome(case.name, "baseline", "timeout",
                        f"more than {BASELINE_TIME_LIMIT:g} s")]
    except Exception as error:  # noqa: BLE001
        return [Outcome(case.name, "baseline", "baseline failed",
                        f"{type(error).__name__}: {str(error)[:300]}")]
    baseline = _defects(result)
    return [judge(case, mutant, baseline) for mutant in mutants(case)]


class memory_limit:
    """Limit the address space while the mutation test runs, and restore it afterwards."""

    def __enter__(self) -> memory_limit:
        self.before = resource.getrlimit(resource.RLIMIT_AS)
        hard = self.before[1]
        soft = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
        if os.environ.get("CRM_MUTATION_NO_MEMORY_LIMIT") is None:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        return self

    def __exit__(self, *exc: object) -> None:
        resource.setrlimit(resource.RLIMIT_AS, self.before)
