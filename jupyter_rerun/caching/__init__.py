"""Caching keyed on code and inputs: `cache_data`, `cache_resource`, and `%%cache`."""

from __future__ import annotations

from .decorators import cache_data, cache_resource

__all__ = ["cache_data", "cache_resource"]
