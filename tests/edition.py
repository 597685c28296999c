"""The tests' switch to the Chinese edition: build something in Chinese, then English again."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from typing import TypeVar

from helpers import language

T = TypeVar("T")


def in_chinese(build: Callable[[], T]) -> T:
    """``build()`` in the Chinese edition, then English again (the font message is muted)."""
    with contextlib.redirect_stdout(io.StringIO()):
        language.use_language("zh")
    try:
        return build()
    finally:
        language.use_language("en")
