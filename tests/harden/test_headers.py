"""Header files for static hosts, written into each built edition from toolkit/harden/csp.py."""

from __future__ import annotations

from toolkit.harden.csp import all_headers, header_policy
from toolkit.harden.headers import apache_htaccess, netlify_headers, nginx_server


def test_netlify_headers_sets_every_header_for_every_path():
    text = netlify_headers({"Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"})
    assert text.splitlines()[1:] == [
        "/*",
        "  Referrer-Policy: no-referrer",
        "  X-Content-Type-Options: nosniff",
    ]


def test_htaccess_sets_headers_with_mod_headers():
    text = apache_htaccess({"Referrer-Policy": "no-referrer"})
    assert '  Header always set Referrer-Policy "no-referrer"' in text.splitlines()
    assert "<IfModule mod_headers.c>" in text


def test_nginx_example_keeps_no_access_log_and_protects_the_professional_edition():
    public = nginx_server("public", all_headers(), protected=False)
    professional = nginx_server("professional", all_headers(noindex=True), protected=True)
    assert "    access_log off;" in public.splitlines()
    assert (
        f'    add_header Content-Security-Policy "{header_policy()}" always;' in public.splitlines()
    )
    assert "auth_basic" not in public
    assert '    auth_basic "Professional edition";' in professional.splitlines()
    assert (
        '    add_header X-Robots-Tag "noindex, nofollow, noarchive" always;'
        in professional.splitlines()
    )


def test_build_writes_header_files_for_both_editions(built_minimal):
    project, _ = built_minimal
    site = project / "site"
    public = (site / "public" / "_headers").read_text(encoding="utf-8")
    assert f"  Content-Security-Policy: {header_policy()}" in public.splitlines()
    assert "frame-ancestors 'none'" in public
    assert "X-Robots-Tag" not in public
    assert (
        "  X-Robots-Tag: noindex, nofollow, noarchive"
        in (site / "professional" / "_headers").read_text(encoding="utf-8").splitlines()
    )
    for edition in ("public", "professional"):
        assert (site / edition / ".htaccess").is_file()
        assert (site / f"nginx-{edition}.conf").is_file()
