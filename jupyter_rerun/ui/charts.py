"""Chart elements: line, area, bar and scatter charts, map, Altair and Vega-Lite charts
(Vega-Lite, drawn offline by the kernel's one copy of Vega: widgets/vega.py), and the other
libraries' charts (charts_other.py).

Each element is a small function over the one element mechanism (`element.show`): its props
are digests of the spec and of each dataset, so a rerun that draws the same chart sends
nothing, new data goes to the drawn chart as column buffers in one message, and the spec is
sent again only when it changes. Selections (`on_select="rerun"`) are the chart model's
`selection` trait, which the front end sets: the cell reruns and the element returns
Streamlit's event state, `{"selection": {param: ...}}`.

Sizes as Streamlit's: width "stretch" (the column's, followed when it changes), "content" or
pixels; height "content" or pixels. A notebook has no page height to share, so height
"stretch" is drawn as "content" (map: 500 px). `alt` becomes the chart's description (its
accessible name). Streamlit's element toolbar (fullscreen, download) is not drawn.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from ..widgets import vega as vega_widgets
from ..caching.hashing import digest
from ..errors import ElementError
from ..session import session_state
from .element import Handle, show
from .event_state import EventState
from .vega_builtin import chart_spec
from .vega_data import encode, thin
from .vega_map import map_spec
from .vega_specs import default_width, from_altair, from_vega_lite, prepared, selection_mode
from .charts_other import bokeh_chart, graphviz_chart, plotly_chart, pydeck_chart, pyplot

__all__: list[str] = ["line_chart", "area_chart", "bar_chart", "scatter_chart", "map",
                      "altair_chart", "vega_lite_chart",
                      "plotly_chart", "pyplot", "bokeh_chart", "graphviz_chart", "pydeck_chart"]

KIND = "vega_lite_chart"  # every chart here is one: a line chart may become a bar chart in place
THIN_ABOVE = 5_000  # rows of a line chart; past this each line keeps its extremes per slice
THIN_BUCKETS = 1_000  # slices of the x range: about as many as a chart is pixels wide


class VegaLiteState(EventState):
    """Streamlit's VegaLiteState: `state.selection.brush` or `state["selection"]["brush"]`."""


# -- built-in charts ----------------------------------------------------------------------------
def line_chart(data: Any = None, *, x: str | None = None, y: Any = None, x_label: str | None = None,
               y_label: str | None = None, color: Any = None, width: Any = "stretch",
               height: Any = "content", use_container_width: bool | None = None,
               alt: str | None = None) -> Handle:
    """A line chart of `data`'s columns (or `y`) against its index (or `x`), one line per
    column or per value of the `color` column, as Streamlit draws it. A chart of more than
    5,000 rows is sent as each line's lowest and highest point in each 1/1000 of the x range
    (Vega takes ~10 s to draw 100,000 points with Streamlit's hover layers, ~0.15 s for
    these; the line looks the same, and hovering finds those points)."""
    return _built_in("line", data, locals())


def area_chart(data: Any = None, *, x: str | None = None, y: Any = None, x_label: str | None = None,
               y_label: str | None = None, color: Any = None, stack: Any = None,
               width: Any = "stretch", height: Any = "content",
               use_container_width: bool | None = None, alt: str | None = None) -> Handle:
    """An area chart, as Streamlit draws it; `stack` is True, False, "normalize", "center"
    or "layered"."""
    return _built_in("area", data, locals())


def bar_chart(data: Any = None, *, x: str | None = None, y: Any = None, x_label: str | None = None,
              y_label: str | None = None, color: Any = None, horizontal: bool = False,
              sort: bool | str = True, stack: Any = None, width: Any = "stretch",
              height: Any = "content", use_container_width: bool | None = None,
              alt: str | None = None) -> Handle:
    """A bar chart, as Streamlit draws it; `horizontal` bars, `sort` by a column ("-col"
    descending), `stack` True, False (side by side), "normalize", "center" or "layered"."""
    return _built_in("bar", data, locals())


