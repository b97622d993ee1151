"""The report's own words in the user's language (English, Dutch, French), through gettext.

The catalogues are ``bilint/locale/<lang>.po``; they are compiled to the ``.mo`` form in
memory when first needed (a few hundred bytes, no build step, no binary to keep in step
with its source) and read by the standard library's ``gettext.GNUTranslations``.

The language comes from the configuration (``report-language``), else from the
environment as gettext reads it (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``),
else English. What rules say about a text (their messages) is the rules' own and stays
in English; what bilint says around them (severity, fix, summary, notes) is translated.
"""

from __future__ import annotations

import ast
import gettext
import io
import os
import struct
from functools import lru_cache
from pathlib import Path

LOCALE = Path(__file__).parent / "locale"
LANGUAGES = ("en", "nl", "fr")

_chosen: str | None = None


def set_language(code: str | None) -> None:
    """Use ``code`` for the rest of the run (``None``: the environment decides)."""
    global _chosen
    _chosen = code


def current_language() -> str:
    if _chosen:
        return _chosen
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            for part in value.split(":"):
                code = part.split("_")[0].split(".")[0].lower()
                if code in LANGUAGES:
                    return code
            if variable != "LANGUAGE":
                break
    return "en"


def gettext_(message: str) -> str:
    return _translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations(current_language()).ngettext(singular, plural, count)


@lru_cache(maxsize=None)
def _translations(code: str) -> gettext.NullTranslations:
    catalogue = LOCALE / f"{code}.po"
    if code == "en" or not catalogue.is_file():
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(compile_po(catalogue.read_text(encoding="utf-8"))))


def parse_po(text: str) -> dict[str, str]:
    """msgid (with ``\\0``-joined plural forms) -> msgstr, as msgfmt reads a catalogue."""
    entries: dict[str, str] = {}
    fields: dict[str, list[str]] = {}
    current = None

    def flush() -> None:
        if "msgid" in fields:
            msgid = "".join(fields["msgid"])
            if "msgid_plural" in fields:
                msgid += "\0" + "".join(fields["msgid_plural"])
                forms = sorted(key for key in fields if key.startswith("msgstr["))
                msgstr = "\0".join("".join(fields[key]) for key in forms)
            else:
                msgstr = "".join(fields.get("msgstr", []))
            if msgstr or not msgid:
                entries[msgid] = msgstr
        fields.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and fields:
                flush()
            continue
        if line.startswith('"'):
            fields[current].append(ast.literal_eval(line))
            continue
        keyword, _, value = line.partition(" ")
        if keyword == "msgid" and "msgid" in fields and current != "msgid":
            flush()
        current = keyword
        fields[current] = [ast.literal_eval(value.strip())]
    flush()
    return entries


def compile_po(text: str) -> bytes:
    """The GNU ``.mo`` form of a catalogue (what msgfmt writes), for ``GNUTranslations``."""
    entries = sorted((key.encode("utf-8"), value.encode("utf-8")) for key, value in parse_po(text).items())
    count = len(entries)
    key_start = 7 * 4
    value_start = key_start + count * 8
    data_start = value_start + count * 8
    keys = values = b""
    key_table, value_table = [], []
    for key, _ in entries:
        key_table.append((len(key), data_start + len(keys)))
        keys += key + b"\0"
    values_base = data_start + len(keys)
    for _, value in entries:
        value_table.append((len(value), values_base + len(values)))
        values += value + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, key_start, value_start, 0, 0)
    tables = b"".join(struct.pack("<2I", *pair) for pair in key_table + value_table)
    return header + tables + keys + values
