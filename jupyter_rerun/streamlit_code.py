"""Streamlit code, unchanged, in a %%rerun cell: its imports and its *magic*.

Imports. Inside a %%rerun cell (or a script run by %streamlit), `import streamlit as st`
gives jupyter_rerun's API. The cell's own syntax tree is rewritten when it is compiled, so
nothing changes for any other code: no import hook, no entry in sys.modules, and a plain
cell's `import streamlit` is the real Streamlit (if it is installed at all).

    import streamlit as st                   ->  import jupyter_rerun as st
    import streamlit                         ->  import jupyter_rerun as streamlit
    import streamlit.components.v1 as c      ->  import jupyter_rerun.components.v1 as c
    from streamlit import slider, write      ->  from jupyter_rerun import slider, write
    from streamlit.components.v1 import html ->  from jupyter_rerun.components.v1 import html

Any other part of Streamlit (its internals, `streamlit.runtime...`) raises a one-line
ModuleNotFoundError where it is imported.

Magic (Streamlit's rules, runtime/scriptrunner/magic.py): an expression on a line of its
own is shown as `st.write` shows it, wherever it is, not only the last one: in `with`,
`for`, `while`, `if`, `try` and `match` bodies, and in functions and methods (shown when
they are called). Not shown: calls (`st.button(...)` draws itself; their values would be
noise), docstrings, `yield` and `await` expressions, and (Jupyter's habit, not
Streamlit's) an expression followed by `;`. A tuple `a, b` is `st.write(a, b)`.
"""

from __future__ import annotations

import ast
from typing import Any

from .errors import RerunError

# Streamlit modules that have a counterpart here; every other `streamlit.*` does not.
PROVIDED = {
    "streamlit": "jupyter_rerun",
    "streamlit.components": "jupyter_rerun.components",
    "streamlit.components.v1": "jupyter_rerun.components.v1",
}
MAGIC_NAME = "__jupyter_rerun_magic__"  # what the rewritten code calls this module


def use_jupyter_rerun(tree: ast.Module) -> bool:
    """Make the imports of Streamlit in `tree` import jupyter_rerun (in place); True if
    there were any: the code is written the Streamlit way, so its magic is on."""
    rewriter = _Imports()
    rewriter.visit(tree)
    ast.fix_missing_locations(tree)
    return rewriter.found


class UnavailableModuleError(RerunError, ModuleNotFoundError):
    """A part of Streamlit imported in a %%rerun cell that jupyter_rerun does not provide."""


def unavailable(name: str) -> None:
    """What `import <name>` becomes for a Streamlit module not provided here."""
    raise UnavailableModuleError(
        f"{name} is not available in a %%rerun cell: there `import streamlit` gives "
        f"jupyter_rerun's API (streamlit and streamlit.components.v1), not Streamlit's "
        f"internals; use the st.* functions instead", name=name)


def _missing(name: str, node: ast.stmt) -> ast.stmt:
    """`__import__("jupyter_rerun.streamlit_code").streamlit_code.unavailable(name)` where
    `import <name>` was (nothing is bound in the cell's namespace)."""
    module = ast.Call(ast.Name("__import__", ast.Load()), [ast.Constant(__name__)], [])
    function = ast.Attribute(ast.Attribute(module, __name__.rsplit(".", 1)[1], ast.Load()),
                             "unavailable", ast.Load())
    return ast.copy_location(ast.Expr(ast.Call(function, [ast.Constant(name)], [])), node)


class _Imports(ast.NodeTransformer):
    found = False

    def visit_Import(self, node: ast.Import) -> ast.stmt:
        names = []
        for alias in node.names:
            if alias.name.split(".")[0] != "streamlit":
                names.append(alias)
                continue
            self.found = True
            target = PROVIDED.get(alias.name)
            if target is None:
                return _missing(alias.name, node)
            # `import streamlit.components.v1` binds `streamlit`: the package, whose
            # `components.v1` is always loaded
            names.append(ast.alias(target, alias.asname) if alias.asname else
                         ast.alias("jupyter_rerun", alias.name.split(".")[0]))
        node.names = names
        return node

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.stmt:
        module = node.module or ""
        if node.level or module.split(".")[0] != "streamlit":
            return node
        self.found = True
        target = PROVIDED.get(module)
        if target is None:
            return _missing(module, node)
        node.module = target
        return node


# -- magic ----------------------------------------------------------------------------------
def add_magic(tree: ast.Module, source: str) -> None:
    """Turn the bare expressions of `tree` (parsed from `source`) into writes, in place."""
    _magic_body(tree.body, type(tree), source.splitlines())
    position = _after_preamble(tree.body)
    tree.body.insert(position, ast.Import([ast.alias(__name__, MAGIC_NAME)]))
    ast.fix_missing_locations(tree)


def _magic_body(body: list[ast.stmt], parent: type, lines: list[str]) -> None:
    for index, node in enumerate(body):
        if isinstance(node, ast.Expr):
            if _shown(node, index, parent, lines):
                values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
                node.value = ast.Call(ast.Attribute(ast.Name(MAGIC_NAME, ast.Load()), "write",
                                                    ast.Load()), values, [])
        elif isinstance(node, ast.ClassDef):  # a class body's expressions are not shown
            for inner in node.body:
                if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    _magic_body(inner.body, type(inner), lines)
        elif isinstance(node, ast.Match):
            for case in node.cases:
                _magic_body(case.body, ast.match_case, lines)
        else:
            for field in ("body", "orelse", "finalbody", "handlers"):
                for child in _statements(getattr(node, field, None)):
                    _magic_body(child, type(node), lines)


def _statements(value: Any) -> list[list[ast.stmt]]:
    """The statement lists a compound statement's field holds (handlers have bodies)."""
    if not isinstance(value, list):
        return []
    return [handler.body for handler in value if isinstance(handler, ast.ExceptHandler)] or [value]


def _shown(node: ast.Expr, index: int, parent: type, lines: list[str]) -> bool:
    value = node.value
    if isinstance(value, (ast.Call, ast.Yield, ast.YieldFrom, ast.Await)):
        return False
    is_string = isinstance(value, ast.Constant) and isinstance(value.value, str)
    if is_string and index == 0 and parent in (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef):
        return False  # a docstring
    return not _followed_by_semicolon(node, lines)


def _followed_by_semicolon(node: ast.stmt, lines: list[str]) -> bool:
    if node.end_lineno is None or node.end_col_offset is None or node.end_lineno > len(lines):
        return False
    rest = lines[node.end_lineno - 1].encode()[node.end_col_offset:].decode(errors="ignore")
    return rest.lstrip().startswith(";")


def _after_preamble(body: list[ast.stmt]) -> int:
    """Where an import may go: after a docstring and `from __future__` imports."""
    position = 0
    for index, node in enumerate(body):
        docstring = index == 0 and isinstance(node, ast.Expr) and isinstance(
            node.value, ast.Constant) and isinstance(node.value.value, str)
        if docstring or (isinstance(node, ast.ImportFrom) and node.module == "__future__"):
            position = index + 1
        else:
            break
    return position


def write(*args: Any) -> Any:
    """What a bare expression becomes: `st.write(*args)`, returning what it was given."""
    import jupyter_rerun

    jupyter_rerun.write(*args)
    return args[0] if len(args) == 1 else args
