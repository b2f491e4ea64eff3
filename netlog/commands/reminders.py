"""``netlog digest`` and ``netlog review`` (docs/format.md §14): reminders that reach you, and
the weekly review.

Thin: the digest's content is :mod:`netlog.digest`, sending it is
:mod:`netlog.mailer`; a failure to send is one line and exit 1.
"""

from __future__ import annotations

import email.utils
import os

import click

from ..model import ERROR
from ..sanitize import for_terminal
from .common import boundary, load, report, resolve_today, today_option


def inbox_lines(path: str, today, kinds) -> tuple[int, str | None]:
    """(how many lines of the inbox at ``path`` `netlog inbox` would read, a warning or None):
    its own parser decides (not blank lines, headings or comments); no inbox is 0 lines."""
    from ..capture import inbox as mod

    try:
        with open(path, "rb") as fh:
            data = fh.read(mod.MAX_BYTES + 1)
        if len(data) > mod.MAX_BYTES:
            return 0, f"{path}: larger than {mod.MAX_BYTES // (1024 * 1024)} MB; not counted"
        text = mod.decode(data)
    except FileNotFoundError:
        return 0, None
    except (OSError, ValueError) as e:
        return 0, f"cannot read the inbox {path}: {getattr(e, 'strerror', None) or e}; not counted"
    return sum(1 for line in mod.parse(text, today, kinds) if line.what != mod.KEEP), None


@click.command()
@today_option
@click.option("--format", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True)
@click.option("--send", is_flag=True, help="Mail it (text with an HTML alternative) through the SMTP server of "
              "NETLOG_SMTP_URL to the option digest_to (default: the first of me), instead of printing it.")
@click.pass_context
def digest(ctx, today, fmt, send):
    """Today's short list: overdue and today's items, upcoming count, birthdays, people worth
    reconnecting, drafts and inbox lines waiting, the weekly streak, days since the last review.

    --send mails it through NETLOG_SMTP_URL, smtp://[user[:password]@]host[:port]
    (STARTTLS whenever the server offers it) or smtps://... (the password
    may come from NETLOG_SMTP_PASSWORD instead); it prints one line saying
    where it went, or one line saying why it could not (exit 1).

    \b
    Examples:
        netlog digest
        netlog digest --format html > digest.html
        NETLOG_SMTP_URL=smtps://me%40example.com@mail.example.com netlog digest --send
    """
    from .. import digest as mod
    from .. import mailer
    from ..capture.drafts import draft_paths
    from ..load import INBOX

    today = resolve_today(today)
    project, log, problems = load(ctx)
    errors = [p for p in problems if p.severity == ERROR]
    report(errors, project.docs_dir if project else None)
    if log is None:
        ctx.exit(1)
    inbox, warning = inbox_lines(os.path.join(project.docs_dir, INBOX), today, log.kinds)
    if warning:
        click.echo(for_terminal(f"netlog: warning: {warning}"), err=True)
    d = mod.compute(log, today, drafts=len(draft_paths(project.docs_dir)), inbox=inbox)
    if not send:
        click.echo(mod.as_text(d) if fmt == "text" else mod.as_html(d), nl=False)
        ctx.exit(1 if errors else 0)
    to = log.options.digest_to or (log.options.me[0] if log.options.me else None)
    with boundary():
        if to is None:
            raise mailer.SendError("no address to send the digest to: set digest_to (or me) in the netlog "
                                   "plugin's options in mkdocs.yml")
        url = mailer.parse_url(os.environ.get(mailer.URL_ENV), os.environ.get(mailer.PASSWORD_ENV))
        message = mailer.digest_message(to, to, mod.subject(d), mod.as_text(d), mod.as_html(d))
        message["Date"] = email.utils.formatdate(localtime=True)  # the sending time, not --today
        message["Message-ID"] = email.utils.make_msgid("netlog-digest", domain=to.rpartition("@")[2])
        mailer.send(url, message)
    click.echo(for_terminal(f"sent the digest for {today.isoformat()} to {to} via {url.shown()}"))
    ctx.exit(1 if errors else 0)


COMMANDS = (digest,)
