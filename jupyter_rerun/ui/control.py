"""Control a run from inside it: `jr.rerun()` and `jr.stop()`."""

from __future__ import annotations

import warnings
from typing import NoReturn

from ..rerun.context import RerunRequested, StopRun, current_run, require_run


def rerun() -> None:
    """Start this cell over from the top, now (counts toward the limit on a cell that keeps
    rerunning itself). In a widget callback it does nothing but warn, as in Streamlit: the
    cell's body runs right after its callbacks anyway."""
    if require_run("rerun").in_callback:
        warnings.warn("jr.rerun() in a widget callback does nothing: the cell reruns right "
                      "after its callbacks anyway; remove the call", RuntimeWarning, stacklevel=2)
        return
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
