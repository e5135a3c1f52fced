"""One allow-list of URL schemes, in content (file and line) and in built pages; links that call or message a
number must dial a registry number. Messages word for word."""

from __future__ import annotations

from tests.checks.conftest import formatted, page
from tests.conftest import build_project
from tests.content.test_validation import edit, load, messages
from toolkit.checks import tel_links, url_schemes

SOURCE = {"modules/a.html": "content/modules/first-steps/body.md"}
HINT = ("    hint: Links may be https:// addresses, mailto: email links, or links to toolkit pages by id, such as "
        "[text](page:privacy); call and text links come from the registry: {{ phone: helpline-id }}.")
BUILT = " (in built page public/modules/a.html)"


def test_built_pages_with_schemes_outside_the_allow_list(site_in):
    site = site_in({"modules/a.html": page(
        '<a href="vbscript:msgbox(1)">a</a>\n<a href="data:text/html,x">b</a>\n<a href=" JaVa&#10;script:go()">c</a>\n'
        '<img src="file:///etc/passwd" alt="">\n<a href="//evil.example/">d</a>\n<a href="http://example.org/">e</a>\n'
        '<a href="https://example.org/">f</a>\n<a href="mailto:help@example.org">g</a>\n<a href="tel:999;phone-context=+44">999</a>\n'
        '<a href="../help.html#x">h</a>\n<a href="#top">i</a>\n<a href="callto:+448081000900">j</a>')}, sources=SOURCE)
    assert formatted(url_schemes.check(site)) == [
        "content/modules/first-steps/body.md: error: <a href>: '//evil.example/' leaves out the scheme, so it opens "
        "another site with whatever the page uses." + BUILT + "\n    hint: Write the full https:// address.",
        "content/modules/first-steps/body.md: error: <a href>: 'JaVascript:go()' uses the javascript: scheme, "
        "which the site does not allow." + BUILT + "\n" + HINT,
        "content/modules/first-steps/body.md: error: <a href>: 'callto:+448081000900' uses the callto: scheme, "
        "which the site does not allow." + BUILT + "\n" + HINT,
        "content/modules/first-steps/body.md: error: <a href>: 'data:text/html,x' uses the data: scheme, which the "
        "site does not allow." + BUILT + "\n" + HINT,
        "content/modules/first-steps/body.md: error: <a href>: 'vbscript:msgbox(1)' uses the vbscript: scheme, "
        "which the site does not allow." + BUILT + "\n" + HINT,
        "content/modules/first-steps/body.md: error: <img src>: 'file:///etc/passwd' uses the file: scheme, which "
        "the site does not allow." + BUILT + "\n" + HINT,
    ]


def test_links_that_call_or_message_a_number_are_matched_to_the_registry(site_in):
    site = site_in({"modules/a.html": page(
        '<a href="https://wa.me/448081000900">WhatsApp</a>\n<a href="https://wa.me/447700900123">a</a>\n'
        '<a href="https://api.whatsapp.com/send?phone=447700900124&text=hi">b</a>\n'
        '<a href="https://signal.me/#p/+447700900125">c</a>\n<a href="https://t.me/+447700900126">d</a>\n'
        '<a href="https://t.me/+AbCdEfGh">group invite, no number</a>\n<a href="facetime:+447700900127">e</a>\n'
        '<a href="skype:+448081000901?call">f</a>\n<a href="callto:08081000900">g</a>')}, sources=SOURCE)
    hint = "    hint: Write {{ phone: helpline-id }}: the build makes the link from content/helplines.yml."
    assert formatted(tel_links.check(site)) == [
        "content/modules/first-steps/body.md: error: 'facetime:+447700900127' (FaceTime) calls a number that is not "
        "in the helpline registry." + BUILT + "\n" + hint,
        "content/modules/first-steps/body.md: error: 'https://api.whatsapp.com/send?phone=447700900124&text=hi' "
        "(WhatsApp) messages a number that is not in the helpline registry." + BUILT + "\n" + hint,
        "content/modules/first-steps/body.md: error: 'https://signal.me/#p/+447700900125' (Signal) messages a number "
        "that is not in the helpline registry." + BUILT + "\n" + hint,
        "content/modules/first-steps/body.md: error: 'https://t.me/+447700900126' (Telegram) messages a number that "
        "is not in the helpline registry." + BUILT + "\n" + hint,
        "content/modules/first-steps/body.md: error: 'https://wa.me/447700900123' (WhatsApp) messages a number that "
        "is not in the helpline registry." + BUILT + "\n" + hint,
        "content/modules/first-steps/body.md: error: 'skype:+448081000901?call' (Skype) calls a number that is not "
        "in the helpline registry. Did you mean '0808 1000 900' (stop-it-now)?" + BUILT + "\n" + hint,
    ]


