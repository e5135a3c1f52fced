"""The Content-Security-Policy and other security headers, in one place.

The policy allows nothing but the site's own files: no inline script or style,
no eval, no plugins, no frames, no form submissions. `data:` images are
allowed because Material's stylesheet draws its icons with data: SVG masks;
a data: URL is never a network request.
"""

from __future__ import annotations

POLICY = {
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
# Only honoured as an HTTP header, so it is not in the <meta> policy.
HEADER_ONLY = {"frame-ancestors": "'none'"}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        # Only features Chromium recognises: unknown ones print a console warning on every page.
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
        "gamepad", "geolocation", "gyroscope", "hid", "idle-detection", "interest-cohort", "local-fonts",
        "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
        "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
)

HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}


def meta_policy() -> str:
    """The policy for the <meta http-equiv> tag in every page."""
    return "; ".join(f"{name} {value}" for name, value in POLICY.items())


def header_policy() -> str:
    """The policy for an HTTP header: the meta policy plus header-only directives."""
    return "; ".join(f"{name} {value}" for name, value in {**POLICY, **HEADER_ONLY}.items())


def all_headers(*, noindex: bool = False) -> dict[str, str]:
    headers = {"Content-Security-Policy": header_policy(), **HEADERS}
    if noindex:
        headers["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    return headers
