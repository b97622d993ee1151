"""The floor under bilint's speed: the external engines alone, on the input bilint gives them.

    python bench/floor.py                        # the Criminal Code pair
    python bench/floor.py --json floor.json PATH  # any document (file, pair folder)

bilint leans on four engines it does not own: Grammalecte (BL603), Hunspell's ``spell()``
(the spelling rule, for the words its embedded list does not settle), langdetect (BL701
and layout detection) and, as the reference every spell checker is compared with,
``hunspell -l``. This script measures, in the same invocation:

1. ``bilint check --no-cache -q -j 1`` on the document (a child process, CPU time from
   ``wait4``);
2. one more lint in a child process with the three engines' entry points wrapped, which
   records exactly what bilint asks each of them (the sentences and options given to
   Grammalecte's ``gc_engine.parse``, the words given to Hunspell's ``spell``, the texts
   given to langdetect);
3. each engine alone in a fresh child process, loading and then answering the recorded
   questions, with the loading and the answering timed apart (CPU time of the process);
4. ``hunspell -l`` (HTML mode for HTML files) over each file with its language's
   dictionary.

An engine's answering time divided into the document's size is the most bilint could
reach with that engine switched on, however fast bilint's own code became. No target is
met by switching a rule off here: the script reports, it changes nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def default_document() -> Path | None:
    """The Criminal Code pair, from ``$BILINT_CORPUS`` or a ``shared/corpus`` above the checkout."""
    candidates = [Path(os.environ["BILINT_CORPUS"])] if os.environ.get("BILINT_CORPUS") else []
    candidates += [parent / "shared" / "corpus" for parent in ROOT.parents]
    for corpus in candidates:
        if (corpus / "be-strafwetboek").is_dir():
            return corpus / "be-strafwetboek"
    return None


def child(arguments: list[str]) -> tuple[dict, float, float]:
    """Run this script's ``arguments`` in a fresh interpreter: its JSON answer, CPU s, peak MB."""
    process = subprocess.Popen([sys.executable, __file__, *arguments], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=ENVIRONMENT, cwd=ROOT)
    out = process.stdout.read()
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"floor: {' '.join(arguments[:2])} failed:\n{error.decode(errors='replace')[-2000:]}")
    return json.loads(out or b"{}"), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure_process(command: list[str]) -> tuple[float, float, int]:
    """CPU seconds, peak MB and exit code of a whole process."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENVIRONMENT,
                               cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


# --- the children --------------------------------------------------------------------------

def capture(document: str, folder: str) -> dict:
    """Lint ``document`` with the engines' entry points wrapped; write what each was asked."""
    from bilint import langid
    from bilint.cli import main
    from bilint_rules import french_grammar, spellcheck

    asked: dict[str, list] = {"grammalecte": [], "hunspell": [], "langdetect": []}
    checker = french_grammar.load_checker()
    if checker is not None:
        engine = checker.getGCEngine()
        parse = engine.parse

        def recording_parse(text, lang="FR", *args, **kwargs):
            options = kwargs.get("dOptions")
            asked["grammalecte"].append([text, lang, options])
            return parse(text, lang, *args, **kwargs)

        engine.parse = recording_parse
    spell = spellcheck.HunspellLexicon.spell

    def recording_spell(self, word):
        if word not in self._spell:
            asked["hunspell"].append([self.dictionary, str(self._directory), word])
        return spell(self, word)

    spellcheck.HunspellLexicon.spell = recording_spell
    cached = langid._cached

    seen: set = set()

    def recording_cached(text, languages):
        if (text, languages) not in seen:   # bilint answers a repeated text from its memo
            seen.add((text, languages))
            asked["langdetect"].append([text, list(languages)])
        return cached(text, languages)

    langid._cached = recording_cached
    import contextlib
    import io

    try:
        with contextlib.redirect_stdout(io.StringIO()):   # the report is not this child's answer
            main(["check", "--no-cache", "-q", "-j", "1", document])
    except SystemExit:
        pass
    for name, questions in asked.items():
        Path(folder, f"{name}.json").write_text(json.dumps(questions), encoding="utf-8")
    return {name: len(questions) for name, questions in asked.items()}


def grammalecte_alone(folder: str) -> dict:
    from bilint_rules import french_grammar

    questions = json.loads(Path(folder, "grammalecte.json").read_text(encoding="utf-8"))
    began = time.process_time()
    checker = french_grammar.load_checker()
    if checker is None:
        return {"missing": "Grammalecte is not installed"}
    engine = checker.getGCEngine()
    engine.parse("Le chat est noir.", "FR")   # first call builds its lazy tables
    loaded = time.process_time()
    for text, lang, options in questions:
        engine.parse(text, lang, dOptions=options)
    return {"load": loaded - began, "answer": time.process_time() - loaded, "calls": len(questions),
            "chars": sum(len(q[0]) for q in questions)}


