"""Start Debian's nginx, Apache and Caddy on loopback with the configurations the build wrote, and fetch from them.

Each server runs as the current user from its own folder under /tmp, never as
the system service. The generated files are changed only as
docs/deploying.md tells a deployer: the site folder, the certificate, the
password file, the log folder and the ports (here: free loopback ports), and
the Onion-Location line uncommented with an address.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

EDITIONS = ("public", "professional")
HOSTS = {"public": "example.org", "professional": "professionals.example.org"}
ONION = "toolkitmirrorexampleaddressxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.onion"
USER, PASSWORD = "alice", "correct horse battery staple"
SERVERS = ("nginx", "apache", "caddy")
BINARIES = {"nginx": "/usr/sbin/nginx", "apache": "/usr/sbin/apache2", "caddy": "/usr/bin/caddy",
            "tor": "/usr/bin/tor", "htpasswd": "/usr/bin/htpasswd", "openssl": "/usr/bin/openssl"}
APACHE_MODULES = ("mpm_event", "authz_core", "authz_host", "authn_core", "authn_file", "auth_basic", "authz_user",
                  "mime", "dir", "alias", "headers", "rewrite", "ssl", "socache_shmcb", "brotli", "deflate",
                  "filter", "setenvif")


def require(*names: str) -> None:
    """Fail (TOOLKIT_REQUIRE_SERVERS=1, as in CI) or skip when a server program is missing."""
    missing = [BINARIES[name] for name in names if not Path(BINARIES[name]).exists()]
    if not missing:
        return
    message = f"not installed: {', '.join(missing)} (apt-get install nginx libnginx-mod-http-brotli-static " \
              "apache2 apache2-utils caddy tor)"
    if os.environ.get("TOOLKIT_REQUIRE_SERVERS") == "1":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Deployment:
    """The built site copied where a deployer would put it (here a world-readable folder in /tmp)."""

    root: Path
    generated: Path  # site/deploy/ as the build wrote it

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def site(self, edition: str) -> Path:
        return self.root / "site" / edition

    def certificate(self, edition: str) -> tuple[Path, Path]:
        return self.root / "tls" / f"{edition}.crt", self.root / "tls" / f"{edition}.key"

    @property
    def password_file(self) -> Path:
        return self.root / "etc" / "professional.htpasswd"

    @property
    def caddy_users(self) -> Path:
        return self.root / "etc" / "professional.caddy-users"


def make_deployment(project: Path) -> Deployment:
    """Copy site/ to a fresh folder, make a self-signed certificate per host and the password files."""
    root = Path(subprocess.run(["mktemp", "-d", "/tmp/toolkit-hosting.XXXXXX"], capture_output=True, text=True,
                               check=True).stdout.strip())
    root.chmod(0o755)  # server workers may run as nobody when the tests run as root
    shutil.copytree(project / "site", root / "site", ignore=shutil.ignore_patterns("deploy"))
    deployment = Deployment(root, project / "site" / "deploy")
    for folder in ("tls", "etc", "logs", "run"):
        (root / folder).mkdir(mode=0o755)
    deployment.logs.chmod(0o777)
    for edition, host in HOSTS.items():
        cert, key = deployment.certificate(edition)
        subprocess.run([BINARIES["openssl"], "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-days", "2", "-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:{host}",
                        "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
        key.chmod(0o644)
    # As docs/deploying.md says: htpasswd -B for nginx and Apache, and Caddy's users file made from it.
    subprocess.run([BINARIES["htpasswd"], "-B", "-b", "-c", str(deployment.password_file), USER, PASSWORD],
                   check=True, capture_output=True)
    deployment.password_file.chmod(0o644)
    lines = deployment.password_file.read_text(encoding="utf-8").split()
    deployment.caddy_users.write_text("".join(line.replace(":", " ", 1) + "\n" for line in lines), encoding="utf-8")
    return deployment


@dataclass
class Ports:
    https: int = field(default_factory=free_port)
    http: int = field(default_factory=free_port)
    onion: int = field(default_factory=free_port)


def adapt(text: str, edition: str, deployment: Deployment, ports: Ports) -> str:
    """The generated file with the deployer's changes of docs/deploying.md, and nothing else."""
    cert, key = deployment.certificate(edition)
    changes = {
        f"/srv/toolkit/site/{edition}": str(deployment.site(edition)),
        f"/etc/ssl/toolkit/{edition}.crt": str(cert),
        f"/etc/ssl/toolkit/{edition}.key": str(key),
        "/etc/toolkit/professional.htpasswd": str(deployment.password_file),
        "/etc/toolkit/professional.caddy-users": str(deployment.caddy_users),
        "/var/log/toolkit": str(deployment.logs),
        "YOUR-ONION-ADDRESS.onion": ONION,
        # nginx
        "listen 443 ssl;": f"listen 127.0.0.1:{ports.https} ssl;",
        "listen [::]:443 ssl;": f"listen [::1]:{ports.https} ssl;",
        "listen 80;": f"listen 127.0.0.1:{ports.http};",
        "listen [::]:80;": f"listen [::1]:{ports.http};",
        # nginx, Apache and Caddy: the onion mirror's local port; Apache's virtual hosts
        "127.0.0.1:8180": f"127.0.0.1:{ports.onion}",
        "http://:8180": f"http://:{ports.onion}",
        "<VirtualHost *:443>": f"<VirtualHost 127.0.0.1:{ports.https}>",
        "<VirtualHost *:80>": f"<VirtualHost 127.0.0.1:{ports.http}>",
    }
    for old, new in changes.items():
        text = text.replace(old, new)
    # The Onion-Location option, uncommented as the docs say.
    return re.sub(r"^(\s*)# ((add_header|Header always set|header) Onion-Location)", r"\1\2", text, flags=re.M)


