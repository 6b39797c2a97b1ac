"""Service Strategy Workshop: build a Customer Service Strategy in a live workshop."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
