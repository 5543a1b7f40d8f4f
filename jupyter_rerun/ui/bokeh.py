"""`jr.bokeh_chart`: a Bokeh figure, drawn offline by the installed bokeh's BokehJS.

Bokeh gives every model a new id each time a figure is built, so a cell that builds the
same figure again on each run would look changed every time; the figure's digest is taken
with its ids numbered in the order they appear, and an unchanged figure sends nothing.
"""

from __future__ import annotations

import json
from typing import Any

from ..caching.hashing import digest
from ..errors import ElementError
from .element import Handle, show


def draw(figure: Any, use_container_width: bool) -> Handle:
    """Show `figure` (a Bokeh figure or layout) as one element."""
    try:
        from bokeh.embed import json_item
    except ImportError:
        raise ElementError("bokeh_chart needs bokeh: pip install bokeh") from None
    try:
        item = json_item(figure)
    except (ValueError, TypeError, AttributeError):
        raise ElementError(f"bokeh_chart: cannot draw a {type(figure).__name__}; give a Bokeh "
                           "figure or layout (bokeh.plotting.figure(), bokeh.layouts.row(...))") from None
    root = item["doc"]["roots"][0]
    if use_container_width and root.get("attributes", {}).get("sizing_mode") is None:
        root.setdefault("attributes", {})["sizing_mode"] = "stretch_width"
    props = {"revision": digest(json.dumps(_numbered(item), sort_keys=True))}

    def make(props: Any) -> Any:
        from ..widgets.bokeh import bokeh_chart

        return bokeh_chart(item)

    def update(model: Any, props: Any, previous: Any) -> None:
        model.item = item

    return show("bokeh_chart", props, make=make, update=update)


def _numbered(item: dict) -> Any:
    """`item` with every model id replaced by its order of first appearance."""
    ids: dict[str, str] = {}

    def renamed(value: Any, key: str = "") -> Any:
        if key in ("id", "root_id", "target_id") and isinstance(value, str):
            return ids.setdefault(value, f"#{len(ids)}")
        if isinstance(value, dict):
            return {name: renamed(inner, name) for name, inner in value.items()}
        if isinstance(value, list):
            return [renamed(inner) for inner in value]
        return value

    return renamed(item)
