"""'Running f(…) 1.2 s' while a slow cache miss computes; gone when it is done.

Shown only once a miss has taken `DELAY` seconds, updated from a timer thread. In a normal
cell it is a display that is updated and then blanked; inside a %%rerun run it is the
container's status line (the run's own outputs are only sent when the run ends).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

DELAY = 0.5
TICK = 0.2


@contextmanager
def spinning(text: str) -> Iterator[None]:
    if "ipykernel" not in sys.modules:
        yield  # plain Python: nothing to draw in
        return
    from ..rerun.context import current_run

    run = current_run()
    show = _StatusLine(run.binding.view) if run is not None else _Display()
    started = time.monotonic()
    done = threading.Event()

    def tick() -> None:
        if done.wait(DELAY):
            return
        while not done.is_set():
            show.update(f"⏳ {text} {time.monotonic() - started:.1f} s")
            done.wait(TICK)

    thread = threading.Thread(target=tick, name="jupyter-rerun-spinner", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        show.close()


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
