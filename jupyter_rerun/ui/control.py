"""Control a run from inside it: `jr.rerun()` and `jr.stop()`."""

from __future__ import annotations

from typing import NoReturn

from ..rerun.context import RerunRequested, StopRun, require_run


def rerun() -> NoReturn:
    """Start this cell over from the top, now (counts toward the limit on a cell that keeps
    rerunning itself)."""
    require_run("rerun")
    raise RerunRequested(superseded=False)


def stop() -> NoReturn:
    """End this run quietly: what it drew so far stays, nothing after it runs. Outside a
    %%rerun cell it ends the cell, without a traceback."""
    raise StopRun()
