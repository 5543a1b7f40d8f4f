"""The walk behind a dependency digest (code.py states the rule it implements).

A `Trace` starts at a function or class and follows what its code reaches: globals and
closure cells, defaults, wrapped functions, bound instances, descriptors, notebook classes
and their instances. It records every name it read (`watched`), so `Dependencies` can tell
on the next call, by identity checks alone, whether the digest still holds. A cycle (a
recursive function, a class holding an instance of itself) is cut where it closes, on this
thread, across nested digests too (hashing an instance traces its class, which may reach
the instance again).
"""

from __future__ import annotations

import builtins
import threading
import types
from typing import Any

import xxhash

from ..session import SessionState
from .code import (LENGTH, MISSING, SessionStateReadError, cell_contents, code_digest,
                   reads, refusal, value_digest, wrapped)
from .hashing import qualified_name, written_in_notebook
from .objects import widget_content, wrapper_parts

# (id of where it was found, name) -> (the object seen there first, its digest): shared by
# every trace, so a redefined function sees a global exactly as its earlier version did
_seen: dict[tuple[int, str], tuple[Any, bytes]] = {}
_active = threading.local()  # ids of the functions, classes, instances being traced here
# a class's entries that say nothing about what it does (copyreg adds __slotnames__ to a
# class the first time one of its instances is reduced: it must not change the digest)
_BOOKKEEPING = frozenset({"__dict__", "__weakref__", "__module__", "__qualname__",
                          "__slotnames__"})


