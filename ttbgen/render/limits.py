"""Limits on what a template may compute inside the sandbox: iterations, string and output size, recursion,
wall time (docs/limits.md). Jinja's sandbox blocks escapes, not cost: `range(100000)` nested, `lipsum(10**6)`,
`7**999999999`, `'a'*10**9` or `title.center(10**9)` would run for minutes or fill memory (issue 13).
"""

from __future__ import annotations

import contextlib
import math
import operator
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import SandboxedEnvironment

from ttbgen.errors import TemplateError
from ttbgen.i18n import _

MAX_RANGE_ITEMS = 100_000  # numbers all range() calls of one render may produce together
MAX_STRING = 1_000_000  # characters of any string (or items of a list) a template builds
MAX_OUTPUT = 10_000_000  # characters of one rendered part
MAX_EXPONENT_DIGITS = 1_000  # digits of the result of `a ** b`
MAX_LIPSUM = 20  # paragraphs of lorem ipsum
MAX_SECONDS = 10.0  # wall time to render one part
MAX_TAGS = 5_000  # Jinja tags in one template part: docxtpl's tag cleaning grows with their square
MAX_PART_BYTES = 2_000_000  # bytes of one templated part (document, header, footer) before compiling
_WIDTH = re.compile(r"\d{7,}")  # a format width of a million or more
_DICT_ATTRIBUTES = frozenset(dir(dict))  # names `d.name` resolves to a dict's own attribute, not a key
_TICK_EVERY = 32  # chunks between two looks at the clock: a chunk is one output node, microseconds of work


class LimitError(jinja2.exceptions.SecurityError):
    """A template went over one of the limits (carries the limit's name)."""


class Budget:
    """What one render has used so far: range items, and when it started."""

    def __init__(self) -> None:
        self.items = 0
        self.start = time.monotonic()

    def take(self, n: int) -> None:
        """Count range items, refusing past MAX_RANGE_ITEMS."""
        self.items += max(n, 0)
        if self.items > MAX_RANGE_ITEMS:
            raise LimitError(_("the template iterates more than {limit} times with range() (limit "
                               "MAX_RANGE_ITEMS)").format(limit=MAX_RANGE_ITEMS))

    def tick(self) -> None:
        """Refuse once the render has run longer than MAX_SECONDS."""
        if time.monotonic() - self.start > MAX_SECONDS:
            raise LimitError(_("the template ran longer than {limit} s (limit MAX_SECONDS)").format(
                limit=MAX_SECONDS))


def _size_ok(value: Any) -> None:
    """Refuse an int argument or a string/list result larger than MAX_STRING."""
    if isinstance(value, bool):
        return
    if isinstance(value, int) and abs(value) > MAX_STRING:
        raise LimitError(_("the number {n} is too large for a string width or repeat count (limit MAX_STRING "
                           "= {limit})").format(n=_short(value), limit=MAX_STRING))
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_STRING:
        raise LimitError(_("the template built a value of {n} characters (limit MAX_STRING = {limit})").format(
            n=len(value), limit=MAX_STRING))
    if isinstance(value, str) and _WIDTH.search(value) and ("{" in value or "%" in value):
        raise LimitError(_("a format width in '{text}' is too large (limit MAX_STRING = {limit})").format(
            text=value[:40], limit=MAX_STRING))


def _short(n: int) -> str:
    """Show a huge integer by its number of digits rather than in full."""
    digits = int(math.log10(abs(n))) + 1 if n else 1
    return str(n) if digits < 20 else _("a {d}-digit number").format(d=digits)


def _power(a: Any, b: Any) -> Any:
    """`a ** b`, refusing results with more than MAX_EXPONENT_DIGITS digits before computing them."""
    numbers = isinstance(a, (int, float)) and isinstance(b, (int, float))
    if numbers and abs(a) > 1 and b > 0 and b * math.log10(abs(a)) > MAX_EXPONENT_DIGITS:
        raise LimitError(_("{a} ** {b} would have more than {limit} digits (limit MAX_EXPONENT_DIGITS)")
                         .format(a=_short(int(a)), b=_short(int(b)), limit=MAX_EXPONENT_DIGITS))
    return operator.pow(a, b)


def _times(a: Any, b: Any) -> Any:
    """`a * b`, refusing a repeated string or list longer than MAX_STRING before building it."""
    for seq, n in ((a, b), (b, a)):
        if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_STRING:
            raise LimitError(_("repeating a value {n} times builds more than {limit} characters (limit "
                               "MAX_STRING)").format(n=_short(n), limit=MAX_STRING))
    return operator.mul(a, b)


def _modulo(a: Any, b: Any) -> Any:
    """`a % b`: printf-style formatting, refusing huge widths."""
    if isinstance(a, str):
        _size_ok(a)
        for arg in b if isinstance(b, tuple) else (b,):
            _size_ok(arg)
    return operator.mod(a, b)


def _plus(a: Any, b: Any) -> Any:
    """`a + b`, refusing a joined string or list longer than MAX_STRING before building it."""
    if isinstance(a, (str, list, tuple)) and isinstance(b, (str, list, tuple)) and len(a) + len(b) > MAX_STRING:
        raise LimitError(_("joining two values builds more than {limit} characters (limit MAX_STRING)").format(
            limit=MAX_STRING))
    return operator.add(a, b)


