"""Prevention toolkit: builds a private, accessible static site and printable packs from content/.

The public API is what this module exports; everything else is internal.
"""

from .content import Content, load_content
from .findings import Finding, Severity

__all__ = ["Content", "Finding", "Severity", "load_content"]
__version__ = "0.1.0"
