"""The pagination model (static/pagination.js): previous/next arrows and page buttons, at
most `max_visible` of them (-1: all) with the first and the last always shown and "…" for
the pages left out. `value` is the chosen page, 1 the first."""

from __future__ import annotations

import traitlets

from .inputs import _Input, _module


class Pagination(_Input):
    _esm = _module("pagination.js")
    value = traitlets.Int(1).tag(sync=True)
    num_pages = traitlets.Int(1).tag(sync=True)
    max_visible = traitlets.Int(7).tag(sync=True)  # -1: no cap


# kind -> class, merged into INPUT_CLASSES
PAGINATION_INPUTS: dict[str, type] = {"pagination": Pagination}
