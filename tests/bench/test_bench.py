"""The benchmark's parts: synthetic content that passes the loader, honest measurements, target judging."""

from __future__ import annotations

import re
import sys

import pytest

from toolkit.bench.firstload import measure_first_load
from toolkit.bench.measure import run_measured
from toolkit.bench.synthetic import typical_module, write_content
from toolkit.bench.targets import TARGETS, judge, too_loaded
from toolkit.bench.vanilla import VANILLA_CONFIG, write_vanilla_project
from toolkit.compile.blocks import generated_block
from toolkit.content import load_content
from toolkit.findings import Severity


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = write_content(tmp_path_factory.mktemp("synthetic") / "content", 30)
    return folder, load_content(folder)


def test_synthetic_content_loads_without_errors(synthetic):
    _, content = synthetic
    assert [f.format() for f in content.findings if f.severity is Severity.ERROR] == []
    assert len(content.modules) == 30
    assert "need-a-pause" in content.modules
    assert sum(m.edition == "professional" for m in content.modules.values()) == 3


def test_synthetic_modules_are_realistic(synthetic):
    folder, content = synthetic
    for module in content.modules.values():
        body = module.body
        assert 580 <= len(body.split()) <= 800, module.id
        assert re.search(r"\{\{ phone: [a-z-]+ \}\}", body)
        assert re.search(r"\]\(module:[a-z-]+\)", body)
        assert re.search(r"\]\(https://", body)
        assert "{{ pause }}" in body
        assert not re.search(r"\d", body + module.title + module.summary), module.id
    assert typical_module(folder) in content.modules


def test_synthetic_content_is_the_same_every_time(tmp_path):
    first = write_content(tmp_path / "a", 5)
    second = write_content(tmp_path / "b", 5)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_further_reading_links_are_shared_out(tmp_path):
    urls = [f"http://127.0.1.1:9/page-{n}.html" for n in range(12)]
    folder = write_content(tmp_path / "content", 4, further_reading_urls=urls)
    bodies = "".join(p.read_text(encoding="utf-8") for p in folder.glob("modules/*/body.md"))
    assert all(bodies.count(f"({url})") == 1 for url in urls)


def test_vanilla_project_is_what_a_new_user_writes(tmp_path):
    docs = tmp_path / "docs"
    (docs / "modules").mkdir(parents=True)
    (docs / "modules" / "a.md").write_text(f"# A\n\n{generated_block('<p>Lead.</p>')}\n\nText.\n", encoding="utf-8")
    (docs / "logo.svg").write_bytes(b"<svg/>")
    config = write_vanilla_project(docs, tmp_path / "vanilla", 'The "toolkit"')
    assert config.read_text(encoding="utf-8") == 'site_name: "The \\"toolkit\\""\ntheme:\n  name: material\n'
    assert VANILLA_CONFIG.count("\n") == 3
    # The same Markdown, without the marks only our renderer reads (toolkit.compile.blocks); other files as they are.
    copied = tmp_path / "vanilla" / "docs"
    assert (copied / "modules" / "a.md").read_text(encoding="utf-8") == "# A\n\n<p>Lead.</p>\n\nText.\n"
    assert (copied / "logo.svg").read_bytes() == b"<svg/>"


def test_peak_memory_is_the_childs_own(tmp_path):
    run = run_measured([sys.executable, "-c", "x = bytearray(80 * 1024 * 1024); print('done')"], cwd=tmp_path)
    assert run.ok and run.output.strip() == "done"
    assert run.max_rss_bytes >= 80 * 1024 * 1024
    # On Linux a child's ru_maxrss includes its parent's resident size at fork time; the bench
    # (with a browser) and pytest are large parents, so a big one must not count.
    ballast = bytearray(150 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])
    small = run_measured([sys.executable, "-c", "pass"], cwd=tmp_path)
    assert small.max_rss_bytes < 60 * 1024 * 1024
    assert run_measured([sys.executable, "-c", "raise SystemExit(3)"], cwd=tmp_path).returncode == 3


