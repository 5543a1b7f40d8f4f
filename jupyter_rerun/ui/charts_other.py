"""Chart elements drawn by their own libraries: Plotly, Matplotlib (pyplot), Bokeh,
Graphviz, and pydeck.

Each is a small function over the one element mechanism (`element.show`), rendered offline
in JupyterLab and Voila: plotly.js and BokehJS come from their Python packages, shipped
once per kernel (`widgets/library.py`); pyplot is a PNG drawn in the kernel; Graphviz is an
SVG laid out by Graphviz's `dot` program.
"""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any

from .. import widgets
from ..caching.hashing import digest
from ..errors import ElementError
from .element import Handle, show
from .bokeh import draw as draw_bokeh
from .deck import draw as draw_deck
from .event_state import PlotlyState, plotly_state
from .graph import draw as draw_graph
from .images import MAX_WIDTH, encode_image
from .media import container_width, show_media

__all__ = ["plotly_chart", "pyplot", "bokeh_chart", "graphviz_chart", "pydeck_chart"]

SELECTION_MODES = ("points", "box", "lasso")


def plotly_chart(figure_or_data: Any, use_container_width: bool | None = None, *,
                 width: int | str = "stretch", height: int | str = "content",
                 theme: str | None = "streamlit", key: Any = None,
                 on_select: str | Callable[[], Any] = "ignore",
                 selection_mode: str | Iterable[str] = SELECTION_MODES,
                 config: dict | None = None, alt: str | None = None) -> Handle | PlotlyState:
    """A Plotly figure (or its data, or a Matplotlib figure, converted by Plotly), drawn
    by plotly.js; a new figure is drawn into the same chart (`Plotly.react`).

    `on_select="rerun"` (or a callable, which runs first) reruns the cell when the user
    selects points (click), a box or a lasso, and returns Streamlit's PlotlyState:
    `event.selection.points`, `.point_indices`, `.box`, `.lasso` (with `key=`, also in
    `session_state[key]`). A changed figure starts with an empty selection, as in
    Streamlit. `width`: "stretch", "content" (the figure's width, else 700 px) or pixels;
    `height`: "content" (the figure's, else 450 px) or pixels. `theme="streamlit"` gives
    the chart Streamlit's compact margins; its colours stay those of the figure's Plotly
    template (None: Plotly's margins too). `alt` labels the chart for screen readers.
    """
    if theme not in ("streamlit", None):
        raise ElementError(f'plotly_chart: theme={theme!r} is not a theme; give "streamlit" or None')
    selecting = _check_on_select(on_select)
    modes = _selection_modes(selection_mode)
    figure, text = _plotly_figure(figure_or_data)
    layout = figure.get("layout", {})
    width = container_width(width, use_container_width)
    props = {
        "revision": digest(text).hex(),
        "width": _content_size(width, layout.get("width"), 700),
        "height": _content_size(_height(height), layout.get("height"), 450),
        "config": dict(config or {}), "selection_modes": list(modes) if selecting else [],
        "alt": alt or "", "theme": theme or "",
    }

    def update(model: Any, props: Any, previous: Any) -> None:
        changed = {name: props[name] for name in props if props[name] != previous[name]}
        if "revision" in changed:
            changed["figure"] = figure
        widgets.update_traits(model, changed)

    handle = show("plotly_chart", props, make=lambda props: _plotly_model({**props, "figure": figure}),
                  update=update, key=key, events=("selection",),  # sent only with selection_modes
                  read=lambda model: _selection(model, model.revision),
                  on_change=on_select if callable(on_select) else None)
    return _selection(handle.element.model, props["revision"]) if selecting else handle


def _plotly_model(traits: dict) -> Any:
    from ..widgets.plotly import plotly_chart as model

    return model(traits)


def _selection(model: Any, revision: str) -> PlotlyState:
    """The user's selection on the figure `revision` (on another figure: none)."""
    selection = model.selection
    return plotly_state(selection.get("state") if selection.get("revision") == revision else None)


def _check_on_select(on_select: Any) -> bool:
    if on_select in ("ignore", "rerun") or callable(on_select):
        return on_select != "ignore"
    raise ElementError(f'on_select={on_select!r} is not an option; give "ignore", "rerun" or '
                       "a callable (it runs before the rerun)")


def _selection_modes(selection_mode: str | Iterable[str]) -> tuple[str, ...]:
    modes = {selection_mode} if isinstance(selection_mode, str) else set(selection_mode)
    if not modes or not modes <= set(SELECTION_MODES):
        raise ElementError(f"selection_mode={selection_mode!r} is not a selection mode; give "
                           f"one or more of {', '.join(map(repr, SELECTION_MODES))}")
    return tuple(mode for mode in SELECTION_MODES if mode in modes)


def _height(height: int | str) -> int | str:
    if height in ("content", "stretch") or (type(height) is int and height > 0):
        return "content" if height == "stretch" else height
    raise ElementError(f'height={height!r} is not a height; give "content" or a positive '
                       "number of pixels")


def _content_size(size: int | str, figure_size: Any, default: int) -> int | str:
    """Streamlit's "content" size: the figure's own, else Plotly's default."""
    if size != "content":
        return size
    return int(figure_size) if isinstance(figure_size, (int, float)) and figure_size > 0 else default


