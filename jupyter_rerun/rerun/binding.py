"""One %%rerun cell bound to the widgets it reruns on."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from ..capture import OutputBuffer, routed_to
from .code import CellCode
from .render import CellView
from .triggers import TriggerHub, find_triggers


@dataclass(frozen=True)
class RerunOptions:
    """What `%%rerun --on NAMES --debounce MS --name NAME` asked for."""

    on: tuple[str, ...] = ()
    debounce: float = 0.0  # seconds
    name: str | None = None


class Binding:
    """A cell's code, options, trigger listeners and output container.

    The scheduler calls `run()`; the magic calls `update()` when the cell is executed again,
    which keeps the container (and so every widget model in it) and rewires the listeners.
    """

    def __init__(self, key: str, order: int, shell: Any, hub: TriggerHub) -> None:
        self.key = key
        self.order = order
        self.closed = False
        self.view = CellView()
        self.code: CellCode | None = None
        self.options = RerunOptions()
        self.runs = 0
        self._last_output = OutputBuffer()
        self._shell = shell
        self._hub = hub

    @property
    def name(self) -> str:
        return self.options.name or self.key

    @property
    def debounce(self) -> float:
        return self.options.debounce

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
        names = self._hub.names(self)
        self.view.set_note("reruns on: " + ", ".join(names) if names
                           else "reruns on: nothing yet (read a widget by name, or use --on)")

    def run(self) -> BaseException | None:
        """Execute the cell once; its outputs replace the container's. Returns a
        KeyboardInterrupt if the run was interrupted (the magic re-raises it)."""
        assert self.code is not None
        self.refresh_triggers()
        buffer = OutputBuffer()
        interrupted: BaseException | None = None
        with routed_to(buffer):
            try:
                value = self.code.execute(self._shell.user_ns)
                if value is not None:
                    from IPython.display import display

                    display(value)
            except KeyboardInterrupt as interrupt:
                interrupted = interrupt
                buffer.error("KeyboardInterrupt", "", ["KeyboardInterrupt: run interrupted"])
            except Exception:
                buffer.error(*self._format_error(*sys.exc_info()))
            _flush_inline_figures()
        self.runs += 1
        self._last_output = buffer
        self.view.show([buffer])
        return interrupted

    def _format_error(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> tuple[str, str, list[str]]:
        """A traceback that starts at the cell's own code, in the shell's %xmode."""
        assert self.code is not None and kind is not None
        filename = self.code.body.co_filename
        start = tb
        while start is not None and start.tb_frame.f_code.co_filename != filename:
            start = start.tb_next
        lines = self._shell.InteractiveTB.structured_traceback(kind, error, start or tb)
        return kind.__name__, str(error), lines

    def report_runaway(self, rounds: int) -> None:
        warning = OutputBuffer()
        warning.stream("stderr", f"jupyter_rerun: stopped after {rounds} reruns in a row that this "
                       "cell caused itself (it changes a widget it reruns on). The next input "
                       "reruns it again.\n")
        self.view.show([self._last_output, warning])

    def detach(self) -> None:
        """Stop rerunning; the container stays on screen as it is."""
        self.closed = True
        self._hub.forget(self)
        self.view.set_note("stopped: this cell no longer reruns")

    def close(self) -> None:
        self.detach()
        self.view.close()


def _flush_inline_figures() -> None:
    """Show figures drawn by the run inside its outputs; the inline backend would otherwise
    show them after the cell (first run) or never (reruns, which are not cells)."""
    backend = sys.modules.get("matplotlib_inline.backend_inline")
    if backend is not None:
        backend.flush_figures()