def _main_config(server: str, deployment: Deployment, ports: Ports, run: Path) -> tuple[Path, list[str]]:
    """The server's own main file (the part Debian ships), including both editions' generated files."""
    includes = []
    for edition in EDITIONS:
        name = {"nginx": "nginx.conf", "apache": "apache.conf", "caddy": "Caddyfile"}[server]
        generated = (deployment.generated / edition / name).read_text(encoding="utf-8")
        target = run / f"{edition}-{name}"
        target.write_text(adapt(generated, edition, deployment, ports), encoding="utf-8")
        includes.append(target)
    root_user = os.getuid() == 0
    if server == "nginx":
        main = run / "nginx-main.conf"
        main.write_text("\n".join([
            "load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;",
            "daemon off;", "worker_processes 1;", f"pid {run}/nginx.pid;", f"error_log {run}/nginx-main-error.log;",
            *(["user root;"] if root_user else []),
            "events { worker_connections 64; }",
            "http {", "    include /etc/nginx/mime.types;", "    default_type application/octet-stream;",
            f"    client_body_temp_path {run}/body;", f"    proxy_temp_path {run}/proxy;",
            f"    fastcgi_temp_path {run}/fastcgi;", f"    uwsgi_temp_path {run}/uwsgi;", f"    scgi_temp_path {run}/scgi;",
            *(f"    include {path};" for path in includes), "}",
        ]) + "\n", encoding="utf-8")
        return main, [BINARIES["nginx"], "-c", str(main), "-p", str(run)]
    if server == "apache":
        main = run / "apache2.conf"
        main.write_text("\n".join([
            f"ServerRoot {run}", f"DefaultRuntimeDir {run}", f"PidFile {run}/apache2.pid", f"Mutex file:{run} default",
            *(f"LoadModule {module}_module /usr/lib/apache2/modules/mod_{module}.so" for module in APACHE_MODULES),
            *(["User nobody", "Group nogroup"] if root_user else []),
            "TypesConfig /etc/mime.types", "ServerName 127.0.0.1", f"ErrorLog {run}/apache-main-error.log",
            f"Listen 127.0.0.1:{ports.https} https", f"Listen 127.0.0.1:{ports.http} http",
            f"SSLSessionCache shmcb:{run}/ssl_scache(512000)",
            *(f"Include {path}" for path in includes),
        ]) + "\n", encoding="utf-8")
        return main, [BINARIES["apache"], "-f", str(main), "-DFOREGROUND"]
    main = run / "Caddyfile"
    main.write_text("\n".join([
        "{", "    admin off", "    default_bind 127.0.0.1", f"    http_port {ports.http}", f"    https_port {ports.https}",
        f"    storage file_system {run}/caddy-data", "    log {", f"        output file {run}/caddy-main.log", "    }", "}",
        *(f"import {path}" for path in includes),
    ]) + "\n", encoding="utf-8")
    return main, [BINARIES["caddy"], "run", "--config", str(main), "--adapter", "caddyfile"]


@dataclass
class RunningServer:
    name: str
    ports: Ports
    process: subprocess.Popen
    run: Path
    main: Path
    command: list[str]


def server_env(run: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(run), "XDG_DATA_HOME": str(run / "data"), "XDG_CONFIG_HOME": str(run / "config"),
            "APACHE_RUN_DIR": str(run), "APACHE_LOG_DIR": str(run)}


def config_files(server: str, deployment: Deployment) -> tuple[Path, list[str], Ports, Path]:
    """Write the main file for a server in a fresh folder; returns (main file, command, ports, folder)."""
    run = deployment.root / "run" / server
    run.mkdir(parents=True, exist_ok=True)
    ports = Ports()
    main, command = _main_config(server, deployment, ports, run)
    return main, command, ports, run


def start(server: str, deployment: Deployment) -> RunningServer:
    """Start one server with both editions; wait until it answers on its HTTPS port."""
    main, command, ports, run = config_files(server, deployment)
    with (run / "stderr.log").open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=server_env(run), cwd=run)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{server} stopped: {(run / 'stderr.log').read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", ports.https), timeout=0.2).close()
            return RunningServer(server, ports, process, run, main, command)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError(f"{server} did not listen on {ports.https}: {(run / 'stderr.log').read_text(errors='replace')}")


def stop(server: RunningServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes
    repeated: list[str]  # header names sent more than once

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class Client:
    """Keep-alive HTTP(S) to one loopback port, with the host name a browser would send (SNI and Host)."""

    def __init__(self, port: int, host: str, *, tls: bool = True):
        self.port, self.host, self.tls = port, host, tls
        self.conn: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        if self.tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
            sock = context.wrap_socket(sock, server_hostname=self.host)
        conn.sock = sock
        return conn

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        for attempt in (1, 2):  # a server may close a kept-alive connection between requests
            if self.conn is None:
                self.conn = self._connect()
            try:
                self.conn.request("GET", path, headers={"Host": self.host, **(headers or {})})
                raw = self.conn.getresponse()
                body = raw.read()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                continue
            names = [name.lower() for name, _ in raw.getheaders()]
            merged: dict[str, str] = {}
            for name, value in raw.getheaders():
                merged[name.lower()] = f"{merged[name.lower()]}, {value}" if name.lower() in merged else value
            if raw.will_close:
                self.conn.close()
                self.conn = None
            return Response(raw.status, merged, body, sorted({n for n in names if names.count(n) > 1}))
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
