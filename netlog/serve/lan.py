"""``netlog serve --lan``: the address a phone opens, and its QR code (docs/commands.md).

:func:`lan_url` is ``http://<this machine's address>:<port>/?key=<key>``; :func:`qr_text` the
same URL as a QR code drawn with text for the terminal (segno, pure Python). The key itself is
checked by ``access.LanKeyRule``.
"""

from __future__ import annotations

import io
import socket


def machine_address(host: str) -> str:
    """The address other machines reach this one at: ``host`` itself unless it is a wildcard
    (``0.0.0.0``, ``::``), else the address of the interface with the default route (no packet
    is sent), else the host name."""
    if host not in ("0.0.0.0", "::", ""):
        return host
    family = socket.AF_INET6 if host == "::" else socket.AF_INET
    probe = "2001:db8::1" if family == socket.AF_INET6 else "192.0.2.1"  # documentation addresses
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.connect((probe, 9))
            return s.getsockname()[0]
    except OSError:
        return socket.gethostname()


def lan_url(host: str, port: int, key: str) -> str:
    """``http://<address>:<port>/?key=<key>`` (IPv6 addresses in brackets)."""
    address = machine_address(host)
    shown = f"[{address}]" if ":" in address else address
    return f"http://{shown}:{port}/?key={key}"


def qr_text(url: str) -> str:
    """``url`` as a QR code for a terminal (segno's terminal output, compact: two rows a line)."""
    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    return out.getvalue().rstrip("\n")
