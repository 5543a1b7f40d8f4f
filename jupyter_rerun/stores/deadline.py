"""A whole-operation deadline, for a client library that only bounds each read.

redis-py's `socket_timeout` bounds one `recv`: a server that sends a byte every 0.1 s never
trips it, and one reply can then take forever. Two ways to bound a whole operation:

* `Deadline.run` runs it in the caller's thread, watched: a watchdog thread calls `abort`
  (which closes the connections, so the blocked read ends) if it is still running at the
  deadline, and the caller raises StoreTimeout. The reply stays in the caller's thread: a
  1 MB value read on another thread costs ~0.9 ms more here, because glibc gives each
  thread its own heap and the other thread's pages must be faulted in afresh.
* `Deadline.apart` hands it to a worker thread and waits for it at most the deadline, for
  steps a closed socket cannot wake: a name lookup, connecting. A worker stuck there is left
  behind, and the next step gets a fresh one.

The threads are daemons: a stuck one never holds up the kernel's exit (ThreadPoolExecutor
joins its threads at exit).
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

DEFAULT_TIMEOUT = 0.5  # seconds: a store operation's deadline unless its URL gives ?timeout=


class StoreTimeout(TimeoutError):
    """A store gave no whole answer within its deadline."""


class _Watch:
    __slots__ = ("until", "fired")

    def __init__(self, until: float) -> None:
        self.until, self.fired = until, False


class _Job:
    __slots__ = ("function", "args", "done", "result", "error")

    def __init__(self, function: Callable[..., Any], args: tuple) -> None:
        self.function, self.args = function, args
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


class Deadline:
    def __init__(self, seconds: float, abort: Callable[[], None], name: str) -> None:
        self.seconds = seconds
        self._abort = abort
        self._name = name
        self._wake = threading.Condition()
        self._watches: set[_Watch] = set()
        self._idle = False  # the watchdog waits for a first watch, not for a deadline
        self._watchdog_pid = 0
        self._generation = 0  # a watchdog of an older generation ends
        self._lock = threading.Lock()
        self._jobs: queue.SimpleQueue[_Job | None] | None = None
        self._worker_pid = 0

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        """`function(*args)` here; StoreTimeout if the deadline cut it short."""
        watch = _Watch(time.monotonic() + self.seconds)
        with self._wake:
            self._start_watchdog()
            self._watches.add(watch)
            if self._idle:
                self._wake.notify()
        try:
            return function(*args)
        except Exception:
            if watch.fired:
                raise self._timeout() from None
            raise
        finally:
            with self._wake:
                self._watches.discard(watch)

    def apart(self, function: Callable[..., Any], *args: Any) -> Any:
        """`function(*args)` on a worker thread; StoreTimeout if it has not returned in time."""
        job = _Job(function, args)
        jobs = self._queue()
        jobs.put(job)
        if not job.done.wait(self.seconds):
            self._retire(jobs)
            self._abort()
            raise self._timeout()
        if job.error is not None:
            raise job.error
        return job.result

    def close(self) -> None:
        """End the threads (a later operation starts them again)."""
        with self._lock:
            if self._jobs is not None:
                self._jobs.put(None)
            self._jobs = None
        with self._wake:
            self._generation += 1
            self._watchdog_pid = 0
            self._wake.notify_all()

    def _timeout(self) -> StoreTimeout:
        return StoreTimeout(f"no whole answer within the {self.seconds:g} s deadline")

    def _start_watchdog(self) -> None:
        if self._watchdog_pid != os.getpid():  # none yet, or this is a forked child
            self._watchdog_pid, self._watches = os.getpid(), set()
            self._generation += 1
            threading.Thread(target=self._watch_over, args=(self._generation,), daemon=True,
                             name=f"jupyter_rerun deadline {self._name}").start()

    def _watch_over(self, generation: int) -> None:
        while True:
            with self._wake:
                if generation != self._generation:
                    return
                self._idle = not self._watches
                if self._idle:
                    self._wake.wait()
                    continue
                now = time.monotonic()
                late = [watch for watch in self._watches if watch.until <= now]
                if not late:
                    self._wake.wait(min(watch.until for watch in self._watches) - now)
                    continue
                for watch in late:
                    watch.fired = True
                    self._watches.discard(watch)
            self._abort()  # outside the lock: the callers it wakes need it to finish

    def _queue(self) -> queue.SimpleQueue[_Job | None]:
        with self._lock:
            if self._jobs is None or self._worker_pid != os.getpid():
                self._jobs, self._worker_pid = queue.SimpleQueue(), os.getpid()
                threading.Thread(target=_work, args=(self._jobs,), daemon=True,
                                 name=f"jupyter_rerun store {self._name}").start()
            return self._jobs

    def _retire(self, jobs: queue.SimpleQueue[_Job | None]) -> None:
        """The worker may be stuck in the late job: it ends after it, later jobs go to a new one."""
        with self._lock:
            if self._jobs is jobs:
                jobs.put(None)
                self._jobs = None


def _work(jobs: queue.SimpleQueue[_Job | None]) -> None:
    while True:
        job = jobs.get()
        if job is None:
            return
        try:
            job.result = job.function(*job.args)
        except BaseException as error:  # handed to the waiting caller, who raises it
            job.error = error
        finally:
            job.done.set()
