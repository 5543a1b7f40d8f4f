"""File inputs in a real kernel, both event modes: file_uploader fed with the messages
static/file_drop.js sends (begin, binary chunks, remove), the UploadedFile values, type
filtering, the size limit, forged messages, key binding and callbacks; download_button's
data as the browser gets it (with the model, or asked for on the click), link_button.
"""

from __future__ import annotations

import io

import pytest
from conftest import Cell, unique
from test_inputs_more import own

CHUNK = 1024 * 1024


def answers(kernel, model: str, since: int = 0) -> list[dict]:
    """The custom messages the kernel sent to `model`'s front end (after log index `since`)."""
    return [m["content"]["data"]["content"] for m in kernel.log[since:]
            if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == model
            and m["content"]["data"].get("method") == "custom"]


def answer(kernel, model: str, since: int, **match) -> dict:
    """Wait for the kernel's answer to `model` with these fields (after `since`)."""
    def found():
        return next((a for a in answers(kernel, model, since)
                     if all(a.get(k) == v for k, v in match.items())), None)

    return kernel.wait_until(found)


def begin(kernel, model: str, name: str, size: int, mime: str = "") -> dict:
    token = unique("upload-")
    since = len(kernel.log)
    kernel.custom(model, {"event": "begin", "upload": token, "name": name, "type": mime,
                          "size": size})
    return answer(kernel, model, since, upload=token)


def upload(kernel, model: str, name: str, data: bytes, mime: str = "") -> dict:
    """What the browser does with one file: begin, then each chunk once the last is
    acknowledged. Returns the kernel's last answer ('done', or 'refused' and why)."""
    reply = begin(kernel, model, name, len(data), mime)
    if reply["event"] != "accepted":
        return reply
    file_id, offset = reply["id"], 0
    if not data:
        return answer(kernel, model, 0, id=file_id, event="done")
    while True:
        since = len(kernel.log)
        kernel.custom(model, {"event": "chunk", "id": file_id, "offset": offset},
                      [data[offset:offset + CHUNK]])
        reply = answer(kernel, model, since, id=file_id)
        if reply["event"] != "ack":
            return reply
        offset = reply["received"]


def uploader(kernel, cell: Cell) -> str:
    return own(kernel, cell.container, "FileDrop")


def remove(kernel, model: str, file_id: str) -> None:
    kernel.handled(kernel.custom(model, {"event": "remove", "id": file_id}))


# -- file_uploader --------------------------------------------------------------------------
def test_one_file_is_an_uploaded_file_kept_across_reruns_until_removed(kernel):
    runs = unique("runs")
    kernel.execute(f"{runs} = []")
    cell = Cell(kernel, f"""
        import io
        f = jr.file_uploader('Choose a file')
        jr.button('again')
        {runs}.append(f)
        if f is None:
            print('no file')
        else:
            print('file', f.name, f.type, f.size, isinstance(f, io.BytesIO), f.read())
    """)
    assert "no file" in cell.text()
    model = uploader(kernel, cell)
    assert kernel.models[model]["files"] == []
    done = upload(kernel, model, "data.csv", b"x,y\n1,2\n", "text/csv")
    assert done["event"] == "done"
    cell.wait_for("file data.csv text/csv 8 True b'x,y\\n1,2\\n'")
    (shown,) = kernel.models[model]["files"]
    assert shown == {"id": done["id"], "name": "data.csv", "type": "text/csv", "size": 8}
    kernel.click(_button(kernel, cell))
    kernel.sync()
    assert kernel.value(f"len({runs})") == 3
    # the next run's file is a new object, read from the start, sharing the same bytes
    assert "file data.csv text/csv 8 True b'x,y\\n1,2\\n'" in cell.text()
    assert kernel.value(f"{runs}[1] is not {runs}[2] and {runs}[1] == {runs}[2]") is True
    assert kernel.value(f"{runs}[1].getvalue() is {runs}[2].getvalue()") is True
    assert kernel.value(f"repr({runs}[2])") == (
        f"UploadedFile(file_id={done['id']!r}, name='data.csv', type='text/csv', size=8)")
    remove(kernel, model, done["id"])
    cell.wait_for("no file")
    assert kernel.models[model]["files"] == []


