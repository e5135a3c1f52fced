"""Each server's own configuration check passes on the generated files, and tor accepts the torrc fragment."""

from __future__ import annotations

import subprocess

import pytest

from tests.hosting.harness import BINARIES, config_files, require, server_env

CHECKS = {
    "nginx": lambda main, run: [BINARIES["nginx"], "-t", "-c", str(main), "-p", str(run)],
    "apache": lambda main, run: [BINARIES["apache"], "-t", "-f", str(main)],
    "caddy": lambda main, run: [BINARIES["caddy"], "validate", "--config", str(main), "--adapter", "caddyfile"],
}
PASSED = {"nginx": "test is successful", "apache": "Syntax OK", "caddy": "Valid configuration"}


@pytest.mark.parametrize("server", sorted(CHECKS))
def test_server_accepts_the_generated_configuration(server, deployment):
    require(server)
    main, _, _, run = config_files(server, deployment)
    done = subprocess.run(CHECKS[server](main, run), capture_output=True, text=True, env=server_env(run), timeout=60)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert PASSED[server] in output


def test_tor_verifies_the_onion_torrc_without_network(deployment, tmp_path):
    require("tor")
    service = tmp_path / "hidden-service"
    service.mkdir(mode=0o700)
    torrc = (deployment.generated / "public" / "torrc").read_text(encoding="utf-8")
    assert "HiddenServicePort 80 127.0.0.1:8180" in torrc.splitlines()
    adapted = tmp_path / "torrc"
    adapted.write_text(torrc.replace("/var/lib/tor/toolkit-public/", f"{service}/"), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    done = subprocess.run([BINARIES["tor"], "--verify-config", "-f", str(adapted), "--DataDirectory", str(data),
                           "--SocksPort", "0", "--DisableNetwork", "1"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Configuration was valid" in done.stdout
