"""When each %%rerun cell runs: coalescing, ordering, and never two runs at once.

The scheduler knows nothing of IPython or widgets. A *host* gives it an event loop on the
kernel's main thread and a lock shared with user cells (see `host.py`); bindings give it
`run()`, `order`, `debounce` and `closed`. Requests may come from any thread: the main
thread between cells, or a JupyterLab subshell thread while a cell runs.

Rules (README "How reruns are scheduled"):
- every run happens on the host's loop thread, holding the host's exclusive lock, so a rerun
  never overlaps a user's cell or another run; a rerun requested while a cell runs waits
  for that cell to finish;
- a front-end event handled on the loop thread between cells runs its rerun inside its own
  handling, which paces the front end (see `request`);
- a request marks its binding due after its debounce (trailing: each new event moves the
  deadline); requests that arrive before the run starts, or while it runs, cause at most
  one more run, which reads the newest widget values;
- due bindings run in `order` (the order their cells were first run);
- a run that keeps re-requesting itself stops after `MAX_SELF_RERUNS` rounds.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import Any, Protocol

MAX_SELF_RERUNS = 10
MAX_CHAIN = 10  # cells rerunning each other through session_state, in one chain


class Runnable(Protocol):
    order: int
    debounce: float  # seconds
    closed: bool

    def run(self) -> Any: ...

    def report_runaway(self, message: str) -> None: ...


class Host(Protocol):
    def post(self, callback: Callable[[], None]) -> None:
        """Run `callback` soon on the loop thread; callable from any thread."""

    def spawn(self, coroutine: Coroutine[Any, Any, None]) -> asyncio.Future[None]:
        """Start a task on the loop (called on the loop thread)."""

    def later(self, delay: float, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback` on the loop thread in `delay` seconds; return what cancels it."""

    def exclusive(self) -> AbstractAsyncContextManager[Any]:
        """Held while a run executes; user cells hold it too."""

    async def settle(self) -> None:
        """Let input that already reached the kernel be handled before a run starts."""

    def running_inline(self) -> AbstractContextManager[bool]:
        """Yields True while handling a front-end widget message whose reruns may run
        inside its handling (see KernelHost), False otherwise."""

    def input_waiting(self) -> bool:
        """A message from the front end is waiting to be handled (main-thread mode)."""

    def interruptible(self) -> AbstractContextManager[Any]:
        """Let a kernel interrupt (SIGINT) stop the run inside this block."""


INPUT, SELF, STATE = "input", "self", "state"  # why a binding became due


