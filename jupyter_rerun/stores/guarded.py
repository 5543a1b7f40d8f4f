"""A store whose failures never reach the user's call.

An unreachable Redis, a read-only or full disk, a broken index: the call becomes a miss (or
a write that did not happen), the value is computed and returned as if there were no
store, and the user sees one warning per outage. The store is tried again after
`RETRY_AFTER` seconds; a success after an outage says so, once.
"""

from __future__ import annotations

import threading
import time
import warnings
from typing import Any

RETRY_AFTER = 5.0


class StoreWarning(UserWarning):
    """A cache store failed; the cache went on without it."""


class Guarded:
    def __init__(self, store: Any, spec: str) -> None:
        self.store = store
        self.spec = spec
        self.location = store.location
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()
        self.failures = 0

    def get(self, key: str) -> bytes | None:
        return self._call("get", None, key)

    def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        self._call("set", None, key, value, ttl)

    def delete(self, key: str) -> None:
        self._call("delete", None, key)

    def clear(self, prefix: str = "") -> int:
        return self._call("clear", 0, prefix)

    def stats(self) -> dict[str, Any]:
        return self._call("stats", {"entries": "?", "bytes": "?"})

    def close(self) -> None:
        self._call("close", None)

    def _call(self, operation: str, fallback: Any, *args: Any) -> Any:
        if time.monotonic() < self._down_until:
            return fallback
        try:
            result = getattr(self.store, operation)(*args)
        except Exception as error:  # any failure of the store: the cache goes on without it
            self._fail(operation, error)
            return fallback
        if self._down:
            with self._lock:
                self._down = False
            warnings.warn(f"jupyter_rerun: the cache store {self.location} works again",
                          StoreWarning, stacklevel=4)
        return result

    def _fail(self, operation: str, error: Exception) -> None:
        with self._lock:
            self.failures += 1
            self._down_until = time.monotonic() + RETRY_AFTER
            first = not self._down
            self._down = True
        if first:
            warnings.warn(
                f"jupyter_rerun: the cache store {self.location} failed ({operation}: "
                f"{type(error).__name__}: {error}); values are computed without it until it "
                f"answers again (retried every {RETRY_AFTER:.0f} s)", StoreWarning, stacklevel=4)
