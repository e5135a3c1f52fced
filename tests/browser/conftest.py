"""Browser suites run twice: on the minimal fixture site and on the repository's own content."""

from __future__ import annotations

import contextlib

import pytest

from tests.browser.harness import EDITIONS, ServedSite, served
from tests.conftest import FIXTURES, MINIMAL, ROOT, build_project, copy_content
from tests.languages.conftest import LANGUAGES
from toolkit.findings import Severity

SOURCES = {"fixture": MINIMAL, "content": ROOT / "content"}


def _build(name: str, tmp_path_factory):
    project = copy_content(tmp_path_factory.mktemp(f"browser-{name}"), SOURCES[name])
    result = build_project(project)
    if not result.ok:
        errors = "\n".join(f.format() for f in result.findings if f.severity is Severity.ERROR)
        pytest.fail(f"{SOURCES[name]} does not build, so its pages cannot be tested:\n{errors}")
    return project / "site", result


@pytest.fixture(scope="session", params=sorted(SOURCES))
def site(request, tmp_path_factory):
    """Both editions of one site, built once per session and served on loopback."""
    folder, result = _build(request.param, tmp_path_factory)
    with contextlib.ExitStack() as stack:
        origins = {edition: stack.enter_context(served(folder / edition)) for edition in EDITIONS}
        yield ServedSite(
            name=request.param,
            folder=folder,
            origins=origins,
            exit_destination=result.content.site.quick_exit.destination,
            translations=tuple(result.content.translation_tags),
        )


@pytest.fixture(scope="session")
def translated_site(tmp_path_factory):
    """The translated fixture (Polish, and Arabic written right to left) with the easy read fixture's
    easy read versions and pictures, served on loopback."""
    project = copy_content(tmp_path_factory.mktemp("browser-languages"), LANGUAGES)
    easy = FIXTURES / "sites" / "easy-read" / "content"
    for path in [easy / "pictures.yml", *easy.rglob("*.easy.*"), *(easy / ".stamped").glob("*.json")]:
        target = project / "content" / path.relative_to(easy)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    result = build_project(project)
    assert result.ok
    with contextlib.ExitStack() as stack:
        origins = {edition: stack.enter_context(served(project / "site" / edition)) for edition in EDITIONS}
        yield ServedSite("languages", project / "site", origins, result.content.site.quick_exit.destination,
                         translations=tuple(result.content.translation_tags))


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)