def _plotly_figure(figure_or_data: Any) -> tuple[dict, str]:
    """The figure as plotly.js takes it, its numeric arrays as raw bytes (binary buffers),
    and its JSON text (what its digest is of)."""
    try:
        import plotly.io
        import plotly.tools
        from plotly.exceptions import PlotlyError
    except ImportError:
        raise ElementError("plotly_chart needs plotly: pip install plotly") from None
    try:
        if type(figure_or_data).__module__.startswith("matplotlib.figure"):
            figure = plotly.tools.mpl_to_plotly(figure_or_data)
        else:
            figure = plotly.tools.return_figure_from_figure_or_data(figure_or_data, validate_figure=True)
        text = plotly.io.to_json(figure, validate=False)
    except (PlotlyError, ValueError, TypeError) as error:  # what plotly says of a bad figure
        raise ElementError(f"plotly_chart: {_first_line(error)}") from None
    spec = json.loads(text)
    _raw_arrays(spec)
    return spec, text


def _raw_arrays(value: Any) -> None:
    """Plotly's typed arrays `{"dtype", "bdata": base64}` get raw bytes (sent as buffers)."""
    if isinstance(value, dict):
        if isinstance(value.get("bdata"), str) and isinstance(value.get("dtype"), str):
            value["bdata"] = base64.b64decode(value["bdata"])
            return
        for item in value.values():
            _raw_arrays(item)
    elif isinstance(value, list):
        for item in value:
            _raw_arrays(item)


def _first_line(error: BaseException) -> str:
    return " ".join(str(error).strip().split("\n")[:1]) or type(error).__name__


# -- pyplot ---------------------------------------------------------------------------------

_SAVEFIG = {"bbox_inches": "tight", "dpi": 200, "format": "png"}


def pyplot(fig: Any, clear_figure: bool = False, *, width: int | str = "stretch",
           use_container_width: bool | None = None, alt: str | None = None,
           **kwargs: Any) -> Handle:
    """A Matplotlib figure as a PNG image (drawn once, `savefig(dpi=200,
    bbox_inches="tight")`, as Streamlit does; `**kwargs` go to savefig), the width of its
    column by default. An unchanged figure sends nothing on a rerun. `clear_figure=True`
    clears the figure after drawing it. The figure is closed in pyplot, so Jupyter does not
    show it a second time after the cell.
    """
    if fig is None:
        raise ElementError("pyplot: give the figure, e.g. fig, ax = plt.subplots(); ax.plot(…); "
                           "jr.pyplot(fig) (Matplotlib's global figure is not thread-safe, so "
                           "Streamlit refuses None, and so does this)")
    if not callable(getattr(fig, "savefig", None)):
        raise ElementError(f"pyplot: give a Matplotlib Figure, not a {type(fig).__name__} (for "
                           "the Axes pandas' df.plot() returns, give ax.get_figure())")
    width = container_width(width, use_container_width)
    png = _figure_image(fig, {**_SAVEFIG, **kwargs})
    if clear_figure:
        fig.clf()
    medium = encode_image(png, output_format="PNG",
                          max_width=width if isinstance(width, int) else MAX_WIDTH)
    return show_media("image", [(medium, "", alt)], width, element="pyplot")


def _figure_image(fig: Any, savefig: dict) -> Any:
    """The figure's image (PNG bytes, or SVG text when asked for), and the figure closed in
    pyplot (else the inline backend shows it again after the cell)."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, **savefig)
    pyplot_module = sys.modules.get("matplotlib.pyplot")
    number = getattr(fig, "number", None)
    if pyplot_module is not None and number is not None and pyplot_module.fignum_exists(number):
        pyplot_module.close(fig)
    data = buffer.getvalue()
    head = data.lstrip()[:2048]
    return data.decode() if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head) else data


# -- graphviz -------------------------------------------------------------------------------

def graphviz_chart(figure_or_dot: Any, use_container_width: bool | None = None, *,
                   width: int | str = "content", height: int | str = "content",
                   alt: str | None = None) -> Handle:
    """A graph: DOT text, or a `graphviz` Graph, Digraph or Source, laid out by Graphviz's
    `dot` program in the kernel and shown as SVG (offline; Streamlit lays it out in the
    browser with Graphviz compiled to WebAssembly). `width`: "content" (the graph's own
    size, at most its column's), "stretch" or pixels; `height`: "content" or pixels.
    """
    return draw_graph(figure_or_dot, container_width(width, use_container_width), _height(height), alt)


# -- bokeh and pydeck -----------------------------------------------------------------------

def bokeh_chart(figure: Any, use_container_width: bool = True) -> Handle:
    """A Bokeh figure, drawn by BokehJS from the installed bokeh package (offline).

    Streamlit 1.67 has removed `st.bokeh_chart` (its successor is the streamlit-bokeh
    component); it is kept here, with the signature it last had, for code written for
    earlier versions. `use_container_width=True` stretches the figure to its column.
    """
    return draw_bokeh(figure, use_container_width)


def pydeck_chart(pydeck_obj: Any = None, *, width: int | str = "stretch",
                 use_container_width: bool | None = None, height: int | str = 500,
                 selection_mode: str = "single-object", on_select: Any = "ignore",
                 key: Any = None, alt: str | None = None) -> Any:
    """A pydeck map, drawn offline as far as it can be: deck.gl and its map tiles load from
    CDNs, so the deck's points (layers whose data is in the deck, positions from columns)
    are drawn by `jr.map` over its offline basemap, in each layer's fill colour and radius.
    Aggregating layers (hexagons, grids, heatmaps) show their points; arcs, paths and
    polygons are not drawn (a deck with nothing drawable is a one-line error). Offline
    there is no picking: with `on_select`, it returns Streamlit's PydeckState, empty.
    """
    # pydeck makes a deck.gl widget with every Deck in a kernel, whose front end is a CDN
    # module nothing here draws: close it, so no page restores it later
    stray = getattr(pydeck_obj, "deck_widget", None)
    if stray is not None and hasattr(stray, "close"):
        stray.close()
    return draw_deck(pydeck_obj, width=width, use_container_width=use_container_width, height=height,
                     selection_mode=selection_mode, on_select=on_select, key=key, alt=alt)