class Scheduler:
    """Queues requests from any thread and runs due bindings one at a time on the host."""

    def __init__(self, host: Host) -> None:
        self._host = host
        self._mutex = threading.Lock()
        self._due: dict[Runnable, float] = {}  # binding -> monotonic time it may run
        self._cause: dict[Runnable, str] = {}
        self._self_rounds: dict[Runnable, int] = {}
        self._depth: dict[Runnable, int] = {}
        self._restarts: set[Runnable] = set()  # superseded: due at once, whatever comes next
        self._wake_posted = False
        self._task: asyncio.Future[None] | None = None
        self._wakeup: asyncio.Event | None = None
        self.active: Runnable | None = None
        self.active_depth = 0  # the chain depth of the run in progress
        self.in_cell = False  # a user's cell is running (set by the runtime's cell hooks)
        self._active_thread: int | None = None
        self.runs = 0  # runs executed, for tests and benchmarks

    # -- any thread ----------------------------------------------------------------------
    def request(self, *bindings: Runnable, cause: str | None = None, depth: int = 0,
                restart: bool = False, inline: bool = True) -> None:
        """Ask for one more run of each binding, with the newest inputs.

        `cause` is worked out when not given: SELF when a binding's own run asks, else
        INPUT. STATE requests carry `depth`, how many cells in a row rerun one another
        through session_state. A `restart` (a run stopped for newer input) is due at once:
        the input that stopped it has arrived, so there is nothing to wait for.

        While the host is handling a front-end widget message between cells, due bindings
        run right here, inside that message's handling: the front end then sees the kernel
        busy until the rerun is done and sends the widget's newest value next (the
        ipywidgets front end keeps one message in flight per widget). Otherwise the request
        is queued for the loop. `inline=False` always queues it (a timer's request: no
        front-end message is being handled, so none holds the shell's lock for the run).
        """
        now = time.monotonic()
        with self._mutex:
            for binding in bindings:
                if binding.closed:
                    continue
                this = cause
                if this is None:
                    mine = self.active is binding and threading.get_ident() == self._active_thread
                    this = SELF if mine else INPUT
                if self._cause.get(binding) != INPUT:  # input outranks the other causes
                    self._cause[binding] = this
                    self._depth[binding] = depth if this == STATE else 0
                if restart:
                    self._restarts.add(binding)
                if binding in self._restarts:
                    self._due[binding] = now
                else:
                    self._due[binding] = now + binding.debounce
        if inline and self.active is None and not self.in_cell:
            with self._host.running_inline() as here:
                while here and (due := self._pop_due()) is not None:
                    if getattr(self.execute(*due), "abandoned", False):
                        break  # newer input waits behind this message: let it be handled
        self._post_wake()

    def _post_wake(self) -> None:
        with self._mutex:
            if not self._due or self._wake_posted:
                return
            self._wake_posted = True
        self._host.post(self._wake)

    def busy(self) -> bool:
        """True while a run is due, waiting for its debounce, or running."""
        with self._mutex:
            return bool(self._due) or self.active is not None

    def has_newer_input(self, binding: Runnable) -> bool:
        """True when input arrived for `binding` since its current run started."""
        with self._mutex:
            return binding in self._due and self._cause.get(binding) == INPUT

    def later(self, delay: float, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback` on the loop thread in `delay` seconds; return what cancels it."""
        return self._host.later(delay, callback)

    def forget(self, binding: Runnable) -> None:
        with self._mutex:
            self._due.pop(binding, None)
            self._cause.pop(binding, None)
            self._depth.pop(binding, None)
            self._self_rounds.pop(binding, None)
            self._restarts.discard(binding)

    # -- loop thread ---------------------------------------------------------------------
    def execute(self, binding: Runnable, cause: str = INPUT, depth: int = 0) -> Any:
        """Run `binding` now, on this thread (the caller holds the exclusive lock); return
        what its `run()` returned."""
        rounds = self._self_rounds.get(binding, 0) + 1 if cause == SELF else 0
        if rounds > MAX_SELF_RERUNS:
            self._self_rounds[binding] = 0
            binding.report_runaway(
                f"stopped after {MAX_SELF_RERUNS} reruns in a row that this cell caused itself "
                "(it changes a widget it reruns on, or calls jr.rerun() every time). The next "
                "input reruns it again.")
            return None
        if depth > MAX_CHAIN:
            binding.report_runaway(
                f"stopped a chain of {MAX_CHAIN} reruns: cells keep changing session_state "
                "keys that other cells read. The next input reruns it again.")
            return None
        self._self_rounds[binding] = rounds
        outer = (self.active, self._active_thread, self.active_depth)
        self.active, self._active_thread, self.active_depth = binding, threading.get_ident(), depth
        try:
            with self._host.interruptible():
                outcome = binding.run()
            if getattr(outcome, "abandoned", False):
                # jr.rerun() counts as the cell's own doing; a run stopped for newer input
                # starts over once that input is handled (settle() hands it over first)
                superseded = getattr(outcome, "superseded", False)
                self.request(binding, cause=INPUT if superseded else SELF, restart=superseded)
            return outcome
        finally:
            self.active, self._active_thread, self.active_depth = outer
            self.runs += 1

    def _wake(self) -> None:
        with self._mutex:
            self._wake_posted = False
        if self._task is None or self._task.done():
            self._task = self._host.spawn(self._drain())
        elif self._wakeup is not None:
            self._wakeup.set()

    async def _drain(self) -> None:
        self._wakeup = wakeup = asyncio.Event()
        while True:
            delay = self._next_delay()
            if delay is None:
                return
            if delay > 0:
                wakeup.clear()
                try:
                    await asyncio.wait_for(wakeup.wait(), delay)
                except asyncio.TimeoutError:
                    pass
                continue
            # Settle outside the lock: messages already read then take the lock before this
            # run (it is first come, first served), and each is handled the normal way, with
            # the busy/idle status the widget front end waits for before sending more.
            await self._host.settle()
            async with self._host.exclusive():
                due = self._pop_due()
                if due is not None:
                    try:
                        self.execute(*due)
                    except KeyboardInterrupt:
                        pass  # an interrupt that landed between runs: nothing to stop

    def _next_delay(self) -> float | None:
        with self._mutex:
            if not self._due:
                return None
            return max(0.0, min(self._due.values()) - time.monotonic())

    def _pop_due(self) -> tuple[Runnable, str, int] | None:
        now = time.monotonic()
        with self._mutex:
            ready = [binding for binding, due in self._due.items() if due <= now]
            if not ready:
                return None
            binding = min(ready, key=lambda b: b.order)
            del self._due[binding]
            self._restarts.discard(binding)
            return binding, self._cause.pop(binding, INPUT), self._depth.pop(binding, 0)
