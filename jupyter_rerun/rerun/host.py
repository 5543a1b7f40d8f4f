"""How the scheduler reaches a running ipykernel.

Runs happen on the kernel's main thread, in a task of its asyncio loop, holding the same
asyncio lock ipykernel takes around each shell request (`_main_asyncio_lock`, ipykernel 7).
So a rerun waits for a running cell (even an async one that is awaiting), and a request
sent during a rerun waits for the rerun. Before taking the lock, `settle()` hands every
message that already reached the kernel to ipykernel, so a burst of widget events lands
before the run and the run reads the newest values.

The private pieces (the lock, the inbox) are looked up once, in `kernel_seam.py`, and are
optional: without them the scheduler still serialises runs on the loop, it just coalesces
less eagerly. ipykernel 6.29 has no such lock (see kernel_seam.py for what that changes).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from datetime import datetime
from typing import Any

from ..kernel_seam import KernelSeam

# A message read off the main shell socket becomes a task that hops through ~3 more tasks
# before its comm handler runs; this many idle loop turns means all of them have landed.
_QUIET_TURNS = 5
_SETTLE_MAX_ROUNDS = 64  # bounds settle() under a flood of messages


class KernelHost:
    """The scheduler's view of ipykernel: its main loop, its shell lock, its inbox (the
    private pieces sit behind `kernel_seam.KernelSeam`)."""

    def __init__(self, kernel: Any) -> None:
        self.seam = KernelSeam(kernel)
        self.loop: asyncio.AbstractEventLoop = self.seam.loop
        self._main_thread = threading.main_thread()
        self._last_inline: tuple[datetime, float] | None = None  # (sent, run seconds)

    def post(self, callback: Callable[[], None]) -> None:
        self.loop.call_soon_threadsafe(callback)

    def spawn(self, coroutine: Coroutine[Any, Any, None]) -> asyncio.Future[None]:
        return self.loop.create_task(coroutine)

    def later(self, delay: float, callback: Callable[[], None]) -> Callable[[], None]:
        return Timer(self.loop, delay, callback).cancel

    def exclusive(self) -> contextlib.AbstractAsyncContextManager[Any]:
        lock = self.seam.shell_lock
        return lock if lock is not None else contextlib.nullcontext()

    async def settle(self) -> None:
        inbox, quiet = self.seam.inbox, 0
        for _ in range(_SETTLE_MAX_ROUNDS):
            handled = inbox.flush() if inbox is not None else 0
            # ipykernel 6.29 hands queued requests over one by one, each after a round trip
            # to its control thread: wait for its queue to empty, not only for loop turns
            queued = (inbox.queued() or []) if inbox is not None else []
            quiet = 0 if handled or queued else quiet + 1
            if quiet >= _QUIET_TURNS:
                return
            await asyncio.sleep(0.001 if queued else 0)

    @contextlib.contextmanager
    def running_inline(self) -> Iterator[bool]:
        """Yield True if the reruns for the widget message being handled may run right
        here, inside its handling; time them if so."""
        sent = self._inline_message_date()
        if sent is None:
            yield False
            return
        started = time.monotonic()
        try:
            yield True
        finally:
            self._last_inline = (sent, time.monotonic() - started)

    def _inline_message_date(self) -> datetime | None:
        """The front end's send time of the comm message being handled, if its reruns may
        run inline: on the main thread, with no other message waiting, and not sent before
        the front end could have seen the previous inline rerun end (it waits for that
        idle before it sends a widget's next change, so such a message was queued behind
        the rerun, and more may be). Both dates come from the front end's clock."""
        if threading.current_thread() is not self._main_thread:
            return None
        if self.seam.shell_message_type() != "comm_msg":
            return None
        if self.seam.waiting():
            return None  # the loop hands waiting messages over first, then runs once
        sent = _as_datetime(self.seam.shell_message_date())
        if sent is None:
            return None
        if self._last_inline is not None:
            previous, duration = self._last_inline
            if (sent - previous).total_seconds() < duration:
                return None
        return sent

    def input_waiting(self) -> bool:
        """A widget message waits in the main shell's inbox (seen from the main thread
        only). Other requests (a cell to run, kernel_info) wait for the run anyway and are
        no reason to start it over."""
        if threading.current_thread() is not self._main_thread:
            return False
        return self.seam.waiting(_COMM_TYPES)

    @contextlib.contextmanager
    def interruptible(self) -> Iterator[None]:
        """ipykernel ignores SIGINT between requests; a rerun runs between requests."""
        if threading.current_thread() is not self._main_thread:
            yield
            return
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)


class Timer:
    """`callback()` on `loop`'s thread in `delay` seconds, armed from any thread (a
    fragment's `run_every`); `cancel()` from the loop's thread stops it for sure."""

    def __init__(self, loop: asyncio.AbstractEventLoop, delay: float,
                 callback: Callable[[], None]) -> None:
        self._loop = loop
        self._handle: asyncio.TimerHandle | None = None
        self._cancelled = False
        loop.call_soon_threadsafe(self._arm, delay, callback)

    def _arm(self, delay: float, callback: Callable[[], None]) -> None:
        if not self._cancelled:
            self._handle = self._loop.call_later(delay, callback)

    def cancel(self) -> None:
        self._cancelled = True
        if self._handle is not None:
            self._handle.cancel()


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


_COMM_TYPES = frozenset({"comm_msg", "comm_close"})


class InlineHost:
    """A host for code without a kernel (plain IPython, scripts, unit tests).

    It runs on an asyncio loop you give it, or, with `loop=None`, runs each posted
    callback and spawned task to completion at once on the calling thread.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self.loop = loop
        self._lock = asyncio.Lock() if loop is not None else None

    def post(self, callback: Callable[[], None]) -> None:
        if self.loop is None:
            callback()
        else:
            self.loop.call_soon_threadsafe(callback)

    def spawn(self, coroutine: Coroutine[Any, Any, None]) -> asyncio.Future[None]:
        if self.loop is None:
            return _run_now(coroutine)
        return self.loop.create_task(coroutine)

    def later(self, delay: float, callback: Callable[[], None]) -> Callable[[], None]:
        """A timer on the loop; without a loop there is no later (fragments do not tick)."""
        if self.loop is None:
            return lambda: None
        return Timer(self.loop, delay, callback).cancel

    def exclusive(self) -> contextlib.AbstractAsyncContextManager[Any]:
        return self._lock if self._lock is not None else contextlib.nullcontext()

    async def settle(self) -> None:
        await asyncio.sleep(0)

    @contextlib.contextmanager
    def running_inline(self) -> Iterator[bool]:
        yield False

    def input_waiting(self) -> bool:
        return False

    def interruptible(self) -> contextlib.AbstractContextManager[Any]:
        return contextlib.nullcontext()


def _run_now(coroutine: Coroutine[Any, Any, None]) -> asyncio.Future[None]:
    """Run a coroutine to completion on a private loop and return its finished future."""
    loop = asyncio.new_event_loop()
    try:
        task = loop.create_task(coroutine)
        loop.run_until_complete(task)
        return task
    finally:
        loop.close()
