"""The one plugin manager: built-in rules and installed packs, through the same hooks."""

from __future__ import annotations

from functools import lru_cache

from .model import CATEGORIES, Rule


class PluginError(Exception):
    pass


@lru_cache(maxsize=1)
def plugin_manager():
    import pluggy

    from . import hookspecs

    manager = pluggy.PluginManager("bilint")
    manager.add_hookspecs(hookspecs)
    manager.load_setuptools_entrypoints("bilint")
    if not any(name == "builtin" or getattr(plugin, "__name__", "") == "bilint_rules"
               for name, plugin in manager.list_name_plugin()):
        import bilint_rules  # running from a source tree without installed metadata

        manager.register(bilint_rules, name="builtin")
    manager.check_pending()
    return manager


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every rule of every plugin, sorted by code; duplicate codes or names fail loudly."""
    from .lang import register_language

    manager = plugin_manager()
    for languages in manager.hook.bilint_languages():
        for data in languages or ():
            register_language(data)
    rules: dict[str, Rule] = {}
    names: set[str] = set()
    for contributed in manager.hook.bilint_rules():
        for rule in contributed or ():
            if rule.code in rules or rule.name in names:
                raise PluginError(f"rule {rule.code} ({rule.name}) is defined twice")
            if rule.category not in CATEGORIES:
                raise PluginError(f"rule {rule.code}: unknown category {rule.category!r}")
            rules[rule.code] = rule
            names.add(rule.name)
    return tuple(sorted(rules.values(), key=lambda rule: rule.code))
