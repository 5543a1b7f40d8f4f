"""A form's state across runs: the input its widgets hold until the form is submitted.

Streamlit's front end keeps a form's widget values to itself until a submit button is
pressed, then sends them all at once: one rerun. Here every widget model lives in the
kernel and reports each change, so the kernel does the holding, with one hook:

- an entry drawn in a form (ui/entries.py: `draw` calls `enroll`) hands its input to the
  form instead of its cell's binding (`WidgetEntry._on_input`: `(self.form or
  self._binding).on_widget_input(self)`); the form keeps it, and no run is asked for;
- the form's submit button hands the binding the held entries and itself in ONE call
  (`Binding.on_widget_input(*entries)`): one run, which takes every new value into
  session_state before any callback runs (Binding._take_input), as Streamlit does;
- while an entry's input is held, a run (another widget's rerun) sees the value the entry
  had when the form was last submitted (`seen`), not the one the user is still editing,
  as Streamlit's script does; the field keeps showing the user's edit.

Events come from any thread (the kernel's main thread, or a JupyterLab subshell thread),
so the held list is guarded by a lock. Which frame is in which form is `Frame.form`: set by
`jr.form` on its own frame and inherited by every block made inside it (RunContext.touch).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from .. import widgets
from ..errors import WidgetError
from ..rerun.frames import FrameView
from ..widgets import forms as form_models

# the inputs Streamlit refuses in a form (a click there would not wait for the submit)
REFUSED = {"button": "jr.button() can't be used in a jr.form(); use jr.form_submit_button() "
                     "to submit the form",
           "download_button": "jr.download_button() can't be used in a jr.form(); put it "
                              "outside the form",
           "chat_input": "jr.chat_input() can't be used in a jr.form(); put it outside the form"}
CALLBACK_REFUSED = ("within a form, callbacks can only be defined on jr.form_submit_button; "
                    "drop on_change here and give the submit button on_click")
SUBMITTER = "form_submit_button"
MISSING_BUTTON = ("<b>This form has no submit button</b>: what is entered in it never reaches "
                  "the cell. Add one with <code>jr.form_submit_button()</code>.")


class FormState:
    """One `jr.form(key)` of a cell, kept across runs (an item of the run's Registry)."""

    is_button = False

    def __init__(self, key: str, binding: Any) -> None:
        self.key = key
        self.binding = binding
        self.clear_on_submit = False
        self.enter_to_submit = True
        self.clearing = False  # this run answers a submit of a clear_on_submit form
        self.buttons: list[Any] = []  # its submit buttons drawn in this run, in order
        self._members: set[Any] = set()  # its entries drawn in this run
        self._held: list[Any] = []  # entries the user changed since the last submit
        self._seen: dict[Any, Any] = {}  # entry -> the model value a run may see
        self._lock = threading.Lock()
        self.view = FormView(self)
        self._unlisten = form_models.on_enter(self.view.keys, self.enter)

    # -- a run ----------------------------------------------------------------------------
    def begin(self, clicked: set, clear_on_submit: bool, enter_to_submit: bool) -> None:
        """The form is drawn in a run whose answered clicks are `clicked`."""
        answered = any(button.identity in clicked for button in self.buttons)
        self.clear_on_submit, self.enter_to_submit = clear_on_submit, enter_to_submit
        self.clearing = clear_on_submit and answered
        with self._lock:  # what the last run did not draw is not the form's any more
            self._seen = {entry: value for entry, value in self._seen.items() if entry in self._members}
        self.buttons, self._members = [], set()

    def enroll(self, entry: Any) -> None:
        """`entry` is drawn in this form in this run."""
        self._members.add(entry)
        if entry.is_button:
            self.buttons.append(entry)
            return
        with self._lock:
            self._seen.setdefault(entry, entry.widget.value)

    def drawn(self, entry: Any, default: Any) -> None:
        """After a field returned its value: a clear_on_submit form's run that answers its
        submit puts the field back to its default (the run got what was submitted)."""
        if self.clearing:
            entry.apply({}, default, set_value=True)

    # -- input (any thread) ---------------------------------------------------------------
    def on_widget_input(self, entry: Any) -> None:
        """A field's change is held; a submit button's click sends what is held, with the
        click, to the cell's binding as one batch: one run."""
        with self._lock:
            if not entry.is_button:
                if entry not in self._held:
                    self._held.append(entry)
                return
            batch, self._held = [*self._held, entry], []
            for held in batch[:-1]:
                self._seen[held] = held.widget.value  # what this submit sends
        self.binding.on_widget_input(*batch)

    def enter(self) -> None:
        """Enter in one of its fields: a click of its first submit button, unless the form
        does not take Enter (enter_to_submit=False, or that button is disabled)."""
        first = self.buttons[0] if self.buttons else None
        if self.enter_to_submit and first is not None and not first.widget.disabled:
            first._on_input()  # what the button's own click does

    def holds(self, entry: Any) -> bool:
        with self._lock:
            return entry in self._held

    def seen(self, entry: Any) -> Any:
        with self._lock:
            return self._seen.get(entry, entry.widget.value)

    def settled(self, entry: Any) -> None:
        """The kernel set `entry`'s value (session_state, a reset): the user's unsent edit
        is gone, and runs see the new value."""
        with self._lock:
            if entry in self._held:
                self._held.remove(entry)
            self._seen[entry] = entry.widget.value

    def close(self) -> None:
        self._unlisten()
        self.view.close()


class FormView(FrameView):
    """The form's box: its elements after the hidden Enter listener, and, when a run ended
    with no submit button drawn in it, a warning (Streamlit 1.67 shows none: its front end
    could not tell in time; a finished run here knows)."""

    def __init__(self, state: FormState) -> None:
        super().__init__(form_models.form_box([], {}))
        self._state = state
        self.keys = form_models.form_keys()
        self._notice: Any = None

    def show(self, elements: Sequence[Any], partial: bool = False) -> None:
        extra = [] if partial or self._state.buttons else [self._missing_button()]
        super().show([self.keys, *elements, *extra], partial)

    def _missing_button(self) -> Any:
        if self._notice is None:
            self._notice = form_models.notice(MISSING_BUTTON)
        return self._notice

    def close(self) -> None:
        widgets.close(self.keys)
        if self._notice is not None:
            widgets.close(self._notice)
        super().close()


def admit(form: FormState | None, function: str, callback: Any) -> FormState | None:
    """Streamlit's rules for an input drawn in `form` (None: not in one); returns the form."""
    if form is None:
        if function == SUBMITTER:
            raise WidgetError("jr.form_submit_button() must be used inside a jr.form(); put it "
                              "in the form's `with` block or call form.form_submit_button()")
        return None
    if function in REFUSED:
        raise WidgetError(REFUSED[function])
    if callable(callback) and function != SUBMITTER:
        raise WidgetError(CALLBACK_REFUSED)
    return form


def enroll(form: FormState | None, entry: Any) -> None:
    """`entry` is drawn in `form` (or in none) in this run."""
    if entry.form is not None and entry.form is not form:
        entry.form.settled(entry)  # it left its form: its edit is its own again
    entry.form = form
    if form is not None:
        form.enroll(entry)


def refuse_in_form(run: Any, function: str) -> None:
    """For elements that do not go through entries.draw (a download button, chat_input):
    Streamlit's error when drawn in a form."""
    if run.frame.form is not None and function in REFUSED:
        raise WidgetError(REFUSED[function])