def _button(kernel, cell: Cell) -> str:
    (button,) = kernel.find(cell.container, "ButtonModel")
    return button


def test_several_files_come_as_a_list_in_order_and_a_directory_keeps_paths(kernel):
    cell = Cell(kernel, """
        files = jr.file_uploader('Upload data', accept_multiple_files=True, type='csv')
        folder = jr.file_uploader('Folder', accept_multiple_files='directory')
        print('files', [f.name for f in files], 'folder', [f.name for f in folder])
    """)
    assert "files [] folder []" in cell.text()
    several, folder = [m for m in kernel.find(cell.container, "AnyModel")
                       if kernel.models[m]["_anywidget_id"].endswith(".FileDrop")]
    assert kernel.models[several]["multiple"] and not kernel.models[several]["directory"]
    assert kernel.models[folder]["multiple"] and kernel.models[folder]["directory"]
    first = upload(kernel, several, "a.csv", b"1")
    upload(kernel, several, "b.csv", b"2")
    cell.wait_for("files ['a.csv', 'b.csv']")
    upload(kernel, folder, "photos/2024/a.png", b"\x89PNG")
    cell.wait_for("folder ['photos/2024/a.png']")
    remove(kernel, several, first["id"])
    cell.wait_for("files ['b.csv'] folder ['photos/2024/a.png']")


def test_a_single_uploader_replaces_its_file(kernel):
    cell = Cell(kernel, """
        f = jr.file_uploader('One')
        print('one', f and f.name)
    """)
    model = uploader(kernel, cell)
    upload(kernel, model, "first.txt", b"1")
    cell.wait_for("one first.txt")
    upload(kernel, model, "second.txt", b"22")
    cell.wait_for("one second.txt")
    assert [f["name"] for f in kernel.models[model]["files"]] == ["second.txt"]


def test_type_filtering_as_streamlit_reads_type(kernel):
    cell = Cell(kernel, """
        tables = jr.file_uploader('Tables', type=['csv', '.TXT', 'jpg'])
        images = jr.file_uploader('Images', type='image')
        print('tables', tables and tables.name, 'images', images and images.name)
    """)
    tables, images = [m for m in kernel.find(cell.container, "AnyModel")
                      if kernel.models[m]["_anywidget_id"].endswith(".FileDrop")]
    assert kernel.models[tables]["accept"] == [".csv", ".txt", ".jpg", ".jpeg"]
    assert kernel.models[tables]["note"] == "200MB per file • CSV, TXT, JPG"
    assert kernel.models[images]["accept"] == ["image/*"]
    refused = upload(kernel, tables, "photo.png", b"png")
    assert refused == {"event": "refused", "upload": refused["upload"],
                       "error": "Invalid file extension: `.png`. Allowed: ['.csv', '.txt', '.jpg', '.jpeg']"}
    assert upload(kernel, tables, "SUMMARY.TXT", b"ok")["event"] == "done"  # any case
    cell.wait_for("tables SUMMARY.TXT")
    assert upload(kernel, tables, "me.JPEG", b"jpeg")["event"] == "done"  # jpg's alias
    cell.wait_for("tables me.JPEG")
    assert upload(kernel, images, "notes.txt", b"t", "text/plain")["error"] == (
        "text/plain files are not allowed.")
    assert upload(kernel, images, "dot.png", b"p", "image/png")["event"] == "done"
    cell.wait_for("images dot.png")
    assert upload(kernel, tables, "a\0.csv", b"x")["error"] == "Filename cannot contain null bytes."


