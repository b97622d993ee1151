"""Many files: expand folders, find each file's configuration, group pairs, lint in parallel.

``plan()`` turns the paths a user gives (files and folders) into jobs, one a document (a
file, or the two files of a pair), each with its own settings: the nearest configuration
file upward from it, its matching ``[[overrides]]``, then the command line. ``run()`` lints
the jobs, in worker processes with ``jobs > 1``; results come back in the jobs' order, so
the report is the same whatever the number of processes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from .config import Config, check_files, check_rules, empty_config, find_config, load, read_word_lists
from .engine import Settings
from .model import Bitext, Diagnostic, Severity
from .source import InputError

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from .cache import ResultCache


@dataclass
class Request:
    """What the caller asks for; ``None`` leaves the choice to the configuration."""

    languages: tuple[str, str] | None = None
    layout: str | None = None
    select: Sequence[str] | None = None        # replaces the configuration's
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()                 # added to the configuration's
    fail_level: str | None = None
    monolingual: str | None = None             # "info", "lint" or "error"; None: the configuration's
    words: Sequence[str] = ()
    glossaries: Sequence[str] = ()
    config: str | None = None                  # a file to use instead of the nearest one
    use_config: bool = True
    inline: bool = True                        # honour suppression comments
    keep_documents: bool = False               # return each document's Bitext (the HTML report shows them)
    pairs: Sequence[tuple[str, str]] = ()      # explicit pairs (--pair A B): one document each


@dataclass
class Job:
    paths: list[str]
    settings: Settings
    fail_level: Severity
    keep_documents: bool = False
    walked: bool = False   # found by walking a folder: a file it cannot read is named, not fatal


@dataclass
class Result:
    files: list[dict]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fail_level: Severity = Severity.WARNING
    bitext: Bitext | None = None     # the parsed and aligned document, when the job kept it
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (path, why it was not linted)

    def failed(self) -> bool:
        return any(d.severity >= self.fail_level for d in self.diagnostics)


class Jobs(list):
    """The jobs of a run, and what the walk left out: ``skipped`` (path, reason), and
    ``empty_folders``, folders given that held nothing to read."""

    def __init__(self, jobs=(), skipped=(), empty_folders=()) -> None:
        super().__init__(jobs)
        self.skipped: list[tuple[str, str]] = list(skipped)
        self.empty_folders: list[str] = list(empty_folders)


class _Configs:
    """Each folder's configuration, looked up once a run; ``rules`` gives the rules its
    names are checked against (the result cache's catalogue, or every loaded rule)."""

    def __init__(self, request: Request, rules: "Callable[[], Sequence] | None" = None) -> None:
        self.request = request
        self.rules = rules
        self.by_folder: dict[str, Config] = {}
        self.checked: set[int] = set()
        self.explicit = None
        if request.use_config and request.config:
            path = Path(request.config)
            if not path.is_file():
                raise InputError(f"{request.config}: no such configuration file")
            self.explicit = load(path)

    def __call__(self, path: str) -> Config:
        if not self.request.use_config:
            return self.by_folder.setdefault("", empty_config())
        config = self.explicit
        if config is None:
            folder = os.path.dirname(os.path.abspath(path))
            if folder not in self.by_folder:
                found = find_config(Path(folder))
                self.by_folder[folder] = load(found) if found else empty_config(Path(folder))
            config = self.by_folder[folder]
        if config.path is not None and id(config) not in self.checked:
            if self.rules is None:
                from .plugins import all_rules

                self.rules = all_rules
            check_rules(config, self.rules())
            self.checked.add(id(config))
        return config


def expand(paths: Sequence[str], configs: Callable[[str], Config]) -> list[str]:
    """Files and folders to files: folders walked (git's ignores honoured), excludes applied."""
    return expand_walk(paths, configs)[0]


def expand_walk(paths: Sequence[str], configs: Callable[[str], Config]
                ) -> tuple[list[str], set[str], list[tuple[str, str]], list[str]]:
    """``expand``, also giving the files found by walking, the documents the walk left
    out (path, reason) and the folders that held nothing to read."""
    from .walk import walk_with_skipped

    files: list[str] = []
    walked: set[str] = set()
    skipped: list[tuple[str, str]] = []
    empty: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found, left_out = walk_with_skipped(path)
            kept = [name for name in found if not configs(name).excluded(name)]
            files.extend(kept)
            walked.update(kept)
            skipped.extend(item for item in left_out if not configs(item[0]).excluded(item[0]))
            if not found and not left_out:
                empty.append(path)
        elif not (os.path.isfile(path) and configs(path).excluded(path)):
            files.append(path)   # a missing file is reported when it is read
    return list(dict.fromkeys(files)), walked, skipped, empty


def plan(paths: Sequence[str], request: Request | None = None,
         rules: "Callable[[], Sequence] | None" = None) -> Jobs:
    """One job a document, in the order the paths were given (folders sorted); ``rules``
    gives the rules configurations are checked against (default: every loaded rule)."""
    from .pairing import documents, languages_from_names

    request = request or Request()
    configs = _Configs(request, rules)
    files, walked, skipped, empty = expand_walk(paths, configs)
    if request.languages is not None and len(request.languages) != 2:
        raise InputError("languages needs two codes, e.g. nl,fr")
    # group by language pair (a folder's override may choose another), keeping the order
    buckets: dict[tuple[str, str], list[str]] = {}
    for path in files:
        values = configs(path).for_path(path)
        languages = tuple(request.languages or values.get("languages")
                          or _named_languages(path, languages_from_names) or DEFAULT_LANGUAGES)
        buckets.setdefault(languages, []).append(path)  # type: ignore[arg-type]
    groups: list[tuple[int, list[str], tuple[str, str]]] = []
    order = {path: index for index, path in enumerate(files)}
    for languages, bucket in buckets.items():
        for group in documents(bucket, languages):
            first = min(order.get(p, len(order)) for p in group)
            groups.append((first, group, languages))
    for first, second in request.pairs:
        values = configs(first).for_path(first)
        languages = tuple(request.languages or values.get("languages")
                          or _named_languages(first, languages_from_names) or DEFAULT_LANGUAGES)
        groups.append((len(order), [first, second], languages))   # type: ignore[arg-type]
    groups.sort(key=lambda item: item[0])
    words_cache: dict[tuple[str, ...], list[str]] = {}
    jobs = []
    for _, group, languages in groups:
        values = configs(group[0]).for_path(group[0])
        word_files = tuple([*values.get("words", []), *request.words])
        if word_files not in words_cache:
            words_cache[word_files] = read_word_lists(list(word_files))
        glossaries = [*values.get("glossaries", []), *request.glossaries]
        check_files(glossaries, "glossary")
        settings = Settings(
            languages=languages,
            layout=request.layout or values.get("layout", "auto"),
            select=list(request.select) if request.select is not None else list(values.get("select", [])),
            extend_select=[*values.get("extend-select", []), *request.extend_select],
            ignore=[*values.get("ignore", []), *request.ignore],
            severity=dict(values.get("severity", {})),
            options={name: dict(options) for name, options in values.get("rules", {}).items()},
            words=words_cache[word_files],
            glossaries=[os.path.abspath(g) for g in glossaries],
            inline=request.inline,
            monolingual=request.monolingual or values.get("monolingual", "info"),
        )
        try:
            fail_level = Severity.parse(request.fail_level or values.get("fail-level", "warning"))
        except ValueError as error:
            raise InputError(f"fail level: {error}") from None
        jobs.append(Job(group, settings, fail_level, request.keep_documents,
                        walked=all(path in walked for path in group)))
    return Jobs(jobs, skipped, empty)


DEFAULT_LANGUAGES = ("nl", "fr")


def _named_languages(path: str, languages_from_names) -> tuple[str, str] | None:
    """The pair a file's name and its sibling's give, in the default order when it is the default pair."""
    from .pairing import known_languages

    named = languages_from_names(path, known_languages())
    if named and set(named) == set(DEFAULT_LANGUAGES):
        return DEFAULT_LANGUAGES
    return named


def lint_job(job: Job) -> Result:
    from .engine import lint_paths

    try:
        bitext, diagnostics = lint_paths(job.paths, job.settings)
    except InputError as error:
        if not job.walked:
            raise
        return Result([], [], job.fail_level, skipped=[(", ".join(job.paths), str(error))])
    files = [{"path": path, "languages": list(job.settings.languages), "layout": bitext.layout}
             for path in bitext.paths]
    return Result(files, diagnostics, job.fail_level, bitext if job.keep_documents else None)


def run(jobs: Sequence[Job], processes: int = 1, progress: bool = False,
        cache: "ResultCache | None" = None, executor: "Executor | None" = None) -> list[Result]:
    """Lint every job; the results are in the jobs' order whatever ``processes`` is.

    With a ``cache``, a job whose inputs are unchanged since a run that stored it is read
    back, and only the others are linted. An ``executor`` (a Dask cluster's, see
    ``bilint.cluster``) lints them instead of ``processes`` local processes.
    """
    # a job that keeps its documents (the HTML report shows the texts) is always linted
    keys = [cache.key(job.paths, job.settings) if cache and not job.keep_documents else None for job in jobs]
    results: list[Result | None] = []
    for job, key in zip(jobs, keys):
        hit = cache.get(key, job.paths) if cache and key else None
        results.append(Result(hit[0], hit[1], job.fail_level) if hit else None)
    todo = [index for index, result in enumerate(results) if result is None]
    for index, result in zip(todo, _lint_all([jobs[i] for i in todo], processes, progress, executor)):
        results[index] = result
        if cache and keys[index]:
            cache.put(keys[index], result.files, result.diagnostics, jobs[index].paths)
    if cache and todo:
        cache.prune()
    return results  # type: ignore[return-value]


def _lint_all(jobs: Sequence[Job], processes: int, progress: bool,
              executor: "Executor | None" = None) -> list[Result]:
    if not jobs:
        return []
    if processes <= 0:
        processes = os.cpu_count() or 1
    processes = min(processes, len(jobs)) or 1
    bar = _progress(len(jobs)) if progress else None
    try:
        if executor is not None:
            return _collect(executor.map(lint_job, jobs), bar)
        if processes == 1:
            return _collect(map(lint_job, jobs), bar)
        from concurrent.futures import ProcessPoolExecutor

        from .plugins import all_rules

        all_rules()   # load the plugins once, before the workers fork
        with ProcessPoolExecutor(max_workers=processes) as pool:
            return _collect(pool.map(lint_job, jobs), bar)
    finally:
        if bar:
            bar.stop()


def _collect(results: Iterable[Result], bar: "_progress | None") -> list[Result]:
    """The results in the jobs' order, advancing the progress bar as each arrives."""
    collected = []
    for result in results:
        collected.append(result)
        if bar:
            bar.advance()
    return collected


class _progress:
    """A rich progress bar on standard error (transient: it leaves no trace in the report)."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("bilint"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=True)
        self.task = self.progress.add_task("lint", total=total)
        self.progress.start()

    def advance(self) -> None:
        self.progress.advance(self.task)

    def stop(self) -> None:
        self.progress.stop()


def lint_paths(paths: Sequence[str] | str, *, jobs: int = 1, baseline: str | None = None,
               executor: "Executor | None" = None, **request) -> list[Diagnostic]:
    """The diagnostics of files and folders, configured as ``bilint check`` would be;
    ``executor`` runs the documents on it (a Dask client's ``get_executor()``)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    results = run(plan([os.fspath(p) for p in paths], Request(**request)), jobs, executor=executor)
    diagnostics = [d for result in results for d in result.diagnostics]
    if baseline is not None:
        from .baseline import Baseline

        diagnostics = Baseline.read(baseline).filter(diagnostics)
    return diagnostics


def lint_text(text: str, *, languages: Sequence[str] = ("nl", "fr"), layout: str = "auto",
              select: Sequence[str] = (), extend_select: Sequence[str] = (), ignore: Sequence[str] = (),
              severity: dict | None = None, options: dict | None = None, words: Sequence[str] = (),
              glossaries: Sequence[str] = (), path: str = "<text>.md") -> list[Diagnostic]:
    """The diagnostics of one interleaved or sectioned text held in memory (no config file read)."""
    from .engine import lint_text as lint

    if len(languages) != 2:
        raise InputError("languages needs two codes, e.g. ('nl', 'fr')")
    settings = Settings(languages=(languages[0], languages[1]), layout=layout, select=list(select),
                        extend_select=list(extend_select), ignore=list(ignore), severity=dict(severity or {}),
                        options=dict(options or {}), words=list(words), glossaries=list(glossaries))
    return lint(text, settings, path=path)
