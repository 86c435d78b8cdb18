"""A batch over every core: specs rendered in worker processes, in chunks, held or spilled to a temporary folder.

Issue 15: a batch ran on one core and held every rendered notice (notice, marks, bytes) until the end. Here
each chunk of specs is rendered by a worker process (or in this process for a small batch); a document comes
back with its record while the batch's memory budget (MEMORY_BUDGET, shared out among the chunks) lasts, and is
written to a private temporary folder beyond it, so memory stays flat as the batch grows. The records come back
in spec order, so the documents, the errors and their order are the same as a one-process run; writing still
waits until every spec has rendered (pipeline.build_all).
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ttbgen.errors import TtbgenError
from ttbgen.records import record
from ttbgen.spec.lint import SpecWarning
from ttbgen.spec.model import Office

if TYPE_CHECKING:
    import multiprocessing.context

    from ttbgen.build.pipeline import Builder, Built
    from ttbgen.check.report import Report
    from ttbgen.check.ruleset import RuleSet

ENV_JOBS = "TTBGEN_JOBS"  # worker processes; 1 renders in this process
MIN_PARALLEL = 16  # below this many specs, starting workers costs more than it saves
MAX_CHUNK = 32
# Bytes of rendered documents a batch holds in memory until writing, shared out among its chunks; the rest is
# spilled to disk. A file write costs far more than the bytes crossing the worker's pipe (0.4–1.8 ms a document on
# the machines of issue 15), and a batch of any size still holds at most this much.
MEMORY_BUDGET = 32 * 1024 * 1024

T = TypeVar("T")
Progress = Callable[[int, int], None]  # (specs done, specs in all)


@record
class Options:
    """What a Builder needs, sent to each worker."""

    outdir: Path
    force: bool = False
    strict: bool = False
    templates: tuple[str, ...] = ()


@record
class Staged:
    """A rendered document waiting to be written: what pipeline.write_output needs. Its bytes are held (`content`)
    while the batch's memory budget lasts, else they wait in the spill folder (`path`)."""

    spec: Path
    name: str
    path: Path | None
    office: Office | None
    warnings: list[SpecWarning] = field(default_factory=list)
    content: bytes | None = None

    @property
    def data(self) -> bytes:
        """Return the document's bytes (held, or read from the spill folder when needed)."""
        if self.content is not None:
            return self.content
        assert self.path is not None  # a record holds its bytes or names its spill file
        return self.path.read_bytes()


class RelayedError(TtbgenError):
    """An error raised in a worker that could not be sent back as itself: its message, exit code and, for an
    error that groups several (a spec's SpecErrors), the errors inside it."""

    def __init__(self, message: str, exit_code: int, errors: list[TtbgenError] | None = None) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        if errors is not None:
            self.errors = errors

    def __reduce__(self) -> tuple[type[RelayedError], tuple[str, int, list[TtbgenError] | None]]:
        return RelayedError, (str(self), self.exit_code, getattr(self, "errors", None))


SpecResult = tuple[list[Staged], list[TtbgenError]]


