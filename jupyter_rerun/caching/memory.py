"""The in-memory tier: one LRU table per cached function, with ttl and size bounds, under a
process-wide byte budget (`%config JupyterRerun.max_cache_size`)."""

from __future__ import annotations

import itertools
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_ticks = itertools.count()  # global recency, so the budget can evict across tables
EVICTED_MEMORY = 1024  # how many evicted keys a table remembers, to say "evicted"


@dataclass
class Entry:
    value: Any
    size: int
    expires: float | None  # time.monotonic() deadline, or None
    tick: int = 0
    replay: Any = None  # what the miss drew in a %%rerun run (replay.Replay), drawn on hits


class MemoryTable:
    """Entries of one cached function, least recently used first."""

    def __init__(self, ttl: float | None = None, max_entries: int | None = None,
                 max_size: int | None = None,
                 on_release: Callable[[Any], None] | None = None) -> None:
        self.ttl, self.max_entries, self.max_size = ttl, max_entries, max_size
        self.on_release = on_release  # called with each value removed (cache_resource)
        self._entries: OrderedDict[bytes, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._evicted: OrderedDict[bytes, None] = OrderedDict()
        self.bytes = 0
        BUDGET.register(self)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: bytes) -> tuple[Entry | None, str]:
        """(entry, "") on a hit; (None, why) on a miss: "expired", "evicted" or ""."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None, "evicted" if key in self._evicted else ""
            if entry.expires is not None and time.monotonic() >= entry.expires:
                released = self._drop(key)
            else:
                self._entries.move_to_end(key)
                entry.tick = next(_ticks)
                return entry, ""
        self._release([released])
        return None, "expired"

    def put(self, key: bytes, value: Any, size: int, ttl: float | None = None,
            replay: Any = None) -> None:
        ttl = ttl if ttl is not None else self.ttl
        expires = time.monotonic() + ttl if ttl is not None else None
        released = []
        with self._lock:
            if key in self._entries:
                released.append(self._drop(key, evicted=False))
            self._entries[key] = Entry(value, size, expires, next(_ticks), replay)
            self.bytes += size
            self._evicted.pop(key, None)
            while self._entries and (
                    (self.max_entries is not None and len(self._entries) > self.max_entries)
                    or (self.max_size is not None and self.bytes > self.max_size)):
                released.append(self._drop(next(iter(self._entries))))
        self._release(released)
        BUDGET.enforce()

    def values(self) -> list[Any]:
        """The values kept now (for estimating their size)."""
        with self._lock:
            return [entry.value for entry in self._entries.values()]

    def evict_oldest(self) -> None:
        with self._lock:
            released = [self._drop(next(iter(self._entries)))] if self._entries else []
        self._release(released)

    def remove(self, key: bytes) -> None:
        with self._lock:
            released = [self._drop(key, evicted=False)] if key in self._entries else []
        self._release(released)

    def oldest_tick(self) -> int | None:
        with self._lock:
            return self._entries[next(iter(self._entries))].tick if self._entries else None

    def _drop(self, key: bytes, evicted: bool = True) -> Any:
        """Remove an entry (the caller holds the lock); return its value for _release."""
        entry = self._entries.pop(key)
        self.bytes -= entry.size
        if evicted:
            self._evicted[key] = None
            if len(self._evicted) > EVICTED_MEMORY:
                self._evicted.popitem(last=False)
        return entry.value

    def _release(self, values: list[Any]) -> None:
        """on_release for removed values, outside the lock (it is the user's code)."""
        if self.on_release is not None:
            for value in values:
                self.on_release(value)

    def clear(self) -> None:
        with self._lock:
            released = [self._drop(key, evicted=False) for key in list(self._entries)]
            self._evicted.clear()
        self._release(released)


class Budget:
    """Keeps all tables together under `limit` bytes, evicting least recently used first."""

    def __init__(self) -> None:
        self.limit: int | None = None
        self._tables: weakref.WeakSet[MemoryTable] = weakref.WeakSet()
        self._lock = threading.Lock()

    def register(self, table: MemoryTable) -> None:
        with self._lock:
            self._tables.add(table)

    def total(self) -> int:
        return sum(table.bytes for table in list(self._tables))

    def enforce(self) -> None:
        if self.limit is None:
            return
        with self._lock:
            while self.total() > self.limit:
                tables = [(t.oldest_tick(), id(t), t) for t in list(self._tables)]
                tables = [entry for entry in tables if entry[0] is not None]
                if not tables:
                    return
                min(tables)[2].evict_oldest()


BUDGET = Budget()
