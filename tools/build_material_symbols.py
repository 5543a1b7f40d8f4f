"""Build jupyter_rerun/static/material-symbols-rounded.json.xz from Google's Material Symbols.

Streamlit draws `:material/icon_name:` with the Material Symbols Rounded font, fetched from
Google's font CDN. A notebook shown offline cannot fetch it, so the package carries the
icons' outlines instead: one SVG path per icon (weight 400, rounded, 24 px grid, not
filled), from the npm package @material-symbols/svg-400 (Apache-2.0, the icons Google
publishes), packed as `{"name": "path data", ...}` JSON, xz-compressed (2.8 MB -> 0.55 MB).

    cd /tmp && npm pack @material-symbols/svg-400 && tar xzf material-symbols-svg-400-*.tgz
    python tools/build_material_symbols.py /tmp/package
"""

from __future__ import annotations

import json
import lzma
import re
import shutil
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "jupyter_rerun" / "static"
VIEWBOX = 'viewBox="0 -960 960 960"'


def build(package: Path) -> dict[str, str]:
    """Icon name -> the path data of its one <path>, for every unfilled rounded icon."""
    icons: dict[str, str] = {}
    for svg in sorted((package / "rounded").glob("*.svg")):
        if svg.stem.endswith("-fill"):
            continue
        text = svg.read_text()
        paths = re.findall(r'<path d="([^"]+)"', text)
        if VIEWBOX not in text or len(paths) != 1:
            raise SystemExit(f"{svg}: expected one path on the {VIEWBOX} grid")
        icons[svg.stem] = paths[0]
    return icons


def main(package: Path) -> None:
    icons = build(package)
    data = json.dumps(icons, separators=(",", ":"), sort_keys=True).encode()
    (TARGET / "material-symbols-rounded.json.xz").write_bytes(lzma.compress(data, preset=9))
    shutil.copy(package / "LICENSE", TARGET / "material-symbols.LICENSE")
    version = json.loads((package / "package.json").read_text())["version"]
    print(f"{len(icons)} icons from @material-symbols/svg-400 {version}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