@pytest.mark.browser
def test_first_load_counts_every_file_and_blocks_other_sites(tmp_path, browser):
    (tmp_path / "style.css").write_text("body { color: #111; }\n" * 50, encoding="utf-8")
    (tmp_path / "page.html").write_text(
        '<!doctype html><html><head><title>t</title><link rel="stylesheet" href="style.css">'
        '<link rel="stylesheet" href="https://fonts.example/font.css"></head><body><p>Hello</p></body></html>',
        encoding="utf-8")
    load = measure_first_load(browser, tmp_path, "page.html")
    assert sorted(f.path for f in load.fetched) == ["/page.html", "/style.css"]
    css = next(f for f in load.fetched if f.path == "/style.css")
    assert css.raw_bytes == 22 * 50
    assert css.gzip_bytes < css.raw_bytes / 10
    assert load.blocked == ["https://fonts.example/font.css"]


def _size(modules, **figures):
    base = {"modules": modules, "build_ratio": 0.4, "build_s": 10.0, "vanilla_build_s": 25.0, "cpu_ratio": 0.5,
            "first_load_ratio": 0.1, "first_load_gzip_bytes": 15000, "check_offline_s": 2.0, "preview_edit_s": 0.2,
            "rebuild_unchanged_s": 0.5, "peak_rss_ratio": 1.2, "peak_rss_mb": 96.0, "vanilla_peak_rss_mb": 80.0,
            "load_average_max": 0.5}
    return {**base, **figures}


LANGUAGES = {"build_s": 30.0, "build_s_ratio": 3.0, "peak_rss_mb": 200.0, "peak_rss_mb_ratio": 2.1,
             "first_load_gzip_bytes": 15900, "first_load_gzip_bytes_ratio": 1.06, "preview_edit_s": 2.3}


def test_targets_are_judged_from_one_report():
    report = {"cpus": 2,
              "sizes": [_size(20, first_load_ratio=0.34, build_ratio=1.2), _size(200),
                        _size(1000, build_ratio=0.58, first_load_gzip_bytes=18000, preview_edit_s=1.4,
                              rebuild_unchanged_s=None, languages=LANGUAGES)],
              "online": {"ours_s": 2.9, "ours_peak_per_host": 4, "per_host_limit": 4, "linkchecker_s": 50.0},
              "packs": {"skipped": "no content/"}}
    rows = judge(report)
    assert [row["target"] for row in rows] == list(TARGETS)
    assert [row["met"] for row in rows] == [False, True, False, None, True, False, False, False, True, True, True,
                                            False, True, True, True, True, True, None]
    assert rows[0]["figure"] == "1.20x (10.00 s against 25.00 s; processor time 0.50x)"
    assert rows[6]["figure"] == "2.30 s"
    assert rows[7]["figure"] == "14.6 KB at 20, 14.6 KB at 200, 17.6 KB at 1000"
    assert rows[11]["figure"] == "+6.0% (18000 -> 15900 bytes)"
    assert rows[14]["figure"] == "+20.0% (15000 -> 18000 bytes)"
    assert rows[17]["figure"] == "no content/"


def test_sizes_not_run_are_not_judged():
    rows = judge({"sizes": [_size(200)], "cpus": 2})
    assert [row["met"] for row in rows] == [None, True, None, None, True, None, None, True] + [None] * 10


def test_no_target_is_judged_when_the_machine_was_loaded():
    report = {"cpus": 2, "sizes": [_size(20, build_ratio=1.5), _size(200, load_average_max=2.4)]}
    assert too_loaded(report) == (
        "the machine's load average reached 2.4 during the run, above its 2 CPUs: other work was competing for "
        "the processors, so no target is judged. Run again on a quieter machine.")
    rows = judge(report)
    assert [row["met"] for row in rows] == [None] * len(TARGETS)
    assert rows[0]["unjudged_verdict"] is False and rows[1]["unjudged_verdict"] is True
    assert too_loaded({"cpus": 2, "sizes": [_size(20, load_average_max=2.0)]}) is None


