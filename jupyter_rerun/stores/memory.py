"""A store in this process's memory: LRU by bytes, with ttl."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any


class MemoryStore:
    """Bytes in a dict, least recently used first, bounded by `max_bytes`."""

    def __init__(self, max_bytes: int | None = None) -> None:
        self.location = "memory"
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[bytes, float | None]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[1] is not None and time.monotonic() >= entry[1]:
                self._remove(key)
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        expires = time.monotonic() + ttl if ttl is not None else None
        with self._lock:
            if key in self._entries:
                self._remove(key)
            self._entries[key] = (value, expires)
            self._bytes += len(value)
            while self.max_bytes is not None and self._bytes > self.max_bytes and self._entries:
                self._remove(next(iter(self._entries)))

    def delete(self, key: str) -> None:
        with self._lock:
            if key in self._entries:
                self._remove(key)

    def clear(self, prefix: str = "") -> int:
        with self._lock:
            doomed = [key for key in self._entries if key.startswith(prefix)]
            for key in doomed:
                self._remove(key)
        return len(doomed)

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {"entries": len(self._entries), "bytes": self._bytes}

    def close(self) -> None:
        pass

    def _remove(self, key: str) -> None:
        value, _ = self._entries.pop(key)
        self._bytes -= len(value)
