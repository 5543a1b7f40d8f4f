"""`jr.cache_data` and `jr.cache_resource`.

Both key a call on the function's code, what its code reads, and its arguments (see
`keys.py`). `cache_data` keeps a copy of the result and returns a fresh copy on each hit;
`cache_resource` keeps the one object and returns it (for connections, models, clients).
Concurrent calls for one key compute once (`flight.py`); an exception is never cached.
Redefining a function in a new cell keeps its cache (entries are keyed on code, so the old
code's entries simply stop matching) and its statistics. Inside a %%rerun run, each call is
a checkpoint (newer input stops the run there), and what a miss draws is drawn again on
each hit (`replay.py`).
"""

from __future__ import annotations

import functools
import inspect
import os
import threading
from collections.abc import Callable
from typing import Any

from ..errors import OptionError
from . import options
from .function_cache import DATA, RESOURCE, FunctionCache
from .hashing import qualified_name
from .keys import CallKey

__all__ = ["CACHES", "DATA", "RESOURCE", "CacheDecorator", "FunctionCache", "cache_data",
           "cache_resource"]

CACHES: dict[tuple[str, str], FunctionCache] = {}
_caches_lock = threading.Lock()


def cache_identity(function: Callable[..., Any]) -> str:
    """What names a function's cache: its module and qualified name, which survive
    redefining it in a new cell. Every lambda has the name `<lambda>`, so a lambda is also
    named by where it is written (file or cell, line, column): two lambdas never share a
    cache, while running a cell again (the same code, so the same cell name in ipykernel)
    finds its lambda's cache again."""
    identity = qualified_name(function)
    code = getattr(function, "__code__", None)
    if code is None or getattr(function, "__name__", "") != "<lambda>":
        return identity
    where = os.path.splitext(os.path.basename(code.co_filename))[0]
    positions = getattr(code, "co_positions", None)  # Python 3.11+: columns; 3.10: lines
    columns = [p[2] for p in positions() if p[2]] if positions is not None else []
    return f"{identity}@{where}:{code.co_firstlineno}:{min(columns, default=0)}"


class _Call:
    """What one wrapper needs on each call: its cache, its keys, its spinner text.

    Kept in one object the dependency hasher refuses at once (it counts by its type): the
    wrapper is notebook code to the hasher, and a recursive function's wrapper reaches
    itself through its CallKey (fib's key reads fib), which it would otherwise follow
    forever."""

    __slots__ = ("cache", "keys", "spinner", "name")

    def __init__(self, cache: FunctionCache, keys: CallKey, shown: str | bool) -> None:
        self.cache, self.keys, self.name = cache, keys, keys.name
        self.spinner = None if shown is False else shown if isinstance(shown, str) else \
            f"Running {keys.name}(…)"

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise TypeError("a cached function's call state is not a value")


