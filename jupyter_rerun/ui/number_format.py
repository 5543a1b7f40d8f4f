"""Streamlit's number formats, for values the kernel renders (a metric's value and delta):
a name ("dollar", "compact", "percent", ...) or a printf-style string ("%d ⭐", "%.2f",
"%,d" with thousands separators). The grid formats in the browser (static/grid_cells.js)
by the same rules."""

from __future__ import annotations

import builtins
import math
import re
from typing import Any

_NAMED = ("plain", "localized", "percent", "dollar", "euro", "yen", "accounting", "bytes",
          "compact", "scientific", "engineering")


def format_number(value: Any, format: str) -> str:
    """`value` through Streamlit's number `format`: a name ("dollar", "compact", ...) or a
    printf-style string ("%d ⭐", "%.2f", "%,d"; "%%" is a percent sign)."""
    if format in _NAMED:
        return _named(float(value) if not isinstance(value, int) else value, format)
    used = False

    def one(match: re.Match) -> str:
        nonlocal used
        if match.group(0) == "%%":
            return "%"
        if used:  # one value: a second specifier stays as written
            return match.group(0)
        used = True
        return _specifier(value, *match.groups())

    return _SPECIFIER.sub(one, format)


_SPECIFIER = re.compile(r"%%|%([-+ 0,]*)(\d+)?(?:\.(\d+))?([diufFeEgGsxXo])")


def _specifier(value: Any, flags: str, width: str | None, precision: str | None, kind: str) -> str:
    if kind == "s":
        text = str(value)
    else:
        spec = ("+" if "+" in flags else "") + ("," if "," in flags else "") + (
            f".{precision}" if precision else "")
        number = int(value) if kind in "diuxXo" else value
        text = _printf(number, spec, {"i": "d", "u": "d"}.get(kind, kind))
    if width and len(text) < int(width):
        text = text.ljust(int(width)) if "-" in flags else text.rjust(int(width), "0" if "0" in flags else " ")
    return text


def _printf(number: Any, spec: str, code: str) -> str:
    if code in "xXo":
        return builtins.format(number, code)
    if code in "fFeE" and "." not in spec:
        spec += ".6"
    return builtins.format(number, spec + code)


def _named(value: Any, name: str) -> str:
    if name == "plain":
        return str(value)
    if name == "localized":
        return f"{value:,}"
    if name == "percent":
        return f"{value * 100:.2f}%"
    if name in ("dollar", "euro", "yen"):
        symbol, places = {"dollar": ("$", 2), "euro": ("€", 2), "yen": ("¥", 0)}[name]
        return ("-" if value < 0 else "") + f"{symbol}{abs(value):,.{places}f}"
    if name == "accounting":
        return f"({abs(value):,.2f})" if value < 0 else f"{value:,.2f}"
    if name == "bytes":
        return _scaled(value, 1000, ("B", "KB", "MB", "GB", "TB", "PB"))
    if name == "compact":
        return _scaled(value, 1000, ("", "K", "M", "B", "T"))
    exponent = math.floor(math.log10(abs(value))) if value else 0
    if name == "engineering":
        exponent -= exponent % 3
    mantissa = f"{value / 10 ** exponent:.3f}".rstrip("0").rstrip(".")
    return f"{mantissa}E{exponent}"


def _scaled(value: Any, base: int, units: tuple[str, ...]) -> str:
    step = 0
    while abs(value) >= base and step < len(units) - 1:
        value, step = value / base, step + 1
    text = f"{value:.1f}".rstrip("0").rstrip(".") if step else str(value)
    return f"{text}{units[step]}"
