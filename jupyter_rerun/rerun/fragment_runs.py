"""Fragments (`@jr.fragment`): parts of a cell that rerun alone, as in Streamlit.

A fragment drawn in a cell's run gets a box of its own in the cell's container, and the
identities of what it draws are numbered within it (RunContext.scope), so they are the
same whether it runs as part of the cell's run or alone. When a widget it drew changes,
or its `run_every` timer ticks, the scheduler runs the `Fragment` alone: only its
function, with the arguments the cell's last run gave it, drawing into its own box. The
rest of the cell does not run and its screen stays as it is.

A `Fragment` is both a registry item (so it is swept, and its timer stopped, when a run
of the cell no longer draws it) and a runnable for the scheduler (runs never overlap:
a fragment's run waits for the cell's, and for a user's cell). Its timer lives on the
kernel's event loop: a tick asks for a run, as input does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..capture import flush_inline_figures, routed_to
from ..errors import RerunError
from .context import Identity, RerunRequested, RunContext, StopRun, running
from .frames import Frame, FrameView
from .scheduler import INPUT, SELF


class FragmentRerun(RerunRequested):
    """`jr.rerun(scope="fragment")`: start this fragment over, alone."""

    def __init__(self) -> None:
        super().__init__(superseded=False)


class FragmentFailed(StopRun):
    """A fragment raised in the cell's run: its error shows in its box, and the cell's run
    stops there (as Streamlit stops the script)."""


@dataclass
class Call:
    """How the cell's run called a fragment: what a rerun of it alone calls again."""

    function: Callable[..., Any]
    args: tuple
    kwargs: dict
    interval: float | None  # run_every, in seconds
    key: str | None


class Fragments:
    """A binding's fragments: drawing them, which one owns an input, and their timers."""

    def __init__(self, binding: Any, scheduler: Any) -> None:
        self.binding = binding
        self.scheduler = scheduler  # None: runs of fragments alone are never asked for
        self.owners: dict[Identity, Identity] = {}  # element -> the fragment that drew it
        self._keys: tuple[Any, dict[str, str]] = (None, {})  # (run, key -> function name)

    def draw(self, run: RunContext, call: Call) -> Any:
        """The decorated function was called in `run`: run it in its box; return its value."""
        run.checkpoint()
        identity = run.claim("fragment", getattr(call.function, "__qualname__", "fragment"))
        fragment = run.registry.items.get(identity)
        if not isinstance(fragment, Fragment):
            fragment = run.registry.items[identity] = Fragment(self, identity)
        self._check_key(run, fragment, call)
        fragment.call, fragment.parent = call, (run.scope[-1] if run.scope else None)
        fragment.tick_every(call.interval)
        run.frame.add(fragment.box)
        frame = run.touch(Frame(fragment.view))
        run.push(frame)
        run.scope.append(identity)
        try:
            return call.function(*call.args, **call.kwargs)
        except (StopRun, RerunRequested, KeyboardInterrupt):
            raise
        except BaseException:  # SystemExit too, as in a cell (see binding._CONTROL)
            self.binding.show_exception(run, frame)
            raise FragmentFailed() from None
        finally:
            run.scope.pop()
            run.pop(frame)

    def _check_key(self, run: RunContext, fragment: Fragment, call: Call) -> None:
        """As Streamlit: one key per fragment function in a run (its call sites share it)."""
        if call.key is None:
            return
        if self._keys[0] is not run:
            self._keys = (run, {})
        name = f"{call.function.__module__}.{call.function.__qualname__}"
        if self._keys[1].setdefault(call.key, name) != name:
            raise RerunError(f"two fragment functions in this run have key={call.key!r}; a "
                             "fragment key must be unique, give one of them another key")
        fragment.key = call.key

    def route(self, identity: Identity) -> Any:
        """The fragment whose run an input to the element `identity` starts, or None (the
        cell's)."""
        fragment = self.binding.registry.items.get(self.owners.get(identity))
        return fragment if isinstance(fragment, Fragment) and not fragment.closed else None

    def within(self, owner: Identity | None, root: Identity) -> bool:
        """Whether fragment `owner` is `root` or drawn inside it."""
        while owner is not None:
            if owner == root:
                return True
            item = self.binding.registry.items.get(owner)
            owner = item.parent if isinstance(item, Fragment) else None
        return False

    def cell_run_starts(self) -> None:
        """A run of the whole cell takes all input and draws every fragment: fragment runs
        already asked for are part of it."""
        for item in list(self.binding.registry.items.values()):
            if isinstance(item, Fragment) and self.scheduler is not None:
                self.scheduler.forget(item)

    def ran(self, context: RunContext) -> None:
        """A run was shown: remember who drew what (for routing input)."""
        items = self.binding.registry.items
        self.owners = {identity: owner for identity, owner in {**self.owners, **context.owners}.items()
                       if identity in items}

    def stop(self) -> None:
        """The cell no longer reruns (%rerun_stop), nor do its fragments; their boxes stay
        on screen as they are."""
        for item in list(self.binding.registry.items.values()):
            if isinstance(item, Fragment):
                item.stop()

    def keyed(self, keys: list[str]) -> list[Fragment]:
        """The live fragments with these keys (`jr.rerun("charts")`; a key's call sites all
        rerun); an unknown key is an error naming the keys there are."""
        fragments = [item for item in self.binding.registry.items.values()
                     if isinstance(item, Fragment) and item.key is not None and not item.closed]
        known = {fragment.key for fragment in fragments}
        unknown = [key for key in keys if key not in known]
        if unknown:
            raise RerunError(f"jr.rerun({unknown[0]!r}): no fragment of this cell has that key; "
                             f"keys: {', '.join(sorted(known)) or 'none'}")  # type: ignore[arg-type]
        return [fragment for fragment in fragments if fragment.key in keys]


