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


class Listeners:
    """The listeners one binding keeps on its trigger widgets; `watch` rewires them."""

    def __init__(self, callback: Callable[[], None]) -> None:
        self._callback = callback
        self._by_name: dict[str, tuple[Any, Callable[[], None]]] = {}

    def watch(self, triggers: Mapping[str, Any]) -> bool:
        """Listen to exactly `triggers`; return whether anything changed."""
        changed = False
        for name in list(self._by_name):
            widget, undo = self._by_name[name]
            if triggers.get(name) is not widget:
                undo()
                del self._by_name[name]
                changed = True
        for name, widget in triggers.items():
            if name not in self._by_name:
                self._by_name[name] = (widget, widgets.listen(widget, self._callback))
                changed = True
        return changed

    @property
    def names(self) -> list[str]:
        return list(self._by_name)

    def clear(self) -> None:
        self.watch({})
