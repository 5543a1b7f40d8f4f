"""Media elements: image, audio, video.

Each element is one model (`widgets.media`) over the one element mechanism
(`element.show`): the kernel encodes the media, the model carries them as binary buffers,
and its props hold their digests, so an unchanged element sends nothing on a rerun and a
changed one sends one update. URLs are passed to the browser as they are: the kernel never
fetches them (offline, the browser may not be able to either).
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import widgets
from ..widgets.media import media as media_model
from ..caching.hashing import digest
from ..errors import ElementError
from .element import Handle, show
from .images import MAX_WIDTH, Encoded, encode_image, is_url
from .markdown import to_html
from .players import seconds, subtitle_tracks, wav, youtube_embed

__all__ = ["image", "audio", "video"]

Item = tuple[Encoded, str, "str | None"]  # the medium, its caption (HTML), its alt text


def image(image: Any, caption: Any = None, width: int | str = "content", clamp: bool = False,
          channels: str = "RGB", output_format: str = "auto", *,
          use_container_width: bool | None = None, link: str | None = None,
          use_column_width: Any = None, alt: Any = None) -> Handle:
    """An image, or a row of images that wraps (a list, or a 4-D NumPy array), with captions.

    `image`: PIL images, NumPy arrays, bytes or BytesIO, file paths, SVG strings, URLs.
    `width`: "content" (its own width, at most its column's), "stretch" or pixels;
    `use_container_width=True` means "stretch". `caption` is markdown; a list of images
    takes a list of captions. `use_column_width` is accepted and ignored, as in Streamlit.
    A URL is not fetched by the kernel: the browser loads it (or, offline, shows its alt).
    """
    width = container_width(width, use_container_width)
    images = _image_list(image)
    captions = _per_image("caption", caption, len(images))
    alts = _per_image("alt", alt, len(images))
    if link and len(images) > 1:
        raise ElementError(f"image: link= works with one image, not {len(images)}; "
                           "show the images one by one to link each")
    max_width = width if isinstance(width, int) else MAX_WIDTH
    items = [(encode_image(one, clamp=clamp, channels=channels, output_format=output_format,
                           max_width=max_width), _caption_html(text), text_alt)
             for one, text, text_alt in zip(images, captions, alts)]
    return show_media("image", items, width, link=link or "")


def audio(data: Any, format: str = "audio/wav", start_time: Any = 0, *,
          sample_rate: int | None = None, end_time: Any = None, loop: bool = False,
          autoplay: bool = False, alt: str | None = None, width: int | str = "stretch") -> Handle:
    """An audio player: bytes, a file (path or opened), a URL, or a NumPy array of samples
    (1-D mono, 2-D channels × samples, with `sample_rate`), which becomes a WAV file here.

    `start_time`/`end_time`: seconds, a timedelta or a string such as "1m30s"; playback
    starts at `start_time` and stops (or, with `loop`, starts again) at `end_time`.
    Browsers autoplay only after the user has interacted with the page.
    """
    start, end = seconds("start_time", start_time), seconds("end_time", end_time)
    width = _player_width(width)
    is_array = type(data).__module__ == "numpy"
    if is_array and sample_rate is None:
        raise ElementError("audio: a NumPy array needs sample_rate= (samples per second), "
                           "e.g. jr.audio(wave, sample_rate=44100)")
    medium = Encoded(wav(data, sample_rate), "audio/wav") if is_array else _av(data, format)
    options = {"start": start, "end": end, "loop": loop, "autoplay": autoplay}
    return show_media("audio", [(medium, "", alt)], width, options=options)


def video(data: Any, format: str = "video/mp4", start_time: Any = 0, *, subtitles: Any = None,
          end_time: Any = None, loop: bool = False, autoplay: bool = False, muted: bool = False,
          alt: str | None = None, width: int | str = "stretch") -> Handle:
    """A video player: bytes, a file (path or opened), a NumPy array of the file's bytes, or
    a URL (a YouTube link shows YouTube's player). `subtitles`: WebVTT or SRT text, a
    .vtt/.srt file, or {label: subtitles} for several tracks (the first is shown).

    Browsers autoplay only after the user has interacted with the page, or when `muted`.
    """
    start, end = seconds("start_time", start_time), seconds("end_time", end_time)
    if start < 0 or (end is not None and end <= start):
        raise ElementError(f"video: start_time={start} and end_time={end} do not make a "
                           "playable span; give 0 <= start_time < end_time")
    width = _player_width(width)
    embed = youtube_embed(data) if isinstance(data, str) else None
    if embed is not None and subtitles:
        raise ElementError("video: subtitles do not work with a YouTube video; "
                           "give the video file itself to show subtitles")
    medium = Encoded(None, "text/html", embed) if embed else _av(data, format)
    options = {"start": start, "end": end, "loop": loop, "autoplay": autoplay, "muted": muted}
    return show_media("video", [(medium, "", alt)], width, options=options,
                      tracks=subtitle_tracks(subtitles))


def show_media(kind: str, items: Sequence[Item], width: int | str, *, link: str = "",
               options: dict | None = None, tracks: Sequence[tuple[str, bytes]] = (),
               element: str | None = None) -> Handle:
    """Draw `items` as one media element of `kind` ("image", "audio", "video"); `element`
    names the element for its identity (`jr.pyplot` draws an image)."""
    traits = {
        "kind": kind, "width": width, "link": link, "options": dict(options or {}),
        "items": [{"data": medium.data, "url": medium.url, "mime": medium.mime,
                   "caption": caption, "alt": alt} for medium, caption, alt in items],
        "tracks": [{"label": label, "data": data} for label, data in tracks],
    }
    props = {**traits,  # the same, with digests where the bytes are
             "items": tuple((_id(medium), medium.mime, caption, alt) for medium, caption, alt in items),
             "tracks": tuple((label, digest(data)) for label, data in tracks)}

    def update(model: Any, props: Any, previous: Any) -> None:
        widgets.update_traits(model, {name: traits[name] for name in traits
                                      if props[name] != previous[name]})

    return show(element or kind, props, make=lambda props: media_model(traits), update=update)


def container_width(width: int | str, use_container_width: bool | None) -> int | str:
    """Streamlit's width: "content", "stretch" or pixels; `use_container_width` overrides
    it (True: "stretch"; False: "content", unless the width is in pixels)."""
    if use_container_width is True:
        width = "stretch"
    elif use_container_width is False and not isinstance(width, int):
        width = "content"
    if width in ("content", "stretch") or (isinstance(width, int) and not isinstance(width, bool)
                                           and width > 0):
        return width
    raise ElementError(f'width={width!r} is not a width; give "content", "stretch" or a '
                       "positive number of pixels")


def _player_width(width: int | str) -> int | str:
    if width == "content":
        raise ElementError('width="content" does not apply to a player; give "stretch" or pixels')
    return container_width(width, None)


def _id(medium: Encoded) -> Any:
    return digest(medium.data) if medium.data is not None else medium.url


def _image_list(image: Any) -> list[Any]:
    if isinstance(image, (list, tuple, set)):
        return list(image)
    if type(image).__module__ == "numpy" and getattr(image, "ndim", 0) == 4:
        return list(image)
    return [image]


def _per_image(name: str, value: Any, count: int) -> list[Any]:
    """One caption (or alt text) per image, as Streamlit pairs them."""
    if value is None:
        return [None] * count
    if isinstance(value, str) or not isinstance(value, Sequence) and not hasattr(value, "tolist"):
        values = [value]
    else:
        values = list(value.tolist() if hasattr(value, "tolist") else value)
    if len(values) != count:
        raise ElementError(f"image: cannot pair {len(values)} {name} value(s) with {count} "
                           f"image(s); give one {name} per image (None for none)")
    return [None if one is None else str(one) for one in values]


def _caption_html(caption: str | None) -> str:
    return to_html(caption, inline=True) if caption else ""


def _av(data: Any, mime: str) -> Encoded:
    """Audio or video as the page gets it: the file's bytes, or a URL."""
    if data is None:
        return Encoded(None, mime)  # a player without media, as in Streamlit
    if isinstance(data, Path):
        data = str(data)
    if isinstance(data, str):
        if not os.path.isfile(data) and is_url(data):
            return Encoded(None, mime, data)
        try:
            return Encoded(Path(data).read_bytes(), mime)
        except OSError as error:
            raise ElementError(f"cannot read {data!r} ({error.strerror}); give the path of a "
                               "media file, a URL (http, https, data) or the file's bytes") from None
    if isinstance(data, (bytes, bytearray, memoryview)):
        return Encoded(bytes(data), mime)
    if isinstance(data, io.IOBase) and data.readable():
        data.seek(0)
        return Encoded(data.read() or b"", mime)
    if type(data).__module__ == "numpy":
        return Encoded(data.tobytes(), mime)
    raise ElementError(f"cannot play a {type(data).__name__}; give bytes, a file path, an "
                       "opened file, a URL or a NumPy array")