class CacheDecorator:
    """`@jr.cache_data` / `@jr.cache_data(ttl="1h")`; `jr.cache_data.clear()` clears all."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.__name__ = kind

    def __call__(self, func: Callable[..., Any] | None = None, **settings: Any) -> Any:
        checked = self._check(settings)
        if func is None:
            return lambda function: self._wrap(function, checked)
        return self._wrap(func, checked)

    def _check(self, settings: dict[str, Any]) -> dict[str, Any]:
        allowed = {"ttl", "max_entries", "show_spinner", "hash_funcs"} | (
            {"max_size", "persist"} if self.kind == DATA else {"validate", "on_release"})
        unknown = sorted(set(settings) - allowed)
        if unknown:
            raise OptionError(f"{self.kind}() got unknown option {unknown[0]!r}; it takes "
                              f"{', '.join(sorted(allowed))}")
        checked = {
            "ttl": options.seconds(settings.get("ttl")),
            "max_entries": options.count(settings.get("max_entries")),
            "show_spinner": options.spinner(settings.get("show_spinner", True)),
            "hash_funcs": options.hash_funcs(settings.get("hash_funcs")),
        }
        if self.kind == DATA:
            checked["max_size"] = options.size(settings.get("max_size"))
            checked["persist"] = options.persist(settings.get("persist"))
        else:
            checked["validate"] = options.function(settings.get("validate"), "validate")
            checked["on_release"] = options.function(settings.get("on_release"), "on_release")
        return checked

    def _wrap(self, function: Any, settings: dict[str, Any]) -> Any:
        # Above @staticmethod/@classmethod: cache the function inside (so its code is in the
        # key), and give the class the same kind of method back.
        method = type(function) if isinstance(function, (staticmethod, classmethod)) else None
        function = function.__func__ if method is not None else function
        self._refuse(function)
        identity = cache_identity(function)
        with _caches_lock:
            cache = CACHES.get((self.kind, identity))
            if cache is None:
                cache = CACHES[(self.kind, identity)] = FunctionCache(self.kind, identity)
        cache.configure(settings)
        shown = settings["show_spinner"]
        call = _Call(cache, CallKey(function, settings["hash_funcs"]), shown)

        find = cache.find

        @functools.wraps(function)
        def cached(*args: Any, **kwargs: Any) -> Any:
            hit, found = find(call, args, kwargs)
            if hit:
                return found
            with found:  # the one frame of ours under the function (flight.py says why)
                return call.cache.keep(found, function(*args, **kwargs), call.name)

        def clear(*args: Any, persistent: bool = False, **kwargs: Any) -> None:
            """Clear the entry for these arguments (in memory and in the store), or, with
            none, every entry in memory (and in the store with persistent=True)."""
            if args or kwargs:
                cache.forget(call.keys.key(args, kwargs))
            else:
                cache.clear(persistent=persistent)

        cached.clear = clear  # type: ignore[attr-defined]
        cached.cache_info = cache.info  # type: ignore[attr-defined]
        cached.__jupyter_rerun_cache__ = cache  # type: ignore[attr-defined]
        return method(cached) if method is not None else cached

    def _refuse(self, function: Any) -> None:
        """What cannot be cached, refused where it is decorated."""
        if not callable(function):
            raise OptionError(
                f"@jr.{self.kind} decorates a function; got {function!r}. Write @jr.{self.kind} "
                f"or @jr.{self.kind}(ttl='1h') directly above a def")
        name = getattr(function, "__qualname__", repr(function))
        if inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function):
            raise OptionError(f"@jr.{self.kind} cannot cache async function {name}(); cache "
                              "a sync function that does the work")
        if inspect.isgeneratorfunction(function):
            raise OptionError(
                f"@jr.{self.kind}: {name}() is a generator function, and a generator is used "
                "up once it is read: every hit after the first would get an empty one. Make "
                "it return a list (return list(...)) and cache that")

    def clear(self) -> None:
        """Clear every cache of this kind."""
        for (kind, _), cache in list(CACHES.items()):
            if kind == self.kind:
                cache.clear()


cache_data = CacheDecorator(DATA)
cache_data.__doc__ = """Cache a function's result; every hit returns a fresh copy.

    @jr.cache_data(ttl="1h")
    def load(path): ...

The key is the function's code (comments and formatting aside), what it reads (helpers by
their code, globals by content: rebinding a global invalidates, changing it in place does
not), and its arguments by content, bound to the signature (`f(1)` is `f(x=1)`); arguments
named `_like_this` are not hashed. Options: ttl (seconds, timedelta, '30m'), max_entries,
max_size (bytes, '500MB'), show_spinner (True, False, or a text; "" for no text), persist
(True/'disk', a path, or 'redis://host:port/db': share results across kernels), hash_funcs
({type: func}). Inside %%rerun, what the function draws (jr.markdown, jr.write, ...) is
drawn again on each hit. `f.clear(x)` clears the entry for x (in its store too),
`f.clear()` the function, `jr.cache_data.clear()` all; `f.cache_info()` explains.
"""

cache_resource = CacheDecorator(RESOURCE)
cache_resource.__doc__ = """Cache one shared object per key (a connection, a model, a client).

Every hit returns the same object. `validate(obj)` is called on each hit (a falsy answer
recomputes); `on_release(obj)` is called when the object is evicted or cleared. Resources
stay in this kernel: they are never written to a persistent store, and kernels never wait
for each other's (a connection or a model cannot be shared): each kernel makes its own, once
however many of its threads ask at the same time. Options: ttl,
max_entries, show_spinner, validate, on_release, hash_funcs.
"""
