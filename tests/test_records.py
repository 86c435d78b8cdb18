"""Records behave as @dataclass does: generated classes built both ways, compared call by call (issue 15)."""

from __future__ import annotations

import ast
import copy
import dataclasses
import operator
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT

from ttbgen import records
from ttbgen.records import record

# One field: (has a default: None / "value" / "factory", init, repr, compare, hash)
FIELD = st.tuples(st.sampled_from([None, "value", "factory"]), st.booleans(), st.booleans(), st.booleans(),
                  st.sampled_from([None, True, False]))
VALUES = st.one_of(st.integers(-3, 3), st.text(max_size=3), st.tuples(st.integers(0, 2)), st.none())


def make(fields: list[tuple[Any, ...]], frozen: bool, use_record: bool) -> type:
    """Return a class with these fields, made by @record or by @dataclass, or raise what the decorator raises."""
    namespace: dict[str, Any] = {"__annotations__": {}, "__qualname__": "Thing", "__module__": __name__}
    for index, (default, init, shown, compared, hashed) in enumerate(fields):
        name = f"f{index}"
        namespace["__annotations__"][name] = Any
        options = {"init": init, "repr": shown, "compare": compared, "hash": hashed}
        if default == "value":
            options["default"] = index
        elif default == "factory":
            options["default_factory"] = list
        namespace[name] = dataclasses.field(**options)  # type: ignore[call-overload]
    cls = type("Thing", (), namespace)
    if use_record:
        return record(frozen=frozen)(cls)
    return dataclasses.dataclass(frozen=frozen)(cls)


