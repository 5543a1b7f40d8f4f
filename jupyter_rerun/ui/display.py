"""Display elements: title, header, subheader, markdown, text, write.

Inside a %%rerun cell each call is an element of its own (its own output slot), so a rerun
re-sends only the elements whose content changed. Outside %%rerun they display normally.
"""

from __future__ import annotations

from typing import Any

from ..capture import OutputBuffer, routed_to
from ..rerun.context import current_run


def title(body: Any, anchor: Any = None, *, help: str | None = None) -> None:
    """A page title (a level-1 heading)."""
    _markdown(f"# {body}")


def header(body: Any, anchor: Any = None, *, help: str | None = None, divider: Any = False) -> None:
    """A section header (a level-2 heading)."""
    _markdown(f"## {body}" + ("\n\n---" if divider else ""))


def subheader(body: Any, anchor: Any = None, *, help: str | None = None, divider: Any = False) -> None:
    """A subsection header (a level-3 heading)."""
    _markdown(f"### {body}" + ("\n\n---" if divider else ""))


def markdown(body: Any, unsafe_allow_html: bool = False, *, help: str | None = None) -> None:
    """Markdown text."""
    _markdown(str(body))


def text(body: Any, *, help: str | None = None) -> None:
    """Fixed-width text, shown as is."""
    _element(lambda display: display({"text/plain": str(body)}))


def write(*args: Any, unsafe_allow_html: bool = False) -> None:
    """Show anything, as `st.write` does: strings as markdown, DataFrames as tables,
    figures as images, and everything else the way Jupyter displays it."""

    def show(display_data: Any) -> None:
        from IPython.display import display

        for value in args:
            if isinstance(value, str):
                display_data({"text/markdown": value, "text/plain": value})
            else:
                display(value)

    _element(show)


def _markdown(source: str) -> None:
    _element(lambda display: display({"text/markdown": source, "text/plain": source}))


def _element(fill: Any) -> None:
    """Make one element: `fill(display_data)` produces its outputs."""
    run = current_run()
    if run is None:
        from IPython.display import publish_display_data

        fill(lambda data: publish_display_data(data))
        return
    run.checkpoint()
    element = OutputBuffer()
    with routed_to(element):
        fill(lambda data: element.display(data, {}, None, False))
    run.frame.add(element)
