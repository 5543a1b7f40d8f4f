"""Streamlit's event states: what a chart or a table with `on_select="rerun"` returns.

A read-only dict whose keys are also attributes, so both spellings of Streamlit's examples
work: `event["selection"]["points"]` and `event.selection.points`.
"""

from __future__ import annotations

from typing import Any, NoReturn


class EventState(dict):
    """A read-only dict with attribute access (Streamlit's ReadOnlyAttributeDictionary)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no attribute {name!r}; "
                                 f"it has {', '.join(map(repr, self)) or 'none'}") from None

    def _read_only(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError(f"a {type(self).__name__} is read-only: it is what the user selected; "
                        "copy it with dict(state) to change it")

    __setitem__ = __delitem__ = __setattr__ = __delattr__ = _read_only
    clear = pop = popitem = setdefault = update = __ior__ = _read_only  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, tuple[dict]]:
        return type(self), (dict(self),)  # pickled (session_state's copies) by its items


class PlotlySelectionState(EventState):
    """`points`, `point_indices`, `box`, `lasso`: what the user selected in a Plotly chart."""


class PlotlyState(EventState):
    """What `plotly_chart(..., on_select="rerun")` returns: `selection`."""


def plotly_state(selection: dict | None = None) -> PlotlyState:
    """Streamlit's PlotlyState of a selection as the front end sends it (none: empty)."""
    selection = selection or {}
    return PlotlyState(selection=PlotlySelectionState(
        {name: list(selection.get(name, ())) for name in ("points", "point_indices", "box", "lasso")}))
