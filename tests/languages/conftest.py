"""A writable copy of the fixture site with English, Polish and Arabic."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, copy_content

LANGUAGES = FIXTURES / "sites" / "languages" / "content"


@pytest.fixture
def translated(tmp_path):
    """A project folder holding a copy of the translated fixture content."""
    return copy_content(tmp_path, LANGUAGES)
