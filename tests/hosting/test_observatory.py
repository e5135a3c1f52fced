"""The MDN HTTP Observatory's grader gives A+ to what each real server sent for both editions.

Its scanner cannot be used (it fetches the site itself, refuses loopback, and its
install step downloads the HSTS preload list), so tests/hosting/observatory.mjs
feeds its tests and grader the responses the hosting crawl collected. The
preload list is empty (scripts/test writes `{}`), so no result depends on a
download: this host's HSTS header is graded as sent.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.hosting.harness import HOSTS
from tests.hosting.test_servers import _decoded

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory"


def grade(host: str, https, http) -> dict:
    payload = {"host": host, "https": {"status": https.status, "headers": https.headers},
               "http": {"status": http.status, "headers": http.headers},
               "html": _decoded(https).decode("utf-8")}
    done = subprocess.run(["node", str(Path(__file__).with_name("observatory.mjs"))], input=json.dumps(payload),
                          capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("edition", sorted(HOSTS))
def test_observatory_grade_is_a_plus(served, edition):
    if shutil.which("node") is None or not (PACKAGE / "conf" / "hsts-preload.json").is_file():
        pytest.fail("the Observatory needs node and `npm ci --ignore-scripts` with an empty preload list (scripts/test)")
    result = grade(HOSTS[edition], served.special[(edition, "root")], served.special[(edition, "port 80")])
    failed = {name: test["result"] for name, test in result["tests"].items() if test["scoreModifier"] < 0}
    assert failed == {}
    assert result["tests"]["strict-transport-security"]["result"] == "hsts-implemented-max-age-at-least-six-months"
    assert result["tests"]["redirection"]["result"] == "redirection-to-https"
    assert result["grade"] == "A+", result
    assert result["score"] >= 100
