"""Customer lifetime value II (chapter 09): the always-a-share (migration) model as a Markov
chain over recency states (Pfeifer & Carraway 2000), beyond the decks.

A customer of the always-a-share type (暂时流失型, :data:`helpers.dwyer.CUSTOMER_TYPES`) may pause
and come back. Its recency state (periods since the last purchase) moves as a Markov chain;
the value of a customer in each state is the discounted sum of the rewards along the chain:
:func:`recency_states` (the states from orders), :func:`migration_matrix` (the observed moves),
:func:`recency_matrix` (the chain from purchase probabilities), :func:`purchase_probabilities`,
:func:`migration_rewards`, :func:`migration_clv` (V = (I - P/(1+d))^-1 R, or its finite sum),
:func:`state_projection`, :func:`group_value`, :func:`simulate_migration` and the fitted
:class:`MigrationModel`. Source: Pfeifer, P. E. & Carraway, R. L. (2000), "Modeling customer
relationships as Markov chains", *Journal of Interactive Marketing* 14(2), 43-55.

Chapter 08's retention model (:func:`helpers.clv.clv`) is the special case of a customer who
never comes back. Every name here can also be reached as ``dwyer.<name>`` and ``clv.<name>``.
Conventions as in :mod:`helpers.clv`; a chain has at most :data:`MAX_STATES` states and a
simulation at most :data:`helpers.validation.MAX_SIMULATIONS` draws.

>>> from helpers import migration
>>> migration.migration_clv(migration.recency_matrix([0.7, 0.0]), [100, 0], 0.1).round(2)
state
1    275.0
2      0.0
Name: value, dtype: float64
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .clv import (
    ArrayLike,
    _check_labels,
    _discount_rate,
    _horizon,
    _is_collection,
    _numbers,
    _require_finite_result,
    _sorted_labels,
)
from .model import FitWarning, Model
from .validation import (
    MAX_PERIODS,
    MAX_SIMULATIONS,
    as_numeric_series,
    as_timestamp,
    check_cells,
    check_choice,
    check_int,
    check_number,
    check_seed,
    column_option,
    date_column,
    numeric_column,
    numeric_columns,
    offenders,
    require_frame,
    require_no_nan,
    require_unique_index,
)

__all__ = [
    "FREQUENCIES", "MAX_STATES", "FitWarning",
    "recency_states", "migration_matrix", "recency_matrix", "purchase_probabilities",
    "migration_rewards", "migration_clv", "state_projection", "group_value",
    "simulate_migration", "MigrationModel",
]

MAX_STATES = 1_000
"""Most recency states a chain may have (a transition matrix of a million cells)."""

FREQUENCIES: tuple[str, ...] = ("M", "Q", "Y")
"""Period lengths of the recency states: months, quarters, years."""


def _check_states(n_states: object, name: str = "n_states") -> int:
    return check_int(n_states, name, 2, MAX_STATES)


def _example_orders() -> pd.DataFrame:
    """Customer 1 buys in January, February (twice) and May 2024; customer 2 in March."""
    return pd.DataFrame({
        "customer_id": [1, 1, 1, 1, 2],
        "order_date": pd.to_datetime(["2024-01-10", "2024-02-03", "2024-02-20", "2024-05-05",
                                      "2024-03-15"]),
        "gross_profit": [10.0, 20.0, 5.0, 15.0, 40.0],
    })


def recency_states(orders: pd.DataFrame, *, freq: str = "M", n_states: int = 6,
                   start: object = None, end: object = None,
                   date: str = "order_date") -> pd.DataFrame:
    """Each customer's recency state (最近购买期数) at the end of every period.

    Periods (``freq``: ``"M"`` months, ``"Q"`` quarters, ``"Y"`` years) run from ``start`` to
    ``end`` (dates; default: the first and last order date), at most
    ``validation.MAX_PERIODS`` of them. A customer's state at the end of period t is 1 if it
    bought in period t, k if its last purchase was k - 1 periods earlier, and ``n_states``
    (2 to :data:`MAX_STATES`) for "``n_states`` or more periods ago" (an always-a-share
    customer may still return from there); 0 before its first purchase in the window (not yet a
    customer). ``orders`` needs ``customer_id`` and the ``date`` column (dates without a time
    zone); several orders in a period count as one purchase period, and customers without an
    order in the window are not in the table. Returns a customer x period table of integer
    states (columns are the periods). Vectorised: the last purchase period is a running
    maximum. Source: the recency states of Pfeifer & Carraway (2000), after Dwyer (1989) and
    Berger & Nasr (1998), case 5.

    >>> recency_states(_example_orders(), n_states=3, start="2024-01-01", end="2024-06-30")
    period       2024-01  2024-02  2024-03  2024-04  2024-05  2024-06
    customer_id
    1                  1        1        2        3        1        2
    2                  0        0        1        2        3        3
    """
    require_frame(orders, "orders", ["customer_id"])
    date = column_option(orders, date, "date", "orders")
    require_no_nan(orders["customer_id"], "orders['customer_id']")
    _check_labels(orders, ["customer_id"], "orders")
    when = date_column(orders, date, "orders")
    k = _check_states(n_states)
    freq = str(check_choice(freq, "freq", FREQUENCIES))
    first = as_timestamp(start, "start") if start is not None else when.min()
    last = as_timestamp(end, "end") if end is not None else when.max()
    if not first <= last:
        raise ValueError(f"start must not be after end, got {first.date()} and {last.date()}")
    first_period, last_period = first.to_period(freq), last.to_period(freq)
    n_periods = last_period.ordinal - first_period.ordinal + 1
    if n_periods > MAX_PERIODS:
        raise ValueError(f"start to end spans {n_periods:,} periods, more than "
                         f"{MAX_PERIODS:,} (validation.MAX_PERIODS): choose a shorter window "
                         "or a longer freq")
    periods = pd.period_range(first_period, last_period, freq=freq)
    inside = ((when >= periods[0].start_time) & (when <= periods[-1].end_time)).to_numpy()
    if not inside.any():
        raise ValueError(f"orders: no order falls between {first.date()} and {last.date()}")
    ids, row = np.unique(orders["customer_id"].to_numpy()[inside], return_inverse=True)
    check_cells(len(ids), len(periods), "recency_states")
    col = pd.PeriodIndex(when[inside].dt.to_period(freq)).asi8 - periods[0].ordinal
    bought = np.zeros((len(ids), len(periods)), dtype=bool)
    bought[row, col] = True
    index = np.arange(len(periods))
    last_buy = np.maximum.accumulate(np.where(bought, index, -1), axis=1)
    states = np.where(last_buy < 0, 0, np.minimum(index - last_buy + 1, k))
    return pd.DataFrame(states, index=pd.Index(ids, name="customer_id"),
                        columns=pd.Index(periods, name="period"))


def _state_values(states: object, n_states: object) -> tuple[np.ndarray, int]:
    """``states`` (customers x periods of whole-number states) checked, with the number of
    states: given, or the largest state seen."""
    require_frame(states, "states")
    for column in states.columns:
        numeric_column(states, column, "states", low=0.0)
        if not pd.api.types.is_integer_dtype(states[column].dtype):
            raise TypeError(f"states must hold whole-number recency states (from "
                            f"recency_states), got dtype {states[column].dtype} in "
                            f"column {column!r}")
    require_unique_index(states, "states", "one row per customer")
    values = states.to_numpy(dtype=np.int64)
    k = _check_states(max(int(values.max()), 2) if n_states is None else n_states)
    if values.max() > k:
        high = values > k
        raise ValueError(f"states must lie between 0 (not yet a customer) and {k}; "
                         f"{int(high.sum()):,} value(s) are above {k}")
    if values.shape[1] < 2:
        raise ValueError("states needs at least two periods to observe a move")
    back = (values[:, :-1] >= 1) & (values[:, 1:] == 0)
    if back.any():
        raise ValueError("states: a customer cannot return to state 0 (not yet a customer) "
                         f"once it has bought; customers that do: "
                         f"{list(states.index[back.any(axis=1)][:5])}")
    return values, k


def _move_counts(values: np.ndarray, k: int) -> np.ndarray:
    """n(i, j): how often a customer in state i was in state j one period later."""
    before, after = values[:, :-1].ravel(), values[:, 1:].ravel()
    seen = before >= 1
    return np.bincount((before[seen] - 1) * k + (after[seen] - 1),
                       minlength=k * k).reshape(k, k)


def _matrix_frame(matrix: np.ndarray, counts: np.ndarray) -> pd.DataFrame:
    k = len(matrix)
    labels = pd.Index(np.arange(1, k + 1), name="from")
    table = pd.DataFrame(matrix, index=labels, columns=pd.Index(np.arange(1, k + 1), name="to"))
    table.attrs["counts"] = pd.DataFrame(counts, index=labels, columns=table.columns)
    return table


def migration_matrix(states: pd.DataFrame, n_states: int | None = None) -> pd.DataFrame:
    """Transition probabilities between recency states, estimated from observed moves (转移矩阵).

    ``states``: :func:`recency_states` (customers x periods, one row per customer). Every pair
    of consecutive periods in which a customer is a customer (state >= 1) is one observed move;
    the probability of moving from state i to j is n(i, j) / n(i), the maximum-likelihood
    estimate of a Markov chain. From state k a customer either buys (to state 1) or does not
    (to k + 1, or stays in the last state). Returns a states x states DataFrame (index
    ``from``, columns ``to``); the counts are in ``.attrs["counts"]``. A state never left in
    the data raises a ``ValueError`` (its row cannot be estimated: use fewer states or a longer
    window; :class:`MigrationModel` warns instead).
    Source: Anderson & Goodman (1957), maximum-likelihood estimation of Markov chains;
    Pfeifer & Carraway (2000), *Journal of Interactive Marketing* 14(2), 43-55.

    >>> states = recency_states(_example_orders(), n_states=3, start="2024-01-01",
    ...                         end="2024-06-30")
    >>> migration_matrix(states)      # from 1: one purchase in four moves
    to       1     2    3
    from
    1     0.25  0.75  0.0
    2     0.00  0.00  1.0
    3     0.50  0.00  0.5
    """
    values, k = _state_values(states, n_states)
    counts = _move_counts(values, k)
    totals = counts.sum(axis=1)
    if (totals == 0).any():
        missing = (np.flatnonzero(totals == 0) + 1).tolist()
        raise ValueError(f"states: no customer was observed leaving recency state(s) "
                         f"{missing}: their transition probabilities cannot be estimated (use "
                         "fewer states or a longer window)")
    return _matrix_frame(counts / totals[:, None], counts)


def recency_matrix(purchase_probability: ArrayLike) -> pd.DataFrame:
    """The transition matrix of a recency chain from its purchase probabilities p_1..p_K.

    A customer in state k buys next period with probability p_k (and moves to state 1) or
    does not (and moves to k + 1; the last state K stays K). Row k is p_k in column 1 and
    1 - p_k in column min(k + 1, K). With p_K = 0 the last state is absorbing: lost for good.
    Between 2 and :data:`MAX_STATES` probabilities, each in [0, 1].
    Source: Pfeifer & Carraway (2000), the migration example; Berger & Nasr (1998), case 5.

    >>> recency_matrix([0.3, 0.2, 0.0])
    to      1    2    3
    from
    1     0.3  0.7  0.0
    2     0.2  0.0  0.8
    3     0.0  0.0  1.0
    """
    if not _is_collection(purchase_probability):
        raise TypeError(f"purchase_probability must be a list of purchase probabilities, one "
                        f"per recency state, got {type(purchase_probability).__name__} "
                        f"{purchase_probability!r}")
    p = as_numeric_series(purchase_probability, "purchase_probability", low=0.0, high=1.0)
    k = check_int(len(p), "the number of purchase_probability values", 2, MAX_STATES)
    rows = np.arange(k)
    matrix = np.zeros((k, k))
    matrix[rows, 0] = p.to_numpy()
    matrix[rows, np.minimum(rows + 1, k - 1)] += 1.0 - p.to_numpy()
    labels = np.arange(1, k + 1)
    return pd.DataFrame(matrix, index=pd.Index(labels, name="from"),
                        columns=pd.Index(labels, name="to"))


def purchase_probabilities(transition: pd.DataFrame) -> pd.Series:
    """The probability of buying in the next period by recency state: column 1 of the matrix.

    In a recency chain every purchase moves the customer to state 1, so p_k = P(k -> 1).
    Source: Pfeifer & Carraway (2000); Berger & Nasr (1998), case 5.

    >>> purchase_probabilities(recency_matrix([0.3, 0.2, 0.0])).tolist()
    [0.3, 0.2, 0.0]
    """
    p = _transition(transition)
    return pd.Series(p[:, 0], index=pd.Index(np.arange(1, len(p) + 1), name="state"),
                     name="purchase_probability")


def _transition(transition: object, name: str = "transition") -> np.ndarray:
    """A square, row-stochastic matrix of probabilities (DataFrame or array) as an array."""
    if isinstance(transition, pd.DataFrame):
        if not transition.index.equals(transition.columns) and (
                list(map(str, transition.index)) != list(map(str, transition.columns))):
            raise ValueError(f"{name}: the rows (from) and columns (to) must list the same "
                             f"states, got {list(transition.index)} and "
                             f"{list(transition.columns)}")
        frame = require_frame(transition, name)
    elif isinstance(transition, (list, tuple, np.ndarray)):
        try:
            arr = np.asarray(transition, dtype=object)
        except ValueError as err:  # ragged rows
            raise ValueError(f"{name} must be a square matrix (rows of equal length)") from err
        if arr.ndim != 2:
            raise ValueError(f"{name} must be a square matrix, got shape {arr.shape}")
        frame = pd.DataFrame(arr.tolist())
        frame = frame.infer_objects()
    else:
        raise TypeError(f"{name} must be a DataFrame or a list of rows (a square matrix), got "
                        f"{type(transition).__name__}")
    if frame.shape[0] != frame.shape[1] or frame.shape[0] < 1:
        raise ValueError(f"{name} must be a square matrix, got shape {frame.shape}")
    if frame.shape[0] > MAX_STATES:
        raise ValueError(f"{name} may have at most {MAX_STATES:,} states, got {len(frame):,}")
    p = numeric_columns(frame, frame.columns, name, low=0.0, high=1.0).to_numpy(dtype=float)
    sums = pd.Series(p.sum(axis=1), index=frame.index)
    off = ((sums - 1.0).abs() > 1e-9).to_numpy()
    if off.any():
        raise ValueError(f"{name}: row sums must equal 1 (a customer in a state goes "
                         f"somewhere); {int(off.sum())} row(s) do not: {offenders(sums, off)}")
    return p


def _state_vector(x: object, k: int, name: str, **rules: object) -> np.ndarray:
    """One number for every state, or one value per state."""
    values = _numbers(x, name, **rules)
    if not _is_collection(x):
        return np.full(k, float(values.iloc[0]))
    if len(values) != k:
        raise ValueError(f"{name} must have one value per state ({k}), got {len(values)}")
    return values.to_numpy(dtype=float)


def migration_rewards(margin: float, marketing_cost: float = 0.0, n_states: int = 5, *,
                      market_states: int | None = None) -> pd.Series:
    """The cash flow of a customer in each recency state, per period (Pfeifer & Carraway's R).

    State 1 (the customer bought this period) brings the purchase ``margin`` (net contribution,
    CNY, any sign); every marketed state costs ``marketing_cost`` (>= 0: a catalogue, a call).
    By default all states are marketed; with ``market_states`` = m (0 to ``n_states``) only
    states 1..m are (the firm stops contacting customers who have not bought for m periods).
    R = (margin - M, -M, ..., -M, 0, ..., 0). Source: Pfeifer & Carraway (2000), the reward
    vector of the migration example.

    >>> migration_rewards(40, 4, 5, market_states=3).tolist()
    [36.0, -4.0, -4.0, 0.0, 0.0]
    """
    m = check_number(margin, "margin")
    cost = check_number(marketing_cost, "marketing_cost", low=0.0)
    k = _check_states(n_states)
    stop = k if market_states is None else check_int(market_states, "market_states", 0, k)
    state = np.arange(1, k + 1)
    reward = np.where(state == 1, m, 0.0) - np.where(state <= stop, cost, 0.0)
    _require_finite_result(reward, "migration_rewards", ["margin", "marketing_cost"])
    return pd.Series(reward, index=pd.Index(state, name="state"), name="reward")


def migration_clv(transition: pd.DataFrame | np.ndarray, reward: ArrayLike,
                  discount_rate: float, horizon: float = np.inf) -> pd.Series:
    """Expected discounted value of a customer by its current state: the migration model.

    With P the transition matrix, R the cash flow per period of a customer in each state
    (:func:`migration_rewards`; one number for all states, or one per state) and d the
    discount rate per period (above -1, at most 1), the customer's state today pays R now and
    the expected state t periods ahead pays P^t R, so

        V_T = sum_{t=0..T-1} [P / (1 + d)]^t R      (``horizon`` T periods counted)
        V   = (I - P / (1 + d))^(-1) R              (T = inf, needs d > 0)

    ``horizon`` is a whole number of periods up to ``validation.MAX_PERIODS`` or ``numpy.inf``
    (the default), the one non-finite value accepted: the closed form V. Returns one value per
    starting state (CNY). With a single active state that moves to an absorbing "lost" state
    this is the retention model (lost for good); with return probabilities above 0 in later
    states it values always-a-share customers. The value of a *group* is the customers in each
    state times these values (:func:`group_value`).
    Source: Pfeifer, P. E. & Carraway, R. L. (2000), "Modeling customer relationships as
    Markov chains", *Journal of Interactive Marketing* 14(2), 43-55, eq. for V^T and V.

    >>> p = [[0.5, 0.5], [0.2, 0.8]]
    >>> migration_clv(p, [10, -1], 0.1).tolist()        # 1.1 (1.1 I - P)^-1 R
    [34.375, 19.25]
    >>> migration_clv(p, [10, -1], 0.1, 2).round(4).tolist()   # R + P R / 1.1
    [14.0909, 0.0909]
    """
    p = _transition(transition)
    k = len(p)
    r = _state_vector(reward, k, "reward")
    d = _discount_rate(discount_rate)
    big_t = _horizon(horizon)
    labels = (transition.index if isinstance(transition, pd.DataFrame)
              else pd.Index(np.arange(1, k + 1)))
    q = p / (1.0 + d)
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isinf(big_t):
            if d <= 0:
                raise ValueError("the infinite-horizon value needs a positive discount_rate "
                                 "(with d <= 0 a customer who may always return is worth an "
                                 "endless sum); use a finite horizon")
            value = np.linalg.solve(np.eye(k) - q, r)
        else:
            value, term = np.zeros(k), r.copy()
            for _ in range(int(big_t)):  # at most MAX_PERIODS periods, not a loop over customers
                value += term
                term = q @ term
    _require_finite_result(value, "migration_clv", ["reward", "discount_rate", "horizon"])
    return pd.Series(value, index=labels.rename("state"), name="value")


def state_projection(transition: pd.DataFrame | np.ndarray, start: ArrayLike,
                     periods: int) -> pd.DataFrame:
    """How a group spreads over the recency states: n_t = n_0 P^t, t = 0..``periods``.

    ``start``: customers (or shares) in each state today (>= 0); ``periods`` up to
    ``validation.MAX_PERIODS``. Returns one row per period ``t`` and one column per state: the
    expected number of the group's customers in each state.
    Source: the Chapman-Kolmogorov equations of a Markov chain (Pfeifer & Carraway 2000).

    >>> state_projection(recency_matrix([0.3, 0.2, 0.0]), [10, 0, 0], 2).round(2)
    state    1    2    3
    t
    0     10.0  0.0  0.0
    1      3.0  7.0  0.0
    2      2.3  2.1  5.6
    """
    p = _transition(transition)
    n0 = _state_vector(start, len(p), "start", low=0.0)
    big_t = check_int(periods, "periods", 0, MAX_PERIODS)
    check_cells(big_t + 1, len(p), "state_projection")
    rows = [n0]
    for _ in range(big_t):  # a loop over periods
        rows.append(rows[-1] @ p)
    labels = (transition.columns if isinstance(transition, pd.DataFrame)
              else pd.Index(np.arange(1, len(p) + 1)))
    table = pd.DataFrame(rows, index=pd.Index(np.arange(big_t + 1), name="t"),
                         columns=labels.rename("state"))
    _require_finite_result(table.to_numpy(), "state_projection", ["start"])
    return table


def group_value(counts: pd.Series, values: pd.Series) -> pd.DataFrame:
    """The value of a group of customers: customers in each state x value per customer.

    ``counts`` (customers per state, >= 0, one count per state: count a Series of states with
    ``.value_counts()``) and ``values`` (:func:`migration_clv`, one per state) share their state
    labels. Returns per state ``customers``, ``value_per_customer``, ``value`` and ``share``
    of the group's total, which is in ``.attrs["total"]``. States missing from ``counts``
    have no customers. Source: Pfeifer & Carraway (2000); the group view of Dwyer (1989).

    >>> table = group_value(pd.Series({1: 5, 3: 10}), pd.Series([100.0, 40.0, 10.0],
    ...                                                         index=[1, 2, 3]))
    >>> table
       customers  value_per_customer  value     share
    1        5.0               100.0  500.0  0.833333
    2        0.0                40.0    0.0  0.000000
    3       10.0                10.0  100.0  0.166667
    >>> table.attrs["total"]
    600.0
    """
    for arg, name in ((counts, "counts"), (values, "values")):
        if not isinstance(arg, pd.Series):
            raise TypeError(f"{name} must be a pandas Series indexed by state, got "
                            f"{type(arg).__name__}")
    n = as_numeric_series(counts, "counts", low=0.0)
    require_unique_index(n, "counts", "one count per state (count the customers in each "
                                      "state with states.value_counts())")
    v = as_numeric_series(values, "values")
    require_unique_index(v, "values", "one value per state")
    unknown = _sorted_labels(set(n.index) - set(v.index))
    if unknown:
        raise ValueError(f"counts has state(s) {unknown} that values does not have "
                         f"(values has {list(v.index)})")
    n = n.reindex(v.index, fill_value=0.0)
    with np.errstate(over="ignore", invalid="ignore"):
        table = pd.DataFrame({"customers": n, "value_per_customer": v, "value": n * v})
        total = float(table["value"].sum())
    _require_finite_result([*table["value"], total], "group_value", ["counts", "values"])
    table["share"] = table["value"] / total if total != 0 else 0.0
    table.attrs["total"] = total
    return table


def simulate_migration(transition: pd.DataFrame | np.ndarray, reward: ArrayLike,
                       discount_rate: float, horizon: int, *, start_state: int = 1,
                       n_sims: int = 1000, seed: int = 0) -> pd.Series:
    """Discounted value of ``n_sims`` single customers who start in the same state (Monte Carlo).

    Each simulated customer walks the chain for ``horizon`` periods (state today, then a random
    next state drawn from its row of P, ...) and collects R of each state visited, discounted
    as in :func:`migration_clv`; their mean converges to V_T of the start state. The spread
    shows why the migration and DWYER models value groups, not individuals: customers with the
    same expected value end up worth very different amounts. ``n_sims`` from 1 to
    :data:`MAX_SIMULATIONS` (with ``n_sims`` x ``horizon`` at most
    ``validation.MAX_CELLS``); seeded (``numpy.random.default_rng(seed)``, a whole number
    from 0 to 2**32 - 1); vectorised over customers, looping over periods.
    Source: Monte Carlo simulation of a Markov chain; Pfeifer & Carraway (2000) stress that
    the chain, being probabilistic, describes this uncertainty, not only the expected value.

    >>> always = recency_matrix([1.0, 0.0])       # a customer who buys every period
    >>> simulate_migration(always, [10, 0], 0.0, 3, n_sims=3).tolist()
    [30.0, 30.0, 30.0]
    >>> draws = simulate_migration(recency_matrix([0.5, 0.0]), [10, 0], 0.0, 3, seed=1)
    >>> sorted(set(draws.tolist()))               # 1, 2 or 3 purchases
    [10.0, 20.0, 30.0]
    """
    p = _transition(transition)
    k = len(p)
    r = _state_vector(reward, k, "reward")
    d = _discount_rate(discount_rate)
    big_t = check_int(horizon, "horizon", 0, MAX_PERIODS)
    start = check_int(start_state, "start_state", 1, k)
    n = check_int(n_sims, "n_sims", 1, MAX_SIMULATIONS)
    check_cells(n, max(big_t, 1), "simulate_migration (n_sims x horizon)")
    rng = np.random.default_rng(check_seed(seed))
    cum = np.cumsum(p, axis=1)
    cum[:, -1] = 1.0
    state = np.full(n, start - 1)
    total = np.zeros(n)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(big_t):  # a loop over periods, vectorised over customers
            total += r[state] / (1.0 + d) ** t
            u = rng.random(n)
            state = (u[:, None] > cum[state]).sum(axis=1)
    _require_finite_result(total, "simulate_migration", ["reward", "discount_rate",
                                                         "horizon"])
    return pd.Series(total, index=pd.RangeIndex(n, name="simulation"), name="value")


class MigrationModel(Model):
    """The always-a-share (migration) model fitted to a transaction log (马尔可夫链迁移模型).

    ``MigrationModel(n_states=6, freq="M", discount_rate=0.01, marketing_cost=0.0,
    horizon=numpy.inf).fit(orders, value="gross_profit")`` estimates

    * ``states_``: each customer's recency state per period (:func:`recency_states`);
    * ``transition_`` (and ``counts_``): the transition matrix (:func:`migration_matrix`);
    * ``margin_``: the mean of ``orders[value]`` summed per purchase period (the margin a
      purchase period brings), ``reward_`` (:func:`migration_rewards`);
    * ``values_``: the value of a customer by its state (:func:`migration_clv`);
    * ``current_``: each customer's state in the last period;
    * ``converged_`` and ``fit_problems_``: whether the data identify every transition
      probability. A state never left in the data (never visited, or visited only in the last
      period) cannot be estimated: its purchase probability is set to 0 (a customer there is
      taken as lost for good) and ``fit`` warns with :class:`FitWarning`, as it does when
      fewer than :attr:`MIN_CUSTOMERS` customers carry the estimates.

    ``predict(states)`` values customers from their states (default: ``current_``);
    ``summary()`` lists per state the purchase probability, the customers in it now, the value
    per customer and the group's value. ``discount_rate`` is per period (see
    :func:`per_period_rate`); ``horizon`` as in :func:`migration_clv`.
    Source: Pfeifer & Carraway (2000); Berger & Nasr (1998), case 5.

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", FitWarning)
    ...     model = MigrationModel(n_states=3).fit(_example_orders(), start="2024-01-01",
    ...                                            end="2024-06-30")
    >>> model.margin_, model.converged_        # 90 over 4 purchase months; only 2 customers
    (22.5, False)
    >>> model.fit_problems_
    ['only 2 customers carry the estimates (at least 10 are needed)']
    """

    MIN_CUSTOMERS = 10
    """Fewest customers whose moves identify a chain."""

    _fit_call = "orders"

    def __init__(self, n_states: int = 6, freq: str = "M", discount_rate: float = 0.01,
                 marketing_cost: float = 0.0, horizon: float = np.inf) -> None:
        self.n_states = n_states
        self.freq = freq
        self.discount_rate = discount_rate
        self.marketing_cost = marketing_cost
        self.horizon = horizon

    def fit(self, orders: pd.DataFrame, *, value: str = "gross_profit",
            date: str = "order_date", start: object = None,
            end: object = None) -> MigrationModel:
        """Estimate the chain, the margin per purchase period and the values by state.

        ``orders`` needs ``customer_id``, the ``date`` column (dates) and the ``value``
        column (finite numbers: the margin of each order, any sign); ``start`` and ``end``
        bound the window as in :func:`recency_states`.

        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     model = MigrationModel(n_states=3).fit(_example_orders(), start="2024-01-01",
        ...                                            end="2024-06-30")
        >>> model.current_.tolist(), [type(w.message).__name__ for w in caught]
        ([2, 3], ['FitWarning'])
        """
        k = _check_states(self.n_states)
        freq = check_choice(self.freq, "freq", FREQUENCIES)
        d = _discount_rate(self.discount_rate)
        marketing = check_number(self.marketing_cost, "marketing_cost", low=0.0)
        horizon = _horizon(self.horizon)
        if np.isinf(horizon) and d <= 0:
            raise ValueError("an infinite horizon needs a positive discount_rate: give "
                             "MigrationModel(discount_rate=...) above 0 or a finite horizon")
        require_frame(orders, "orders", ["customer_id"])
        value = column_option(orders, value, "value", "orders")
        date = column_option(orders, date, "date", "orders")
        amount = numeric_column(orders, value, "orders")
        states = recency_states(orders, freq=freq, n_states=k, start=start, end=end, date=date)
        values = states.to_numpy()
        counts = _move_counts(values, k)
        totals = counts.sum(axis=1)
        if totals.sum() == 0:
            raise ValueError("orders: no move between recency states can be observed in a "
                             "single period: give a window (start, end) of two periods or "
                             "more")
        problems = []
        unknown = np.flatnonzero(totals == 0)
        matrix = counts / np.where(totals == 0, 1, totals)[:, None]
        if unknown.size:
            matrix[unknown, np.minimum(unknown + 1, k - 1)] = 1.0  # no purchase: one state on
            problems.append(f"no customer was observed leaving recency state(s) "
                            f"{(unknown + 1).tolist()}: their purchase probability is set to 0 "
                            "(use fewer states or a longer window)")
        if len(states) < self.MIN_CUSTOMERS:
            problems.append(f"only {len(states)} customers carry the estimates (at least "
                            f"{self.MIN_CUSTOMERS} are needed)")
        when = orders[date].dt.to_period(freq)
        periods = states.columns
        inside = ((when >= periods[0]) & (when <= periods[-1])).to_numpy()
        purchase_periods = int((values == 1).sum())
        margin = float(amount[inside].sum() / purchase_periods)
        self.states_ = states
        self.transition_ = _matrix_frame(matrix, counts)
        self.counts_ = self.transition_.attrs["counts"]
        self.margin_ = margin
        self.reward_ = migration_rewards(margin, marketing, k)
        self.values_ = migration_clv(self.transition_, self.reward_, d, horizon)
        self.current_ = states.iloc[:, -1].rename("state")
        self._converged(problems)
        return self

    def _describe_fit(self) -> str:
        text = f"{len(self.states_):,} customers over {self.states_.shape[1]} periods"
        return text + ("" if self.converged_ else ", not converged")

    def predict(self, states: pd.Series | None = None) -> pd.Series:
        """Expected discounted value of each customer from its recency state (default: now).

        ``states``: a Series of recency states 1..``n_states`` (index: the customers).

        >>> import warnings
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore", FitWarning)
        ...     model = MigrationModel(n_states=3, discount_rate=0.01).fit(
        ...         _example_orders(), start="2024-01-01", end="2024-06-30")
        >>> model.predict(pd.Series([1, 3], index=["a", "b"])).round(0)
        a    710.0
        b    697.0
        Name: value, dtype: float64
        """
        self._require_fitted()
        s = self.current_ if states is None else states
        if not isinstance(s, pd.Series):
            raise TypeError(f"states must be a pandas Series of recency states, got "
                            f"{type(s).__name__}")
        s = as_numeric_series(s, "states", integer=True)
        bad = ~s.isin(self.values_.index)
        if bad.any():
            raise ValueError(f"states must be recency states 1..{self.values_.index.max()}; "
                             f"{int(bad.sum())} are not: {offenders(s, bad.to_numpy())}")
        return pd.Series(self.values_.reindex(s.astype(int).to_numpy()).to_numpy(),
                         index=s.index, name="value")

    def summary(self) -> pd.DataFrame:
        """Per state: moves observed, purchase probability, customers now, value and group value.

        >>> import warnings
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore", FitWarning)
        ...     model = MigrationModel(n_states=3).fit(_example_orders(), start="2024-01-01",
        ...                                            end="2024-06-30")
        >>> model.summary()[["moves_observed", "purchase_probability", "customers"]]
               moves_observed  purchase_probability  customers
        state
        1                   4                  0.25        0.0
        2                   2                  0.00        1.0
        3                   2                  0.50        1.0
        """
        self._require_fitted()
        now = self.current_[self.current_ >= 1].value_counts()
        table = group_value(now, self.values_)
        table.insert(0, "moves_observed", self.counts_.sum(axis=1).to_numpy())
        table.insert(1, "purchase_probability", self.transition_.iloc[:, 0].to_numpy())
        return table
