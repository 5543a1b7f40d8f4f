"""How an inline widget call becomes a widget model that lives across runs.

`draw(spec, ...)` is what every input function does: claim an identity in the run (`key`,
else function + label + how many such calls came before), reuse the model drawn under that
identity before (updating only the arguments that changed), keep `session_state[key]` and
the model in step, place the model in the current frame, and return its value.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import widgets
from ..errors import WidgetError
from ..rerun.context import Identity, RunContext, require_run
from ..session import same_value, session_state
from . import url_binding
from .form_state import admit, enroll
from .markdown import label_html, label_text


def unchanged(value: Any) -> Any:
    return value


BUTTON_KINDS = frozenset({"button", "icon_button", "download_button", "link_button",
                          "chat_input"})  # clicked, not valued (a chat submit is a click)
# their session_state[key] comes from clicks alone: setting it is an error, as in Streamlit
# (a chat input's key may be set: its text)
READ_ONLY_KINDS = BUTTON_KINDS - {"chat_input"}
CALLBACK_MODES = ("rerun", "ignore")  # Streamlit's on_change strings: rerun (default) or not


@dataclass
class Spec:
    """One call of an input function, in ipywidgets terms."""

    function: str  # "slider": the identity kind and the name in error messages
    kind: str  # key of widgets.INPUT_CLASSES
    label: str
    traits: dict[str, Any]  # everything but the value
    default: Any  # the value a new widget starts with, unless session_state has one
    check: Callable[[Any], Any] = unchanged  # a value from session_state -> valid value
    to_widget: Callable[[Any], Any] = unchanged
    to_python: Callable[[Any], Any] = unchanged
    extra: dict[str, Any] = field(default_factory=dict)  # creation-only keywords (layout)
    # the default as the cell wrote it, when that is not the value ("now", "today"): a new
    # run resets the widget only when this changes, not each time the clock moves
    written: Any = None
    # the model shows the value it returns (text past max_chars cut, a capped selection)
    writeback: bool = False
    # bind="query-params": how the value reads in the address (None: by the default's type)
    url: Any = None

    @property
    def origin(self) -> Any:
        return self.default if self.written is None else self.written


class WidgetEntry:
    """An inline widget kept across runs: its model, key, callback and pending clicks."""

    is_input = True  # counted in the cell's "reruns on: its N widgets"

    def __init__(self, spec: Spec, initial: Any, binding: Any) -> None:
        self.kind = spec.kind
        self.default = spec.origin
        self.quiet = False  # on_change="ignore": input waits for the next run
        self.to_widget, self.to_python = spec.to_widget, spec.to_python
        self._binding = binding
        self._lock = threading.Lock()
        self._setting_thread: int | None = None  # our own changes are not input
        self.clicks = 0
        self.identity: Identity = ()
        self.key: str | None = None
        self.callback: tuple[Callable[..., Any], tuple, dict] | None = None
        self.form: Any = None  # the form holding its input until submitted (ui/form_state.py)
        self.widget = widgets.make_input(spec.kind, {**spec.traits, **spec.extra,
                                                     **self._value_trait(initial)})
        self.synced = self.value()  # last value session_state and the model agreed on
        self._applied: dict[str, Any] = {}  # the traits last applied from the cell's arguments
        self.view = widgets.placed(self.widget)  # what goes in the layout
        self._unlisten = widgets.listen(self.widget, self._on_input)

    @property
    def is_button(self) -> bool:
        return self.kind in BUTTON_KINDS

    def _value_trait(self, value: Any) -> dict[str, Any]:
        return {} if self.is_button else {"value": self.to_widget(value)}

    def _on_input(self) -> None:
        if self._setting_thread == threading.get_ident() or self.quiet:
            return
        if self.is_button:
            with self._lock:
                self.clicks += 1
        (self.form or self._binding).on_widget_input(self)

    @property
    def held(self) -> bool:
        """Its form holds the user's change until the form is submitted."""
        return self.form is not None and self.form.holds(self)

    def value(self) -> Any:
        """The value, built anew on each call (a multiselect's list is a new list), so what
        a run gets, session_state[key] and `synced` are never one mutable object. While its
        form holds a change, the value at the form's last submit."""
        if self.is_button:
            return None
        return self.to_python(self.form.seen(self) if self.held else self.widget.value)

    def take_clicks(self) -> int:
        with self._lock:
            clicks, self.clicks = self.clicks, 0
        return clicks

    def apply(self, traits: dict[str, Any], value: Any = None, set_value: bool = False) -> None:
        """Update the model (only what differs is sent) without counting it as input."""
        if not set_value:
            if same_value(traits, self._applied):
                return  # the common rerun: the cell's arguments did not change
            self._applied = dict(traits)
        else:
            traits = {**traits, **self._value_trait(value)}
        self._setting_thread = threading.get_ident()
        try:
            widgets.update_traits(self.widget, traits)
        finally:
            self._setting_thread = None
        if set_value and self.form is not None:
            self.form.settled(self)

    def close(self) -> None:
        self._unlisten()
        if self.view is not self.widget:
            widgets.close(self.view)
        widgets.close(self.widget)


