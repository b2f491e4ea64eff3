"""Sending the daily digest by mail (docs/format.md §16): ``NETLOG_SMTP_URL`` -> an SMTP
submission, with the standard library's ``smtplib`` and ``email.message``.

The URL is ``smtp://[user[:password]@]host[:port]`` (STARTTLS whenever the
server offers it) or ``smtps://…`` (TLS from the first byte); the password
may come from ``NETLOG_SMTP_PASSWORD`` instead of the URL. The password is
never part of a message netlog prints: :class:`SmtpUrl`'s ``repr`` and
:meth:`SmtpUrl.shown` leave it out, and every error is one line naming the
server without it (:class:`SendError`).
"""

from __future__ import annotations

import base64
import smtplib
import ssl
import urllib.parse
from dataclasses import dataclass, field
from email.message import EmailMessage

from .errors import NetlogError

URL_ENV = "NETLOG_SMTP_URL"
PASSWORD_ENV = "NETLOG_SMTP_PASSWORD"
#: The schemes' registered ports (as curl uses them): plain SMTP, and SMTP over TLS.
DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
TIMEOUT = 60  # seconds for each network step: a stuck server ends the run, not hangs it
URL_FORM = "smtp://[user[:password]@]host[:port] or smtps://…"


class SendError(NetlogError):
    """The digest could not be sent; ``str(e)`` is one line for a person, never the password."""


@dataclass(frozen=True, slots=True)
class SmtpUrl:
    """A parsed ``NETLOG_SMTP_URL``: ``tls`` is True for ``smtps://`` (TLS from the start)."""

    host: str
    port: int
    tls: bool
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    def shown(self) -> str:
        """The URL as netlog prints it: scheme, user, host and port; never the password."""
        user = f"{urllib.parse.quote(self.user, safe='')}@" if self.user else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'smtps' if self.tls else 'smtp'}://{user}{host}:{self.port}"


def parse_url(url: str | None, password: str | None = None) -> SmtpUrl:
    """``NETLOG_SMTP_URL``'s value as :class:`SmtpUrl`; ``password`` (``NETLOG_SMTP_PASSWORD``)
    stands in for a password the URL leaves out. User and password are percent-decoded
    (``me%40example.com``). SendError, naming the variable but not repeating its value (it may
    hold a password), when it is unset or not of the form."""
    if not url or not url.strip():
        raise SendError(f"{URL_ENV} is not set; set it to {URL_FORM} (docs/reminders.md)")
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
        host = parts.hostname
    except ValueError:
        parts, port, host = None, None, None
    if parts is None or parts.scheme.lower() not in DEFAULT_PORTS or not host \
            or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise SendError(f"{URL_ENV} is not of the form {URL_FORM}")
    scheme = parts.scheme.lower()
    user = urllib.parse.unquote(parts.username) if parts.username else None
    secret = urllib.parse.unquote(parts.password) if parts.password is not None else (password or None)
    if secret and not user:
        raise SendError(f"{URL_ENV} gives a password but no user; write smtp://user:password@host")
    return SmtpUrl(host, port or DEFAULT_PORTS[scheme], scheme == "smtps", user, secret)


def digest_message(sender: str, to: str, subject: str, text: str, html: str) -> EmailMessage:
    """A multipart/alternative message: the plain text first, the HTML as its alternative."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = to
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def send(url: SmtpUrl, message: EmailMessage, context: ssl.SSLContext | None = None) -> None:
    """Submit ``message`` to the server of ``url``: TLS from the start for ``smtps``, else
    STARTTLS whenever the server offers it; then log in when ``url`` has a user. The server's
    certificate is checked against the system's authorities (``context``: another one).

    A user's password is never sent over a connection without TLS: when the server offers no
    STARTTLS, SendError says so and nothing is sent. Every failure (the network, TLS, the
    server's refusal) is SendError, one line naming ``url.shown()``.
    """
    context = context or ssl.create_default_context()
    where = url.shown()
    try:
        if url.tls:
            client = smtplib.SMTP_SSL(url.host, url.port, timeout=TIMEOUT, context=context)
        else:
            client = smtplib.SMTP(url.host, url.port, timeout=TIMEOUT)
        with client:
            client.ehlo()
            if not url.tls and client.has_extn("starttls"):
                client.starttls(context=context)
                client.ehlo()
            elif not url.tls and url.user:
                raise SendError(f"cannot send the digest via {where}: the server offers no STARTTLS, and netlog "
                                "does not send a password unencrypted (use smtps:// or a server with STARTTLS)")
            if url.user:
                _login(client, url.user, url.password or "")
            client.send_message(message)
    except SendError:
        raise
    except smtplib.SMTPAuthenticationError as e:
        raise SendError(f"cannot send the digest via {where}: the server refused the login "
                        f"({_reply(e.smtp_code, e.smtp_error)})") from None
    except smtplib.SMTPRecipientsRefused as e:
        refused = "; ".join(f"{to}: {_reply(*reply)}" for to, reply in e.recipients.items())
        raise SendError(f"cannot send the digest via {where}: the server refused the recipient ({refused})") from None
    except smtplib.SMTPResponseException as e:
        raise SendError(f"cannot send the digest via {where}: {_reply(e.smtp_code, e.smtp_error)}") from None
    except smtplib.SMTPException as e:
        raise SendError(f"cannot send the digest via {where}: {_one_line(str(e)) or type(e).__name__}") from None
    except ssl.SSLError as e:
        raise SendError(f"cannot send the digest via {where}: TLS failed ({_one_line(e.reason or str(e))})") from None
    except OSError as e:  # refused, unreachable, unknown host, timed out
        reason = e.strerror or str(e) or type(e).__name__
        raise SendError(f"cannot send the digest via {where}: {_one_line(reason)}") from None


def _login(client: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; smtplib encodes credentials as ASCII, so others go as RFC 4616 ``AUTH PLAIN``,
    which carries UTF-8 (a password with ``ä`` works as the server stores it)."""
    if (user + password).isascii():
        client.login(user, password)
        return
    if "PLAIN" not in client.esmtp_features.get("auth", "").upper().split():
        raise smtplib.SMTPException("the user or password is not ASCII and the server does not offer AUTH PLAIN, "
                                    "the one way to send it")
    token = base64.b64encode(b"\0" + user.encode("utf-8") + b"\0" + password.encode("utf-8")).decode("ascii")
    code, reply = client.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _reply(code: int, text: bytes | str) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {_one_line(text)}".strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())
