"""Editions built in parallel processes give exactly what a sequential build gives."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_project, copy_content
from tests.pipeline.test_output_guarantees import snapshot
from toolkit import checks as checks_module
from toolkit.pagescan import read_page


def test_parallel_build_is_byte_identical_to_sequential(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    sequential = build_project(copy_content(tmp_path / "a"))
    parallel = build_project(copy_content(tmp_path / "b"), parallel_from=0)
    assert sequential.ok and parallel.ok
    assert snapshot(tmp_path / "a" / "project" / "site") == snapshot(tmp_path / "b" / "project" / "site")
    assert [f.format() for f in parallel.findings] == [f.format() for f in sequential.findings]
    assert list(parallel.compiled) == ["public", "professional"]
    assert parallel.compiled["public"].edition.name == "public"
    # The largest edition (professional) is built here; the other process's work is timed apart,
    # so the plain keys still add up to the wall time.
    assert {"render", "render:public", "editions-wait"} <= set(parallel.timings)
    assert "render:public" not in sequential.timings
    # The checks that read only the content ran in the two processes, each taking the next one not yet taken,
    # with the same findings and reports.
    assert {"check-content", "check-content:public"} <= set(parallel.timings)
    assert "check-content" not in sequential.timings
    assert set(parallel.built_site.timings) == set(sequential.built_site.timings)
    assert parallel.built_site.reports == sequential.built_site.reports


def test_checks_read_every_page_as_harden_wrote_it(tmp_path, monkeypatch):
    """No page is read again for the checks, and what they read is what a reader gets from site/."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    read_again, seen = [], {}
    monkeypatch.setattr("toolkit.checks.site.read_page", lambda raw: read_again.append(raw))

    def check_edition(site, name, checks):
        edition = site.editions[name]
        seen[name] = {page: edition.scan(page) for page in edition.html_files}
        return checks_module.check_edition(site, name, checks)

    # Each edition's pages are checked as soon as it is built, in the process that built it: here both.
    monkeypatch.setattr("toolkit.build.check_edition", check_edition)
    result = build_project(copy_content(tmp_path))
    assert result.ok and read_again == []
    assert list(seen) == ["public", "professional"]
    for name, scans in seen.items():
        site = tmp_path / "project" / "site" / name
        assert sorted(scans) == sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
        assert len(scans) > 10
        for page, scan in scans.items():
            assert scan == read_page((site / page).read_bytes()), page


def test_the_checks_run_beside_the_smaller_edition_are_those_that_read_the_content_alone():
    """check_content gives them a site of no editions and no packs: only a check that never reads a built page
    may say CONTENT_ONLY."""
    from toolkit.checks import DEFAULT_CHECKS

    content_only = sorted(module.NAME for module in DEFAULT_CHECKS if getattr(module, "CONTENT_ONLY", False))
    assert content_only == ["easy-read", "help-routes", "holiday-list", "module-structure", "number-sources",
                            "placeholders", "readability", "registry-numbers", "review-dates", "translations"]
    for module in DEFAULT_CHECKS:
        if getattr(module, "CONTENT_ONLY", False):
            source = Path(module.__file__).read_text(encoding="utf-8")
            assert not hasattr(module, "check_edition") and "site.editions" not in source \
                and "packs_dir" not in source, module.NAME


def test_each_check_of_the_content_alone_is_run_by_one_process_only(tmp_path, built_minimal):
    """Claims: the first to ask takes a check; whoever asks next goes on to the following one."""
    from toolkit.build import Claims, PageChecks
    from toolkit.checks import DEFAULT_CHECKS, CheckOptions

    _project, result = built_minimal
    claims = Claims(tmp_path)
    assert claims("readability") and not claims("readability") and claims("help-routes")
    checks = PageChecks(tuple(module.__name__ for module in DEFAULT_CHECKS),
                        CheckOptions(today=result.built_site.options.today))
    (tmp_path / "build").mkdir()
    taken_first = checks.content(result.content, Claims(tmp_path / "build"))
    taken_second = checks.content(result.content, Claims(tmp_path / "build"))
    assert sorted(taken_first) == ["easy-read", "help-routes", "holiday-list", "module-structure", "number-sources",
                                   "placeholders", "readability", "registry-numbers", "review-dates", "translations"]
    assert taken_second == {}
    unclaimed = checks.content(result.content)
    assert {name: (found, reports) for name, (found, _seconds, reports) in taken_first.items()} == {
        name: (found, reports) for name, (found, _seconds, reports) in unclaimed.items()}
