"""Synthetic content trees for the benchmark: realistic, valid modules in any number.

Each module has about 600 words of plain prose in sections with question headings, a list,
a pause point, help references by id (`{{ phone: id }}`, `{{ help-card: id }}`), links to
other modules by id and links to other websites. The prose is made from sentence templates
and word lists, seeded, so a tree is the same on every run and its vocabulary is varied
enough to make a realistic search index. Nothing in it looks like a phone number: no text
has a digit in it.

With `languages`, every text is also translated (`write_translations`): a Polish and an Arabic
file beside each source, as content/ has them, made by swapping letters (Polish letters with
their diacritics, Arabic script), so each translation has its source's words, sentences and
markup, and the search index sees text to fold and a right-to-left script.
"""

from __future__ import annotations

import random
import re
import string
from pathlib import Path

import yaml

from ..content import load_content
from ..content.fields import ListOf, Object
from ..content.model import HELPLINE, MODULE, PAGE, PUBLIC_AUDIENCES, SITE, TOPICS, WORKSHEET
from ..translations.stamp import stamp

WORDS_PER_MODULE = 600
HELPLINE_IDS = ("stop-it-now", "samaritans", "nspcc-helpline", "childline", "police-non-emergency")

PERSON = ["a friend", "your partner", "a parent", "a teacher", "your doctor", "a support worker", "a neighbour",
          "an older relative", "a colleague", "a counsellor", "someone you trust", "a youth worker",
          "a health visitor", "a social worker", "your brother", "your sister", "a coach", "a faith leader"]
PLACE = ["at home", "at work", "in the park", "on the bus", "at school", "in a quiet room", "online",
         "at a family meal", "in the car", "at the shops", "in the garden", "at a club", "at the library"]
FEELING = ["worried", "ashamed", "confused", "angry", "lonely", "tired", "scared", "guilty", "restless",
           "numb", "hopeful", "relieved", "tense", "low", "anxious", "overwhelmed", "calm", "unsure"]
ACTIVITY = ["going for a walk", "calling a friend", "cooking a meal", "writing in a notebook", "taking a shower",
            "listening to music", "reading a book", "gardening", "stretching slowly", "making a hot drink",
            "tidying a drawer", "playing a game with adults", "riding a bike", "drawing", "baking bread",
            "doing the washing up", "watching the sky", "sorting old photos", "fixing something broken"]
TIME = ["late at night", "after a long day", "at the weekend", "first thing in the morning", "after a row",
        "when you are alone", "when you are bored", "after drinking", "during the holidays", "on payday",
        "when work is slow", "after bad news", "when you cannot sleep", "before a family visit"]
THING = ["a plan", "a list of people to call", "a short note", "a routine", "a safe place", "a clear rule",
         "a change of scene", "a simple goal", "a calm voice", "an honest answer", "a daily check",
         "a new habit", "a quiet signal", "a written promise", "a reminder on paper"]
SIGN = ["secrecy about devices", "sudden changes in mood", "spending more time alone with a child",
        "deleting browsing history often", "talking about children in a sexual way", "ignoring limits",
        "giving a child special gifts", "wanting to be alone with one child", "staying up late online",
        "drinking more than usual", "pulling away from friends", "breaking small promises"]

TEMPLATES = [
    "Many people feel {feeling} when they first notice {sign}.",
    "It can help to talk to {person} about how you feel.",
    "You might feel {feeling} {time}, and that is a common reaction.",
    "Try {activity} when the feeling starts to grow.",
    "Some people find that {thing} makes the next step easier.",
    "If you notice {sign}, write down what you saw and when.",
    "You do not have to sort this out on your own.",
    "Talking to {person} {place} can feel hard at first.",
    "A small change, such as {activity}, can break a pattern.",
    "Keep {thing} somewhere you can find it {time}.",
    "Think about who you could tell, such as {person}.",
    "Feeling {feeling} does not mean you have done something wrong.",
    "Notice where you are and who is with you {place}.",
    "It is normal to feel {feeling} and {feeling2} at the same time.",
    "Plan what you will do {time}, before it happens.",
    "Being {feeling} is a signal to slow down and take care.",
    "Ask {person} to check in with you {time}.",
    "If things feel too much, stop and try {activity}.",
    "Children are safest when adults around them speak up early.",
    "Write {thing} when you feel calm, so it is ready when you need it.",
    "Most worries get smaller once you say them out loud.",
    "You can change what you do, even if the thoughts come back.",
    "Look for {sign} over weeks, not just one day.",
    "Choose one thing you will do differently {time}.",
    "A good first step is {activity} and then making a call.",
    "Be kind to yourself while you learn what helps.",
    "It is fine to say that you are {feeling} and need support.",
    "If a child tells you something, listen and stay calm.",
    "Keep your own limits clear {place}.",
    "Help is there, and asking for it is a sign of strength.",
]
QUESTIONS = ["What is {topic}?", "Why does {topic} matter?", "What can I do about {topic}?",
             "How do I talk about {topic}?", "What happens next with {topic}?", "Who can help with {topic}?",
             "What if {topic} keeps coming back?", "How do I notice {topic}?"]
