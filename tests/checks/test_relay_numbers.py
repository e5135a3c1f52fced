"""Relay UK numbers (18001 101): a relay prefix, then a number that is valid on its own."""

from __future__ import annotations

from tests.content.test_validation import edit
from toolkit.checks import BuiltSite, registry_numbers
from toolkit.content import load_content

RELAY = """      - number: "999"
        short: true
        cost: free
      - number: "18000"
        channel: relay
      - number: "18001 0808 1000 900"
        channel: relay
      - number: "18001 101"
        channel: relay
      - number: "18009 101"
        channel: relay
      - number: "18001 0808 1000"
        channel: relay
      - number: "18002"
        channel: relay
"""


def test_relay_numbers_are_a_prefix_and_a_valid_number(project):
    edit(project, "helplines.yml", '      - number: "999"\n        short: true\n        cost: free\n', RELAY)
    content = load_content(project / "content")
    assert [f.format() for f in content.findings] == []
    assert [f.format() for f in registry_numbers.check(BuiltSite(content, {}))] == [
        "content/helplines.yml:43:17: error: helplines[1].phones[4].number: relay number '18009 101' does not "
        "start with a Relay UK prefix (18000, 18001, 18002).\n    hint: Write it as the service publishes it, "
        "for example 18001 101.",
        "content/helplines.yml:45:17: error: helplines[1].phones[5].number: '08081000' after the relay prefix "
        "in '18001 0808 1000' is not a valid number.\n    hint: Check the number with the service.",
        "content/helplines.yml:47:17: error: helplines[1].phones[6].number: relay number '18002' has no number "
        "after 18002.\n    hint: Write the number the relay call reaches.",
    ]
