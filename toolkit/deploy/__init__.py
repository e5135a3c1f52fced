"""Deploying a built site: server configurations, content-named assets, precompressed files, the onion mirror.

`write_recipes` writes `site/deploy/<edition>/` (nginx, Apache, Caddy and,
for the public edition, a torrc fragment); docs/deploying.md is the
deployer's guide to them.
"""

from __future__ import annotations

from pathlib import Path

from .apache import apache_config
from .caddy import caddy_config
from .nginx import nginx_config
from .onion import torrc_fragment
from .policy import Recipe

DEPLOY_DIR = "deploy"
RECIPES = {"nginx.conf": nginx_config, "apache.conf": apache_config, "Caddyfile": caddy_config}


def write_recipes(site_root: Path, edition: str) -> list[Path]:
    """Write one edition's server configurations to site_root/deploy/<edition>/."""
    recipe = Recipe(edition)
    folder = site_root / DEPLOY_DIR / edition
    folder.mkdir(parents=True, exist_ok=True)
    texts = {name: make(recipe) for name, make in RECIPES.items()}
    if recipe.onion:
        texts["torrc"] = torrc_fragment()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in texts]