class _Generator(CodeGenerator):
    """Jinja's code generator, with `a ~ b` measured too (it compiles to a join the sandbox cannot see)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        """Wrap the join in environment.checked so a doubling `x ~ x` loop stops at MAX_STRING."""
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")


class LimitedEnvironment(SandboxedEnvironment):
    """The sandbox with cost limits: every call, operator and range() is measured against docs/limits.md."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _Generator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.budget = Budget()
        self.globals["range"] = self._range
        self.globals["lipsum"] = self._lipsum
        for name in ("center", "indent", "format", "wordwrap", "truncate", "batch", "slice"):
            self.filters[name] = _checked(self.filters[name])

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute`; on a plain dict (the notice context is made of them) a key that no dict attribute
        shadows is read directly: Jinja would first try the attribute, fail, and read the key (issue 15)."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        """Apply a measured `*`, `**` or `%`."""
        self.budget.tick()
        op = {"*": _times, "**": _power, "%": _modulo, "+": _plus}.get(operator_)
        return op(left, right) if op else super().call_binop(context, operator_, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call a function or method after checking its arguments, then check what it returned."""
        __self.budget.tick()
        owner = getattr(__obj, "__self__", None)  # "{:>999999999}".format(1): the width is in the string
        counted = __obj == __self._range  # range() has its own limit, with a clearer message
        for value in (owner if isinstance(owner, str) else None, *(() if counted else args), *kwargs.values()):
            _size_ok(value)
        result = super().call(__context, __obj, *args, **kwargs)
        _size_ok(result)
        if isinstance(owner, (list, dict)) and len(owner) > MAX_STRING:  # l.extend(l) in a loop doubles it
            raise LimitError(_("the template built a collection of {n} items (limit MAX_STRING = {limit})").format(
                n=len(owner), limit=MAX_STRING))
        return result

    def checked(self, value: Any) -> Any:
        """Return a joined value after checking its size (`a ~ b`)."""
        self.budget.tick()
        _size_ok(value)
        return value

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Sandbox str.format as Jinja does, refusing a format string with a huge width first."""
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str) and getattr(value, "__name__", "") in ("format", "format_map"):
            _size_ok(owner)
        return super().wrap_str_format(value)

    def _range(self, *args: int) -> range:
        """range(), counted against MAX_RANGE_ITEMS for the whole render."""
        numbers = range(*args)
        self.budget.take(len(numbers))
        return numbers

    def _lipsum(self, n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
        """lipsum(), at most MAX_LIPSUM paragraphs of at most 100 words."""
        if n > MAX_LIPSUM or max > 100 or min > max:
            raise LimitError(_("lipsum({n}) asks for more than {limit} paragraphs (limit MAX_LIPSUM)").format(
                n=_short(n), limit=MAX_LIPSUM))
        from jinja2.utils import generate_lorem_ipsum

        return str(generate_lorem_ipsum(n, html, min, max))


def _checked(filter_: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a Jinja filter so that its numeric arguments and its result stay under MAX_STRING."""

    def run(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[1:], *kwargs.values()):
            _size_ok(value)
        result = filter_(*args, **kwargs)
        _size_ok(result) if isinstance(result, str) else None
        return result

    for attr in ("jinja_pass_arg",):
        if hasattr(filter_, attr):
            setattr(run, attr, getattr(filter_, attr))
    return run


def render_limited(env: SandboxedEnvironment, template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render with a fresh budget, streaming the output so that it stops at MAX_OUTPUT characters."""
    if isinstance(env, LimitedEnvironment):
        env.budget = Budget()
    budget = env.budget if isinstance(env, LimitedEnvironment) else Budget()
    chunks: list[str] = []
    size = 0
    with _alarm(MAX_SECONDS + 5):
        try:
            for chunk in template.generate(context):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise LimitError(_("the rendered part is larger than {limit} characters (limit MAX_OUTPUT)")
                                     .format(limit=MAX_OUTPUT))
                chunks.append(chunk)
                if not len(chunks) % _TICK_EVERY:
                    budget.tick()
        except RecursionError:
            raise LimitError(_("the template recurses too deeply (a macro or loop that calls itself)")) from None
        except MemoryError:
            raise LimitError(_("the template needs more memory than a notice can (limit MAX_STRING)")) from None
    return "".join(chunks)


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt a render stuck inside one operation (main thread, POSIX only; elsewhere the cooperative
    checks in LimitedEnvironment apply)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise LimitError(_("the template ran longer than {limit} s (limit MAX_SECONDS)").format(limit=MAX_SECONDS))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_part_size(path: object, part: str, xml: str) -> None:
    """Refuse a templated part too large or with too many tags for docxtpl's quadratic tag cleaning."""
    if len(xml) > MAX_PART_BYTES:
        raise TemplateError(_("{path} ({part}): the part is {n} bytes; a template part may be at most {limit} "
                              "(limit MAX_PART_BYTES)").format(path=path, part=part, n=len(xml), limit=MAX_PART_BYTES))
    tags = xml.count("{%") + xml.count("{{") + xml.count("{#")
    if tags > MAX_TAGS:
        raise TemplateError(_("{path} ({part}): the part has {n} template tags; the limit is {limit} (limit "
                              "MAX_TAGS)").format(path=path, part=part, n=tags, limit=MAX_TAGS))
