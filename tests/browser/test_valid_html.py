"""Issue 6 item 2: the Nu Html Checker (npm vnu-jar, run with the machine's Java) finds no error.

Every built page of both editions is checked in one run of the checker.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import ROOT, browser_required

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Messages the checker gives that are wrong for these pages: {start of message: why}. Empty: none needed.
FILTERED: dict[str, str] = {}


def test_every_page_is_valid_html(site):
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        message = f"the Nu Html Checker needs Java and {VNU.relative_to(ROOT)} (run npm ci)"
        if browser_required():
            pytest.fail(message)
        pytest.skip(message)
    pages = sorted(str(path) for path in site.folder.rglob("*.html"))
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [
        f"{m['url'].split('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if not any(m["message"].startswith(start) for start in FILTERED)
    ]
    assert errors == [], "\n".join(errors)
    assert len(pages) == len(list(site.every_page()))
