"""A store on a Redis server, for kernels on many machines (JupyterHub, several Voila
servers). Every operation has a whole-operation deadline (deadline.py; 0.5 s unless the URL
says `?timeout=2`): an unreachable, slow or hostile server costs a warning, never a hang.

Size: Redis bounds memory itself; set `maxmemory` and `maxmemory-policy allkeys-lru` on the
server for a shared cache (every entry also carries its ttl when one is given). Counting
and clearing walk the keyspace a page at a time in a Lua script, so they take one round trip
per page of 20,000 keys, not one per entry, however many keys other programs keep there
(two per page where the server refuses scripts).

Single flight across kernels (leases.py): a lease is a signed value under
`jupyter_rerun-lease:<key>`, taken with `SET … NX PX`, renewed and taken over with a
compare-and-set script, released with a compare-and-delete script that also publishes on
`jupyter_rerun-released:<key>`, where waiters listen (they poll, with backoff, where the
server refuses pub/sub). Where the server refuses scripts, kernels compute on their own.
"""

from __future__ import annotations

import time
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from .deadline import DEFAULT_TIMEOUT, Deadline, StoreTimeout
from .leases import LEASE, NoLeases, SignedLeases

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

# Leases. A key of another type planted under a lease key is not ours: it is replaced.
_TAKE = """
local kind = redis.call('TYPE', KEYS[1])['ok']
if kind ~= 'none' and kind ~= 'string' then redis.call('DEL', KEYS[1]) end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])
"""
_SWAP = """
if redis.pcall('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
"""
_RELEASE = """
if redis.pcall('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.pcall('PUBLISH', ARGV[2], '1')  -- refused by an ACL: waiters poll
return 1
"""
POLL_FIRST, POLL_MOST = 0.005, 0.2  # seconds between looks where pub/sub is refused


class RedisStore:
    def __init__(self, url: str, namespace: str = "jupyter_rerun:",
                 timeout: float = DEFAULT_TIMEOUT, lease: float = LEASE) -> None:
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
        self.lease = lease
        self.round_trips = 0  # commands sent, for benchmarks
        self._leases = namespace.rstrip(":") + "-lease:"
        self._released = namespace.rstrip(":") + "-released:"
        self._take = self._client.register_script(_TAKE)
        self._swap = self._client.register_script(_SWAP)
        self._release = self._client.register_script(_RELEASE)
        self._lease_scripts = True  # until the server refuses them
        self._pubsub = True  # until the server refuses it

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

    def leases(self, signer: Any) -> SignedLeases:
        return SignedLeases(self, signer.tag, self.lease)

    def lease_take(self, name: str, value: bytes, milliseconds: int) -> bytes | None:
        return self._lease_script(self._take, name, value, milliseconds)

    def lease_swap(self, name: str, old: bytes, new: bytes, milliseconds: int) -> bool:
        return bool(self._lease_script(self._swap, name, old, new, milliseconds))

    def lease_release(self, name: str, value: bytes) -> bool:
        return bool(self._lease_script(self._release, name, value, self._released + name))

    def lease_wait(self, name: str, value: bytes, seconds: float) -> None:
        """Return once the lease under `name` is no longer `value`, or after `seconds`:
        woken by the holder's release message, else by polling."""
        until = time.monotonic() + seconds
        if self._pubsub:
            pubsub = self._client.pubsub()
            try:
                if self._listen(pubsub, self._released + name):
                    self._until_released(pubsub, name, value, until)
                    return
            finally:
                pubsub.close()
        pause = POLL_FIRST
        while (left := until - time.monotonic()) > 0:
            time.sleep(min(pause, left))
            pause = min(pause * 1.5, POLL_MOST)
            if self._run(self._client.get, self._leases + name) != value:
                return

    def _listen(self, pubsub: Any, channel: str) -> bool:
        """Subscribe, and read the confirmation: from then on no release is missed. False
        where the server refuses pub/sub (an ACL)."""
        def subscribe() -> None:
            pubsub.subscribe(channel)
            while True:
                message = pubsub.get_message(timeout=self.timeout)
                if message is None:
                    raise StoreTimeout("no answer to SUBSCRIBE within the deadline")
                if message["type"] == "subscribe":
                    return

        self.round_trips += 1
        try:
            self._deadline.apart(subscribe)  # it connects: a worker's job (deadline.py)
        except redis.ResponseError:
            self._pubsub = False
            return False
        return True

    def _until_released(self, pubsub: Any, name: str, value: bytes, until: float) -> None:
        key = self._leases + name
        while self._run(self._client.get, key) == value:
            while True:
                left = until - time.monotonic()
                if left <= 0:
                    return
                # waiting for data is bounded by `left`; reading what came, by the deadline
                if pubsub.connection.can_read(timeout=min(left, 1.0)):
                    message = self._deadline.run(pubsub.get_message, False, 0.0)
                    if message is not None and message["type"] == "message":
                        break  # released, or a message of someone else's: look

    def _lease_script(self, script: Any, name: str, *args: Any) -> Any:
        if not self._lease_scripts:
            raise NoLeases("the server refuses scripts")
        try:
            return self._run(script, [self._leases + name], list(args))
        except redis.ResponseError as error:
            if not isinstance(error, redis.exceptions.NoPermissionError) \
                    and "unknown command" not in str(error):
                raise
            self._lease_scripts = False
            raise NoLeases(f"the server refuses scripts ({error})") from None

    def close(self) -> None:
        self._deadline.close()
        self._client.close()

    def _run(self, command: Any, *args: Any) -> Any:
        """A command within the deadline. Connecting (a name lookup a closed socket cannot
        wake) happens on a worker; the command itself in this thread (deadline.py says why)."""
        if not self._connected:
            self._deadline.apart(self._client.ping)
            self._connected = True
        self.round_trips += 1
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