class Fragment:
    """One fragment drawn in a cell: its box, its last call, its timer; run alone by the
    scheduler."""

    def __init__(self, fragments: Fragments, identity: Identity) -> None:
        self._fragments = fragments
        self.binding = fragments.binding
        self.identity = identity
        self.order = self.binding.order + 0.5  # after its cell, when both are due
        self.closed = False
        self.view = FrameView()
        self.box = self.view.box
        self.call: Call | None = None
        self.parent: Identity | None = None
        self.key: str | None = None
        self.runs = 0  # runs of it alone, shown
        self.last_duration = 0.0
        self.restarts_for_waiting = 0  # (see Runtime._superseded)
        self._interval: float | None = None
        self._cancel_timer: Callable[[], None] | None = None
        self._carried_clicks: set[Identity] = set()
        self._app_rerun = False

    @property
    def debounce(self) -> float:
        from .binding import burst_wait  # (binding imports this module)

        return self.binding.options.debounce or burst_wait(self.last_duration)

    # -- the timer ---------------------------------------------------------------------------
    def tick_every(self, interval: float | None) -> None:
        """Rerun every `interval` seconds (None: only on input)."""
        if interval == self._interval and (interval is None or self._cancel_timer is not None):
            return
        self._stop_timer()
        self._interval = interval
        if interval is not None and not self.closed and self._fragments.scheduler is not None:
            self._cancel_timer = self._fragments.scheduler.later(interval, self._tick)

    def _tick(self) -> None:
        self._cancel_timer = None
        if self.closed or self._interval is None:
            return
        self._fragments.scheduler.request(self, cause=INPUT, inline=False)
        self._cancel_timer = self._fragments.scheduler.later(self._interval, self._tick)

    def _stop_timer(self) -> None:
        if self._cancel_timer is not None:
            self._cancel_timer()
            self._cancel_timer = None

    # -- a run of it alone ---------------------------------------------------------------------
    def run(self) -> Any:
        from .binding import Outcome  # (binding imports this module)

        binding = self.binding
        context = RunContext(binding, binding.registry, lambda: binding.superseded(self),
                             view=self.view)
        context.fragment = self
        context.scope.append(self.identity)
        context.clicked |= self._carried_clicks
        self._carried_clicks, self._app_rerun = set(), False
        started = time.monotonic()
        with routed_to(context), running(context):
            outcome = binding.execute(context, self._body, only=self._owns)
            flush_inline_figures()
        if outcome.abandoned:
            self._carried_clicks = context.clicked
            return outcome
        if self._app_rerun:  # jr.rerun(): the whole cell runs next, and draws this anew
            self._fragments.scheduler.request(binding, cause=SELF)
            return Outcome.HELD
        if outcome is Outcome.HELD:
            return outcome
        self.runs += 1
        self.last_duration = time.monotonic() - started
        self.restarts_for_waiting = 0
        binding.state_keys = binding.state_keys | frozenset(context.reads)
        context.commit()
        if outcome.finished:
            self._sweep(context.used)
        self._fragments.ran(context)
        return outcome

    def _body(self) -> None:
        assert self.call is not None
        try:
            self.call.function(*self.call.args, **self.call.kwargs)
        except FragmentRerun:
            raise
        except RerunRequested as request:
            if request.superseded:
                raise
            self._app_rerun = True
            raise StopRun() from None

    def _owns(self, entry: Any) -> bool:
        return self._fragments.within(self._fragments.owners.get(entry.identity), self.identity)

    def _sweep(self, used: set[Identity]) -> None:
        """Close what this fragment drew before and did not draw now (the rest of the cell
        is not touched)."""
        items = self.binding.registry.items
        for identity, owner in list(self._fragments.owners.items()):
            if identity not in used and identity in items and self._fragments.within(owner, self.identity):
                items.pop(identity).close()

    def report_runaway(self, message: str) -> None:
        self.binding.report_runaway(message)

    def stop(self) -> None:
        """No more runs of it alone: its timer stops, queued runs are dropped."""
        self.closed = True
        self._stop_timer()
        if self._fragments.scheduler is not None:
            self._fragments.scheduler.forget(self)

    def close(self) -> None:
        self.stop()
        self.view.close()