TOPIC_WORDS = ["urges", "worry", "shame", "secrecy", "online habits", "boundaries", "a safety plan", "stress",
               "sleep", "loneliness", "anger", "trust", "routines", "feelings", "change", "support",
               "family life", "screens", "privacy", "warning signs", "coping", "hard moments", "recovery"]
TITLE_VERBS = ["cope with", "talk about", "notice", "plan for", "get help with", "understand", "manage",
               "respond to", "prepare for", "step back from", "live with", "learn about"]
EXTERNAL = ["https://www.nhs.uk/mental-health/", "https://www.stopitnow.org.uk/", "https://www.nspcc.org.uk/",
            "https://www.gov.uk/report-child-abuse", "https://www.samaritans.org/", "https://www.childline.org.uk/",
            "https://www.mind.org.uk/information-support/", "https://www.parentclub.scot/"]
LINK_TEXT = ["read more on this", "see this guide", "advice from a trusted charity", "this page of help",
             "more about getting support"]

SITE_YML = """\
name: Synthetic toolkit
description: A benchmark toolkit of synthetic self-help modules.
language: en-GB
version: 0.1.0
organisation:
  name: Synthetic charity
  placeholder: false
quick_exit:
  label: Exit this page
  destination: https://www.bbc.co.uk/weather
urgent_help:
  title: Need help now?
  routes:
    - when: A child is in danger right now
      helplines: [emergency-services]
    - when: You, or someone else, may be about to harm themselves
      helplines: [samaritans, emergency-services]
audiences:
  self: {label: "I'm worried about my own thoughts or behaviour", short: About me, intro: Help is available.}
  family-friends: {label: "I'm worried about someone I know", short: Someone I know, intro: You can help.}
  parents-carers: {label: "I'm worried about a child's behaviour", short: "A child's behaviour", intro: Stay calm.}
  professionals: {label: I work with children or families, short: Professionals, intro: Guidance for your work.}
topics:
  recognising-risk: {label: Recognising risk, intro: Signs to notice.}
  coping-strategies: {label: Coping strategies, intro: Things to do today.}
  where-to-get-help: {label: Where to get help, intro: Who to contact.}
editions:
  public: {label: Public edition}
  professional: {label: Professional edition, banner: Professional edition. Please do not share these pages.}
"""

HELPLINES_YML = """\
helplines:
  - id: stop-it-now
    name: Stop It Now! helpline
    description: A confidential helpline for anyone worried about sexual thoughts or behaviour towards children.
    audiences: [self, family-friends, parents-carers, professionals]
    regions: [uk]
    phones: [{number: "0808 1000 900", e164: "+448081000900", cost: free}]
    website: https://www.stopitnow.org.uk/
    hours: {weekly: [{days: [mon, tue, wed, thu], opens: "09:00", closes: "21:00"}]}
    confidentiality: You do not have to give your name.
    verification: {status: verified, checked: 2026-11-01, method: benchmark data}
  - id: emergency-services
    name: Emergency services
    description: Call if a child is in danger right now.
    audiences: [self, family-friends, parents-carers, professionals]
    regions: [uk]
    emergency: true
    phones: [{number: "999", short: true, cost: free}]
    hours: {always: true}
    confidentiality: Emergency calls are not anonymous.
    verification: {status: verified, checked: 2026-11-01, method: benchmark data}
  - id: samaritans
    name: Samaritans
    description: Someone to talk to, at any time.
    audiences: [self, family-friends, parents-carers, professionals]
    regions: [uk]
    phones: [{number: "116 123", short: true, cost: free}]
    hours: {always: true}
    confidentiality: Ask the volunteer what they keep private.
    verification: {status: verified, checked: 2026-11-01, method: benchmark data}
  - id: nspcc-helpline
    name: NSPCC helpline
    description: Advice for adults worried about a child.
    audiences: [family-friends, parents-carers, professionals]
    regions: [uk]
    phones: [{number: "0808 800 5000", e164: "+448088005000", cost: free}]
    hours: {weekly: [{days: [mon, tue, wed, thu, fri], opens: "10:00", closes: "20:00"}]}
    confidentiality: You can stay anonymous.
    verification: {status: verified, checked: 2026-11-01, method: benchmark data}
  - id: childline
    name: Childline
    description: Free, private help for children and young people.
    audiences: [parents-carers, professionals]
    regions: [uk]
    phones: [{number: "0800 1111", e164: "+448001111", cost: free}]
    hours: {always: true}
    confidentiality: Childline keeps what you say private unless someone is in danger.
    verification: {status: verified, checked: 2026-11-01, method: benchmark data}
  - id: police-non-emergency
    name: Police non-emergency number
    description: Report a concern that is not an emergency.
    audiences: [self, family-friends, parents-carers, professionals]
    regions: [uk]
    phones: [{number: "101", short: true, cost: standard-rate}]
    hours: {always: true}
    confidentiality: Reports to the police are recorded.
    verification: {status: verified, checked: 2026-11-01, method: benchmark data}
"""

