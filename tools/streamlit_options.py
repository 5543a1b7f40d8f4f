"""Write jupyter_rerun/static/streamlit_options.json: the names of Streamlit's config options
and their defaults (None where a default is computed or not JSON), read from the installed
Streamlit. Run it after a Streamlit upgrade; tests/test_streamlit_api.py checks the file
against the installed Streamlit."""

from __future__ import annotations

import json
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "jupyter_rerun" / "static" / "streamlit_options.json"


def option_defaults() -> dict[str, object]:
    from streamlit import config

    defaults: dict[str, object] = {}
    for name, option in config._config_options_template.items():
        value = option.default_val
        try:
            json.dumps(value)
        except TypeError:
            value = None
        defaults[name] = value
    return defaults


if __name__ == "__main__":
    TARGET.write_text(json.dumps(option_defaults(), indent=0, sort_keys=True) + "\n")
    print(f"wrote {TARGET}")
