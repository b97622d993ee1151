"""The result cache: a warm run gives the same diagnostics without linting, and each part
of the key invalidates it."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bilint
from bilint import cache as cache_module
from bilint import runner
from bilint.cache import ResultCache
from bilint.runner import Request, plan, run

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "benelux-2021-drugs.md"
NL = "# Besluit\n\nArtikel 1. De minister beslist op 3 maart 2020 over de criminale zaak.\n"
FR = "# Décision\n\nArticle 1er. Le ministre décide le 3 mars 2020 de l'affaire criminelle.\n"


@pytest.fixture
def pair(tmp_path):
    (tmp_path / "besluit.nl.md").write_text(NL, encoding="utf-8")
    (tmp_path / "besluit.fr.md").write_text(FR, encoding="utf-8")
    return tmp_path


@pytest.fixture
def counted(monkeypatch):
    """Count the documents actually linted (the cache's whole point is to lint fewer)."""
    calls = []
    real = runner.lint_job

    def lint_job(job):
        calls.append(job.paths)
        return real(job)

    monkeypatch.setattr(runner, "lint_job", lint_job)
    return calls


def lint(paths, cache, **request):
    return run(plan([str(p) for p in paths], Request(use_config=False, **request)), cache=cache)


def test_warm_run_reads_back_the_same_diagnostics(pair, counted):
    cache = ResultCache(pair / ".bilint_cache")
    cold = lint([pair / "besluit.nl.md"], cache)
    warm = lint([pair / "besluit.nl.md"], cache)
    assert len(counted) == 1
    assert cold[0].diagnostics and warm[0].diagnostics == cold[0].diagnostics
    assert warm[0].files == cold[0].files
    assert (pair / ".bilint_cache" / "CACHEDIR.TAG").is_file()


def test_example_round_trips_every_field(tmp_path, counted):
    cache = ResultCache(tmp_path / "c")
    cold = lint([EXAMPLE], cache)[0].diagnostics
    warm = lint([EXAMPLE], cache)[0].diagnostics
    assert len(counted) == 1
    assert [dataclasses.astuple(d) for d in warm] == [dataclasses.astuple(d) for d in cold]
    assert any(d.related for d in warm) and any(d.fix for d in warm)


@pytest.mark.parametrize("change", ["nl file", "fr counterpart", "select", "ignore", "words",
                                    "languages", "layout", "suppressions", "version", "glossary"])
def test_each_part_of_the_key_invalidates(pair, counted, monkeypatch, change):
    glossary = pair / "glossary.tsv"
    glossary.write_text("nl\tfr\nminister\tministre\n", encoding="utf-8")
    cache = ResultCache(pair / ".bilint_cache")
    base = {"glossaries": [str(glossary)]}
    lint([pair / "besluit.nl.md"], cache, **base)
    request = dict(base)
    if change == "nl file":
        (pair / "besluit.nl.md").write_text(NL.replace("3 maart", "4 maart"), encoding="utf-8")
    elif change == "fr counterpart":
        (pair / "besluit.fr.md").write_text(FR.replace("3 mars", "4 mars"), encoding="utf-8")
    elif change == "select":
        request["select"] = ["BL3"]
    elif change == "ignore":
        request["ignore"] = ["BL301"]
    elif change == "words":
        words = pair / "words.txt"
        words.write_text("criminale\n", encoding="utf-8")
        request["words"] = [str(words)]
    elif change == "languages":
        request["languages"] = ("fr", "nl")
    elif change == "layout":
        request["layout"] = "pair"
    elif change == "suppressions":
        request["inline"] = False
    elif change == "version":
        monkeypatch.setattr(bilint, "__version__", bilint.__version__ + ".post1")
        cache = ResultCache(pair / ".bilint_cache")   # a new process computes its fingerprint anew
    elif change == "glossary":
        glossary.write_text("nl\tfr\nminister\tministre\nzaak\taffaire\n", encoding="utf-8")
    lint([pair / "besluit.nl.md"], cache, **request)
    assert len(counted) == 2, f"a change of {change} must not reuse the cached result"


def test_edited_package_file_changes_the_fingerprint(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "rule.py").write_text("x = 1\n")
    monkeypatch.setattr(cache_module, "_HUNSPELL_FOLDERS", (package,))
    before = cache_module._code_fingerprint()
    (package / "rule.py").write_text("x = 22\n")
    assert cache_module._code_fingerprint() != before


def test_corrupt_or_foreign_entries_are_misses(pair, counted):
    cache = ResultCache(pair / ".bilint_cache")
    lint([pair / "besluit.nl.md"], cache)
    (entry,) = (pair / ".bilint_cache").glob("??/*.json")
    entry.write_text("{not json", encoding="utf-8")
    lint([pair / "besluit.nl.md"], cache)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["format"] = -1
    entry.write_text(json.dumps(data), encoding="utf-8")
    lint([pair / "besluit.nl.md"], cache)
    assert len(counted) == 3


def test_unwritable_cache_folder_is_not_an_error(pair, counted):
    blocker = pair / "blocker"
    blocker.write_text("a file where the cache folder should be")
    cache = ResultCache(blocker / "cache")
    assert lint([pair / "besluit.nl.md"], cache)[0].diagnostics
    assert lint([pair / "besluit.nl.md"], cache)[0].diagnostics
    assert len(counted) == 2


def test_pruned_to_its_bound_least_recently_used_first(tmp_path):
    cache = ResultCache(tmp_path / "c", max_bytes=1)
    for key in ("aa" + "0" * 62, "bb" + "0" * 62):
        cache.put(key, [], [])
    older = cache._path("aa" + "0" * 62)
    os.utime(older, ns=(1, 1))
    cache.max_bytes = cache._path("bb" + "0" * 62).stat().st_size
    cache.prune()
    assert not older.exists() and cache._path("bb" + "0" * 62).exists()


def test_two_processes_sharing_the_folder(pair):
    """Concurrent runs write whole entries (temporary file and rename) and agree."""
    code = ("import sys; from bilint.cache import ResultCache; from bilint.runner import Request, plan, run;"
            "r = run(plan([sys.argv[1]], Request(use_config=False)), cache=ResultCache(sys.argv[2]));"
            "print(len(r[0].diagnostics))")
    args = [sys.executable, "-c", code, str(pair / "besluit.nl.md"), str(pair / "shared")]
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = {p.communicate(timeout=300)[0].strip() for p in procs}
    assert len(outputs) == 1 and outputs != {"0"}
    assert not list((pair / "shared").glob("??/.tmp-*"))
    assert len(list((pair / "shared").glob("??/*.json"))) == 1


def test_a_hit_names_the_files_as_this_run_does(pair, counted, monkeypatch):
    """The key holds absolute paths; a run from another folder gets its own names back."""
    cache = ResultCache(pair / ".bilint_cache")
    monkeypatch.chdir(pair)
    cold = lint(["besluit.nl.md"], cache)[0]
    monkeypatch.chdir(pair.parent)
    warm = lint([f"{pair.name}/besluit.nl.md"], cache)[0]
    assert len(counted) == 1
    assert {d.path for d in cold.diagnostics} <= {"besluit.nl.md", "besluit.fr.md"}
    assert {d.path for d in warm.diagnostics} <= {f"{pair.name}/besluit.nl.md", f"{pair.name}/besluit.fr.md"}
    assert {f["path"] for f in warm.files} == {f"{pair.name}/besluit.nl.md", f"{pair.name}/besluit.fr.md"}
    related = [r.location.path for d in warm.diagnostics for r in d.related]
    assert all(path.startswith(pair.name + "/") for path in related)


FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")


@pytest.mark.parametrize("name", FORMATS)
def test_warm_command_prints_the_same_report_byte_for_byte(tmp_path, name):
    from .helpers import TYPO_TEXT, run as bilint, write

    write(tmp_path / "text.md", TYPO_TEXT)
    cold = bilint("check", "--format", name, "text.md", cwd=tmp_path)
    entries = list((tmp_path / ".bilint_cache").glob("??/*.json"))
    warm = bilint("check", "--format", name, "text.md", cwd=tmp_path)
    assert cold.returncode == warm.returncode == 1, cold.stderr
    assert len(entries) == 1, "the cold run stores the document's result"
    assert warm.stdout == cold.stdout and warm.stderr == cold.stderr


def test_no_cache_and_cache_dir(tmp_path):
    from .helpers import TYPO_TEXT, run as bilint, write

    write(tmp_path / "text.md", TYPO_TEXT)
    assert bilint("check", "--no-cache", "text.md", cwd=tmp_path).returncode == 1
    assert not (tmp_path / ".bilint_cache").exists()
    assert bilint("check", "--cache-dir", "elsewhere", "text.md", cwd=tmp_path).returncode == 1
    assert list((tmp_path / "elsewhere").glob("??/*.json")) and not (tmp_path / ".bilint_cache").exists()
    assert bilint("check", "text.md", cwd=tmp_path, env={"BILINT_CACHE_DIR": str(tmp_path / "env")}).returncode == 1
    assert list((tmp_path / "env").glob("??/*.json"))


HEAVY = ("bilint_rules", "lark", "rich", "langdetect", "pluggy", "importlib.metadata", "hunspell")


def test_a_warm_run_imports_no_rule_and_no_heavy_library(tmp_path):
    """On a hit only the key and the report run: the rules' catalogue and the installed
    distributions are read back from the cache folder, not asked again."""
    from .helpers import TYPO_TEXT, run as bilint, write

    write(tmp_path / "text.md", TYPO_TEXT)
    write(tmp_path / "bilint.toml", '[rules.spelling]\nforeign = ["en"]\n')
    probe = ("import sys, runpy; sys.argv = ['bilint'] + sys.argv[1:]\n"
             "try:\n    runpy.run_module('bilint', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r} or m in {HEAVY!r}), "
             "file=sys.stderr)\n")
    args = [sys.executable, "-c", probe, "check", "--select", "BL1,BL3", "text.md"]
    cold = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    warm = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert "bilint_rules" in cold.stderr, cold.stderr
    assert warm.stdout == cold.stdout and "BL301" in warm.stdout
    assert warm.stderr.splitlines()[-1] == "[]", warm.stderr


@pytest.mark.parametrize("where", ["command line", "configuration", "option value"])
def test_a_warm_run_still_rejects_an_unknown_rule(tmp_path, where):
    from .helpers import TYPO_TEXT, run as bilint, write

    write(tmp_path / "text.md", TYPO_TEXT)
    assert bilint("check", "--select", "BL", "text.md", cwd=tmp_path).returncode == 1   # fills the catalogue
    assert (tmp_path / ".bilint_cache" / "rules.json").is_file()
    if where == "command line":
        result = bilint("check", "--select", "BL3,spellling", "text.md", cwd=tmp_path)
        assert "--select: no rule matches 'spellling'; did you mean 'spelling'?" in result.stderr
    elif where == "configuration":
        write(tmp_path / "bilint.toml", "[rules.spelling]\nforeing = ['en']\n")
        result = bilint("check", "text.md", cwd=tmp_path)
        assert "'rules.spelling.foreing': BL301 has no option 'foreing'; did you mean 'foreign'?" in result.stderr
    else:   # the catalogue keeps the values an option accepts
        write(tmp_path / "bilint.toml", "[rules.BL508]\nstyle = 'bogus'\n")
        result = bilint("check", "text.md", cwd=tmp_path)
        assert "'rules.BL508.style' must be 'off', 'space' or 'none', not 'bogus'" in result.stderr
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_the_catalogue_is_listed_anew_when_the_code_changes(tmp_path, monkeypatch):
    from bilint.plugins import all_rules

    def catalogue():
        all_rules.cache_clear()   # as in a new process: the rules not loaded yet
        return ResultCache(tmp_path / "c").rules()

    first = catalogue()
    assert {rule.code for rule in catalogue()} == {rule.code for rule in first}
    stored = json.loads((tmp_path / "c" / "rules.json").read_text(encoding="utf-8"))
    stored["rules"] = stored["rules"][:1]
    (tmp_path / "c" / "rules.json").write_text(json.dumps(stored), encoding="utf-8")
    assert len(catalogue()) == 1                       # read back, not recomputed
    all_rules()
    assert len(ResultCache(tmp_path / "c").rules()) == len(first)   # rules loaded: the real ones
    monkeypatch.setattr(bilint, "__version__", bilint.__version__ + ".post1")
    assert len(catalogue()) == len(first)              # another fingerprint: listed anew


def test_an_installed_distribution_changes_the_fingerprint(tmp_path, monkeypatch):
    """The distributions' answer is kept under a stamp of the import paths' folders: a
    package installed into one of them changes the stamp and is asked anew."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    asked = []
    real = cache_module._ask_distributions

    def ask():
        asked.append(1)
        return real()

    monkeypatch.setattr(cache_module, "_ask_distributions", ask)
    first = cache_module._code_fingerprint(tmp_path / "c")
    assert cache_module._code_fingerprint(tmp_path / "c") == first and len(asked) == 1
    (site / "unrelated.txt").write_text("not a distribution")
    cache_module._code_fingerprint(tmp_path / "c")
    assert len(asked) == 1
    (site / "newpack-1.0.dist-info").mkdir()
    cache_module._code_fingerprint(tmp_path / "c")
    assert len(asked) == 2
    os.utime(site / "newpack-1.0.dist-info", ns=(1, 1))   # reinstalled in place
    cache_module._code_fingerprint(tmp_path / "c")
    assert len(asked) == 3
