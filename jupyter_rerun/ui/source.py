"""Where in the user's code an element was called, read back from the source: the block of
a `with jr.echo():` statement, and the expression given to `jr.help(...)`.

The only thing taken from the call stack is the file name and line number of the nearest
frame outside this package (as a traceback shows them); the code itself comes from
`linecache`, where IPython keeps every cell's source, and is found with `ast`.
"""

from __future__ import annotations

import ast
import linecache
import os
import sys
import textwrap

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def caller() -> tuple[str, int] | None:
    """(file name, line) of the innermost frame outside jupyter_rerun and contextlib."""
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not (os.path.abspath(filename).startswith(_PACKAGE) or filename.endswith("contextlib.py")):
            return filename, frame.f_lineno
        frame = frame.f_back
    return None


def with_block(filename: str, line: int) -> str | None:
    """The dedented body of the `with` statement on `line` of `filename`, or None when
    that source cannot be read (code made by exec() of a string, say)."""
    lines = linecache.getlines(filename)
    try:
        tree = ast.parse("".join(lines))
    except SyntaxError:
        return None
    found = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.With, ast.AsyncWith)) and node.lineno <= line < _first_line(node.body[0]):
            if found is None or node.lineno >= found.lineno:  # the innermost
                found = node
    if found is None:
        return None
    start, end = _first_line(found.body[0]), found.body[-1].end_lineno or found.body[-1].lineno
    return textwrap.dedent("".join(lines[start - 1:end])).rstrip("\n")


def _first_line(node: ast.stmt) -> int:
    """Where a statement starts, its decorators included."""
    return min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])


def argument_text(filename: str, line: int, *functions: str) -> str | None:
    """The source of the first argument of the call to one of `functions` on `line`
    (`jr.help(df.columns)` -> "df.columns"); None for a literal or no argument."""
    code = linecache.getline(filename, line).strip()
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in functions:
            if not node.args or isinstance(node.args[0], ast.Constant):
                return None
            argument = node.args[0]
            if isinstance(argument, ast.NamedExpr):
                return argument.target.id  # type: ignore[union-attr]
            return ast.get_source_segment(code, argument)
    return None
