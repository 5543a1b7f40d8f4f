"""The models of the file inputs: `FileDrop` (jr.file_uploader), `MediaCapture`
(jr.camera_input, jr.audio_input), `DownloadButton` (jr.download_button) and `LinkButton`
(jr.link_button); their front ends are static/file_upload.js with file_drop.js or
media_capture.js, and static/file_buttons.js.

FileDrop's `value` lives in the kernel only (a tuple of `FileRecord`, never sent): the
browser sees `files`, what it shows of each. An upload is a little conversation of custom
messages, so that a file of any size travels as binary chunks of at most a megabyte:

    browser: {event: "begin", upload, name, type, size}
    kernel:  {event: "accepted", upload, id}   or {event: "refused", upload, error}
    browser: {event: "chunk", id, offset} + the chunk's bytes, one at a time
    kernel:  {event: "ack", id, received}  ...  {event: "done", id}  (value changes)
    browser: {event: "remove", id}         (the x beside a file; value changes)

Only the kernel writes `value`, so a change of it is the user's input exactly when a
message caused it (widgets.listen sees it; the engine's own resets come through apply()).
"""

from __future__ import annotations

import threading
from typing import Any

import traitlets

from ..uploads import CHUNK_BYTES, Assembly, UploadRefused, check_file
from .inputs import IconButton, _Input, _module
from .library import static_text

MAX_UNDER_WAY = 16  # uploads one uploader takes at once (the browser sends one at a time)


