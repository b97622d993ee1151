"""Formatters: diagnostics to text for people or machines. They never see rules."""

from __future__ import annotations

import os
from typing import Callable, TextIO

FORMATS = ("auto", "rich", "text", "json", "sarif", "github", "junit", "html", "csv")


def get_formatter(name: str, stream: TextIO) -> Callable:
    """``auto`` is github under GitHub Actions, rich on a terminal, plain text otherwise."""
    if name == "auto":
        if os.environ.get("GITHUB_ACTIONS") == "true":
            name = "github"
        else:
            name = "rich" if stream.isatty() else "text"
    if name == "rich":
        from .rich import render
    elif name == "json":
        from .json import render
    elif name == "text":
        from .text import render
    elif name == "sarif":
        from .sarif import render
    elif name == "github":
        from .github import render
    elif name == "junit":
        from .junit import render
    elif name == "html":
        from .html import render
    elif name == "csv":
        from .csv import render
    else:
        raise ValueError(f"unknown format {name!r} (use {', '.join(FORMATS)})")
    return render
