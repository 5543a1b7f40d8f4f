"""A store whose failures never reach the user's call.

An unreachable or hostile Redis, a read-only or full disk, a broken index, a folder that
cannot be made or that others can write, a secret that is refused: the call becomes a miss
(or a write that did not happen), the value is computed and returned as if there were no
store, and the user sees one warning per outage. The store is tried again after
`RETRY_AFTER` seconds; a success after an outage says so, once. A store given as an opener
is opened at the first attempt, so a store that cannot be opened is an outage too.
"""

from __future__ import annotations

import threading
import time
import warnings
from collections.abc import Callable
from typing import Any

from ..errors import StoreError

RETRY_AFTER = 5.0


class StoreWarning(UserWarning):
    """A cache store failed; the cache went on without it."""


class Guarded:
    def __init__(self, store: Any, spec: str, *, opener: Callable[[], Any] | None = None,
                 location: str | None = None) -> None:
        self.store = store  # None until `opener` has opened it
        self.spec = spec
        self.location = location if location is not None else store.location
        self._opener = opener
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()
        self.failures = 0

    @classmethod
    def opening(cls, opener: Callable[[], Any], spec: str, location: str) -> Guarded:
        """A guarded store opened now if it can be, else warned about and tried again later."""
        guarded = cls(None, spec, opener=opener, location=location)
        guarded.attempt("open", guarded._opened, None)
        return guarded

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

    def leases(self, signer: Any) -> Any:
        """The store's leases (leases.py), or None: a store without them (memory), or down."""
        def opened() -> Any:
            make = getattr(self._opened(), "leases", None)
            return make(signer) if make is not None else None

        return self.attempt("leases", opened, None)

    def close(self) -> None:
        if self.store is not None:
            self._call("close", None)

    def attempt(self, operation: str, function: Callable[[], Any], fallback: Any) -> Any:
        """`function()`, or `fallback` while the store is down or if it fails."""
        if time.monotonic() < self._down_until:
            return fallback
        try:
            result = function()
        except Exception as error:  # any failure of the store: the cache goes on without it
            self._fail(operation, error)
            return fallback
        if self._down:
            with self._lock:
                self._down = False
            warnings.warn(f"jupyter_rerun: the cache store {self.location} works again",
                          StoreWarning, stacklevel=4)
        return result

    def _call(self, operation: str, fallback: Any, *args: Any) -> Any:
        return self.attempt(operation, lambda: getattr(self._opened(), operation)(*args),
                            fallback)

    def _opened(self) -> Any:
        if self.store is None:
            with self._lock:
                if self.store is None:
                    self.store = self._opener()
        return self.store

    def _fail(self, operation: str, error: Exception) -> None:
        with self._lock:
            self.failures += 1
            self._down_until = time.monotonic() + RETRY_AFTER
            first = not self._down
            self._down = True
        if not first:
            return
        if isinstance(error, StoreError):  # refused or cannot be opened: the error says why
            message = (f"not using the cache store {self.location}: {error}. Values are "
                       f"computed without it; it is checked again every {RETRY_AFTER:.0f} s")
        else:
            message = (f"the cache store {self.location} failed ({operation}: "
                       f"{type(error).__name__}: {error}); values are computed without it "
                       f"until it answers again (retried every {RETRY_AFTER:.0f} s)")
        warnings.warn(f"jupyter_rerun: {message}", StoreWarning, stacklevel=4)
