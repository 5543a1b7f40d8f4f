"""`jr.exception(e)`: an exception's type, message and traceback, as Streamlit shows them.

The traceback leaves out jupyter_rerun's own frames (the engine that ran the cell), as
Streamlit leaves out its own, unless nothing else would be left. Chained exceptions (`raise
X from Y`, an error while handling another) and exception groups show as Python prints them.
An exception that was never raised has no traceback: just its type and message.
"""

from __future__ import annotations

import os
import traceback
from html import escape
from pathlib import Path
from typing import Any

from .element import Handle
from .status_format import box, show_html, width_style

_PACKAGE = str(Path(__file__).resolve().parent.parent) + os.sep
_GROUP_DEPTH, _GROUP_WIDTH = 10, 15  # how far exception groups are shown


def exception(exception: BaseException, width: Any = "stretch") -> Handle:
    """Show `exception`: its type and message and, if it was raised, its traceback (where
    it came from). A `Warning` shows in yellow, anything else in red. `width` is "stretch"
    or pixels. (Streamlit's links to search engines are not drawn.)"""
    style = width_style("exception", width)
    kind = "warning" if isinstance(exception, Warning) else "error"
    rows = traceback_rows(exception)
    parts = [f'<div class="jr-exception-message"><strong class="jr-exception-type">'
             f'{escape(type(exception).__name__)}</strong>: {escape(_message(exception))}</div>']
    if rows:
        parts.append('<div class="jr-exception-label">Traceback:</div>'
                     f'<pre class="jr-exception-trace">{escape(chr(10).join(rows))}</pre>')
    html = box(f"jr-alert jr-alert-{kind} jr-exception", style,
               box("jr-alert-content", "", *parts), role="alert")
    return show_html("exception", html)


def _message(error: Any) -> str:
    if isinstance(error, SyntaxError) and error.text:
        caret = " " * max((error.offset or 1) - 1, 0)
        return (f'File "{error.filename}", line {error.lineno}\n  {error.text.rstrip()}\n'
                f"  {caret}^\n{type(error).__name__}: {error.msg}")
    try:
        return str(error).strip()
    except Exception as failure:  # a broken __str__ must not hide the exception shown
        return f"(its message could not be read: {type(failure).__name__}: {failure})"


def traceback_rows(error: Any) -> list[str]:
    """The lines of `error`'s traceback, without jupyter_rerun's own frames; [] when it
    has none (never raised, or not an exception at all)."""
    if not isinstance(error, BaseException):
        return []
    shown = traceback.TracebackException.from_exception(error)
    _drop_own_frames(shown)
    if not _has_frames(shown):  # only the engine's frames: keep them, they are the story
        shown = traceback.TracebackException.from_exception(error)
    return _rows(shown, own_line=False, depth=_GROUP_DEPTH)


def _chain(error: traceback.TracebackException) -> list[traceback.TracebackException]:
    """The exception itself, what it chains to (as Python prints: cause, else context) and
    the members of a group."""
    linked = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    return [error, *([linked] if linked else []), *(error.exceptions or ())]


def _drop_own_frames(error: traceback.TracebackException) -> None:
    for item in _chain(error):
        if item is error:
            item.stack[:] = [frame for frame in item.stack
                             if not str(frame.filename).startswith(_PACKAGE)]
        else:
            _drop_own_frames(item)


def _has_frames(error: traceback.TracebackException) -> bool:
    return bool(error.stack) or any(_has_frames(item) for item in _chain(error)[1:])


def _rows(error: traceback.TracebackException, *, own_line: bool, depth: int) -> list[str]:
    """`error`'s frames after those of what it chains to, with Python's separators; the
    exception's own `Type: message` line for all but the outermost (shown above)."""
    rows: list[str] = []
    if error.__cause__ is not None:
        rows += _rows(error.__cause__, own_line=True, depth=depth)
        rows.append("The above exception was the direct cause of the following exception:")
    elif error.__context__ is not None and not error.__suppress_context__:
        rows += _rows(error.__context__, own_line=True, depth=depth)
        rows.append("During handling of the above exception, another exception occurred:")
    rows += [line.rstrip() for line in error.stack.format()]
    if own_line:
        rows += [line.rstrip("\n") for line in error.format_exception_only() if line.strip()]
    members = list(error.exceptions or ())
    if members and depth <= 0:
        rows.append(f"... ({len(members)} nested exceptions not shown)")
    elif members:
        for number, member in enumerate(members[:_GROUP_WIDTH], start=1):
            rows.append(f"+---------------- {number} ----------------")
            rows += _rows(member, own_line=True, depth=depth - 1)
        if len(members) > _GROUP_WIDTH:
            rows.append(f"... and {len(members) - _GROUP_WIDTH} more exceptions")
    return rows
