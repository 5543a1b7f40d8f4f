"""The cache key of one call: format version + function identity + code digest +
dependency digest + argument digest.

Arguments are bound to the signature with defaults applied, so `f(1)`, `f(x=1)` and
`f(1, y=2)` (when 2 is y's default) are one entry. Parameters whose name starts with `_` are
not hashed, nor are such keywords passed through `**kwargs`. What cannot change for a
function object (its identity and code digest) is computed once; calls whose arguments are plain ints, strings, bytes, bools or None reuse
their digest from a small memo, so a hit stays within a few microseconds.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from typing import Any

import xxhash

from ..errors import UnhashableParamError
from .code import Dependencies, code_digest
from .hashing import FORMAT, HashFuncError, HashFuncs, Unhashable, digest, qualified_name

_MEMO_SIZE = 4096
_SIMPLE = frozenset({int, str, bytes, bool, type(None)})
_EMPTY = inspect.Parameter.empty


class CallKey:
    """Computes keys for calls of one function, and explains why a key is new."""

    def __init__(self, function: Callable[..., Any], hash_funcs: HashFuncs | None = None) -> None:
        self.function = function
        self.name = getattr(function, "__qualname__", repr(function))
        self.hash_funcs = dict(hash_funcs or {})
        self.signature = inspect.signature(function)
        params = list(self.signature.parameters.values())
        self._names = [p.name for p in params]
        self._hashed = [not p.name.startswith("_") for p in params]
        self._keywords = next((i for i, p in enumerate(params)  # the **kwargs parameter
                               if p.kind is inspect.Parameter.VAR_KEYWORD), None)
        simple_kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        self._simple_signature = all(p.kind in simple_kinds for p in params)
        self._defaults = [p.default for p in params]
        code = getattr(function, "__code__", None)
        self.prefix = b"".join([
            f"jupyter_rerun:{FORMAT}:py{sys.version_info[0]}.{sys.version_info[1]}:".encode(),
            qualified_name(function).encode(), b":",
            code_digest(code) if code is not None else b"",
        ])
        self._dependencies = (Dependencies(function, bound_defaults=True) if code is not None
                              else None)
        self._memo: dict[Any, tuple[bytes, tuple[bytes, ...]]] = {}
        self.last: tuple[bytes, dict[str, bytes], tuple[bytes, ...]] | None = None  # explain()

    def key(self, args: tuple, kwargs: dict) -> bytes:
        """The key for calling the function with these arguments."""
        values = self._bind(args, kwargs)
        args_digest, per_argument = self._arguments(values)
        deps_digest, per_dependency = (self._dependencies.digest() if self._dependencies
                                       else (b"", {}))
        self.last = (deps_digest, per_dependency, per_argument)  # for explain()
        return xxhash.xxh3_128_digest(self.prefix + deps_digest + args_digest)

    def _bind(self, args: tuple, kwargs: dict) -> tuple:
        """Every parameter's value, in signature order, defaults applied; `_name` keywords
        left out of **kwargs."""
        if not kwargs and self._simple_signature and len(args) <= len(self._names):
            missing = self._defaults[len(args):]
            if _EMPTY not in missing:
                return args + tuple(missing)
        bound = self.signature.bind(*args, **kwargs)
        bound.apply_defaults()
        values = [bound.arguments[name] for name in self._names]
        if self._keywords is not None:
            values[self._keywords] = {name: value for name, value in values[self._keywords].items()
                                      if not name.startswith("_")}
        return tuple(values)

    def _arguments(self, values: tuple) -> tuple[bytes, tuple[bytes, ...]]:
        kinds = tuple(map(type, values))
        simple = _SIMPLE.issuperset(kinds) and not self.hash_funcs
        if simple:
            memo_key = (kinds, values)  # the types too: True must not hit 1's entry
            known = self._memo.get(memo_key)
            if known is not None:
                return known
        digests = []
        for name, hashed, value in zip(self._names, self._hashed, values):
            if hashed:
                digests.append(self._argument(name, value))
        result = (xxhash.xxh3_128_digest(b"".join(digests)), tuple(digests))
        if simple:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[memo_key] = result
        return result

    def _argument(self, name: str, value: Any) -> bytes:
        try:
            return digest(value, self.hash_funcs)
        except HashFuncError as error:  # one error, naming everything; the user's as its cause
            raise HashFuncError(f"cannot hash argument {name!r} of {self.name}(): {error}; fix "
                                f"that function, or pass the argument as _{name} (not hashed)",
                                error.hash_func, error.kind) from error.__cause__
        except Unhashable as error:
            kind = qualified_name(error.kind)
            raise UnhashableParamError(
                f"cannot hash argument {name!r} of {self.name}(): {kind} has no content to "
                f"key a cache on. Pass it as _{name} (parameters starting with _ are not "
                f"hashed), or give hash_funcs={{{error.kind.__qualname__}: lambda value: ...}} "
                f"to hash it your way") from None

    def explain(self, previous: tuple | None) -> str:
        """Why the last key differs from `previous` (another `last`)."""
        if previous is None or self.last is None:
            return "first call"
        deps, per_dependency, arguments = self.last
        old_deps, old_per_dependency, old_arguments = previous
        names = [name for name, hashed in zip(self._names, self._hashed) if hashed]
        per_argument = dict(zip(names, arguments))
        old_per_argument = dict(zip(names, old_arguments))
        for name, part in per_dependency.items():
            if old_per_dependency.get(name) != part:
                value = getattr(self.function, "__globals__", {}).get(name)
                return f"{name}() changed" if callable(value) and not isinstance(value, type) \
                    else f"global {name} changed"
        changed = [name for name, part in per_argument.items() if old_per_argument.get(name) != part]
        if len(changed) == 1:
            return f"argument {changed[0]} changed"
        if changed:
            return "arguments " + ", ".join(changed) + " changed"
        return "new arguments"
