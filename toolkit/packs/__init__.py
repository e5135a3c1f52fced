"""Printable packs and offline bundles, made from content after the editions are built.

`make_packs` is the pack step of the build (toolkit/build.py); `pack_files`
names what it writes for an edition, which the edition-leakage check uses.
"""

from .generate import PackOutput, make_packs
from .plan import PACK_EDITIONS, VARIANTS, offline_name, pack_files, pdf_name

__all__ = ["PACK_EDITIONS", "VARIANTS", "PackOutput", "make_packs", "offline_name", "pack_files", "pdf_name"]
