"""The ``netlog`` MkDocs plugin (placeholder class until the site stage lands)."""

from __future__ import annotations

from mkdocs.plugins import BasePlugin

from .options import NetlogConfig


class NetlogPlugin(BasePlugin[NetlogConfig]):
    """Adds netlog's generated pages to an MkDocs build."""
