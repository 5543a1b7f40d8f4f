"""A JSON value as a collapsible tree of HTML `<details>` elements: it folds and unfolds in
the browser with no script, the same in JupyterLab and Voila. Objects and arrays show
their size; `expanded` says how deep the tree starts open."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from ..errors import ElementError

INDENT = ' style="margin-left:1.25em"'
KINDS = {str: "string", bool: "boolean", int: "number", float: "number", type(None): "null"}


def loads(text: str) -> Any:
    """JSON text (st.json's string body) as a value; bad JSON is an ElementError."""
    try:
        return json.loads(text)
    except ValueError as error:
        raise ElementError(f"jr.json: the string is not JSON ({error}); pass the object "
                           "itself, or JSON text") from None


def tree_html(value: Any, expanded: bool | int) -> str:
    """The tree of `value` (made of dicts, lists and JSON scalars), open to depth
    `expanded` (True: all of it; False or 0: folded)."""
    return f'<div class="jr-json-tree">{_node(None, value, 0, expanded, last=True)}</div>'


def _node(key: Any, value: Any, depth: int, expanded: bool | int, last: bool) -> str:
    label = "" if key is None else _key(key)
    comma = "" if last else '<span class="jr-json-punct">,</span>'
    if not isinstance(value, (dict, list)) or not value:
        return f'<div class="jr-json-leaf"{INDENT * bool(depth)}>{label}{_leaf(value)}{comma}</div>'
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    items = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
    children = "".join(_node(k, v, depth + 1, expanded, index == len(items) - 1)
                       for index, (k, v) in enumerate(items))
    is_open = expanded is True or (expanded is not False and depth < expanded)
    size = f"{len(items)} item{'s' * (len(items) != 1)}"
    return (f'<details class="jr-json-node"{" open" if is_open else ""}{INDENT * bool(depth)}>'
            f'<summary>{label}<span class="jr-json-punct">{opening}</span>'
            f'<span class="jr-json-folded">…{closing}{comma}</span>'
            f'<span class="jr-json-size">{size}</span></summary>{children}'
            f'<div class="jr-json-punct jr-json-close">{closing}{comma}</div></details>')


def _key(key: Any) -> str:
    if isinstance(key, int):
        return f'<span class="jr-json-index">{key}</span><span class="jr-json-punct">: </span>'
    return (f'<span class="jr-json-key">{escape(json.dumps(str(key)))}</span>'
            f'<span class="jr-json-punct">: </span>')


def _leaf(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return f'<span class="jr-json-punct">{"{}" if isinstance(value, dict) else "[]"}</span>'
    kind = KINDS.get(type(value), "string")
    text = json.dumps(value) if kind != "string" or isinstance(value, str) else json.dumps(str(value))
    return f'<span class="jr-json-{kind}">{escape(text)}</span>'
