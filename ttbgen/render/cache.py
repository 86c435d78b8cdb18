"""The compiled-template cache: a template's parts pre-processed and compiled once, loaded by later processes.

A process that renders one notice spent most of its time importing docxtpl (for its tag clean-up) and
compiling the Jinja template (issue 15). An entry holds the Jinja code of every rendered part, compiled by
the sandboxed environment from the XML docxtpl cleaned; a later process loads it with `marshal` and binds it
to the same sandboxed environment, so neither docxtpl nor the Jinja compiler runs.

Keyed by the template's content hash, ttbgen's and Jinja's versions, docxtpl's tag clean-up code and the
Python bytecode format; written as a temporary file renamed into place (two processes writing at once both
leave a whole entry); a corrupt or foreign entry is ignored and rebuilt. Entries are code: they are only read
from a folder and files owned by the user and writable by nobody else, the same trust as the user's own
Python files. The sandbox is not weakened by the cache: the code is the sandboxed environment's own output
(its calls go through `environment.call`, its attribute reads through `environment.getattr`) and runs bound
to a fresh sandboxed environment, exactly as `from_string` would.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING

from ttbgen import __version__
from ttbgen.cachedir import atomic_write, is_private, private_folder

if TYPE_CHECKING:
    import jinja2

_MAGIC = b"ttbgen-compiled-template 1\n"
_FORMAT = "sandboxed+strict+autoescape+keep-trailing-newline+limits/2"  # bump when make_environment() changes
MAX_ENTRY_BYTES = 50_000_000


def _toolchain() -> str:
    """Return what, besides the template, decides the compiled code: versions and docxtpl's clean-up code."""
    import jinja2

    spec = importlib.util.find_spec("docxtpl")
    stamp = ""
    if spec is not None and spec.origin:
        with contextlib.suppress(OSError):
            st = (Path(spec.origin).parent / "template.py").stat()
            stamp = f"{st.st_size}:{st.st_mtime_ns}"
    return f"{__version__}|{jinja2.__version__}|{sys.implementation.cache_tag}|{stamp}|{_FORMAT}"


def entry_key(template: bytes) -> str:
    """Return the cache key of a template's content."""
    return hashlib.sha256(template).hexdigest() + "|" + _toolchain()


def load(key: str) -> dict[str, CodeType] | None:
    """Return the compiled parts stored under a key, or None (missing, corrupt, foreign or not private)."""
    folder = private_folder("templates")
    if folder is None:
        return None
    path = folder / _file_name(key)
    try:
        if not is_private(path) or path.stat().st_size > MAX_ENTRY_BYTES:
            return None
        blob = path.read_bytes()
    except OSError:
        return None
    return _decode(blob, key)


def _decode(blob: bytes, key: str) -> dict[str, CodeType] | None:
    """Check an entry's header, checksum and key; return its code objects or None."""
    head = len(_MAGIC)
    if not blob.startswith(_MAGIC) or hashlib.sha256(blob[head + 32:]).digest() != blob[head:head + 32]:
        return None
    try:
        stored_key, parts = marshal.loads(blob[head + 32:])
    except (EOFError, ValueError, TypeError):
        return None
    if stored_key != key or not isinstance(parts, dict):
        return None
    if not all(isinstance(n, str) and isinstance(c, CodeType) for n, c in parts.items()):
        return None
    return parts


def store(key: str, parts: dict[str, CodeType]) -> None:
    """Write an entry atomically (temporary file, then rename); a cache that cannot be written is skipped."""
    folder = private_folder("templates")
    if folder is None:
        return
    body = marshal.dumps((key, parts))
    atomic_write(folder / _file_name(key), _MAGIC + hashlib.sha256(body).digest() + body)


def _file_name(key: str) -> str:
    """Return the entry's file name: a hash of the whole key."""
    return hashlib.sha256(key.encode()).hexdigest()[:40] + ".jinja"


def compiled_parts(template: bytes, compile_all: Callable[[], dict[str, CodeType]], env: jinja2.Environment,
                   use_cache: bool = True) -> dict[str, jinja2.Template]:
    """Return a template's rendered parts as Jinja templates bound to `env`, from the cache when possible.

    `compile_all()` cleans and compiles every part with `env`; it runs (and docxtpl is imported) only on a
    cache miss, and what it raises for a broken template propagates: nothing is cached then.
    """
    key = entry_key(template) if use_cache else ""
    codes = load(key) if use_cache else None
    if codes is None:
        codes = compile_all()
        if use_cache:
            store(key, codes)
    return {name: env.template_class.from_code(env, code, env.make_globals(None), None)
            for name, code in codes.items()}
