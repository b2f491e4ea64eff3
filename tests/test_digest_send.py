"""`netlog digest --send` against a real SMTP server (aiosmtpd, in this process, on a free
port): a plain submission, an authenticated STARTTLS one and one over TLS from the start
(smtps://), and every failure as one line with exit 1, the password never shown
(docs/format.md §16). The server's certificate is self-signed, made here with the
`cryptography` package, and trusted through SSL_CERT_FILE as a user would trust their own."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import ipaddress
import socket
import ssl

import pytest

from helpers import entry, person

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

pytestmark = pytest.mark.slow  # each test serves SMTP on a port

TODAY = "2026-02-04"
CONFIG = "site_name: Test log\ndocs_dir: log\nplugins:\n  - netlog:\n      me: [me@example.com]\n"
FILES = {
    "log/people/jane-doe.md": person("Jane <b>Doe</b> & Co"),
    "log/2026/01-rejection.md": entry("2026-01-20", "rejection", ["Jane <b>Doe</b> & Co"]),
}
USER, PASSWORD = "me@example.com", "s3cret-Pässword"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def self_signed(tmp_path):
    """(certificate path, key path) for 127.0.0.1, valid now, made with `cryptography`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "netlog test SMTP")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class Inbox:
    """An aiosmtpd handler that keeps what it receives, and whether it came over TLS."""

    def __init__(self):
        self.received = []  # (envelope, over TLS)
        self.logins = []  # (login, password) tried

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope, session.ssl is not None))
        return "250 OK"

    def authenticator(self, server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.logins.append((login, password))
        ok = (login, password) == (USER, PASSWORD)
        return AuthResult(success=ok, handled=ok)  # not handled: aiosmtpd answers 535 itself


@pytest.fixture
def smtp_server(tmp_path):
    """start(**aiosmtpd options) -> (Inbox, port); servers stop after the test."""
    controllers = []

    def start(**kwargs):
        handler = Inbox()
        port = free_port()
        if kwargs.pop("with_auth", False):
            kwargs.update(authenticator=handler.authenticator, auth_required=True)
        controller = aiosmtpd_controller.Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
        controller.start()
        controllers.append(controller)
        return handler, port

    yield start
    for c in controllers:
        c.stop()


@pytest.fixture
def tls(tmp_path, monkeypatch):
    """A server-side TLS context with a self-signed certificate the client trusts (SSL_CERT_FILE)."""
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    return context


def parsed(envelope) -> email.message.EmailMessage:
    return email.message_from_bytes(envelope.original_content, policy=email.policy.default)


def send(run, url: str | None, password: str | None = None):
    env = {"NETLOG_SMTP_URL": url, "NETLOG_SMTP_PASSWORD": password}
    return run("digest", "--today", TODAY, "--send", env=env)


def test_plain_submission_sends_text_with_an_html_alternative(project, run, smtp_server):
    project(dict(FILES), config=CONFIG)
    handler, port = smtp_server()
    text = run("digest", "--today", TODAY).stdout
    html = run("digest", "--today", TODAY, "--format", "html").stdout
    result = send(run, f"smtp://127.0.0.1:{port}")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"sent the digest for {TODAY} to me@example.com via smtp://127.0.0.1:{port}\n"
    assert result.stderr == ""
    (envelope, over_tls), = handler.received
    assert not over_tls
    assert envelope.mail_from == "me@example.com" and envelope.rcpt_tos == ["me@example.com"]
    message = parsed(envelope)
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"] == "netlog digest, Wednesday 4 February 2026: 1 overdue, 1 today"
    assert message["To"] == "me@example.com" and message["Date"] and message["Message-ID"]
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert parts[0].get_content().replace("\r\n", "\n") == text  # the same digest as printed (CRLF on the wire)
    assert parts[1].get_content().replace("\r\n", "\n") == html
    assert "Jane &lt;b&gt;Doe&lt;/b&gt; &amp; Co" in parts[1].get_content()


def test_digest_to_is_where_it_goes(project, run, smtp_server):
    project(dict(FILES), config=CONFIG + "      digest_to: digest@example.org\n")
    handler, port = smtp_server()
    result = send(run, f"smtp://127.0.0.1:{port}")
    assert result.exit_code == 0, result.output
    (envelope, _), = handler.received
    assert envelope.rcpt_tos == ["digest@example.org"]


@pytest.mark.parametrize("how", ["password in the URL", "password in NETLOG_SMTP_PASSWORD"])
def test_authenticated_starttls_submission(project, run, smtp_server, tls, how):
    project(dict(FILES), config=CONFIG)
    handler, port = smtp_server(tls_context=tls, require_starttls=True, with_auth=True)
    if how == "password in the URL":
        result = send(run, f"smtp://me%40example.com:s3cret-P%C3%A4ssword@127.0.0.1:{port}")
    else:
        result = send(run, f"smtp://me%40example.com@127.0.0.1:{port}", PASSWORD)
    assert result.exit_code == 0, result.output
    assert handler.logins == [(USER, PASSWORD)]
    (envelope, over_tls), = handler.received
    assert over_tls  # STARTTLS came before the login and the message
    assert parsed(envelope).get_content_type() == "multipart/alternative"
    assert PASSWORD not in result.output and "s3cret" not in result.output


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # it is TLS: implicit
def test_smtps_submission(project, run, tls):
    from aiosmtpd.controller import Controller

    project(dict(FILES), config=CONFIG)
    handler, port = Inbox(), free_port()
    # aiosmtpd sees only STARTTLS as TLS; this listener speaks TLS from its first byte
    controller = Controller(handler, hostname="127.0.0.1", port=port, ssl_context=tls,
                            authenticator=handler.authenticator, auth_required=True, auth_require_tls=False)
    controller.start()
    try:
        result = send(run, f"smtps://me%40example.com@127.0.0.1:{port}", PASSWORD)
    finally:
        controller.stop()
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"via smtps://me%40example.com@127.0.0.1:{port}\n")
    assert handler.logins == [(USER, PASSWORD)]
    assert len(handler.received) == 1


