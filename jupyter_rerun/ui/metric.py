"""`metric`: a big number, its change (arrow and colour by Streamlit's rules) and an
optional sparkline, rendered in the kernel as HTML.

Colour of the delta (and the sparkline): "normal" green when it rises, red when it falls;
"inverse" the other way round; "off" gray; a colour name, that colour. A zero delta (0 or
the text "0") is gray and has no arrow; a text delta falls when it starts with "-".
"""

from __future__ import annotations

import textwrap
from html import escape
from typing import Any

from .. import widgets
from ..errors import ElementError
from .element import Handle, show
from .markdown import to_html
from .number_format import format_number

_PALETTE = {"red": ("#ff2b2b", "rgba(255, 43, 43, 0.09)"), "green": ("#21c354", "rgba(33, 195, 84, 0.1)"),
            "gray": ("var(--jp-ui-font-color2, rgba(49, 51, 63, 0.6))", "var(--jp-layout-color2, rgba(49, 51, 63, 0.07))"),
            "orange": ("#ffa421", "rgba(255, 164, 33, 0.1)"), "yellow": ("#e0b000", "rgba(250, 202, 43, 0.15)"),
            "blue": ("#1c83e1", "rgba(28, 131, 225, 0.1)"), "violet": ("#803df5", "rgba(128, 61, 245, 0.1)"),
            "primary": ("#ff4b4b", "rgba(255, 75, 75, 0.1)")}
_COLORS = ("normal", "inverse", "off", "red", "orange", "yellow", "green", "blue", "violet",
           "gray", "grey", "primary")
_ARROWS = {"up": '<svg viewBox="0 0 24 24" aria-label="up"><path d="M12 4l7 8h-5v8h-4v-8H5z"/></svg>',
           "down": '<svg viewBox="0 0 24 24" aria-label="down"><path d="M12 20l-7-8h5V4h4v8h5z"/></svg>'}


def metric(label: str, value: Any, delta: Any = None, delta_color: str = "normal", *,
           help: str | None = None, icon: str | None = None, label_visibility: str = "visible",
           border: bool = False, width: Any = "stretch", height: Any = "content",
           chart_data: Any = None, chart_type: str = "line", delta_arrow: str = "auto",
           format: str | None = None, delta_description: str | None = None) -> Handle:
    """A metric: `label`, the `value` in big type, and how it changed (`delta`)."""
    delta_color = textwrap.dedent(str(delta_color)).strip()
    if delta_color not in _COLORS:
        raise ElementError(f"jr.metric(delta_color={delta_color!r}): use one of "
                           f"{', '.join(map(repr, _COLORS))}")
    if delta_arrow not in ("auto", "up", "down", "off"):
        raise ElementError(f"jr.metric(delta_arrow={delta_arrow!r}): use 'auto', 'up', 'down' or 'off'")
    if chart_type not in ("line", "bar", "area"):
        raise ElementError(f"jr.metric(chart_type={chart_type!r}): use 'line', 'bar' or 'area'")
    if label_visibility not in ("visible", "hidden", "collapsed"):
        raise ElementError(f"jr.metric(label_visibility={label_visibility!r}): use 'visible', "
                           "'hidden' or 'collapsed'")
    shown_delta = _text(delta, "delta", format)
    color, direction = _color_and_direction(delta_color, delta)
    if delta_arrow != "auto":
        direction = None if delta_arrow == "off" else delta_arrow
    points = _chart_data(chart_data)
    parts = [_label(label, icon, help, label_visibility),
             f'<div class="jr-metric-value">{to_html(_text(value, "value", format) or "—", inline=True)}</div>']
    if shown_delta:
        ink, wash = _PALETTE[color]
        arrow = _ARROWS.get(direction or "", "")
        note = (f'<span class="jr-metric-note">{escape(delta_description)}</span>'
                if delta_description else "")
        parts.append(f'<div><span class="jr-metric-delta jr-delta-{color}" style="color:{ink};'
                     f'background:{wash}">{arrow}{to_html(shown_delta, inline=True)}</span>{note}</div>')
    if points:
        parts.append(sparkline(points, chart_type, "#808495" if color == "gray" else _PALETTE[color][0]))
    style = _size("width", width) + _size("height", height)
    html = (f'<div class="jr-metric{" jr-metric-border" if border else ""}" style="{style}">'
            f'{"".join(parts)}</div>')
    return show("metric", {"value": html}, make=lambda props: widgets.html(props["value"]))