class FileDrop(_Input):
    """An uploader's drop zone, its Upload button and its files, each with an x."""

    _esm = _module("file_upload.js", "file_drop.js")
    value = traitlets.Tuple()  # FileRecords, kernel only
    files = traitlets.List(traitlets.Dict()).tag(sync=True)  # {id, name, type, size} each
    accept = traitlets.List(traitlets.Unicode()).tag(sync=True)  # normalized types
    multiple = traitlets.Bool(False).tag(sync=True)
    directory = traitlets.Bool(False).tag(sync=True)
    limit = traitlets.Int(200 * 1024 * 1024).tag(sync=True)  # bytes per file
    note = traitlets.Unicode("").tag(sync=True)  # "200MB per file • CSV"
    chunk = traitlets.Int(CHUNK_BYTES).tag(sync=True)
    setting = traitlets.Any(None)  # kernel only: what each record is stamped with

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._under_way: dict[str, Assembly] = {}
        self._lock = threading.Lock()  # messages and a run's reset may change value at once
        self.files = [record.info() for record in self.value]
        self.on_msg(self._handle_message)

    @traitlets.observe("value")
    def _show_files(self, change: Any) -> None:
        self.files = [record.info() for record in change["new"]]

    def _handle_message(self, _widget: Any, content: Any, buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        event = content.get("event")
        if event == "begin":
            self._begin(content)
        elif event == "chunk":
            self._chunk(content, buffers)
        elif event == "remove":
            self._remove(content.get("id"))

    def _begin(self, content: dict) -> None:
        upload = content.get("upload")
        name, mime, size = content.get("name"), content.get("type") or "", content.get("size")
        try:
            if self.disabled:
                raise UploadRefused("This uploader is disabled.")
            if not isinstance(name, str) or not isinstance(mime, str) or not _count(size):
                raise UploadRefused("An upload needs a name, a type and a size in bytes.")
            if len(self._under_way) >= MAX_UNDER_WAY:
                raise UploadRefused("Too many uploads at once; wait for these to finish.")
            check_file(name, mime, size, self.accept, self.limit)
        except UploadRefused as refusal:
            self.send({"event": "refused", "upload": upload, "error": str(refusal)})
            return
        assembly = Assembly(name, mime or "application/octet-stream", size)
        self._under_way[assembly.file_id] = assembly
        self.send({"event": "accepted", "upload": upload, "id": assembly.file_id})
        if assembly.complete:  # an empty file
            self._finish(assembly)

    def _chunk(self, content: dict, buffers: Any) -> None:
        file_id = content.get("id")
        assembly = self._under_way.get(file_id) if isinstance(file_id, str) else None
        if assembly is None:
            return  # removed meanwhile, or never begun: nothing to write into
        try:
            if not buffers or len(buffers) != 1:
                raise UploadRefused("a chunk comes as one binary buffer")
            assembly.add(content.get("offset"), buffers[0])
        except UploadRefused as refusal:
            del self._under_way[file_id]
            self.send({"event": "refused", "id": file_id, "error": f"Upload failed: {refusal}."})
            return
        if assembly.complete:
            self._finish(assembly)
        else:
            self.send({"event": "ack", "id": file_id, "received": assembly.received})

    def _finish(self, assembly: Assembly) -> None:
        del self._under_way[assembly.file_id]
        record = assembly.finish(self.setting)
        with self._lock:
            self.value = (*self.value, record) if self.multiple else (record,)
        self.send({"event": "done", "id": record.file_id})

    def _remove(self, file_id: Any) -> None:
        if self.disabled or not isinstance(file_id, str):
            return
        self._under_way.pop(file_id, None)
        with self._lock:
            kept = tuple(record for record in self.value if record.file_id != file_id)
            if len(kept) != len(self.value):
                self.value = kept


class MediaCapture(FileDrop):
    """A photo from the camera or a recording from the microphone, uploaded as FileDrop's
    files are (one at a time: a new one replaces the last)."""

    _esm = _module("file_upload.js", "media_capture.js")
    capture = traitlets.Unicode("camera").tag(sync=True)  # or "microphone"
    resolution = traitlets.Int(0).tag(sync=True)  # the photo's height asked for; 0: any
    sample_rate = traitlets.Int(0).tag(sync=True)  # the recording's; 0: the device's


def _count(size: Any) -> bool:
    return isinstance(size, int) and not isinstance(size, bool) and size >= 0


class DownloadButton(IconButton):
    """A button that saves a file in the browser. Small data comes with the model (`data`)
    and is saved at once, even while the kernel is busy; big data and a callable's result
    are asked for on the click (`lazy`), and come back in one binary message. A click also
    reruns the cell unless on_click="ignore" (`rerun`)."""

    _esm = static_text("file_buttons.js")
    data = traitlets.Bytes(b"").tag(sync=True)
    lazy = traitlets.Bool(False).tag(sync=True)
    file_name = traitlets.Unicode("download").tag(sync=True)
    mime = traitlets.Unicode("application/octet-stream").tag(sync=True)
    rerun = traitlets.Bool(True).tag(sync=True)

    # what a lazy click asks for: () -> (bytes, MIME type, file name); kernel only
    provide = traitlets.Any(None)

    def _handle_message(self, widget: Any, content: Any, buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        if content.get("event") == "fetch":
            self._send_file(content.get("request"))
        elif content.get("event") == "click" and self.rerun and not self.disabled:
            super()._handle_message(widget, content, buffers)

    def _send_file(self, request: Any) -> None:
        if self.disabled or self.provide is None:
            self.send({"event": "failed", "request": request, "error": "Nothing to download."})
            return
        try:
            data, mime, name = self.provide()
        except Exception as error:  # the user's data callable: its error shows on the button
            self.send({"event": "failed", "request": request,
                       "error": f"The download could not be made: {type(error).__name__}: {error}"})
            return
        self.send({"event": "file", "request": request, "mime": mime, "name": name},
                  buffers=[data])


class LinkButton(IconButton):
    """A link drawn as a button: opens `url` in a new tab; the click also reruns the cell
    when `rerun` (link_button's on_click="rerun" or a callback)."""

    _esm = static_text("file_buttons.js")
    url = traitlets.Unicode("").tag(sync=True)
    rerun = traitlets.Bool(False).tag(sync=True)

    def _handle_message(self, widget: Any, content: Any, buffers: Any) -> None:
        if self.rerun and not self.disabled:
            super()._handle_message(widget, content, buffers)


# kind -> class, merged into INPUT_CLASSES
FILE_INPUTS: dict[str, type] = {
    "file_drop": FileDrop,
    "media_capture": MediaCapture,
    "download_button": DownloadButton,
    "link_button": LinkButton,
}


def link_model(traits: dict[str, Any]) -> LinkButton:
    """A link button that is no input (on_click="ignore"): an element, not a widget."""
    classes = traits.pop("classes", ())
    layout = traits.pop("layout", {})
    model = LinkButton(**traits, layout=layout)
    for name in classes:
        model.add_class(name)
    return model
