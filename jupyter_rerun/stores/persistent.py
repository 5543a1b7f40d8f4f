"""A persistent store as caches use it: entries signed, verified before use, failures
tolerated. A key names its cache (`<cache identity>/<digest>`), so one cache's entries can be
cleared by prefix; the digest carries the format version, so other versions never match.
Without a usable secret (signing.py refuses it) nothing is read or written: the secret is
tried like the store itself, warned about once, and tried again later."""

from __future__ import annotations

import threading
import warnings
from typing import Any

from .guarded import Guarded, StoreWarning
from .signing import Signer


class Persistent:
    def __init__(self, store: Guarded, signer: Signer | None = None) -> None:
        self.store = store
        self.spec = store.spec
        self.location = store.location
        self._signer = signer if signer is not None else store.attempt("secret", Signer, None)
        self._rejected_warned = False
        self._lock = threading.Lock()
        self.rejected = 0  # entries that failed verification and were ignored
        self._leases: Any = None

    def leases(self) -> Any:
        """The store's leases, for single flight across kernels (leases.py); None without
        them (a memory store) or while the store or the secret is refused."""
        if self._leases is None:
            signer = self._secret()
            if signer is not None:
                self._leases = self.store.leases(signer)
        return self._leases

    def load(self, cache: str, key: bytes) -> bytes | None:
        signer = self._secret()
        if signer is None:
            return None
        name = self.name(cache, key)
        entry = self.store.get(name)
        if entry is None:
            return None
        payload = signer.open(name, entry)
        if payload is None:
            self._reject(name)
        return payload

    def save(self, cache: str, key: bytes, payload: bytes, ttl: float | None) -> None:
        signer = self._secret()
        if signer is not None:
            name = self.name(cache, key)
            self.store.set(name, signer.seal(name, payload), ttl)

    def forget(self, cache: str, key: bytes) -> None:
        """Delete one entry (`f.clear(args)`)."""
        self.store.delete(self.name(cache, key))

    def clear(self, cache: str | None = None) -> int:
        return self.store.clear("" if cache is None else f"{cache}/")

    def stats(self) -> dict[str, Any]:
        return self.store.stats()

    def _secret(self) -> Signer | None:
        if self._signer is None:
            self._signer = self.store.attempt("secret", Signer, None)
        return self._signer

    @staticmethod
    def name(cache: str, key: bytes) -> str:
        return f"{cache}/{key.hex()}"

    def _reject(self, name: str) -> None:
        with self._lock:
            self.rejected += 1
            first = not self._rejected_warned
            self._rejected_warned = True
        if first:
            warnings.warn(
                f"jupyter_rerun: ignored a cache entry in {self.location} that failed "
                f"verification ({name}): corrupted, truncated, or written with another "
                "secret. It was not unpickled; it will be computed again and overwritten. "
                "(Warned once per store.)", StoreWarning, stacklevel=4)
