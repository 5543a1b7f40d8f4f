"""The one mechanism every output element uses: identity across reruns, in-place update,
placement, and events.

An element function (`jr.metric`, `jr.dataframe`, `jr.line_chart`, ...) works out its
*props*, the plain values that say what it shows, and calls

    show(kind, props, make=..., update=..., key=None)

Inside a %%rerun run that
1. is a checkpoint: newer input stops the run here;
2. claims the element's identity: `key=`, else its kind and how many elements of that kind
   the run drew before it;
3. finds the model drawn under that identity in an earlier run. Equal props send nothing;
   other props update that model in place (`update(model, props, previous)`; by default
   the traits that differ, in one message). A new identity, or another kind, gets
   `make(props)`;
4. places the model in the current frame (the cell, a column, a tab, a container), where
   a cached function's recording and the run's live drawing see it.
Outside a %%rerun run the model is made and displayed once, like any widget.

Props decide whether anything changed, so they must be cheap to compare: an element with
bulk data (a frame, a chart's points) puts the data's digest in its props and hands the
data itself to `make` and `update` through their closures.

Elements the user can act on (a table's selection, a chart's brush) name the model traits
that carry the user's input (`events=`). A change of one from the front end reruns the
cell, as a widget does: `session_state[key]` takes the new state and `on_change` runs
first (see Binding._take_input).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .. import widgets
from ..rerun.context import Identity, RunContext, current_run
from ..session import same_value

Props = Mapping[str, Any]
Make = Callable[[Props], Any]
Update = Callable[[Any, Props, Props], None]


def set_traits(model: Any, props: Props, previous: Props) -> None:
    """The default update: props are the model's traits; send those that differ."""
    widgets.update_traits(model, dict(props))


class Element:
    """A model drawn under one identity, kept across runs (an item of the run's Registry)."""

    is_button = False  # the engine's input protocol (see WidgetEntry)
    update: Update | None = None  # how show() last updated it

    def __init__(self, kind: str, model: Any, props: Props, binding: Any = None,
                 events: tuple[str, ...] = (), read: Callable[[Any], Any] | None = None) -> None:
        self.kind = kind
        self.model = model
        self.view = model  # what goes in the layout
        self.props = dict(props)
        self.identity: Identity = ()
        self.key: str | None = None
        self.callback: tuple[Callable[..., Any], tuple, dict] | None = None
        self.synced: Any = None
        self._read = read
        self._binding = binding
        self._unlisten = [widgets.observe(model, name, self._on_input) for name in events]

    def value(self) -> Any:
        """The user's state of this element (a selection, an edit), for session_state."""
        return self._read(self.model) if self._read is not None else None

    def _on_input(self) -> None:
        if self._binding is not None and not widgets.setting_from_kernel(self.model):
            self._binding.on_widget_input(self)

    def close(self) -> None:
        for unlisten in self._unlisten:
            unlisten()
        widgets.close(self.model)


def show(kind: str, props: Props, make: Make, update: Update = set_traits, *,
         key: Any = None, events: tuple[str, ...] = (), read: Callable[[Any], Any] | None = None,
         on_change: Callable[..., Any] | None = None, args: Any = None,
         kwargs: Any = None) -> Handle:
    """Draw the element `kind` with `props` in the current run (see the module docstring)."""
    run = current_run()
    if run is None:
        element = Element(kind, make(props), props)
        from IPython.display import display

        display(widgets.standalone(element.view))
        return Handle(None, element)
    run.checkpoint()
    replaced = run.take_replacement()
    identity = replaced.identity if replaced is not None else run.claim(
        kind, "", None if key is None else str(key))
    element = _reuse(run, identity, kind, props, update)
    if element is None:
        if identity in run.registry.items:
            run.registry.items.pop(identity).close()  # another kind drawn under this key
        element = Element(kind, make(props), props, run.binding, events, read)
        run.registry.items[identity] = element
    element.identity, element.key = identity, None if key is None else str(key)
    element.update = update  # a cached function's replay shows its props again (shown_again)
    element.callback = (on_change, tuple(args or ()), dict(kwargs or {})) if on_change else None
    return Handle(run, element, *run.place(element.view, replaced))


def _reuse(run: RunContext, identity: Identity, kind: str, props: Props,
           update: Update) -> Element | None:
    """The element drawn under `identity` before, its new props applied when the run
    shows (unless they are equal)."""
    element = run.registry.items.get(identity)
    if not isinstance(element, Element) or element.kind != kind:
        return None
    if not same_props(element.props, props):
        def apply(previous: Props = element.props, props: dict = dict(props)) -> None:
            with widgets.from_kernel(element.model):
                update(element.model, props, previous)

        element.props = dict(props)
        run.defer(id(element), apply)
    return element


def shown_again(run: RunContext, element: Any, props: Props | None) -> None:
    """A cached function's hit places the model the function drew: show the props it drew
    it with, which a later run may have changed (a deferred update, as any)."""
    if isinstance(element, Element) and props is not None and element.update is not None:
        _reuse(run, element.identity, element.kind, props, element.update)


def same_props(a: Props, b: Props) -> bool:
    """Equal props, compared without trusting `==` of arrays and frames (elementwise)."""
    if a.keys() != b.keys():
        return False
    return all(same_value(a[name], b[name]) for name in a)


class Handle:
    """What an element function returns. As in Streamlit, calling an element function on
    it replaces that element, in place: `bar = jr.progress(0)`, then `bar.progress(50)`;
    `slot = jr.text("loading…")`, then `slot.success("done")`. A handle of the same kind
    updates the same model."""

    def __init__(self, run: RunContext | None, element: Element | None = None,
                 frame: Any = None, index: int = -1, identity: Identity | None = None) -> None:
        self._run, self.element = run, element
        self.frame, self.index = frame, index
        self.identity = identity if identity is not None else (element.identity if element else ())

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        from . import elements

        function = elements().get(name)
        if function is None:
            raise AttributeError(f"an element has no method {name!r}; elements: "
                                 f"{', '.join(sorted(elements()))}")

        return lambda *args, **kwargs: self.redraw(function, *args, **kwargs)

    def redraw(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call element function `function` in this element's place (what the element
        methods do). Outside the run that drew it, it draws anew."""
        if self._run is None or self._run is not current_run():
            return function(*args, **kwargs)
        self._run.replacing(self)
        try:
            return function(*args, **kwargs)
        finally:
            self._run.take_replacement()  # left unused if the function drew nothing

    def _ipython_display_(self) -> None:
        """Shown as a cell's last value, a handle shows nothing (its element is already on
        the page)."""

    def __repr__(self) -> str:
        kind = self.element.kind if self.element is not None else "element"
        return f"<jupyter_rerun {kind}>"
