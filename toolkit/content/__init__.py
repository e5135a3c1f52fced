"""Content: the model authors write to, and the loader that validates it."""

from .loader import Content, load_content

__all__ = ["Content", "load_content"]
