"""The package's exceptions."""

from __future__ import annotations


class RerunError(Exception):
    """Base class of jupyter_rerun's errors."""


class StoreError(RerunError):
    """A cache store could not be opened or used."""


class UnhashableParamError(RerunError, TypeError):
    """A cached function got an argument that cannot be hashed."""


class WidgetError(RerunError, ValueError):
    """An inline widget was called with arguments it cannot show (the message says which)."""


class OptionError(RerunError, ValueError):
    """A caching option has a value it cannot take (the message says what it takes)."""
