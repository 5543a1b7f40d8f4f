"""`file_uploader`, `camera_input` and `audio_input`, with Streamlit 1.67's signatures.

`file_uploader`: one file (None until there is one),
several (`accept_multiple_files=True`, a list) or a directory's files
(`accept_multiple_files="directory"`), `type=` as Streamlit reads it, a size limit per file
(`max_upload_size=` megabytes, else `%config JupyterRerun.max_upload_size`, 200 by
default). It returns `UploadedFile`s (jupyter_rerun/uploads.py), kept across reruns until
the user removes them with the x beside each.

The bytes travel as binary chunks, and the kernel holds one copy of each file
(widgets/files.py, uploads.py). As in Streamlit, changing `type`, `accept_multiple_files` or
`max_upload_size` empties the uploader, and its `session_state[key]` is read-only.

`camera_input` takes a photo (a JPEG, as Streamlit's "Take Photo") and `audio_input` a
recording (a 16-bit mono WAV at `sample_rate`) in the browser (static/media_capture.js),
uploaded as a file is. Browsers allow the camera and microphone on https pages and on
127.0.0.1 only; elsewhere the widget says so, and `file_uploader(type="image")` is the
alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import runtime
from ..errors import WidgetError
from ..uploads import DEFAULT_LIMIT_MB, MEGABYTE, FileRecord, UploadedFile, normalized_types
from ..uploads import size_text, types_text
from .entries import Spec, draw
from .input_args import one_of, where, width_layout

__all__ = ["file_uploader", "camera_input", "audio_input"]

RESOLUTIONS = {"480p": 480, "720p": 720, "1080p": 1080}  # Streamlit's photo heights
SAMPLE_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000)  # Streamlit's


def file_uploader(label: str, type: str | Sequence[str] | None = None,
                  accept_multiple_files: bool | str = False, key: Any = None,
                  help: str | None = None, on_change: Any = "rerun", args: Any = None,
                  kwargs: Any = None, *, max_upload_size: int | None = None,
                  disabled: bool = False, label_visibility: str = "visible",
                  width: Any = "stretch") -> UploadedFile | list[UploadedFile] | None:
    """A file uploader; returns the UploadedFile (None without one), or with
    accept_multiple_files=True or "directory" the list of them."""
    here = where("file_uploader", label)
    directory = accept_multiple_files == "directory"
    several = accept_multiple_files is True or directory  # as Streamlit: 1 is not True
    try:
        allowed = normalized_types(type)
    except TypeError as error:
        raise WidgetError(f"{here}: {error}, e.g. type=['csv', 'txt']") from None
    limit_mb = _limit(here, max_upload_size)
    note = f"{size_text(limit_mb * MEGABYTE)} per file"
    if allowed:
        note += f" • {types_text(allowed)}"
    traits = {"accept": allowed, "multiple": several, "directory": directory, "note": note}
    return _draw_files("file_uploader", "file_drop", label, traits, several, limit_mb,
                       (tuple(allowed), accept_multiple_files), key=key, callback=on_change,
                       args=args, kwargs=kwargs, help=help, disabled=disabled,
                       label_visibility=label_visibility, width=width)


def camera_input(label: str, key: Any = None, help: str | None = None, on_change: Any = "rerun",
                 args: Any = None, kwargs: Any = None, *, disabled: bool = False,
                 label_visibility: str = "visible", resolution: str | None = None,
                 width: Any = "stretch") -> UploadedFile | None:
    """A photo from the user's camera (a JPEG UploadedFile), or None before one is taken."""
    here = where("camera_input", label)
    one_of(here, "resolution", resolution, (None, *RESOLUTIONS))
    traits = {"capture": "camera", "accept": ["image/jpeg"],
              "resolution": RESOLUTIONS.get(resolution, 0)}
    return _draw_files("camera_input", "media_capture", label, traits, False, _limit(here, None),
                       (resolution,), key=key, callback=on_change, args=args, kwargs=kwargs,
                       help=help, disabled=disabled, label_visibility=label_visibility,
                       width=width)


