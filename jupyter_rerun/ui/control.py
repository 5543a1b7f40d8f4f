"""Control a run from inside it: `jr.rerun()` and `jr.stop()`."""

from __future__ import annotations

from typing import NoReturn

from ..rerun.context import RerunRequested, StopRun, current_run, require_run


def rerun() -> NoReturn:
    """Start this cell over from the top, now (counts toward the limit on a cell that keeps
    rerunning itself)."""
    require_run("rerun")
    raise RerunRequested(superseded=False)


def stop() -> NoReturn:
    """End this run quietly: what it drew so far stays, nothing after it runs. Outside a
    %%rerun cell it ends the cell, without a traceback."""
    raise StopRun()


def checkpoint() -> None:
    """Let newer input stop this run here, so the cell starts over with it. Every jr.* call
    (and every cached call) already does this; call it in long loops that make none.
    Outside a %%rerun cell it does nothing."""
    run = current_run()
    if run is not None:
        run.checkpoint()
