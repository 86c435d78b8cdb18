"""Records: dataclasses whose methods are shared by every class instead of written and compiled for each (issue 15).

Python 3.11's `@dataclass(frozen=True)` writes six functions for every class (`__init__`, `__repr__`, `__eq__`,
`__hash__`, `__setattr__`, `__delattr__`) and compiles each with `exec`: 0.3–0.9 ms a class, 19 ms for the 46
classes a one-spec `ttbgen build` imports, a sixth of the whole process. `@record` lets `dataclasses` read the
fields (so `dataclasses.fields`, `replace` and `field(default=…, default_factory=…, init=…, repr=…, compare=…,
hash=…)` work as they always did), then gives the class the methods below, compiled once with this module; each
reads the class's plan (its field names, defaults and key getters), made when the class is. A class made
COMPILE_AFTER times in one process then gets its own `__init__`, written as `@dataclass` writes it: the shared one
costs about 0.1 µs a field more per object, which a batch making thousands of paragraphs would feel.

What the methods do is what `@dataclass` does: the same arguments, defaults, factories and `__post_init__`, the
same `repr`, equality of the same class on the compared fields, the same hash, `FrozenInstanceError` on
assignment or deletion. tests/test_records.py compares them with `@dataclass` on generated classes. Not supported
(refused, not ignored): order, unsafe_hash, kw_only, slots, `InitVar`, `KW_ONLY`, inheriting from a dataclass.
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

_C = TypeVar("_C", bound=type)
_PLAN = "_record_plan"  # the class attribute that holds a record class's plan (read as such in _init)
_set = object.__setattr__
_FACTORY = object()  # the default of an argument whose field has a factory: "not given, make one"
COMPILE_AFTER = 64  # objects of one class made with the shared __init__ before the class gets its own


class _Plan:
    """What the shared methods need to know of one record class, worked out once when the class is made."""

    __slots__ = ("cls", "count", "defaults", "factories", "fields", "frozen", "hashed", "key", "late", "made",
                 "names", "post_init", "setter", "shown")

    def __init__(self, cls: type, fields: tuple[dataclasses.Field[Any], ...], frozen: bool) -> None:
        self.cls, self.fields, self.frozen, self.made = cls, fields, frozen, 0
        # As @dataclass's __init__: past a frozen record's __setattr__, through a mutable one's
        self.setter: Callable[[Any, str, Any], None] = _set if frozen else setattr
        self.post_init = hasattr(cls, "__post_init__")
        init = [f for f in fields if f.init]
        _refuse_misordered(cls, init)
        self.names = tuple(f.name for f in init)  # __init__'s parameters, in order
        self.count = len(self.names)
        self.defaults = {f.name: f.default for f in init if f.default is not dataclasses.MISSING}
        self.factories = {f.name: f.default_factory for f in init if f.default_factory is not dataclasses.MISSING}
        # Fields __init__ sets without taking them: those with a factory (one with a default is a class attribute)
        self.late = tuple((f.name, f.default_factory) for f in fields
                          if not f.init and f.default_factory is not dataclasses.MISSING)
        self.key = _getter([f.name for f in fields if f.compare])
        self.hashed = _getter([f.name for f in fields if (f.compare if f.hash is None else f.hash)])
        self.shown = tuple(f.name for f in fields if f.repr)


def _refuse_misordered(cls: type, init: list[dataclasses.Field[Any]]) -> None:
    """Refuse a field without a default after one with a default, as @dataclass does (no __init__ could take it)."""
    defaulted = False
    for f in init:
        has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        if defaulted and not has_default:
            raise TypeError(f"{cls.__qualname__}: non-default argument {f.name!r} follows default argument")
        defaulted = defaulted or has_default


def _getter(names: list[str]) -> Callable[[object], tuple[Any, ...]]:
    """Return a function giving an object's values of these attributes as a tuple, in C where it can."""
    if len(names) >= 2:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    """Set the fields from the arguments, defaults and factories, as @dataclass's __init__ does (see _compile_init).

    A frozen record's fields are set with object.__setattr__, as @dataclass's __init__ sets them; updating the
    instance's __dict__ in one call would be no faster and makes every later read of a field slower (Python then
    keeps the attributes in a real dict instead of the object's own array of values)."""
    plan: _Plan = self._record_plan
    exact = not kwargs and len(args) == plan.count
    setter = plan.setter
    for name, value in zip(plan.names, args, strict=True) if exact else _complete(plan, args, kwargs).items():
        setter(self, name, value)
    for name, factory in plan.late:
        setter(self, name, factory())
    if plan.post_init:
        self.__post_init__()
    plan.made += 1
    if plan.made == COMPILE_AFTER and plan.cls.__dict__.get("__init__") is _init:
        _compile_init(plan)


