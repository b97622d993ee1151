"""Formatters: diagnostics to text for people or machines. They never see rules."""

from __future__ import annotations

from typing import Callable, TextIO

FORMATS = ("auto", "rich", "text", "json")


def get_formatter(name: str, stream: TextIO) -> Callable:
    """``auto`` is rich on a terminal, plain text otherwise."""
    if name == "auto":
        name = "rich" if stream.isatty() else "text"
    if name == "rich":
        from .rich import render
    elif name == "json":
        from .json import render
    elif name == "text":
        from .text import render
    else:
        raise ValueError(f"unknown format {name!r} (use {', '.join(FORMATS)})")
    return render
