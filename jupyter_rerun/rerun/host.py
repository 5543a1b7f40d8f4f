"""How the scheduler reaches a running ipykernel.

Runs happen on the kernel's main thread, in a task of its asyncio loop, holding the same
asyncio lock ipykernel takes around each shell request (`_main_asyncio_lock`, ipykernel 7).
So a rerun waits for a running cell (even an async one that is awaiting), and a request
sent during a rerun waits for the rerun. Before taking the lock, `settle()` hands every
message that already reached the kernel to ipykernel, so a burst of widget events lands
before the run and the run reads the newest values.

The two private pieces used here are looked up once and are optional: without them the
scheduler still serialises runs on the loop, it just coalesces less eagerly.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
import signal
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from datetime import datetime
from typing import Any

log = logging.getLogger("jupyter_rerun")

# A message read off the main shell socket becomes a task that hops through ~3 more tasks
# before its comm handler runs; this many idle loop turns means all of them have landed.
_QUIET_TURNS = 5
_SETTLE_MAX_ROUNDS = 64  # bounds settle() under a flood of messages


class KernelHost:
    """The scheduler's view of ipykernel: its main loop, its shell lock, its inbox."""

    def __init__(self, kernel: Any) -> None:
        self._kernel = kernel
        self.loop: asyncio.AbstractEventLoop = kernel.io_loop.asyncio_loop
        self._main_thread = threading.main_thread()
        self._lock: asyncio.Lock | None = getattr(kernel, "_main_asyncio_lock", None)
        self._inbox = _main_inbox(kernel)
        self._last_inline: tuple[datetime, float] | None = None  # (sent, run seconds)

    def post(self, callback: Callable[[], None]) -> None:
        self.loop.call_soon_threadsafe(callback)

    def spawn(self, coroutine: Coroutine[Any, Any, None]) -> asyncio.Future[None]:
        return self.loop.create_task(coroutine)

    def later(self, delay: float, callback: Callable[[], None]) -> Callable[[], None]:
        return Timer(self.loop, delay, callback).cancel

    def exclusive(self) -> contextlib.AbstractAsyncContextManager[Any]:
        return self._lock if self._lock is not None else contextlib.nullcontext()

    async def settle(self) -> None:
        quiet = 0
        for _ in range(_SETTLE_MAX_ROUNDS):
            handled = self._inbox.flush() if self._inbox is not None else 0
            quiet = 0 if handled else quiet + 1
            if quiet >= _QUIET_TURNS:
                return
            await asyncio.sleep(0)

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
        header = (self._kernel.get_parent("shell") or {}).get("header", {})
        if header.get("msg_type") != "comm_msg":
            return None
        if self._inbox is not None and self._inbox.waiting():
            return None  # the loop hands waiting messages over first, then runs once
        sent = _as_datetime(header.get("date"))
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
        if threading.current_thread() is not self._main_thread or self._inbox is None:
            return False
        return self._inbox.waiting(_COMM_TYPES)

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


class _Inbox:
    """The main shell's end of ipykernel's in-process socket pair, and the messages already
    read from it whose handling has not started."""

    def __init__(self, stream: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._stream = stream
        self._loop = loop
        self._tasks_checked = 0.0

    def flush(self) -> int:
        """Hand every message already waiting to ipykernel's own callback, in order."""
        import zmq

        return int(self._stream.flush(zmq.POLLIN))

    def waiting(self, types: frozenset[str] | None = None) -> bool:
        """Whether a message waits (of one of `types`, if given), read or not (call on the
        loop thread). What the socket holds is first read into ipykernel's own unstarted
        tasks, where each message can be looked at (reading ZMQ_EVENTS alone can swallow
        the socket's readiness edge; reading the messages cannot lose them)."""
        import zmq

        read = self._stream.socket.getsockopt(zmq.EVENTS) & zmq.POLLIN and self.flush()
        if read and types is None:
            return True
        # A burst may already be tasks that have not started: looked for at most every 5 ms.
        now = time.monotonic()
        if not read and now - self._tasks_checked < 0.005:
            return False
        self._tasks_checked = now
        messages = (_unstarted_message(task) for task in asyncio.all_tasks(self._loop))
        return any(message is not None and (types is None or _message_type(message) in types)
                   for message in messages)


_MESSAGE_STEPS = ("run_in_context", "shell_main", "dispatch_shell")  # ipykernel's, in order
_COMM_TYPES = frozenset({"comm_msg", "comm_close"})
_DELIMITER = b"<IDS|MSG>"


def _unstarted_message(task: asyncio.Task[Any]) -> list[Any] | None:
    """The raw frames of a shell message an ipykernel task will handle and has not started
    handling yet; None for any other task."""
    coroutine = task.get_coro()
    if not (getattr(coroutine, "__qualname__", "").endswith(_MESSAGE_STEPS)
            and inspect.getcoroutinestate(coroutine) == inspect.CORO_CREATED):
        return None
    arguments = coroutine.cr_frame.f_locals  # type: ignore[union-attr]
    message = arguments.get("msg")
    if message is None:  # run_in_context(*args): the message is its last argument
        message = (arguments.get("args") or [None])[-1]
    return message if isinstance(message, list) else []


def _message_type(frames: list[Any] | None) -> str | None:
    """`header.msg_type` of raw wire frames (identities, delimiter, signature, header, ...)."""
    if not frames:
        return None
    raw = [frame if isinstance(frame, bytes) else getattr(frame, "bytes", b"") for frame in frames]
    try:
        header = json.loads(raw[raw.index(_DELIMITER) + 2])
    except (ValueError, IndexError):
        return None
    return header.get("msg_type") if isinstance(header, dict) else None


def _main_inbox(kernel: Any) -> _Inbox | None:
    try:
        pair = kernel.shell_channel_thread.manager.get_shell_channel_to_subshell_pair(None)
        stream = pair.to_stream
    except AttributeError:
        log.info("jupyter_rerun: this ipykernel has no shell channel thread; bursts of "
                 "widget events coalesce only when they arrive between runs")
        return None
    return _Inbox(stream, kernel.io_loop.asyncio_loop) if stream is not None else None


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