def _label(label: Any, icon: str | None, help: str | None, visibility: str) -> str:
    if visibility == "collapsed":
        return ""
    icon_html = f"<span>{to_html(icon, inline=True)}</span>" if icon else ""
    help_html = (f'<span class="jr-metric-help" title="{escape(textwrap.dedent(str(help)))}">?</span>'
                 if help is not None and visibility == "visible" else "")
    hidden = " jr-metric-hidden" if visibility == "hidden" else ""
    return (f'<div class="jr-metric-label{hidden}">{icon_html}'
            f'<span>{to_html(str(label), inline=True)}</span>{help_html}</div>')


def _text(value: Any, name: str, format: str | None) -> str:
    """A value or delta as shown: text as given, a number through `format`."""
    if value is None or (isinstance(value, str) and value == ""):
        return ""
    if isinstance(value, str):
        return textwrap.dedent(value)
    number = value.item() if hasattr(value, "item") and not isinstance(value, (int, float)) else value
    import numbers

    if not isinstance(number, numbers.Number) or isinstance(number, complex):
        raise ElementError(f"jr.metric({name}={value!r}): a {name} is a number or a string, not "
                           f"a {type(value).__name__}; convert it first")
    return format_number(number, format) if format else str(number)


def _color_and_direction(delta_color: str, delta: Any) -> tuple[str, str | None]:
    if delta is None or (isinstance(delta, str) and delta == ""):
        return "gray", None
    zero = textwrap.dedent(delta) == "0" if isinstance(delta, str) else bool(delta == 0)
    direction = None if zero else "down" if textwrap.dedent(str(delta)).startswith("-") else "up"
    if delta_color not in ("normal", "inverse", "off"):
        return ("gray" if delta_color == "grey" else delta_color), direction
    if direction is None or delta_color == "off":
        return "gray", direction
    falling = direction == "down"
    return ("red" if falling else "green") if delta_color == "normal" else ("green" if falling else "red"), direction


def _chart_data(chart_data: Any) -> list[float]:
    if chart_data is None:
        return []
    from .tabular import to_frame

    frame, _form = to_frame(list(chart_data) if isinstance(chart_data, (set, frozenset)) else chart_data,
                            "jr.metric")
    values = frame.iloc[:, 0].tolist() if len(frame.columns) else []
    try:
        return [float(value) for value in values]
    except (TypeError, ValueError):
        bad = next(v for v in values if not _is_number(v))
        raise ElementError(f"jr.metric(chart_data=...): only numbers can be charted, got {bad!r} "
                           f"({type(bad).__name__})") from None


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def sparkline(points: list[float], kind: str, color: str, width: int = 200, height: int = 56) -> str:
    """An inline SVG chart of `points` (line, bar or area), stretched to its box."""
    lo, hi = min(points), max(points)
    if kind == "bar":
        lo, hi = min(lo, 0.0), max(hi, 0.0)  # bars stand on zero
    span = (hi - lo) or 1.0
    x = (lambda i: width / 2) if len(points) == 1 else (lambda i: i * width / (len(points) - 1))
    y = lambda v: height - 2 - (v - lo) / span * (height - 4)  # noqa: E731
    if kind == "bar":
        step = width / len(points)
        shapes = "".join(f'<rect x="{i * step + 0.5:.2f}" y="{y(v):.2f}" width="{max(step - 1, 0.5):.2f}" '
                         f'height="{height - y(v):.2f}" fill="{color}"/>' for i, v in enumerate(points))
    else:
        line = " ".join(f"{x(i):.2f},{y(v):.2f}" for i, v in enumerate(points))
        shapes = (f'<polygon points="{x(0):.2f},{height} {line} {x(len(points) - 1):.2f},{height}" '
                  f'fill="{color}" fill-opacity="0.2"/>' if kind == "area" else "")
        shapes += (f'<polyline points="{line}" fill="none" stroke="{color}" stroke-width="2" '
                   'vector-effect="non-scaling-stroke"/>')
    return (f'<svg class="jr-metric-chart" viewBox="0 0 {width} {height}" preserveAspectRatio="none" '
            f'role="img" aria-label="{kind} chart">{shapes}</svg>')


def _size(name: str, value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return f"{name}:{value}px;max-width:100%;" if name == "width" else f"{name}:{value}px;"
    if value in ("stretch", "content"):
        return "width:fit-content;" if (name, value) == ("width", "content") else ""
    raise ElementError(f"jr.metric({name}={value!r}): use 'stretch', 'content' or a number of pixels")
