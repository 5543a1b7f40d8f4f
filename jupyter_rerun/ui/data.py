"""Data elements: dataframe, data_editor, table, metric, and column_config.

Each element is a small function over the one element mechanism (`element.show`).
"""

from __future__ import annotations

__all__: list[str] = []
