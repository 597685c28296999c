"""How hard the property tests search: one Hypothesis profile per use.

``CRM_HYPOTHESIS`` chooses the profile (``make test`` uses ``ci``, ``make test-deep`` ``deep``):

* ``ci`` (the default): derandomised, so a run on a fresh clone explores exactly the examples
  every earlier run explored; a failure found here reproduces on every machine.
* ``dev``: the same number of examples from a fresh random seed each run.
* ``deep``: random seeds and :data:`DEEP_FACTOR` times as many examples: run it before
  committing a change to a helper, so that a rare counterexample is found in development and
  then pinned with ``@example`` rather than met by chance in CI.

Tests state their budget as ``@settings(max_examples=examples(40))``: 40 in ``ci``/``dev``,
40 × :data:`DEEP_FACTOR` in ``deep``. Tests without ``settings`` take the profile's default.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

DEEP_FACTOR = 25
_DEFAULT_EXAMPLES = 100

settings.register_profile("ci", derandomize=True, database=None, deadline=None,
                          print_blob=True)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.register_profile("deep", deadline=None, print_blob=True,
                          max_examples=_DEFAULT_EXAMPLES * DEEP_FACTOR,
                          suppress_health_check=[HealthCheck.too_slow])

PROFILE = os.environ.get("CRM_HYPOTHESIS", "ci")
if PROFILE not in ("ci", "dev", "deep"):
    raise ValueError(f"CRM_HYPOTHESIS must be 'ci', 'dev' or 'deep', got {PROFILE!r}")
settings.load_profile(PROFILE)


def examples(n: int) -> int:
    """The example budget of a property test: ``n``, or ``n`` × DEEP_FACTOR when deep."""
    return n * DEEP_FACTOR if PROFILE == "deep" else n
