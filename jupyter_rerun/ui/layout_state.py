"""Layout boxes kept across runs, and the state a user gives the ones that open and close.

A `Boxes` is the registry item of a layout element: its box model, the frame views its
blocks fill (a column each, a tab's panel, an expander's body), the props its look was last
drawn with, and, for an expander, tabs, a popover or a dialog, the model trait that holds
what the user did (`selected_index`, `open`).

As in Streamlit, that state is the browser's own unless `on_change` is "rerun" or a
callback: then the container *tracks state*. A user's change reruns the cell (the callback
first), its block's `.open` tells the run whether it is open (a tab: whether it is the
selected one), and with a `key`, `session_state[key]` holds it (True/False, a tab's label)
and setting it opens or closes the container. Boxes speaks the engine's input protocol
(what Binding._take_input reads: key, value(), synced, callback) as a widget entry does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .. import widgets
from ..rerun.context import Identity, RunContext
from ..rerun.frames import FrameView
from ..session import same_value, session_state

Props = dict[str, Any]


class Boxes:
    """A layout element's models, kept across runs under its identity."""

    is_button = False  # the engine's input protocol (see WidgetEntry)

    def __init__(self, box: Any, views: Sequence[FrameView], props: Props, *,
                 model: Any = None, trait: str = "", binding: Any = None,
                 parts: Sequence[Any] = ()) -> None:
        self.box, self.views, self.props = box, list(views), dict(props)
        self.model, self.trait = model, trait  # where the user's state lives, if anywhere
        self.parts = list(parts)  # more models of its own, closed with it
        self.read: Callable[[Any], Any] = lambda raw: raw  # trait value -> state
        self.write: Callable[[Any], Any] = lambda value: value  # state -> trait value
        self.stateful = False
        self.identity: Identity = ()
        self.key: str | None = None
        self.callback: tuple[Callable[..., Any], tuple, dict] | None = None
        self.synced: Any = None
        self.state: dict[str, Any] = {}  # what the element remembers (a tab's default)
        self._binding = binding
        self._unlisten = widgets.observe(model, trait, self._changed) if model is not None else None

    def value(self) -> Any:
        return self.read(getattr(self.model, self.trait))

    def set_value(self, value: Any) -> None:
        """Open, close or select as the kernel (not counted as the user's input)."""
        raw = self.write(value)
        if getattr(self.model, self.trait) != raw:
            with widgets.from_kernel(self.model):
                setattr(self.model, self.trait, raw)

    def _changed(self) -> None:
        if widgets.setting_from_kernel(self.model) or self._binding is None:
            return
        if self.stateful:
            self._binding.on_widget_input(self)

    def close(self) -> None:
        if self._unlisten is not None:
            self._unlisten()
        for view in self.views:
            view.close()
        for part in self.parts:
            widgets.close(part)
        widgets.close(self.box)


def boxes(run: RunContext, kind: str, label: str, key: str | None, props: Props,
          build: Callable[[], Boxes], fits: Callable[[Boxes], bool] = lambda item: True) -> Boxes:
    """The element `kind` of this run: the one drawn under its identity before (if it
    `fits`: the same number of blocks, say), else `build()`; placed in the current frame
    (or, called on an element's handle, `bar.empty()`, where that element is)."""
    run.checkpoint()
    replaced = run.take_replacement()
    identity = run.claim(kind, label, key)
    item = run.registry.items.get(identity)
    if not isinstance(item, Boxes) or item.state.get("kind") != kind or not fits(item):
        if item is not None:
            item.close()
        item = run.registry.items[identity] = build()
        item.state["kind"] = kind
    item.identity = identity
    run.place(item.box, replaced)
    return item


def restyle(run: RunContext, item: Boxes, props: Props, apply: Callable[[Props], None]) -> None:
    """Apply new props to the element's models when the run shows (nothing if unchanged)."""
    if same_value(props, item.props):
        return
    item.props = dict(props)

    def now(props: Props = dict(props)) -> None:
        apply(props)

    run.defer(id(item), now)


def track(run: RunContext, item: Boxes, *, key: str | None, on_change: Any, args: Any,
          kwargs: Any, check: Callable[[Any], Any] = lambda value: value) -> Any:
    """Whether the element tracks state this run, its callback, and `session_state[key]`
    kept in step with it (Streamlit's rules, as for widgets: a value code set wins, else
    the user's). Returns its state, or None when it does not track state."""
    item.stateful = on_change != "ignore"
    item.callback = (on_change, tuple(args or ()), dict(kwargs or {})) if callable(on_change) else None
    item.key = key if item.stateful else None
    if not item.stateful:
        return None
    if key is not None:
        if key in session_state and not same_value(session_state[key], item.synced):
            item.set_value(check(session_state[key]))
        value = item.value()
        if key not in session_state or not same_value(session_state[key], value):
            session_state[key] = value
        item.synced = value
        run.locked_keys.add(key)
    return item.value()
