"""`form` and `form_submit_button`, with Streamlit's signatures and rules.

A form is a container (`with jr.form("f"):`, or `f = jr.form("f")` then `f.slider(...)`)
whose widgets do not rerun the cell when they change: their changes wait until one of its
submit buttons is clicked (or Enter is pressed in one of its one-line fields), and then
every new value arrives in one run, the submit button's on_click first. How the input is
held is in ui/form_state.py.

Streamlit's rules hold: forms do not nest, keys are unique, `jr.button` and
`jr.chat_input` are refused inside a form, only the submit button takes a callback,
session_state[form key] and a drawn widget's key cannot be set. `clear_on_submit=True`
puts the fields back to their defaults once the run that got their values drew them.
"""

from __future__ import annotations

from numbers import Integral
from typing import Any

from ..errors import WidgetError
from ..rerun.context import RunContext, require_run
from ..rerun.frames import Frame
from ..session import session_state
from ..widgets import forms as form_models
from .buttons import button_spec
from .entries import draw, refuse_set_key
from .form_state import SUBMITTER, FormState, admit
from .input_args import Callback
from .layout import Block

__all__ = ["form", "form_submit_button"]


def form(key: str, clear_on_submit: bool = False, *, enter_to_submit: bool = True,
         border: bool = True, width: Any = "stretch", height: Any = "content") -> Block:
    """A container whose widgets send their values together, when it is submitted."""
    run = require_run("form")
    if run.frame.form is not None:
        raise WidgetError("forms cannot be nested in other forms; end the outer jr.form's "
                          "`with` block before starting this one")
    if isinstance(key, bool) or not isinstance(key, (str, Integral)) or key == "":
        raise WidgetError(f"jr.form: the key must be a non-empty string that names the form, "
                          f"got {key!r}")
    key = str(key)
    classes, layout = _look(key, border, width, height)
    run.checkpoint()
    state = _state(run, key)
    state.begin(run.clicked, bool(clear_on_submit), bool(enter_to_submit))
    form_models.style_form(state.view.box, classes, layout)
    run.place(state.view.box, run.take_replacement())
    run.locked_keys.add(key)  # as Streamlit: session_state[form key] cannot be set now
    frame = Frame(state.view)
    frame.form = state
    return Block(run.touch(frame))


def form_submit_button(label: str = "Submit", help: str | None = None, on_click: Callback = None,
                       args: Any = None, kwargs: Any = None, *, key: Any = None,
                       type: str = "secondary", icon: str | None = None,
                       icon_position: str = "left", disabled: bool = False,
                       use_container_width: bool | None = None, width: Any = "content",
                       shortcut: str | None = None, wrap: bool | None = None) -> bool:
    """The button that submits its form; True only in the run its submit caused."""
    run = require_run(SUBMITTER)
    admit(run.frame.form, SUBMITTER, on_click)
    spec = button_spec(SUBMITTER, label, type=type, icon=icon, icon_position=icon_position,
                       use_container_width=use_container_width, width=width, shortcut=shortcut)
    spec.traits["classes"] = [*spec.traits["classes"], "jr-form-submit"]
    if isinstance(key, (str, Integral)) and not isinstance(key, bool):
        # as Streamlit's: session_state[key] says whether this run answers its click
        refuse_set_key(run, SUBMITTER, label, str(key))
        session_state[str(key)] = ("key", str(key)) in run.clicked
        run.written.discard(str(key))  # written by the button itself
    return draw(spec, key=key, callback=on_click, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility="visible")


def _state(run: RunContext, key: str) -> FormState:
    identity = run.claim("form", key)
    if identity[-1] > 0:  # the second form with this key in the run
        raise WidgetError(f"there are two forms with key={key!r} in this run; give each "
                          "form a key of its own")
    state = run.registry.items.get(identity)
    if not isinstance(state, FormState):
        state = run.registry.items[identity] = FormState(key, run.binding)
    return state


def _look(key: str, border: Any, width: Any, height: Any) -> tuple[list[str], dict[str, Any]]:
    """The box's classes and layout for Streamlit's `border`, `width` and `height`."""
    here = f"jr.form({key!r})"
    classes = ["jr-form-border"] if border else []
    if width == "stretch":
        layout: dict[str, Any] = {"width": "100%", "align_self": None}
    elif width == "content":
        layout = {"width": "fit-content", "align_self": "flex-start"}
    elif _pixels(width):
        layout = {"width": f"{width}px", "max_width": "100%", "align_self": "flex-start"}
    else:
        raise WidgetError(f"{here}: width must be 'stretch', 'content' or a positive number of "
                          f"pixels, got {width!r}")
    if height == "content":
        layout.update(height=None, overflow=None, flex=None)
    elif height == "stretch":
        layout.update(height=None, overflow=None, flex="1 1 auto")
    elif _pixels(height):
        layout.update(height=f"{height}px", overflow="auto", flex=None)  # scrolls, as Streamlit's
    else:
        raise WidgetError(f"{here}: height must be 'content', 'stretch' or a positive number of "
                          f"pixels, got {height!r}")
    return classes, layout


def _pixels(value: Any) -> bool:
    return isinstance(value, Integral) and not isinstance(value, bool) and value > 0

