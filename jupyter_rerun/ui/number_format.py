"""Streamlit's number formats, for values the kernel renders (a metric's value and delta):
a name ("dollar", "compact", "percent", ...) or a printf-style string ("%d ⭐", "%.2f",
"%,d" with thousands separators). The grid formats in the browser (static/grid_cells.js)
by the same rules."""

from __future__ import annotations

import builtins
import re
from typing import Any

_NAMED = ("plain", "localized", "percent", "dollar", "euro", "yen", "accounting", "bytes",
          "compact", "scientific", "engineering")


def format_number(value: Any, format: str) -> str:
    """`value` through Streamlit's number `format`: a name ("dollar", "compact", ...) or a
    printf-style string ("%d ⭐", "%.2f", "%,d")."""
    if format in _NAMED:
        return _named(float(value) if not isinstance(value, int) else value, format)
    match = re.search(r"%([-+ 0,]*)(\d+)?(?:\.(\d+))?([diufFeEgGsxXo%])", format)
    if not match:
        return format
    flags, width, precision, kind = match.groups()
    if kind == "%":
        text = "%"
    else:
        spec = ("," if "," in flags else "") + (f".{precision}" if precision else "")
        number = int(value) if kind in "diuxXo" else value
        code = {"i": "d", "u": "d", "s": ""}.get(kind, kind)
        text = _printf(number, ("+" if "+" in flags else "") + spec, code) if kind != "s" else str(value)
        if width and len(text) < int(width):
            text = text.ljust(int(width)) if "-" in flags else text.rjust(int(width), "0" if "0" in flags else " ")
    return format[:match.start()] + text + format[match.end():]


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
    mantissa, exponent = f"{value:.3e}".split("e")
    exponent = int(exponent)
    if name == "engineering":
        shift = exponent % 3
        mantissa, exponent = f"{float(mantissa) * 10 ** shift:.3f}", exponent - shift
    return f"{mantissa.rstrip('0').rstrip('.')}E{exponent}"


def _scaled(value: Any, base: int, units: tuple[str, ...]) -> str:
    step = 0
    while abs(value) >= base and step < len(units) - 1:
        value, step = value / base, step + 1
    text = f"{value:.1f}".rstrip("0").rstrip(".") if step else str(value)
    return f"{text}{units[step]}"
