"""What the audio and video players get ready in the kernel: times in seconds, WAV files
from NumPy samples, subtitles as WebVTT, and YouTube links as YouTube's embeddable player.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import wave
from pathlib import Path
from typing import Any

from ..errors import ElementError

_YOUTUBE = re.compile(r"^(?:https?:)?//(?:www\.|m\.)?(?:youtube(?:-nocookie)?\.com/"
                      r"(?:watch\?(?:[^#]*&)?v=|embed/|v/|e/)|youtu\.be/)(?P<id>[\w-]{10,20})")
_SRT_TIMING = re.compile(r"\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}")


def seconds(name: str, value: Any) -> int | None:
    """A start or end time as whole seconds: a number, a timedelta, or a string pandas
    reads as a duration ("10s", "1m30s", "00:01:30"); None stays None."""
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return None if value is None else int(value)
    if isinstance(value, datetime.timedelta):
        return int(value.total_seconds())
    if isinstance(value, str):
        try:
            import pandas as pd

            total = pd.Timedelta(value).total_seconds()
            if total == total:  # not NaN (pd.Timedelta("nat"))
                return int(total)
        except (ImportError, ValueError):
            pass
    raise ElementError(f'{name}={value!r} is not a time; give seconds, a timedelta or a string '
                       'such as "10s", "15 seconds" or "1h23s"')


def wav(samples: Any, sample_rate: int) -> bytes:
    """A 16-bit PCM WAV file of `samples` (1-D: mono; 2-D: one row per channel), scaled so
    the loudest sample is full scale."""
    import numpy as np

    data = np.asarray(samples, dtype=float)
    if data.ndim not in (1, 2):
        raise ElementError(f"audio: a NumPy array of samples is 1-D (mono) or 2-D (channels × "
                           f"samples), not {data.ndim}-D")
    channels = 1 if data.ndim == 1 else data.shape[0]
    interleaved = data.T.ravel()  # a WAV file stores one frame (all channels) after another
    loudest = np.max(np.abs(interleaved)) if interleaved.size else 0.0
    scaled = interleaved / loudest * 32767 if loudest else interleaved
    with io.BytesIO() as buffer:
        with wave.open(buffer, "wb") as file:
            file.setnchannels(channels)
            file.setsampwidth(2)
            file.setframerate(int(sample_rate))
            file.writeframes(scaled.astype("<i2").tobytes())
        return buffer.getvalue()


def youtube_embed(url: str) -> str | None:
    """The embeddable player's URL for a YouTube link; None for any other URL."""
    match = _YOUTUBE.match(url)
    return f"https://www.youtube.com/embed/{match['id']}" if match else None


def subtitle_tracks(subtitles: Any) -> list[tuple[str, bytes]]:
    """(label, WebVTT bytes) per subtitle track: one ("default") or a dict's, in order."""
    if not subtitles:
        return []
    if isinstance(subtitles, (str, bytes, io.BytesIO, Path)):
        pairs = [("default", subtitles)]
    elif isinstance(subtitles, dict):
        pairs = list(subtitles.items())
    else:
        raise ElementError(f"video: subtitles cannot be a {type(subtitles).__name__}; give "
                           "WebVTT or SRT text, a .vtt/.srt file, or {label: subtitles}")
    return [(str(label or ""), _webvtt(str(label), value)) for label, value in pairs]


def _webvtt(label: str, value: Any) -> bytes:
    if isinstance(value, io.BytesIO):
        value = value.getvalue()
    if isinstance(value, bytes):
        return _srt_to_vtt(value.decode("utf-8", "replace")) if _is_srt(value) else value
    if isinstance(value, (str, Path)) and os.path.isfile(value):
        path = Path(value)
        if path.suffix.lower() not in (".vtt", ".srt"):
            raise ElementError(f"video: subtitle file {str(path)!r} is {path.suffix or 'not'} "
                               "a .vtt or .srt file; give WebVTT or SRT subtitles")
        content = path.read_bytes()
        return _srt_to_vtt(content.decode("utf-8", "replace")) if path.suffix.lower() == ".srt" else content
    if isinstance(value, Path):
        raise ElementError(f"video: subtitle file {str(value)!r} does not exist")
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("WEBVTT") or not text:
            return text.encode()
        if _is_srt(text.encode()):
            return _srt_to_vtt(text)
    raise ElementError(f"video: subtitles {label!r} are neither WebVTT nor SRT; give text that "
                       "starts with WEBVTT, SRT cues, or a .vtt/.srt file")


def _is_srt(data: bytes) -> bool:
    """SRT: a cue number on the first line, its timing on the second."""
    lines = data[:64].decode("utf-8", "replace").strip().splitlines()
    return len(lines) >= 2 and lines[0].strip().isdigit() and bool(_SRT_TIMING.search(lines[1]))


def _srt_to_vtt(text: str) -> bytes:
    return ("WEBVTT\n\n" + re.sub(r"(\d{2}:\d{2}:\d{2}),(\d{3})", r"\1.\2", text)).strip().encode()
