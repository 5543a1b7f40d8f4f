"""A store on a Redis server, for kernels on many machines (JupyterHub, several Voila
servers). Every operation has a whole-operation deadline (deadline.py; 0.5 s unless the URL
says `?timeout=2`): an unreachable, slow or hostile server costs a warning, never a hang.

Size: Redis bounds memory itself; set `maxmemory` and `maxmemory-policy allkeys-lru` on the
server for a shared cache (every entry also carries its ttl when one is given). Counting
and clearing walk the keyspace a page at a time in a Lua script, so they take one round trip
per page of 20,000 keys, not one per entry, however many keys other programs keep there
(two per page where the server refuses scripts).
"""

from __future__ import annotations

import time
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from .deadline import DEFAULT_TIMEOUT, Deadline, StoreTimeout

PAGE = 20_000  # keys SCAN visits per round trip of stats() and clear()
WALK_DEADLINE = 30  # deadlines that a whole walk of stats() or clear() may last

# One SCAN page; what matches is measured (or deleted) on the server, so keys never travel.
_MEASURE = """
local page = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])
local size = 0
for _, key in ipairs(page[2]) do
  local length = redis.pcall('STRLEN', key)
  if type(length) == 'number' then size = size + length end
end
return {page[1], #page[2], size}
"""
_DELETE = """
local page = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])
local deleted = 0
for _, key in ipairs(page[2]) do deleted = deleted + redis.call('UNLINK', key) end
return {page[1], deleted}
"""


class RedisStore:
    def __init__(self, url: str, namespace: str = "jupyter_rerun:",
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        # redis-py's own timeouts and retries only bound each step; the deadline bounds all
        self._client = redis.Redis.from_url(url, socket_timeout=timeout,
                                            socket_connect_timeout=timeout,
                                            retry=Retry(NoBackoff(), 0), health_check_interval=0)
        parsed = self._client.connection_pool.connection_kwargs
        self.location = (f"{url.split('://', 1)[0]}://{parsed.get('host', '?')}:"
                         f"{parsed.get('port', '?')}/{parsed.get('db', 0)}")
        self.timeout = timeout
        self._namespace = namespace
        self._deadline = Deadline(timeout, self._client.connection_pool.disconnect, self.location)
        self._measure = self._client.register_script(_MEASURE)
        self._delete = self._client.register_script(_DELETE)
        self._scripts = True  # until the server refuses them
        self._connected = False

    def get(self, key: str) -> bytes | None:
        try:
            return self._run(self._client.get, self._namespace + key)
        except redis.ResponseError as error:
            if not str(error).startswith("WRONGTYPE"):
                raise
            return b""  # a key of ours that is not a string: not an entry we wrote

    def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        self._run(self._client.set, self._namespace + key, value,
                  None, max(1, int(ttl * 1000)) if ttl is not None else None)

    def delete(self, key: str) -> None:
        self._run(self._client.delete, self._namespace + key)

    def clear(self, prefix: str = "") -> int:
        (deleted,) = self._walk(self._delete, prefix)
        return deleted

    def stats(self) -> dict[str, Any]:
        entries, size = self._walk(self._measure, "")
        return {"entries": entries, "bytes": size}

    def close(self) -> None:
        self._deadline.close()
        self._client.close()

    def _run(self, command: Any, *args: Any) -> Any:
        """A command within the deadline. Connecting (a name lookup a closed socket cannot
        wake) happens on a worker; the command itself in this thread (deadline.py says why)."""
        if not self._connected:
            self._deadline.apart(self._client.ping)
            self._connected = True
        try:
            return self._deadline.run(command, *args)
        except redis.ResponseError:
            raise  # the server answered: still connected
        except BaseException:
            self._connected = False
            raise

    def _walk(self, script: Any, prefix: str) -> list[int]:
        """Run `script` on every SCAN page of our keys under `prefix`; the summed counts."""
        pattern = _glob(self._namespace + prefix) + "*"
        cursor: Any = 0
        totals: list[int] = []
        give_up = time.monotonic() + WALK_DEADLINE * self.timeout
        while True:
            cursor, *counts = self._run(self._page, script, cursor, pattern)
            totals = [a + b for a, b in zip(totals, counts)] if totals else list(counts)
            if int(cursor) == 0:
                return totals
            if time.monotonic() > give_up:
                raise StoreTimeout(f"walking the keys took longer than "
                                   f"{WALK_DEADLINE * self.timeout:g} s")

    def _page(self, script: Any, cursor: Any, pattern: str) -> list[Any]:
        if self._scripts:
            try:
                return script([], [cursor, pattern, PAGE])
            except redis.ResponseError:  # scripting refused (an ACL, a managed service)
                self._scripts = False
        cursor, keys = self._client.scan(cursor, match=pattern, count=PAGE)
        if script is self._delete:  # the same page from here: two round trips, not one
            return [cursor, self._client.unlink(*keys) if keys else 0]
        with self._client.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.strlen(key)
            sizes = pipe.execute(raise_on_error=False)
        return [cursor, len(keys), sum(size for size in sizes if isinstance(size, int))]


def _glob(text: str) -> str:
    """Escape Redis glob characters in a literal prefix."""
    return "".join("\\" + c if c in "*?[]\\" else c for c in text)
