"""bilint's own words in Dutch and French, through gettext catalogues, via the real command."""

from __future__ import annotations

import gettext
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bilint.i18n import LOCALE, compile_po, parse_po

from .helpers import TYPO_TEXT, run, write

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["bilint/cli.py", "bilint/formatters/rich.py", "bilint/formatters/summary.py"]


def used_messages() -> set[str]:
    found: set[str] = set()
    for name in SOURCES:
        text = (ROOT / name).read_text(encoding="utf-8")
        for call in re.finditer(r"\b(_|ngettext)\((\s*\"(?:[^\"\\\\]|\\\\.)*\"\s*)+", text):
            found.add("".join(re.findall(r"\"((?:[^\"\\\\]|\\\\.)*)\"", call.group(0))))
        for singular, _plural in re.findall(r'\(\s*"(\{n\} [^"]+)",\s*"(\{n\} [^"]+)"\)', text):
            found.add(singular)
    return found


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_every_message_is_translated(lang):
    catalogue = parse_po((LOCALE / f"{lang}.po").read_text(encoding="utf-8"))
    singulars = {key.split("\0")[0] for key in catalogue}
    wanted = used_messages() | {"error", "warning", "info"}     # the severities, translated by value
    missing = sorted(message for message in wanted if message not in singulars)
    assert not missing, f"{lang}.po lacks {missing}"
    assert len(used_messages()) >= 15   # the extraction itself found the messages


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_catalogues_compile_as_msgfmt_does(lang, tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    subprocess.run(["msgfmt", "-o", str(tmp_path / "x.mo"), str(LOCALE / f"{lang}.po")], check=True)
    ours = gettext.GNUTranslations(io.BytesIO(compile_po((LOCALE / f"{lang}.po").read_text(encoding="utf-8"))))
    with open(tmp_path / "x.mo", "rb") as handle:
        reference = gettext.GNUTranslations(handle)
    assert ours._catalog == reference._catalog


def test_the_environment_and_the_configuration_choose_the_language(tmp_path):
    write(tmp_path / "a.md", TYPO_TEXT)
    dutch = run("check", "a.md", cwd=tmp_path, env={"LANGUAGE": "nl_BE:nl", "LANG": "nl_BE.UTF-8"})
    assert "bilint: 2 bevindingen (1 fout, 1 waarschuwing) in 1 bestand" in dutch.stderr
    assert "correctie die u moet nakijken" in dutch.stderr
    rich = run("check", "--format", "rich", "a.md", cwd=tmp_path, env={"LANGUAGE": "", "LANG": "fr_BE.UTF-8",
                                                                        "COLUMNS": "100"})
    assert "avertissement" in rich.stdout and "correction (à vérifier) : remplacer par 'samenwerking'" in rich.stdout
    write(tmp_path / "bilint.toml", 'report-language = "fr"\n')
    french = run("check", "a.md", cwd=tmp_path, env={"LANGUAGE": "nl"})
    assert "2 constats (1 erreur, 1 avertissement) dans 1 fichier" in french.stderr
    assert run("check", "a.md", cwd=tmp_path).stdout == dutch.stdout   # findings themselves are unchanged
    write(tmp_path / "bilint.toml", 'report-language = "de"\n')
    assert "'report-language' must be en, nl or fr" in run("check", "a.md", cwd=tmp_path).stderr
