"""Where ``netlog serve`` listens and whom it answers (docs/commands.md).

- :func:`parse_dev_addr` reads ``--dev-addr`` (``HOST:PORT``, ``[::1]:8000``).
- :func:`is_loopback` says whether an address is this machine only. It is
  asked about the address the socket is really bound to, so every spelling of
  loopback (``127.1``, ``0x7f.1``, ``2130706433``, ``::ffff:127.0.0.1``,
  ``localhost``) keeps the checks below.
- :class:`Request` is what a rule sees of one HTTP request, GET or POST.
- An *access rule* is any object with ``check(request) -> Refusal | None``;
  the server consults its rule for every request before anything else, the
  live-reload long-poll and POST actions included. :class:`LoopbackRule` is
  the first one: a preview bound to loopback answers only requests whose
  ``Host`` is its own address or ``localhost`` (a page elsewhere cannot reach
  it through DNS rebinding) and whose ``Origin``, when a browser sends one,
  is that same address (``null`` included: refused). :class:`AllOf`
  composes rules, so the per-run secret of the preview's actions (a rule
  that reads the form body: POSTs are checked again once it is read) and the
  ``--lan`` key and cookie (a :class:`Refusal` can redirect and set a cookie)
  are further rules added beside it.
"""

from __future__ import annotations

import errno
import hmac
import ipaddress
import socket
import urllib.parse
from dataclasses import dataclass, field
from typing import Protocol

LOOPBACK_NAMES = ("localhost",)


# --------------------------------------------------------------------------- addresses


class AddressError(ValueError):
    """A ``--dev-addr`` that is not ``HOST:PORT`` with a port from 1 to 65535."""


def parse_dev_addr(value: str) -> tuple[str, int]:
    """``"HOST:PORT"`` (``"[::1]:8000"`` for IPv6) -> (host, port); AddressError when malformed."""
    host, sep, port_text = value.rpartition(":")
    if not sep or not host or not port_text.isdigit():
        raise AddressError(f"{value!r} is not HOST:PORT, e.g. 127.0.0.1:8000")
    port = int(port_text)
    if not 1 <= port <= 65535:
        raise AddressError(f"port {port} is out of range (1 to 65535)")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host, port


def is_loopback(host: str) -> bool:
    """True when ``host`` (a name or an address in any spelling the socket layer accepts,
    such as ``127.1`` or ``::ffff:127.0.0.1``) is this machine only."""
    if host.lower().rstrip(".") in LOOPBACK_NAMES:
        return True
    address = _address(host)
    if address is None:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """``host`` as an IP address, read as the socket layer reads it (``127.1`` is 127.0.0.1)."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:  # the BSD spellings inet_aton accepts: 127.1, 0x7f.0.0.1, 2130706433
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):
        return None


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The ``Host`` header values a preview bound to (host, port) answers; None: any.

    A loopback address answers only its own address (as given and in its
    usual spelling) and ``localhost``; an address the user chose to share on
    answers any name.
    """
    if not is_loopback(host):
        return None
    names = {host, "localhost", "127.0.0.1", "[::1]"}
    address = _address(host)
    if address is not None:
        names.add(f"[{address}]" if address.version == 6 else str(address))
    if ":" in host:
        names.add(f"[{host}]")
    return frozenset({n.lower() for n in names} | {f"{n}:{port}".lower() for n in names})


def address_message(host: str, port: int, e: OSError) -> str:
    """``cannot serve on HOST:PORT: reason`` for an address that cannot be bound."""
    shown = f"[{host}]" if ":" in host else host
    if isinstance(e, socket.gaierror):
        reason = "unknown host"
    elif e.errno == errno.EADDRINUSE:
        reason = "address already in use"
    elif e.errno == errno.EADDRNOTAVAIL:
        reason = "address not available on this machine"
    elif e.errno == errno.EACCES:
        reason = "permission denied"
    else:
        reason = (e.strerror or str(e)).lower()
    return f"cannot serve on {shown}:{port}: {reason}"


# --------------------------------------------------------------------------- requests and rules


@dataclass(frozen=True, slots=True)
class Request:
    """One HTTP request as the access rules and POST handlers see it.

    ``path`` is the URL path (decoded, without the query); ``host`` and
    ``origin`` the headers (``""`` when absent; ``origin`` is ``None`` when
    the browser sent none); ``headers`` every header by lower-case name;
    ``body`` the request body (POST only, at most the server's limit).
    """

    method: str
    path: str
    host: str = ""
    origin: str | None = None
    query: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @classmethod
    def from_environ(cls, environ: dict, body: bytes = b"") -> Request:
        """The request of a WSGI ``environ`` (header names as WSGI gives them: ``HTTP_X_Y``)."""
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        if environ.get("CONTENT_LENGTH"):
            headers["content-length"] = environ["CONTENT_LENGTH"]
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "ignore")
        return cls(method=environ.get("REQUEST_METHOD", "GET").upper(), path=path,
                   host=headers.get("host", ""), origin=headers.get("origin"),
                   query=environ.get("QUERY_STRING", ""), headers=headers, body=body)


@dataclass(frozen=True, slots=True)
class Refusal:
    """What the server answers instead: the HTTP status (403, 413, or 303 for a redirect), a
    one-line reason (the plain-text body), and headers to send with it (``Location``,
    ``Set-Cookie``: the ``--lan`` key turned into a cookie is a Refusal with both)."""

    status: int
    reason: str
    headers: tuple[tuple[str, str], ...] = ()