def hunspell_alone(folder: str) -> dict:
    import hunspell

    questions = json.loads(Path(folder, "hunspell.json").read_text(encoding="utf-8"))
    began = time.process_time()
    dictionaries = {}
    for name, directory, _ in questions:
        if (name, directory) not in dictionaries:
            dictionaries[(name, directory)] = hunspell.Hunspell(name, hunspell_data_dir=directory)
            dictionaries[(name, directory)].spell("a")
    loaded = time.process_time()
    for name, directory, word in questions:
        dictionaries[(name, directory)].spell(word)
    return {"load": loaded - began, "answer": time.process_time() - loaded, "calls": len(questions)}


def langdetect_alone(folder: str) -> dict:
    """Stock langdetect (its own n-gram extraction), seeded as bilint seeds it."""
    from langdetect.lang_detect_exception import LangDetectException

    from bilint import langid

    questions = json.loads(Path(folder, "langdetect.json").read_text(encoding="utf-8"))
    began = time.process_time()
    factories = {tuple(languages): langid._factory(tuple(languages)) for _, languages in questions}
    loaded = time.process_time()
    for text, languages in questions:
        factory = factories[tuple(languages)]
        if factory is None:
            continue
        detector = factory.create()
        detector.append(text.lower())
        try:
            detector.get_probabilities()
        except LangDetectException:
            pass
    return {"load": loaded - began, "answer": time.process_time() - loaded, "calls": len(questions),
            "chars": sum(len(q[0]) for q in questions)}


CHILDREN = {"capture": capture, "grammalecte": grammalecte_alone, "hunspell": hunspell_alone,
            "langdetect": langdetect_alone}


# --- the report ----------------------------------------------------------------------------

def hunspell_l(files: list[Path], folder: str) -> tuple[float, float] | None:
    """CPU s and peak MB of ``hunspell -l`` over each file's text with its language's dictionary.

    An HTML file is given as its text (tags dropped, entities decoded, a line a tag):
    ``hunspell -H`` on the Criminal Code's two 900 KB lines took 84 s of CPU, a cost of its
    HTML mode on huge lines, not of spelling."""
    import html
    import re
    import shutil

    binary = shutil.which("hunspell")
    if binary is None:
        return None
    cpu = peak = 0.0
    for number, path in enumerate(files):
        lang = path.name.split(".")[-2] if path.name.count(".") >= 2 else "nl,fr"
        command = [binary, "-l", "-d", {"nl": "nl", "fr": "fr_FR", "en": "en_GB"}.get(lang, lang)]
        if path.suffix.lower() in (".html", ".htm", ".xhtml"):
            raw = path.read_text(encoding="utf-8", errors="replace")
            text = html.unescape(re.sub(r"<[^>]*>", "\n", raw))
            plain = Path(folder, f"{number}.txt")
            plain.write_text(text, encoding="utf-8")
            path = plain
        seconds, mb, _ = measure_process([*command, str(path)])
        cpu, peak = cpu + seconds, max(peak, mb)
    return cpu, peak


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        json.dump(CHILDREN[argv[1]](*argv[2:]), sys.stdout)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("document", nargs="?", help="a file or a pair folder (default: the Criminal Code)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    document = Path(args.document) if args.document else default_document()
    if document is None or not document.exists():
        print("floor: no document (give one, or set BILINT_CORPUS to the shared corpus)", file=sys.stderr)
        return 2
    files = sorted(document.iterdir()) if document.is_dir() else [document]
    files = [f for f in files if f.is_file() and not f.name.lower().startswith("readme")]
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    bilint = [sys.executable, "-m", "bilint", "check", "--no-cache", "-q", "-j", "1", str(document)]
    bilint_cpu, bilint_peak, _ = measure_process(bilint)
    rows = [("bilint check --no-cache -j 1 (all default rules)", bilint_cpu, bilint_peak, None)]
    with tempfile.TemporaryDirectory() as folder:
        counts, _, _ = child(["--child", "capture", str(document), folder])
        for name, label in (("grammalecte", "Grammalecte alone (BL603's sentences)"),
                            ("hunspell", "Hunspell spell() alone (the spelling rule's words)"),
                            ("langdetect", "langdetect alone, stock (BL701's and the layout's texts)")):
            answer, cpu, peak = child(["--child", name, folder])
            rows.append((label, cpu, peak, answer))
        spelled = hunspell_l(files, folder)
    if spelled:
        rows.append(("hunspell -l over the files' text", spelled[0], spelled[1], None))
    print(f"document: {document} ({megabytes:.2f} MB); calls recorded: {counts}\n")
    print("| measurement | CPU time (process) | of which answering | MB/s (answering) | peak memory |")
    print("|---|---:|---:|---:|---:|")
    report = {"document": str(document), "megabytes": megabytes, "calls": counts, "rows": []}
    for label, cpu, peak, answer in rows:
        answering = answer.get("answer") if answer else None
        speed = megabytes / (answering if answering is not None else cpu) if (answering or cpu) else 0.0
        print(f"| {label} | {cpu:.2f} s | {f'{answering:.2f} s' if answering is not None else '—'} "
              f"| {speed:.2f} | {peak:.0f} MB |")
        report["rows"].append({"label": label, "cpu": cpu, "peak_mb": peak, "detail": answer})
    print(f"\ntarget 2 MB/s on one core = {megabytes / 2:.2f} s of CPU for this document")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
