"""What the README promises, written out by hand: the values tests compare the output with.

Never import these from the toolkit: a test that compares the output with the implementation's
own constant passes whatever the implementation does. Change a value here only when the promise
in the README changes.
"""

from __future__ import annotations

# The README's privacy promise: nothing but the site's own files; no inline code, no eval,
# no plugins, no frames, no form submissions; data: images only (Material's icon masks).
PROMISED_META_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "media-src": "'self'",
    "object-src": "'none'",
    "frame-src": "'none'",
    "worker-src": "'none'",
    "manifest-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'none'",
}
# Only honoured as a header.
PROMISED_HEADER_POLICY = {**PROMISED_META_POLICY, "frame-ancestors": "'none'"}
PROMISED_PERMISSIONS = {
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
    "gamepad", "geolocation", "gyroscope", "hid", "idle-detection", "interest-cohort", "local-fonts",
    "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
}
PROMISED_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

# The checks of the README's table that the minimal fixture, with one defect planted for each, sets off
# offline, by the name their findings carry. The table's other checks: number-sources runs only online,
# url-schemes is a backstop (below), translations needs a translated site (its own promise test) and
# easy-read a site with easy read versions (tests/easy_read/test_easy_read.py, each rule word for word).
OFFLINE_CHECKS = {
    "off-origin", "inline-code", "readability", "module-structure", "placeholders", "registry-numbers",
    "phone-numbers", "tel-links", "internal-links", "external-links", "review-dates", "edition-leakage",
    "help-routes", "holiday-list",
}
ONLINE_ONLY_CHECKS = {"number-sources"}
# Checks that content which loads cannot set off, because the loader refuses the same things first
# (with file and line); a build still runs them over its output, as a backstop for the theme and templates.
BACKSTOP_CHECKS = {"url-schemes"}


def policy_directives(value: str) -> dict[str, str]:
    """'a b; c d' -> {'a': 'b', 'c': 'd'}, failing on a directive given twice."""
    directives: dict[str, str] = {}
    for part in value.split(";"):
        name, _, rest = part.strip().partition(" ")
        if not name:
            continue
        assert name not in directives, f"{name} given twice in {value!r}"
        directives[name] = rest.strip()
    return directives


def permissions(value: str) -> set[str]:
    features = set()
    for part in value.split(","):
        feature, _, allow = part.strip().partition("=")
        assert allow == "()", f"{feature} is allowed for {allow!r}, not denied"
        features.add(feature)
    return features
