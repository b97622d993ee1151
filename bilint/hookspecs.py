"""The hooks a bilint plugin implements. Built-in rules use them too.

A plugin is a module or object with functions marked ``@bilint.hookimpl``, registered
through the entry-point group ``bilint`` in its package metadata::

    [project.entry-points.bilint]
    my_rules = "my_package.bilint_plugin"
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("bilint")
hookimpl = pluggy.HookimplMarker("bilint")


@hookspec
def bilint_rules() -> list:
    """Return the ``Rule`` objects this plugin contributes (made with ``bilint.api.rule``).

    Codes must be unique across all plugins; a duplicate is an error at start-up.
    """


@hookspec
def bilint_languages() -> list:
    """Return language data mappings (the keys of ``bilint/lang/nl.toml``) to add or replace."""


@hookspec(firstresult=True)
def bilint_is_word(word: str, lang: str) -> "bool | None":
    """Say whether ``word`` is a word of ``lang`` (a dictionary form, or a compound the
    language builds regularly), or return None when the plugin has no word list for ``lang``.

    The readers ask it to mend a word cut at a line end (``ver-`` / ``zekering``) when no
    Hunspell dictionary is installed; the first plugin that answers decides.
    """
