"""Where each value of a YAML file is: the same places before and after a validated file lets its marks go."""

from __future__ import annotations

import pickle

from toolkit.content.yamlfile import load_yaml

# Merged keys, a list, a key that is missing, and a line offset (as front matter after a first line has).
TEXT = """base: &base
  hours: 9
service:
  <<: *base
  name: Line
  phones:
    - number: '0808'
    - number: "116"
"""
PATHS = [("service", "phones", 1, "number"), ("service", "hours"), ("service", "name"), ("missing",),
         ("service", "phones", 0)]
# (line, column) of each value, and of its key, counted in the whole file (three lines come first).
EXPECTED = [((11, 15), (11, 7)), ((5, 10), (5, 3)), ((8, 9), (8, 3)), ((4, 1), (4, 1)), ((10, 7), (10, 7))]


def _places(positions) -> list:
    return [((positions.where(path)["line"], positions.where(path)["column"]),
             (positions.where_key(path)["line"], positions.where_key(path)["column"])) for path in PATHS]


def test_a_let_go_file_finds_the_same_places_again_from_its_text_and_across_a_pickle():
    data, positions, findings = load_yaml(TEXT, "x.yml", line_offset=3)
    assert findings == [] and data["service"] == {"hours": 9, "name": "Line",
                                                  "phones": [{"number": "0808"}, {"number": "116"}]}
    assert _places(positions) == EXPECTED
    positions.let_go(TEXT)
    sent = pickle.loads(pickle.dumps(positions))  # as a finding's record crosses to another process
    assert _places(positions) == EXPECTED
    assert _places(sent) == EXPECTED
    assert positions.where(("service", "name")) == {"file": "x.yml", "line": 8, "column": 9, "field": "service.name"}