def test_a_registry_chat_link_to_an_unregistered_number_fails_the_build_at_the_registry(project):
    edit(project, "helplines.yml", "    website: https://www.stopitnow.org.uk/scotland",
         "    contacts:\n      - channel: chat\n        url: https://wa.me/447700900123\n"
         "    website: https://www.stopitnow.org.uk/scotland")
    result = build_project(project)
    assert not result.ok
    found = [f.format() for f in result.findings if f.check == tel_links.NAME]
    assert found == [
        "content/helplines.yml:14:14: error: 'https://wa.me/447700900123' (WhatsApp) messages a number that is "
        "not in the helpline registry. (on 7 built pages) (in built page public/help.html)\n"
        "    hint: Write {{ phone: helpline-id }}: the build makes the link from content/helplines.yml."]
    assert not (project / "site").exists()


def test_the_fixture_builds_with_no_scheme_outside_the_allow_list(built_minimal):
    project, result = built_minimal
    assert [f for f in result.findings if f.check == url_schemes.NAME] == []
    assert len(list((project / "site").rglob("*.html"))) > 20  # the pages the check read


def test_every_way_a_body_gives_an_address_is_checked_at_load_time(project):
    edit(project, "modules/first-steps/body.md", "Many people feel alone with this.", "\n".join([
        "[a](vbscript:msgbox(1)) [b](JaVa&#115;cript:alert(1)) <a href='file:///etc/passwd'>c</a>",
        "[d](http://example.org/x) [e](//evil.example/x) <ftp://x.example/y> `[code](javascript:x)`",
        "![pic](data:image/png;base64,AAAA) <img srcset=\"a.png 1x, javascript:x 2x\" alt=\"\">",
        "[w](https://wa.me/447700900123) [s](https://signal.me/#p/+447700900123) [m](sms:85258)",
        "", "[ref]: javascript:alert(2)", ""]))
    number_hint = ("    hint: Links that call or message a number come only from the helpline registry: add the "
                   "contact to content/helplines.yml and write {{ help-card: helpline-id }}.")
    body = "content/modules/first-steps/body.md"
    assert messages(load(project)) == [
        f"{body}:3:5: error: 'vbscript:msgbox(1)' uses the vbscript: scheme, which the site does not allow.\n" + HINT,
        f"{body}:3:29: error: 'JaVascript:alert(1)' uses the javascript: scheme, which the site does not allow.\n"
        + HINT,
        f"{body}:3:64: error: 'file:///etc/passwd' uses the file: scheme, which the site does not allow.\n" + HINT,
        f"{body}:4:31: error: '//evil.example/x' leaves out the scheme, so it opens another site with whatever the "
        "page uses.\n    hint: Write the full https:// address.",
        f"{body}:4:50: error: 'ftp://x.example/y' uses the ftp: scheme, which the site does not allow.\n" + HINT,
        f"{body}:5:8: error: 'data:image/png;base64,AAAA' uses the data: scheme, which the site does not allow.\n"
        + HINT,
        f"{body}:5:49: error: 'javascript:x' uses the javascript: scheme, which the site does not allow.\n" + HINT,
        f"{body}:6:5: error: a WhatsApp link that messages a number is typed into the text.\n" + number_hint,
        f"{body}:6:37: error: a Signal link that messages a number is typed into the text.\n" + number_hint,
        f"{body}:6:77: error: a 'sms:' link is typed into the text.\n"
        "    hint: Write {{ phone: helpline-id }}; the build makes the call link from the registry.",
        f"{body}:8:8: error: 'javascript:alert(2)' uses the javascript: scheme, which the site does not allow.\n"
        + HINT,
    ]


def test_registry_sources_use_the_same_allow_list(project):
    edit(project, "helplines.yml", "      method: Fixture", "      method: Fixture\n      source: vbscript:msgbox(1)")
    assert messages(load(project)) == [
        "content/helplines.yml:27:15: error: helplines[0].verification.source: 'vbscript:msgbox(1)' uses the "
        "vbscript: scheme, which the site does not allow.\n"
        "    hint: Give the https:// address of the page, or name the document."]


def test_scripts_check_finds_a_scheme_put_into_a_published_page(project):
    from toolkit.checks import CheckOptions
    from toolkit.checks.built_output import check_built_output

    assert build_project(project).ok
    page_file = project / "site/public/help.html"
    page_file.write_text(page_file.read_text(encoding="utf-8").replace(
        "</main>", '<a href="vbscript:msgbox(1)">x</a></main>'), encoding="utf-8")
    _, _, findings, _ = check_built_output(project, project / "site", CheckOptions())
    # The line depends on the theme's layout; the page, message and hint are the promise.
    assert [(f.page, f.message, f.hint) for f in findings if f.check == url_schemes.NAME] == [
        ("public/help.html", "<a href>: 'vbscript:msgbox(1)' uses the vbscript: scheme, which the site does not "
         "allow.", HINT.removeprefix("    hint: "))]


def test_an_http_source_is_refused_where_it_is_written(project):
    edit(project, "helplines.yml", "      method: Fixture", "      method: Fixture\n      source: http://example.org/hours")
    assert messages(load(project)) == [
        "content/helplines.yml:27:15: error: helplines[0].verification.source: 'http://example.org/hours' uses "
        "http://, which lets anyone on the network see and change what the reader gets.\n"
        "    hint: Use https://example.org/hours (check that it works)."]
