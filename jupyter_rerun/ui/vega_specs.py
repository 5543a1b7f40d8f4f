"""The user's charts: an Altair chart or a Vega-Lite spec, made ready to draw as Streamlit
makes them: the data pulled out into named datasets (sent as buffers, not in the spec), the
size fitted to the column, and Altair's generated names made stable across reruns.

    spec, frames = from_altair(chart)            # frames: {dataset name: DataFrame}
    spec, frames = from_vega_lite(data, spec)
    spec = prepared(spec, stretch)               # autosize, legend titles, stable names
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from contextlib import nullcontext
from typing import Any

from ..errors import ElementError
from .vega_builtin import DATA
from .vega_data import to_frame

_GEOMETRIES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
_COMPOSITE = ("layer", "hconcat", "vconcat", "concat")
_altair_lock = threading.Lock()  # Altair's theme and data transformer are global


def is_geo(value: Any) -> bool:
    """GeoJSON or TopoJSON (drawn from the spec, as it is), rather than a table."""
    if isinstance(value, dict):
        kind = value.get("type")
        if kind == "FeatureCollection":
            return "features" in value
        if kind == "Feature":
            return "geometry" in value
        if kind == "GeometryCollection":
            return "geometries" in value
        if kind in _GEOMETRIES:
            return "coordinates" in value
        return kind in (None, "Topology") and isinstance(value.get("arcs"), list) and isinstance(value.get("objects"), dict)
    if isinstance(value, list) and value:
        return isinstance(value[0], dict) and value[0].get("type") == "Feature" and "geometry" in value[0]
    return False


def from_altair(chart: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The spec of an Altair chart, its tables replaced by named datasets, in the order
    Altair meets them ("data-1", "data-2", ...: the names do not change with the data, so
    new data updates the drawn chart in place)."""
    import altair as alt

    frames: dict[str, Any] = {}
    names: dict[int, str] = {}

    def collect(data: Any, **_: Any) -> dict[str, Any]:
        if is_geo(data) or hasattr(data, "__geo_interface__"):
            return alt.utils.data.to_values(data)
        if id(data) not in names:
            names[id(data)] = f"data-{len(names) + 1}"
            frames[names[id(data)]] = to_frame(data, copy=False)
        return {"name": names[id(data)]}

    alt.data_transformers.register("jupyter_rerun", lambda data, **_: collect(data))
    themes = getattr(alt, "theme", None) or alt.themes  # alt.themes before Altair 5.5
    with _altair_lock:
        # Altair's default theme fixes a 300 x 300 size; Streamlit draws without it
        plain = themes.enable("none") if themes.active == "default" else nullcontext()
        with plain, alt.data_transformers.enable("jupyter_rerun"):
            spec = chart.to_dict()
    return _pull_datasets(spec, frames)  # a chart made from JSON keeps its data in datasets


