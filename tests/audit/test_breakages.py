"""The promise audit's list stays usable: every promise has a breakage, every breakage still applies."""

from __future__ import annotations

import pytest

from tests.audit.breakages import BREAKAGES, PROMISES
from tests.conftest import ROOT


def test_every_promise_has_a_breakage_and_every_breakage_a_promise():
    assert sorted({b.promise for b in BREAKAGES}) == sorted(PROMISES)
    assert len({b.name for b in BREAKAGES}) == len(BREAKAGES)


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda b: b.name)
def test_each_breakage_applies_to_the_code_once_and_names_existing_tests(breakage):
    text = (ROOT / breakage.file).read_text(encoding="utf-8")
    assert text.count(breakage.old) == 1, f"{breakage.name}: the text to break is no longer in {breakage.file}"
    for test in breakage.tests:
        assert (ROOT / test.split("::")[0]).is_file(), test