def test_the_size_limit_refuses_what_is_announced_or_sent_beyond_it(kernel):
    runs = unique("runs")
    kernel.execute(f"{runs} = []")
    cell = Cell(kernel, f"""
        small = jr.file_uploader('Small', max_upload_size=1)
        {runs}.append(small)
        print('small', small and small.size)
    """)
    model = uploader(kernel, cell)
    assert kernel.models[model]["limit"] == CHUNK
    assert kernel.models[model]["note"] == "1MB per file"
    assert begin(kernel, model, "big.bin", CHUNK + 1)["error"] == "File must be 1MB or smaller."
    # a forged front end: it announces 10 bytes and sends 20
    reply = begin(kernel, model, "liar.bin", 10)
    since = len(kernel.log)
    kernel.custom(model, {"event": "chunk", "id": reply["id"], "offset": 0}, [b"x" * 20])
    refused = answer(kernel, model, since, id=reply["id"])
    assert refused["event"] == "refused" and "more bytes than the 10 announced" in refused["error"]
    # and a chunk that skips ahead, or comes without its bytes
    reply = begin(kernel, model, "gap.bin", 10)
    since = len(kernel.log)
    kernel.custom(model, {"event": "chunk", "id": reply["id"], "offset": 5}, [b"x" * 5])
    assert "expected byte 0" in answer(kernel, model, since, id=reply["id"])["error"]
    reply = begin(kernel, model, "empty.bin", 10)
    since = len(kernel.log)
    kernel.custom(model, {"event": "chunk", "id": reply["id"], "offset": 0})
    assert "one binary buffer" in answer(kernel, model, since, id=reply["id"])["error"]
    for forged in ({"name": None, "size": 3}, {"name": "x", "size": -1}, {"name": "x", "size": True}):
        since = len(kernel.log)
        kernel.custom(model, {"event": "begin", "upload": "forged", "type": "", **forged})
        assert answer(kernel, model, since, upload="forged")["event"] == "refused"
    kernel.sync()
    assert kernel.value(f"len({runs})") == 1  # nothing refused reached the cell
    assert upload(kernel, model, "exact.bin", b"x" * CHUNK)["event"] == "done"
    cell.wait_for(f"small {CHUNK}")


def test_the_kernels_setting_is_the_default_limit(kernel):
    try:
        kernel.execute("%config JupyterRerun.max_upload_size = 3")
        cell = Cell(kernel, "jr.file_uploader('Configured')")
        assert kernel.models[uploader(kernel, cell)]["note"] == "3MB per file"
        assert "File must be 3MB or smaller." == begin(
            kernel, uploader(kernel, cell), "big", 3 * CHUNK + 1)["error"]
        failed = kernel.execute("%config JupyterRerun.max_upload_size = 0", allow_errors=True)
        assert "must be at least 1" in str(failed.messages)
    finally:
        kernel.execute("%config JupyterRerun.max_upload_size = 200")
    cell = Cell(kernel, "jr.file_uploader('Bad', max_upload_size=0)")
    assert "max_upload_size must be a positive integer (megabytes), got 0" in cell.text()


