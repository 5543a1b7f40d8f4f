"""One %%rerun cell bound to what it reruns on."""

from __future__ import annotations

import enum
import linecache
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from IPython.core.error import UsageError

from ..capture import OutputBuffer, flush_inline_figures, routed_to
from ..errors import RerunError
from ..session import session_state
from .code import CellCode
from .context import Identity, Registry, RerunRequested, RunContext, StopRun, running
from .fragment_runs import Fragments
from .frames import CellView
from .triggers import TriggerHub, find_triggers


# A cell whose last run took SLOW_RUN or more waits until input has been quiet for a
# moment (5 % of that run, at most GATHER) before it runs again: a burst of events (a front
# end sending several at once) then costs one run instead of two. Faster cells run at once.
# (A JupyterLab subshell hands a burst's messages over about 1 ms apart on 2 cores.)
SLOW_RUN = 0.04  # seconds
GATHER = 0.005


def burst_wait(last_duration: float) -> float:
    """How long input must be quiet before a run whose last run took `last_duration`."""
    return min(GATHER, last_duration / 20) if last_duration >= SLOW_RUN else 0.0


@dataclass(frozen=True)
class RerunOptions:
    """What `%%rerun --on NAMES --debounce MS --name NAME` asked for."""

    on: tuple[str, ...] = ()
    debounce: float = 0.0  # seconds
    name: str | None = None


class Outcome(enum.Enum):
    """How a run ended. Abandoned runs show nothing and delete nothing."""

    COMPLETED = "completed"
    STOPPED = "stopped"  # jr.stop()
    HELD = "held"  # jr.stop() in a callback: the body did not run, the screen stays
    FAILED = "failed"  # the cell raised; the traceback is shown
    INTERRUPTED = "interrupted"
    RERUN = "rerun"  # jr.rerun(): abandoned, start over
    SUPERSEDED = "superseded"  # newer input: abandoned, start over

    @property
    def abandoned(self) -> bool:
        return self in (Outcome.RERUN, Outcome.SUPERSEDED)

    @property
    def superseded(self) -> bool:
        return self is Outcome.SUPERSEDED

    @property
    def finished(self) -> bool:
        """The run reached its end, so what it did not draw is gone. A run that stopped
        early (jr.stop(), an error) never got to draw the rest: its widgets stay, as
        Streamlit keeps the widget state of a stopped script."""
        return self is Outcome.COMPLETED


# Exceptions that steer a run rather than report an error in it; everything else a cell
# raises, SystemExit (sys.exit()) included, is its error, shown in its container: a
# SystemExit let through would end the kernel's event loop, and the kernel with it.
_CONTROL = (StopRun, RerunRequested, KeyboardInterrupt)


