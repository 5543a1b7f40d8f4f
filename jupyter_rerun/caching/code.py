"""What a function *is*, for cache keys: its code, and everything it reaches that was
written in the notebook.

The rule: everything a cached function's result can depend on, through code defined in the
notebook, is in its key. From the function, a trace follows
- its code: bytecode, constants, names and flags, nested code objects included. Line
  numbers and source text are not part of it, so comments and formatting do not count;
- the globals its code reads (LOAD_GLOBAL/LOAD_NAME in the bytecode) and its closure cells;
- its default values (`__defaults__`, `__kwdefaults__`); the cached function's own are bound
  into its arguments instead;
- what a wrapper wraps (`__wrapped__`: `functools.wraps`, `lru_cache`, `jr.cache_data`), and
  what a descriptor wraps (a property's functions, a classmethod's function);
- a bound method's function and the instance it is bound to;
- a class written in the notebook by its content: metaclass, bases, and every attribute
  (methods by their code, nested classes by content, other values by content);
- an instance of a notebook class by its class's content and its own state.
It stops at libraries: a library's function or class counts by its qualified name, a module
by its name. Written in the notebook means in `__main__`, in the cached function's own
module, or in a module that cannot be imported.

Values (what is not code) count by content *as they were when the cache first saw that
object*: the digest is remembered by identity, so rebinding a name (`K = 5`, `df = load()`,
`Cfg.RATE = 3`) invalidates, while changing an object in place (`log.append(x)`) does not.
Pass values that change in place as arguments: arguments are hashed on every call. Two
exceptions: a widget counts by its value as it is now, on every call; `jr.session_state` is
refused (SessionStateReadError), because it changes in place: pass what it holds as an
argument. A value that cannot be hashed (a connection, a lock) counts by its type alone.
"""

from __future__ import annotations

import dis
import types
from collections.abc import Iterator
from typing import Any

import xxhash

from ..errors import RerunError
from ..session import SessionState
from .hashing import Unhashable, digest, qualified_name


class SessionStateReadError(RerunError, TypeError):
    """Cached code reads jr.session_state, which changes in place where no key can see it."""


_code_digests: dict[types.CodeType, bytes] = {}
_reads: dict[types.CodeType, tuple[tuple[str, ...], frozenset[str]]] = {}
_classes: dict[type, Dependencies] = {}  # class -> its digest's Dependencies (class_digest)
_CLASSES_KEPT = 256
LENGTH = object()  # a watch on how many entries a class has (an attribute added later)
MISSING = object()  # what an unbound name or an empty closure cell holds
_LOADS = {"LOAD_GLOBAL", "LOAD_NAME"}
_ATTRIBUTE_LOADS = {"LOAD_ATTR", "LOAD_METHOD"}


def code_digest(code: types.CodeType) -> bytes:
    """The digest of what `code` does (cached per code object)."""
    known = _code_digests.get(code)
    if known is None:
        hasher = xxhash.xxh3_128()
        for part in (code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount,
                     code.co_flags, code.co_name):
            hasher.update(repr(part).encode())
            hasher.update(b"\x00")
        hasher.update(code.co_code)
        for names in (code.co_names, code.co_varnames, code.co_freevars, code.co_cellvars):
            hasher.update(digest(names))
        for constant in code.co_consts:
            hasher.update(code_digest(constant) if isinstance(constant, types.CodeType)
                          else digest(constant))
        known = _code_digests[code] = hasher.digest()
    return known


def reads(code: types.CodeType) -> tuple[tuple[str, ...], frozenset[str]]:
    """(globals `code` and code nested in it reads, in first-use order; those of them whose
    `.session_state` it reads: `jr.session_state`)."""
    known = _reads.get(code)
    if known is None:
        found: dict[str, None] = {}
        state_readers = set()
        for each in _walk(code):
            previous = None
            for instruction in dis.get_instructions(each):
                if instruction.opname in _LOADS:
                    found.setdefault(instruction.argval)
                elif (instruction.opname in _ATTRIBUTE_LOADS and previous is not None
                      and previous.opname in _LOADS and instruction.argval == "session_state"):
                    state_readers.add(previous.argval)
                if instruction.opname != "EXTENDED_ARG":
                    previous = instruction
        known = _reads[code] = (tuple(found), frozenset(state_readers))
    return known


