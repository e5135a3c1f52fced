"""Tools for translations: freshness, stamping, status for commissioning, hand-off to translators."""