class Trace:
    """One walk from a root through what its code reaches; records every name it read."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.watched: list[tuple[Any, Any, Any]] = []
        self.parts: dict[str, bytes] = {}  # the root's own reads, to explain a miss
        self.nested = 0  # traces run inside this one (hashing a value that holds code)

    def start(self, bound_defaults: bool) -> bytes:
        traces = _active.__dict__.setdefault("traces", [])
        traces.append(self)
        try:
            if isinstance(self.root, types.FunctionType):
                return self.function(self.root, top=True, bound_defaults=bound_defaults)
            if isinstance(self.root, type):
                return self.cls(self.root)
            return self.follow(self.root, None, "", self.root)
        finally:
            traces.pop()
            if traces:  # what a value's code reads is read by the code that reads the value
                traces[-1].adopt(self.watched)

    def follow(self, value: Any, where: Any, name: str, owner: Any) -> bytes:
        """What `value`, found at `where[name]` by code of `owner`, adds to the digest."""
        if isinstance(value, types.ModuleType):
            return b"module:" + value.__name__.encode()
        if isinstance(value, SessionState):
            raise SessionStateReadError(refusal(_name(self.root), _through(self.root, owner)))
        if isinstance(value, (type, types.FunctionType)) and _notebook(value, owner):
            return self.cls(value) if isinstance(value, type) else self.function(value)
        if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType)):
            inner = wrapped(value)  # a library's wrapper (jr.cache_data's) over notebook code
            named = b"named:" + qualified_name(value).encode()
            return named if inner is None else \
                named + self.follow(inner, value, "__wrapped__", owner)
        if isinstance(value, types.MethodType):
            return self._method(value, owner)
        notebook_instance = written_in_notebook(type(value).__module__)
        inner = None if notebook_instance else wrapped(value)
        if inner is not None:  # lru_cache, a class-based decorator of a library
            return self._wrapper(value, inner, owner)
        parts = wrapper_parts(value)
        if parts is not None:
            return b"parts:" + b"".join(
                self.follow(getattr(value, part), value, part, owner) for part in parts)
        content = widget_content(value)
        if content is not None:  # by its value now, never remembered by identity
            for trait, now in content:
                self.watch(_Attributes(value), trait, now)
            return value_digest(value)
        return self._instance(value, where, name) if notebook_instance else \
            self._remembered(value, where, name)

    def _method(self, method: types.MethodType, owner: Any) -> bytes:
        # keyed by its instance: an object holding its own bound method reaches it again
        key = ("method", id(method.__self__))
        if not _enter(key):
            return b"cycle:method " + qualified_name(method.__func__).encode()
        try:
            return b"method:" + self.follow(method.__func__, method, "__func__", owner) + \
                self.follow(method.__self__, method, "__self__", owner)
        finally:
            _leave(key)

    def _wrapper(self, value: Any, inner: Any, owner: Any) -> bytes:
        key = ("wraps", id(value))
        if not _enter(key):
            return b"cycle:wraps " + qualified_name(type(value)).encode()
        try:
            return b"wraps:" + qualified_name(type(value)).encode() + \
                self.follow(inner, value, "__wrapped__", owner)
        finally:
            _leave(key)

    def function(self, function: types.FunctionType, top: bool = False,
                 bound_defaults: bool = False) -> bytes:
        if not _enter(id(function)):
            return b"cycle:" + qualified_name(function).encode()
        try:
            hasher = xxhash.xxh3_128(code_digest(function.__code__))
            self._globals(function, hasher, top)
            for name, cell in zip(function.__code__.co_freevars, function.__closure__ or ()):
                value = cell_contents(cell)
                self.watch(cell, None, value)
                if value is not MISSING:  # an empty cell: not bound yet
                    part = self.follow(value, cell, "<closure>", function)
                    self._add(hasher, f"closure {name}", part, top)
            if not bound_defaults:
                defaults = {**dict(enumerate(function.__defaults__ or ())),
                            **(function.__kwdefaults__ or {})}
                for name, value in defaults.items():
                    label = f"default {name}"
                    self._add(hasher, label, self.follow(value, function, label, function))
            inner = wrapped(function)
            if inner is not None:
                self._add(hasher, "wraps", self.follow(inner, function, "__wrapped__", function))
            return hasher.digest()
        finally:
            _leave(id(function))

    def _globals(self, function: types.FunctionType, hasher: Any, top: bool) -> None:
        namespace = function.__globals__
        names, state_readers = reads(function.__code__)
        for name in names:
            value = namespace.get(name, MISSING)
            self.watch(namespace, name, value)
            if value is MISSING:
                if hasattr(builtins, name):
                    continue
                part = b"missing"
            else:
                if name in state_readers and isinstance(value, types.ModuleType) and \
                        isinstance(getattr(value, "session_state", None), SessionState):
                    raise SessionStateReadError(
                        refusal(_name(self.root), _through(self.root, function)))
                part = self.follow(value, namespace, name, function)
            self._add(hasher, name, part, top)

    def cls(self, cls: type) -> bytes:
        if not _enter(id(cls)):
            return b"cycle:" + qualified_name(cls).encode()
        try:
            hasher = xxhash.xxh3_128(qualified_name(cls).encode())
            if type(cls) is not type:
                hasher.update(self.follow(type(cls), cls, "__class__", cls))
            for base in cls.__bases__:
                hasher.update(self.follow(base, cls, "__bases__", cls))
            members = cls.__dict__
            self.watch(members, LENGTH, len(members))
            for name in sorted(members):
                if name not in _BOOKKEEPING:
                    value = members[name]
                    self.watch(members, name, value)
                    self._add(hasher, name, self.follow(value, cls, name, cls))
            return hasher.digest()
        finally:
            _leave(id(cls))

    def _instance(self, value: Any, where: Any, name: str) -> bytes:
        """An instance of a notebook class: its class as it is now, and its own state."""
        if not _enter(id(value)):
            return b"cycle:" + qualified_name(type(value)).encode()
        try:
            # its digest folds in its class's (hashing does that), whose watches this adopts
            return b"instance:" + self._remembered(value, where, name)
        finally:
            _leave(id(value))

    def _remembered(self, value: Any, where: Any, name: str) -> bytes:
        key = (id(where), name)
        seen = _seen.get(key)
        if seen is not None and seen[0] is value:
            return seen[1]
        nested = self.nested
        part = value_digest(value)
        # a value that holds code ({"add": add}, a notebook instance) is not remembered: the
        # names that code reads are watched instead, and it is hashed again when they change
        if self.nested == nested:
            _seen[key] = (value, part)
        return part

    def adopt(self, watched: list[tuple[Any, Any, Any]]) -> None:
        """Watch what a trace inside this one watched."""
        self.watched.extend(watched)
        self.nested += 1

    def watch(self, where: Any, name: Any, value: Any) -> None:
        self.watched.append((where, name, value))

    def _add(self, hasher: Any, name: str, part: bytes, top: bool = False) -> None:
        hasher.update(name.encode())
        hasher.update(part)
        if top:
            self.parts[name] = part


class _Attributes:
    """`get` over an object's attributes, so a widget's value is watched like a name."""

    __slots__ = ("target",)

    def __init__(self, target: Any) -> None:
        self.target = target

    def get(self, name: str, default: Any) -> Any:
        return getattr(self.target, name, default)


def _enter(key: Any) -> bool:
    """Mark what `key` names (an id) as being traced on this thread; False if it already
    is: a cycle, cut here."""
    active = _active.__dict__.setdefault("ids", set())
    if key in active:
        return False
    active.add(key)
    return True


def _leave(key: Any) -> None:
    _active.ids.discard(key)


def tracing() -> Trace | None:
    """The trace running on this thread, if any."""
    traces = getattr(_active, "traces", None)
    return traces[-1] if traces else None


def _notebook(value: Any, owner: Any) -> bool:
    """Written in the notebook, or next to the code that reads it: followed by content."""
    module = _module_of(value)
    return written_in_notebook(module) or module == _module_of(owner)


def _module_of(value: Any) -> str | None:
    # a function's globals say where it was written; its __module__ can be copied from the
    # function it wraps (functools.wraps)
    if isinstance(value, types.FunctionType):
        return value.__globals__.get("__name__")
    return getattr(value, "__module__", None)


def _name(value: Any) -> str:
    return getattr(value, "__qualname__", type(value).__qualname__)


def _through(root: Any, function: Any) -> str:
    return "" if function is root else f" (through {_name(function)})"


