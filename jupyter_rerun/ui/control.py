"""Control a run from inside it: `jr.rerun()` and `jr.stop()`."""

from __future__ import annotations

import warnings
from typing import Any, NoReturn

from ..fragments import rerun_fragments, rerun_scope
from ..rerun.context import RerunRequested, StopRun, current_run, require_run


def rerun(scope: Any = "app") -> None:
    """Start this cell over from the top, now (counts toward the limit on a cell that keeps
    rerunning itself). In a widget callback it does nothing but warn, as in Streamlit: the
    cell's body runs right after its callbacks anyway.

    `scope="fragment"`: start the fragment this is called from over, alone (only in a run
    of that fragment alone, as in Streamlit). A fragment key, or a list of them, in a
    widget callback: rerun those fragments instead of the cell (see jupyter_rerun.fragments)."""
    scope = rerun_scope(scope)
    run = require_run("rerun")
    if scope != "app":
        rerun_fragments(run, scope)
    if run.in_callback:
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
