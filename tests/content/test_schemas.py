"""The published JSON Schemas come from the content model and agree with the loader."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import MINIMAL, ROOT
from toolkit.content.fields import validate
from toolkit.content.model import MODULE, WORKSHEET
from toolkit.content.schemas import schema_documents
from toolkit.content.variants import split_variant
from toolkit.content.yamlfile import load_yaml


def _json_ready(value):
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _schema(name: str) -> dict:
    return schema_documents()[f"{name}.schema.json"]


def test_committed_schemas_match_the_model():
    for name, document in schema_documents().items():
        committed = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
        assert committed == document, f"schemas/{name} is stale: run python -m toolkit schemas"


def _documents(content: Path):
    yield "site", content / "site.yml"
    yield "helplines", content / "helplines.yml"
    for path in sorted((content / "modules").glob("*/module.yml")):
        yield "module", path
    for path in sorted((content / "worksheets").glob("*.yml")):
        # A translation (coping-plan.pl.yml) has its own published schema.
        yield ("worksheet" if split_variant(path.name, ".yml") is None else "worksheet.translation"), path


@pytest.mark.parametrize("content", [MINIMAL, ROOT / "content"], ids=["fixture", "real-content"])
def test_content_files_validate_against_published_schemas(content):
    for name, path in _documents(content):
        data = _json_ready(yaml.safe_load(path.read_text(encoding="utf-8")))
        jsonschema.validate(data, _schema(name))


@pytest.mark.parametrize(
    ("definition", "name", "change"),
    [
        (MODULE, "module", {"titel": "typo"}),
        (MODULE, "module", {"topic": "coping"}),
        (MODULE, "module", {"audiences": []}),
        (MODULE, "module", {"review": {"owner": "x", "last_reviewed": "2026-11-01", "extra": 1}}),
        (WORKSHEET, "worksheet", {"sections": [{"heading": "x", "fields": [{"label": "q", "kind": "essay"}]}]}),
    ],
    ids=["unknown-field", "bad-topic", "empty-audiences", "unknown-nested-field", "bad-field-kind"],
)
def test_schema_and_loader_reject_the_same_mistakes(definition, name, change):
    source = MINIMAL / ("modules/first-steps/module.yml" if name == "module" else "worksheets/coping-plan.yml")
    data = {**yaml.safe_load(source.read_text(encoding="utf-8")), **change}
    text = yaml.safe_dump(_json_ready(data))
    parsed, positions, findings = load_yaml(text, "doc.yml")
    validate(definition, parsed, positions, findings)
    assert findings, "the loader accepted it"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_json_ready(data), _schema(name))
