"""One dashboard, two servers: the same script under `streamlit run` and in Voila.

jupyter_rerun's API is Streamlit's, so `SCRIPT` runs unchanged in both. Under Streamlit it
follows `import streamlit as st` in a .py file; in the notebook it is a `%%rerun` cell after
`import jupyter_rerun as st`. Its expensive preparation (`prepare`, 2 s) writes the pid of
the process that computed it to $DASHBOARD_CALLS, so a benchmark can count computations.

    python benchmarks/dashboard.py FOLDER     writes FOLDER/dashboard.py and dashboard.ipynb
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

READY = "Sum of the first 10 rows: 45"  # on the page once the dashboard can be used

SCRIPT = '''\
import os
import time


@st.cache_data(persist="disk")  # Streamlit: its own disk cache; jupyter_rerun: the shared store
def prepare(rows):
    """The expensive part every viewer needs: 2 s, computed once for everyone."""
    with open(os.environ["DASHBOARD_CALLS"], "a") as log:
        log.write(f"{os.getpid()}\\n")
    time.sleep(float(os.environ.get("DASHBOARD_BODY", "2")))
    return list(range(rows))


st.title("Many viewers, one computation")
data = prepare(1000)
rows = st.slider("Rows", 1, 100, 10)
st.write(f"Sum of the first {rows} rows: {sum(data[:rows])}")
'''


def streamlit_script() -> str:
    return "import streamlit as st\n\n" + SCRIPT


def notebook() -> dict:
    def cell(source: str) -> dict:
        return {"cell_type": "code", "execution_count": None, "id": f"cell-{len(cells)}",
                "metadata": {}, "outputs": [], "source": source}

    cells: list[dict] = []
    cells.append(cell("%load_ext jupyter_rerun\nimport jupyter_rerun as st"))
    cells.append(cell("%%rerun\n" + SCRIPT))
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3",
                                                        "language": "python", "name": "python3"}},
            "nbformat": 4, "nbformat_minor": 5}


def write(folder: Path) -> tuple[Path, Path]:
    """The Streamlit script and the notebook, in `folder`."""
    script, book = folder / "dashboard.py", folder / "dashboard.ipynb"
    script.write_text(streamlit_script())
    book.write_text(json.dumps(notebook(), indent=1))
    return script, book


if __name__ == "__main__":
    print(*write(Path(sys.argv[1])))
