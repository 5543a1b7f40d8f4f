"""`map`'s Vega-Lite spec: points over an offline basemap.

Streamlit's map draws its points on web map tiles, which need the internet. Here the
basemap is drawn by Vega itself: the sea, the world's land (Natural Earth 1:110m, shipped
with the package and sent once per kernel) and a graticule, in the web maps' Mercator
projection, centred on the data at Streamlit's zoom level (so the same area shows).
Point sizes are Streamlit's: radii in metres, at least 3 pixels.
"""

from __future__ import annotations

import math
from typing import Any

from ..errors import ElementError
from . import vega_colors as colors
from .vega_builtin import DATA, SCHEMA
from .vega_data import to_frame

LAND = "jr-land"  # the layer the front end fills with the land outline (or drops)
LATITUDES = ("lat", "latitude", "LAT", "LATITUDE")
LONGITUDES = ("lon", "longitude", "LON", "LONGITUDE")
# Degrees of longitude one 256-pixel tile spans at each zoom level (OpenStreetMap's table)
_TILE_DEGREES = (360, 180, 90, 45, 22.5, 11.25, 5.625, 2.813, 1.406, 0.703, 0.352, 0.176,
                 0.088, 0.044, 0.022, 0.011, 0.005, 0.003, 0.001, 0.0005, 0.00025)
_DEFAULT_ZOOM = 12  # one point, or points close together
_EARTH = 40075016.686  # metres around the equator
_WORLD = 512  # pixels around the equator at zoom 0, as deck.gl draws Streamlit's map
_PRIMARY = "rgba(255, 75, 75, 0.8)"  # Streamlit's primary colour, as its map draws points
_SEA, _GROUND, _COAST, _GRID = "#dfe9f2", "#f3f2ee", "#c3c7ce", "#ffffff"


def map_spec(data: Any, latitude: str | None, longitude: str | None, color: Any, size: Any,
             zoom: int | None, height: Any) -> tuple[dict[str, Any], Any]:
    """(spec, frame): the frame has the latitude and longitude columns, and "size"
    (pixels squared) and "color" when those come from columns."""
    import pandas as pd

    frame = to_frame(data, copy=False)
    if data is None or frame.empty:
        empty = pd.DataFrame({"lat": [], "lon": []})
        return _spec("lat", "lon", 0.0, 0.0, 1 if zoom is None else zoom, {}, height), empty
    lat = _position(frame, "latitude", latitude, LATITUDES)
    lon = _position(frame, "longitude", longitude, LONGITUDES)
    points = pd.DataFrame({lat: frame[lat].astype(float), lon: frame[lon].astype(float)})
    centre_lat = (points[lat].min() + points[lat].max()) / 2
    centre_lon = (points[lon].min() + points[lon].max()) / 2
    if zoom is None:
        zoom = zoom_for(max(abs(points[lat].max() - points[lat].min()),
                            abs(points[lon].max() - points[lon].min())))
    marks = _marks(frame, points, lat, color, size, zoom)
    return _spec(lat, lon, centre_lat, centre_lon, zoom, marks, height), points


def zoom_for(degrees: float) -> int:
    """Streamlit's zoom level for points spread over `degrees`."""
    for level in range(len(_TILE_DEGREES) - 1):
        if _TILE_DEGREES[level + 1] < degrees <= _TILE_DEGREES[level]:
            return level
    return _DEFAULT_ZOOM


def _position(frame: Any, what: str, chosen: str | None, names: tuple[str, ...]) -> str:
    if isinstance(chosen, str) and chosen in frame.columns:
        name = chosen
    else:
        name = next((n for n in names if n in frame.columns), None)
        if name is None:
            raise ElementError(f"map data needs a {what} column: name it one of {', '.join(names)} "
                               f"or pass {what}='your column' (columns: "
                               f"{', '.join(map(str, frame.columns)) or 'none'})")
    if frame[name].isna().any():
        raise ElementError(f"map column {name!r} has missing values (NaN or None): drop those "
                           f"rows first, e.g. data.dropna(subset=[{name!r}])")
    return str(name)


