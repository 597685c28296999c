"""Answer keys of the exercises, one module per chapter (``ch00`` … ``ch13``).

Each module defines ``KEY = checks.AnswerKey("NN")`` and registers, per task, the function
that computes the expected value from the course data with the course's helpers, with the
task's hint (see :class:`helpers.checks.AnswerKey`). The exercise notebooks call
``checks.task("NN.k", answer)``, so they never show the answer; the solution notebooks show how
to find it. Keys are written beside their solution notebook, and the notebook tests check that
every solution passes every check and that every key is used.
"""
