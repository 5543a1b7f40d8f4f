"""Colours as Streamlit's charts take them: hex strings, rgb()/rgba() strings, RGB(A) tuples
of ints (0-255) or floats (0.0-1.0), and Streamlit's colour names (resolved by the front end)."""

from __future__ import annotations

from typing import Any

from ..errors import ElementError

NAMES = frozenset({"red", "orange", "yellow", "green", "blue", "violet", "gray", "grey", "primary"})


def is_hex(value: Any) -> bool:
    return (isinstance(value, str) and value.startswith("#") and value[1:].isalnum()
            and len(value) in (4, 5, 7, 9))


def is_tuple(value: Any) -> bool:
    return (isinstance(value, (tuple, list)) and len(value) in (3, 4)
            and all(isinstance(part, (int, float)) for part in value))


def is_css(value: Any) -> bool:
    return is_hex(value) or (isinstance(value, str) and value.startswith(("rgb(", "rgba(")))


def is_color(value: Any) -> bool:
    """A colour value (not a colour name: those the front end resolves)."""
    return is_css(value) or is_tuple(value)


def is_name(value: Any) -> bool:
    return isinstance(value, str) and value.lower() in NAMES


def css(value: Any) -> str:
    """A colour Vega understands: strings as they are, tuples as rgb()/rgba()."""
    if is_css(value):
        return value
    if is_tuple(value):
        rgb = [_byte(part) for part in value[:3]]
        if len(value) == 3:
            return f"rgb({rgb[0]}, {rgb[1]}, {rgb[2]})"
        return f"rgba({rgb[0]}, {rgb[1]}, {rgb[2]}, {_unit(value[3])})"
    raise ElementError(f"{value!r} is not a colour: give a hex string like '#ffaa00' or an "
                       "RGB(A) tuple like (255, 170, 0)")


def _byte(part: float) -> int:
    """A component as an int 0-255 (floats are fractions of 255), clamped."""
    return min(255, max(int(part * 255) if isinstance(part, float) else int(part), 0))


def _unit(part: float) -> float:
    """An alpha as a float 0.0-1.0 (ints are in 0-255), clamped."""
    return min(1.0, max(part / 255.0 if isinstance(part, int) else float(part), 0.0))