def draw(spec: Spec, *, key: Any, callback: Any, args: Any, kwargs: Any, help: str | None,
         disabled: bool, label_visibility: str, bind: Any = None) -> Any:
    """Show the widget `spec` describes in the current run and return its value."""
    context = require_run(spec.function)
    key = _check_common(spec, key, callback, args, kwargs, label_visibility)
    url = None
    if url_binding.check_bind(f"jr.{spec.function}({spec.label!r})", bind, key):
        url = spec.url or url_binding.form_of(spec.default)
    if spec.kind in READ_ONLY_KINDS:
        refuse_set_key(context, spec.function, spec.label, key)
    form = admit(context.frame.form, spec.function, callback)
    context.checkpoint()
    identity = context.claim(spec.function, spec.label, key)
    context.drew_widget(spec.function)
    label = spec.label if label_visibility == "visible" else ""
    # an input that writes its own description (a button's icon in its text) keeps it
    spec.traits = {**_label_traits(spec.kind, label), **spec.traits,
                   "disabled": bool(disabled), "tooltip": help}
    seeded = None
    if url is not None and context.registry.items.get(identity) is None:  # a shared link's
        seeded = url_binding.seed(url, key, spec.check, spec.default)     # value, at first
    entry = _entry_for(context, identity, spec, key, seeded)
    entry.identity, entry.key = identity, key
    enroll(form, entry)
    entry.quiet = callback == "ignore"
    entry.callback = (callback, tuple(args or ()), dict(kwargs or {})) if callable(callback) else None
    if key is not None:
        _sync_with_state(entry, spec, key)
        context.locked_keys.add(key)
    context.frame.add(entry.view)
    if entry.is_button:
        return identity in context.clicked
    value = entry.value()
    if spec.writeback and not entry.held and not same_value(spec.to_widget(value), entry.widget.value):
        entry.apply({}, value, set_value=True)
    if form is not None:
        form.drawn(entry, spec.default)
    if url is not None:
        url_binding.publish(url, key, value, spec.default)
    return value


_TEXT_LABELS = {"button", "toggle"}  # ipywidgets writes these labels as the button's text


def refuse_set_key(context: RunContext, function: str, label: str, key: str | None) -> None:
    """WidgetError if code set session_state[key] in this run before this button was drawn."""
    if key is not None and key in context.written:
        raise WidgetError(f"jr.{function}({label!r}): session_state[{key!r}] is read-only, as "
                          "in Streamlit: a button's value comes from its clicks; keep a value "
                          "you set under another key")


def _label_traits(kind: str, label: str) -> dict[str, Any]:
    """Streamlit renders markdown in labels (bold, colours, emoji, icons, links): as HTML
    where ipywidgets shows the label as HTML; a button's with its emoji only."""
    if kind in _TEXT_LABELS:
        return {"description": label_text(label)}
    return {"description": label_html(label), "description_allow_html": True}


