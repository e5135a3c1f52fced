"""The `_headers` file for static hosts and the server recipes, written by the build for each edition."""

from __future__ import annotations

from toolkit.deploy.policy import Recipe
from toolkit.harden.csp import header_policy
from toolkit.harden.headers import netlify_headers


def test_netlify_headers_sets_every_header_for_every_path_and_caches_content_named_files():
    text = netlify_headers(Recipe("public"), ["assets/toolkit.0123456789.css"])
    lines = text.splitlines()
    assert lines[1] == "/*"
    assert "  Strict-Transport-Security: max-age=31536000" in lines
    assert "  Referrer-Policy: no-referrer" in lines
    assert lines[-2:] == ["/assets/toolkit.0123456789.css", "  Cache-Control: max-age=31536000, immutable"]
    assert "Cache-Control" not in "\n".join(lines[:-1])  # both hosts join the values of every matching rule


def test_build_writes_header_files_and_recipes_for_both_editions(built_minimal):
    project, _ = built_minimal
    site = project / "site"
    public = (site / "public" / "_headers").read_text(encoding="utf-8")
    assert f"  Content-Security-Policy: {header_policy()}" in public.splitlines()
    assert "frame-ancestors 'none'" in public
    assert "X-Robots-Tag" not in public
    professional = (site / "professional" / "_headers").read_text(encoding="utf-8").splitlines()
    assert "  X-Robots-Tag: noindex, nofollow, noarchive" in professional
    assert "  Cache-Control: private, max-age=31536000, immutable" in professional
    css = sorted(p.name for p in (site / "public" / "assets").glob("toolkit.*.css"))
    assert len(css) == 1 and f"/assets/{css[0]}" in public.splitlines()
    assert sorted(p.name for p in (site / "deploy" / "public").iterdir()) == ["Caddyfile", "apache.conf", "nginx.conf",
                                                                             "torrc"]
    assert sorted(p.name for p in (site / "deploy" / "professional").iterdir()) == ["Caddyfile", "apache.conf",
                                                                                   "nginx.conf"]
    nginx = (site / "deploy" / "professional" / "nginx.conf").read_text(encoding="utf-8")
    assert "    auth_basic_user_file /etc/toolkit/professional.htpasswd;" in nginx.splitlines()
    assert "http2" not in nginx.replace("HTTP/2", "")
