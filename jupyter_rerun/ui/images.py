"""What `jr.image` (and `jr.pyplot`) send: each image as encoded bytes and a MIME type, or
a URL for the browser to load.

The rules are Streamlit's: PIL images, NumPy arrays (2-D gray, 3-D with 1, 3 or 4 channels,
floats in [0, 1] or integers in [0, 255], `clamp` to force the range, `channels="BGR"` for
OpenCV), bytes and BytesIO, file paths, SVG text, and URLs. With `output_format="auto"` a
GIF stays a GIF, an image with an alpha channel becomes a PNG and anything else a JPEG.
Images wider than the element can show (its pixel `width`, else 1460 px: 730 px at twice
the density) are scaled down in the kernel, so the page never gets more pixels than it shows.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ElementError

MAX_WIDTH = 2 * 730
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif"}
_SVG = re.compile(r"^\s?(<\?xml[\s\S]*<svg\s|<svg\s|<svg>\s)")
_URL_SCHEMES = ("http://", "https://", "data:")


@dataclass(frozen=True)
class Encoded:
    """One medium as the page gets it: `data` (bytes) with its `mime`, or else a `url`."""

    data: bytes | None
    mime: str
    url: str = ""


def is_url(value: str) -> bool:
    """A URL the browser can load (http, https, data, or a Streamlit static-file path)."""
    return value.startswith(_URL_SCHEMES) or value.startswith("/app/static/")


def encode_image(image: Any, *, clamp: bool = False, channels: str = "RGB",
                 output_format: str = "auto", max_width: int = MAX_WIDTH) -> Encoded:
    """One image (not a list) as the page gets it."""
    if isinstance(image, Path):
        image = str(image)
    if isinstance(image, str):
        return _from_text(image, output_format, max_width)
    if _is_pil(image):
        return _fit(_pil_bytes(image, _format_of(image, output_format)), output_format, max_width)
    if type(image).__module__ == "numpy":
        array = _rgb_order(_in_range(_checked_shape(image), clamp), channels)
        return _fit(_array_bytes(array, output_format), output_format, max_width)
    if isinstance(image, io.BytesIO):
        return _fit(image.getvalue(), output_format, max_width)
    if isinstance(image, (bytes, bytearray, memoryview)):
        return _fit(bytes(image), output_format, max_width)
    raise ElementError(f"image: cannot show a {type(image).__name__}; give a PIL image, a NumPy "
                       "array, bytes, a file path, a URL or an SVG string (or a list of them)")


def _from_text(text: str, output_format: str, max_width: int) -> Encoded:
    if not os.path.isfile(text) and is_url(text):
        return Encoded(None, "", text)  # the browser fetches it (offline: it may not)
    if text.endswith(".svg") and os.path.isfile(text):
        text = Path(text).read_text(encoding="utf-8")
    if _SVG.search(text):
        if "xmlns" not in text:  # an <img> shows an SVG only with its namespace
            text = text.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
        return Encoded(text.encode(), "image/svg+xml")
    try:
        data = Path(text).read_bytes()
    except OSError as error:
        raise ElementError(f"image: cannot read {text!r} ({error.strerror}); give the path of an "
                           "image file, a URL (http, https, data) or an SVG string") from None
    return _fit(data, output_format, max_width)


def _is_pil(image: Any) -> bool:
    from sys import modules

    pil = modules.get("PIL.Image")
    return pil is not None and isinstance(image, pil.Image)


def _format_of(image: Any, output_format: str) -> str:
    """Streamlit's choice: JPEG or PNG when asked; else GIF stays GIF, alpha means PNG."""
    asked = output_format.upper()
    if asked in ("JPEG", "JPG", "PNG"):
        return "JPEG" if asked == "JPG" else asked
    if image.format == "GIF":
        return "GIF"
    return "PNG" if image.mode in ("RGBA", "LA", "P") else "JPEG"


def _pil_bytes(image: Any, image_format: str, quality: int = 100) -> bytes:
    if image_format == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")  # JPEG has no alpha channel
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, quality=quality)
    return buffer.getvalue()


def _fit(data: bytes, output_format: str, max_width: int) -> Encoded:
    """Bytes of an image file, scaled down to `max_width` and in the format to send."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise ElementError("image: these bytes are not an image PIL can read; give PNG, JPEG, "
                           "GIF or another image file's bytes") from None
    image_format = _format_of(image, output_format)
    width, height = image.size
    if 0 < max_width < width:
        image = image.resize((max_width, int(height * max_width / width)), Image.BILINEAR)
        return Encoded(_pil_bytes(image, image_format, quality=90), _MIME[image_format])
    if image.format != image_format:
        return Encoded(_pil_bytes(image, image_format, quality=90), _MIME[image_format])
    return Encoded(data, _MIME[image_format])  # as it came: no decoding, no re-encoding


def _checked_shape(array: Any) -> Any:
    if array.ndim not in (2, 3):
        raise ElementError(f"image: a NumPy image is 2-D (gray) or 3-D (with channels), not "
                           f"{array.ndim}-D of shape {array.shape}; a 4-D array is a list of images")
    if array.ndim == 3 and array.shape[-1] not in (1, 3, 4):
        raise ElementError(f"image: a NumPy image has 1, 3 or 4 channels, not {array.shape[-1]} "
                           f"(shape {array.shape}); put the channels last")
    return array[:, :, 0] if array.ndim == 3 and array.shape[-1] == 1 else array


def _in_range(array: Any, clamp: bool) -> Any:
    """Values as 0..255: floats are read as 0..1. Out of range is an error unless `clamp`."""
    import numpy as np

    top = 1.0 if np.issubdtype(array.dtype, np.floating) else 255
    if clamp:
        array = np.clip(array, 0, top)
    elif array.size and (array.min() < 0 or array.max() > top):
        raise ElementError(f"image: values are outside [0, {top}] (they range from {array.min()} "
                           f"to {array.max()}); scale them, or pass clamp=True to clip them")
    return array * 255 if top == 1.0 else array


def _rgb_order(array: Any, channels: str) -> Any:
    if channels.upper() != "BGR":
        return array
    if array.ndim != 3:
        raise ElementError('image: channels="BGR" needs an image with 3 color channels; '
                           'for a gray image leave channels="RGB"')
    return array[:, :, [2, 1, 0]]


def _array_bytes(array: Any, output_format: str) -> bytes:
    import numpy as np
    from PIL import Image

    image = Image.fromarray(array.astype(np.uint8))
    return _pil_bytes(image, _format_of(image, output_format))
