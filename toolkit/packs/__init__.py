"""Printable packs and offline bundles, made from content after the editions are built.

`make_packs` is the pack step of the build (toolkit/build.py); `pack_files`
names what it writes for an edition, which the edition-leakage check uses.
"""

from .plan import PACK_EDITIONS, VARIANTS, offline_name, pack_files, pdf_name


def __getattr__(name: str):
    """The pack step is imported when first used: a build without packs never needs its renderers."""
    if name in ("PackOutput", "make_packs"):
        from . import generate

        return getattr(generate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["PACK_EDITIONS", "VARIANTS", "PackOutput", "make_packs", "offline_name", "pack_files", "pdf_name"]
