"""Media elements (jupyter_rerun/ui/media.py) in real kernels, both event modes: image,
audio and video as the front end gets them (binary buffers, captions, options), in-place
updates counted in messages and bytes, and one-line errors."""

from __future__ import annotations

import io
import threading
import wave
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import Cell, make_slider, unique
from media_support import errors, shows_one_line_error, full_state, models_with_class, opened, sent_since, updates
from PIL import Image

IMPORTS = "import numpy as np\nfrom PIL import Image\nimport io, pathlib\n"


@pytest.fixture(scope="module")
def kernel(kernel):
    kernel.execute(IMPORTS)
    return kernel


def media(kernel, cell: Cell, kind: str = "image") -> list[str]:
    return models_with_class(kernel, cell.container, f"jr-{kind}")


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_an_array_image_arrives_as_one_png_buffer_with_its_markdown_caption(kernel):
    cell = Cell(kernel, """
        rgba = np.zeros((30, 40, 4), dtype=np.uint8); rgba[..., 0] = 255; rgba[..., 3] = 255
        jr.image(rgba, caption="a **red** <box>")
    """)
    (model,) = media(kernel, cell)
    sent = opened(kernel, model)
    (item,) = sent.state["items"]
    assert item["mime"] == "image/png"  # an alpha channel: PNG, as Streamlit chooses
    image = decoded(item["data"])
    assert image.size == (40, 30) and image.getpixel((0, 0))[:3] == (255, 0, 0)
    assert item["caption"] == "a <strong>red</strong> &lt;box&gt;"  # markdown, escaped
    assert sent.buffer_bytes == len(item["data"]) and sent.json_bytes < 8000  # bytes as a buffer


def test_every_kind_of_image_source(kernel, tmp_path):
    Image.new("RGB", (12, 10), (0, 0, 255)).save(tmp_path / "blue.png")
    (tmp_path / "dot.svg").write_text('<svg width="8" height="8"><circle r="4"/></svg>')
    cell = Cell(kernel, f"""
        folder = pathlib.Path({str(tmp_path)!r})
        gray = np.linspace(0.0, 1.0, 50).reshape(5, 10)
        buffer = io.BytesIO(); Image.new("L", (6, 6), 128).save(buffer, format="PNG")
        jr.image([Image.new("RGB", (9, 9), "green"), folder / "blue.png", str(folder / "dot.svg"),
                  '<svg viewBox="0 0 2 2"><rect width="2" height="2"/></svg>',
                  "http://127.0.0.1:9/far.png", buffer, (folder / "blue.png").read_bytes(), gray],
                 caption=[f"c{{i}}" for i in range(8)])
    """)
    (model,) = media(kernel, cell)
    items = opened(kernel, model).state["items"]
    assert [item["caption"] for item in items] == [f"c{i}" for i in range(8)]
    assert [item["mime"] for item in items] == [  # Streamlit's "auto": JPEG unless alpha or GIF
        "image/jpeg", "image/jpeg", "image/svg+xml", "image/svg+xml", "", "image/jpeg",
        "image/jpeg", "image/jpeg"]
    assert decoded(items[0]["data"]).getpixel((4, 4))[1] > 100  # green
    assert decoded(items[1]["data"]).size == (12, 10)  # an RGB PNG file goes as JPEG (auto)
    assert b'xmlns="http://www.w3.org/2000/svg"' in items[3]["data"]  # added: <img> needs it
    assert items[4].get("data") is None and items[4]["url"] == "http://127.0.0.1:9/far.png"
    assert decoded(items[5]["data"]).mode == "L"
    assert decoded(items[7]["data"]).size == (10, 5)  # floats in [0, 1] scaled to 0..255


def test_numpy_rules_clamp_and_bgr(kernel):
    cell = Cell(kernel, """
        bgr = np.zeros((4, 4, 3), dtype=np.uint8); bgr[..., 0] = 255  # blue, in OpenCV's order
        jr.image(bgr, channels="BGR", output_format="PNG")
        jr.image(np.full((3, 3), 300), clamp=True, output_format="PNG")
        jr.image(np.zeros((2, 5, 5, 3), dtype=np.uint8), caption=["one", "two"])
    """)
    first, clamped, pair = media(kernel, cell)
    assert decoded(opened(kernel, first).state["items"][0]["data"]).getpixel((0, 0)) == (0, 0, 255)
    assert decoded(opened(kernel, clamped).state["items"][0]["data"]).getpixel((0, 0)) == 255
    assert len(opened(kernel, pair).state["items"]) == 2  # a 4-D array is a list of images


@pytest.mark.parametrize("call, message", [
    ("jr.image(np.full((3, 3), 300))", "values are outside [0, 255]"),
    ("jr.image(np.full((3, 3), 1.5))", "pass clamp=True"),
    ("jr.image(np.zeros((3, 3, 2)))", "1, 3 or 4 channels"),
    ("jr.image(np.zeros((3, 3)), channels='BGR')", 'channels="BGR" needs'),
    ("jr.image([b'x', b'y'], caption=['only one'])", "cannot pair 1 caption"),
    ("jr.image('no/such/file.png')", "cannot read 'no/such/file.png'"),
    ("jr.image(b'not an image')", "not an image PIL can read"),
    ("jr.image(42)", "cannot show a int"),
    ("jr.image(np.zeros((3, 3)), width=0)", "is not a width"),
    ("jr.image([np.zeros((3, 3))] * 2, link='http://127.0.0.1/')", "link= works with one image"),
    ("jr.audio(np.zeros(10))", "needs sample_rate="),
    ("jr.audio(b'', start_time='soon')", "start_time='soon' is not a time"),
    ("jr.audio(b'', width='content')", 'width="content" does not apply'),
    ("jr.video(b'', start_time=5, end_time=5)", "do not make a playable span"),
    ("jr.video('https://youtu.be/abcdefghijk', subtitles='WEBVTT')", "subtitles do not work with a YouTube"),
    ("jr.video(b'', subtitles='just words')", "neither WebVTT nor SRT"),
    ("jr.video(object())", "cannot play a object"),
])
def test_a_bad_argument_is_one_line_in_the_container_after_what_was_drawn(kernel, call, message):
    shows_one_line_error(kernel, call, message)


