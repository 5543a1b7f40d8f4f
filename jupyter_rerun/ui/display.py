"""Display elements: title, header, subheader, markdown, text, write.

Inside a %%rerun cell each call is an element of its own (its own output slot), so a rerun
re-sends only the elements whose content changed. Outside %%rerun they display normally.
"""

from __future__ import annotations

from typing import Any

from ..capture import OutputBuffer, routed_to
from ..rerun.context import current_run
from .element import Handle


def title(body: Any, anchor: Any = None, *, help: str | None = None) -> Handle:
    """A page title (a level-1 heading)."""
    return _markdown(f"# {body}")


def header(body: Any, anchor: Any = None, *, help: str | None = None, divider: Any = False) -> Handle:
    """A section header (a level-2 heading)."""
    return _markdown(f"## {body}" + ("\n\n---" if divider else ""))


def subheader(body: Any, anchor: Any = None, *, help: str | None = None, divider: Any = False) -> Handle:
    """A subsection header (a level-3 heading)."""
    return _markdown(f"### {body}" + ("\n\n---" if divider else ""))


def markdown(body: Any, unsafe_allow_html: bool = False, *, help: str | None = None) -> Handle:
    """Markdown text."""
    return _markdown(str(body))


def text(body: Any, *, help: str | None = None) -> Handle:
    """Fixed-width text, shown as is."""
    return _element(lambda display: display({"text/plain": str(body)}))


def write(*args: Any, unsafe_allow_html: bool = False) -> Handle:
    """Show anything, as `st.write` does: strings as markdown, DataFrames as tables,
    figures as images, and everything else the way Jupyter displays it."""

    def show(display_data: Any) -> None:
        from IPython.display import display

        for value in args:
            if isinstance(value, str):
                display_data({"text/markdown": value, "text/plain": value})
            elif _is_figure(value):
                data, metadata = _figure_png(value)
                display_data(data, metadata)
            else:
                display(value)

    return _element(show)


def _is_figure(value: Any) -> bool:
    return type(value).__module__.startswith("matplotlib.figure")


def _figure_png(figure: Any) -> tuple[dict, dict]:
    """A figure as PNG with its size in the metadata: the front end keeps that space while
    the new image decodes, so a redrawn chart never collapses (no flicker). A pyplot figure
    is closed once shown, so the inline backend does not show it a second time."""
    import base64
    import io

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    png = buffer.getvalue()
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    import matplotlib.pyplot as plt

    if getattr(figure, "number", None) is not None and plt.fignum_exists(figure.number):
        plt.close(figure)
    return ({"image/png": base64.b64encode(png).decode(), "text/plain": repr(figure)},
            {"image/png": {"width": width, "height": height}})


def _markdown(source: str) -> Handle:
    return _element(lambda display: display({"text/markdown": source, "text/plain": source}))


def _element(fill: Any) -> Handle:
    """Make one element: `fill(display_data)` produces its outputs."""
    run = current_run()
    if run is None:
        from IPython.display import publish_display_data

        fill(lambda data, metadata=None: publish_display_data(data, metadata))
        return Handle(None)
    run.checkpoint()
    replaced = run.take_replacement()
    element = OutputBuffer()
    with routed_to(element):
        fill(lambda data, metadata=None: element.display(data, metadata or {}, None, False))
    return Handle(run, None, *run.place(element, replaced),
                  identity=replaced.identity if replaced is not None else ())
