"""A %%rerun cell's body, compiled once and executed like a normal cell on every run."""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass
from types import CodeType
from typing import Any

from .. import streamlit_code


# A run executes on the thread of the kernel's event loop, which is running, so
# `asyncio.run()` there fails ("cannot be called from a running event loop"); a thread of
# its own has no loop, so asyncio.run works there (tests/test_engine_robustness.py runs
# this very line in a first run and in a rerun).
AWAIT_MESSAGE = (
    "'await' at the top level of a %%rerun cell is not supported, and asyncio.run() fails in "
    "a kernel (its event loop is running); run the coroutine on a thread of its own: "
    "`with concurrent.futures.ThreadPoolExecutor(1) as pool: result = pool.submit("
    "asyncio.run, main()).result()` (import asyncio, concurrent.futures), or await it in a "
    "cell without %%rerun")


@dataclass(frozen=True)
class CellCode:
    """The body of a cell: statements, then the expression whose value is displayed."""

    source: str
    body: CodeType
    last_expression: CodeType | None
    free_names: tuple[str, ...]  # names read but never bound in the cell, in order of use
    last_callee: tuple[str, ...] = ()  # `jr.button` -> ("jr", "button"), if the last line is a call
    magic: bool = False  # written the Streamlit way: bare expressions are shown (streamlit_code)

    @classmethod
    def compile(cls, shell: Any, source: str, *, script: str | None = None) -> CellCode:
        """Transform (magics, `!cmd`), parse and compile `source`; SyntaxError propagates.

        `import streamlit` in it imports jupyter_rerun, and turns Streamlit's magic on.
        `script`: the path of the Streamlit script `source` was read from (%streamlit): it is
        compiled as it is, under that name, magic on, and (as under `streamlit run`) a call
        on its last line is not shown."""
        python = source if script else shell.transform_cell(source)
        tree = ast.parse(python, script or "<unknown>")
        if _uses_top_level_await(tree):
            raise SyntaxError(AWAIT_MESSAGE)
        magic = streamlit_code.use_jupyter_rerun(tree) or script is not None
        filename = script or shell.compile.cache(python, shell.execution_count, raw_code=source)
        flags = shell.compile.flags
        free_names = _free_names(tree)
        last = None
        callee: tuple[str, ...] = ()
        if tree.body and isinstance(tree.body[-1], ast.Expr) and not python.rstrip().endswith(";") \
                and not (magic and (script or not isinstance(tree.body[-1].value, ast.Call))):
            expression = tree.body.pop().value  # (magic shows other last expressions itself)
            callee = _callee(expression)
            last = compile(ast.Expression(expression), filename, "eval", flags, True)
        if magic:
            streamlit_code.add_magic(tree, python)
        body = compile(tree, filename, "exec", flags, True)
        return cls(source, body, last, free_names, callee, magic)

    def execute(self, namespace: dict[str, Any]) -> Any:
        """Run the cell in `namespace`; return the value of its last expression, or None
        when there is none or it is a jupyter_rerun element (`jr.button("Go")` on the last
        line draws a button; showing its False under it would be noise). With magic on, the
        value is written (`st.write`) here and None returned."""
        exec(self.body, namespace)
        if self.last_expression is None:
            return None
        value = eval(self.last_expression, namespace)
        # an element drawn through a chain, `st.chat_message("ai").write(...)`, is drawn too
        if self._is_element_call(namespace) or type(value).__module__.startswith("jupyter_rerun.ui."):
            return None
        if self.magic and value is not None:
            streamlit_code.write(value)
            return None
        return value

    def _is_element_call(self, namespace: dict[str, Any]) -> bool:
        if not self.last_callee:
            return False
        target: Any = namespace.get(self.last_callee[0])
        for attribute in self.last_callee[1:]:
            target = getattr(target, attribute, None)
        # a builtin's method (`seen.append(x)`) has a __module__ of None
        return (getattr(target, "__module__", None) or "").startswith("jupyter_rerun")

    @property
    def digest(self) -> str:
        return source_digest(self.source)


def source_digest(source: str) -> str:
    """Names a cell when the front end sends no cell id."""
    return hashlib.sha256(source.strip().encode()).hexdigest()[:16]


def _callee(expression: ast.expr) -> tuple[str, ...]:
    """("jr", "button") for `jr.button(...)`, ("slider",) for `slider(...)`, else ()."""
    if not isinstance(expression, ast.Call):
        return ()
    parts: list[str] = []
    node = expression.func
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    return (node.id, *parts) if isinstance(node, ast.Name) else ()


def _free_names(tree: ast.Module) -> tuple[str, ...]:
    """Names the cell reads and never binds, anywhere (a conservative approximation)."""
    loaded: dict[str, None] = {}
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                loaded.setdefault(node.id)
            else:
                bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return tuple(name for name in loaded if name not in bound)


def _uses_top_level_await(tree: ast.Module) -> bool:
    scopes = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)

    def visit(node: ast.AST) -> bool:
        if isinstance(node, (ast.Await, ast.AsyncFor, ast.AsyncWith)):
            return True
        return any(visit(child) for child in ast.iter_child_nodes(node)
                   if not isinstance(child, scopes))

    return visit(tree)
