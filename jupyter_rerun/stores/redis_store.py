"""A store on a Redis server, for kernels on many machines (JupyterHub, several Voila
servers). Bounded timeouts: an unreachable server fails fast instead of hanging a cell.

Size: Redis bounds memory itself; set `maxmemory` and `maxmemory-policy allkeys-lru` on the
server for a shared cache (every entry also carries its ttl when one is given).
"""

from __future__ import annotations

from typing import Any

import redis

TIMEOUT = 0.5  # seconds, for connecting and for each command


class RedisStore:
    def __init__(self, url: str, namespace: str = "jupyter_rerun:") -> None:
        self._client = redis.Redis.from_url(url, socket_timeout=TIMEOUT,
                                            socket_connect_timeout=TIMEOUT,
                                            retry_on_timeout=False, health_check_interval=0)
        parsed = self._client.connection_pool.connection_kwargs
        self.location = (f"{url.split('://', 1)[0]}://{parsed.get('host', '?')}:"
                         f"{parsed.get('port', '?')}/{parsed.get('db', 0)}")
        self._namespace = namespace

    def get(self, key: str) -> bytes | None:
        return self._client.get(self._namespace + key)

    def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        self._client.set(self._namespace + key, value,
                         px=max(1, int(ttl * 1000)) if ttl is not None else None)

    def delete(self, key: str) -> None:
        self._client.delete(self._namespace + key)

    def clear(self, prefix: str = "") -> int:
        count = 0
        batch: list[bytes] = []
        for key in self._client.scan_iter(match=_glob(self._namespace + prefix) + "*", count=1000):
            batch.append(key)
            if len(batch) == 500:
                count += self._client.delete(*batch)
                batch.clear()
        if batch:
            count += self._client.delete(*batch)
        return count

    def stats(self) -> dict[str, Any]:
        entries = size = 0
        for key in self._client.scan_iter(match=_glob(self._namespace) + "*", count=1000):
            entries += 1
            size += self._client.strlen(key)
        return {"entries": entries, "bytes": size}

    def close(self) -> None:
        self._client.close()


def _glob(text: str) -> str:
    """Escape Redis glob characters in a literal prefix."""
    return "".join("\\" + c if c in "*?[]\\" else c for c in text)
