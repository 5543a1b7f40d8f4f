"""camera_input and audio_input in Voila, in Debian's Chromium with its fake camera and
microphone (a test pattern and a tone, `--use-fake-device-for-media-stream`), allowed as a
person allows them: a photo is taken and a voice message recorded, and the kernel gets
Streamlit's UploadedFile of each, a JPEG and a 16 kHz WAV."""

from __future__ import annotations

import pytest

playwright = pytest.importorskip("playwright.sync_api")
from browser_support import (  # noqa: E402
    ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, TOKEN, isolated_env, loopback_only, start_voila,
    write_notebook,
)
from playwright.sync_api import expect, sync_playwright  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect.set_options(timeout=60_000)

CELLS = ["%load_ext jupyter_rerun\nimport jupyter_rerun as jr", """\
%%rerun
photo = jr.camera_input("Take a picture")
voice = jr.audio_input("Record a voice message")
if photo:
    jr.text(f"photo: {photo.type}, {photo.size} bytes, starts {photo.getvalue()[:3].hex()}")
if voice:
    wav = voice.getvalue()
    rate = int.from_bytes(wav[24:28], "little")
    jr.text(f"voice: {voice.type}, {wav[:4].decode()} at {rate} Hz, {(len(wav) - 44) / 2 / rate:.1f} s")
"""]
FAKE_MEDIA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


def test_voila_takes_a_photo_and_records_a_voice_message(tmp_path):
    root = tmp_path / "notebooks"
    root.mkdir()
    write_notebook(root / "capture.ipynb", CELLS)
    server, base = start_voila(root, "capture.ipynb", isolated_env(tmp_path / "jupyter"))
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_FLAGS + FAKE_MEDIA)
            context = browser.new_context(viewport={"width": 900, "height": 1000},
                                          permissions=["camera", "microphone"])
            context.route("**/*", loopback_only)
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{base}/?token={TOKEN}")
            cell = page.locator(".jupyter-rerun-cell")
            take = cell.get_by_role("button", name="Take Photo")
            expect(take).to_be_enabled(timeout=90_000)  # once the camera's video plays
            take.click()
            expect(cell).to_contain_text("photo: image/jpeg")
            assert "starts ffd8ff" in cell.inner_text()  # a JPEG's first bytes
            expect(cell.locator(".jr-capture-photo")).to_be_visible()  # the photo, not the video
            expect(cell.locator(".jr-capture-video")).to_be_hidden()
            expect(take).to_be_hidden()
            cell.get_by_role("button", name="● Record").click()
            expect(cell.locator(".jr-capture-clock")).to_have_text("0:01", timeout=10_000)
            cell.get_by_role("button", name="■ Stop").click()
            expect(cell).to_contain_text("voice: audio/wav, RIFF at 16000 Hz")
            seconds = float(cell.inner_text().split(" Hz, ")[1].split(" s")[0])
            assert 0.8 <= seconds <= 10, seconds  # about the second or two it recorded
            expect(cell.locator(".jr-capture-audio")).to_be_visible()
            expect(cell.get_by_role("button", name="● Record")).to_be_hidden()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "voila-capture.png"), full_page=True)
            cell.get_by_role("button", name="× Clear photo").click()  # and back to the camera
            expect(cell).not_to_contain_text("photo: image/jpeg")
            expect(take).to_be_visible()
            browser.close()
        assert errors == []
    finally:
        server.stop()
