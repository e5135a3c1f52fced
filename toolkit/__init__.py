"""Prevention toolkit: builds a private, accessible static site and printable packs from content/.

The public API is what this module exports; everything else is internal. The exports are
imported when first used, so that `python -m toolkit` starts in its own code (which answers
Ctrl-C during start-up with one line, not a traceback).
"""

__all__ = ["Content", "Finding", "Severity", "load_content"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in ("Content", "load_content"):
        from . import content

        return getattr(content, name)
    if name in ("Finding", "Severity"):
        from . import findings

        return getattr(findings, name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
