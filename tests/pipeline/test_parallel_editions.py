"""Editions built in parallel processes give exactly what a sequential build gives."""

from __future__ import annotations

from tests.conftest import build_project, copy_content
from tests.pipeline.test_output_guarantees import snapshot


def test_parallel_build_is_byte_identical_to_sequential(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    sequential = build_project(copy_content(tmp_path / "a"))
    parallel = build_project(copy_content(tmp_path / "b"), parallel_editions_from=0)
    assert sequential.ok and parallel.ok
    assert snapshot(tmp_path / "a" / "project" / "site") == snapshot(tmp_path / "b" / "project" / "site")
    assert [f.format() for f in parallel.findings] == [f.format() for f in sequential.findings]
    assert list(parallel.compiled) == ["public", "professional"]
    assert parallel.compiled["professional"].edition.name == "professional"
    # Work in the other process is timed apart, so the plain keys still add up to the wall time.
    assert {"render", "render:professional", "editions-wait"} <= set(parallel.timings)
    assert "render:professional" not in sequential.timings
