"""The IPython magics: parse arguments, check them, delegate to the runtime."""

from __future__ import annotations

from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

from .rerun.binding import RerunOptions
from .rerun.triggers import NotAWidgetError

RERUN_USAGE = "%%rerun [--on NAMES] [--debounce MS] [--name NAME]"
STOP_USAGE = "%rerun_stop [NAME | --all]"


def _parse(magic: Any, line: str, usage: str) -> Any:
    try:
        return parse_argstring(magic, line)
    except UsageError as error:
        raise UsageError(f"{error}; usage: {usage}") from None


@magics_class
class RerunMagics(Magics):
    """%%rerun and %rerun_stop."""

    def __init__(self, shell: Any, runtime: Any) -> None:
        super().__init__(shell)
        self.runtime = runtime

    @magic_arguments()
    @argument("--on", default="", metavar="NAMES",
              help="comma-separated widget names to rerun on, besides those the cell reads "
                   "(dotted names like controls.x work)")
    @argument("--debounce", default="0", metavar="MS",
              help="wait until input has been quiet this many milliseconds before rerunning")
    @argument("--name", default=None, metavar="NAME", help="a name for %%rerun_stop NAME")
    @cell_magic
    def rerun(self, line: str, cell: str) -> None:
        """Run the cell now, and again whenever a widget it reads changes.

        Like a Streamlit script: drag a slider the cell reads and the cell runs again with
        the new value. Its output lives in one container that each run updates in place.
        Widgets the cell reads by name are found automatically; --on adds more. Events that
        arrive while the cell runs cause one more run, with the newest values.

        Examples::

            %%rerun
            print(f"{n.value} squared is {n.value ** 2}")   # n = ipywidgets.IntSlider()

            %%rerun --on threshold --debounce 200 --name chart
            draw(data[data.x > threshold.value])
        """
        args = _parse(self.rerun, line, RERUN_USAGE)
        options = RerunOptions(on=_names(args.on), debounce=_debounce(args.debounce),
                               name=args.name)
        try:
            self.runtime.rerun_cell(cell, options)
        except NotAWidgetError as error:
            raise UsageError(str(error)) from None

    @magic_arguments()
    @argument("name", nargs="?", default=None, help="the --name (or key) of the cell to stop")
    @argument("--all", action="store_true", help="stop every %%rerun cell")
    @line_magic
    def rerun_stop(self, line: str) -> None:
        """Stop %%rerun cells from rerunning; their last output stays on screen.

        %rerun_stop chart   stops the cell started with --name chart
        %rerun_stop --all   stops all of them
        """
        args = _parse(self.rerun_stop, line, STOP_USAGE)
        if args.all == (args.name is not None):
            raise UsageError(f"name one cell or pass --all; usage: {STOP_USAGE}; "
                             f"running: {self._running()}")
        if not self.runtime.stop(args.name):
            raise UsageError(f"no %%rerun cell is called {args.name!r}; running: {self._running()}")

    def _running(self) -> str:
        names = [binding.name for binding in self.runtime.bindings.values()]
        return ", ".join(names) if names else "none"


def _names(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    for name in names:
        if not all(part.isidentifier() for part in name.split(".")):
            raise UsageError(f"--on takes comma-separated widget names like --on a,b; "
                             f"{name!r} is not a name")
    return names


def _debounce(text: str) -> float:
    try:
        milliseconds = float(text)
    except ValueError:
        milliseconds = float("nan")
    if not milliseconds >= 0 or milliseconds == float("inf"):
        raise UsageError(f"--debounce takes milliseconds >= 0, e.g. --debounce 150; got {text!r}")
    return milliseconds / 1000


def register(shell: Any, runtime: Any) -> RerunMagics:
    magics = RerunMagics(shell, runtime)
    shell.register_magics(magics)
    return magics


def unregister(shell: Any, magics: RerunMagics) -> None:
    """Remove our magics from every table the magics manager keeps."""
    manager = shell.magics_manager
    for kind, table in magics.magics.items():
        for name in table:
            bound = manager.magics[kind].get(name)
            if getattr(bound, "__self__", None) is magics:
                del manager.magics[kind][name]
    if manager.registry.get(type(magics).__name__) is magics:
        del manager.registry[type(magics).__name__]
