"""Running the page: config and rules loaded up front, a socket bound, uvicorn serving it."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from pathlib import Path

import uvicorn

from lint.config import Config, discover_config, load_config_file
from lint.errors import ConfigError, UserError
from lint.serve.app import LOOPBACK_HOSTS, ServeSettings, create_app
from lint.serve.drafts import DraftLinter


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_config(config_file: Path | None) -> Config:
    """The config `contentlint check` would use for a file in the current folder."""
    if config_file is not None:
        config = load_config_file(config_file)
        if config is None:
            raise ConfigError(f"{config_file}: no [tool.contentlint] table")
        return config
    return discover_config(Path.cwd()) or Config(root=Path.cwd())


def listen(host: str, port: int) -> socket.socket:
    """A listening socket, so a taken port is a one-line error and port 0 picks a free one."""
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, protocol)
    except (OSError, UnicodeError) as error:
        raise UserError(f"cannot listen on {host}:{port}: {error}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        raise UserError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    return sock


def url_for(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def run(host: str, port: int, config_file: Path | None, max_request_bytes: int, echo: Callable[[str], None]) -> None:
    """Serve until interrupted; config, rule and socket problems raise UserError first."""
    config = server_config(config_file)
    drafts = DraftLinter(config)
    drafts.warm_up()
    loopback = is_loopback(host)
    if not loopback:
        echo(
            f"contentlint serve: warning: listening on {host}, not loopback: anyone who can reach this "
            "machine can use the page and send it drafts. Use --host 127.0.0.1 to keep it local."
        )
    sock = listen(host, port)
    settings = ServeSettings(config, max_request_bytes, LOOPBACK_HOSTS if loopback else ("*",))
    app = create_app(settings, drafts)
    echo(f"contentlint serve: {url_for(sock)} (config: {config.path or 'built-in defaults'}; Ctrl+C to stop)")
    # No access log: it would add nothing an editor needs, and drafts stay out of every log.
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, lifespan="off"))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
