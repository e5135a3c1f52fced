"""Editions built, and the heaviest check run, in parallel processes give exactly what a sequential build gives."""

from __future__ import annotations

from tests.conftest import build_project, copy_content
from tests.pipeline.test_output_guarantees import snapshot


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
    # edition-leakage ran in another process; its timing and the other checks' report tables came back.
    assert set(parallel.built_site.timings) == set(sequential.built_site.timings)
    assert parallel.built_site.reports == sequential.built_site.reports



def test_findings_of_checks_run_apart_keep_their_place(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    # module-structure has findings on the fixture (modules with nothing to read next, and so on).
    monkeypatch.setattr("toolkit.build.CHECKS_APART", ("module-structure", "edition-leakage"))
    sequential = build_project(copy_content(tmp_path / "a"), parallel_from=10_000)
    parallel = build_project(copy_content(tmp_path / "b"), parallel_from=0)
    assert [f.check for f in parallel.findings].count("module-structure") == 3
    assert [f.format() for f in parallel.findings] == [f.format() for f in sequential.findings]
