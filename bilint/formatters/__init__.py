"""Formatters: diagnostics to text for people or machines. They never see rules."""

from __future__ import annotations

import inspect
import os
from typing import Callable, TextIO

FORMATS = ("auto", "rich", "text", "json", "sarif", "github", "gitlab", "junit", "html", "csv")


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
    elif name == "gitlab":
        from .gitlab import render
    elif name == "junit":
        from .junit import render
    elif name == "html":
        from .html import render
    elif name == "csv":
        from .csv import render
    else:
        from ..selectors import did_you_mean

        raise ValueError(f"unknown format {name!r}{did_you_mean(name, FORMATS)} (use {', '.join(FORMATS)})")
    return render


def render_report(name: str, diagnostics, files, stream: TextIO, version: str, **context) -> None:
    """Render with ``name``, passing each formatter the context it takes (``failing``, ``summary``)."""
    render = get_formatter(name, stream)
    accepted = inspect.signature(render).parameters
    render(diagnostics, files, stream, version, **{k: v for k, v in context.items() if k in accepted})
