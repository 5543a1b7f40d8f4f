"""jr.toast, jr.balloons, jr.snow: one-shot effects drawn over the page.

Each call site has one model (an `Effect`, widgets/status.py) kept across reruns, as any
element; what makes each call show again is a new `token`, sent to it at once rather
than when the run shows (a toast appears while the run goes on, as in Streamlit). The front
end (static/effects.js) draws toasts in a stack in the top-right corner, gone after their
`duration`, and balloons or snow across the window, removed when they end.

    msg = jr.toast("Gathering ingredients…")
    msg.toast("Ready!", icon="🥞")   # the same toast, updated (its time starts again)
"""

from __future__ import annotations

import uuid
from typing import Any

from ..errors import ElementError
from ..rerun.context import current_run
from ..widgets import status as models
from .element import Element, Handle, show
from .status_format import clean_text, icon_html, markdown_html

_DURATIONS = {"short": 4, "long": 10, "infinite": 0}


def toast(body: Any, *, icon: str | None = None, duration: str | int = "short") -> Handle:
    """A short message in the top-right corner of the page: `body` is markdown, `icon` one
    emoji or `:material/icon_name:` (or "spinner"); it stays `duration` "short" (4 s),
    "long" (10 s), "infinite" (until closed) or a number of seconds. Toasts stack; hovering
    one keeps it. `toast(...)` on the handle updates it in place."""
    text = clean_text(body)
    if not text:
        raise ElementError("jr.toast: the body is empty; pass the message to show")
    seconds = _seconds(duration)
    traits = {"kind": "toast", "body": markdown_html(text), "icon": icon_html("toast", icon),
              "duration": seconds}
    return _effect("toast", traits)


def balloons() -> Handle:
    """Balloons rise across the page (about 4 s), then are gone."""
    return _effect("balloons", {"kind": "balloons"})


def snow() -> Handle:
    """Snow falls across the page (about 7 s), then is gone."""
    return _effect("snow", {"kind": "snow"})


def _seconds(duration: Any) -> int:
    if isinstance(duration, str) and duration in _DURATIONS:
        return _DURATIONS[duration]
    if isinstance(duration, int) and not isinstance(duration, bool) and duration > 0:
        return int(duration)
    raise ElementError(f"jr.toast: duration={duration!r} is not a duration; pass 'short' (4 s), "
                       "'long' (10 s), 'infinite' or a positive number of seconds")


def _effect(kind: str, traits: dict[str, Any]) -> Handle:
    """Draw the effect `kind` and have it show now: a new token, unless this call updates
    the toast a handle holds (`msg.toast(...)`), which keeps its token."""
    traits = {**traits, "token": _token_to_keep(kind) or uuid.uuid4().hex}
    handle = show(kind, traits, models.effect, update=_applied_already)
    if handle.element is not None:  # a model made now has these traits: nothing is sent
        models.set_effect(handle.element.model, traits)
    return handle


def _token_to_keep(kind: str) -> str | None:
    """The token of the toast the next element replaces, when this call is a handle's
    `.toast(...)`: the same toast changes, no new one appears."""
    run = current_run()
    if run is None or kind != "toast":
        return None
    replaced = run.take_replacement()
    run.replacing(replaced)  # put back: `show` takes it
    element = getattr(replaced, "element", None)
    if isinstance(element, Element) and element.kind == "toast":
        return element.props.get("token")
    return None


def _applied_already(model: Any, props: Any, previous: Any) -> None:
    """The mechanism's deferred update: nothing left to do (`_effect` sent it at once)."""
