"""`jr.fragment`: a function that reruns alone, as Streamlit's `st.fragment`.

    @jr.fragment(run_every="2s")
    def live_prices():
        jr.metric("price", fetch_price())
        jr.button("refresh now")      # a click reruns live_prices only

    live_prices()

Called in a %%rerun run, the function draws into a box of its own in the cell's
container. When one of the widgets it drew changes, only the function runs again (with the
arguments the cell's last run gave it); the rest of the cell does not run. `run_every`
reruns it on a timer of the kernel's event loop: other cells run meanwhile, and each tick
waits for a running cell to finish. Its timer stops when a run of the cell no longer calls
it, when the cell is executed again without it, at %rerun_stop and at %unload_ext.

`jr.rerun(scope="fragment")` inside a fragment's run of its own starts it over; `jr.rerun()`
reruns the whole cell. Outside a %%rerun cell a fragment is just its function (Streamlit
would not call it at all).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .caching.options import seconds
from .errors import OptionError, RerunError
from .rerun.context import RunContext, StopRun, current_run
from .rerun.fragment_runs import Call, FragmentRerun

F = TypeVar("F", bound=Callable[..., Any])

_RESERVED = frozenset({"app", "fragment"})  # jr.rerun(scope=...) reads these as levels


def fragment(func: F | None = None, *, run_every: int | float | dt.timedelta | str | None = None,
             parallel: bool = False, key: str | int | None = None) -> Any:
    """Make `func` a fragment: it reruns alone when its widgets change, and every
    `run_every` (seconds, a timedelta, or a string like "10s", "1.5 min") if given.

    `parallel=True` is accepted and runs it in order with the cell (runs never overlap
    here). `key` names it for `jr.rerun(key)` from a widget callback."""
    interval = _interval(run_every)
    name = _fragment_key(key)
    if func is None:
        return lambda function: fragment(function, run_every=run_every, parallel=parallel, key=key)
    if not callable(func):
        raise OptionError(f"jr.fragment decorates a function, got {type(func).__name__} "
                          f"{func!r}; write @jr.fragment above a def")

    @functools.wraps(func)
    def as_fragment(*args: Any, **kwargs: Any) -> Any:
        run = current_run()
        if run is None:
            return func(*args, **kwargs)
        return run.binding.fragments.draw(run, Call(func, args, kwargs, interval, name))

    return as_fragment


def _interval(run_every: Any) -> float | None:
    """Seconds between timed reruns; None (or 0, as in Streamlit) for none."""
    if run_every is None or (not isinstance(run_every, str) and not run_every):
        return None
    try:
        return seconds(run_every, "run_every")
    except OptionError:
        if not isinstance(run_every, str):
            raise
    return _pandas_seconds(run_every)


def _pandas_seconds(text: str) -> float:
    """What Streamlit accepts: any string pandas.Timedelta reads ("1h23s", "1.5 days")."""
    problem = (f"run_every takes seconds, a timedelta, or a duration string like '10s', "
               f"'2min' or '1h30m'; got {text!r}")
    try:
        import pandas
    except ImportError:
        raise OptionError(problem + " (pip install pandas for every format pandas.Timedelta "
                                    "reads)") from None
    try:
        value = pandas.Timedelta(text).total_seconds()
    except ValueError:
        raise OptionError(problem) from None
    if not value > 0:  # also catches NaT (nan)
        raise OptionError(problem)
    return float(value)


def _fragment_key(key: Any) -> str | None:
    if key is None:
        return None
    if isinstance(key, bool) or not isinstance(key, (str, int)):
        raise OptionError(f"jr.fragment: key is a string (or an int), got {key!r}")
    name = str(key)
    if name in _RESERVED:
        raise OptionError(f"jr.fragment: {name!r} is a reserved name and cannot be a fragment "
                          "key (jr.rerun(scope=...) reads it as a rerun level); choose another")
    return name


# -- jr.rerun(scope=...) ---------------------------------------------------------------------
def rerun_scope(scope: Any) -> str | list[str]:
    """Streamlit's checks of `st.rerun(scope)`: "app", "fragment", a fragment key or a
    list of keys (ints become strings)."""
    if isinstance(scope, int) and not isinstance(scope, bool):
        return str(scope)
    if isinstance(scope, str):
        if not scope:
            raise RerunError("jr.rerun: scope is 'app', 'fragment', a fragment key or a list of "
                             "keys; got an empty string")
        return scope
    if isinstance(scope, Sequence) and not isinstance(scope, (bytes, bytearray)):
        keys = [str(name) if isinstance(name, int) and not isinstance(name, bool) else name
                for name in scope]
        if not keys or not all(isinstance(name, str) and name for name in keys):
            raise RerunError(f"jr.rerun: a list scope holds fragment keys (non-empty strings "
                             f"or ints), got {scope!r}")
        reserved = [name for name in keys if name in _RESERVED]
        if reserved:
            raise RerunError(f"jr.rerun: {reserved[0]!r} is a reserved scope name and cannot "
                             f"appear in a list; pass jr.rerun({reserved[0]!r}) by itself")
        return keys
    raise RerunError(f"jr.rerun: scope is 'app', 'fragment', a fragment key or a list of keys, "
                     f"got {type(scope).__name__}")


def rerun_fragments(run: RunContext, scope: str | list[str]) -> None:
    """`jr.rerun(scope)` for a scope other than "app": raises what steers the run."""
    if scope == "fragment":
        if run.fragment is None or not run.scope:
            raise RerunError('jr.rerun(scope="fragment") can only be called from a '
                             "@jr.fragment function during a run of that fragment alone (in "
                             "the cell's own run it is part of the cell); call jr.rerun() to "
                             "rerun the whole cell")
        raise FragmentRerun()
    keys = [scope] if isinstance(scope, str) else scope
    if not run.in_callback:
        raise RerunError("jr.rerun(key): passing a fragment key is only allowed in a widget "
                         "callback (on_change / on_click); in the cell's code use "
                         "scope='app' or scope='fragment'")
    fragments = run.binding.fragments.keyed(keys)
    for each in fragments:
        run.binding.fragments.scheduler.request(each)
    raise StopRun()  # the named fragments rerun instead of this run's body
