"""Loaded by every Python process the tests start (this folder is on PYTHONPATH): no network."""

import offline_guard

offline_guard.install()
