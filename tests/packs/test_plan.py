"""What goes into each pack, planned from the real content; and the print style carries nothing by colour."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.conftest import ROOT
from toolkit.content import load_content
from toolkit.packs.document import ASSETS_DIR, pack_document
from toolkit.packs.plan import PACK_EDITIONS, plan_pack


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content")


def test_self_pack_has_the_safety_plan_coping_plan_and_risk_checklist(content):
    sheets = {sheet.id for sheet in plan_pack(content, "self").worksheets}
    assert {"personal-safety-plan", "coping-plan", "signs-im-at-risk"} <= sheets


@pytest.mark.parametrize("audience", list(PACK_EDITIONS))
def test_each_pack_has_its_audiences_modules_in_topic_order_and_only_its_editions(content, audience):
    plan = plan_pack(content, audience)
    assert plan.modules, f"no modules for {audience}"
    assert all(audience in module.audiences for module in plan.modules)
    if PACK_EDITIONS[audience] == "public":
        assert all(item.edition == "public" for item in [*plan.modules, *plan.worksheets, *plan.helplines])
    topics = [topic for topic, _ in plan.parts]
    assert topics == [t for t in ("recognising-risk", "coping-strategies", "where-to-get-help") if t in topics]


@pytest.mark.parametrize("audience", list(PACK_EDITIONS))
def test_each_pack_lists_every_service_its_modules_and_the_urgent_box_name(content, audience):
    plan = plan_pack(content, audience)
    listed = {helpline.id for helpline in plan.helplines}
    named = {h for route in content.site.urgent_help.routes for h in route.helplines
             if not route.audiences or audience in route.audiences}
    named |= {h for module in plan.modules for h in module.helplines}
    assert named <= listed


def test_urgent_lines_for_one_audience_are_in_its_pack_only(content):
    """The self pages' lines (might harm a child; under 18) print in the self pack's box, not the others'."""
    def pack_html(audience):
        return pack_document(plan_pack(content, audience), "standard", built=dt.date(2026, 12, 1),
                             base_config=ROOT / "mkdocs.yml").html

    lines = ("You feel you might harm a child right now", "You are under 18 and worried about your own thoughts")
    assert all(line in pack_html("self") for line in lines)
    for audience in ("family-friends", "parents-carers"):
        html = pack_html(audience)
        assert not any(line in html for line in lines), audience
        assert "A child is in danger right now" in html


@pytest.mark.parametrize("stylesheet", ["print.css", "large-print.css"])
def test_print_style_uses_only_black_white_and_greys(stylesheet):
    css = (ASSETS_DIR / stylesheet).read_text(encoding="utf-8")
    colours = re.findall(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", css)
    named = re.findall(r"\b(red|green|blue|orange|yellow|purple|rgb|hsl)\b", css)
    assert named == []
    for colour in colours:
        channels = [colour[i:i + 2] for i in (0, 2, 4)] if len(colour) == 6 else list(colour)
        assert len(set(channel.lower() for channel in channels)) == 1, f"#{colour} is not a grey"
