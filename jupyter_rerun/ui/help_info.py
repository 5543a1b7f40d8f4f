"""What `jr.help(obj)` shows, as Streamlit's st.help does: the object's name, type, value
or signature, its docstring, and its public members (each with its type and its value or
the first line of its docstring), modules left out; data first, then functions, classes."""

from __future__ import annotations

import inspect
import re
import types
from html import escape
from typing import Any

_MEMORY_ADDRESS = re.compile(r"^<.*\bat 0x[0-9a-fA-F]+>$", re.S)
_LONGEST = 300


def help_html(obj: Any, name: str | None) -> str:
    """The HTML of the help box for `obj`, shown under `name` (what the call was given)."""
    kind = "class" if inspect.isclass(obj) else type(obj).__name__
    value = _value(obj, name)
    doc = _docstring(obj)
    parts = [f'<div class="jr-help-title"><span class="jr-help-name">{escape(name or "")}</span>'
             f'<span class="jr-help-type">{escape(kind)}</span></div>']
    if value is not None:
        parts.append(f'<div class="jr-help-value"><code>{escape(value)}</code></div>')
    if doc:
        parts.append(f'<pre class="jr-help-doc">{escape(doc)}</pre>')
    rows = "".join(_member_row(*member) for member in _members(obj))
    if rows:
        parts.append(f'<table class="jr-help-members"><tbody>{rows}</tbody></table>')
    return f'<div class="jr-help-box">{"".join(parts)}</div>'


def _docstring(obj: Any) -> str | None:
    """Its docstring, else (for an instance) its type's."""
    doc = inspect.getdoc(obj)
    plain = (type, types.ModuleType, types.FunctionType, types.MethodType)
    if doc is None and not isinstance(obj, plain) and not inspect.isroutine(obj):
        doc = inspect.getdoc(type(obj))
    return doc.strip() if doc else None


def _readable(value: Any) -> str | None:
    """repr() of data (not of classes, modules or callables), cut at 300 characters."""
    if inspect.isclass(value) or inspect.ismodule(value) or callable(value):
        return None
    text = repr(value).strip()
    if not isinstance(value, str) and _MEMORY_ADDRESS.match(text):
        return None
    return text[:_LONGEST] + "..." if len(text) > _LONGEST else text


def _value(obj: Any, name: str | None) -> str | None:
    """Data's repr; else `module.Name(signature)` of the object (or of its class)."""
    readable = _readable(obj)
    if readable is not None:
        return readable
    target = obj if getattr(obj, "__qualname__", None) or inspect.ismodule(obj) else type(obj)
    qualname = getattr(target, "__qualname__", None) or getattr(target, "__name__", "")
    module = getattr(target, "__module__", None) if not inspect.ismodule(target) else None
    try:
        signature = str(inspect.signature(target)) if callable(target) else ""
    except (TypeError, ValueError):
        signature = ""
    shown = f"{module}.{qualname}{signature}" if module else f"{qualname}{signature}"
    return None if shown == name or not qualname else shown


def _members(obj: Any) -> list[tuple[str, str, str]]:
    """(name, type, value or docstring's first line) of the public members, in order."""
    found = []
    for name in dir(obj):
        if name.startswith("_"):
            continue
        descriptor = next((vars(cls)[name] for cls in inspect.getmro(type(obj))
                           if name in vars(cls)), None)
        if isinstance(descriptor, property) or inspect.isgetsetdescriptor(descriptor):
            found.append((0, name, "property", _first_line(inspect.getdoc(descriptor))))
            continue
        try:
            member = getattr(obj, name)
        except AttributeError:
            continue
        if inspect.ismodule(member):
            continue
        readable = _readable(member)
        kind = "class" if inspect.isclass(member) else type(member).__name__
        shown = readable if readable is not None else _first_line(_docstring(member))
        weight = 2 if inspect.isclass(member) else 1 if callable(member) else 0
        found.append((weight, name, kind, shown))
    return [(name, kind, shown) for _, name, kind, shown in sorted(found)]


def _first_line(doc: str | None) -> str:
    return doc.partition("\n")[0] if doc else ""


def _member_row(name: str, kind: str, shown: str) -> str:
    return (f'<tr><td class="jr-help-member">{escape(name)}</td>'
            f'<td class="jr-help-type">{escape(kind)}</td>'
            f'<td class="jr-help-text">{escape(shown)}</td></tr>')