def jobs_for(count: int, jobs: int | None = None) -> int:
    """Return how many worker processes to use for `count` specs (TTBGEN_JOBS, else every core)."""
    if jobs is None:
        env = os.environ.get(ENV_JOBS, "").strip()
        jobs = int(env) if env.isdigit() and int(env) > 0 else (os.cpu_count() or 1)
    return 1 if count < MIN_PARALLEL else max(1, min(jobs, count // 4))


def chunks(items: list[T], jobs: int) -> list[tuple[int, list[T]]]:
    """Cut a list into chunks (first index, items): a few per worker, so a slow chunk does not idle the rest."""
    size = max(1, min(MAX_CHUNK, -(-len(items) // (jobs * 4))))
    return [(i, items[i:i + size]) for i in range(0, len(items), size)]


_BUILDERS: dict[Options, Builder] = {}


def _builder(options: Options) -> Builder:
    """Return this process's Builder for the options (compiled templates and offices kept across chunks)."""
    from ttbgen.build.pipeline import Builder

    if options not in _BUILDERS:
        _BUILDERS[options] = Builder(options.outdir, options.force, options.strict, options.templates)
    return _BUILDERS[options]


def render_chunk(options: Options, spill: Path, first: int, specs: list[Path],
                 in_worker: bool = False, keep: int = 0) -> list[SpecResult]:
    """Render a chunk of specs; hold up to `keep` bytes of documents, spill the others to files; return one
    result per spec, in order (in a worker, errors are made fit to cross the process boundary)."""
    from ttbgen.build.pipeline import BatchError

    builder = _builder(options)
    results: list[SpecResult] = []
    for index, spec in enumerate(specs, first):
        try:
            rendered = builder.render(spec)
        except TtbgenError as exc:
            errors = exc.errors if isinstance(exc, BatchError) else [exc]
            results.append(([], [_portable(e) for e in errors] if in_worker else errors))
            continue
        staged = []
        for k, item in enumerate(rendered):
            held = len(item.data) <= keep
            keep -= len(item.data) if held else 0
            path = None if held else spill / f"{index:07d}-{k}.docx"
            if path is not None:
                path.write_bytes(item.data)
            staged.append(Staged(item.spec, item.name, path, item.notice.office, item.warnings,
                                 item.data if held else None))
        results.append((staged, []))
    return results


def _portable(error: TtbgenError) -> TtbgenError:
    """Return the error itself if it survives pickling unchanged (to cross a process boundary), else a relay."""
    try:
        copy = pickle.loads(pickle.dumps(error))
        if isinstance(copy, TtbgenError) and copy.render() == error.render():
            return error
    except Exception:  # any pickling failure means: send the message instead
        pass
    inner = getattr(error, "errors", None)
    nested = [_portable(e) for e in inner if isinstance(e, TtbgenError)] if isinstance(inner, list) else None
    return RelayedError(error.render(), error.exit_code, nested)


def _context() -> multiprocessing.context.BaseContext:
    """Fork where there is fork (workers start with ttbgen imported); spawn elsewhere (Windows)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def spill_root() -> Path | None:
    """Return the folder for spill folders (in the user cache, on disk), removing any left a day ago by a run
    that was killed; None means the system's temporary folder."""
    import shutil
    import time

    from ttbgen.cachedir import private_folder

    root = private_folder("spill")
    for old in root.iterdir() if root is not None else ():
        with contextlib.suppress(OSError):
            if time.time() - old.stat().st_mtime > 86_400:
                shutil.rmtree(old, ignore_errors=True)
    return root


def pool_map(func: Callable[..., T], calls: Sequence[tuple[Any, ...]], jobs: int) -> Iterator[T]:
    """Yield func(*call) for each call, in order: in this process (jobs 1), or from a pool of worker processes."""
    if jobs == 1:
        yield from (func(*call) for call in calls)
        return
    from concurrent.futures import ProcessPoolExecutor  # 10 ms of imports a one-spec build does not need

    with ProcessPoolExecutor(jobs, mp_context=_context()) as pool:
        futures = [pool.submit(func, *call) for call in calls]
        for future in futures:
            yield future.result()


def render_batch(specs: list[Path], options: Options, spill: Path, jobs: int | None = None,
                 progress: Progress | None = None) -> tuple[list[Staged], list[TtbgenError]]:
    """Render every spec into the spill folder; return the staged documents and the errors, in spec order."""
    workers = jobs_for(len(specs), jobs)
    staged: list[Staged] = []
    errors: list[TtbgenError] = []
    offices: dict[str, Office] = {}
    done = 0
    parts = chunks(specs, workers)
    keep = MEMORY_BUDGET // max(1, len(parts))  # each chunk's share: the batch never holds more than the budget
    calls = [(options, spill, first, part, workers > 1, keep) for first, part in parts]
    for results in pool_map(render_chunk, calls, workers):
        for items, errs in results:
            staged += [_shared_office(s, offices) for s in items]
            errors += errs
        done += len(results)
        if progress is not None:
            progress(done, len(specs))
    return staged, errors


def _shared_office(item: Staged, offices: dict[str, Office]) -> Staged:
    """Point every record at one copy of its office profile (workers send a copy with each document)."""
    if item.office is None:
        return item
    office = offices.setdefault(item.office.key, item.office)
    return item if office is item.office else Staged(item.spec, item.name, item.path, office, item.warnings,
                                                     item.content)


def write_chunk(outdir: Path, staged: list[Staged], force: bool, overwrite_signed: bool = False) -> list[Built]:
    """Write a chunk of staged documents (atomically, each as pipeline.write_output does)."""
    from ttbgen.build.pipeline import write_output

    return [write_output(outdir, item, force, overwrite_signed) for item in staged]


def write_batch(outdir: Path, staged: list[Staged], force: bool, jobs: int | None = None,
                progress: Progress | None = None, overwrite_signed: bool = False) -> list[Built]:
    """Write every staged document, on every core (each write waits on the disk), in order."""
    workers = jobs_for(len(staged), jobs)
    built: list[Built] = []
    offices: dict[str, Office] = {}
    parts = chunks(staged, workers)
    for done in pool_map(write_chunk, [(outdir, part, force, overwrite_signed) for _first, part in parts], workers):
        for item in done:
            if item.office is not None:
                item.office = offices.setdefault(item.office.key, item.office)
            built.append(item)
        if progress is not None:
            progress(len(built), len(staged))
    return built


def check_chunk(paths: list[Path], ruleset: RuleSet, strict: bool) -> Report:
    """Check a chunk of documents with the checker's library entry point."""
    from ttbgen.check.api import check_files

    return check_files(paths, ruleset, strict=strict)


def check_batch(paths: list[Path], ruleset: RuleSet, strict: bool, jobs: int | None = None,
                progress: Progress | None = None) -> Report:
    """Check documents on every core; the report is the one check_files would give, in the same order."""
    workers = jobs_for(len(paths), jobs)
    report: Report | None = None
    for part in pool_map(check_chunk, [(chunk, ruleset, strict) for _first, chunk in chunks(paths, workers)],
                         workers):
        report = part if report is None else report.merge(part)
        if progress is not None:
            progress(len(report.files), len(paths))
    return report if report is not None else check_chunk([], ruleset, strict)