WORKSHEET_YML = """\
id: {id}
title: {title}
intro: Fill this in when you feel calm, so it is ready for a hard moment.
audiences: [self, family-friends, parents-carers]
sections:
  - heading: Warning signs
    fields:
      - label: What do I notice when things start to go wrong?
        lines: 3
      - label: Which of these apply to me?
        kind: checklist
        options: [I feel lonely, I stay up late online, I drink more]
  - heading: What helps
    fields:
      - label: People I can contact
        kind: list
        lines: 3
"""
WORKSHEETS = {"coping-plan": "My coping plan", "safety-plan": "My safety plan", "warning-signs": "My warning signs"}

PAGE_MD = """\
---
title: {title}
summary: {title} for this toolkit.
---
## What is this page for?

{text}
"""
PAGES = {"privacy": "Privacy and staying safe online", "start-here": "How to use this toolkit",
         "about": "About this toolkit"}


def module_id(index: int, rng: random.Random) -> str:
    """A readable, unique slug: two topic words and a letter code made from the index."""
    code, n = "", index
    while True:
        code = string.ascii_lowercase[n % 26] + code
        n = n // 26 - 1
        if n < 0:
            break
    verb = rng.choice(TITLE_VERBS).replace(" ", "-")
    topic = rng.choice(TOPIC_WORDS).replace(" ", "-")
    return f"{verb}-{topic}-{code}"


