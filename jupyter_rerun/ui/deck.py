"""`jr.pydeck_chart` offline: a deck's points drawn by `jr.map`.

deck.gl loads its JavaScript and its map tiles from CDNs, so a pydeck map cannot be drawn
offline. What can be is its data: each layer whose data is in the deck (records or a
DataFrame, not a URL) and whose positions come from columns (`get_position="[lon, lat]"`,
`["lon", "lat"]`, or one column holding [lon, lat] pairs) is drawn as points by `jr.map`,
over the offline basemap, in the layer's constant fill colour and radius if it has them.
Aggregating layers (hexagons, grids, heatmaps) show their points, not the aggregates; arcs,
paths, polygons and 3-D extrusion are not drawn. Selections need deck.gl's picking: with
`on_select` the chart returns Streamlit's PydeckState, always empty.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import ElementError
from .event_state import EventState

_POSITION = re.compile(r"^@@=\s*(?:\[\s*([\w.]+)\s*,\s*([\w.]+)\s*(?:,\s*[\w.]+\s*)?\]|([\w.]+))\s*$")


class PydeckSelectionState(EventState):
    """`indices` and `objects` by layer id: what the user picked on a pydeck chart."""


class PydeckState(EventState):
    """What `pydeck_chart(..., on_select="rerun")` returns: `selection`."""


def draw(pydeck_obj: Any, *, width: Any, use_container_width: bool | None, height: Any,
         selection_mode: str, on_select: Any, key: Any, alt: str | None) -> Any:
    """Draw the deck's points with `jr.map` (see the module docstring)."""
    from .charts import map as draw_map

    if selection_mode not in ("single-object", "multi-object"):
        raise ElementError(f"selection_mode={selection_mode!r} is not a selection mode; give "
                           "'single-object' or 'multi-object'")
    if not (on_select in ("ignore", "rerun") or callable(on_select)):
        raise ElementError(f'on_select={on_select!r} is not an option; give "ignore", "rerun" '
                           "or a callable")
    points, view = (None, {}) if pydeck_obj is None else _points(pydeck_obj)
    handle = draw_map(points, latitude="lat", longitude="lon",
                      color="color" if points is not None and "color" in points else None,
                      size="size" if points is not None and "size" in points else None,
                      zoom=view.get("zoom"), width=width, height=height,
                      use_container_width=use_container_width, alt=alt)
    if on_select == "ignore":
        return handle
    return PydeckState(selection=PydeckSelectionState(indices={}, objects={}))


def _points(deck: Any) -> tuple[Any, dict]:
    """The points of the deck's drawable layers (lat, lon, and color/size if constant),
    and its initial view (zoom)."""
    import pandas as pd

    frames = [frame for layer in getattr(deck, "layers", None) or () if (frame := _layer(layer)) is not None]
    if not frames:
        raise ElementError("pydeck_chart: no layer of this deck can be drawn offline (deck.gl "
                           "needs CDNs); give a layer data as records or a DataFrame with "
                           'get_position="[lon, lat]", or draw the points with jr.map')
    points = pd.concat(frames, ignore_index=True)
    if "color" in points:  # a layer without a colour of its own: Streamlit's map colour
        points["color"] = points["color"].fillna("rgba(255, 75, 75, 0.8)")
    if "size" in points and points["size"].isna().any():
        points = points.drop(columns="size")  # some layers' radii unknown: jr.map's default
    view = getattr(deck, "initial_view_state", None)
    zoom = getattr(view, "zoom", None)
    return points, {"zoom": round(zoom) if zoom is not None else None}


def _layer(layer: Any) -> Any:
    """One layer's points as a frame, or None if it has none this can draw."""
    import pandas as pd

    records, position = getattr(layer, "data", None), getattr(layer, "get_position", None)
    match = _POSITION.match(position) if isinstance(position, str) else None
    if not isinstance(records, list) or not records or match is None:
        return None
    frame = pd.DataFrame.from_records(records)
    lon_name, lat_name, pair = match.groups()
    if pair is not None:
        if pair not in frame:
            return None
        pairs = frame[pair].tolist()
        lon, lat = [p[0] for p in pairs], [p[1] for p in pairs]
    elif lon_name in frame and lat_name in frame:
        lon, lat = frame[lon_name], frame[lat_name]
    else:
        return None
    points = pd.DataFrame({"lat": pd.to_numeric(lat, errors="coerce"), "lon": pd.to_numeric(lon, errors="coerce")})
    fill = getattr(layer, "get_fill_color", None) or getattr(layer, "get_color", None)
    if isinstance(fill, (list, tuple)) and len(fill) in (3, 4) and all(isinstance(c, (int, float)) for c in fill):
        alpha = fill[3] / 255 if len(fill) == 4 else 0.8
        points["color"] = f"rgba({int(fill[0])}, {int(fill[1])}, {int(fill[2])}, {alpha:.2f})"
    radius = getattr(layer, "get_radius", None)
    if isinstance(radius, (int, float)) and not isinstance(radius, bool):
        points["size"] = float(radius) * float(getattr(layer, "radius_scale", 1) or 1)
    return points.dropna(subset=["lat", "lon"])
