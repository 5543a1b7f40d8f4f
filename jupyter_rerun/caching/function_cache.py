"""The cache of one cached function: its table, its statistics, hits, misses and clearing.

A call is `find` (a hit returns the value; a miss returns a `Flight`, see flight.py), then,
on a miss, the function runs and `keep` stores its result with what it drew (replay.py).
One FunctionCache serves every definition of a function (it is named by module and name),
so redefining a function in a new cell keeps its entries and statistics.
"""

from __future__ import annotations

import inspect
import pickle
import threading
import warnings
from collections.abc import Callable
from typing import Any

from ..errors import CachedWidgetWarning, UncacheableResultError
from ..rerun.context import current_run
from ..stores.guarded import StoreWarning
from . import sizes
from ..stores import leases
from .flight import Flight, computing
from .keys import CallKey
from .memory import Entry, MemoryTable
from .spinner import waiting_text
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
        self.widget_warned = False
        self._previous: tuple[bytes, Any] | None = None  # (code prefix, CallKey.last) of the last call
        self._lock = threading.Lock()
        self._in_flight: dict[bytes, Flight] = {}

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

    def find(self, call: Any, args: tuple, kwargs: dict) -> tuple[bool, Any]:
        """(True, value) on a hit; (False, flight) on a miss, which the caller computes
        inside `with flight:` and hands to `keep`. `call` is the wrapper's (decorators._Call):
        its keys, and its spinner text for a miss."""
        run = current_run()
        if run is not None:
            run.checkpoint()
        keys = call.keys
        key = keys.key(args, kwargs)
        entry, why = self._lookup(key)
        if entry is not None:
            if entry.replay is None or run is None or entry.replay.draw(run):
                self.hits += 1
                self._previous = (keys.prefix, keys.last)
                return True, self._give(entry.value)
            self.table.remove(key)
            why = "what it drew is no longer shown"
        elif self.persistent is not None:
            found = self._from_store(key)
            if found is not _ABSENT:
                self._previous = (keys.prefix, keys.last)
                return True, found
        return self._begin(key, why, keys, run, call)

    def _begin(self, key: bytes, why: str, keys: CallKey, run: Any,
               call: Any) -> tuple[bool, Any]:
        """A flight for a missed key, or the value another thread (or, through the store,
        another kernel) computed meanwhile."""
        thread = threading.get_ident()
        nested = computing()  # inside a miss: compute, never wait (flight.computing)
        while True:
            with self._lock:
                leader = self._in_flight.get(key)
                if leader is None or leader.thread == thread or nested:
                    flight = Flight(key, self._in_flight if leader is None else None,
                                    call.spinner, run)
                    break
            leader.wait()
            entry, _ = self._lookup(key)
            if entry is not None and (entry.replay is None or run is None or entry.replay.draw(run)):
                self.hits += 1
                return True, self._give(entry.value)
            # the leader failed (its exception is not cached): try to lead
        if flight.leads and not nested and self.persistent is not None:
            found = self._share(flight, key, call)
            if found is not _ABSENT:
                self._previous = (keys.prefix, keys.last)
                return True, found
        with self._lock:
            self.misses += 1
            self.last_miss = why or self._explain(keys)
            self._previous = (keys.prefix, keys.last)
        return False, flight  # from here only the caller's `with flight:` finishes it

    def _share(self, flight: Flight, key: bytes, call: Any) -> Any:
        """Single flight across kernels (stores/leases.py): the value another kernel stored
        while this one waited for it, or _ABSENT with the flight holding the lease (if the
        store keeps leases) to compute it."""
        try:
            claim = leases.claim(self.persistent, self.identity, key,
                                 waiting_text(call.spinner, call.name))
            if claim.payload is not None:
                value = self._adopt(key, claim.payload)
                if value is not _ABSENT:
                    flight.abandon()  # this kernel's other threads find it in the table
                    return value
            flight.lease = claim.lease
            return _ABSENT
        except BaseException:  # an interrupt while waiting: nothing stays in flight
            flight.abandon()
            raise

    def keep(self, flight: Flight, value: Any, name: str) -> Any:
        """Store what a miss computed, with what it drew; return the value."""
        if inspect.isgenerator(value):
            raise UncacheableResultError(
                f"{name}() returned a generator, which is used up once it is read: every hit "
                f"after the first would get an empty one. Return a list (return list(...))")
        replay = None
        if flight.recording is not None:
            replay = flight.recording.replay()
            if flight.recording.widgets:
                self._warn_widgets(name, flight.recording.widgets)
        if self.kind == DATA:
            stored = freeze(value, name)
            self.table.put(flight.key, stored, stored.size, replay=replay)
            if self.persistent is not None:
                self.persistent.save(self.identity, flight.key, blob_of(stored, name),
                                     self.table.ttl)
        else:
            self.table.put(flight.key, value, 0, replay=replay)
        return value

    def _warn_widgets(self, name: str, widgets: list[str]) -> None:
        if self.widget_warned:
            return
        self.widget_warned = True
        drawn = ", ".join(f"jr.{widget}()" for widget in dict.fromkeys(widgets))
        warnings.warn(
            f"{name}() draws a widget ({drawn}) inside @jr.{self.kind}. A hit draws it again, "
            "but the function runs only on a miss, so changing the widget does not reach it. "
            "Call the widget outside the cached function and pass its value as an argument. "
            "(Warned once per function.)", CachedWidgetWarning, stacklevel=4)

    def _from_store(self, key: bytes) -> Any:
        """A value another kernel (or an earlier session) computed, kept in memory too."""
        payload = self.persistent.load(self.identity, key)
        if payload is None:
            return _ABSENT
        return self._adopt(key, payload)

    def _adopt(self, key: bytes, payload: Any) -> Any:
        """A verified payload from the store as this cache's value (or _ABSENT)."""
        try:
            value = pickle.loads(payload)
        except Exception as error:  # verified but not loadable here (e.g. a class is missing)
            warnings.warn(f"jupyter_rerun: a stored result of {self.identity} could not be "
                          f"loaded here ({type(error).__name__}: {error}); computing it again",
                          StoreWarning, stacklevel=4)
            return _ABSENT
        stored = freeze(value, self.identity) if copy_on_write_safe(value) else \
            Stored(payload, None, len(payload))
        self.table.put(key, stored, stored.size)
        self.hits += 1
        self.store_hits += 1
        return value

    def _lookup(self, key: bytes) -> tuple[Entry | None, str]:
        entry, why = self.table.get(key)
        if entry is not None and self.validate is not None and not self.validate(entry.value):
            self.table.remove(key)
            return None, "validate returned False"
        return entry, why

    def _give(self, value: Any) -> Any:
        return thaw(value) if self.kind == DATA else value

    def _explain(self, keys: CallKey) -> str:
        if self._previous is None:
            return "first call"
        prefix, last = self._previous
        if prefix != keys.prefix:
            return f"the code of {keys.name}() changed"
        return keys.explain(last)

    def clear(self, *, persistent: bool = False) -> None:
        """Forget the entries in memory (and, with `persistent`, in its store)."""
        self.table.clear()
        if persistent and self.persistent is not None:
            self.persistent.clear(self.identity)

    def forget(self, key: bytes) -> None:
        """Forget the entry under `key`, in memory and in its store."""
        self.table.remove(key)
        if self.persistent is not None:
            self.persistent.forget(self.identity, key)

    def info(self) -> dict[str, Any]:
        stored = self.table.bytes if self.kind == DATA else sizes.estimate(self.table.values())
        return {"function": self.identity, "kind": self.kind, "entries": len(self.table),
                "hits": self.hits, "misses": self.misses, "bytes": stored,
                "last_miss": self.last_miss, "store_hits": self.store_hits,
                "store": self.persistent.location if self.persistent is not None else "memory"}