def test_an_unchanged_image_sends_nothing_and_a_changed_one_one_update(kernel):
    n = unique("n")
    slider = make_slider(kernel, n, value=1)
    cell = Cell(kernel, f"""
        jr.image(np.full((20, 20), 7, dtype=np.uint8), caption="fixed")
        jr.image(np.full((20, 20), {n}.value * 10, dtype=np.uint8), caption=f"level {{{n}.value}}")
        jr.text(f"run {{{n}.value}}")
    """)
    fixed, changing = media(kernel, cell)
    mark = len(kernel.log)
    kernel.update(slider, value=2)
    cell.wait_for("run 2")
    kernel.sync()
    assert media(kernel, cell) == [fixed, changing]  # the same models
    assert updates(kernel, mark, fixed) == []
    (update,) = updates(kernel, mark, changing)
    (item,) = update.state["items"]
    assert decoded(item["data"]).getpixel((0, 0)) == 20 and update.buffer_bytes == len(item["data"])
    assert update.state["items"][0]["caption"] == "level 2"
    (other,) = {m["content"]["comm_id"] for m in sent_since(kernel, mark, but=(slider, changing))}
    assert ">run 2<" in kernel.text(other)  # else only the run's text changed


def test_audio_from_samples_is_a_wav_made_in_the_kernel(kernel):
    cell = Cell(kernel, """
        rate = 8000
        t = np.linspace(0, 1, rate, endpoint=False)
        jr.audio(np.stack([np.sin(2 * np.pi * 440 * t), 0.5 * np.sin(2 * np.pi * 220 * t)]),
                 sample_rate=rate, start_time="2s", end_time=dt.timedelta(seconds=3.5), loop=True)
    """)
    (model,) = media(kernel, cell, "audio")
    state = opened(kernel, model).state
    (item,) = state["items"]
    assert item["mime"] == "audio/wav"
    with wave.open(io.BytesIO(item["data"])) as file:
        assert (file.getnchannels(), file.getframerate(), file.getnframes(), file.getsampwidth()) == (2, 8000, 8000, 2)
        frames = file.readframes(8000)
    loudest = max(abs(int.from_bytes(frames[i:i + 2], "little", signed=True)) for i in range(0, len(frames), 2))
    assert loudest == 32767  # scaled to full range, as Streamlit does
    assert state["options"] == {"start": 2, "end": 3, "loop": True, "autoplay": False}


def test_audio_and_video_sources_times_and_subtitles(kernel, tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 not really a video")
    (tmp_path / "subs.srt").write_text("1\n00:00:01,000 --> 00:00:02,500\nHello\n")
    cell = Cell(kernel, f"""
        folder = pathlib.Path({str(tmp_path)!r})
        jr.audio(b"RIFF....WAVE", format="audio/wav", start_time="1m30s", autoplay=True, width=300)
        jr.audio("http://127.0.0.1:9/song.mp3", format="audio/mpeg")
        jr.video(str(folder / "clip.mp4"), subtitles={{"English": folder / "subs.srt",
                 "Deutsch": "WEBVTT\\n\\n00:00.000 --> 00:01.000\\nHallo"}}, muted=True, end_time=60)
        jr.video("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        jr.video(None)
    """)
    first, url = media(kernel, cell, "audio")
    state = opened(kernel, first).state
    assert state["items"][0]["data"] == b"RIFF....WAVE" and state["width"] == 300
    assert state["options"] == {"start": 90, "end": None, "loop": False, "autoplay": True}
    assert opened(kernel, url).state["items"][0]["url"] == "http://127.0.0.1:9/song.mp3"
    clip, youtube, empty = media(kernel, cell, "video")
    state = opened(kernel, clip).state
    assert state["items"][0]["data"].startswith(b"\x00\x00\x00\x18ftyp")
    assert state["options"]["muted"] is True and state["options"]["end"] == 60
    english, german = state["tracks"]
    assert english["label"] == "English"
    assert english["data"] == b"WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nHello"  # SRT -> VTT
    assert german["label"] == "Deutsch" and german["data"].startswith(b"WEBVTT")
    assert opened(kernel, youtube).state["items"][0] == {
        "data": None, "url": "https://www.youtube.com/embed/dQw4w9WgXcQ", "mime": "text/html",
        "caption": "", "alt": None}
    assert opened(kernel, empty).state["items"][0].get("url") == ""


class _Counting(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        type(self).hits += 1
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_a_url_is_left_to_the_browser(kernel):
    """The kernel never fetches an image URL (offline it could not): the page gets the URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/photo.jpg"
        cell = Cell(kernel, f"jr.image({url!r}, caption='far away', width=200)")
        (model,) = media(kernel, cell)
        state = full_state(kernel, model)
        assert state["items"][0]["url"] == url and state["width"] == 200
        assert _Counting.hits == 0
    finally:
        server.shutdown()
