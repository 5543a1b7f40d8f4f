"""Every private ipykernel detail jupyter_rerun relies on, looked up once, in this module.

The engine (rerun/host.py) talks to a `KernelSeam`, never to ipykernel's internals. Each
piece below is optional: when a release renames or drops it, the lookup finds nothing, the
startup self-check (`self_check`, at %load_ext) logs one line naming it and what degrades,
and a fallback keeps the engine correct (tests/test_kernel_seam.py takes each piece away in
a real kernel and checks the fallback).

| piece | where (ipykernel) | without it |
|---|---|---|
| shell lock | `Kernel._main_asyncio_lock` (7.x) | reruns still run one at a time on the main loop, but one a timer starts (`--debounce`, `run_every`) may run while an *async* cell awaits (widget messages wait for any cell; a sync cell holds the loop) |
| main inbox | 7.x: the shell channel thread's socket pair to the main shell; 6.29: `Kernel.shell_stream` + `Kernel.msg_queue` | bursts coalesce only between runs; a run is not stopped early for newer main-thread input |
| queued message types | 7.x: ipykernel's message tasks (`dispatch_shell` etc.) not yet started, and their frames; 6.29: `msg_queue`'s items | a request just read off the socket counts as newer input whatever its type (a queued cell may restart a rerun), and one ipykernel already holds goes unseen |
| comm reply routing | 7.4: `ipykernel.comm.comm.BaseComm._reply_subshell_for` | nothing to adjust: the kernel handles each comm message where the front end sent it |

Comm reply routing is not a piece we need but one we correct. ipykernel 7.4 hands an incoming
comm message to the shell that last *published* on that comm, whatever subshell the front end
addressed. A slider whose echo went out from a rerun on the main thread then has its next
update queued on the main shell (behind the rerun) while the one after it runs at once on
the front end's subshell: the kernel applies 5 before 4 and keeps 4, while the browser shows
5. `keep_comm_order()` routes a comm message by the front end's own `subshell_id` again, and
keeps ipykernel's routing for replies to a request (a message whose `content.id` names one).

What upstream change would remove each need:
- shell lock: a public "run this coroutine as if it were a shell request" hook (or a public
  lock) in ipykernel, so reruns queue behind cells without reaching for the lock.
- comm reply routing: ipykernel routing by the header the front end chose, unless the
  message answers a request; per-comm order is then the order the front end sent.
- main inbox and queued message types: a public way to see the shell requests the kernel
  has received and not yet handled (e.g. `Kernel.pending_shell_messages()` yielding headers),
  and to hand them over before a run. Then coalescing would need no socket or task reading.
Public pieces used as they are: `Kernel.get_parent("shell")` (the request being handled) and
`Kernel.io_loop.asyncio_loop`. ipywidgets needs nothing private: widgets are driven through
traits, `hold_sync` and comms (only the tests count live widgets through its registry).
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("jupyter_rerun")

SHELL_LOCK = "shell lock"
MAIN_INBOX = "main inbox"
MESSAGE_TYPES = "queued message types"

WITHOUT = {
    SHELL_LOCK: "a rerun may run while an async cell awaits",
    MAIN_INBOX: "bursts of widget events coalesce only between runs",
    MESSAGE_TYPES: "any request just received, not only widget input, restarts a rerun",
}

_MESSAGE_STEPS = ("run_in_context", "shell_main", "dispatch_shell")  # ipykernel 7's, in order
_DELIMITER = b"<IDS|MSG>"


@dataclass
class Inbox:
    """The main shell's queue of received, unhandled requests: `flush()` hands what the
    socket holds to ipykernel (returns how many), `queued()` yields the raw frames of those
    ipykernel holds and has not started (None when they cannot be looked at)."""

    socket_stream: Any
    queued: Callable[[], Iterable[list[Any]] | None]

    def readable(self) -> bool:
        import zmq

        return bool(self.socket_stream.socket.getsockopt(zmq.EVENTS) & zmq.POLLIN)

    def flush(self) -> int:
        import zmq

        return int(self.socket_stream.flush(zmq.POLLIN))


class KernelSeam:
    """The private pieces of one running ipykernel, each looked up once."""

    def __init__(self, kernel: Any) -> None:
        self.kernel = kernel
        self.loop: asyncio.AbstractEventLoop = kernel.io_loop.asyncio_loop
        self.shell_lock: asyncio.Lock | None = _shell_lock(kernel)
        self.inbox: Inbox | None = _inbox(kernel, self.loop)
        keep_comm_order()
        self._tasks_checked = 0.0

    def missing(self) -> list[str]:
        """The pieces this kernel lacks."""
        gone = []
        if self.shell_lock is None:
            gone.append(SHELL_LOCK)
        if self.inbox is None:
            gone += [MAIN_INBOX, MESSAGE_TYPES]
        elif self.inbox.queued() is None:
            gone.append(MESSAGE_TYPES)
        return gone

    def shell_message_type(self) -> str | None:
        """`msg_type` of the shell request being handled now (public: `get_parent`)."""
        return (self.kernel.get_parent("shell") or {}).get("header", {}).get("msg_type")

    def shell_message_date(self) -> Any:
        return (self.kernel.get_parent("shell") or {}).get("header", {}).get("date")

    def waiting(self, types: frozenset[str] | None = None) -> bool:
        """Whether a request waits in the main inbox (of one of `types`, if given). Call on
        the loop thread. The socket is read first into ipykernel's own queue, where each
        message can be looked at (reading ZMQ_EVENTS alone can swallow the socket's
        readiness edge; reading the messages cannot lose them)."""
        if self.inbox is None:
            return False
        read = self.inbox.readable() and self.inbox.flush()
        if read and types is None:
            return True
        # A burst may already sit in ipykernel's queue: looked for at most every 5 ms.
        now = time.monotonic()
        if not read and now - self._tasks_checked < 0.005:
            return False
        self._tasks_checked = now
        queued = self.inbox.queued()
        if queued is None:
            return bool(read)  # fallback: any request counts
        return any(types is None or _message_type(frames) in types for frames in queued)


def self_check(seam: KernelSeam | None) -> list[str]:
    """Log one line naming each missing piece and what degrades without it; return them."""
    gone = seam.missing() if seam is not None else []
    if gone:
        log.warning("jupyter_rerun: this ipykernel lacks %s; %s",
                    ", ".join(gone), "; ".join(WITHOUT[name] for name in gone))
    return gone


_original_route: Callable[..., Any] | None = None  # ipykernel's, while ours is installed


def keep_comm_order() -> bool:
    """Make ipykernel handle each comm message on the shell its sender chose (see the module
    docstring); True when this ipykernel needed it. Idempotent, process-wide, undone by
    `restore_comm_routing()` (at %unload_ext)."""
    global _original_route
    try:
        from ipykernel.comm.comm import BaseComm
    except ImportError:
        return False
    route = getattr(BaseComm, "_reply_subshell_for", None)
    if route is None:
        return False
    if _original_route is not None:
        return True

    def in_sender_order(comm: Any, data: Any, default: Any) -> Any:
        if _answers_request(data):
            return route(comm, data, default)
        return default

    _original_route, BaseComm._reply_subshell_for = route, in_sender_order
    return True


def restore_comm_routing() -> None:
    global _original_route
    if _original_route is not None:
        from ipykernel.comm.comm import BaseComm

        BaseComm._reply_subshell_for, _original_route = _original_route, None


def _answers_request(data: Any) -> bool:
    content = data.get("content") if isinstance(data, dict) else None
    return isinstance(content, dict) and isinstance(content.get("id"), str)


def _shell_lock(kernel: Any) -> asyncio.Lock | None:
    lock = getattr(kernel, "_main_asyncio_lock", None)
    return lock if isinstance(lock, asyncio.Lock) else None


def _inbox(kernel: Any, loop: asyncio.AbstractEventLoop) -> Inbox | None:
    thread = getattr(kernel, "shell_channel_thread", None)
    if thread is not None:  # ipykernel 7: a thread reads the socket, the main shell a pair
        try:
            stream = thread.manager.get_shell_channel_to_subshell_pair(None).to_stream
        except AttributeError:
            return None
        return Inbox(stream, lambda: _unstarted_in_tasks(loop)) if stream is not None else None
    stream, queue = getattr(kernel, "shell_stream", None), getattr(kernel, "msg_queue", None)
    if stream is None or queue is None:
        return None
    return Inbox(stream, lambda: _queued_in(queue))  # ipykernel 6.29: one queue of requests


def _queued_in(queue: Any) -> list[list[Any]] | None:
    """ipykernel 6.29 queues `(index, dispatch, (frames,))` in a tornado Queue."""
    items = getattr(queue, "_queue", None)
    if items is None:
        return None
    return [args[-1] for _, _, args in list(items) if args]


def _unstarted_in_tasks(loop: asyncio.AbstractEventLoop) -> list[list[Any]] | None:
    """ipykernel 7 turns each message into a task that hops through a few coroutines; the
    frames of those not started yet are the messages waiting."""
    found = []
    for task in asyncio.all_tasks(loop):
        coroutine = task.get_coro()
        if not (getattr(coroutine, "__qualname__", "").endswith(_MESSAGE_STEPS)
                and inspect.getcoroutinestate(coroutine) == inspect.CORO_CREATED):
            continue
        arguments = getattr(getattr(coroutine, "cr_frame", None), "f_locals", None)
        if arguments is None:
            return None
        message = arguments.get("msg")
        if message is None:  # run_in_context(*args): the message is its last argument
            message = (arguments.get("args") or [None])[-1]
        found.append(message if isinstance(message, list) else [])
    return found


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
