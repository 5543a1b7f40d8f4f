"""Single flight across kernels: the first kernel to miss a key computes it; the others wait
for its result and read it from the store.

    claim = leases.claim(persistent, cache, key, "Another kernel is computing f(…)")
    claim.payload   # the verified bytes another kernel stored while we waited, or None
    claim.lease     # held by this kernel: compute, store the value, then release it

A lease lasts `seconds` (10 s unless the store's URL says `?lease=2`) and is renewed every
third of that by one thread per process while the computation runs. How each store keeps
one: the disk store with a lock file per key that the operating system releases when its
process dies (disk_leases.py); Redis with a signed value under a key of its own,
`SET … NX PX` (SignedLeases, below).

The rules that keep every kernel moving:
* Who may wait: only a thread's outermost miss. A miss inside a computation computes (it
  neither takes a lease nor waits for one), so a kernel that holds a lease never waits for
  another kernel, and no cycle of kernels waiting for each other can form, whatever calls
  what (flight.py applies the same rule between threads).
* A holder that dies (SIGKILL, a kernel restart) or stops answering (frozen: its renewals
  stop) hands the key to one waiter, the first to take the lease after it.
* An exception in the holder is not cached: its lease is released, and one waiter takes the
  lease and computes again (as a waiting thread does in one kernel, and as Streamlit does);
  the others wait for that one.
* A store that fails while a kernel waits or holds costs one warning (guarded.py): the
  kernel computes on its own.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from .guarded import StoreWarning

LEASE = 10.0  # seconds a lease lasts without a renewal; ?lease=SECONDS in the store's URL


class NoLeases(Exception):
    """The store cannot keep leases (a Redis that refuses scripts): compute on your own."""


class Held(Protocol):
    """A lease as a store keeps it, held by this kernel."""

    seconds: float

    def renew(self) -> bool:
        """Extend it; False if it was lost (another kernel took it over)."""

    def release(self) -> None: ...


@dataclass
class Busy:
    """Another kernel holds the lease: what to wait on, and until when at most."""

    name: str
    handle: Any  # the store's own: the holder's value (Redis), the lock file (disk)
    until: float  # time.monotonic() at which to look again even if nothing woke us


@dataclass
class Claim:
    payload: bytes | memoryview | None = None  # verified: another kernel's value
    lease: Lease | None = None  # this kernel computes, stores, then releases it


class Lease:
    """A lease this kernel holds, renewed in the background until it is released."""

    def __init__(self, held: Held, store: Any) -> None:
        self._held, self._store = held, store
        self.seconds = held.seconds
        self.due = time.monotonic() + held.seconds / 3
        self._lock = threading.Lock()  # a renewal never runs on a released lease
        self._released = False

    def renew(self) -> None:
        with self._lock:
            if self._released:
                return
            kept = self._store.attempt("renew a lease", self._held.renew, False)
            self.due = time.monotonic() + self.seconds / 3
        if not kept:
            _renewer.discard(self)  # taken over: the value is stored all the same

    def release(self) -> None:
        _renewer.discard(self)
        with self._lock:
            if self._released:
                return
            self._released = True
            self._store.attempt("release a lease", self._held.release, None)


def claim(persistent: Any, cache: str, key: bytes, waiting: str | None) -> Claim:
    """Lead the computation of `key`, or wait for the kernel leading it and read its value.
    `waiting` is the spinner's text while waiting (None: no spinner). Claim() with neither
    a payload nor a lease means: compute here on your own (no leases, or the store failed)."""
    leases = persistent.leases()
    if leases is None:
        return Claim()
    name = persistent.name(cache, key)
    spinner = None
    try:
        while True:
            got = persistent.store.attempt("take a lease", lambda: leases.claim(name), None)
            if got is None:
                return Claim()
            if not isinstance(got, Busy):
                return _lead(persistent, cache, key, Lease(got, persistent.store))
            if spinner is None and waiting is not None:
                spinner = _spinner(waiting)
            if not persistent.store.attempt("wait for a lease",
                                            lambda: leases.wait(got) or True, False):
                return Claim()
            payload = persistent.load(cache, key)
            if payload is not None:
                return Claim(payload=payload)
    finally:
        if spinner is not None:
            spinner.stop()


def _lead(persistent: Any, cache: str, key: bytes, lease: Lease) -> Claim:
    try:
        payload = persistent.load(cache, key)  # the previous holder may have just stored it
    except BaseException:
        lease.release()
        raise
    if payload is not None:
        lease.release()
        return Claim(payload=payload)
    _renewer.add(lease)
    return Claim(lease=lease)


def _spinner(text: str) -> Any:
    from ..caching.spinner import Spinner

    spinner = Spinner(text)
    spinner.start()
    return spinner


class _Renewer:
    """One thread per process renews every lease the process holds, each every third of its
    duration. A daemon: it never holds up a kernel's exit."""

    def __init__(self) -> None:
        self._leases: set[Lease] = set()
        self._wake = threading.Condition()
        self._pid = 0

    def add(self, lease: Lease) -> None:
        with self._wake:
            if self._pid != os.getpid():  # none yet, or a forked child
                self._pid, self._leases = os.getpid(), set()
                threading.Thread(target=self._run, args=(self._pid,), daemon=True,
                                 name="jupyter_rerun leases").start()
            self._leases.add(lease)
            self._wake.notify()

    def discard(self, lease: Lease) -> None:
        with self._wake:
            self._leases.discard(lease)

    def _run(self, pid: int) -> None:
        while True:
            with self._wake:
                if pid != self._pid:
                    return
                now = time.monotonic()
                due = [lease for lease in self._leases if lease.due <= now]
                if not due:
                    self._wake.wait(min((lease.due for lease in self._leases), default=now + 60)
                                    - now)
                    continue
            for lease in due:  # outside the lock: a renewal is a store operation
                lease.renew()