class AccessRule(Protocol):
    """What the server asks about every request before answering it.

    ``check`` is called once for every request before anything else is read or answered, and
    for a POST to an action once more with its body read (``request.body``), so a rule can
    check a form field such as the run's secret; a request a rule refuses is never answered
    otherwise and runs no action.
    """

    def check(self, request: Request) -> Refusal | None:
        """None to let ``request`` through, else the Refusal the server answers with."""


@dataclass(frozen=True, slots=True)
class LoopbackRule:
    """The preview on loopback answers this machine only (see the module docstring).

    ``hosts`` are the accepted ``Host`` values (:func:`allowed_hosts`); None
    (an address the user chose to share on) lets every request through.
    """

    hosts: frozenset[str] | None

    @classmethod
    def bound_to(cls, host: str, port: int, bound: str | None = None) -> LoopbackRule:
        """The rule for a server asked to listen on ``host`` and bound to the address ``bound``
        (the socket's own; it decides whether this is loopback)."""
        hosts = allowed_hosts(bound or host, port)
        if hosts is not None and bound is not None:
            # the name the user gave (a host name for a loopback address) is this server's too
            given = {host, f"[{host}]"} if ":" in host else {host}
            hosts = hosts | {n.lower() for n in given} | {f"{n}:{port}".lower() for n in given}
        return cls(hosts)

    def check(self, request: Request) -> Refusal | None:
        if self.hosts is None:
            return None
        if request.host.lower() not in self.hosts:
            return Refusal(403, "netlog serve answers only this machine (Host must be localhost or the bound address)")
        if request.origin is not None:
            scheme, sep, rest = request.origin.partition("://")
            if not sep or scheme.lower() != "http" or rest.lower() not in self.hosts:
                return Refusal(403, "netlog serve answers only its own pages (the Origin is another site)")
        return None


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every rule must let the request through; the first refusal wins."""

    rules: tuple[AccessRule, ...]

    def check(self, request: Request) -> Refusal | None:
        for rule in self.rules:
            refusal = rule.check(request)
            if refusal is not None:
                return refusal
        return None


# --------------------------------------------------------------------------- the preview's actions and --lan


#: The form field that carries the run's secret in every action's POST.
SECRET_FIELD = "nl_token"
#: The cookie ``--lan`` gives for its key.
KEY_COOKIE = "netlog_key"


def form_fields(body: bytes) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body as {name: last value}; {} when unreadable."""
    try:
        return dict(urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except (UnicodeDecodeError, ValueError):
        return {}


def same_secret(given: str, secret: str) -> bool:
    """Constant-time comparison (``hmac.compare_digest``) of a secret or key as text."""
    return hmac.compare_digest(given.encode("utf-8"), secret.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class SecretRule:
    """A POST must carry this run's secret in the form field :data:`SECRET_FIELD`
    (docs/commands.md, `netlog serve`): checked once its body is read (the first check, before
    the body, lets it through); 403 otherwise. GET and HEAD never write and are not asked."""

    secret: str

    def check(self, request: Request) -> Refusal | None:
        if request.method != "POST":
            return None
        length = request.headers.get("content-length", "0")
        if length.isdigit() and len(request.body) < int(length):
            return None  # the body is not read yet: checked again with it
        given = form_fields(request.body).get(SECRET_FIELD, "")
        if not given or not same_secret(given, self.secret):
            return Refusal(403, "this action lacks the preview's secret (reload the page); nothing written")
        return None


@dataclass(frozen=True, slots=True)
class SameOriginRule:
    """For ``--lan`` (any Host answers): an ``Origin``, when a browser sends one, must be this
    very server as the browser addressed it (``http://`` + ``Host``); ``null`` is refused."""

    def check(self, request: Request) -> Refusal | None:
        if request.origin is None:
            return None
        if request.origin.lower() != f"http://{request.host}".lower():
            return Refusal(403, "netlog serve answers only its own pages (the Origin is another site)")
        return None


@dataclass(frozen=True, slots=True)
class LanKeyRule:
    """``serve --lan``: every request, whatever its path, needs the run's key (docs/commands.md).

    A request with the cookie :data:`KEY_COOKIE` holding the key goes through; one with
    ``?key=<key>`` is answered with a redirect to the same URL without it and a cookie
    (``HttpOnly``, ``SameSite=Strict``); anything else gets 403 and nothing of the log. Keys
    are compared in constant time."""

    key: str

    def check(self, request: Request) -> Refusal | None:
        cookies = request.headers.get("cookie", "")
        for part in cookies.split(";"):
            name, sep, value = part.strip().partition("=")
            if sep and name == KEY_COOKIE and same_secret(value, self.key):
                return None
        pairs = urllib.parse.parse_qsl(request.query, keep_blank_values=True)
        given = [v for k, v in pairs if k == "key"]
        if given and same_secret(given[-1], self.key) and request.method in ("GET", "HEAD"):
            rest = urllib.parse.urlencode([(k, v) for k, v in pairs if k != "key"])
            location = urllib.parse.quote(request.path) + (f"?{rest}" if rest else "")
            cookie = f"{KEY_COOKIE}={self.key}; Path=/; HttpOnly; SameSite=Strict"
            return Refusal(303, "the key is now a cookie", (("Location", location), ("Set-Cookie", cookie)))
        return Refusal(403, "netlog serve --lan: open the address with the key that the terminal shows")
