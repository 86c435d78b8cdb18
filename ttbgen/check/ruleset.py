"""The rule set: the ranges the rules enforce, loaded from ruleset.yaml and narrowed by office profiles."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ttbgen.errors import TtbgenError
from ttbgen.i18n import _
from ttbgen.records import record
from ttbgen.safefile import MAX_SPEC_BYTES, read_bounded

if TYPE_CHECKING:
    from ttbgen.spec.model import Office

DEFAULT_PATH = Path(__file__).with_name("ruleset.yaml")
Range = tuple[float, float]


class RuleSetError(TtbgenError):
    """A rule-set file that cannot be used: unreadable, unknown key, or a range wider than Decree 30."""

    def __init__(self, message: str, key_path: tuple[str, ...] = (), detail: str = "") -> None:
        super().__init__(message)
        self.key_path = key_path  # where in the rule set, for an office profile to locate it in its file
        self.detail = detail


@record
class RuleSet:
    """A validated rule-set tree with typed accessors."""

    data: Mapping[str, Any]
    source: str = "ruleset.yaml"

    def range(self, *path: str) -> Range:
        """Return a [low, high] range at a key path."""
        value = self.get(*path)
        return float(value[0]), float(value[1])

    def get(self, *path: str) -> Any:
        """Return the value at a key path."""
        node: Any = self.data
        for key in path:
            node = node[key]
        return node

    def applies(self, rule: str, doc_type: str) -> bool:
        """Tell whether a rule holds for a document type (applies_to: all, known, named or a list of codes)."""
        scope = self.data.get("applies_to", {}).get(rule, "all")
        if scope == "all":
            return True
        if scope == "known":
            return bool(doc_type)
        if scope == "named":
            return bool(doc_type) and doc_type != "CV"
        return doc_type in scope

    def tol(self, unit: str) -> float:
        """Return the tolerance for a unit (mm, pt, ratio)."""
        return float(self.data["tolerance"][unit])

    def narrowed(self, profile: Mapping[str, Any], source: str) -> RuleSet:
        """Return this rule set narrowed by a profile; refuse anything wider than this one."""
        merged = _merge(self.data, profile, source, ())
        return RuleSet(merged, source)


def _merge(base: Mapping[str, Any], over: Mapping[str, Any], source: str, path: tuple[str, ...]) -> dict[str, Any]:
    """Merge `over` into `base`, key by key, checking each value."""
    if not isinstance(over, Mapping):
        raise _error(source, path, _("expected a mapping"))
    merged = dict(base)
    for key, value in over.items():
        where = (*path, str(key))
        if key not in base:
            raise _error(source, where, _("unknown key (known: {keys})").format(keys=", ".join(sorted(base))))
        merged[key] = _merge_value(base[key], value, source, where)
    return merged


def _merge_value(base: Any, value: Any, source: str, path: tuple[str, ...]) -> Any:
    """Check one overriding value against the base: ranges may narrow, tolerances shrink, the rest is fixed."""
    if isinstance(base, Mapping):
        return _merge(base, value, source, path)
    if isinstance(base, list):
        return list(_narrow_range(base, value, source, path))
    if path[0] == "tolerance" and _is_number(value) and 0 <= value <= base:
        return value
    if value != base:
        raise _error(source, path, _("must stay {base!r}: Decree 30 fixes it").format(base=base))
    return value


def _narrow_range(base: list[Any], value: Any, source: str, path: tuple[str, ...]) -> Range:
    """Accept [low, high] inside the base range."""
    if not (isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value) and value[0] <= value[1]):
        raise _error(source, path, _("expected a range [low, high], got {value!r}").format(value=value))
    low, high = float(value[0]), float(value[1])
    if low < base[0] or high > base[1]:
        message = _("range [{low:g}, {high:g}] is wider than Decree 30 allows ([{b0:g}, {b1:g}])")
        raise _error(source, path, message.format(low=low, high=high, b0=base[0], b1=base[1]))
    return low, high


def _is_number(value: Any) -> bool:
    """Tell whether a YAML value is a number (bools are not)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _error(source: str, path: tuple[str, ...], message: str) -> RuleSetError:
    """Build an error that names the file and the key path."""
    return RuleSetError(f"{source}: {'.'.join(path) or '(top)'}: {message}", path, message)


def load_yaml(path: Path, fast: bool = False) -> Any:
    """Load a YAML file, refusing duplicate keys (PyYAML keeps the last one silently). `fast` reads with
    libyaml when PyYAML has it (9× faster, issue 15): for ttbgen's own rule set only, as libyaml words syntax
    errors in a user's file differently."""
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if fast else yaml.SafeLoader

    class _Loader(base):  # type: ignore[valid-type,misc]
        """SafeLoader that refuses duplicate mapping keys."""

    def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
        keys = [loader.construct_object(k) for k, _v in node.value]
        dup = next((k for i, k in enumerate(keys) if k in keys[:i]), None)
        if dup is not None:
            raise RuleSetError(f"{path}:{node.start_mark.line + 1}: " + _("duplicate key {key!r}").format(key=dup))
        return loader.construct_mapping(node)

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    try:
        text = read_bounded(path, MAX_SPEC_BYTES, RuleSetError, _("the rule set")).decode("utf-8")
        return yaml.load(text, Loader=_Loader)
    except UnicodeDecodeError:
        raise RuleSetError(_("{file}: the rule set is not UTF-8; save it as UTF-8").format(file=path)) from None
    except yaml.YAMLError as exc:
        raise RuleSetError(_("{file}: not valid YAML ({reason})").format(file=path, reason=exc)) from None


_DEFAULT: RuleSet | None = None


def default_ruleset() -> RuleSet:
    """Return the default rule set (docs/decree30.md §12), loaded once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = RuleSet(_default_data(), str(DEFAULT_PATH.name))
    return _DEFAULT


def _default_data() -> Any:
    """The default rule set's data, kept as JSON in the user cache: a process then need not import PyYAML
    (~8 ms, issue 15). The file is plain maps, lists, numbers and strings, so JSON holds it exactly."""
    import hashlib

    from ttbgen.cachedir import cached_json

    stamp = hashlib.sha256(DEFAULT_PATH.read_bytes()).hexdigest()
    return cached_json("ruleset", stamp, lambda: load_yaml(DEFAULT_PATH, fast=True), lambda d: isinstance(d, dict))


def load_ruleset(path: Path | None) -> RuleSet:
    """Return the default rule set, narrowed by a profile file when one is given."""
    base = default_ruleset()
    if path is None:
        return base
    profile = load_yaml(path)
    if profile is None:
        return base
    profile = dict(profile)
    profile.pop("version", None)
    return base.narrowed(profile, str(path))


def office_ruleset(office: Office, base: RuleSet | None = None) -> RuleSet:
    """Return the checker's rule set for an office: Decree 30's ranges (or `base`), narrowed by its house style."""
    base = base or default_ruleset()
    if not office.house_style:
        return base
    try:
        return base.narrowed(office.house_style, _("office profile {name} (house_style)").format(name=office.key))
    except RuleSetError as exc:
        raise _located(exc, office) from None


def _located(exc: RuleSetError, office: Office) -> RuleSetError:
    """Return the error at its place in the office profile: `file:line:col: house_style.key: message`."""
    path = ".".join(("house_style", *exc.key_path))
    # The deepest key path the profile's reader saw (a wrong key's parent, when the key itself is unknown).
    key = max((k for k in office.marks if path == k or path.startswith(k + ".")), key=len, default="")
    if not key:
        return exc
    return RuleSetError(f"{office.marks[key]}: {path}: {exc.detail}", exc.key_path, exc.detail)