def one_line_failure(result, *words):
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for w in words:
        assert w in lines[0]
    assert "s3cret" not in result.stderr and "Traceback" not in result.stderr
    return lines[0]


def test_a_wrong_password_is_one_line(project, run, smtp_server, tls):
    project(dict(FILES), config=CONFIG)
    handler, port = smtp_server(tls_context=tls, require_starttls=True, with_auth=True)
    result = send(run, f"smtp://me%40example.com:s3cret-wrong@127.0.0.1:{port}")
    line = one_line_failure(result, f"smtp://me%40example.com@127.0.0.1:{port}", "refused the login", "535")
    assert line.startswith("Error: cannot send the digest via ")
    assert handler.received == []


def test_no_password_over_a_connection_without_tls(project, run, smtp_server):
    project(dict(FILES), config=CONFIG)
    handler, port = smtp_server()  # offers no STARTTLS
    result = send(run, f"smtp://me%40example.com:s3cret@127.0.0.1:{port}")
    one_line_failure(result, "offers no STARTTLS", "does not send a password unencrypted")
    assert handler.received == []


def test_an_untrusted_certificate_is_one_line(project, run, smtp_server, tls, monkeypatch):
    project(dict(FILES), config=CONFIG)
    handler, port = smtp_server(tls_context=tls, require_starttls=True)
    monkeypatch.delenv("SSL_CERT_FILE")  # the self-signed certificate is trusted no more
    result = send(run, f"smtp://127.0.0.1:{port}")
    one_line_failure(result, "TLS failed", "CERTIFICATE_VERIFY_FAILED")
    assert handler.received == []


@pytest.mark.parametrize(("url", "words"), [
    (None, ["NETLOG_SMTP_URL is not set"]),
    ("https://me:s3cret@mail.example.com", ["NETLOG_SMTP_URL is not of the form smtp://"]),
    ("smtp://me:s3cret@", ["NETLOG_SMTP_URL is not of the form"]),
    ("smtp://me:s3cret@host:99999", ["NETLOG_SMTP_URL is not of the form"]),
    ("smtp://:s3cret@127.0.0.1", ["gives a password but no user"]),
])
def test_a_bad_url_is_one_line(project, run, url, words):
    project(dict(FILES), config=CONFIG)
    one_line_failure(send(run, url), *words)


def test_nobody_listening_is_one_line(project, run):
    project(dict(FILES), config=CONFIG)
    port = free_port()
    one_line_failure(send(run, f"smtp://127.0.0.1:{port}"), f"smtp://127.0.0.1:{port}", "refused")


def test_no_address_is_one_line(project, run):
    project(dict(FILES), config="site_name: Test log\ndocs_dir: log\nplugins:\n  - netlog\n")
    one_line_failure(send(run, "smtp://127.0.0.1:25"), "set digest_to (or me)")