def _walk(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _walk(constant)


def function_digest(value: Any) -> bytes:
    """A function, method or wrapper by its code and what it reaches, traced afresh."""
    return Dependencies(value).digest()[0]


def class_digest(cls: type) -> bytes:
    """A notebook class by its content; remembered while nothing the class reads changes."""
    outer = trace.tracing()
    known = _classes.get(cls)
    if known is not None and (outer is None or known.unchanged()):
        whole = known.digest()[0]
        if outer is not None:
            outer.adopt(known.watched)
        return whole
    dependencies = Dependencies(cls)
    whole = dependencies.digest()[0]
    if outer is None:  # inside another trace the digest may hold that trace's cycle marks
        if len(_classes) >= _CLASSES_KEPT:
            _classes.clear()
        _classes[cls] = dependencies
    return whole


def value_digest(value: Any) -> bytes:
    """What a value read by notebook code counts as: a module by its name, anything else by
    content, a value that cannot be hashed by its type; jr.session_state is refused."""
    if isinstance(value, types.ModuleType):
        return b"module:" + value.__name__.encode()
    if isinstance(value, SessionState):
        raise SessionStateReadError(refusal(None))
    try:
        return digest(value)
    except Unhashable:
        return b"type:" + qualified_name(type(value)).encode()


def wrapped(value: Any) -> Any:
    """What a `functools.wraps`-style wrapper wraps (its `__wrapped__`), or None."""
    attributes = getattr(value, "__dict__", None)
    return attributes.get("__wrapped__") if type(attributes) is dict else None


class Dependencies:
    """The dependency digest of one function (or class), cheap to recompute on every call:
    while every name the last trace consulted holds the same object, it is the last one."""

    def __init__(self, root: Any, *, bound_defaults: bool = False) -> None:
        self.root = root
        self._bound_defaults = bound_defaults  # the cached function: defaults are arguments
        self.watched: list[tuple[Any, Any, Any]] | None = None
        self.last: tuple[bytes, dict[str, bytes]] = (b"", {})

    def unchanged(self) -> bool:
        watched = self.watched
        return watched is not None and _unchanged(watched)

    def digest(self) -> tuple[bytes, dict[str, bytes]]:
        """(digest, {name: digest}) for the root's code and what it reaches."""
        if self.unchanged():
            return self.last
        self.watched = None  # a refusal below must leave no digest to trust
        walk = trace.Trace(self.root)
        whole = walk.start(self._bound_defaults)
        self.watched, self.last = _once(walk.watched), (whole, walk.parts)
        return self.last


def _once(watched: list[tuple[Any, Any, Any]]) -> list[tuple[Any, Any, Any]]:
    """Each watched name once (a class reached twice is checked once per call)."""
    unique = {(id(where), name): (where, name, value) for where, name, value in watched}
    return list(unique.values())


def _unchanged(watched: list[tuple[Any, Any, Any]]) -> bool:
    """Whether every watched name (closure cell, class size) holds what the trace saw."""
    for where, name, value in watched:
        if name is None:
            now = cell_contents(where)
        elif name is LENGTH:
            if len(where) != value:
                return False
            continue
        else:
            now = where.get(name, MISSING)
        if now is not value:
            return False
    return True


def cell_contents(cell: Any) -> Any:
    try:
        return cell.cell_contents
    except ValueError:
        return MISSING


def refusal(reader: str | None, through: str = "") -> str:
    """The one-line error for code that reads jr.session_state, with the fix."""
    who, call = (f"{reader}()", reader) if reader else ("cached code", "f")
    return (f"{who} reads jr.session_state{through}, which changes in place where a cache "
            f"key cannot see it; pass the value it needs as an argument instead, e.g. "
            f"{call}(jr.session_state['key'])")


# the walk itself reads this module's names above: imported last
from . import trace  # noqa: E402