def _compile_init(plan: _Plan) -> None:
    """Give a class made often its own __init__, written and compiled as @dataclass writes it.

    _init costs about 0.1 µs a field more than a written __init__ (2 µs for a paragraph of the checker's model),
    compiling one costs about 60 µs: worth it for the few classes made hundreds of times in a batch, not for the
    forty a one-spec build makes a few times each."""
    names: dict[str, Any] = {"__record_set__": plan.setter, "__record_factory__": _FACTORY}
    params, body = [], []
    for f in plan.fields:
        parameter, value = _init_parts(f, names)
        params += [parameter] if parameter else []
        setting = f"__record_set__(__record_self__, {f.name!r}, {value})" if plan.frozen else \
            f"__record_self__.{f.name} = {value}"  # as @dataclass writes it: a plain assignment is the fastest
        body += [setting] if value else []
    body += ["__record_self__.__post_init__()"] if plan.post_init else []
    source = f"def __init__(__record_self__, {', '.join(params)}):\n    " + "\n    ".join(body or ["pass"]) + "\n"
    exec(source, names)  # the text is made of field names (identifiers) and fixed words only
    function = names["__init__"]
    function.__qualname__ = f"{plan.cls.__qualname__}.__init__"
    _put(plan.cls, "__init__", function)


def _init_parts(f: dataclasses.Field[Any], names: dict[str, Any]) -> tuple[str, str]:
    """Return a field's parameter of the written __init__ and the value it sets ('' for none), putting its default
    or factory in `names` (the function's globals)."""
    has_factory = f.default_factory is not dataclasses.MISSING
    if has_factory:
        names[f"__record_make_{f.name}__"] = f.default_factory
    if not f.init:
        return "", f"__record_make_{f.name}__()" if has_factory else ""
    if has_factory:
        made = f"__record_make_{f.name}__()"
        return f"{f.name}=__record_factory__", f"{made} if {f.name} is __record_factory__ else {f.name}"
    if f.default is not dataclasses.MISSING:
        names[f"__record_default_{f.name}__"] = f.default
        return f"{f.name}=__record_default_{f.name}__", f.name
    return f.name, f.name


