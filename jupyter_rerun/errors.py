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


class ElementError(RerunError, ValueError):
    """An element was given arguments it cannot show (the message says which, and the fix)."""


class OptionError(RerunError, ValueError):
    """A caching option has a value it cannot take (the message says what it takes)."""


class UncacheableResultError(RerunError, TypeError):
    """A cached function returned what no cache can keep: a generator, used up once read."""


class CachedWidgetWarning(UserWarning):
    """A widget was drawn inside a cached function (as Streamlit's warning of that name): it
    is drawn again on a hit, but the function only runs on a miss, so changing it does not
    reach the function."""


class NotSupportedError(RerunError, NotImplementedError):
    """A part of Streamlit's API that jupyter_rerun does not provide (yet): multi-page apps,
    custom components. The message says what to do instead."""
