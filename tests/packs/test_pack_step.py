"""The pack step in the build: published with the site, never half-published, skipped on request."""

from __future__ import annotations

import datetime as dt
import re

from tests.conftest import build_project, show_professional_worksheet, write_tree
from toolkit.cli import summary
from toolkit.packs.offline import write_bundle


def test_successful_build_publishes_packs_and_says_so(packs_build):
    project, result = packs_build
    assert result.published
    assert (project / "packs" / "self.pdf").is_file()
    assert not (project / "packs.previous").exists()
    text = summary(result, type("Options", (), {"site_dir": project / "site", "packs_dir": project / "packs",
                                                "build_dir": project / "build", "packs": True})())
    assert re.search(r"^Packs, pages \(standard/large print\): family-friends \d+/\d+, parents-carers \d+/\d+, "
                     r"professionals \d+/\d+, self \d+/\d+; 8 printed, slowest [a-z-]+\.pdf \d+\.\d s\.$", text, re.M)
    assert "Offline bundles: professional-offline.zip, public-offline.zip." in text
    assert f"Packs written to {project / 'packs'}/ (10 files)." in text


def test_failed_build_leaves_the_previous_packs_untouched(project):
    write_tree(project, {"packs/self.pdf": "previous pack"})
    # Passes loading, fails a check after the packs were made: a public page shows a professional worksheet.
    show_professional_worksheet(project)
    result = build_project(project, packs=True)
    assert not result.ok
    assert result.packs  # the packs were made in build/stage ...
    assert (project / "packs" / "self.pdf").read_text(encoding="utf-8") == "previous pack"  # ... and not published
    assert sorted(p.name for p in (project / "packs").iterdir()) == ["self.pdf"]


def test_no_packs_build_leaves_packs_folder_alone(project):
    write_tree(project, {"packs/self.pdf": "previous pack"})
    result = build_project(project, packs=False)
    assert result.ok
    assert result.packs == []
    assert (project / "packs" / "self.pdf").read_text(encoding="utf-8") == "previous pack"


def test_offline_zip_is_the_same_for_the_same_site(built_minimal, tmp_path):
    project, _ = built_minimal
    built = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)
    for name in ("one.zip", "two.zip"):
        write_bundle(project / "site" / "public", tmp_path / name, site_name="Fixture toolkit", edition="public",
                     built=built)
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_a_module_image_is_printed_in_its_pack(project):
    import io

    from PIL import Image
    from pypdf import PdfReader

    picture = io.BytesIO()
    Image.new("RGB", (40, 20), (20, 90, 160)).save(picture, format="PNG")
    write_tree(project / "content" / "modules" / "first-steps", {"steps.png": picture.getvalue()})
    body = project / "content" / "modules" / "first-steps" / "body.md"
    body.write_text(body.read_text(encoding="utf-8") + "\n![Three small steps](steps.png)\n", encoding="utf-8")
    result = build_project(project, packs=True)
    assert result.ok, [f.format() for f in result.findings if f.severity.value == "error"]
    assert (project / "site" / "public" / "modules" / "first-steps" / "steps.png").is_file()
    reader = PdfReader(project / "packs" / "self.pdf")
    assert sum(len(page.images) for page in reader.pages) >= 1
    assert figure_alts(reader) == ["Three small steps"]


def figure_alts(reader) -> list[str]:
    """The /Alt text of every Figure element in a PDF's structure tree, in document order."""
    alts: list[str] = []

    def visit(node) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                visit(child)
            return
        if not hasattr(node, "get"):
            return
        if node.get("/S") == "/Figure":
            alts.append(str(node.get("/Alt", "")))
        if "/K" in node:
            visit(node["/K"])

    visit(reader.trailer["/Root"]["/StructTreeRoot"])
    return alts