def _complete(plan: _Plan, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    """Return every __init__ field's value: by position, else keyword, else default, else factory; refuse the rest."""
    where = f"{plan.cls.__qualname__}()"
    if len(args) > plan.count:
        raise TypeError(f"{where} takes {plan.count} positional arguments but {len(args)} were given")
    values = dict(zip(plan.names, args, strict=False))  # fewer arguments than fields: the rest below
    missing = []
    for name in plan.names[len(args):]:
        if name in kwargs:
            values[name] = kwargs.pop(name)
        elif name in plan.defaults:
            values[name] = plan.defaults[name]
        elif name in plan.factories:
            values[name] = plan.factories[name]()
        else:
            missing.append(name)
    for name in kwargs:
        problem = "got multiple values for argument" if name in plan.names else "got an unexpected keyword argument"
        raise TypeError(f"{where} {problem} {name!r}")
    if missing:
        raise TypeError(f"{where} missing {len(missing)} required argument(s): {', '.join(map(repr, missing))}")
    return values


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    """Return `Class(field=value, …)` over the shown fields, as @dataclass's __repr__ does."""
    shown = self._record_plan.shown
    return f"{type(self).__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in shown)})"


def _eq(self: Any, other: object) -> object:
    """Compare the compared fields of two objects of exactly the same class (NotImplemented otherwise)."""
    plan: _Plan = self._record_plan
    if other.__class__ is self.__class__:
        return bool(plan.key(self) == plan.key(other))
    return NotImplemented


def _hash(self: Any) -> int:
    """Hash the tuple of the hashed fields, as a frozen dataclass does."""
    return hash(self._record_plan.hashed(self))


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    """Refuse to change a field of a frozen record (any attribute of the class itself, as @dataclass does)."""
    cls: Any = _refuse_frozen(self, name, "assign to")
    super(cls, self).__setattr__(name, value)


def _frozen_delattr(self: Any, name: str) -> None:
    """Refuse to delete a field of a frozen record."""
    cls: Any = _refuse_frozen(self, name, "delete")
    super(cls, self).__delattr__(name)


def _refuse_frozen(self: Any, name: str, verb: str) -> type:
    """Raise FrozenInstanceError for an object of the record class itself or a field's name; else return the
    record class (a subclass's own attribute is set past it)."""
    cls: type = self._record_plan.cls
    if type(self) is cls or name in cls.__dataclass_fields__:  # type: ignore[attr-defined]
        raise dataclasses.FrozenInstanceError(f"cannot {verb} field {name!r}")
    return cls


@overload
def record(cls: _C, /) -> _C: ...


@overload
def record(*, frozen: bool = True) -> Callable[[_C], _C]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: _C | None = None, /, *, frozen: bool = True) -> _C | Callable[[_C], _C]:
    """Make a class a record: a dataclass, frozen unless told otherwise, with shared methods (see above)."""

    def wrap(cls: _C) -> _C:
        return _make(cls, frozen)

    return wrap if cls is None else wrap(cls)


def _make(cls: _C, frozen: bool) -> _C:
    """Turn a class into a record class."""
    _refuse_unsupported(cls, frozen)
    own = cls.__dict__
    explicit_hash = _explicit_hash(own)
    dataclasses.dataclass(init=False, repr=False, eq=False)(cls)  # reads the fields, writes no method
    _put(cls, _PLAN, _Plan(cls, dataclasses.fields(cls), frozen))
    methods: dict[str, Any] = {"__init__": _init, "__repr__": _repr, "__eq__": _eq}
    for name, method in methods.items():
        if name not in own:  # a method the class body writes itself is kept, as @dataclass keeps it
            _put(cls, name, method)
    if frozen:
        _put(cls, "__setattr__", _frozen_setattr)
        _put(cls, "__delattr__", _frozen_delattr)
    if not explicit_hash:  # as @dataclass(eq=True): hashable when frozen, unhashable when not
        _put(cls, "__hash__", _hash if frozen else None)
    return cls


def _put(cls: type, name: str, value: object) -> None:
    """Set a class attribute: a method record classes share, or the plan (the name is not fixed, for mypy)."""
    setattr(cls, name, value)


def _refuse_unsupported(cls: type, frozen: bool) -> None:
    """Refuse what records do not do, rather than doing it differently from @dataclass."""
    if any(dataclasses.is_dataclass(base) for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__qualname__}: a record cannot inherit from a dataclass or a record")
    if "__slots__" in cls.__dict__:
        raise TypeError(f"{cls.__qualname__}: records do not support __slots__")
    if frozen and ("__setattr__" in cls.__dict__ or "__delattr__" in cls.__dict__):
        raise TypeError(f"{cls.__qualname__}: a frozen record cannot define __setattr__ or __delattr__")
    annotations = cls.__annotations__  # the class's own: a record has no base with fields
    if _PLAN in annotations:
        raise TypeError(f"{cls.__qualname__}: {_PLAN} is the name records keep their plan under")
    for name, annotation in annotations.items():
        text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
        if "InitVar" in text or "KW_ONLY" in text:
            raise TypeError(f"{cls.__qualname__}.{name}: records do not support InitVar or KW_ONLY")


def _explicit_hash(own: Any) -> bool:
    """Tell whether the class body defines __hash__ itself (a body defining only __eq__ gets __hash__ = None)."""
    return "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
