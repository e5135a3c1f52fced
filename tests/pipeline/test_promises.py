"""The README's headline promises, each pinned by a value written here and proven through a real build.

Nothing in this file reads the implementation's own constants: if a policy or the list of
checks changes, this file must be changed on purpose, by someone who reads the promise.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import (
    FIXTURES,
    ROOT,
    build_project,
    copy_content,
    show_professional_worksheet,
    write_tree,
)
from tests.promised import (
    BACKSTOP_CHECKS,
    OFFLINE_CHECKS,
    ONLINE_ONLY_CHECKS,
    PROMISED_HEADER_POLICY,
    PROMISED_HEADERS,
    PROMISED_META_POLICY,
    PROMISED_PERMISSIONS,
    permissions,
    policy_directives,
)
from toolkit.build import BuildOptions, build


def meta_policies(html: str) -> list[str]:
    return re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)


def header_values(text: str, name: str) -> list[str]:
    """Every value given to header `name` in a server configuration or _headers file."""
    pattern = rf'{re.escape(name)}(?::\s*|\s+"|\s+)([^"\n]+?)"?\s*(?:always)?;?\s*$'
    return [match.group(1).strip() for match in re.finditer(pattern, text, flags=re.MULTILINE)]


def header_files(site: Path) -> list[Path]:
    """Every file the build writes that sets HTTP headers (not the pages themselves)."""
    return sorted(path for path in site.rglob("*") if path.is_file() and path.suffix not in {".html", ".js", ".css"}
                  and "Content-Security-Policy" in path.read_text(encoding="utf-8", errors="replace"))


def test_every_page_and_header_file_carries_exactly_the_promised_policies(built_minimal):
    project, _ = built_minimal
    site = project / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        policies = meta_policies(page.read_text(encoding="utf-8"))
        assert len(policies) == 1, page
        assert policy_directives(policies[0].replace("&#x27;", "'").replace("&#39;", "'")) == PROMISED_META_POLICY, page

    files = header_files(site)
    names = {path.name for path in files}
    # Netlify/Cloudflare, nginx, Apache and Caddy, for both editions.
    assert {"_headers", "nginx.conf", "apache.conf", "Caddyfile"} <= names, names
    assert len(files) == 8, files
    for path in files:
        text = path.read_text(encoding="utf-8")
        csp = header_values(text, "Content-Security-Policy")
        assert csp, path
        for value in csp:
            assert policy_directives(value) == PROMISED_HEADER_POLICY, path
        for value in header_values(text, "Permissions-Policy"):
            assert permissions(value) == PROMISED_PERMISSIONS, path
        for name, promised in PROMISED_HEADERS.items():
            assert header_values(text, name) and set(header_values(text, name)) == {promised}, (path, name)


def plant_one_defect_per_check(project: Path) -> None:
    """Content that loads without error but that each offline check must stop."""
    body = project / "content/modules/first-steps/body.md"
    body.write_text(body.read_text(encoding="utf-8") + (
        '\n<p><img src="https://tracker.example/pixel.png" alt="a picture"></p>\n\n'   # off-origin
        '<p><a href="missing-page.html">gone</a></p>\n\n'                                # internal-links
        '<p><a href="http://plain.example/">plain</a></p>\n\n'                          # external-links
        '<p><button onclick="alert(1)">Press</button></p>\n\n'                          # inline-code
        "Samaritans listen at any time.\n"), encoding="utf-8")                          # help-routes: no card
    registry = project / "content/helplines.yml"
    text = registry.read_text(encoding="utf-8")
    # phone-numbers: a number that is not in the registry, in a registry description.
    text = text.replace("description: A confidential helpline for anyone",
                        "description: Call 0808 1000 955 any time. A confidential helpline for anyone")
    # registry-numbers and tel-links: the link dials another number than the one shown.
    text = text.replace('e164: "+448081000900"', 'e164: "+448081000901"')
    # holiday-list: a service closed on bank holidays, and no list of them.
    text = text.replace("      note: Fixture hours, not real.", "      bank_holidays: closed")
    registry.write_text(text, encoding="utf-8")
    # edition-leakage: a public module shows a professional-only worksheet.
    show_professional_worksheet(project)
    # readability, module-structure, placeholders, review-dates: the fixture's short modules, placeholder
    # publisher and registry entries reviewed long before `today` warn already.


def test_a_build_runs_every_promised_check(project):
    plant_one_defect_per_check(project)
    result = build(BuildOptions(root=project, packs=False), today=dt.date(2028, 1, 1))
    assert not result.ok
    assert not result.published
    assert {finding.check for finding in result.findings} == OFFLINE_CHECKS
    assert set(result.built_site.timings) >= BACKSTOP_CHECKS
    errors = {finding.check for finding in result.findings if finding.severity.value == "error"}
    assert errors == {"off-origin", "inline-code", "registry-numbers", "phone-numbers", "tel-links",
                      "internal-links", "external-links", "edition-leakage"}
    assert not (project / "site").exists()


def test_a_build_of_a_translated_site_finds_a_translation_its_source_left_behind(tmp_path):
    project = copy_content(tmp_path, FIXTURES / "sites/languages/content")
    body = project / "content/modules/talking-to-your-child/body.md"
    body.write_text(body.read_text(encoding="utf-8").replace("Keep it short and kind.", "Keep it short, calm and kind."),
                    encoding="utf-8")
    result = build(BuildOptions(root=project, packs=False), today=dt.date(2026, 12, 1))
    source = "content/modules/talking-to-your-child"
    assert (
        f"{source}/module.pl.yml:6:11: warning: translation.source: out of date: {source}/module.yml and "
        f"{source}/body.md changed since it was stamped on 2026-12-01 (source 9332e441f082, now dd65e9909472).\n"
        "    hint: Changed in the source:\n"
        "      - Keep it short and kind. See the [privacy page](page:privacy).\n"
        "      + Keep it short, calm and kind. See the [privacy page](page:privacy).\n"
        f"    Update the translation, then run `toolkit translations stamp {source}/module.pl.yml`. A release build "
        "(--release) refuses it."
    ) in [finding.format() for finding in result.findings if finding.check == "translations"]


def test_an_online_build_also_looks_for_each_number_on_the_services_page(project):
    """--online adds number-sources. Every web address points at a closed loopback port: no network."""
    for path in (project / "content").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"https://[^\s\"']+", "https://127.0.0.1:9/", text), encoding="utf-8")
    result = build(BuildOptions(root=project, packs=False, online=True), today=dt.date(2026, 12, 1))
    checks = {finding.check for finding in result.findings}
    assert checks >= ONLINE_ONLY_CHECKS
    corroboration = [f.message for f in result.findings if f.check == "number-sources"]
    assert "'0808 1000 900' could not be corroborated: https://127.0.0.1:9/ answered " in corroboration[0]


def test_a_number_typed_into_a_worksheet_is_caught_in_its_plain_text_copy_too(project):
    worksheet = project / "content/worksheets/coping-plan.yml"
    worksheet.write_text(worksheet.read_text(encoding="utf-8").replace(
        "intro: ", "intro: Ring 0808 1000 955 if you need to. ", 1), encoding="utf-8")
    result = build_project(project)
    assert not result.ok
    plain_text = [f.format() for f in result.findings if f.check == "phone-numbers" and f.page.endswith(".txt")]
    assert plain_text == [
        f"{edition}/worksheets/coping-plan.txt:4: error: '0808 1000 955' is not a number in the helpline "
        "registry. Did you mean '0808 1000 900' (stop-it-now)?\n    hint: Numbers come only from "
        "content/helplines.yml: add the service there and write {{ phone: helpline-id }}, or correct the number."
        for edition in ("public", "professional")]


def run_toolkit(project: Path, *args: str, code: str | None = None) -> subprocess.CompletedProcess:
    command = ["-c", code] if code else ["-m", "toolkit"]
    return subprocess.run([sys.executable, *command, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_exit_codes_of_the_build_command(project):
    ok = run_toolkit(project, "build", "--root", str(project), "--no-packs")
    assert ok.returncode == 0, ok.stderr
    body = project / "content/modules/first-steps/body.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nCall 0808 1000 901 now.\n", encoding="utf-8")
    bad = run_toolkit(project, "build", "--root", str(project), "--no-packs")
    assert bad.returncode == 1
    assert "content/modules/first-steps/body.md:" in bad.stderr
    usage = run_toolkit(project, "build", "--root", str(project), "--no-such-option")
    assert usage.returncode == 2
    for result in (ok, bad, usage):
        assert "Traceback" not in result.stdout + result.stderr


def test_an_internal_error_is_one_line_for_the_author_and_a_crash_file_for_a_maintainer(project):
    boom = ("import sys, toolkit.build, toolkit.cli\n"
            "def broken(*args, **kwargs):\n    raise ZeroDivisionError('planted')\n"
            "toolkit.build.build = broken\n"
            "sys.exit(toolkit.cli.main(sys.argv[1:]))\n")
    result = run_toolkit(project, "build", "--root", str(project), "--no-packs", code=boom)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    crash = project / "build" / "reports" / "crash.txt"
    assert f"Details for a maintainer were written to {crash}." in result.stderr
    assert "ZeroDivisionError: planted" in crash.read_text(encoding="utf-8")


@pytest.mark.slow
def test_two_processes_build_the_same_bytes_with_other_hash_seeds_and_a_later_clock(tmp_path):
    """Site, packs and zips: byte-identical across processes, hash seeds and wall-clock time."""
    from tests.conftest import copy_content

    outputs = []
    for seed in ("1", "2"):
        project = copy_content(tmp_path / f"seed{seed}")
        write_tree(project, {})
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1790000000", "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-m", "toolkit", "build", "--root", str(project)], cwd=ROOT,
                              capture_output=True, text=True, timeout=600, env=env)
        assert done.returncode == 0, done.stderr
        outputs.append(project)
        if seed == "1":
            # Zip entries keep time to 2 s: wait long enough that a wall-clock date would differ.
            import time

            time.sleep(2.5)
    first, second = (
        {str(path.relative_to(project)): path.read_bytes()
         for folder in ("site", "packs") for path in sorted((project / folder).rglob("*")) if path.is_file()}
        for project in outputs)
    assert any(name.endswith(".pdf") for name in first) and any(name.endswith(".zip") for name in first)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
