"""The store protocol: bytes in, bytes out.

A store keeps opaque bytes under string keys: `get`, `set` (with an optional ttl),
`delete`, `clear(prefix)` and `stats()`. Caches put signed, pickled entries in it
(`signing.py`); the store never interprets them.
"""

from __future__ import annotations

from typing import Any, Protocol


class Store(Protocol):
    """Bytes in, bytes out."""

    location: str  # where the bytes live, for %cache_info

    def get(self, key: str) -> bytes | None: ...

    def set(self, key: str, value: bytes, ttl: float | None = None) -> None: ...

    def delete(self, key: str) -> None: ...

    def clear(self, prefix: str = "") -> int:
        """Delete every key starting with `prefix`; return how many."""

    def stats(self) -> dict[str, Any]:
        """{"entries": n, "bytes": n} for the keys of this store."""

    def close(self) -> None: ...
