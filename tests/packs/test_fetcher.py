"""The PDF fetcher loads only local files we allow: a pack can never make a network request."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from weasyprint.urls import URLFetcherResponse

from tests.conftest import copy_content
from toolkit.content import load_content
from toolkit.packs import make_packs
from toolkit.packs.document import ASSETS_DIR
from toolkit.packs.fetcher import LocalOnlyFetcher, RefusedURL


@pytest.fixture
def fetcher(tmp_path):
    (tmp_path / "allowed").mkdir()
    (tmp_path / "allowed" / "picture.png").write_bytes(b"\x89PNG fake")
    (tmp_path / "secret.txt").write_text("not for packs", encoding="utf-8")
    return LocalOnlyFetcher([tmp_path / "allowed"])


@pytest.mark.parametrize(("url", "reason"), [
    ("http://127.0.0.1:9/pixel.png", "packs only use files of this build, never the network"),
    ("https://example.org/font.woff2", "packs only use files of this build, never the network"),
    ("ftp://example.org/x.css", "packs only use files of this build, never the network"),
    ("//example.org/x.css", "packs only use files of this build, never the network"),
    ("file://fileserver/share/x.png", "a file on another machine"),
])
def test_refuses_every_url_that_is_not_a_local_file(fetcher, url, reason):
    with pytest.raises(RefusedURL) as refused:
        fetcher(url)
    assert refused.value.reason == reason


def test_refuses_files_outside_the_allowed_folders(fetcher, tmp_path):
    with pytest.raises(RefusedURL) as refused:
        fetcher((tmp_path / "secret.txt").as_uri())
    assert refused.value.reason == "outside the print assets and the content folder"
    with pytest.raises(RefusedURL):
        fetcher((tmp_path / "allowed" / ".." / "secret.txt").as_uri())


def test_serves_allowed_files_and_data_urls(fetcher, tmp_path):
    response = fetcher((tmp_path / "allowed" / "picture.png").as_uri())
    assert isinstance(response, URLFetcherResponse)
    assert response.read() == b"\x89PNG fake"
    assert response.content_type == "image/png"
    assert fetcher("data:text/plain;base64,aGVsbG8=").read() == b"hello"


def test_a_remote_image_in_a_module_fails_the_pack_without_any_request(tmp_path, httpserver):
    project = copy_content(tmp_path)
    body = project / "content" / "modules" / "first-steps" / "body.md"
    url = httpserver.url_for("/pixel.png")
    body.write_text(body.read_text(encoding="utf-8") + f'\n<img src="{url}" alt="A tracking pixel">\n',
                    encoding="utf-8")
    content = load_content(project / "content")
    stage_site = tmp_path / "stage" / "site"
    shutil.copytree(ASSETS_DIR, stage_site / "public")  # any folder will do for the offline zip
    outputs, findings = make_packs(content, stage_site, tmp_path / "stage" / "packs", editions=("public",),
                                   built=dt.datetime(2026, 11, 1), base_config=project / "mkdocs.yml")
    refused = [f for f in findings if "refused" in f.message]
    reason = "packs only use files of this build, never the network"
    assert sorted(f.message for f in refused) == [
        f"pack self-large-print.pdf: refused to load {url} ({reason}).",
        f"pack self.pdf: refused to load {url} ({reason}).",
    ]
    assert {f.file for f in refused} == {"content/modules/first-steps/body.md"}
    assert httpserver.log == []
    assert not (tmp_path / "stage" / "packs" / "self.pdf").exists()
    assert (tmp_path / "stage" / "packs" / "family-friends.pdf").exists()
    assert {o.name for o in outputs} >= {"family-friends.pdf", "public-offline.zip"}
