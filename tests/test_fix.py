"""``bilint fix``: encodings, BOM and line endings kept, only the fixed spans touched,
idempotent, a preview that writes nothing, and no silent rewrite of the other language."""

from __future__ import annotations

import codecs

import pytest

from bilint.fixes import Edit, apply_edits, crosses_language
from bilint.model import Diagnostic, Fix, Location, Severity, Span

from .conftest import EXAMPLE
from .helpers import FR, NL, run, write

UNUSED = "<!-- bilint: disable-next-line=BL301 -->\n"


@pytest.mark.parametrize("encoding,bom,newline", [
    ("utf-8", b"", "\n"), ("utf-8", codecs.BOM_UTF8, "\r\n"), ("cp1252", b"", "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\n"),
])
def test_fix_keeps_encoding_bom_and_line_endings_and_is_idempotent(tmp_path, encoding, bom, newline):
    text = (NL + "\n" + UNUSED + "Vu:\n\n1. la coopération entre les services de police des États membres;\n\n"
            "2. le plan annuel du Benelux qui comporte des références à des projets communs;\n")
    path = tmp_path / "law.md"
    path.write_bytes(bom + text.replace("\n", newline).encode(encoding))
    assert run("fix", "--select", "BL3,BL901", str(path)).returncode == 0
    expected = bom + text.replace(UNUSED, "").replace("\n", newline).encode(encoding)
    assert path.read_bytes() == expected
    second = run("fix", "--select", "BL3,BL901", str(path))
    assert second.returncode == 0 and path.read_bytes() == expected and "fixed" not in second.stderr


def test_diff_previews_and_writes_nothing_and_unsafe_fixes_need_the_flag(tmp_path):
    path = tmp_path / "ex.md"
    path.write_bytes(EXAMPLE.read_bytes())
    assert run("fix", "--select", "BL101", "--diff", str(path)).stdout == ""   # the relabelling is unsafe
    result = run("fix", "--select", "BL101", "--unsafe-fixes", "--diff", str(path))
    assert result.returncode == 1 and path.read_bytes() == EXAMPLE.read_bytes()
    assert "-1) des initiatives" in result.stdout and "+l. des initiatives" in result.stdout
    assert run("fix", "--select", "BL101", "--unsafe-fixes", str(path)).returncode == 0
    before, after = EXAMPLE.read_bytes().split(b"\n"), path.read_bytes().split(b"\n")
    assert [n for n, (a, b) in enumerate(zip(before, after)) if a != b] == [116] and len(before) == len(after)


def _diagnostic(lang: str, target_lang: str, path: str = "a.md", target_path: str = "a.md", safe: bool = True):
    where = Location(target_path, Span(1, 1, 1, 2), target_lang, 0, 1)
    return Diagnostic(path, Span(1, 1, 1, 2), "XX1", "x", "typography", Severity.WARNING, "m", lang,
                      fix=Fix("y", safe, where))


def test_a_fix_in_the_other_language_is_never_safe():
    from bilint.fixes import applicable

    assert not crosses_language(_diagnostic("nl", "nl"))
    assert crosses_language(_diagnostic("nl", "fr"))
    assert crosses_language(_diagnostic("nl", "nl", "law.nl.md", "law.fr.md"))
    assert not applicable(_diagnostic("nl", "fr"), unsafe=False)
    assert applicable(_diagnostic("nl", "fr"), unsafe=True)


def test_apply_edits_takes_the_first_of_overlapping_edits_and_removes_blank_lines():
    text = "ab\r\n<!-- x -->\r\ncd\r\n"
    diag = _diagnostic("nl", "nl")
    new, chosen = apply_edits(text, [Edit(0, 1, "A\n", diag), Edit(0, 2, "Z", diag), Edit(4, 14, "", diag)])
    assert new == "A\r\nb\r\ncd\r\n" and len(chosen) == 2


def test_fix_on_a_pair_lints_with_the_counterpart(tmp_path):
    write(tmp_path / "law.nl.md", NL)
    fr = write(tmp_path / "law.fr.md", FR.replace("2. le plan", UNUSED + "2. le plan"))
    result = run("fix", "--select", "BL3,BL901", str(fr))
    assert result.returncode == 0, result.stdout + result.stderr
    assert UNUSED not in fr.read_text(encoding="utf-8")