def _marks(frame: Any, points: Any, lat: str, color: Any, size: Any, zoom: int) -> dict[str, Any]:
    """The size and colour encodings; per-point values become columns of `points`."""
    import numpy as np

    # pixels per metre at each point's latitude, at this zoom
    scale = _WORLD * 2.0 ** zoom / (_EARTH * np.cos(np.radians(points[lat].to_numpy())))
    encoding: dict[str, Any] = {}
    if isinstance(size, str) and size in frame.columns:
        radius = np.maximum(frame[size].to_numpy(dtype=float) * scale, 3.0)
        points["size"] = math.pi * radius ** 2
        encoding["size"] = {"field": "size", "type": "quantitative", "scale": None}
    else:
        metres = 100 if size is None else size
        if not isinstance(metres, (int, float)) or isinstance(metres, bool):
            raise ElementError(f"size={size!r} is neither a column nor a number of metres: give "
                               "a column name or a radius like 20")
        encoding["size"] = {"value": float(math.pi * max(metres * float(np.median(scale)), 3.0) ** 2)}
    if isinstance(color, str) and color in frame.columns:
        column = frame[color]
        if not len(column) or not colors.is_color(column.iat[0]):
            raise ElementError(f"map column {color!r} does not hold colours: give hex strings "
                               "like '#ffaa00' or RGB(A) tuples")
        points["color"] = column.map(colors.css).to_numpy()
        encoding["color"] = {"field": "color", "type": "nominal", "scale": None, "legend": None}
    else:
        if color is None or (isinstance(color, str) and color.lower() == "primary"):
            fill = _PRIMARY
        else:  # a colour name is resolved by the front end, as in the other charts
            fill = color.lower() if colors.is_name(color) else colors.css(color)
        encoding["color"] = {"value": fill}
    return encoding


def _spec(lat: str, lon: str, centre_lat: float, centre_lon: float, zoom: int,
          marks: dict[str, Any], height: Any) -> dict[str, Any]:
    step = _grid_step(zoom)
    grid = {"step": [step, step], "precision": step / 4, "extent": _around(centre_lon, centre_lat, zoom, step)}
    geo = {"type": "geoshape", "clip": True}
    layers = [
        {"data": {"sphere": True}, "mark": {**geo, "fill": _SEA, "stroke": None}},
        {"data": {"name": LAND}, "mark": {**geo, "fill": _GROUND, "stroke": _COAST, "strokeWidth": 0.6}},
        {"data": {"graticule": grid},
         "mark": {**geo, "fill": None, "stroke": _GRID, "strokeWidth": 0.8}},
        {"data": {"name": DATA}, "mark": {"type": "circle", "opacity": 1, "clip": True},
         "encoding": {"latitude": {"field": lat, "type": "quantitative"},
                      "longitude": {"field": lon, "type": "quantitative"},
                      "tooltip": [{"field": lat, "type": "quantitative"},
                                  {"field": lon, "type": "quantitative"}], **marks}},
    ]
    return {
        "$schema": SCHEMA, "width": 0, "height": height if isinstance(height, int) else 500,
        "padding": 0, "autosize": {"type": "none"}, "layer": layers,
        # rotated to the data's longitude, so the world wraps around it (as a web map does),
        # and never narrower than the chart
        "projection": {"type": "mercator",
                       "scale": {"expr": f"max({_WORLD * 2.0 ** zoom / (2 * math.pi)!r}, width / (2 * PI))"},
                       "rotate": [-float(centre_lon), 0, 0], "center": [0, float(centre_lat)],
                       "translate": {"expr": "[width / 2, height / 2]"},
                       "clipExtent": {"expr": "[[0, 0], [width, height]]"}},
        "config": {"view": {"stroke": None}},
    }


def _around(lon: float, lat: float, zoom: int, step: float) -> list[list[float]]:
    """The graticule's extent: what a map 3,000 pixels wide and high shows (a graticule of
    the whole world at a city's zoom would be millions of lines)."""
    half = 360 * 1500 / (_WORLD * 2.0 ** zoom) + step
    floor = lambda value: math.floor(value / step) * step  # noqa: E731
    return [[max(floor(lon - half), -180.0), max(floor(lat - half), -85.0)],
            [min(floor(lon + half) + step, 180.0), min(floor(lat + half) + step, 85.0)]]


def _grid_step(zoom: int) -> float:
    """About six graticule lines across a map some 700 pixels wide: 1, 2 or 5 x 10^k degrees."""
    across = 360 * 700 / (_WORLD * 2.0 ** zoom) / 6
    power = 10 ** math.floor(math.log10(across))
    return next(f * power for f in (1, 2, 5, 10) if f * power >= across)
