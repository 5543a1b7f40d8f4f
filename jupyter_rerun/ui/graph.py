"""`jr.graphviz_chart`'s drawing: Graphviz's `dot` program lays the graph out in the kernel,
and the page gets its SVG inline (in an HTML model: offline, in JupyterLab and Voila alike).
Streamlit lays the graph out in the browser, with Graphviz compiled to WebAssembly.
"""

from __future__ import annotations

import html
import re
import subprocess
from functools import lru_cache
from typing import Any

from .. import widgets
from ..errors import ElementError
from .element import Handle, show

_ENGINES = ("dot", "neato", "twopi", "circo", "fdp", "osage", "patchwork", "sfdp")


def draw(figure_or_dot: Any, width: int | str, height: int | str, alt: str | None) -> Handle:
    """Show the graph (DOT text or a graphviz object) at this width and height."""
    source, engine = _dot_source(figure_or_dot)
    svg = _svg_sized(_layout(source, engine), width, height)
    label = f' role="img" aria-label="{_attribute(alt)}"' if alt else ""
    value = f'<div class="jr-graphviz"{label}>{svg}</div>'
    return show("graphviz_chart", {"value": value}, make=_graphviz_model)


def _graphviz_model(props: Any) -> Any:
    model = widgets.html(props["value"])
    model.add_class("jr-graphviz-chart")
    return model


def _dot_source(figure_or_dot: Any) -> tuple[str, str]:
    if isinstance(figure_or_dot, str):
        return figure_or_dot, "dot"
    if type(figure_or_dot).__module__.startswith("graphviz") and hasattr(figure_or_dot, "source"):
        return figure_or_dot.source, getattr(figure_or_dot, "engine", "dot")
    raise ElementError(f"graphviz_chart: cannot draw a {type(figure_or_dot).__name__}; give DOT "
                       "text or a graphviz.Graph, graphviz.Digraph or graphviz.Source")


@lru_cache(maxsize=64)  # a rerun with the same graph does not run dot again
def _layout(source: str, engine: str) -> str:
    """The SVG Graphviz draws for `source` with layout `engine`."""
    if engine not in _ENGINES:
        raise ElementError(f"graphviz_chart: {engine!r} is not a Graphviz layout engine; "
                           f"use one of {', '.join(_ENGINES)}")
    try:
        done = subprocess.run(["dot", f"-K{engine}", "-Tsvg"], input=source.encode(),
                              capture_output=True, check=False)
    except FileNotFoundError:
        raise ElementError("graphviz_chart needs Graphviz's dot program: apt-get install graphviz "
                           "(or conda install graphviz, or brew install graphviz)") from None
    if done.returncode != 0:
        message = " ".join(done.stderr.decode(errors="replace").split()) or f"exit {done.returncode}"
        raise ElementError(f"graphviz_chart: Graphviz could not draw this graph: {message}")
    svg = done.stdout.decode()
    return svg[svg.index("<svg"):]  # without the XML prolog, doctype and comments


def _svg_sized(svg: str, width: int | str, height: int | str) -> str:
    """The SVG with the size the element asks for (its viewBox keeps the proportions)."""
    tag_end = svg.index(">")
    tag, rest = svg[:tag_end], svg[tag_end:]
    natural = re.search(r'\swidth="([^"]*)"', tag)
    tag = re.sub(r'\s(width|height)="[^"]*"', "", tag)
    if isinstance(height, int):
        size = f'height="{height}px" style="max-width:100%"'
    elif width == "stretch":
        size = 'width="100%" style="height:auto"'
    elif isinstance(width, int):
        size = f'width="{width}px" style="max-width:100%;height:auto"'
    else:
        size = f'width="{natural.group(1) if natural else "100%"}" style="max-width:100%;height:auto"'
    return f"{tag} {size}{rest}"


def _attribute(text: str) -> str:
    return html.escape(str(text), quote=True)
