"""`jr.cache_data` and `jr.cache_resource`.

Both key a call on the function's code, what its code reads, and its arguments (see
`keys.py`). `cache_data` keeps a copy of the result and returns a fresh copy on each hit;
`cache_resource` keeps the one object and returns it (for connections, models, clients).
Concurrent calls for one key compute once; an exception is never cached. Redefining a
function in a new cell keeps its cache (entries are keyed on code, so the old code's
entries simply stop matching) and its statistics. Inside a %%rerun run, each call is a
checkpoint: newer input stops the run there.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import pickle
import threading
import warnings
from collections.abc import Callable
from typing import Any

from ..errors import OptionError
from ..rerun.context import current_run
from . import options
from .hashing import qualified_name
from .keys import CallKey
from .memory import MemoryTable
from .spinner import spinning
from ..stores.guarded import StoreWarning
from .values import Stored, blob_of, copy_on_write_safe, freeze, thaw

_ABSENT = object()

DATA, RESOURCE = "cache_data", "cache_resource"


class FunctionCache:
    """The cache of one function (by module and name, so it survives redefinition)."""

    def __init__(self, kind: str, identity: str) -> None:
        self.kind, self.identity = kind, identity
        self.table = MemoryTable()
        self.hits = self.misses = 0
        self.last_miss = ""
        self.validate: Callable[[Any], Any] | None = None
        self.persistent: Any = None  # a stores.Persistent, for persist=…
        self.store_hits = 0
        self._previous: tuple[bytes, Any] | None = None  # (code prefix, CallKey.last) of the last call
        self._lock = threading.Lock()
        self._in_flight: dict[bytes, threading.Event] = {}

    def configure(self, settings: dict[str, Any]) -> None:
        self.table.ttl = settings["ttl"]
        self.table.max_entries = settings["max_entries"]
        self.table.max_size = settings.get("max_size")
        self.table.on_release = settings.get("on_release")
        self.validate = settings.get("validate")
        spec = settings.get("persist")
        if spec is not None:
            from .. import stores

            self.persistent = stores.persistent(spec)
        else:
            self.persistent = None

    def call(self, keys: CallKey, function: Callable[..., Any], spinner: str | bool,
             args: tuple, kwargs: dict) -> Any:
        run = current_run()
        if run is not None:
            run.checkpoint()
        key = keys.key(args, kwargs)
        entry, why = self._lookup(key)
        if entry is not None:
            self.hits += 1
            self._previous = (keys.prefix, keys.last)
            return self._give(entry.value)
        if self.persistent is not None:
            found = self._from_store(key)
            if found is not _ABSENT:
                self._previous = (keys.prefix, keys.last)
                return found
        return self._compute(key, why, keys, function, spinner, args, kwargs)

    def _from_store(self, key: bytes) -> Any:
        """A value another kernel (or an earlier session) computed, kept in memory too."""
        payload = self.persistent.load(self.identity, key)
        if payload is None:
            return _ABSENT
        try:
            value = pickle.loads(payload)
        except Exception as error:  # verified but not loadable here (e.g. a class is missing)
            warnings.warn(f"jupyter_rerun: a stored result of {self.identity} could not be "
                          f"loaded here ({type(error).__name__}: {error}); computing it again",
                          StoreWarning, stacklevel=3)
            return _ABSENT
        stored = freeze(value, self.identity) if copy_on_write_safe(value) else \
            Stored(payload, None, len(payload))
        self.table.put(key, stored, stored.size)
        self.hits += 1
        self.store_hits += 1
        return value

    def _lookup(self, key: bytes) -> tuple[Any, str]:
        entry, why = self.table.get(key)
        if entry is not None and self.validate is not None and not self.validate(entry.value):
            self.table.remove(key)
            return None, "validate returned False"
        return entry, why

    def _give(self, value: Any) -> Any:
        return thaw(value) if self.kind == DATA else value

    def _compute(self, key: bytes, why: str, keys: CallKey, function: Callable[..., Any],
                 spinner: str | bool, args: tuple, kwargs: dict) -> Any:
        while True:  # single flight: one thread computes a key, the others wait for it
            with self._lock:
                flight = self._in_flight.get(key)
                leading = flight is None
                if leading:
                    flight = self._in_flight[key] = threading.Event()
            if leading:
                break
            flight.wait()
            entry, _ = self._lookup(key)
            if entry is not None:
                self.hits += 1
                return self._give(entry.value)
            # the leader failed (its exception is not cached): try to lead
        try:
            self.misses += 1
            self.last_miss = why or self._explain(keys)
            self._previous = (keys.prefix, keys.last)
            text = spinner if isinstance(spinner, str) else f"Running {keys.name}(…)"
            with spinning(text) if spinner else contextlib.nullcontext():
                value = function(*args, **kwargs)
            if self.kind == DATA:
                stored = freeze(value, keys.name)
                self.table.put(key, stored, stored.size)
                if self.persistent is not None:
                    self.persistent.save(self.identity, key, blob_of(stored, keys.name),
                                         self.table.ttl)
            else:
                self.table.put(key, value, 0)
            return value
        finally:
            with self._lock:
                del self._in_flight[key]
            flight.set()

    def _explain(self, keys: CallKey) -> str:
        if self._previous is None:
            return "first call"
        prefix, last = self._previous
        if prefix != keys.prefix:
            return f"the code of {keys.name}() changed"
        return keys.explain(last)

    def clear(self, persistent: bool = False) -> None:
        """Forget the entries in memory (and, with `persistent`, in its store)."""
        self.table.clear()
        if persistent and self.persistent is not None:
            self.persistent.clear(self.identity)

    def info(self) -> dict[str, Any]:
        return {"function": self.identity, "kind": self.kind, "entries": len(self.table),
                "hits": self.hits, "misses": self.misses, "bytes": self.table.bytes,
                "last_miss": self.last_miss, "store_hits": self.store_hits,
                "store": self.persistent.location if self.persistent is not None else "memory"}


CACHES: dict[tuple[str, str], FunctionCache] = {}
_caches_lock = threading.Lock()


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

    def _wrap(self, function: Callable[..., Any], settings: dict[str, Any]) -> Callable[..., Any]:
        if not callable(function):
            raise OptionError(
                f"@jr.{self.kind} decorates a function; got {function!r}. Write @jr.{self.kind} "
                f"or @jr.{self.kind}(ttl='1h') directly above a def")
        if inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function):
            raise OptionError(f"@jr.{self.kind} cannot cache async function "
                              f"{function.__qualname__}(); cache a sync function that does the work")
        identity = qualified_name(function)
        with _caches_lock:
            cache = CACHES.get((self.kind, identity))
            if cache is None:
                cache = CACHES[(self.kind, identity)] = FunctionCache(self.kind, identity)
        cache.configure(settings)
        keys = CallKey(function, settings["hash_funcs"])
        spinner = settings["show_spinner"]

        @functools.wraps(function)
        def cached(*args: Any, **kwargs: Any) -> Any:
            return cache.call(keys, function, spinner, args, kwargs)

        cached.clear = cache.clear  # type: ignore[attr-defined]
        cached.cache_info = cache.info  # type: ignore[attr-defined]
        cached.__jupyter_rerun_cache__ = cache  # type: ignore[attr-defined]
        return cached

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
max_size (bytes, '500MB'), show_spinner (True, False, or a text), persist (True/'disk', a
path, or 'redis://host:port/db': share results across kernels), hash_funcs ({type: func}).
`f.clear()` clears one function, `jr.cache_data.clear()` all; `f.cache_info()` explains.
"""

cache_resource = CacheDecorator(RESOURCE)
cache_resource.__doc__ = """Cache one shared object per key (a connection, a model, a client).

Every hit returns the same object. `validate(obj)` is called on each hit (a falsy answer
recomputes); `on_release(obj)` is called when the object is evicted or cleared. Resources
stay in this kernel: they are never written to a persistent store. Options: ttl,
max_entries, show_spinner, validate, on_release, hash_funcs.
"""