def test_translated_tree_has_every_text_in_each_language_and_builds_clean(tmp_path):
    from toolkit.bench.synthetic import stamp_all

    folder = write_content(tmp_path / "content", 6, languages=("pl", "ar"))
    assert stamp_all(folder) == 2 * (6 + 3 + 3 + 6 + 1)  # modules, worksheets, pages, registry entries, site
    content = load_content(folder)
    assert [f.format() for f in content.findings if f.severity is not Severity.INFO] == []
    assert [language.tag for language in content.languages] == ["en-GB", "pl", "ar"]
    polish = (folder / "modules" / "need-a-pause" / "module.pl.yml").read_text(encoding="utf-8")
    assert polish.startswith("title: Ńęęd ą pąuśę?\n")
    arabic = (folder / "modules" / "need-a-pause" / "body.ar.md").read_text(encoding="utf-8")
    assert "{{ pause }}" in arabic and re.search(r"\{\{ phone: [a-z-]+ \}\}", arabic)
    assert not re.search(r"[a-z]{3}", re.sub(r"\{\{[^}]*\}\}|\]\([^)]*\)|https://\S+", "", arabic))


def test_an_earlier_runs_folder_is_set_aside_not_deleted_before_the_clean_builds(tmp_path):
    from toolkit.bench.run import set_aside

    work = tmp_path / "bench"
    assert set_aside(work) is None
    (work / "20" / "project").mkdir(parents=True)
    (work / "20" / "project" / "page.html").write_text("earlier", encoding="utf-8")
    aside = set_aside(work)
    assert not work.exists()
    assert aside.parent == tmp_path and aside.name.startswith("bench.earlier-")
    assert (aside / "20" / "project" / "page.html").read_text(encoding="utf-8") == "earlier"


def test_the_median_run_is_judged():
    from toolkit.bench.measure import Run, median_run

    runs = [Run(["x"], seconds, 1.0, 1, 0, "") for seconds in (3.0, 1.0, 2.0)]
    assert median_run(runs).seconds == 2.0
    assert median_run(runs[:2]).seconds == 1.0  # of two, the shorter
    assert median_run(runs[:1]).seconds == 3.0


def test_the_clean_builds_take_turns_and_report_the_median_runs_figures(tmp_path, monkeypatch):
    from toolkit.bench import run as bench_run
    from toolkit.bench.measure import Run

    order = []
    ours_walls, languages_walls, vanilla_walls = iter([5.0, 3.0, 4.0]), iter([9.0, 12.0, 10.0]), iter([2.0, 1.0, 3.0])

    def built_ok(project, root, what, attempt=0):
        three = "three languages" in what
        order.append(("languages" if three else "ours", attempt))
        wall = next(languages_walls if three else ours_walls)
        return Run(["ours"], wall, wall, 1, 0, ""), {"render": wall * 10}

    def build_vanilla(folder, site="site"):
        order.append(("vanilla", site))
        return Run(["vanilla"], next(vanilla_walls), 1.0, 1, 0, "")

    monkeypatch.setattr(bench_run, "make_project", lambda folder, root, modules, languages=(): folder / "project")
    monkeypatch.setattr(bench_run, "typical_module", lambda content: "some-module")
    monkeypatch.setattr(bench_run, "built_ok", built_ok)
    monkeypatch.setattr(bench_run, "write_vanilla_project", lambda docs, folder, name: order.append(("write",)))
    monkeypatch.setattr(bench_run, "build_vanilla", build_vanilla)
    monkeypatch.setattr(bench_run, "hugo_available", lambda: False)
    clean = bench_run.build_clean(1000, tmp_path, tmp_path, languages_too=True, repeat=3)
    assert order == [("ours", 0), ("write",), ("vanilla", "site"), ("languages", 0),
                     ("ours", 1), ("vanilla", "site-again-1"), ("languages", 1),
                     ("ours", 2), ("vanilla", "site-again-2"), ("languages", 2)]
    assert clean.ours.seconds == 4.0 and clean.timings == {"render": 40.0}
    assert clean.vanilla.seconds == 2.0
    _project, run, timings = clean.languages
    assert run.seconds == 10.0 and timings == {"render": 100.0}
    assert clean.walls == {"ours": [5.0, 3.0, 4.0], "vanilla": [2.0, 1.0, 3.0], "languages": [9.0, 12.0, 10.0]}


def test_the_offline_check_time_counts_the_content_checks_run_beside_the_smaller_edition():
    from toolkit.bench.run import offline_check_seconds

    timings = {"check": 0.07, "check-content:public": 0.65, "check:readability": 0.24, "render": 4.9,
               "precompress:public": 0.8}
    assert offline_check_seconds(timings) == pytest.approx(0.72)
    assert offline_check_seconds({"check": 0.9}) == pytest.approx(0.9)  # a build whose checks all ran at the end