def outcome(action: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    """Return ('ok', result) or ('error', the exception's class name): what a call does, comparable."""
    try:
        return "ok", action(*args, **kwargs)
    except Exception as exc:  # the kinds must match, whatever they are
        return "error", type(exc).__name__


def state(obj: Any) -> tuple[Any, ...]:
    """Return an object's fields that are set, by name (a field with init=False and no default may be unset)."""
    return tuple((f.name, getattr(obj, f.name, "<unset>")) for f in dataclasses.fields(obj))


@settings(max_examples=300, deadline=None)
@given(st.lists(FIELD, max_size=5), st.booleans(), st.booleans(), st.data())
def test_records_do_what_dataclasses_do(fields: list[tuple[Any, ...]], frozen: bool, compiled: bool,
                                        data: st.DataObject) -> None:
    """Same fields, init, repr, equality, hash, freezing and replace() as @dataclass, on generated classes, with the
    shared __init__ and with the one a class gets once made often."""
    made = outcome(make, fields, frozen, use_record=False)
    assert outcome(make, fields, frozen, use_record=True)[0] == made[0]
    if made[0] == "error":
        return
    theirs, ours = made[1], make(fields, frozen, use_record=True)
    if compiled:
        records._compile_init(ours._record_plan)
        assert ours.__init__ is not records._init
    assert [f.name for f in dataclasses.fields(ours)] == [f.name for f in dataclasses.fields(theirs)]
    assert ours.__match_args__ == theirs.__match_args__
    assert (ours.__hash__ is None) == (theirs.__hash__ is None)
    names = [f"f{i}" for i, spec in enumerate(fields) if spec[1]]
    for _ in range(3):
        args = data.draw(st.lists(VALUES, max_size=len(names) + 1))
        keywords = data.draw(st.dictionaries(st.sampled_from([*names, "nope"]), VALUES, max_size=3))
        a, b = outcome(theirs, *args, **keywords), outcome(ours, *args, **keywords)
        assert a[0] == b[0], (args, keywords, a, b)
        if a[0] == "ok":
            compare_instances(a[1], b[1], data)


def compare_instances(theirs: Any, ours: Any, data: st.DataObject) -> None:
    """Compare two instances made with the same arguments, and what can be done with them."""
    assert state(ours) == state(theirs)
    assert outcome(repr, ours) == outcome(repr, theirs)
    twin_theirs, twin_ours = outcome(copy.copy, theirs), outcome(copy.copy, ours)
    assert twin_ours[0] == twin_theirs[0]  # a field init=False leaves unset cannot be copied from a slot
    if twin_ours[0] == "ok":
        assert outcome(operator.eq, ours, twin_ours[1]) == outcome(operator.eq, theirs, twin_theirs[1])
    # Another class, even with the same fields, is never equal
    assert outcome(operator.ne, ours, theirs) == ("ok", True) and ours.__eq__(theirs) is NotImplemented
    if type(theirs).__hash__ is not None:
        assert outcome(hash, ours) == outcome(hash, theirs)
    value = data.draw(VALUES)
    for name in ["f0", "other"]:
        assert outcome(setattr, ours, name, value)[0] == outcome(setattr, theirs, name, value)[0]
        assert outcome(delattr, ours, name)[0] == outcome(delattr, theirs, name)[0]
    assert state(ours) == state(theirs)
    changes = data.draw(st.dictionaries(st.sampled_from(["f0", "f1", "nope"]), VALUES, max_size=2))
    a, b = outcome(dataclasses.replace, theirs, **changes), outcome(dataclasses.replace, ours, **changes)
    assert a[0] == b[0]
    if a[0] == "ok":
        assert state(a[1]) == state(b[1])


@record
class Frozen:
    """A frozen record with a factory and a field left out of comparisons, at module level so that pickle finds it."""

    name: str
    notes: list[str] = dataclasses.field(default_factory=list, compare=False, repr=False)


@record(frozen=False)
class Mutable:
    """A mutable record with a cache field __init__ does not take."""

    name: str
    _cache: list[int] | None = dataclasses.field(default=None, init=False, repr=False, compare=False)
    made: list[int] = dataclasses.field(default_factory=list, init=False)


@pytest.mark.parametrize("obj", [Frozen("b", ["x"]), Mutable("c")])
def test_records_pickle_and_copy(obj: Any) -> None:
    """Pickled, copied and deep-copied records are equal to the original, with the same fields."""
    for twin in (pickle.loads(pickle.dumps(obj)), copy.copy(obj), copy.deepcopy(obj)):
        assert twin == obj and state(twin) == state(obj) and type(twin) is type(obj)


def test_mutable_records_change() -> None:
    """A mutable record's fields can be set; a factory field __init__ does not take is made for each object."""
    mutable = Mutable("c")
    mutable._cache = [1]
    assert mutable == Mutable("c") and repr(mutable) == "Mutable(name='c', made=[])"
    assert mutable.made is not Mutable("c").made and mutable.__hash__ is None


def test_frozen_records_refuse_changes() -> None:
    """Assigning or deleting a field of a frozen record raises FrozenInstanceError."""
    for obj in (Frozen("a"), Frozen("b")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            obj.name = "x"  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError):
            del obj.name  # type: ignore[misc]


def test_a_class_made_often_gets_its_own_init(monkeypatch: pytest.MonkeyPatch) -> None:
    """After COMPILE_AFTER objects, a record class gets a written __init__ that makes the same objects."""
    monkeypatch.setattr(records, "COMPILE_AFTER", 3)

    @record
    class Often:
        """A record made often."""

        name: str
        notes: list[str] = dataclasses.field(default_factory=list)
        size: int = 2

    made = [Often("a"), Often("b", ["x"]), Often(name="c", size=3)]
    assert Often.__init__ is not records._init
    again = [Often("a"), Often("b", ["x"]), Often(name="c", size=3)]
    assert again == made and [state(o) for o in again] == [state(o) for o in made]
    assert again[0].notes is not Often("a").notes
    with pytest.raises(TypeError):
        Often()  # type: ignore[call-arg]


def test_records_keep_what_the_class_writes_and_call_post_init() -> None:
    """A method the class defines itself is kept; __post_init__ runs after the fields are set."""
    seen = []

    @record
    class Own:
        """A record with its own repr and a __post_init__."""

        n: int

        def __repr__(self) -> str:
            return f"<{self.n}>"

        def __post_init__(self) -> None:
            seen.append(self.n)

    assert repr(Own(3)) == "<3>" and seen == [3]
    records._compile_init(Own._record_plan)  # type: ignore[attr-defined]
    assert Own(4) == Own(4) and seen == [3, 4, 4]


def test_records_refuse_what_they_do_not_do() -> None:
    """Inheriting from a dataclass or a record, slots and InitVar are refused rather than handled differently."""

    @dataclasses.dataclass
    class Base:
        """A dataclass."""

        n: int

    with pytest.raises(TypeError, match="cannot inherit"):
        record(type("Child", (Base,), {"__annotations__": {"m": "int"}}))
    with pytest.raises(TypeError, match="__slots__"):
        record(type("Slotted", (), {"__annotations__": {"m": "int"}, "__slots__": ("m",)}))
    with pytest.raises(TypeError, match="InitVar"):
        record(type("Init", (), {"__annotations__": {"m": "InitVar[int]"}}))


def test_ttbgen_makes_records_not_dataclasses() -> None:
    """Every class in ttbgen/ is a record: @dataclass costs 0.3–0.9 ms a class at import (ttbgen/records.py)."""
    found = []
    for path in sorted((ROOT / "ttbgen").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for decorator in node.decorator_list:
                    target = decorator.func if isinstance(decorator, ast.Call) else decorator
                    if ast.unparse(target).split(".")[-1] == "dataclass":
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.name}")
    assert not found, found
