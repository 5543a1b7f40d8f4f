"""One miss being computed: one thread per key, recursion as deep as without the cache, one
spinner, and a recording of what the function draws.

The wrapper of a cached function runs a miss as

    with flight:
        return cache.keep(flight, function(*args, **kwargs), name)

so while the user's function runs, the wrapper is the only frame of ours on the stack:
everything else a miss does happens in calls that have returned (`find`, `__enter__`) or
not yet started (`keep`, `__exit__`).
"""

from __future__ import annotations

import sys
import threading
from typing import Any

from .replay import Recording
from .spinner import Spinner

# Why the recursion limit moves: Python's limit counts frames, and each level of a recursive
# cached function that misses has FRAMES_PER_LEVEL frames of ours (the wrapper) besides the
# user's own. So fib(400), which plain Python runs in 400 frames, would need 800 and fail
# under the default limit of 1000. While a thread is inside n cached computations, the limit
# is raised by n * FRAMES_PER_LEVEL: the user's code gets exactly the depth it would get
# without the cache. It cannot run away: every level that raises the limit is itself at
# least one frame of the user's, so the limit stays below (1 + FRAMES_PER_LEVEL) times the
# one the user set, and a runaway recursion still ends in RecursionError. The C stack has
# room for it: the wrapper's call into the function is the one C-level call per level, and
# Python 3.10 makes one for every frame under the same default limit. The change is
# relative (the limit is process-wide and other threads nest too), under a lock.
FRAMES_PER_LEVEL = 1
_limit_lock = threading.Lock()


class _Computing(threading.local):
    def __init__(self) -> None:
        self.flights: list[Flight] = []  # this thread's misses in progress, outermost first


_computing = _Computing()


def computing() -> bool:
    """Whether this thread is inside a miss. Such a thread never waits for another thread's
    flight (or another kernel's lease, stores/leases.py): it computes. Only a thread that
    holds nothing waits, so no cycle of threads or kernels waiting for each other can form
    (T1 computing x calls y while T2 computing y calls x)."""
    return bool(_computing.flights)


class Flight:
    """A miss computing one key in one thread.

    Made under the cache's lock by `FunctionCache.find`. A flight that `leads` is the one
    other threads missing the key wait for (single flight). A thread that calls a key it is
    already computing (a recursion whose arguments differ only in `_`-parameters), or that
    is inside another miss (see `computing`), gets a flight that does not lead: it
    computes, as the function would without the cache, instead of waiting for itself (or
    for a thread that may be waiting for it) forever. A leading flight may hold a lease
    (stores/leases.py), released when it finishes: after `keep` stored the value.
    """

    def __init__(self, key: bytes, in_flight: dict[bytes, Flight] | None,
                 spinner: str | None, run: Any) -> None:
        self.key = key
        self.thread = threading.get_ident()
        self.leads = in_flight is not None
        self.lease: Any = None  # a stores.leases.Lease, held while it computes
        self._in_flight = in_flight  # where it is registered while it leads, else None
        self._done = threading.Lock()  # held while computing; waiters take it to wait
        self._done.acquire()
        self._spinner_text = spinner
        self._spinner: Spinner | None = None
        self._raised = False
        self.recording = Recording(run) if run is not None else None
        if in_flight is not None:
            in_flight[key] = self
        _computing.flights.append(self)

    def wait(self) -> None:
        """Block until this flight has finished (and stored its value, if it succeeded)."""
        with self._done:
            pass

    def __enter__(self) -> Flight:
        with _limit_lock:
            sys.setrecursionlimit(sys.getrecursionlimit() + FRAMES_PER_LEVEL)
            self._raised = True
        if self._spinner_text is not None and _computing.flights[0] is self:
            self._spinner = Spinner(self._spinner_text)  # only the outermost miss shows one
            self._spinner.start()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        # A RecursionError can reach the deepest levels' cleanup too (a call there is over
        # the limit). Whatever a deeper flight of this thread left undone, the first
        # flight above it to exit finishes, from a shallower frame: nothing stays in flight.
        flights = _computing.flights
        while self in flights:
            flights[-1].finish()
            flights.pop()

    def abandon(self) -> None:
        """End a flight that never computed (its value came from another kernel, or the
        wait for it was interrupted): as its `with` would have."""
        self.__exit__(None, None, None)

    def finish(self) -> None:
        """Undo what the flight set up. Each step marks itself done only once it happened,
        so calling this again after a step failed completes the rest."""
        if self.lease is not None:
            lease, self.lease = self.lease, None
            lease.release()  # guarded: never raises for a store's fault
        if self._in_flight is not None:
            if self._in_flight.get(self.key) is self:
                del self._in_flight[self.key]  # a dict operation: atomic under the GIL
            self._in_flight = None
        if self._done.locked():
            self._done.release()
        if self._raised:
            with _limit_lock:
                try:
                    sys.setrecursionlimit(sys.getrecursionlimit() - FRAMES_PER_LEVEL)
                except RecursionError as error:
                    if not str(error).startswith("cannot set the recursion limit"):
                        raise  # this call itself was too deep: a flight further up retries
                    # else the function set a limit of its own, too low to take ours off
                    # here: its limit stands as it set it
                self._raised = False
        if self.recording is not None:
            self.recording.stop()
            self.recording = None
        if self._spinner is not None:
            self._spinner.stop()
            self._spinner = None
