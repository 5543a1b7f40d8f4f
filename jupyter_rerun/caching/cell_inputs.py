"""What a `%%cache` cell's key is made of: its code, and the names it reads.

The names a cell reads are those it loads before assigning them at module level, including
what its defs, lambdas and classes evaluate where they are defined: decorators, default
values (`def g(a=K)` reads K), annotations, bases. Each counts as a global read by cached
code counts (code.py): a widget by its value, a notebook function or class by its code, any
other value by content. `jr.session_state` is refused: it changes in place.
"""

from __future__ import annotations

import ast
import types
from typing import Any

import xxhash

from ..session import SessionState
from .code import SessionStateReadError, value_digest

_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
           ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def reads_and_writes(tree: ast.Module) -> tuple[list[str], list[str]]:
    """(names read before the cell assigns them, names assigned at module level)."""
    reads: dict[str, None] = {}
    writes: dict[str, None] = {}
    for statement in tree.body:
        loads, stores = _names(statement)
        for name in loads:
            if name not in writes:
                reads.setdefault(name)
        for name in stores:
            writes.setdefault(name)
    return list(reads), list(writes)


def _names(node: ast.AST) -> tuple[list[str], list[str]]:
    """Loads and module-level stores in `node`; loads inside nested scopes count only for
    names those scopes do not bind themselves. What a def, lambda or class evaluates where
    it is defined (decorators, defaults, annotations, bases) is read in the outer scope."""
    loads: list[str] = []
    stores: list[str] = []

    def visit(item: ast.AST, local: frozenset[str]) -> None:
        if isinstance(item, _NESTED):
            named = isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            if named and not local:
                stores.append(item.name)
            outer = _evaluated_outside(item)
            for part in outer:
                visit(part, local)
            bound = {n.id for n in ast.walk(item) if isinstance(n, ast.Name)
                     and isinstance(n.ctx, ast.Store)}
            bound |= {a.arg for a in ast.walk(item) if isinstance(a, ast.arg)}
            inner = local | bound
            for child in ast.iter_child_nodes(item):
                if not isinstance(child, ast.arguments) and all(child is not o for o in outer):
                    visit(child, inner)
            return
        if isinstance(item, ast.Name):
            if isinstance(item.ctx, ast.Load):
                if item.id not in local:
                    loads.append(item.id)
            elif not local:
                stores.append(item.id)
        elif isinstance(item, (ast.Import, ast.ImportFrom)) and not local:
            stores.extend((alias.asname or alias.name).split(".")[0] for alias in item.names)
        for child in ast.iter_child_nodes(item):
            visit(child, local)

    visit(node, frozenset())
    return loads, stores


def _evaluated_outside(item: ast.AST) -> list[ast.AST]:
    """The parts of a def, lambda or class that run when it is defined, in the outer scope."""
    parts: list[ast.AST] = list(getattr(item, "decorator_list", []))
    if isinstance(item, ast.ClassDef):
        parts += item.bases + [keyword.value for keyword in item.keywords]
    arguments = getattr(item, "args", None)
    if isinstance(arguments, ast.arguments):
        parts += arguments.defaults + [d for d in arguments.kw_defaults if d is not None]
        every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                 arguments.vararg, arguments.kwarg]
        parts += [a.annotation for a in every if a is not None and a.annotation is not None]
    if getattr(item, "returns", None) is not None:
        parts.append(item.returns)  # type: ignore[attr-defined]
    return parts


def input_digests(names: list[str], namespace: dict[str, Any]) -> dict[str, bytes]:
    """The digest of each name the cell reads, as cached code counts it (code.py), now:
    a widget by its value, a notebook function or class by its code."""
    found = {}
    for name in names:
        if name not in namespace:
            continue  # a builtin, or not defined (then the cell fails as it would anyway)
        try:
            found[name] = value_digest(namespace[name])
        except SessionStateReadError as error:
            raise _usage_error(name if not isinstance(namespace[name], SessionState) else None,
                               error) from None
    return found


def refuse_session_state(tree: ast.Module, namespace: dict[str, Any]) -> None:
    """A cell that reads `jr.session_state` cannot be keyed on it (it changes in place)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "session_state" and \
                isinstance(node.value, ast.Name):
            module = namespace.get(node.value.id)
            if isinstance(module, types.ModuleType) and \
                    isinstance(getattr(module, "session_state", None), SessionState):
                raise _usage_error(None, None)


def _usage_error(name: str | None, error: Exception | None) -> Exception:
    from IPython.core.error import UsageError

    if name is not None:  # a function the cell reads reads it
        return UsageError(f"%%cache: the cell reads {name}, and {error}")
    return UsageError("%%cache: the cell reads jr.session_state, which changes in place where a "
                      "cache key cannot see it; copy what it needs into a name in an earlier "
                      "cell (n = jr.session_state['n']) and read that name here")


def code_digest_of(tree: ast.Module) -> bytes:
    """The cell's code as parsed: comments and formatting do not count."""
    dumped = ast.dump(tree, annotate_fields=False, include_attributes=False)
    return xxhash.xxh3_128_digest(dumped.encode())
