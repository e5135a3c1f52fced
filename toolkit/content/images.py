"""Images a body shows: each is what its extension says, within a size limit, and an SVG holds only drawing.

Raster images are opened with Pillow (already installed for WeasyPrint),
which reads the file's own signature and structure, not its name. SVG files
are refused, not cleaned, when they hold anything but drawing: a script, an
event handler, a reference to another file or site, <foreignObject>,
animation that could rewrite a link, or a DOCTYPE that can define entities.
A cleaner would change what the image shows without the author knowing; a
refusal says exactly what to take out. The same test runs again over every
SVG in the built site (toolkit/harden/pages.py).
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

import lxml.etree

RASTER_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}
# Pages are read on phones, slow and metered connections, and shared devices; packs embed each image.
MAX_BYTES = 2_000_000
# A small file can unpack to a huge picture (a "decompression bomb"): 25 million pixels is 5,000 x 5,000.
MAX_PIXELS = 25_000_000

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# What drawing programs write besides SVG itself: metadata that no browser runs.
EDITOR_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#", "http://web.resource.org/cc/",
})
# SVG elements that only draw. Left out on purpose: script, foreignObject, image and feImage (they load
# other files), a (a link), style (CSS can import), animate, set and the other animation elements
# (they can change an attribute, such as a link, after the checks), iframe, video, audio, canvas.
DRAWING = frozenset({
    "svg", "g", "defs", "title", "desc", "metadata", "symbol", "use", "switch", "path", "rect", "circle",
    "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "linearGradient", "radialGradient",
    "stop", "pattern", "clipPath", "mask", "marker", "filter", "feBlend", "feColorMatrix",
    "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap",
    "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur",
    "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight",
    "feTile", "feTurbulence",
})
_URL_REFERENCE = re.compile(r"url\(\s*['\"]?\s*(?P<target>[^'\")\s]*)", re.I)
_CODE = re.compile(r"javascript:|vbscript:|@import|expression\s*\(", re.I)
SVG_HINT = ("An SVG image may hold only drawing: export it again without scripts, links, embedded images, "
            "animation or HTML (in Inkscape: Save As, Optimized SVG), or use a PNG.")


def _parser() -> lxml.etree.XMLParser:
    return lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _holds(data: bytes) -> str:
    """What a file that is not the image it claims to be holds, in an author's words."""
    start = data[:2048].lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<!--", b"<p", b"<div")):
        return "it holds HTML"
    if b"<svg" in start:
        return "it holds SVG"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "it is damaged, or in another format"
    return "it is empty of anything but spaces" if not text.strip() else "it holds text"


def raster_problem(data: bytes, suffix: str) -> str | None:
    """What is wrong with a PNG, JPEG, GIF or WebP file's content, or None."""
    from PIL import (  # here: most builds have no image, and Pillow takes a while to import
        Image,
        UnidentifiedImageError,
    )

    expected = RASTER_FORMATS[suffix]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                found, (width, height) = image.format, image.size
                if width * height > MAX_PIXELS:
                    return (f"is {width} x {height} pixels; at most {MAX_PIXELS // 1_000_000} million pixels are "
                            "allowed")
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"has more than {MAX_PIXELS // 1_000_000} million pixels"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return f"is not a {expected} image: {_holds(data)}"
    if found != expected:
        return f"is not a {expected} image: it is a {found} image"
    return None


def svg_problem(data: bytes) -> str | None:
    """What in an SVG file is not drawing (a script, a handler, a reference elsewhere...), or None."""
    try:
        root = lxml.etree.fromstring(data, _parser())
    except lxml.etree.XMLSyntaxError as exc:
        return f"is not a well-formed SVG file ({exc.msg})" if data.lstrip().startswith(
            (b"<?xml", b"<svg")) else f"is not an SVG image: {_holds(data)}"
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        return "has a DOCTYPE, which can define entities and load other files"
    if root.tag != f"{{{SVG}}}svg":
        return f"is not an SVG image: {_holds(data)}"
    outside = [*root.itersiblings(preceding=True), *root.itersiblings()]
    for node in [*outside, *root.iter()]:
        if isinstance(node, lxml.etree._ProcessingInstruction):
            return f"has a processing instruction (<?{node.target} ...?>)"
        if not isinstance(node.tag, str):
            continue  # comments
        namespace, _, name = node.tag[1:].partition("}") if node.tag.startswith("{") else ("", "", node.tag)
        if namespace == SVG and name not in DRAWING:
            return f"has a <{name}> element"
        if namespace not in (SVG, *EDITOR_NAMESPACES):
            return f"has a <{name}> element from outside SVG ({namespace or 'no namespace'})"
        problem = _attribute_problem(node, name)
        if problem:
            return problem
    return None


def _attribute_problem(node, element: str) -> str | None:
    for key, value in node.items():
        attribute = key.rsplit("}", 1)[-1]
        if attribute.lower().startswith("on"):
            return f"has an event handler ({attribute}) on <{element}>"
        if attribute == "href" and key in ("href", f"{{{XLINK}}}href") and not value.strip().startswith("#"):
            return f"refers to '{value.strip()}' in {attribute} on <{element}>, outside the image"
        for match in _URL_REFERENCE.finditer(value):
            if not match["target"].startswith("#"):
                return f"refers to '{match['target']}' in {attribute} on <{element}>, outside the image"
        if _CODE.search(value):
            return f"has code in {attribute} on <{element}>"
    return None


def image_problem(path: Path) -> tuple[str, str] | None:
    """(what is wrong, hint) for an image file a body shows, or None."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if not data:
        return "is empty (0 bytes).", "Save or export the image again."
    if len(data) > MAX_BYTES:
        return (f"is {len(data) / 1_000_000:.1f} MB; at most {MAX_BYTES // 1_000_000} MB is allowed.",
                "Make it smaller (fewer pixels; JPEG for photographs): readers may be on a slow or metered "
                "connection.")
    if suffix == ".svg":
        problem = svg_problem(data)
        return (problem + ".", SVG_HINT) if problem else None
    problem = raster_problem(data, suffix)
    if problem is None:
        return None
    return problem + ".", ("Export the image again, or give the file the extension of what it holds."
                           if "image:" in problem else "Make it smaller.")