def from_vega_lite(data: Any, spec: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A Vega-Lite spec and its data (`data=`, or in the spec's `data`/`datasets`)."""
    if isinstance(data, dict) and spec is None:
        data, spec = None, data
    if spec is None:
        spec = {}
    if not isinstance(spec, dict):
        raise ElementError(f"spec must be a Vega-Lite spec (a dict), not a {type(spec).__name__}")
    if not spec:
        raise ElementError("a Vega-Lite chart needs a non-empty spec: give spec={...} with "
                           "at least a mark and an encoding")
    spec = dict(spec)
    top = spec.get("data")
    if isinstance(top, dict) and "values" in top and not is_geo(top["values"]):
        data = top["values"]
        spec["data"] = {k: v for k, v in top.items() if k != "values"} | {"name": DATA}
    elif top is not None and not isinstance(top, dict) and not is_geo(top):
        data, spec["data"] = top, {"name": DATA}
    frames: dict[str, Any] = {}
    if data is not None:
        frames[DATA] = to_frame(data, copy=False)
        spec.setdefault("data", {"name": DATA})
    return _pull_datasets(spec, frames)


def _pull_datasets(spec: dict[str, Any], frames: dict[str, Any]) -> tuple[dict, dict]:
    """Tables in `datasets` become frames; GeoJSON and TopoJSON stay in the spec."""
    kept = {}
    for name, values in (spec.pop("datasets", None) or {}).items():
        if is_geo(values):
            kept[str(name)] = values
        elif frames.get(str(name)) is None:
            frames[str(name)] = to_frame(values, copy=False)
    if kept:
        spec["datasets"] = kept
    return spec, {name: frame for name, frame in frames.items() if frame is not None}


def prepared(spec: dict[str, Any], stretch: bool) -> dict[str, Any]:
    """Autosize as Streamlit sets it, null legend titles patched, stable names."""
    spec = dict(spec)
    if "autosize" not in spec:
        facet = "facet" in spec or any(k in spec.get("encoding", {}) for k in ("row", "column", "facet"))
        nested = _nested_composition(spec)
        if "vconcat" in spec and stretch:
            spec["autosize"] = {"type": "pad" if nested else "fit-x", "contains": "padding"}
        elif facet or (nested and not stretch):
            spec["autosize"] = {"type": "pad", "contains": "padding"}
        else:
            spec["autosize"] = {"type": "fit", "contains": "padding"}
    _patch_legend_titles(spec)
    return stable_names(spec)


def default_width(spec: dict[str, Any]) -> str:
    """Streamlit's width when none is given: the column's, except for charts side by side."""
    facet = "facet" in spec or any(k in spec.get("encoding", {}) for k in ("row", "column", "facet"))
    wide = facet or "hconcat" in spec or "repeat" in spec or _nested_composition(spec)
    return "content" if wide else "stretch"


def _nested_composition(spec: dict[str, Any]) -> bool:
    return any(isinstance(item, dict) and any(k in item for k in (*_COMPOSITE, "facet", "repeat"))
               for item in spec.get("vconcat", ()) if isinstance(spec.get("vconcat"), list))


def _patch_legend_titles(spec: dict[str, Any]) -> None:
    """A null colour legend title is drawn wrongly by Vega-Lite; a blank one is not."""
    color = spec.get("encoding", {}).get("color") if isinstance(spec.get("encoding"), dict) else None
    if not isinstance(color, dict):
        return
    if "title" in color and color["title"] is None:
        color["title"] = " "
    legend = color.get("legend")
    if isinstance(legend, dict) and "title" in legend and legend["title"] is None:
        legend["title"] = " "


def stable_names(spec: dict[str, Any]) -> dict[str, Any]:
    """Altair names unnamed params and views with a counter or a hash of the data, so the
    spec would change on every rerun; number them in order of appearance instead
    (param_1, view_1, ...), as Streamlit does, so the names its selections report match."""
    geo_values = spec.get("data", {}).get("values") if isinstance(spec.get("data"), dict) else None
    body = {k: v for k, v in spec.items() if k != "datasets"}
    if isinstance(geo_values, (dict, list)) and is_geo(geo_values):
        body["data"] = {k: v for k, v in spec["data"].items() if k != "values"}
    text = repr(body)
    renames: dict[str, str] = {}
    if "'params'" in text:
        _number(body, re.compile(r"param_[0-9a-f]+(?:_[0-9]+)?"), "param_", renames)
    if re.search(r"'(vconcat|hconcat|facet|layer|concat|repeat)'", text):
        _number(body, re.compile(r"view_[0-9a-f]+(?:_[0-9]+)?"), "view_", renames)
    if not renames:
        return spec
    renamed = _renamed(body, renames)
    if "datasets" in spec:
        renamed["datasets"] = spec["datasets"]
    if body.get("data") is not spec.get("data"):
        renamed["data"] = {**renamed["data"], "values": geo_values}
    return renamed


def _number(value: Any, pattern: re.Pattern[str], prefix: str, renames: dict[str, str]) -> None:
    """Give each name matching `pattern`, in order of appearance, the next number."""
    if isinstance(value, str):
        if pattern.fullmatch(value) and value not in renames:
            renames[value] = f"{prefix}{sum(1 for v in renames.values() if v.startswith(prefix)) + 1}"
    elif isinstance(value, dict):
        for key, item in value.items():
            _number(key, pattern, prefix, renames)
            _number(item, pattern, prefix, renames)
    elif isinstance(value, list):
        for item in value:
            _number(item, pattern, prefix, renames)


def _renamed(value: Any, renames: dict[str, str]) -> Any:
    if isinstance(value, str):
        return renames.get(value, value)
    if isinstance(value, dict):
        return {renames.get(k, k): _renamed(v, renames) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(item, renames) for item in value]
    return value


def selection_params(spec: dict[str, Any]) -> set[str]:
    """The names of the selection parameters anywhere in the spec's views."""
    names = {p["name"] for p in spec.get("params", ()) if isinstance(p, dict) and p.get("name") and p.get("select")} \
        if isinstance(spec.get("params"), list) else set()
    for key in _COMPOSITE:
        for child in spec.get(key, ()) if isinstance(spec.get(key), list) else ():
            if isinstance(child, dict):
                names |= selection_params(child)
    if isinstance(spec.get("spec"), dict):
        names |= selection_params(spec["spec"])
    return names


def selection_mode(spec: dict[str, Any], wanted: str | Iterable[str] | None) -> list[str]:
    """The selection parameters to report: all of the spec's, or those named."""
    available = selection_params(spec)
    if not available:
        raise ElementError("on_select is on, but the chart has no selection: add one (Altair: "
                           "alt.selection_point() or alt.selection_interval() with "
                           ".add_params(...); Vega-Lite: a param with \"select\")")
    if wanted is None:
        return sorted(available)
    wanted = [wanted] if isinstance(wanted, str) else list(wanted)
    for name in wanted:
        if name not in available:
            raise ElementError(f"selection_mode names {name!r}, which the chart does not define: "
                               f"pick from {sorted(available)}")
    return sorted(wanted)
