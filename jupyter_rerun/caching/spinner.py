"""'⏳ Running f(…) 1.2 s' while a slow cache miss computes; gone when it is done.

Shown only once a miss has taken `DELAY` seconds, updated from a timer thread. In a normal
cell it is a display that is updated and then blanked; inside a %%rerun run it is the
container's status line (the run's own outputs are only sent when the run ends).
"""

from __future__ import annotations

import sys
import threading
import time

DELAY = 0.5
TICK = 0.2


def waiting_text(spinner: str | None, name: str) -> str | None:
    """The spinner's text while another kernel computes the value (stores/leases.py)."""
    if spinner is None or spinner == "":
        return spinner
    if spinner == f"Running {name}(…)":
        return f"Another kernel is computing {name}(…)"
    return f"{spinner} (another kernel is computing it)"


class Spinner:
    """'⏳ text 1.2 s' from `DELAY` seconds into a miss until `stop()`; '⏳ 1.2 s' for a text
    of "" (as Streamlit's `show_spinner=""`: a spinner without words)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._show: _Display | _StatusLine | None = None

    def start(self) -> None:
        if "ipykernel" not in sys.modules:
            return  # plain Python: nothing to draw in
        from ..rerun.context import current_run

        run = current_run()
        self._show = _StatusLine(run.binding.view) if run is not None else _Display()
        self._thread = threading.Thread(target=self._tick, args=(time.monotonic(),),
                                        name="jupyter-rerun-spinner", daemon=True)
        self._thread.start()

    def _tick(self, started: float) -> None:
        if self._done.wait(DELAY):
            return
        while not self._done.is_set():
            self._show.update(" ".join(  # type: ignore[union-attr]
                part for part in ("⏳", self.text, f"{time.monotonic() - started:.1f} s") if part))
            self._done.wait(TICK)

    def stop(self) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
            self._show.close()  # type: ignore[union-attr]
            self._thread = None


class _Display:
    """A display in the current cell, updated in place, blanked at the end."""

    def __init__(self) -> None:
        self._handle = None

    def update(self, text: str) -> None:
        from IPython.display import HTML, display

        html = HTML(f'<span style="color: var(--jp-ui-font-color2, #888)">{text}</span>')
        if self._handle is None:
            self._handle = display(html, display_id=True)
        else:
            self._handle.update(html)

    def close(self) -> None:
        if self._handle is not None:
            from IPython.display import HTML

            self._handle.update(HTML(""))


class _StatusLine:
    def __init__(self, view: object) -> None:
        self._view = view

    def update(self, text: str) -> None:
        self._view.set_status(text)  # type: ignore[attr-defined]

    def close(self) -> None:
        self._view.set_status("")  # type: ignore[attr-defined]