def test_a_big_upload_is_held_once(kernel):
    """5 MiB in five chunks: the kernel's allocations peak near one copy of the file (a
    second copy would double it), and every run's UploadedFile shares those bytes."""
    size = 5 * CHUNK
    key = unique("big")
    cell = Cell(kernel, f"""
        big = jr.file_uploader('Big', key='{key}')
        print('big', big and big.size)
    """)
    model = uploader(kernel, cell)
    kernel.execute("import tracemalloc; tracemalloc.start()")
    try:
        done = upload(kernel, model, "big.bin", bytes(range(256)) * (size // 256))
        cell.wait_for(f"big {size}")
        kernel.sync()
        peak = kernel.value("tracemalloc.get_traced_memory()[1]")
    finally:
        kernel.execute("tracemalloc.stop()")
    assert done["event"] == "done"
    assert size <= peak < 1.5 * size, peak
    assert kernel.value(f"jr.session_state['{key}'].getvalue()[:4] == bytes(range(4))") is True


def test_key_binding_callbacks_and_ignore(kernel):
    key, calls, runs = unique("upload"), unique("calls"), unique("runs")
    kernel.execute(f"{calls} = []; {runs} = []")
    cell = Cell(kernel, f"""
        def changed(note):
            {calls}.append((note, jr.session_state['{key}'] and jr.session_state['{key}'].name))
        f = jr.file_uploader('Keyed', key='{key}', on_change=changed, args=('new',))
        later = jr.file_uploader('Later', on_change='ignore')
        jr.button('go')
        {runs}.append(1)
        print('keyed', f and f.name, 'later', later and later.name)
    """)
    keyed, quiet = [m for m in kernel.find(cell.container, "AnyModel")
                    if kernel.models[m]["_anywidget_id"].endswith(".FileDrop")]
    upload(kernel, keyed, "k.txt", b"k")
    cell.wait_for("keyed k.txt later None")
    kernel.sync()
    assert kernel.value(calls) == [("new", "k.txt")]  # the callback saw the new file first
    assert kernel.value(f"jr.session_state['{key}'].name") == "k.txt"
    upload(kernel, quiet, "q.txt", b"q")
    kernel.sync()
    assert kernel.value(f"len({runs})") == 2  # no run for an ignored upload
    kernel.click(_button(kernel, cell))
    cell.wait_for("keyed k.txt later q.txt")
    kernel.sync()
    assert kernel.value(calls) == [("new", "k.txt")]
    kernel.execute(f"jr.session_state['{key}'] = 'mine'")
    kernel.click(_button(kernel, cell))
    cell.wait_for("session_state cannot set them")


def test_changing_type_empties_the_uploader_as_in_streamlit(kernel):
    kind = unique("kind")
    kernel.execute(f"{kind} = w.Dropdown(options=['csv', 'txt'])")
    cell = Cell(kernel, f"""
        f = jr.file_uploader('Typed', type={kind}.value, key='{unique("typed")}')
        print('typed', f and f.name)
    """)
    model = uploader(kernel, cell)
    upload(kernel, model, "a.csv", b"1")
    cell.wait_for("typed a.csv")
    kernel.execute(f"{kind}.value = 'txt'")
    cell.wait_for("typed None")
    assert kernel.models[model]["files"] == [] and kernel.models[model]["accept"] == [".txt"]


def test_a_disabled_uploader_takes_nothing(kernel):
    cell = Cell(kernel, "print('off', jr.file_uploader('Off', disabled=True))")
    reply = begin(kernel, uploader(kernel, cell), "a.txt", 1)
    assert reply["error"] == "This uploader is disabled."


def test_a_cached_function_of_an_uploaded_file_hits_on_the_next_run(kernel):
    calls = unique("calls")
    kernel.execute(f"""
{calls} = []
@jr.cache_data
def lines_of(file):
    {calls}.append(file.name)
    return file.getvalue().count(b'\\n')
""")
    cell = Cell(kernel, """
        f = jr.file_uploader('Text')
        jr.button('again')
        if f is not None:
            print('lines', lines_of(f))
    """)
    upload(kernel, uploader(kernel, cell), "t.txt", b"a\nb\n")
    cell.wait_for("lines 2")
    kernel.click(_button(kernel, cell))
    kernel.sync()
    assert kernel.value(calls) == ["t.txt"]  # the rerun's file hashed alike: a hit


def test_file_inputs_are_methods_of_containers(kernel):
    cell = Cell(kernel, """
        left, right = jr.columns(2)
        f = left.file_uploader('In a column')
        right.download_button('Save', 'text')
        print('column', f)
    """)
    assert "column None" in cell.text()
    uploader(kernel, cell)


# -- download_button ----------------------------------------------------------------------
def download(kernel, cell: Cell, nth: int = 0) -> str:
    found = [m for m in kernel.find(cell.container, "AnyModel")
             if kernel.models[m]["_anywidget_id"].endswith(".DownloadButton")]
    return found[nth]


def fetch(kernel, model: str) -> tuple[dict, bytes]:
    """What the browser gets when it asks for a lazy download."""
    request = unique("fetch-")
    since = len(kernel.log)
    kernel.custom(model, {"event": "fetch", "request": request})
    reply = answer(kernel, model, since, request=request)
    message = next(m for m in kernel.log[since:] if m["msg_type"] == "comm_msg"
                   and m["content"]["data"].get("content", {}).get("request") == request)
    return reply, b"".join(bytes(b) for b in message.get("buffers", []))


def test_small_data_comes_with_the_button_and_is_not_sent_again(kernel, tmp_path):
    (tmp_path / "report.json").write_text('{"a": 1}')
    cell = Cell(kernel, f"""
        import io
        jr.download_button('Bytes', b'\\x00\\x01', file_name='raw.bin')
        jr.download_button('Text', 'hello')
        jr.download_button('Buffer', io.BytesIO(b'buffered'), mime='application/x-demo')
        with open({str(tmp_path / 'report.json')!r}, 'rb') as handle:
            jr.download_button('File', handle)
        jr.button('again')
    """)
    states = [kernel.models[download(kernel, cell, n)] for n in range(4)]
    seen = [(s["file_name"], s["mime"], s["lazy"]) for s in states]
    assert seen == [("raw.bin", "application/octet-stream", False),
                    ("streamlit_download.txt", "text/plain", False),
                    ("streamlit_download", "application/x-demo", False),
                    ("report.json", "application/json", False)]
    sent = [m for m in kernel.log if m["msg_type"] == "comm_open"
            and m["content"]["comm_id"] == download(kernel, cell, 0)]
    assert [bytes(b) for b in sent[0]["buffers"]] == [b"\x00\x01"]  # a binary buffer
    since = len(kernel.log)
    kernel.click(_button(kernel, cell))
    kernel.sync()
    updates = [m for m in kernel.log[since:] if m["msg_type"] == "comm_msg"
               and m["content"]["comm_id"] in {download(kernel, cell, n) for n in range(4)}]
    assert updates == []  # equal data on a rerun sends nothing


def test_big_data_and_a_callable_travel_only_when_clicked(kernel):
    calls, runs = unique("calls"), unique("runs")
    kernel.execute(f"{calls} = []; {runs} = []; big = bytes(range(256)) * 4096")
    cell = Cell(kernel, f"""
        def report():
            {calls}.append(1)
            return 'made on click'
        def broken():
            raise RuntimeError('no data today')
        big_clicked = jr.download_button('Big', big, file_name='big.bin')
        made = jr.download_button('Made', report, file_name='report.txt')
        jr.download_button('Broken', broken)
        {runs}.append((big_clicked, made))
        print('runs', len({runs}), big_clicked, made)
    """)
    big, made, broken = (download(kernel, cell, n) for n in range(3))
    assert kernel.models[big]["lazy"] and kernel.models[made]["lazy"]
    opened = [m for m in kernel.log if m["msg_type"] == "comm_open" and m["content"]["comm_id"] == big]
    assert sum(len(b) for b in opened[0]["buffers"]) == 0  # the megabyte stayed in the kernel
    assert kernel.value(calls) == []
    reply, data = fetch(kernel, big)
    assert data == bytes(range(256)) * 4096
    assert (reply["mime"], reply["name"]) == ("application/octet-stream", "big.bin")
    reply, data = fetch(kernel, made)
    assert (data, reply["mime"], reply["name"]) == (b"made on click", "text/plain", "report.txt")
    assert kernel.value(calls) == [1]
    reply, _ = fetch(kernel, broken)
    assert reply["event"] == "failed" and "RuntimeError: no data today" in reply["error"]
    kernel.click(made)  # the browser's click: a rerun where it returns True
    cell.wait_for("runs 2 False True")


def test_download_clicks_rerun_call_back_or_are_ignored(kernel):
    calls, runs = unique("calls"), unique("runs")
    kernel.execute(f"{calls} = []; {runs} = []")
    cell = Cell(kernel, f"""
        quiet = jr.download_button('Quiet', 'q', on_click='ignore')
        loud = jr.download_button('Loud', 'l', on_click=lambda: {calls}.append('cb'),
                                  type='primary', icon=':material/download:')
        {runs}.append((quiet, loud))
        print('clicked', quiet, loud)
    """)
    quiet, loud = download(kernel, cell, 0), download(kernel, cell, 1)
    assert kernel.models[quiet]["rerun"] is False and kernel.models[loud]["rerun"] is True
    assert "jr-button-primary" in kernel.models[loud]["_dom_classes"]
    assert "jr-icon" in kernel.models[loud]["icon"]
    kernel.click(quiet)
    kernel.sync()
    assert kernel.value(f"len({runs})") == 1
    kernel.click(loud)
    cell.wait_for("clicked False True")
    kernel.sync()
    assert kernel.value(calls) == ["cb"]


@pytest.mark.parametrize("call, message", [
    ("jr.download_button('Bad', 42)", "Invalid binary data format: <class 'int'>"),
    ("jr.download_button('Bad', 'x', on_click='later')", "on_click must be a function, 'rerun' or 'ignore'"),
    ("jr.download_button('Bad', 'x', type='loud')", "type must be 'primary', 'secondary' or 'tertiary'"),
    ("jr.link_button('Bad', 3)", "url must be a string"),
    ("jr.file_uploader('Bad', type=[3])", "type= takes file extensions or MIME types as strings"),
])
def test_bad_arguments_name_the_fix(kernel, call, message):
    cell = Cell(kernel, call)
    assert message in cell.text()


# -- link_button ------------------------------------------------------------------------------
def links(kernel, cell: Cell) -> list[str]:
    return [m for m in kernel.find(cell.container, "AnyModel")
            if kernel.models[m]["_anywidget_id"].endswith(".LinkButton")]


def test_link_button_opens_its_url_and_reruns_only_when_asked(kernel):
    calls, runs = unique("calls"), unique("runs")
    kernel.execute(f"{calls} = []; {runs} = []")
    cell = Cell(kernel, f"""
        placeholder = jr.link_button('Gallery', 'https://example.com/gallery', help='Opens a tab')
        asked = jr.link_button('Docs', 'https://example.com/docs', on_click='rerun', type='tertiary')
        called = jr.link_button('Home', 'https://example.com', on_click=lambda: {calls}.append(1))
        {runs}.append(1)
        print('links', type(placeholder).__name__, asked, called)
    """)
    assert "links Handle False False" in cell.text()
    plain, asked, called = links(kernel, cell)
    state = kernel.models[plain]
    assert (state["url"], state["rerun"], state["tooltip"]) == (
        "https://example.com/gallery", False, "Opens a tab")
    assert "jr-button-secondary" in state["_dom_classes"]
    assert "jr-button-tertiary" in kernel.models[asked]["_dom_classes"]
    kernel.click(plain)
    kernel.sync()
    assert kernel.value(f"len({runs})") == 1  # on_click="ignore": no run
    kernel.click(asked)
    cell.wait_for("links Handle True False")
    kernel.click(called)
    cell.wait_for("links Handle False True")
    kernel.sync()
    assert kernel.value(calls) == [1]


# -- camera_input and audio_input ------------------------------------------------------------
def test_camera_and_audio_inputs_take_what_the_browser_captured(kernel):
    cell = Cell(kernel, """
        photo = jr.camera_input('Take a picture', resolution='720p')
        voice = jr.audio_input('Record a voice message', sample_rate=None)
        print('photo', photo and (photo.name, photo.type), 'voice', voice and (voice.name, voice.type))
    """)
    assert "photo None voice None" in cell.text()
    camera, microphone = [m for m in kernel.find(cell.container, "AnyModel")
                          if kernel.models[m]["_anywidget_id"].endswith(".MediaCapture")]
    assert (kernel.models[camera]["capture"], kernel.models[camera]["resolution"]) == ("camera", 720)
    assert (kernel.models[microphone]["capture"], kernel.models[microphone]["sample_rate"]) == (
        "microphone", 0)
    name = "camera-input-2025-01-02T03_04_05.678Z.jpg"  # the names media_capture.js gives
    assert upload(kernel, camera, name, b"\xff\xd8jpeg", "image/jpeg")["event"] == "done"
    assert upload(kernel, microphone, "2025-01-02T03-04_audio.wav", b"RIFF", "audio/wav")["event"] == "done"
    cell.wait_for(f"photo ('{name}', 'image/jpeg') voice ('2025-01-02T03-04_audio.wav', 'audio/wav')")
    assert upload(kernel, camera, "notes.txt", b"x", "text/plain")["error"] == (
        "text/plain files are not allowed.")


@pytest.mark.parametrize("call, message", [
    ("jr.camera_input('Bad', resolution='4k')", "resolution must be None, '480p', '720p' or '1080p'"),
    ("jr.audio_input('Bad', sample_rate=12345)", "sample_rate must be one of 8000, 11025, 16000"),
])
def test_capture_arguments_name_the_fix(kernel, call, message):
    assert message in Cell(kernel, call).text()
