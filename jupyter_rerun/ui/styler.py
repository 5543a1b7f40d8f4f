"""What a pandas Styler adds to a dataframe: each cell's text as the Styler formats it and
its CSS (text colour, background, font weight), as extra text columns the grid reads next
to the data. Streamlit supports the same subset; bars, hover effects and captions are not
drawn (use a ProgressColumn or BarChartColumn, or `table`, for those)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .grid_columns import ObjectColumn

STYLES = ("color", "background-color", "background", "font-weight", "font-style")


def styler_columns(styler: Any, frame: Any) -> dict[int, dict[str, ObjectColumn]]:
    """{data column position: {"display": text column, "style": css column}}, for the
    columns the Styler formats or styles."""
    styler._compute()
    nrows, ncols = frame.shape
    css: dict[int, list[str]] = {}
    for (row, column), declarations in styler.ctx.items():
        kept = "; ".join(f"{prop}: {value}" for prop, value in declarations
                         if prop in STYLES and _plain_css(str(value)))
        if kept:
            css.setdefault(int(column), [""] * nrows)[int(row)] = kept
    shown: dict[int, list[Any]] = {}
    for (row, column), format_cell in list(styler._display_funcs.items()):
        row, column = int(row), int(column)
        if row < nrows and column < ncols:
            shown.setdefault(column, [None] * nrows)[row] = str(format_cell(frame.iat[row, column]))
    result: dict[int, dict[str, ObjectColumn]] = {}
    for column, texts in shown.items():
        raw = frame.iloc[:, column]
        if any(text is not None and text != str(value) for text, value in zip(texts, raw)):
            result.setdefault(column, {})["display"] = ObjectColumn(f"display:{column}", "string",
                                                                    np.array(texts, dtype=object))
    for column, styles in css.items():
        result.setdefault(column, {})["style"] = ObjectColumn(f"style:{column}", "string",
                                                              np.array(styles, dtype=object))
    return result


def _plain_css(value: str) -> bool:
    """A colour or weight, nothing that could fetch or break out (url(), ;, quotes)."""
    return not any(part in value.lower() for part in ("url(", ";", "\"", "'", "{", "}", "<"))


def styled(data: Any, frame: Any) -> tuple[list[ObjectColumn], dict[tuple[int, str], int]]:
    """The extra columns of `data` if it is a Styler (else none), and where each went:
    {(data column position, "display" | "style"): its place among the extras}."""
    from .tabular import is_styler

    extra: list[ObjectColumn] = []
    places: dict[tuple[int, str], int] = {}
    if is_styler(data):
        for position, parts in styler_columns(data, frame).items():
            for part, column in parts.items():
                places[(position, part)] = len(extra)
                extra.append(column)
    return extra, places


def attach(specs: list[dict], places: dict[tuple[int, str], int], index_count: int,
           editable_too: bool) -> None:
    """Point each shown column at its Styler text and CSS (an editor: read-only columns
    only, as Streamlit styles them)."""
    for spec in specs:
        if spec["editable"] and not editable_too:
            continue
        for part in ("display", "style"):
            place = places.get((spec["source"] - index_count, part))
            if place is not None:
                spec[part] = place