class Binding:
    """A cell's code, options, widgets, trigger listeners and output container.

    The scheduler calls `run()`; the magic calls `update()` when the cell is executed again,
    which keeps the container and every widget drawn in it, and rewires the listeners.
    """

    def __init__(self, key: str, order: int, shell: Any, hub: TriggerHub,
                 request: Callable[..., None],
                 superseded: Callable[[Any], bool], scheduler: Any = None) -> None:
        self.key = key
        self.order = order
        self.closed = False
        self.view = CellView()
        self.registry = Registry()
        self.code: CellCode | None = None
        self.options = RerunOptions()
        self.runs = 0  # runs shown (not abandoned)
        self.last_duration = 0.0  # seconds, of the last run shown
        self.restarts_for_waiting = 0  # consecutive restarts for messages that were waiting
        self.state_keys: frozenset[str] = frozenset()  # session_state keys its last run read
        self._shell = shell
        self._hub = hub
        self._request = request
        self._superseded = superseded
        self._inbox: list[Any] = []  # widget entries changed by the user since the last run
        self._inbox_lock = threading.Lock()
        self._carried_clicks: set[Identity] = set()  # clicks an abandoned run did not answer
        self._last_context: RunContext | None = None
        self.fragments = Fragments(self, scheduler)  # its @jr.fragment functions

    @property
    def name(self) -> str:
        return self.options.name or self.key

    @property
    def debounce(self) -> float:
        """How long input must be quiet before a run starts (seconds)."""
        return self.options.debounce or burst_wait(self.last_duration)

    def update(self, code: CellCode, options: RerunOptions, triggers: dict[str, Any]) -> None:
        self.code, self.options = code, options
        self._hub.watch(self, triggers)
        self._show_triggers()

    def refresh_triggers(self) -> None:
        """Follow names the cell reads that now hold a different widget (rebound elsewhere)."""
        assert self.code is not None
        try:
            triggers = find_triggers(self.code.free_names, self.options.on, self._shell.user_ns)
        except ValueError:
            return  # an --on name was deleted since; keep listening to what we have
        if self._hub.watch(self, triggers):
            self._show_triggers()

    def _show_triggers(self) -> None:
        parts = list(self._hub.names(self))
        # inputs only: output elements also take input (a table's selection), but a reader
        # counts the sliders and boxes they can set
        inline = sum(1 for item in self.registry.items.values() if getattr(item, "is_input", False))
        if inline:
            parts.append(f"its {inline} widget{'s' * (inline != 1)}")
        own = self._last_context.locked_keys if self._last_context is not None else set()
        parts += [f"session_state.{key}" for key in sorted(self.state_keys - own)]
        self.view.set_note("reruns on: " + ", ".join(parts) if parts else "")

    def on_widget_input(self, *entries: Any) -> None:
        """Inline widgets changed (any thread): remember them and ask for one run (of the
        fragment that drew the last, if a fragment did). Several at once: a form's submit
        (ui/form_state.py), whose values must all reach the same run."""
        with self._inbox_lock:
            for entry in entries:
                if entry not in self._inbox:
                    self._inbox.append(entry)
        self._request(self.fragments.route(entries[-1].identity) or self)

    def superseded(self, runnable: Any) -> bool:
        """Checkpoint test for a run of `runnable` (this cell, or one of its fragments)."""
        return self._superseded(runnable)

    # -- a run ------------------------------------------------------------------------------
    def run(self) -> Outcome:
        """Execute the cell once and show what it drew (unless it was abandoned)."""
        assert self.code is not None
        self.refresh_triggers()
        context = RunContext(self, self.registry, lambda: self._superseded(self))
        context.clicked |= self._carried_clicks
        self._carried_clicks = set()
        self.fragments.cell_run_starts()
        started = time.monotonic()
        with routed_to(context), running(context):
            outcome = self.execute(context)
            flush_inline_figures()
        if outcome.abandoned:
            self._carried_clicks = context.clicked
            return outcome
        if outcome is Outcome.HELD:
            if context.root.elements:  # a callback's error before it stopped the run
                self._show_under_last(context.root.elements)
            return outcome
        self.last_duration = time.monotonic() - started
        self.runs += 1
        self.restarts_for_waiting = 0
        self.state_keys = frozenset(context.reads)
        self._last_context = context
        context.commit()
        if outcome.finished:  # after the commit: nothing on screen refers to what goes
            self.registry.sweep(context.used)
        self.fragments.ran(context)
        self._show_triggers()
        return outcome

    def execute(self, context: RunContext, body: Callable[[], None] | None = None,
                only: Callable[[Any], bool] | None = None) -> Outcome:
        """Take the input (the entries `only` accepts), then run `body` (the cell's code,
        unless a fragment gives its own); say how it ended."""
        try:
            if not self._take_input(context, only):
                return Outcome.HELD
            if body is not None:
                body()
                return Outcome.COMPLETED
            value = self.code.execute(self._shell.user_ns)  # type: ignore[union-attr]
            if value is not None:
                from IPython.display import display

                display(value)
            return Outcome.COMPLETED
        except StopRun:
            return Outcome.STOPPED
        except RerunRequested as request:
            return Outcome.SUPERSEDED if request.superseded else Outcome.RERUN
        except KeyboardInterrupt:
            self._show_error(context, "KeyboardInterrupt", "", ["KeyboardInterrupt: run interrupted"])
            return Outcome.INTERRUPTED
        except BaseException:  # see _CONTROL; the three above were handled
            self._show_error(context, *self._format_error(*sys.exc_info()))
            return Outcome.FAILED

    def _take_input(self, context: RunContext, only: Callable[[Any], bool] | None = None) -> bool:
        """What the user did since the last run, in order: clicks become this run's answer,
        keyed values reach session_state, then callbacks run (as in Streamlit, before the
        cell's code, each seeing every new value). False when a callback called jr.stop():
        then the later callbacks and the body do not run. A fragment's run takes only its
        own widgets' input (`only`); the cell's run takes everything."""
        with self._inbox_lock:
            pending = [entry for entry in self._inbox if only is None or only(entry)]
            self._inbox = [entry for entry in self._inbox if entry not in pending]
        for entry in pending:
            if entry.is_button and entry.take_clicks():
                context.clicked.add(entry.identity)
            if entry.key is not None and not entry.is_button:
                entry.synced = entry.value()
                session_state[entry.key] = entry.value()  # its own copy: see draw()
        return all(self._call_back(context, *entry.callback)
                   for entry in pending if entry.callback is not None)

    def _call_back(self, context: RunContext, function: Callable[..., Any], args: tuple,
                   kwargs: dict) -> bool:
        """Run one widget callback; its error shows and the run goes on. False when it
        called jr.stop()."""
        context.in_callback = True
        try:
            function(*args, **kwargs)
        except StopRun:
            return False
        except _CONTROL:
            raise
        except BaseException:  # SystemExit too: see _CONTROL
            self._show_error(context, *self._format_error(*sys.exc_info()))
        finally:
            context.in_callback = False
        return True

    def _show_error(self, context: RunContext, name: str, value: str, traceback: list[str],
                    frame: Any = None) -> None:
        element = OutputBuffer()
        element.error(name, value, traceback)
        (frame or context.root).add(element)

    def show_exception(self, context: RunContext, frame: Any) -> None:
        """Show the exception being handled in `frame` (a fragment's box)."""
        self._show_error(context, *self._format_error(*sys.exc_info()), frame=frame)

    def _format_error(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> tuple[str, str, list[str]]:
        """A traceback that starts at the user's code, in the shell's %xmode; for the
        package's own errors (bad widget arguments...), just the message and the line."""
        assert self.code is not None and kind is not None
        if isinstance(error, (RerunError, UsageError)):  # one line, as IPython shows a UsageError
            return kind.__name__, str(error), _user_line(kind, error, tb, self.code)
        start = tb
        while start is not None and "jupyter_rerun" in start.tb_frame.f_code.co_filename:
            start = start.tb_next
        # tb_offset=0: the InteractiveTB drops one frame by default (the exec of a cell), and
        # IPython 8 would drop the cell's own frame here, its failing line with it
        lines = self._shell.InteractiveTB.structured_traceback(kind, error, start or tb, tb_offset=0)
        return kind.__name__, str(error), lines

    def report_runaway(self, message: str) -> None:
        """Show why the cell stopped rerunning, under what it showed last."""
        warning = OutputBuffer()
        warning.stream("stderr", f"jupyter_rerun: {message}\n")
        self._show_under_last([warning])

    def _show_under_last(self, elements: list[Any]) -> None:
        shown = self._last_context.root.elements if self._last_context is not None else []
        self.view.show([*shown, *elements])

    def detach(self) -> None:
        """Stop rerunning; the container stays on screen as it is."""
        self.closed = True
        self.fragments.stop()
        self._hub.forget(self)
        self.view.set_note("stopped: this cell no longer reruns")

    def close(self) -> None:
        self.detach()
        self.registry.close()
        self.view.close()


def _user_line(kind: type, error: BaseException, tb: TracebackType | None, code: CellCode) -> list[str]:
    red, bold, reset = "\x1b[31m", "\x1b[1m", "\x1b[0m"
    lines = [f"{red}{bold}{kind.__name__}{reset}: {error}"]
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == code.body.co_filename:
            source = linecache.getline(code.body.co_filename, tb.tb_lineno).strip()
            lines.append(f"  in this cell, line {tb.tb_lineno}: {source}")
        tb = tb.tb_next
    return lines

