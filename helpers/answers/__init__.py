"""Answer keys of the exercises, one module per chapter (``ch00`` … ``ch13``).

Each module defines ``KEY = checks.AnswerKey("NN")`` and registers, per task, the function
that computes the expected value from the course data with the course's helpers, with the
task's hint (see :class:`helpers.checks.AnswerKey`). The exercise notebooks call
``checks.task("NN.k", answer)``, so they never show the answer; the solution notebooks show how
to find it. Keys are written beside their solution notebook, and the notebook tests check that
every solution passes every check and that every key is used.

The keys are where the course repository is: practice (``make lab``, Binder) and the grading
side of a graded course. The students' side of a graded course has no keys: it is built from
``tools/grading.py bundle``, which leaves this package out, and there ``helpers.checks`` checks
only the form of an answer (README, "Grading a class").
"""