def scatter_chart(data: Any = None, *, x: str | None = None, y: Any = None, x_label: str | None = None,
                  y_label: str | None = None, color: Any = None, size: Any = None,
                  width: Any = "stretch", height: Any = "content",
                  use_container_width: bool | None = None, alt: str | None = None) -> Handle:
    """A scatter chart, as Streamlit draws it; `size` is a column or a number (default 100)."""
    return _built_in("scatter", data, locals())


def _built_in(kind: str, data: Any, arguments: dict[str, Any]) -> Handle:
    if kind in ("area", "bar") and arguments["stack"] not in (None, True, False, "normalize", "center", "layered"):
        raise ElementError(f"stack={arguments['stack']!r}: give True, False, 'normalize', "
                           "'center', 'layered' or None")
    width, height = _sizes(arguments["width"], arguments["height"], arguments["use_container_width"])
    options = {name: arguments[name] for name in ("x", "y", "x_label", "y_label", "color", "size",
                                                  "stack", "sort", "horizontal") if name in arguments}
    spec, frame = chart_spec(kind, data, width=width, height=height, **options)
    if kind == "line" and len(frame) > THIN_ABOVE:
        frame = _thinned(spec, frame)
    return _draw(spec, {"table": frame}, width=width, height=height, alt=arguments["alt"])


def _thinned(spec: dict[str, Any], frame: Any) -> Any:
    """The frame thinned along the line chart's x, per line (unless there is no line)."""
    encoding = spec.get("layer", [{}])[0].get("encoding", {})
    x, y = encoding.get("x", {}).get("field"), encoding.get("y", {}).get("field")
    if x not in frame.columns or y not in frame.columns:
        return frame
    return thin(frame, x, y, encoding.get("color", {}).get("field"), THIN_BUCKETS)


# -- map --------------------------------------------------------------------------------------
def map(data: Any = None, *, latitude: str | None = None, longitude: str | None = None,  # noqa: A001
        color: Any = None, size: Any = None, zoom: int | None = None, width: Any = "stretch",
        height: Any = 500, use_container_width: bool | None = None, alt: str | None = None) -> Handle:
    """Points on a map, centred and zoomed to fit them (as Streamlit's). Offline: the map is
    the sea, the land (Natural Earth 1:110m) and a graticule, not web map tiles, and it
    does not pan or zoom. `size` is a radius in metres (or a column of them), at least
    3 pixels; `color` a colour or a column of colours."""
    width, height = _sizes(width, height, use_container_width)
    if "content" in (width, height):
        raise ElementError("a map's width and height are 'stretch' or a number of pixels "
                           "(default width 'stretch', height 500), not 'content'")
    spec, frame = map_spec(data, latitude, longitude, color, size, zoom, height)
    vega_widgets.need_land()
    return _draw(spec, {"table": frame}, width=width, height=height, alt=alt, land=True)


# -- Altair and Vega-Lite ------------------------------------------------------------------------
def altair_chart(altair_chart: Any, *, width: Any = None, height: Any = "content",
                 use_container_width: bool | None = None, theme: str | None = "streamlit",
                 key: Any = None, on_select: str | Callable[..., Any] = "ignore",
                 selection_mode: str | Iterable[str] | None = None,
                 alt: str | None = None) -> Handle | VegaLiteState:
    """An Altair chart. With `on_select="rerun"` (or a callback) and a selection in the
    chart, a selection the user makes reruns the cell, and this returns Streamlit's event
    state: `{"selection": {param_name: ...}}` (also in `session_state[key]`)."""
    if not hasattr(altair_chart, "to_dict"):
        raise ElementError(f"altair_chart takes an Altair chart (alt.Chart(...)), not a "
                           f"{type(altair_chart).__name__}; for a Vega-Lite dict use vega_lite_chart")
    spec, frames = from_altair(altair_chart)
    return _user_chart(spec, frames, locals())


def vega_lite_chart(data: Any = None, spec: dict[str, Any] | None = None, *, width: Any = None,
                    height: Any = "content", use_container_width: bool | None = None,
                    theme: str | None = "streamlit", key: Any = None,
                    on_select: str | Callable[..., Any] = "ignore",
                    selection_mode: str | Iterable[str] | None = None,
                    alt: str | None = None) -> Handle | VegaLiteState:
    """A chart from a Vega-Lite spec (a dict) and its data (`data=`, or in the spec's
    `data` or `datasets`). Selections: see altair_chart."""
    spec, frames = from_vega_lite(data, spec)
    return _user_chart(spec, frames, locals())


