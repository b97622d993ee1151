"""bilint's benchmark: whole-process wall time and peak memory, with ratios, in one run.

    python bench/run.py                 # median of 5 runs each; prints a markdown table
    python bench/run.py --runs 3 --quick --json out.json

Every figure is a whole process started from the shell (interpreter start-up, imports,
dictionary loading included), timed by the wall clock; the median of ``--runs`` runs is
shown, with the median CPU time (user + system, ``wait4`` rusage: what the process itself
used, which a busy machine inflates less than the wall time), and peak memory is the
child's maximum resident set size. Peers are measured in the same run so that ratios hold
on a busy machine.

*Cold* rows run with ``--no-cache`` (no stored result); the *warm* row re-runs a document
whose result a first run stored. The compact word lists (``rules/_wordtable.py``) and
Python's byte code are built once before the timed runs, as any installed copy has
them: children run without ``PYTHONDONTWRITEBYTECODE``, which would make every start
compile bilint's sources anew.

Needs bilint installed (``pip install -e '.[hunspell]'``), and for the peer rows
``codespell`` (``pip install codespell``) and ``hunspell`` with the nl and fr
dictionaries (Debian: ``apt-get install hunspell hunspell-nl hunspell-fr``); a missing
peer is reported as such. The Criminal Code rows need ``shared/corpus`` above the checkout (or ``$BILINT_CORPUS``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "benelux-2021-drugs.md"


def _code_folder() -> Path:
    """The Criminal Code pair: ``$BILINT_CORPUS``, else the first ``shared/corpus`` above the
    checkout (``../shared`` from a clone, ``../../shared`` from a worktree in a subfolder)."""
    corpora = [Path(os.environ["BILINT_CORPUS"])] if os.environ.get("BILINT_CORPUS") else []
    corpora += [parent / "shared" / "corpus" for parent in ROOT.parents]
    for corpus in corpora:
        if (corpus / "be-strafwetboek").is_dir():
            return corpus / "be-strafwetboek"
    return ROOT.parent / "shared" / "corpus" / "be-strafwetboek"


CODE = _code_folder()
CODE_PAIR = [CODE / "strafwetboek.nl.html", CODE / "strafwetboek.fr.html"]


def tool(name: str) -> str | None:
    """A console script beside this interpreter first (the venv), then on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], runs: int, cwd: Path | None = None) -> dict:
    """Median wall and CPU time and largest peak RSS of ``runs`` runs of a command."""
    times, cpus, peaks, codes = [], [], [], set()
    for _ in range(runs):
        began = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd,
                                   env=ENVIRONMENT)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - began)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)   # KiB on Linux
        codes.add(os.waitstatus_to_exitcode(status))
        error = process.stderr.read().decode("utf-8", "replace").strip() if process.stderr else ""
        process.stderr.close()
        if codes - {0, 1, 65} and error:   # codespell exits 65 when it finds typos
            raise SystemExit(f"bench: {' '.join(command)} failed: {error}")
    return {"command": command, "median_s": statistics.median(times), "min_s": min(times),
            "cpu_s": statistics.median(cpus), "peak_mb": max(peaks), "exit": sorted(codes)}


def machine() -> dict:
    model = ""
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "model": model or platform.processor(), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "load": os.getloadavg()}


def spelling_backend() -> str:
    try:
        from bilint_rules.spellcheck import hunspell_available
    except ImportError:
        return "unknown"
    return "hunspell" if hunspell_available("nl") and hunspell_available("fr") else "embedded"


