"""A store in a folder, on diskcache (SQLite index + files): safe for many processes.

Every kernel on a machine that opens the same folder shares its entries: every Voila viewer
of a dashboard, every notebook of a user. The folder is created with mode 0700. Size is
bounded by diskcache's own `size_limit` (least recently stored evicted first; default here
4 GB, `jr.open_store("disk:///path?size_limit=10GB")`).
"""

from __future__ import annotations

import os
from typing import Any

import diskcache

DEFAULT_SIZE_LIMIT = 4 * 10**9


class DiskStore:
    def __init__(self, directory: str, size_limit: int = DEFAULT_SIZE_LIMIT,
                 timeout: float = 2.0) -> None:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        self.location = directory
        self._cache = diskcache.Cache(directory, size_limit=size_limit, timeout=timeout,
                                      eviction_policy="least-recently-stored")

    def get(self, key: str) -> bytes | None:
        value = self._cache.get(key, default=None, retry=True)
        return bytes(value) if value is not None else None

    def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        self._cache.set(key, value, expire=ttl, retry=True)

    def delete(self, key: str) -> None:
        self._cache.delete(key, retry=True)

    def clear(self, prefix: str = "") -> int:
        doomed = [key for key in self._cache.iterkeys() if isinstance(key, str)
                  and key.startswith(prefix)]
        for key in doomed:
            self._cache.delete(key, retry=True)
        return len(doomed)

    def stats(self) -> dict[str, Any]:
        return {"entries": len(self._cache), "bytes": self._cache.volume()}

    def close(self) -> None:
        self._cache.close()