def audio_input(label: str, *, sample_rate: int | None = 16000, key: Any = None,
                help: str | None = None, on_change: Any = "rerun", args: Any = None,
                kwargs: Any = None, disabled: bool = False, label_visibility: str = "visible",
                width: Any = "stretch") -> UploadedFile | None:
    """A recording from the user's microphone (a WAV UploadedFile), or None before one."""
    here = where("audio_input", label)
    if sample_rate is not None and sample_rate not in SAMPLE_RATES:
        rates = ", ".join(str(rate) for rate in SAMPLE_RATES)
        raise WidgetError(f"{here}: sample_rate must be one of {rates} or None (the "
                          f"microphone's own), got {sample_rate!r}")
    traits = {"capture": "microphone", "accept": ["audio/wav"], "sample_rate": sample_rate or 0}
    return _draw_files("audio_input", "media_capture", label, traits, False, _limit(here, None),
                       (sample_rate,), key=key, callback=on_change, args=args, kwargs=kwargs,
                       help=help, disabled=disabled, label_visibility=label_visibility,
                       width=width)


def _draw_files(function: str, kind: str, label: str, traits: dict[str, Any], several: bool,
                limit_mb: int, settings: tuple[Any, ...], *, width: Any, **common: Any) -> Any:
    """Draw an input whose value is uploaded files. `settings` are the arguments that, as in
    Streamlit, empty it when they change."""
    setting = (function, *settings, limit_mb)
    traits = {**traits, "setting": setting, "limit": limit_mb * MEGABYTE,
              "layout": width_layout(where(function, label), width, content=False)}
    files = _Files(several, setting)
    spec = Spec(function, kind, label, traits, [] if several else None, check=files.check,
                to_widget=files.to_widget, to_python=files.to_python, written=setting)
    return draw(spec, **common)


def _limit(here: str, max_upload_size: Any) -> int:
    """Megabytes per file: the uploader's own, else the kernel's setting."""
    if max_upload_size is None:
        active = runtime.current()
        return active.config.max_upload_size if active is not None else DEFAULT_LIMIT_MB
    if isinstance(max_upload_size, bool) or not isinstance(max_upload_size, int) or (
            max_upload_size < 1):
        raise WidgetError(f"{here}: max_upload_size must be a positive integer (megabytes), "
                          f"got {max_upload_size!r}; None takes JupyterRerun.max_upload_size")
    return max_upload_size


class _Files:
    """An uploader's value both ways: the model's records <-> what the run gets."""

    def __init__(self, several: bool, setting: Any) -> None:
        self.several, self.setting = several, setting

    def to_python(self, records: tuple[FileRecord, ...]) -> UploadedFile | list[UploadedFile] | None:
        """New UploadedFiles each time, read from the start, sharing the bytes."""
        files = [UploadedFile(record) for record in records]
        if self.several:
            return files
        return files[-1] if files else None

    def check(self, value: Any) -> Any:
        """Only what an uploader returned: its files come from the user alone (in Streamlit,
        setting the key of a file_uploader is an error). Files taken under other settings
        go: as in Streamlit, new types, limit or number of files empty the uploader, key
        or not (session_state[key] keeps the old files until this run)."""
        files = value if isinstance(value, (list, tuple)) else [] if value is None else [value]
        if not all(isinstance(item, UploadedFile) for item in files):
            raise WidgetError("an uploader's files come from the user alone, so session_state "
                              "cannot set them; keep values you set under another key")
        kept = [item for item in files if item._setting == self.setting]
        if self.several:
            return kept
        return kept[-1] if kept else None

    def to_widget(self, value: Any) -> tuple[FileRecord, ...]:
        files = value if isinstance(value, (list, tuple)) else [] if value is None else [value]
        records = tuple(item.record() for item in files)
        return records if self.several else records[-1:]
