"""Fuzz the whole pipeline with mutated corpus documents, for a bounded time.

    python tools/fuzz.py --seconds 1200 --out /tmp/bilint-fuzz    # a 20-minute run
    python tools/fuzz.py --seconds 20 --seed 1                    # a quick look

Each input is a corpus document (the example, the Chamber's text, slices of the Criminal
Code, the treaties, the UDHR) mutated a few times over: bit flips, truncation, duplicated
and deleted lines, shuffled blocks, inserted random Unicode (combining marks, RTL and
zero-width marks, control characters, surrogates-free astral characters), CRLF/CR line
endings, re-encoding (UTF-16, windows-1252). It is written to a file and linted as the
CLI would lint it (``read_source`` decoding included), one file interleaved or the two
files of a pair, then rendered by the text, rich and JSON formatters.

What counts as a failure:

- any exception other than ``InputError`` (the clean exit-2 error) escaping the pipeline;
- an input taking longer than ``--timeout`` seconds (a hang, reported with its input);
- a formatter writing an ESC or other C0/C1 control character taken from the text, or a
  JSON report that does not parse back.

Failures are saved in ``--out`` (input bytes, and a ``.txt`` with the traceback) so that
each one is a ready reproducer. The summary lists inputs run, failures, and the slowest
inputs with their throughput. Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

# characters that break naive text handling
SPICE = (
    "\u0301\u0308\u0327\u20dd"            # combining marks
    "\u200b\u200c\u200d\u2060\ufeff"      # zero-width
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi controls
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9b"   # C0/C1 controls (ESC, CSI)
    "\u2028\u2029\r\n\t"                  # unusual line breaks
    "\ufffd\U0001f600\U0001d400\u0130\u0131\u00df\ufb01"   # replacement, astral, case-folding traps
    "[]*_#<>&;()§°.-–—•"                   # markup and label characters
)
MARKERS = ("1) ", "l. ", "a) ", "(iv) ", "§ 2. ", "- ", "Art. 7bis. ", "Artikel 3. ", "HOOFDSTUK II. ",
           "CHAPITRE PREMIER. ", "Gelet op: ", "Vu: ", "[^1]: ", "# ", "<p>", "</p>", "**", "\x1b[31m",
           "[bold red]", "<script>", "&amp;", "&#0;", "&#x110000;", "---\n")


def seeds(max_size: int) -> list[tuple[str, bytes]]:
    """(suffix, bytes) of the corpus documents, long ones sliced to ``max_size`` bytes."""
    found: list[tuple[str, bytes]] = []
    example = ROOT / "examples" / "benelux-2021-drugs.md"
    candidates = [example]
    if CORPUS.is_dir():
        candidates += sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".md", ".txt", ".html", ".xml")
                             and "README" not in p.name and "KNOWN" not in p.name)
    for path in candidates:
        data = path.read_bytes()
        suffix = path.suffix if path.suffix != ".txt" else ".md"
        for start in range(0, max(1, len(data)), max_size * 4):
            found.append((suffix, data[start:start + max_size]))
            if len(found) > 400:
                break
    return found


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """A few random mutations of a document; returns the bytes and their names."""
    applied: list[str] = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(("bitflip", "truncate", "dup_lines", "del_lines", "shuffle_blocks",
                           "spice", "markers", "line_endings", "reencode", "splice_bytes", "repeat"))
        applied.append(kind)
        if kind == "bitflip" and data:
            buf = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                i = rng.randrange(len(buf))
                buf[i] ^= 1 << rng.randrange(8)
            data = bytes(buf)
        elif kind == "truncate" and data:
            data = data[:rng.randrange(len(data) + 1)]
        elif kind == "splice_bytes" and data:
            i = rng.randrange(len(data) + 1)
            data = data[:i] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))) + data[i:]
        else:
            text = data.decode("utf-8", "replace")
            lines = text.split("\n")
            if kind == "dup_lines" and lines:
                for _ in range(rng.randint(1, 10)):
                    i = rng.randrange(len(lines))
                    lines[i:i] = lines[i:i + rng.randint(1, 5)]
            elif kind == "del_lines" and lines:
                for _ in range(rng.randint(1, 10)):
                    if lines:
                        i = rng.randrange(len(lines))
                        del lines[i:i + rng.randint(1, 5)]
            elif kind == "shuffle_blocks":
                blocks = "\n".join(lines).split("\n\n")
                rng.shuffle(blocks)
                lines = "\n\n".join(blocks).split("\n")
            elif kind == "spice":
                chars = list("\n".join(lines))
                for _ in range(rng.randint(1, 60)):
                    chars.insert(rng.randrange(len(chars) + 1), rng.choice(SPICE))
                lines = "".join(chars).split("\n")
            elif kind == "markers" and lines:
                for _ in range(rng.randint(1, 20)):
                    i = rng.randrange(len(lines))
                    lines[i] = rng.choice(MARKERS) + lines[i]
            elif kind == "repeat":
                lines = lines * rng.randint(2, 4)
            text = "\n".join(lines)
            if kind == "line_endings":
                text = text.replace("\n", rng.choice(("\r\n", "\r", "\n\r", "\u2028")))
            if kind == "reencode":
                encoding = rng.choice(("utf-16", "utf-16-le", "utf-8-sig", "cp1252", "latin-1", "utf-32"))
                data = text.encode(encoding, "replace")
            else:
                data = text.encode("utf-8", "surrogatepass")
    return data, applied


class Hang(BaseException):
    """Raised by the alarm: BaseException so that no ``except Exception`` in bilint eats it."""


def _alarm(signum, frame):  # noqa: ARG001
    raise Hang()


def _unsafe_output(text: str) -> str | None:
    """The first control character a formatter should never let through, if any."""
    for char in text:
        code = ord(char)
        if char in "\n\t":
            continue
        if code < 32 or 0x7f <= code < 0xa0:
            return repr(char)
    return None


def run_one(directory: Path, suffix: str, data: bytes, as_pair: bool, rng: random.Random) -> None:
    """Lint one input the way the CLI does; raise on anything but an InputError."""
    from bilint.engine import Settings, lint_paths
    from bilint.formatters.json import render as render_json
    from bilint.formatters.rich import render as render_rich
    from bilint.formatters.text import render as render_text
    from bilint.source import InputError

    for old in directory.iterdir():
        old.unlink()
    if as_pair:
        middle = rng.randrange(len(data) + 1)
        paths = [str(directory / f"doc.nl{suffix}"), str(directory / f"doc.fr{suffix}")]
        Path(paths[0]).write_bytes(data[:middle])
        Path(paths[1]).write_bytes(data[middle:])
    else:
        paths = [str(directory / f"doc{suffix}")]
        Path(paths[0]).write_bytes(data)
    layout = rng.choice(("auto", "auto", "auto", "interleaved", "sectioned")) if not as_pair else "auto"
    try:
        _, diagnostics = lint_paths(paths, Settings(layout=layout))
    except InputError:
        return
    files = [{"path": p, "languages": ["nl", "fr"], "layout": layout} for p in paths]
    for render in (render_text, render_rich):
        out = io.StringIO()
        render(diagnostics, files, out, "fuzz")
        bad = _unsafe_output(out.getvalue())
        if bad:
            raise AssertionError(f"{render.__module__} wrote the control character {bad}")
    out = io.StringIO()
    render_json(diagnostics, files, out, "fuzz")
    json.loads(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="total time budget (default 60)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before one input counts as a hang")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time-based, printed)")
    parser.add_argument("--max-size", type=int, default=24_000, help="bytes of a corpus slice (default 24000)")
    parser.add_argument("--out", default=None, help="directory for failing inputs (default: a temp dir)")
    parser.add_argument("--slow", type=float, default=None,
                        help="also save inputs taking longer than this many seconds (not failures)")
    parser.add_argument("--max-failures", type=int, default=50)
    args = parser.parse_args(argv)

    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    out = Path(args.out or tempfile.mkdtemp(prefix="bilint-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    corpus = seeds(args.max_size)
    print(f"fuzz: seed {seed}, {len(corpus)} seed documents, {args.seconds:.0f} s budget, failures in {out}",
          flush=True)
    signal.signal(signal.SIGALRM, _alarm)
    work = Path(tempfile.mkdtemp(prefix="bilint-fuzz-work-"))
    deadline = time.monotonic() + args.seconds
    runs = failures = 0
    slowest: list[tuple[float, int, str]] = []
    kinds: dict[str, int] = {}
    try:
        while time.monotonic() < deadline and failures < args.max_failures:
            suffix, original = rng.choice(corpus)
            data, applied = mutate(original, rng)
            as_pair = rng.random() < 0.2
            for kind in applied:
                kinds[kind] = kinds.get(kind, 0) + 1
            began = time.monotonic()
            signal.setitimer(signal.ITIMER_REAL, args.timeout)
            problem = None
            try:
                run_one(work, suffix, data, as_pair, rng)
            except Hang:
                problem = f"hang: more than {args.timeout:.0f} s"
            except Exception:  # noqa: BLE001 - any escape is a finding
                problem = traceback.format_exc()
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            elapsed = time.monotonic() - began
            runs += 1
            slowest = sorted(slowest + [(elapsed, len(data), "+".join(applied))], reverse=True)[:5]
            if args.slow is not None and elapsed > args.slow and not problem:
                name = f"slow-{seed}-{runs}{'-pair' if as_pair else ''}{suffix}"
                (out / name).write_bytes(data)
                (out / f"{name}.txt").write_text(f"mutations: {applied}\npair: {as_pair}\nseconds: {elapsed:.2f}\n",
                                                 encoding="utf-8")
                print(f"slow #{runs}: {elapsed:.1f} s for {len(data)} bytes ({'+'.join(applied)}) -> {out / name}",
                      flush=True)
            if problem:
                failures += 1
                name = f"fail-{seed}-{runs}{'-pair' if as_pair else ''}{suffix}"
                (out / name).write_bytes(data)
                (out / f"{name}.txt").write_text(f"mutations: {applied}\npair: {as_pair}\n\n{problem}",
                                                 encoding="utf-8")
                last = problem.strip().splitlines()[-1]
                print(f"FAIL #{runs} ({'+'.join(applied)}): {last}  -> {out / name}", flush=True)
            if runs % 100 == 0:
                print(f"  {runs} inputs, {failures} failures, {deadline - time.monotonic():.0f} s left", flush=True)
    finally:
        for old in work.iterdir():
            old.unlink()
        work.rmdir()
    print(f"fuzz: {runs} inputs in {args.seconds:.0f} s, {failures} failures (seed {seed})")
    print("mutations applied: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    for elapsed, size, applied in slowest:
        print(f"  slowest: {elapsed:.2f} s, {size} bytes ({size / 1e6 / max(elapsed, 1e-9):.2f} MB/s), {applied}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
