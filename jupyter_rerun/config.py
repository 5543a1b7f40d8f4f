"""`%config JupyterRerun.…`: the extension's settings (also from ipython_config.py)."""

from __future__ import annotations

from typing import Any

from traitlets import Any as AnyTrait
from traitlets import Int, TraitError, Unicode, observe, validate
from traitlets.config import Configurable

from .caching import options
from .caching.memory import BUDGET
from .errors import OptionError


class JupyterRerun(Configurable):
    """Settings of jupyter_rerun."""

    store = Unicode(
        None, allow_none=True,
        help="The default persistent cache store (persist=True, %%cache --persist): a folder "
             "path, or redis://host:port/db. Also read from JUPYTER_RERUN_STORE.",
    ).tag(config=True)

    max_cache_size = AnyTrait(
        None, allow_none=True,
        help="A byte budget for all in-memory caches of this kernel, e.g. '2GB' or "
             "2_000_000_000; least recently used entries go first. None: no budget.",
    ).tag(config=True)

    max_upload_size = Int(
        200,
        help="The largest file jr.file_uploader takes, in megabytes (Streamlit's "
             "server.maxUploadSize); an uploader's own max_upload_size= goes first.",
    ).tag(config=True)

    @validate("max_upload_size")
    def _check_upload_size(self, proposal: Any) -> Any:
        if proposal["value"] < 1:
            raise TraitError(f"JupyterRerun.max_upload_size is in megabytes and must be at "
                             f"least 1, got {proposal['value']!r}")
        return proposal["value"]

    @validate("max_cache_size")
    def _check_budget(self, proposal: Any) -> Any:
        try:
            return options.size(proposal["value"], "JupyterRerun.max_cache_size")
        except OptionError as error:
            raise TraitError(str(error)) from None

    @observe("max_cache_size")
    def _apply_budget(self, change: Any) -> None:
        BUDGET.limit = change["new"]
        BUDGET.enforce()

    @validate("store")
    def _check_store(self, proposal: Any) -> Any:
        try:
            options.persist(proposal["value"])
        except OptionError as error:
            raise TraitError(str(error)) from None
        return proposal["value"]
