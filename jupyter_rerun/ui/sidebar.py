"""`jr.sidebar`: a block beside the page, as Streamlit's `st.sidebar` (`jr.sidebar.slider(...)`,
`with jr.sidebar:`).

Each %%rerun cell that draws into the sidebar has a sidebar of its own, the first time it
does in a run: a box in its container, drawn by static/sidebar.js and layout.css.

- On a Voila page (a page for viewers, like a Streamlit app's) the cells' sidebars make up
  one sidebar of the page: fixed to the left of the window, the notebook's content shifted
  right, foldable by its « button (» brings it back). The cells' parts follow one another
  in the order the cells first ran.
- In JupyterLab a notebook's page is JupyterLab's own, and a cell's output is the only
  place a cell owns: the sidebar is a side column of the cell's container, on its left,
  foldable the same way. Each cell's sidebar is its own.

What a cell's run no longer draws into its sidebar goes, as anywhere in the cell; a run
that draws nothing there has no sidebar. A fragment can draw into the sidebar: its own
runs update what it drew there in place (what is new shows at the cell's next run, as
for any box the fragment did not make).
"""

from __future__ import annotations

import weakref
from typing import Any

from ..page import under_voila
from ..rerun.context import RunContext, require_run
from ..rerun.frames import Frame, FrameView
from ..widgets import layout as models
from ..widgets import update_traits
from .layout import Block
from .layout_state import Boxes

__all__ = ["sidebar"]

_IDENTITY = ("sidebar",)  # one per cell, wherever the run first draws into it
_frames: weakref.WeakKeyDictionary[RunContext, Frame] = weakref.WeakKeyDictionary()


class Sidebar(Block):
    """The sidebar: a block whose frame is the current run's sidebar frame."""

    def __init__(self) -> None:  # no frame of its own: each run has one (see _frame)
        pass

    @property
    def _frame(self) -> Frame:  # type: ignore[override]
        return frame_for(require_run("sidebar"))

    def __enter__(self) -> Sidebar:
        require_run("sidebar").push(self._frame)
        return self

    def __exit__(self, *exc_info: Any) -> None:
        require_run("sidebar").pop(self._frame)

    def __repr__(self) -> str:
        return "<jupyter_rerun sidebar>"


def frame_for(run: RunContext) -> Frame:
    """This run's frame of the cell's sidebar, made (and placed) on first use."""
    frame = _frames.get(run)
    if frame is not None:
        return frame
    run.checkpoint()
    run.used.add(_IDENTITY)  # used by the cell, not by a fragment that first drew into it
    item = run.registry.items.get(_IDENTITY)
    traits = {"page": under_voila(), "order": int(run.binding.order)}
    if not isinstance(item, Boxes):
        item = run.registry.items[_IDENTITY] = _build(traits)
    update_traits(item.parts[0], traits)
    frame = Frame(item.views[0])
    if run.fragment is None:  # the cell's own run (a fragment's run shows in the cell's box)
        run.root.add(item.box)
        frame = run.touch(frame)
    _frames[run] = frame
    return frame


def _build(traits: dict[str, Any]) -> Boxes:
    view = FrameView(models.box(["jr-sidebar-body"]))
    control = models.control(models.SidebarControl, traits)
    box = models.box(["jr-sidebar"], {}, children=[control, view.box])
    return Boxes(box, [view], {}, parts=[control])


sidebar = Sidebar()
