"""Which widgets a %%rerun cell reruns on, and the listeners attached to them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .. import widgets


class NotAWidgetError(ValueError):
    """An --on name that does not resolve to a widget."""


def find_triggers(
    free_names: Iterable[str], extra: Iterable[str], namespace: Mapping[str, Any]
) -> dict[str, Any]:
    """name -> widget, for every widget the cell reads by name, plus the `--on` names.

    `--on` names may be dotted (`controls.threshold`) and must resolve to a widget; a
    name the cell merely reads is a trigger only if it currently holds one.
    """
    found = {name: namespace[name] for name in free_names
             if name in namespace and widgets.is_trigger(namespace[name])}
    for name in extra:
        value = _resolve(name, namespace)
        if not widgets.is_trigger(value):
            raise NotAWidgetError(_not_a_widget_message(name, value, namespace))
        found[name] = value
    return found


_MISSING = object()


def _resolve(dotted: str, namespace: Mapping[str, Any]) -> Any:
    head, *rest = dotted.split(".")
    value = namespace.get(head, _MISSING)
    for attribute in rest:
        if value is _MISSING:
            break
        value = getattr(value, attribute, _MISSING)
    return value


def _not_a_widget_message(name: str, value: Any, namespace: Mapping[str, Any]) -> str:
    what = "is not defined" if value is _MISSING else f"is a {widgets.describe(value)}, not a widget"
    in_scope = widget_names(namespace)
    if in_scope:
        hint = "widgets in scope: " + ", ".join(in_scope)
    else:
        hint = "no widgets are defined yet; create one first, e.g. s = ipywidgets.IntSlider()"
    return f"--on {name}: {name!r} {what}; {hint}"


def widget_names(namespace: Mapping[str, Any]) -> list[str]:
    return sorted(name for name, value in namespace.items()
                  if not name.startswith("_") and widgets.is_trigger(value))


class TriggerHub:
    """One listener per widget, shared by every binding that reruns on it.

    When the front end changes a widget, `on_input` gets all the bindings that watch it at
    once, so the scheduler can run them in notebook order.
    """

    def __init__(self, on_input: Callable[[list[Any]], None]) -> None:
        self._on_input = on_input
        self._watched: dict[Any, dict[str, Any]] = {}  # binding -> name -> widget
        # id(widget) -> (widget, undo, the bindings that watch it)
        self._listeners: dict[int, tuple[Any, Callable[[], None], list[Any]]] = {}

    def watch(self, binding: Any, triggers: Mapping[str, Any]) -> bool:
        """Make `binding` rerun on exactly `triggers`; return whether anything changed."""
        old = self._watched.get(binding, {})
        if old.keys() == triggers.keys() and all(old[n] is triggers[n] for n in old):
            return False
        for widget in old.values():
            self._detach(widget, binding)
        self._watched[binding] = dict(triggers)
        for widget in triggers.values():
            self._attach(widget, binding)
        return True

    def names(self, binding: Any) -> list[str]:
        return list(self._watched.get(binding, {}))

    def forget(self, binding: Any) -> None:
        self.watch(binding, {})
        self._watched.pop(binding, None)

    def _attach(self, widget: Any, binding: Any) -> None:
        entry = self._listeners.get(id(widget))
        if entry is None:
            bindings: list[Any] = []
            undo = widgets.listen(widget, lambda: self._on_input(list(bindings)))
            entry = self._listeners[id(widget)] = (widget, undo, bindings)
        if binding not in entry[2]:
            entry[2].append(binding)

    def _detach(self, widget: Any, binding: Any) -> None:
        entry = self._listeners.get(id(widget))
        if entry is None or binding not in entry[2]:
            return
        entry[2].remove(binding)
        if not entry[2]:
            entry[1]()
            del self._listeners[id(widget)]
