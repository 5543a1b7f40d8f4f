"""`%streamlit app.py [args]`: a Streamlit script file, run as a %%rerun cell.

The script runs as `streamlit run app.py args` runs it: in a namespace of its own, new
for each run (`__name__ == "__main__"`, `__file__` is the script's path), with
`sys.argv == [path, *args]` and the script's folder first on `sys.path` while it runs (so
it imports the modules next to it), and Streamlit's magic on. Its widgets rerun it; the
notebook's names are not its names. Running the magic again reads the file again.

A `pages/` folder next to the script makes it a multi-page app: not supported yet, a
one-line error (each page can run in a cell of its own: `%streamlit pages/one.py`).
"""

from __future__ import annotations

import builtins
import dataclasses
import linecache
import os
import shlex
import sys
from pathlib import Path
from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_magic, magics_class

from .rerun.binding import RerunOptions
from .rerun.code import CellCode
from .rerun.context import current_run

USAGE = "%streamlit path/to/app.py [args ...]"


@dataclasses.dataclass(frozen=True)
class ScriptCode(CellCode):
    """A script file's code, run the way `streamlit run` runs it."""

    path: str = ""
    argv: tuple[str, ...] = ()

    @classmethod
    def load(cls, shell: Any, path: Path, args: list[str]) -> ScriptCode:
        """Read and compile the script (now: an edited file is read again); SyntaxError
        propagates."""
        linecache.checkcache(str(path))  # tracebacks show the lines as they are now
        code = cls.compile(shell, path.read_text(encoding="utf-8"), script=str(path))
        return dataclasses.replace(code, free_names=(), path=str(path), argv=(str(path), *args))

    def execute(self, namespace: dict[str, Any]) -> Any:
        """Run in a fresh namespace (not `namespace`, the notebook's), with the script's
        sys.argv and folder on sys.path for the run."""
        fresh = {"__name__": "__main__", "__file__": self.path, "__builtins__": builtins}
        folder = str(Path(self.path).parent)
        argv = sys.argv
        sys.argv = list(self.argv)
        sys.path.insert(0, folder)
        try:
            return super().execute(fresh)
        finally:
            sys.argv = argv
            if folder in sys.path:
                sys.path.remove(folder)


@magics_class
class StreamlitMagics(Magics):
    """%streamlit."""

    def __init__(self, shell: Any, runtime: Any) -> None:
        super().__init__(shell)
        self.runtime = runtime

    @line_magic
    def streamlit(self, line: str) -> None:
        """Run a Streamlit app's script here, as `streamlit run app.py [args]` would.

        The cell shows the app, and reruns it when one of its widgets changes, like a
        %%rerun cell (`import streamlit as st` in it gives jupyter_rerun's API). Run the
        cell again after editing the file to pick up the change. Arguments after the path
        (after `--`, if you like) are the script's sys.argv[1:].

            %streamlit dashboard.py
            %streamlit tools/report.py -- --year 2024
        """
        if current_run() is not None:
            raise UsageError("%streamlit cannot run inside a %%rerun cell (it would draw the "
                             "app into itself); give it a cell of its own")
        path, args = _parse(line)
        try:
            code = ScriptCode.load(self.shell, path, args)
        except UnicodeDecodeError:
            raise UsageError(f"%streamlit: {path} is not a text file (UTF-8); usage: {USAGE}") from None
        key = f"{self.runtime.cell_id or 'script'}:{path}"
        self.runtime.bind(key, code, RerunOptions(name=path.name))


def _parse(line: str) -> tuple[Path, list[str]]:
    """The script's path and its arguments; UsageError for a missing file or a multi-page
    app."""
    try:
        words = shlex.split(line)
    except ValueError as error:
        raise UsageError(f"%streamlit: {error}; usage: {USAGE}") from None
    if not words:
        raise UsageError(f"%streamlit needs the path of a Streamlit script; usage: {USAGE}")
    path = Path(words[0]).expanduser().resolve()
    args = words[1:]
    if args[:1] == ["--"]:  # `streamlit run app.py -- --flag` passes --flag to the script
        args = args[1:]
    if not path.is_file():
        raise UsageError(f"%streamlit: no such file {words[0]!r} (a relative path starts in "
                         f"the kernel's folder, {Path.cwd()}); usage: {USAGE}")
    if (path.parent / "pages").is_dir():
        pages = os.path.relpath(path.parent / "pages")
        raise UsageError(f"multi-page apps are not supported yet; {path.name} has a pages/ folder "
                         f"next to it, which makes it one: run each page in a cell of its own, "
                         f"e.g. %streamlit {pages}/<page>.py")
    return path, args


def register(shell: Any, runtime: Any) -> StreamlitMagics:
    magics = StreamlitMagics(shell, runtime)
    shell.register_magics(magics)
    return magics