_renewer = _Renewer()


class LeaseBackend(Protocol):
    """What a store offers SignedLeases (redis_store.py): atomic steps on one lease key."""

    def lease_take(self, name: str, value: bytes, milliseconds: int) -> bytes | None:
        """SET NX PX: None if taken, else the value that holds it."""

    def lease_swap(self, name: str, old: bytes, new: bytes, milliseconds: int) -> bool: ...

    def lease_release(self, name: str, value: bytes) -> bool: ...

    def lease_wait(self, name: str, value: bytes, seconds: float) -> None:
        """Return once the lease is released or no longer `value`, or after `seconds`."""


class SignedLeases:
    """Leases whose value is signed: `JRL1:<token>:<expires ms>:<HMAC>`.

    Whoever can write the store but lacks the secret can put anything under a lease key. A
    value that fails verification is taken over at once (compare-and-set), so it delays no
    one. A genuine value copied back (replayed) stops counting at the expiry it was signed
    with, so it delays a computation by one lease at most. Expiry is wall-clock time: the
    machines sharing a store must agree on the time (NTP) to well within a lease.
    """

    def __init__(self, backend: LeaseBackend, tag: Callable[[bytes], bytes],
                 seconds: float) -> None:
        self._backend, self._tag, self.seconds = backend, tag, seconds
        self._warned = False

    def claim(self, name: str) -> Held | Busy | None:
        mine = self._value(name)
        milliseconds = int(self.seconds * 1000)
        try:
            current = self._backend.lease_take(name, mine, milliseconds)
        except NoLeases as why:
            if not self._warned:
                self._warned = True
                warnings.warn(f"jupyter_rerun: {why}, so kernels that miss the same key at "
                              "once each compute it (no single flight across kernels). "
                              "(Warned once per store.)", StoreWarning, stacklevel=6)
            return None
        if current is None:
            return _SignedHeld(self, name, mine)
        expires = self.expiry(name, current)
        if expires is None or expires <= time.time():  # forged, or a replayed old lease
            if self._backend.lease_swap(name, current, mine, milliseconds):
                return _SignedHeld(self, name, mine)
            return Busy(name, None, time.monotonic())  # another waiter took it: look again
        return Busy(name, current, time.monotonic() + expires - time.time())

    def wait(self, busy: Busy) -> None:
        if busy.handle is not None:
            self._backend.lease_wait(busy.name, busy.handle, max(0.0, busy.until - time.monotonic()))

    def _value(self, name: str) -> bytes:
        token = secrets.token_hex(16).encode()
        expires = str(int((time.time() + self.seconds) * 1000)).encode()
        return b"JRL1:%s:%s:%s" % (token, expires, self._mac(name, token, expires))

    def _mac(self, name: str, token: bytes, expires: bytes) -> bytes:
        return self._tag(b"\0".join((b"lease", name.encode(), token, expires))).hex().encode()

    def expiry(self, name: str, value: bytes) -> float | None:
        """When a verified lease value expires (seconds since the epoch); None if forged."""
        parts = value.split(b":") if isinstance(value, bytes) else []
        if len(parts) != 4 or parts[0] != b"JRL1" or not parts[2].isdigit() or len(parts[2]) > 16:
            return None
        if not hmac.compare_digest(parts[3], self._mac(name, parts[1], parts[2])):
            return None
        return int(parts[2]) / 1000


class _SignedHeld:
    def __init__(self, leases: SignedLeases, name: str, value: bytes) -> None:
        self._leases, self._name, self._value = leases, name, value
        self.seconds = leases.seconds

    def renew(self) -> bool:
        new = self._leases._value(self._name)
        if not self._leases._backend.lease_swap(self._name, self._value, new,
                                                 int(self.seconds * 1000)):
            return False
        self._value = new
        return True

    def release(self) -> None:
        self._leases._backend.lease_release(self._name, self._value)


def digest(name: str) -> str:
    """A file name for a lease name (which holds a cache's module and function names)."""
    return hashlib.blake2b(name.encode(), digest_size=16).hexdigest()