def _user_chart(spec: dict[str, Any], frames: dict[str, Any], arguments: dict[str, Any]) -> Any:
    theme, on_select, key = arguments["theme"], arguments["on_select"], arguments["key"]
    if theme not in ("streamlit", None):
        raise ElementError(f"theme={theme!r}: give 'streamlit' or None")
    if on_select not in ("ignore", "rerun") and not callable(on_select):
        raise ElementError(f"on_select={on_select!r}: give 'ignore', 'rerun' or a callback function")
    width = arguments["width"] if arguments["width"] is not None or arguments["use_container_width"] \
        is not None else default_width(spec)
    width, height = _sizes(width, arguments["height"], arguments["use_container_width"])
    spec = prepared(spec, width == "stretch")
    params = selection_mode(spec, arguments["selection_mode"]) if on_select != "ignore" else []
    handle = _draw(spec, frames, width=width, height=height, alt=arguments["alt"],
                   theme=theme or "", key=key, params=params,
                   on_change=on_select if callable(on_select) else None)
    if not params:
        return handle
    state = _state(handle.element.model, params) if handle.element else _state(None, params)
    if key is not None and str(key) not in session_state:
        session_state[str(key)] = state
    return state


def _state(model: Any, params: list[str]) -> VegaLiteState:
    """Streamlit's event state: every selection parameter, {} until the user selects."""
    chosen = (model.selection.get("selection", {}) if model is not None else {}) or {}
    picked = {name: chosen.get(name, {}) for name in params}
    return VegaLiteState(selection=EventState(
        {name: EventState(value) if isinstance(value, dict) else value for name, value in picked.items()}))


# -- drawing -------------------------------------------------------------------------------------
def _sizes(width: Any, height: Any, use_container_width: bool | None) -> tuple[Any, Any]:
    """Streamlit's width and height rules (use_container_width is its older spelling)."""
    if use_container_width is not None:
        width = "stretch" if use_container_width else width if isinstance(width, int) else "content"
    if not (width in ("stretch", "content") or _pixels(width)):
        raise ElementError(f"width={width!r}: give 'stretch', 'content' or a number of pixels")
    if not (height in ("stretch", "content") or _pixels(height)):
        raise ElementError(f"height={height!r}: give 'content', 'stretch' or a number of pixels")
    return width, height


def _pixels(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _plain(value: Any) -> Any:
    """JSON for the numpy numbers and dates a spec may hold."""
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise ElementError(f"the chart's spec holds a {type(value).__name__} ({value!r}), which "
                       "Vega-Lite cannot read: give numbers, strings, lists and dicts")


def _draw(spec: dict[str, Any], frames: dict[str, Any], *, width: Any, height: Any,
          alt: str | None, theme: str = "streamlit", key: Any = None, params: list[str] = (),
          on_change: Callable[..., Any] | None = None, land: bool = False) -> Handle:
    """Show the chart: a new model, or the one drawn here before, sent what changed."""
    vega_widgets.library()  # ElementError naming the install command if Vega is missing
    datasets = {name: encode(frame) for name, frame in frames.items()}
    text = json.dumps(spec, sort_keys=True, default=_plain)
    traits = {"spec": json.loads(text), "datasets": datasets, "theme": theme, "width": width,
              "height": height, "description": (alt or "").strip(), "land": land,
              "selection_mode": list(params)}
    props = {**traits, "spec": digest(text), "datasets": {n: d["digest"] for n, d in datasets.items()},
             "selection_mode": tuple(params)}

    def make(_props: Any) -> Any:
        return vega_widgets.chart(traits)

    def update(model: Any, new: Any, old: Any) -> None:
        vega_widgets.update(model, {name: traits[name] for name in traits if new[name] != old[name]})

    return show(KIND, props, make, update, key=key, events=("selection",) if params else (),
                read=lambda model: _state(model, list(params)), on_change=on_change)