def _sentence(rng: random.Random) -> str:
    template = rng.choice(TEMPLATES)
    feeling, feeling2 = rng.sample(FEELING, 2)
    text = template.format(person=rng.choice(PERSON), place=rng.choice(PLACE), feeling=feeling,
                           feeling2=feeling2, activity=rng.choice(ACTIVITY), time=rng.choice(TIME),
                           thing=rng.choice(THING), sign=rng.choice(SIGN))
    return text[0].upper() + text[1:]


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def module_body(rng: random.Random, others: list[tuple[str, str]], helplines: list[str]) -> str:
    """About WORDS_PER_MODULE words: sections of paragraphs, a list, links, help references, a pause."""
    topics = rng.sample(TOPIC_WORDS, 6)
    parts: list[str] = []
    words = 0
    section = 0
    while words < WORDS_PER_MODULE:
        heading = rng.choice(QUESTIONS).format(topic=topics[section % len(topics)])
        if section >= len(topics):
            heading = heading[:-1] + " for you?"
        parts.append(f"## {heading[0].upper() + heading[1:]}")
        paragraph = _paragraph(rng, rng.randint(4, 6))
        if section == 0:
            paragraph += f" You can call {{{{ phone: {helplines[0]} }}}} to talk it through."
        if section == 1 and others:
            title, target = rng.choice(others)
            paragraph += f" Read [{title.rstrip('?')}](module:{target}) for more."
        if section == 2:
            paragraph += f" You can also [{rng.choice(LINK_TEXT)}]({rng.choice(EXTERNAL)})."
        parts.append(paragraph)
        if section == 1:
            parts.append("\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(3, 4))))
            parts.append("{{ pause }}")
        if section == 3 and len(helplines) > 1:
            parts.append(f"{{{{ help-card: {helplines[1]} }}}}")
        parts.append(_paragraph(rng, rng.randint(3, 5)))
        words = sum(len(part.split()) for part in parts)
        section += 1
    return "\n\n".join(parts) + "\n"


def module_yml(mid: str, title: str, rng: random.Random, *, professional: bool, linkable: list[str],
               helplines: list[str]) -> str:
    audiences = ["professionals"] if professional else rng.sample(PUBLIC_AUDIENCES, rng.randint(1, 2))
    read_next = [i for i in rng.sample(linkable, min(3, len(linkable))) if i != mid][:2]
    points = "\n".join(f"  - {_sentence(rng)}" for _ in range(3))
    return (f"id: {mid}\ntitle: \"{title}\"\nsummary: \"{_sentence(rng)}\"\n"
            f"topic: {rng.choice(TOPICS)}\naudiences: [{', '.join(audiences)}]\n"
            f"edition: {'professional' if professional else 'public'}\n"
            f"key_points:\n{points}\nhelplines: [{', '.join(helplines)}]\n"
            f"worksheets: [{rng.choice(list(WORKSHEETS))}]\nread_next: [{', '.join(read_next)}]\n"
            "review:\n  owner: Practice lead\n  last_reviewed: 2026-11-01\n  next_review: 2027-05-01\n")


def further_reading(urls: list[str]) -> str:
    """A section listing other websites, for the online link-check benchmark."""
    items = "\n".join(f"- [{_link_text(i)}]({url})" for i, url in enumerate(urls))
    return f"\n## Where can I read more?\n\n{items}\n"


def _link_text(index: int) -> str:
    """Distinct link text (the same text for two addresses would confuse a screen reader user)."""
    return f"{LINK_TEXT[index % len(LINK_TEXT)].capitalize()}, part {string.ascii_lowercase[index % 26]}"


def write_content(folder: Path, modules: int, *, seed: int = 8, further_reading_urls: list[str] = (),
                  languages: tuple[str, ...] = ()) -> Path:
    """Write a complete content tree with `modules` modules under `folder`; returns `folder`.

    `further_reading_urls` are shared out among the modules as lists of links to other websites.
    `languages` (tags of TRANSLATED) are published beside en-GB, with every text translated."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.yml").write_text(SITE_YML + _languages_block(languages), encoding="utf-8")
    (folder / "helplines.yml").write_text(HELPLINES_YML, encoding="utf-8")
    for sheet_id, title in WORKSHEETS.items():
        path = folder / "worksheets" / f"{sheet_id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(WORKSHEET_YML.format(id=sheet_id, title=title), encoding="utf-8")
    for page_id, title in PAGES.items():
        path = folder / "pages" / f"{page_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE_MD.format(title=title, text=_paragraph(rng, 5)), encoding="utf-8")
    # Every pause point links to the grounding module "need-a-pause", as in a real toolkit.
    ids = ["need-a-pause"] + [module_id(i, rng) for i in range(1, modules)]
    titles = {"need-a-pause": "Need a pause?"}
    for mid in ids[1:]:
        verb, topic = rng.choice(TITLE_VERBS), rng.choice(TOPIC_WORDS)
        titles[mid] = f"How can I {verb} {topic} ({mid.rsplit('-', 1)[1]})?"
    # About one module in ten is professional-only; public modules link only to public ones.
    professional = {mid: index % 10 == 9 for index, mid in enumerate(ids)}
    public_ids = [mid for mid in ids if not professional[mid]]
    for mid in ids:
        linkable = ids if professional[mid] else public_ids
        helplines = rng.sample(HELPLINE_IDS, 2)
        others = [(titles[o], o) for o in rng.sample(linkable, min(4, len(linkable))) if o != mid]
        module_dir = folder / "modules" / mid
        module_dir.mkdir(parents=True, exist_ok=True)
        meta = module_yml(mid, titles[mid], rng, professional=professional[mid], linkable=linkable,
                          helplines=helplines)
        (module_dir / "module.yml").write_text(meta, encoding="utf-8")
        body = module_body(rng, others, helplines)
        share = further_reading_urls[ids.index(mid)::len(ids)]
        if share:
            body += further_reading(list(share))
        (module_dir / "body.md").write_text(body, encoding="utf-8")
    for tag in languages:
        write_translations(folder, tag)
    return folder


_ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنه"  # 26 letters, one for each of a to z
# Each translation language: its own name, direction, and the letters that stand in for English ones.
TRANSLATED = {
    "pl": ("Polski", "ltr", str.maketrans("acelnoszACELNOSZ", "ąćęłńóśżĄĆĘŁŃÓŚŻ")),
    "ar": ("العربية", "rtl", str.maketrans(string.ascii_lowercase + string.ascii_uppercase + "?,", _ARABIC * 2 + "؟،")),
}
# What a translator leaves as written: shortcodes, link targets and web addresses.
_KEPT = re.compile(r"\{\{[^}]*\}\}|\]\([^)]*\)|https://\S+")
# A reviewed translation, so pages carry no draft notice (as on a site a charity publishes).
TRANSLATION_BLOCK = {"status": "reviewed", "translator": "Benchmark translator", "reviewed_by": "Benchmark reviewer",
                     "date": "2026-11-01"}


def _languages_block(tags: tuple[str, ...]) -> str:
    if not tags:
        return ""
    rows = [("en-GB", "English", "ltr")] + [(tag, *TRANSLATED[tag][:2]) for tag in tags]
    return "languages:\n" + "".join(f"  - {{tag: {tag}, name: {name}, dir: {way}}}\n" for tag, name, way in rows)


def translate(text: str, tag: str) -> str:
    """`text` in the stand-in script of `tag`, with shortcodes, link targets and addresses as they were."""
    table = TRANSLATED[tag][2]
    kept = [match.span() for match in _KEPT.finditer(text)]
    parts, at = [], 0
    for start, end in kept:
        parts += [text[at:start].translate(table), text[start:end]]
        at = end
    return "".join(parts + [text[at:].translate(table)])


def _human(shape, value, tag: str):
    """The human text of `value` (parsed YAML of a source) in the shape of `shape`, translated."""
    if isinstance(shape, Object):
        return {name: _human(part, value[name], tag) for name, part in shape.fields.items()
                if isinstance(value, dict) and name in value}
    if isinstance(shape, ListOf):
        return [_human(shape.item, item, tag) for item in value]
    return translate(value, tag) if isinstance(value, str) else value


def _translation(definition: Object, data: dict, tag: str) -> dict:
    return {**_human(definition.human_part(), data, tag), "translation": dict(TRANSLATION_BLOCK)}


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_translations(folder: Path, tag: str) -> None:
    """A translation into `tag` of every source file under `folder`, beside it (unstamped: see `stamp_all`)."""
    for source, definition in [(folder / "site.yml", SITE), *((p, WORKSHEET) for p in (folder / "worksheets").glob("*.yml")
                                                               if p.name.count(".") == 1),
                               *((p, MODULE) for p in (folder / "modules").glob("*/module.yml"))]:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        source.with_name(f"{source.stem}.{tag}.yml").write_text(_dump(_translation(definition, data, tag)),
                                                               encoding="utf-8")
    for body in (folder / "modules").glob("*/body.md"):
        body.with_name(f"body.{tag}.md").write_text(translate(body.read_text(encoding="utf-8"), tag), encoding="utf-8")
    registry = yaml.safe_load((folder / "helplines.yml").read_text(encoding="utf-8"))["helplines"]
    entries = {entry["id"]: _translation(HELPLINE, entry, tag) for entry in registry}
    (folder / f"helplines.{tag}.yml").write_text(_dump({"helplines": entries}), encoding="utf-8")
    for page in (folder / "pages").glob("*.md"):
        if page.name.count(".") > 1:
            continue
        _, front, body = page.read_text(encoding="utf-8").split("---\n", 2)
        matter = _dump(_translation(PAGE, yaml.safe_load(front), tag))
        page.with_name(f"{page.stem}.{tag}.md").write_text(f"---\n{matter}---\n{translate(body, tag)}", encoding="utf-8")


def stamp_all(folder: Path) -> int:
    """Stamp every translation under `folder` with its source's hash (`toolkit translations stamp`); how many."""
    return len(stamp(load_content(folder)))


def typical_module(folder: Path) -> str:
    """Id of the public module in the middle of the tree: the page whose load is measured."""
    ids = sorted(p.name for p in (folder / "modules").iterdir())
    public = [i for i in ids if "edition: public" in (folder / "modules" / i / "module.yml").read_text("utf-8")]
    return public[len(public) // 2]
