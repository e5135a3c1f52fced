"""What the checks read from a built page."""

from __future__ import annotations

from toolkit.pagescan import read_page


def test_a_page_without_a_charset_is_read_as_utf8():
    scan = read_page("<html><body><p>Don’t wait: café hours</p></body></html>".encode())
    assert "Don’t wait: café hours" in scan.text


def test_empty_page_reads_as_nothing():
    assert read_page(b"  \n").links == [] and read_page(b"").text == ""


def test_visible_text_and_attribute_texts_are_kept_apart():
    scan = read_page(b'<html><head><meta name="description" content="About us"></head>'
                     b'<body><p>Hello</p><img src="a.png" alt="A drawing"></body></html>')
    assert scan.text == "Hello"
    assert scan.attribute_texts == ["About us", "A drawing"]
    assert scan.heard() == "Hello\nAbout us\nA drawing"


def test_every_address_attribute_is_a_link():
    scan = read_page(b'<html><body><blockquote cite="q.html">q</blockquote><button formaction="f.html">b</button>'
                     b'<svg><use xlink:href="s.svg#i"></use></svg><img src="a.png" srcset="b.png 2x" alt="">'
                     b'<a href="tel:08001111" rel="external">0800 1111</a></body></html>')
    assert [(link.tag, link.attribute, link.url) for link in scan.links] == [
        ("blockquote", "cite", "q.html"), ("button", "formaction", "f.html"), ("use", "xlink:href", "s.svg#i"),
        ("img", "src", "a.png"), ("img", "srcset", "b.png"), ("a", "href", "tel:08001111")]
    assert scan.links[-1].text == "0800 1111" and scan.links[-1].rel == "external"