def _entry_for(context: RunContext, identity: Identity, spec: Spec, key: str | None,
               seeded: Any = None) -> WidgetEntry:
    entry = context.registry.items.get(identity)
    if isinstance(entry, WidgetEntry) and entry.kind == spec.kind:
        reset = not same_value(spec.origin, entry.default)  # the cell's code changed it
        entry.default = spec.origin
        entry.apply(spec.traits, spec.default, set_value=reset and not entry.is_button)
        if not reset and not entry.is_button and not _fits(spec, entry.value()):
            # as in Streamlit: a value the new arguments rule out (a bound moved past it,
            # its option went) goes back to the default, and so does session_state[key]
            entry.apply({}, spec.default, set_value=True)
            reset = True
            if key is not None and key in session_state:
                session_state[key] = entry.value()
        if reset:
            entry.synced = entry.value()
        return entry
    if entry is not None:
        entry.close()  # e.g. an int slider became a float slider
    initial = spec.default
    if seeded is not None:  # the address's value wins at first, as a shared link asks
        initial = seeded
        session_state[key] = seeded
    elif key is not None and key in session_state:
        initial = _checked(spec, key, session_state[key])
    entry = WidgetEntry(spec, initial, context.binding)
    context.registry.items[identity] = entry
    return entry


def _sync_with_state(entry: WidgetEntry, spec: Spec, key: str) -> None:
    """Keep session_state[key] and the model in step. If session_state changed since they
    last agreed, code set it: the model takes that value. Otherwise the model's value
    (perhaps the user's newest input) is written to session_state."""
    if entry.is_button:
        return
    if key in session_state and not same_value(session_state[key], entry.synced):
        entry.apply({}, _checked(spec, key, session_state[key]), set_value=True)
    value = entry.value()
    if key not in session_state or not same_value(session_state[key], value):
        session_state[key] = entry.value()  # a copy of its own: mutating one leaves the other
    entry.synced = value


def _fits(spec: Spec, value: Any) -> bool:
    try:
        spec.check(value)
    except WidgetError:
        return False
    return True


def _checked(spec: Spec, key: str, value: Any) -> Any:
    try:
        return spec.check(value)
    except WidgetError as error:
        raise WidgetError(f"session_state[{key!r}] = {value!r} does not fit jr.{spec.function}"
                          f"({spec.label!r}): {error}") from None


def _check_common(spec: Spec, key: Any, callback: Any, args: Any, kwargs: Any,
                  label_visibility: str) -> str | None:
    where = f"jr.{spec.function}({spec.label!r})"
    if not isinstance(spec.label, str):
        raise WidgetError(f"jr.{spec.function}(): the label must be a string, got {spec.label!r}")
    if key is not None and not isinstance(key, (str, int)):
        raise WidgetError(f"{where}: key must be a string, got {type(key).__name__} {key!r}")
    if callback is not None and not callable(callback) and not (
            spec.kind not in BUTTON_KINDS and isinstance(callback, str) and callback in CALLBACK_MODES):
        modes = "" if spec.kind in BUTTON_KINDS else " (or 'rerun', or 'ignore' to wait for the next run)"
        raise WidgetError(f"{where}: the callback must be a function{modes}, got {callback!r}")
    if args is not None and not isinstance(args, (tuple, list)):
        raise WidgetError(f"{where}: args must be a tuple, e.g. args=({args!r},)")
    if kwargs is not None and not isinstance(kwargs, dict):
        raise WidgetError(f"{where}: kwargs must be a dict, got {type(kwargs).__name__}")
    if label_visibility not in ("visible", "hidden", "collapsed"):
        raise WidgetError(f"{where}: label_visibility must be 'visible', 'hidden' or "
                          f"'collapsed', got {label_visibility!r}")
    return None if key is None else str(key)
