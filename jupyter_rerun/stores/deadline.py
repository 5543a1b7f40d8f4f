"""A whole-operation deadline, for a client library that only bounds each read.

redis-py's `socket_timeout` bounds one `recv`: a server that sends a byte every 0.1 s never
trips it, and one reply can then take forever. `Deadline.run` hands the operation to a worker
thread and waits for it at most `seconds`; when time is up it calls `abort` (which closes
the connections, so the worker's read ends too) and raises StoreTimeout. That bounds every
step alike: name lookup, connecting, TLS, the handshake, each command and its reply.

A worker that cannot be woken (a name lookup that never returns) is left behind, and the
next operation gets a fresh one. Workers are daemon threads: a stuck one never holds up the
kernel's exit (ThreadPoolExecutor's threads would: it joins them at exit).
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from typing import Any

DEFAULT_TIMEOUT = 0.5  # seconds: a store operation's deadline unless its URL gives ?timeout=


class StoreTimeout(TimeoutError):
    """A store gave no whole answer within its deadline."""


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
        self._lock = threading.Lock()
        self._jobs: queue.SimpleQueue[_Job | None] | None = None
        self._pid = 0

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        """`function(*args)` on the worker; StoreTimeout if it has not returned in time."""
        job = _Job(function, args)
        jobs = self._queue()
        jobs.put(job)
        if not job.done.wait(self.seconds):
            self._retire(jobs)
            self._abort()
            raise StoreTimeout(f"no whole answer within the {self.seconds:g} s deadline")
        if job.error is not None:
            raise job.error
        return job.result

    def close(self) -> None:
        with self._lock:
            if self._jobs is not None:
                self._jobs.put(None)
            self._jobs = None

    def _queue(self) -> queue.SimpleQueue[_Job | None]:
        with self._lock:
            if self._jobs is None or self._pid != os.getpid():  # none yet, or forked
                self._jobs, self._pid = queue.SimpleQueue(), os.getpid()
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
