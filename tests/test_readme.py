"""The README's examples run: every ```python block, in order, as cells of one kernel."""

from __future__ import annotations

import re
from pathlib import Path

from jupyter_rerun.testing import KernelDriver

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_python_example_in_the_readme_runs(tmp_path):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    assert len(blocks) >= 6
    env = {"JUPYTER_RERUN_STORE": str(tmp_path / "store"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    with KernelDriver(env=env, cwd=str(tmp_path)) as kernel:
        for number, block in enumerate(blocks):
            run = kernel.execute(block, cell_id=f"readme-{number}", allow_errors=True)
            assert run.error is None, f"README example {number} failed: {run.error}\n{block}"
            for view in run.views:  # a %%rerun example shows its container, with no error in it
                kernel.sync()
                assert "Error" not in kernel.text(view), (number, kernel.text(view))