def has_jobs_option(bilint: list[str]) -> bool:
    result = subprocess.run([*bilint, "check", "--help"], capture_output=True, text=True)
    return "--jobs" in result.stdout or " -j" in result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="bilint benchmark (whole-process wall time, peak memory, ratios)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement; the median is shown (default 5)")
    parser.add_argument("--quick", action="store_true", help="fewer runs of the long measurements (1 for 16x)")
    parser.add_argument("--json", metavar="FILE", help="also write the raw figures as JSON")
    args = parser.parse_args(argv)

    bilint_script = tool("bilint")
    bilint = [bilint_script] if bilint_script else [sys.executable, "-m", "bilint"]
    codespell = tool("codespell")
    hunspell = shutil.which("hunspell")
    info = machine()
    info["backend"] = spelling_backend()
    rows: list[tuple[str, dict | None, str]] = []
    results: dict[str, dict | None] = {}

    def measure(key: str, label: str, command: list[str] | None, runs: int | None = None,
                note: str = "", cwd: Path | None = None) -> dict | None:
        result = run(command, runs or args.runs, cwd) if command else None
        results[key] = result
        rows.append((label, result, note))
        print(f"  {label}: " + (f"{result['median_s']:.3f} s, {result['peak_mb']:.0f} MB" if result else note),
              file=sys.stderr, flush=True)
        return result

    print(f"bench: {info['cpus']} cpus ({info['model']}), load {info['load'][0]:.2f}, spelling backend "
          f"{info['backend']}, {args.runs} runs each", file=sys.stderr)

    work = Path(tempfile.mkdtemp(prefix="bilint-bench-"))
    cache = work / "cache"
    # byte code and compact word lists exist for every installed copy after its first run
    subprocess.run([*bilint, "check", "--no-cache", str(EXAMPLE)], capture_output=True, env=ENVIRONMENT)
    # 1. the example against peers that only look up words
    measure("example", "bilint check example (21 KB), cold, Hunspell" if info["backend"] == "hunspell"
            else "bilint check example (21 KB), cold", [*bilint, "check", "--no-cache", str(EXAMPLE)])
    measure("codespell", "codespell example", [codespell, str(EXAMPLE)] if codespell else None,
            note="codespell not installed")
    measure("hunspell", "hunspell -l -d nl,fr example", [hunspell, "-l", "-d", "nl,fr", str(EXAMPLE)]
            if hunspell else None, note="hunspell not installed")
    embedded_config = work / "embedded" / "bilint.toml"
    embedded_config.parent.mkdir()
    embedded_config.write_text(f'words = [{json.dumps(str(EXAMPLE.parent / "words.txt"))}]\n'
                               '[rules.spelling]\nbackend = "embedded"\n', encoding="utf-8")
    if info["backend"] == "hunspell":
        measure("example_embedded", "bilint check example, cold, embedded word lists",
                [*bilint, "check", "--no-cache", "--config", str(embedded_config), str(EXAMPLE)])
    # 2. start-up, and a re-run of an unchanged document (the result read back)
    subprocess.run([*bilint, "check", "--cache-dir", str(cache), str(EXAMPLE)], capture_output=True,
                   env=ENVIRONMENT)
    measure("warm", "bilint check example, warm (result cache)",
            [*bilint, "check", "--cache-dir", str(cache), str(EXAMPLE)])
    measure("version", "bilint --version", [*bilint, "--version"])
    measure("python", "python -c pass", [sys.executable, "-c", "pass"])
    # 3. throughput on the Criminal Code pair
    code_size = sum(p.stat().st_size for p in CODE_PAIR if p.exists())
    if all(p.exists() for p in CODE_PAIR):
        measure("code", f"bilint check Criminal Code pair ({code_size / 1e6:.2f} MB), cold",
                [*bilint, "check", "--no-cache", *map(str, CODE_PAIR)],
                runs=1 if args.quick else max(1, args.runs // 2 + 1))
        if info["backend"] == "hunspell":
            measure("code_embedded", "bilint check Criminal Code pair, cold, embedded word lists",
                    [*bilint, "check", "--no-cache", "--config", str(embedded_config), *map(str, CODE_PAIR)],
                    runs=1 if args.quick else max(1, args.runs // 2 + 1))
    else:
        measure("code", "bilint check Criminal Code pair", None, note="../shared/corpus not present")
    # 4. scaling: the example repeated 1x, 4x, 16x in one file
    try:
        text = EXAMPLE.read_text(encoding="utf-8")
        for factor in (1, 4, 16):
            path = work / f"repeat{factor}.md"
            path.write_text("\n\n".join([text] * factor), encoding="utf-8")
            runs = 1 if (args.quick and factor == 16) else max(1, args.runs // 2 + 1)
            measure(f"x{factor}", f"bilint check example x{factor} ({path.stat().st_size / 1e3:.0f} KB)",
                    [*bilint, "check", "--no-cache", str(path)], runs=runs)
        # 5. many files, -j 1 against -j 2
        files = []
        for index in range(16):
            path = work / f"many{index:02d}.md"
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
        if has_jobs_option(bilint):
            runs = max(1, args.runs // 2 + 1)
            measure("j1", "bilint check -j 1, 16 files", [*bilint, "check", "--no-cache", "-j", "1", *files],
                    runs=runs)
            measure("j2", "bilint check -j 2, 16 files", [*bilint, "check", "--no-cache", "-j", "2", *files],
                    runs=runs)
        else:
            measure("j1", "bilint check, 16 files (one process)", [*bilint, "check", *files],
                    runs=max(1, args.runs // 2 + 1))
            measure("j2", "bilint check -j 2, 16 files", None, note="the CLI has no -j option yet")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    info["load_after"] = os.getloadavg()

    # the table
    def ratio(a: str, b: str) -> str:
        """Wall-time ratio, and the CPU-time ratio (steadier on a shared machine)."""
        if results.get(a) and results.get(b):
            wall = results[a]["median_s"] / results[b]["median_s"]
            cpu = results[a]["cpu_s"] / results[b]["cpu_s"] if results[b]["cpu_s"] else float("nan")
            return f"{wall:.2f} (CPU {cpu:.2f})"
        return "n/a"

    print(f"\nMachine: {info['cpus']} cpus, {info['model']}, {info['system']}, Python {info['python']}; "
          f"load average {info['load'][0]:.2f} before, {info['load_after'][0]:.2f} after; "
          f"spelling back-end: {info['backend']}; median of {args.runs} runs (fewer for the long ones).\n")
    print("| measurement | wall time (median) | CPU time (median) | peak memory |")
    print("|---|---:|---:|---:|")
    for label, result, note in rows:
        if result:
            print(f"| {label} | {result['median_s']:.3f} s | {result['cpu_s']:.3f} s | {result['peak_mb']:.0f} MB |")
        else:
            print(f"| {label} | {note} | | |")
    print("\n| ratio | wall (CPU) | target |")
    print("|---|---:|---|")
    print(f"| bilint (cold) / codespell on the example | {ratio('example', 'codespell')} | ≤ 1.0 |")
    print(f"| bilint / hunspell -l on the example | {ratio('example', 'hunspell')} | (reference) |")
    if results.get("example_embedded"):
        print(f"| bilint (embedded word lists) / codespell | {ratio('example_embedded', 'codespell')} | ≤ 1.0 |")
    if results.get("warm"):
        print(f"| warm re-run of the example | {results['warm']['median_s']:.3f} s "
              f"(CPU {results['warm']['cpu_s']:.3f} s) | ≤ 0.1 s |")
        print(f"| warm re-run / codespell | {ratio('warm', 'codespell')} | (reference) |")
        print(f"| warm re-run / python -c pass | {ratio('warm', 'python')} | (reference) |")
    if results.get("version") and results.get("python"):
        gap = results["version"]["median_s"] - results["python"]["median_s"]
        print(f"| bilint --version minus python -c pass | {gap:+.3f} s | ≤ 0.1 s |")
    if results.get("code"):
        rate = code_size / 1e6 / results["code"]["median_s"]
        cpu_rate = code_size / 1e6 / results["code"]["cpu_s"]
        print(f"| Criminal Code throughput (one process = one core) | {rate:.2f} MB/s "
              f"(CPU {cpu_rate:.2f} MB/s) | ≥ 2 MB/s |")
        print(f"| Criminal Code peak memory | {results['code']['peak_mb']:.0f} MB | < 200 MB |")
    if results.get("code_embedded"):
        rate = code_size / 1e6 / results["code_embedded"]["median_s"]
        cpu_rate = code_size / 1e6 / results["code_embedded"]["cpu_s"]
        print(f"| Criminal Code throughput, embedded word lists | {rate:.2f} MB/s "
              f"(CPU {cpu_rate:.2f} MB/s) | ≥ 2 MB/s |")
    print(f"| time x4 / time x1 | {ratio('x4', 'x1')} | ≈ 4 or less (linear) |")
    print(f"| time x16 / time x1 | {ratio('x16', 'x1')} | ≤ 18 |")
    if results.get("j2"):
        speedup = results["j1"]["median_s"] / results["j2"]["median_s"]   # wall time only: CPU is shared out
        print(f"| speed-up -j 2 over -j 1, 16 files (wall) | {speedup:.2f} | close to 2 |")
    else:
        print("| speed-up -j 2 over -j 1, 16 files | n/a (no -j yet) | close to 2 |")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "results": results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
