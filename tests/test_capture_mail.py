"""netlog import mail (docs/format.md §12, issue 25) and netlog drafts --discard.

The messages in tests/fixtures/mail/clients are written for these tests in the shapes
Gmail (multipart/alternative, quoted-printable, an encoded-word subject), Outlook (HTML only,
base64, windows-1252, CRLF), Apple Mail (format=flowed, a message you sent) and Thunderbird
(ISO-8859-1, 8bit, a reply with a signature) produce; tests/fixtures/mail/cpython holds public
test messages of CPython's email package (see its README for source and licence).
"""

from __future__ import annotations

import json
import mailbox
import re
from pathlib import Path

import pytest

from helpers import person, tree
from netlog.capture.mail import REJECTION_PHRASES, html_text, title_of, trimmed

MAIL = Path(__file__).resolve().parent / "fixtures" / "mail"
CLIENTS = MAIL / "clients"
TODAY = "2026-11-25"
CONFIG = "site_name: t\ndocs_dir: log\nplugins:\n  - netlog:\n      me: [me@example.com]\n"
PEOPLE = {
    "log/people/priya-deshmukh.md": person("Priya Deshmukh", links="{email: priya@marlowe-stroud.example}"),
    "log/people/keiko-tanaka.md": person("Keiko Tanaka", links="{email: Keiko.Tanaka@castellan-wright.example}"),
    "log/people/ana-ruiz.md": person("Ana Ruiz", links="{work: ana.ruiz@nordhavn.example}"),
    "log/people/jane-doe.md": person("Jane Doe", links="{email: jane@acme.example}"),
    "log/people/jorg-hansen.md": person("Jörg Hansen", links="{email: joerg@hansen-partner.example}"),
}
LINE = re.compile(r"^[^\n:]+:[1-9][0-9]*: (error|warning): .+$")


@pytest.fixture
def log(project):
    return project(dict(PEOPLE), config=CONFIG)


def drafts(root: Path) -> dict[str, str]:
    folder = root / "log" / "_drafts"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))} if folder.exists() else {}


def front(text: str) -> dict:
    import yaml

    return yaml.safe_load(text.split("---\n")[1])


def mbox_of(path: Path, names) -> Path:
    """An mbox of the client messages ``names``, as a mail client writes one (From lines)."""
    with open(path, "wb") as out:
        for name in names:
            data = (CLIENTS / name).read_bytes().replace(b"\r\n", b"\n")
            out.write(b"From MAILER-DAEMON Thu Nov  5 19:03:44 2026\n" + data.rstrip(b"\n") + b"\n\n")
    return path


def message(subject="Hello", *, sender="Jane Doe <jane@acme.example>", to="Me <me@example.com>",
            date="Mon, 9 Nov 2026 10:00:00 +0000", body="Hi there.", headers="", message_id="<m1@acme.example>") -> bytes:
    mid = f"Message-ID: {message_id}\n" if message_id else ""
    return (f"From: {sender}\nTo: {to}\nSubject: {subject}\nDate: {date}\n{mid}{headers}"
            f"Content-Type: text/plain; charset=utf-8\n\n{body}\n").encode()


def run_mail(run, path, *args):
    return run("import", "mail", str(path), "--today", TODAY, *args)


# --------------------------------------------------------------------------- the shapes of real clients


def test_each_client_shape_makes_the_draft_it_should(log, run):
    for eml in sorted(CLIENTS.glob("*.eml")):
        result = run_mail(run, eml)
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
    found = drafts(log)
    assert sorted(found) == ["2026-11-03-rejection-priya-deshmukh.md", "2026-11-04-intro-ana-ruiz.md",
                             "2026-11-05-introduced-jane-doe.md", "2026-11-06-email-jorg-hansen.md",
                             "2026-11-08-email-jane-doe.md"]
    rejection = found["2026-11-03-rejection-priya-deshmukh.md"]
    fm = front(rejection)
    assert (fm["kind"], fm["with"], fm["direction"], fm["channel"]) == ("rejection", ["Priya Deshmukh"], "in", "email")
    assert fm["title"] == "Legal Operations Manager – your application"  # encoded word, Re: gone
    assert fm["source"] == "mail:CAJ7x9=vQm3kP0aZ@mail.gmail.com@2026-11-03"  # the first id of References
    assert "says “move forward with other candidates”" in rejection
    assert "whose experience is closer to the role’s litigation focus" in rejection  # quoted-printable, UTF-8
    assert "I wanted to follow up" not in rejection and "wrote:" not in rejection  # the quote and its line
    assert "Director of Legal Operations" not in rejection  # the signature
    intro = front(found["2026-11-04-intro-ana-ruiz.md"])
    assert (intro["kind"], intro["with"], intro["via"], intro["title"]) == (
        "intro", ["Ana Ruiz"], ["Keiko Tanaka"], "Intro: Ana <> Sam")
    outlook = found["2026-11-04-intro-ana-ruiz.md"]
    assert "I’m delighted to introduce you – Ana leads" in outlook  # HTML only, base64, windows-1252
    assert "margin" not in outlook  # the style sheet is not text
    introduced = front(found["2026-11-05-introduced-jane-doe.md"])
    assert (introduced["kind"], introduced["with"], introduced["direction"]) == (
        "introduced", ["Jane Doe", "Priya Deshmukh"], "out")
    thunderbird = found["2026-11-06-email-jorg-hansen.md"]
    assert front(thunderbird)["with"] == ["Jörg Hansen"]  # ISO-8859-1, 8bit
    assert "Dienstag passt gut. Grüße!" in thunderbird and "schrieb" not in thunderbird and "Kaffee" not in thunderbird
    no_id = front(found["2026-11-08-email-jane-doe.md"])
    assert no_id["date"].isoformat() == "2026-11-08"  # 21:30 -0800: the date in its own offset
    assert re.fullmatch(r"mail:sha1-[0-9a-f]{20}@2026-11-08", no_id["source"])
    assert run("drafts").stdout.splitlines()[-1].startswith("5 drafts: 5 pass check, 0 fail")


def test_an_mbox_a_maildir_and_an_apple_mail_export_give_the_same_drafts(log, run, tmp_path):
    names = sorted(p.name for p in CLIENTS.glob("*.eml"))
    box = mbox_of(tmp_path / "All mail.mbox", names)
    result = run_mail(run, box, "--dry-run")
    assert result.exit_code == 0, result.output
    would = sorted(line.split()[2].rsplit("/", 1)[1] for line in result.stdout.splitlines()
                   if line.startswith("would draft"))
    assert result.stdout.splitlines()[-1] == ("5 would be drafted (dry run: nothing was written), 1 skipped, "
                                              "of 6 messages from 2026-08-27 to 2026-11-25 (6 messages read)")
    maildir = mailbox.Maildir(tmp_path / "Maildir", create=True)
    for name in names:
        maildir.add((CLIENTS / name).read_bytes())
    md = run_mail(run, tmp_path / "Maildir", "--dry-run")
    assert sorted(line.split()[2].rsplit("/", 1)[1] for line in md.stdout.splitlines()
                  if line.startswith("would draft")) == would
    apple = tmp_path / "Inbox.mbox"
    apple.mkdir()
    mbox_of(apple / "mbox", names)
    (apple / "table_of_contents").write_bytes(b"\x00\x01binary index")
    assert run_mail(run, apple, "--dry-run").stdout == result.stdout
    assert drafts(log) == {}


def test_importing_again_changes_nothing(log, run, tmp_path):
    box = mbox_of(tmp_path / "box.mbox", sorted(p.name for p in CLIENTS.glob("*.eml")))
    first = run_mail(run, box)
    assert first.stdout.splitlines()[-1].startswith("5 drafted, 1 skipped")
    before = tree(log)
    again = run_mail(run, box)
    assert again.exit_code == 0
    assert tree(log) == before
    assert again.stdout.splitlines()[-1].startswith("0 drafted, 6 skipped")
    assert sum("already imported (mail:" in line for line in again.stdout.splitlines()) == 5


# --------------------------------------------------------------------------- threads, dates, direction, titles


def test_one_thread_on_one_date_is_one_draft_and_another_date_another(log, run, tmp_path):
    box = tmp_path / "t.mbox"
    msgs = [message("Coffee?", date="Mon, 9 Nov 2026 09:00:00 +0000", body="Coffee on Friday?"),
            message("Re: Coffee?", sender="Me <me@example.com>", to="Jane Doe <jane@acme.example>",
                    date="Mon, 9 Nov 2026 11:00:00 +0000", message_id="<m2@example.com>",
                    headers="In-Reply-To: <m1@acme.example>\nReferences: <m1@acme.example>\n", body="Yes!"),
            message("RE: Coffee?", date="Tue, 10 Nov 2026 08:00:00 +0000", message_id="<m3@acme.example>",
                    headers="References: <m1@acme.example> <m2@example.com>\n", body="Great.")]
    box.write_bytes(b"".join(b"From x Mon Nov  9 09:00:00 2026\n" + m + b"\n" for m in reversed(msgs)))
    assert run_mail(run, box).exit_code == 0
    found = drafts(log)
    assert sorted(found) == ["2026-11-09-email-jane-doe.md", "2026-11-10-email-jane-doe.md"]
    nine = found["2026-11-09-email-jane-doe.md"]
    assert front(nine)["direction"] == "mutual" and front(nine)["source"] == "mail:m1@acme.example@2026-11-09"
    assert "(2 messages of one thread that day)" in nine
    assert "Coffee on Friday?" in nine and "Yes!" not in nine  # the first message by its time, not file order
    assert front(found["2026-11-10-email-jane-doe.md"])["direction"] == "in"


@pytest.mark.parametrize("subject, title", [
    ("Re: Fwd: AW: WG: SV: Fw: Lunch", "Lunch"), ("RE:RE: lunch", "lunch"), ("re: Re[2]: x", "x"),
    ("Fwd:Intro: A <> B", "Intro: A <> B"), ("Regarding lunch", "Regarding lunch"), ("Re: ", ""),
])
def test_subject_prefixes(subject, title):
    assert title_of(subject) == title


def test_the_window_is_that_of_import_ics(log, run, tmp_path):
    box = tmp_path / "w.mbox"
    dates = ["Wed, 26 Aug 2026 23:59:00 +0000", "Thu, 27 Aug 2026 00:01:00 +0000",
             "Wed, 25 Nov 2026 23:30:00 -1000", "Thu, 26 Nov 2026 00:10:00 +1400"]
    box.write_bytes(b"".join(b"From x Mon Nov  9 09:00:00 2026\n" + message(f"m{n}", date=d, message_id=f"<w{n}@x>")
                             + b"\n" for n, d in enumerate(dates)))
    result = run_mail(run, box, "--dry-run")
    assert [line.split("(")[1][:10] for line in result.stdout.splitlines() if line.startswith("would")] == [
        "2026-08-27", "2026-11-25"]
    narrow = run_mail(run, box, "--dry-run", "--since", "2026-11-25", "--until", "2026-11-26")
    assert narrow.stdout.count("would draft") == 2
    bad = run_mail(run, box, "--since", "2026-11-26", "--until", "2026-11-25")
    assert bad.exit_code == 2


# --------------------------------------------------------------------------- what is skipped


@pytest.mark.parametrize("headers, sender, reason", [
    ("List-Id: <team.lists.example>\n", "Jane Doe <jane@acme.example>", "bulk mail (List-Id)"),
    ("List-Unsubscribe: <mailto:x@y>\n", "Jane Doe <jane@acme.example>", "bulk mail (List-Unsubscribe)"),
    ("Precedence: Bulk\n", "Jane Doe <jane@acme.example>", "bulk mail (Precedence: bulk)"),
    ("Precedence: junk\n", "Jane Doe <jane@acme.example>", "bulk mail (Precedence: junk)"),
    ("Auto-Submitted: auto-replied\n", "Jane Doe <jane@acme.example>", "bulk mail (Auto-Submitted: auto-replied)"),
    ("", "Acme <No-Reply@acme.example>", "bulk mail (sent by no-reply@…)"),
    ("", "MAILER-DAEMON@acme.example", "bulk mail (sent by mailer-daemon@…)"),
    ("", "GitHub <notifications@github.example>", "bulk mail (sent by notifications@…)"),
])
def test_bulk_mail_is_skipped(log, run, tmp_path, headers, sender, reason):
    eml = tmp_path / "m.eml"
    eml.write_bytes(message(headers=headers, sender=sender, to="Jane Doe <jane@acme.example>"))
    result = run_mail(run, eml)
    assert result.stdout.splitlines()[0] == f"skipped  1 message: {reason}"
    assert drafts(log) == {}


def test_bulk_mail_counts_have_one_key_per_kind_of_sender(log, run, tmp_path):
    """`--format json`'s counts are keyed by reason: no-reply mail of many domains is one key."""
    box = tmp_path / "box.mbox"
    box.write_bytes(b"".join(b"From x@y Mon Nov  9 10:00:00 2026\n" + message(
        sender=f"Shop <noreply@{domain}>", to="Jane Doe <jane@acme.example>", message_id=f"<m@{domain}>") + b"\n"
        for domain in ("shop.example", "bank.example", "airline.example")))
    result = run_mail(run, box, "--dry-run", "--format", "json")
    assert json.loads(result.stdout)["counts"] == {"bulk mail (sent by noreply@…)": 3}


def test_auto_submitted_no_is_not_bulk(log, run, tmp_path):
    eml = tmp_path / "m.eml"
    eml.write_bytes(message(headers="Auto-Submitted: no\nPrecedence: first-class\n"))
    assert run_mail(run, eml).stdout.startswith("drafted")


def test_no_known_person_is_skipped_unless_all(log, run, tmp_path):
    eml = tmp_path / "m.eml"
    eml.write_bytes(message("Hello", sender="Sam Lee <sam@unknown.example>", to="me@example.com, Bo <bo@x.example>"))
    result = run_mail(run, eml)
    assert result.stdout.splitlines()[0] == ("skipped  1 message: no known person (--all drafts them, "
                                             "display names as refs)")
    everyone = run_mail(run, eml, "--all")
    assert everyone.exit_code == 0
    [name] = drafts(log)
    assert front(drafts(log)[name])["with"] == ["Sam Lee", "Bo"]


# --------------------------------------------------------------------------- kinds


@pytest.mark.parametrize("phrase", REJECTION_PHRASES)
def test_each_rejection_phrase(log, run, tmp_path, phrase):
    eml = tmp_path / "m.eml"
    eml.write_bytes(message("Your application", body=f"Thank you. Sadly we have\n{phrase.upper()} at this time."))
    run_mail(run, eml)
    [text] = drafts(log).values()
    assert front(text)["kind"] == "rejection"
    assert f"says “{phrase}”" in text


def test_a_rejection_phrase_you_wrote_is_not_a_rejection(log, run, tmp_path):
    eml = tmp_path / "m.eml"
    eml.write_bytes(message("Update", sender="Me <me@example.com>", to="Jane Doe <jane@acme.example>",
                            body="I have decided not to proceed with the move."))
    run_mail(run, eml)
    [text] = drafts(log).values()
    assert front(text)["kind"] == "email" and front(text)["direction"] == "out"


def test_an_import_without_me_warns_how_to_set_it(project, run, tmp_path):
    root = project(dict(PEOPLE), config="site_name: t\ndocs_dir: log\nplugins:\n  - netlog\n")
    eml = tmp_path / "m.eml"
    eml.write_bytes(message("Hello"))
    result = run_mail(run, eml)
    assert result.exit_code == 0, result.output
    assert "the `me` option is not set, so your own messages count as someone else's" in result.stderr
    assert "add `me: [you@example.com]` under `- netlog:` in mkdocs.yml" in result.stderr
    ics = tmp_path / "c.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nEND:VCALENDAR\r\n")
    result = run("import", "ics", str(ics), "--today", TODAY)
    assert "the `me` option is not set, so you are taken for one of the attendees" in result.stderr
    assert root.is_dir()


def test_an_intro_names_the_people_not_in_the_log_too(log, run, tmp_path):
    """Known and new people of an introduction are both in `with` (the known first)."""
    eml = tmp_path / "m.eml"
    eml.write_bytes(message("Intro: Ana <> Sam", to="me@example.com, Sam Quill <sam@unknown.example>, "
                            "Ana <ana.ruiz@nordhavn.example>"))
    run_mail(run, eml)
    fm = front(next(iter(drafts(log).values())))
    assert (fm["kind"], fm["with"], fm["via"]) == ("intro", ["Ana Ruiz", "Sam Quill"], ["Jane Doe"])


@pytest.mark.parametrize("subject, sender, to, kind, with_, via, new", [
    # Jane (known) introduces you to Sam, not in the log: an intro via Jane, with Sam as written
    ("intro: you and Sam", "Jane Doe <jane@acme.example>", "Me <me@example.com>, Sam <sam@unknown.example>",
     "intro", ["Sam"], ["Jane Doe"], "Sam is"),
    ("Re: Intro: Ana <> Jo", "Jane Doe <jane@acme.example>", "me@example.com, Jo Park <jo@unknown.example>, "
     "Lu Wei <lu@unknown.example>", "intro", ["Jo Park", "Lu Wei"], ["Jane Doe"], "Jo Park and Lu Wei are"),
    # you introduce Jane to Jo, who is not in the log yet
    ("Intro: Jane <> Jo", "Me <me@example.com>", "Jane Doe <jane@acme.example>, Jo Park <jo@unknown.example>",
     "introduced", ["Jane Doe", "Jo Park"], None, "Jo Park is"),
])
def test_an_intro_whose_other_people_are_not_in_the_log_names_them_as_written(log, run, tmp_path, subject, sender,
                                                                              to, kind, with_, via, new):
    eml = tmp_path / "m.eml"
    eml.write_bytes(message(subject, sender=sender, to=to))
    run_mail(run, eml)
    [text] = drafts(log).values()
    fm = front(text)
    assert (fm["kind"], fm["with"], fm.get("via")) == (kind, with_, via)
    assert f"; {new} not in the log yet: accepted, the draft names them as written" in text


def test_an_intro_whose_other_people_have_no_names_is_an_email(log, run, tmp_path):
    eml = tmp_path / "m.eml"
    eml.write_bytes(message("intro: you and Sam", to="Me <me@example.com>, sam@unknown.example"))
    run_mail(run, eml)
    [text] = drafts(log).values()
    assert front(text)["kind"] == "email" and "via" not in front(text)


def test_an_accepted_intro_draft_with_a_new_name_checks_and_thanks_the_introducer(log, run, tmp_path):
    eml = tmp_path / "m.eml"
    eml.write_bytes(message("Intro: Sam <> you", to="Me <me@example.com>, Sam Quill <sam@unknown.example>"))
    run_mail(run, eml)
    [name] = drafts(log)
    result = run("drafts", "--accept", name)
    assert result.exit_code == 0, result.output
    due = run("due", "--all", "--today", TODAY, "--format", "json")
    actions = [i["action"] for i in json.loads(due.stdout)["items"]]
    assert "Thank Jane Doe for introducing you to Sam Quill" in actions


def test_an_intro_from_an_unknown_sender_is_an_intro_under_all(log, run, tmp_path):
    eml = tmp_path / "m.eml"
    eml.write_bytes(message("Introduction - Ana / you", sender="Bo Chen <bo@unknown.example>",
                            to="me@example.com, Ana <ana.ruiz@nordhavn.example>"))
    run_mail(run, eml)
    fm = front(next(iter(drafts(log).values())))
    assert (fm["kind"], fm["with"], fm["via"]) == ("intro", ["Ana Ruiz"], ["Bo Chen"])


# --------------------------------------------------------------------------- the body


def test_no_body_leaves_the_text_out(log, run):
    run_mail(run, CLIENTS / "gmail-rejection.eml", "--no-body")
    [text] = drafts(log).values()
    assert "Thank you for the time" not in text and "The first message" not in text
    assert "says “move forward with other candidates”" in text  # the reason stays


def test_trimmed_removes_quotes_attributions_signatures_and_caps_the_length():
    text = ("Thanks!\n\nOn Tue, 3 Nov 2026, Ana wrote:\n> old\n> older\n\nMore after.\n"
            "-----Original Message-----\nFrom: x\n\nolder still")
    assert trimmed(text) == "Thanks!\n\nMore after."
    assert trimmed("Hi\n-- \nSam Lee\n+1 555") == "Hi"
    assert trimmed("Am 05.11.26 um 17:02 schrieb Jörg:\n> Zeit?\nJa.") == "Ja."
    long = trimmed("word " * 500)
    assert len(long) == 1000 and long.endswith("…")


def _trimmed_line_by_line(text: str, limit: int = 1000) -> str:
    """trimmed as it was before it looked at a line's first character first: every line matched."""
    import re

    from netlog.capture.mail import _ATTRIBUTION, _ORIGINAL

    out: list[str] = []
    for line in text.split("\n"):
        bare = line.rstrip("\r")
        if bare in ("-- ", "--") or _ORIGINAL.match(bare):
            break
        if bare.lstrip().startswith(">"):
            while out and not out[-1].strip():
                out.pop()
            if out and _ATTRIBUTION.match(out[-1]):
                out.pop()
            continue
        out.append(bare.rstrip())
    kept = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    return kept[:limit - 1].rstrip() + "…" if len(kept) > limit else kept


def test_trimmed_gives_what_matching_every_line_gave():
    import random

    rng = random.Random(3)
    pieces = ["-", "--", "_" * 10, "_", " ", "\t", "\u00a0", "\u2003", "\u3000", "\x1c", "\x85", ">", "> ", "word",
              "Original Message", "wrote:", ":", "\r", "\n", "\n\n\n", "-- ", "Ursprüngliche Nachricht", "é"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        assert trimmed(text) == _trimmed_line_by_line(text), text


def test_html_is_reduced_to_text_without_scripts_or_styles():
    html = ("<html><head><title>T</title><style>p{}</style><script>alert(1)</script></head><body>"
            "<p>One &amp; two</p><div>three<br>four</div><blockquote>quoted</blockquote></body></html>")
    assert trimmed(html_text(html)) == "One & two\n\nthree\nfour"


def _random_html(count: int = 3000):
    import random

    rng = random.Random(9)
    pieces = ["<p>", "</p>", "<P>", "<br>", "<br/>", "<div>", "</div>", "<blockquote>", "</blockquote>", "<b>", "</b>",
              "<h1>", "</H1>", "<html>", "<body>", "</body>", "<head>", "</head>", "<title>", "</title>", "<script>",
              "</script>", "<style>", "</style>", "<textarea>", "<li>", "<td>", "<tr>", "<o:p>", "<p class=x>",
              "<div dir=\"ltr\">", "< p>", "</ p>", "<p >", "<1>", "<>", "<", ">", "&", "&amp;", "&nbsp;", "&#233;",
              "<!-- c -->", "<!DOCTYPE html>", "<?x?>", "word", "two words", " ", "\n", "\t", "\u00a0", "é", "a > b",
              "\r\n", "<xmp>", "<noscript>", "<iframe>", "<a>", "</a>", "<span>", "</span>", "x<y"]
    bare = ["<p>", "</p>", "<P>", "<br>", "<div>", "</div>", "<blockquote>", "</blockquote>", "<b>", "</b>", "<h1>",
            "</H1>", "<html>", "<body>", "</body>", "<head>", "</head>", "word", "two words", " ", "\n", "\t",
            "\u00a0", "é", "a > b", "\r\n", "<li>", "<td>", "<tr>"]
    for n in range(count):
        plain = n % 2 == 0  # every other one bare tags and text only: the quick path
        choices = bare if plain else pieces
        yield "".join(rng.choice(choices) for _ in range(rng.randint(0, 40)))


def test_html_of_bare_tags_reduced_quickly_gives_what_the_parser_gives():
    # html_text splits HTML of bare tags itself; anything else goes through HTMLParser.feed
    import re

    from netlog.capture.mail import _BARE_HTML, _BARE_TAG, _RAW_TEXT, _html_text_by_parser, html_text

    corpus = [p.read_bytes().decode("utf-8", "replace") for p in CORPUS]
    htmls = list(_random_html()) + corpus + [
        "<html><body><p>Panel review.</p><p>Template matter.</p></body></html>",
        "<div>one</div><div>two<br>three</div><blockquote>quoted</blockquote>", ""]
    quick = 0
    for html in htmls:
        assert html_text(html) == _html_text_by_parser(html), html
        bare = "&" not in html and html.count("<") == len(_BARE_TAG.findall(html))
        assert bare == (_BARE_HTML.fullmatch(html) is not None)  # the check html_text makes is the pattern's
        quick += bare and _RAW_TEXT.isdisjoint(name.lower() for _, name in _BARE_TAG.findall(html))
    assert len(htmls) // 5 < quick < len(htmls) * 4 // 5


def test_notes_are_literal_text_within_the_cap(log, run, tmp_path):
    eml = tmp_path / "m.eml"
    eml.write_bytes(message("Hello", body="<script>alert(1)</script> [link](http://x) " + "x" * 3000))
    run_mail(run, eml)
    [text] = drafts(log).values()
    notes = text.split("---\n", 2)[2]
    assert "<script>" not in notes and "&lt;script>alert(1)&lt;/script>" in notes and "\\[link\\]" in notes
    body = notes.split("The first message:\n\n", 1)[1]
    assert len(body.replace("> ", "")) <= 1000 + 40  # the cap, plus escapes of < > [ ]


def test_hostile_headers_reach_the_terminal_escaped(log, run, tmp_path):
    eml = tmp_path / "m.eml"
    eml.write_bytes(message("=?utf-8?q?Hi=1B=5B31mred?=", sender="=?utf-8?q?Jane=1B=5D0=3Bx=07?= <jane@acme.example>"))
    for args in ((), ("--dry-run",)):
        result = run_mail(run, eml, *args)
        assert "\x1b" not in result.output and "\\x1b" in result.output


# --------------------------------------------------------------------------- drafts --discard


def test_a_discarded_draft_is_not_drafted_again_by_mail_or_calendar(log, run, tmp_path):
    eml = tmp_path / "m.eml"
    eml.write_bytes(message("Coffee"))
    run_mail(run, eml)
    [name] = drafts(log)
    result = run("drafts", "--discard", name)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"discarded log/_drafts/{name} -> log/_drafts/discarded/{name}",
                                          "0 accepted, 0 kept in drafts, 1 discarded"]
    assert drafts(log) == {} and (log / "log/_drafts/discarded" / name).exists()
    again = run_mail(run, eml)
    assert "already imported" in again.stdout and drafts(log) == {}
    assert run("drafts").stdout.startswith("No drafts")
    ics = tmp_path / "c.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u1\r\nDTSTART:20261110T100000Z\r\n"
                   "SUMMARY:Call\r\nATTENDEE;CN=Jane Doe:mailto:jane@acme.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    run("import", "ics", str(ics), "--today", TODAY)
    [cal] = drafts(log)
    run("drafts", "--discard", cal)
    assert "already imported" in run("import", "ics", str(ics), "--today", TODAY).stdout


def test_discarding_never_overwrites_and_names_a_missing_draft(log, run, tmp_path):
    (log / "log/_drafts/discarded").mkdir(parents=True)
    (log / "log/_drafts/discarded/a.md").write_text("earlier")
    (log / "log/_drafts/a.md").write_text("---\ndate: 2026-11-01\nkind: email\nwith: Jane Doe\n---\n")
    result = run("drafts", "--discard", "log/_drafts/a.md", "--discard", "nope.md")
    assert result.exit_code == 1
    assert "discarded log/_drafts/a.md -> log/_drafts/discarded/a-2.md" in result.stdout
    assert "no draft nope.md" in result.stderr
    assert (log / "log/_drafts/discarded/a.md").read_text() == "earlier"


# --------------------------------------------------------------------------- files that are not mail, and the corpus


@pytest.mark.parametrize("content, message", [
    (None, "no such file or folder"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not an e-mail message"),
    (b"", "not an e-mail message"),
    ("just some notes\nnot mail\n".encode(), "not an e-mail message"),
])
def test_a_path_that_holds_no_mail_is_one_clear_error(log, run, tmp_path, content, message):
    path = tmp_path / "input.eml"
    if content is not None:
        path.write_bytes(content)
    result = run_mail(run, path)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert LINE.match(line) and message in line and "mail-" not in line
    assert "Traceback" not in result.output


def test_an_empty_folder_is_not_a_maildir(log, run, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_mail(run, tmp_path / "empty")
    assert result.exit_code == 1 and "not a Maildir (no cur/ or new/ folder)" in result.stderr


def test_a_message_without_a_date_is_named_with_its_line(log, run, tmp_path):
    box = tmp_path / "b.mbox"
    box.write_bytes(b"From a Mon Nov  9 09:00:00 2026\nFrom: jane@acme.example\nSubject: x\n\nhi\n\n"
                    b"From b Mon Nov  9 09:00:00 2026\nFrom: jane@acme.example\nSubject: y\n"
                    b"Date: Tue, 06 Jun 2017 27:39:33 +0600\n\nhi\n")
    result = run_mail(run, box)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "b.mbox:2: warning: message 1 has no Date header; left out",
        "b.mbox:10: warning: message 2 has a Date that is not a date: 'Tue, 06 Jun 2017 27:39:33 +0600'; left out"]


def test_a_message_over_the_limit_is_left_out_and_the_rest_read(log, run, tmp_path, monkeypatch):
    from netlog import readfile

    monkeypatch.setitem(readfile.LIMITS, "mail", (2000, "messages", "; save it without attachments"))
    box = tmp_path / "b.mbox"
    big = message("Big", body="x" * 5000, message_id="<big@x>")
    box.write_bytes(b"From a Mon Nov  9 09:00:00 2026\n" + big + b"\nFrom b Mon Nov  9 09:00:00 2026\n" + message())
    result = run_mail(run, box)
    assert result.exit_code == 0
    assert "b.mbox:1: warning: message 1: file is 0.0 MiB; netlog reads messages of at most 0.0 MiB" in result.stderr
    assert len(drafts(log)) == 1


def _mbox_by_lines(path: str, limit: int):
    """An mbox split as netlog split it before it read pieces (a loop over the file's lines): the
    messages as (line, where, data, offset) and the messages left out as (line, message)."""
    from netlog.capture.mail import RawMessage

    out, left_out = [], []

    def done(start, number, chunks, too_big, size, offset):
        if too_big:
            left_out.append((start, number, size))
        else:
            out.append(RawMessage(path, start + 1, f"message {number}", b"".join(chunks), offset))

    with open(path, "rb") as fh:
        number = line = start = 0
        chunks: list[bytes] = []
        size = pos = offset = 0
        too_big = False
        blank = True
        for raw in fh:
            line += 1
            pos += len(raw)
            if raw.startswith(b"From ") and blank:
                if number:
                    done(start, number, chunks, too_big, size, offset)
                number, start, chunks, size, too_big, offset = number + 1, line, [], 0, False, pos
                blank = False
                continue
            blank = raw in (b"\n", b"\r\n")
            if number == 0:
                continue
            size += len(raw)
            if size > limit:
                too_big, chunks = True, []
            elif not too_big:
                chunks.append(raw)
        if number:
            done(start, number, chunks, too_big, size, offset)
    return out, left_out


def _random_mboxes(count: int = 150):
    import random

    rng = random.Random(5)
    lines = [b"From a Mon Nov  9 09:00:00 2026\n", b"From \n", b"From", b">From x\n", b"\n", b"\r\n", b"\r\r\n",
             b"Subject: x\n", b"body text\n", b" From x\n", b"\xef\xbb\xbfFrom x\n", b"From x\r\n", b"\n\n",
             b"x" * 300 + b"\n", b"Fro", b"m x\n", b"\r", b"no end", b"\nFrom b\n", b"\r\nFrom c\n", b"\nFrom d\n"]
    for _ in range(count):
        yield b"".join(rng.choice(lines) for _ in range(rng.randint(0, 60)))


@pytest.mark.parametrize("piece", [1, 2, 7, 64, 1 << 20])
@pytest.mark.parametrize("limit", [40, 10 ** 9])
def test_reading_an_mbox_by_pieces_finds_the_messages_a_loop_over_its_lines_finds(tmp_path, monkeypatch, piece, limit):
    from netlog import readfile
    from netlog.capture import mail

    monkeypatch.setattr(mail, "MBOX_PIECE", piece)
    monkeypatch.setitem(readfile.LIMITS, "mail", (limit, "messages", ""))
    boxes = [p.read_bytes() for p in CORPUS if p.suffix == ".mbox"] + list(_random_mboxes())
    boxes.append(b"From a\n" + b"".join(b"From b %d\n\nSubject: %d\n\n" % (n, n) for n in range(50)))
    counts = [0, 0]  # messages found, messages left out (too big)
    for n, data in enumerate(boxes):
        path = tmp_path / f"{n}.mbox"
        path.write_bytes(data)
        problems = []
        found = list(mail._mbox(str(path), problems))
        expected, left_out = _mbox_by_lines(str(path), limit)
        assert found == expected, data
        counts[0] += len(expected)
        counts[1] += len(left_out)
        assert [(p.line, p.message) for p in problems] == [
            (start, f"message {number}: {readfile.too_large(str(path), 'mail', size).message}; left out")
            for start, number, size in left_out]
    assert counts[0] > 300 and (counts[1] > 100 if limit < 100 else counts[1] == 0)  # the comparison tests something


CORPUS = sorted(p for p in MAIL.rglob("*") if p.is_file() and p.name != "README.md")


@pytest.mark.parametrize("path", CORPUS, ids=[p.relative_to(MAIL).as_posix() for p in CORPUS])
def test_every_corpus_message_imports_or_is_refused_clearly(project, run, path):
    root = project({**PEOPLE, "log/people/barry.md": person("Barry Warsaw", links="{email: barry@python.org}")},
                   config=CONFIG)
    for args in (("--all", "--since", "1990-01-01"), ("--since", "1990-01-01")):
        result = run("import", "mail", str(path), "--today", TODAY, *args)
        assert result.exit_code in (0, 1)
        assert "Traceback" not in result.output
        for line in result.stderr.splitlines():
            assert LINE.match(line), line
        if result.exit_code == 1:
            assert result.stderr.strip()
    listed = run("drafts")
    assert "fails check" not in listed.stdout, listed.output
    assert run("check").exit_code == 0 or not (root / "log/_drafts").exists()


def test_raw_8bit_headers_and_bodies_are_read_as_utf8_or_replaced(log, run, tmp_path):
    # some clients write UTF-8 (or Latin-1) names and subjects unencoded
    eml = tmp_path / "m.eml"
    eml.write_bytes("From: Jörg Hansen <joerg@hansen-partner.example>\nTo: Me <me@example.com>\n"
                    "Subject: Grüße aus Köln\nDate: Mon, 9 Nov 2026 10:00:00 +0100\nMessage-ID: <k@x>\n"
                    "Content-Type: text/plain\n\nBis bald, Jörg\n".encode() + b"Caf\xe9\n")
    result = run_mail(run, eml)
    assert result.exit_code == 0, result.output
    [text] = drafts(log).values()
    assert front(text)["title"] == "Grüße aus Köln" and "Bis bald, Jörg" in text and "Caf\ufffd" in text


@pytest.mark.slow
def test_a_private_entry_from_mail_stays_out_of_a_share_build(log, run, tmp_path):
    run_mail(run, CLIENTS / "gmail-rejection.eml")
    assert run("drafts", "--accept-all").exit_code == 0
    [entry] = (log / "log/2026").glob("*rejection*.md")
    text = entry.read_text(encoding="utf-8")
    entry.write_text(re.sub(r"(?m)^# private: true.*$", "private: true", text), encoding="utf-8")

    def site_text(folder: Path) -> str:
        return "\n".join(p.read_text("utf-8", "replace") for p in folder.rglob("*") if p.is_file()
                         and p.suffix in (".html", ".json", ".xml", ".txt", ".ics"))

    assert run("build", "--today", TODAY, "-d", str(tmp_path / "full")).exit_code == 0
    assert "litigation focus" in site_text(tmp_path / "full")
    assert run("build", "--share", "--today", TODAY, "-d", str(tmp_path / "shared")).exit_code == 0
    shared = site_text(tmp_path / "shared")
    assert "litigation focus" not in shared and "Legal Operations Manager" not in shared


def test_format_json_lists_drafts_skips_and_problems(log, run, tmp_path):
    box = mbox_of(tmp_path / "b.mbox", ["gmail-rejection.eml", "list-digest.eml"])
    with open(box, "ab") as out:
        out.write(b"From x Mon Nov  9 09:00:00 2026\nFrom: jane@acme.example\nSubject: no date\n\nhi\n")
    import json

    result = run_mail(run, box, "--format", "json", "--dry-run")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["read"], data["in_window"], data["dry_run"]) == (3, 2, True)
    [draft] = data["drafts"]
    assert draft == {"path": "log/_drafts/2026-11-03-rejection-priya-deshmukh.md", "date": "2026-11-03",
                     "kind": "rejection", "with": ["Priya Deshmukh"], "via": [], "title":
                     "Legal Operations Manager – your application",
                     "source": "mail:CAJ7x9=vQm3kP0aZ@mail.gmail.com@2026-11-03"}
    assert data["counts"] == {"bulk mail (List-Id)": 1}
    assert [(p["line"], p["code"]) for p in data["problems"]] == [(data["problems"][0]["line"], "mail-message-left-out")]
    assert drafts(log) == {}


def test_a_file_in_a_maildir_that_is_not_mail_is_left_out_not_fatal(log, run, tmp_path):
    maildir = mailbox.Maildir(tmp_path / "Maildir", create=True)
    maildir.add(message())
    (tmp_path / "Maildir" / "cur" / "junk:2,S").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run_mail(run, tmp_path / "Maildir")
    assert result.exit_code == 0
    assert "junk:2,S:1: warning: not an e-mail message" in result.stderr and "left out" in result.stderr
    assert len(drafts(log)) == 1


@pytest.mark.parametrize("body, encoding", [
    ("We will not be moving forward.", "7bit"), ("We have decided not to pro=\nceed.", "quoted-printable"),
    ("V2UgaGF2ZSBjaG9zZW4gc29tZW9uZSBlbHNlLg==", "base64"),  # "We have chosen someone else."
    ("<p>position has <b>been</b> filled</p>", "7bit"),
])
def test_the_quick_look_for_phrases_never_misses_one(body, encoding):
    from netlog.capture.mail import may_hold_a_phrase

    data = (f"Subject: x\nContent-Transfer-Encoding: {encoding}\nContent-Type: text/plain\n\n{body}\n").encode()
    assert may_hold_a_phrase(data)
    assert not may_hold_a_phrase(b"Subject: Lunch\nContent-Type: text/plain\n\nSee you at noon.\n")


@pytest.mark.parametrize("values", [
    ["Ana Ruiz <ana@x.example>"], ["ana@x.example, Bo  Li <bo@y.example>,"], ["<c@z.example>"],
    ['"Ruiz, Ana" <ana@x.example>'], ["ana@x.example (Ana Ruiz)"], ["Team: a@x.example, b@x.example;"],
    ["=?UTF-8?Q?J=C3=B6rg?= <j@x.example>"], ["Jörg Hansen <joerg@x.example>", "me@example.com"],
    ["not an address"], [""], ["a@b@c"], ["<>"], ["Ana <ana@x.example"], ["Ana\n <ana@x.example>"],
])
def test_reading_addresses_quickly_gives_what_getaddresses_gives(values):
    import email.utils

    from netlog.capture.mail import addresses

    expected = [(name, addr) for name, addr in email.utils.getaddresses(values) if name or addr]
    assert [(name, addr) for name, addr in addresses(values) if name or addr] == expected


def test_a_display_name_that_names_one_person_matches_as_a_calendar_cn_does(log, run, tmp_path):
    eml = tmp_path / "m.eml"
    eml.write_bytes(message("Hello", sender="Jane Doe <jane.private@home.example>"))
    run_mail(run, eml)
    [text] = drafts(log).values()
    assert front(text)["with"] == ["Jane Doe"]


# --------------------------------------------------------------------------- the quick paths give what the slow ones give

_ODD_MESSAGES = [
    b"Subject: crlf\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nline one\r\nline two\r\n",
    b"Subject: no body\nContent-Type: text/plain\n",
    b"Subject: no blank line\nContent-Type: text/plain\nthis line is no header\n\nbody\n",
    b"Subject: folded\nContent-Type:\n multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\nhi\n--b--\n",
    b"Subject: fwd\nContent-Type: message/rfc822\n\nSubject: inner\n\ninner body\n",
    b"Subject: dsn\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\nAction: failed\n",
    b"Subject: lone cr\rContent-Type: text/plain\r\rbody\r",
    b"From someone Mon Nov  9 09:00:00 2026\nSubject: envelope\n\nbody\n",
    b"Subject: b64\nContent-Transfer-Encoding: base64\nContent-Type: text/html; charset=windows-1252\n\n"
    b"PHA+Q2Fm6SBhdCBub29uPC9wPg==\n",
    b"Subject: 8bit \xe9\nContent-Type: text/plain; charset=latin-1\n\nCaf\xe9\n\n\nend\n",
    b"Subject: defect\n  leading continuation\nX: y\n\nbody\n",
    b"",
]


@pytest.mark.parametrize("data", [p.read_bytes() for p in CORPUS] + _ODD_MESSAGES,
                         ids=[p.relative_to(MAIL).as_posix() for p in CORPUS] + [f"odd-{n}" for n in range(len(_ODD_MESSAGES))])
def test_parsing_a_message_of_one_part_quickly_gives_the_parsers_message(data):
    # parse_message sets a one-part message's body without running it through the parser's lines
    from email import policy
    from email.parser import BytesParser

    from netlog.capture.mail import body_text, parse_message

    quick, whole = parse_message(data), BytesParser(policy=policy.compat32).parsebytes(data)
    assert list(quick.raw_items()) == list(whole.raw_items())
    assert quick.get_unixfrom() == whole.get_unixfrom()
    assert [type(d) for d in quick.defects] == [type(d) for d in whole.defects]
    assert [(p.get_content_type(), p.get_payload(decode=True)) for p in quick.walk()] == \
        [(p.get_content_type(), p.get_payload(decode=True)) for p in whole.walk()]
    assert quick.as_bytes() == whole.as_bytes()
    assert body_text(quick) == body_text(whole)
    _same_text(data, whole)


def _same_tree(quick, whole) -> None:
    """``quick`` and ``whole`` are the same message objects: every attribute the parser sets (headers,
    envelope, default type, preamble, epilogue), the defects by type, and the payloads, part by part."""
    assert type(quick) is type(whole)
    assert {k: v for k, v in vars(quick).items() if k not in ("defects", "_payload")} == \
        {k: v for k, v in vars(whole).items() if k not in ("defects", "_payload")}
    assert [type(d) for d in quick.defects] == [type(d) for d in whole.defects]
    if isinstance(whole._payload, list):
        assert isinstance(quick._payload, list) and len(quick._payload) == len(whole._payload)
        for a, b in zip(quick._payload, whole._payload):
            _same_tree(a, b)
    else:
        assert quick._payload == whole._payload


def _random_multiparts(count: int = 600):
    """Multipart messages in the shapes mail clients write (Gmail's multipart/alternative) and
    around them: preambles, epilogues, boundary lines with blanks or more after them, parts
    without headers or with lines that look like boundaries, nested and forwarded parts, no
    closing line, two boundary lines in a row, CR line ends, 8-bit bytes, odd boundaries."""
    import random

    rng = random.Random(11)
    boundaries = [b"b1", b"000000000000a1b2c3d4e5f6", b"a.b+c*(d)", b"----=_Part_1", b"-", b"b1 x", b"=_?"]
    for n in range(count):
        plain = n % 2 == 0  # every other message takes mostly the choices of the quick path's shape
        pick = (lambda options: options[0] if plain and rng.random() < 0.8 else rng.choice(options))
        b = rng.choice(boundaries)
        param = pick([b'boundary="%s"' % b, b"boundary=%s" % b if b" " not in b else b'boundary="%s"' % b,
                      b"charset=utf-8", b"boundary*=utf-8''%C3%A9x"])
        ctype = pick([b"multipart/alternative", b"multipart/mixed", b"multipart/digest", b"Multipart/Related"])
        head = [b"From: Ana <ana@x.example>", b"Subject: s%d" % n, b"Content-Type: %s; %s" % (ctype, param)]
        if not plain and rng.random() < 0.2:
            head.append(rng.choice([b"Content-Transfer-Encoding: base64", b"Content-Transfer-Encoding: 7BIT",
                                    b"MIME-Version: 1.0", b"X: \xe9"]))
        out = [b"\n".join(head), b"\n\n"]
        if rng.random() < 0.2:
            out.append(rng.choice([b"This is a multi-part message in MIME format.\n", b"\n", b"pre\n\n",
                                   b"--%s--\n" % b]))
        for _ in range(rng.choice([1, 2, 2, 2, 3])):
            out.append(b"--" + b + pick([b"\n", b"\n", b"\n", b"  \n", b"\t\n", b"x\n", b"\n--" + b + b"\n"]))
            part = pick([
                b"Content-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n"
                b"Caf=C3=A9 at noon=\n soon.\n",
                b"Content-Type: text/html; charset=\"UTF-8\"\n\n<div dir=\"ltr\">hi<br></div>\n",
                b"\nno headers here\n", b"", b"\n", b"Content-Type: text/plain\n\nline\n\n\n",
                b"Content-Type: text/plain\n\n--%s is not it\n -- %s\n" % (b, b),
                b"Content-Type: text/plain\nno blank line\n", b"Content-Type: message/rfc822\n\nSubject: in\n\nx\n",
                b"Content-Type: multipart/alternative; boundary=\"in\"\n\n--in\n\ninner\n--in--\n",
                b"Content-Type: text/plain\nContent-Disposition: attachment; filename=a.txt\n\nfile\n",
                b"Content-Type: text/plain; charset=latin-1\n\nCaf\xe9\n",
                b"Content-Type: text/plain\r\n\r\ncrlf\r\n", b"Content-Type: text/plain\n\nno end",
            ])
            out.append(part if part.endswith(b"\n") or rng.random() < 0.5 else part + b"\n")
        if rng.random() < 0.9:
            out.append(b"--" + b + pick([b"--\n", b"--\n", b"--", b"-- \n", b"--x\n"]))
            if rng.random() < 0.3:
                out.append(rng.choice([b"epilogue\n", b"\n", b"\nmore\n--%s--\n" % b, b"--%s\nafter\n" % b]))
        yield b"".join(out)


_GMAIL = (b"From: Ana <ana@x.example>\nSubject: Lunch\nMIME-Version: 1.0\n"
          b"Content-Type: multipart/alternative; boundary=\"000000000000a1b2c3\"\n\n"
          b"--000000000000a1b2c3\nContent-Type: text/plain; charset=\"UTF-8\"\n"
          b"Content-Transfer-Encoding: quoted-printable\n\nSee you at noon=2C J=C3=B6rg.\n\n"
          b"--000000000000a1b2c3\nContent-Type: text/html; charset=\"UTF-8\"\n"
          b"Content-Transfer-Encoding: quoted-printable\n\n<div dir=3D\"ltr\">See you at noon</div>\n\n"
          b"--000000000000a1b2c3--\n")


@pytest.mark.parametrize("data", [p.read_bytes() for p in CORPUS] + _ODD_MESSAGES + [_GMAIL] + list(_random_multiparts()))
def test_parsing_a_multipart_message_quickly_gives_the_parsers_message(data):
    # _multipart finds a plain multipart's boundary lines itself and parses each part alone
    import re
    from email import policy
    from email.parser import BytesParser

    from netlog.capture.mail import _multipart, body_text, parse_message

    whole = BytesParser(policy=policy.compat32).parsebytes(data)
    end = re.search(rb"\r?\n\r?\n", data)
    quick = _multipart(data, end.end()) if end and b"\r" not in data else None
    if quick is not None:
        _same_tree(quick, whole)
        assert quick.as_bytes() == whole.as_bytes()
    _same_tree(parse_message(data), whole)
    assert body_text(parse_message(data)) == body_text(whole)
    _same_text(data, whole)


def _same_text(data: bytes, whole) -> None:
    """Parsed for its text (the message's own headers but MIME_HEADERS left out), ``data`` is the
    parser's message ``whole`` less those headers, and gives the same text."""
    import copy

    from netlog.capture.mail import MIME_HEADERS, body_text, message_text, parse_message

    quick = parse_message(data, MIME_HEADERS)
    if quick._headers != whole._headers:  # the quick path: the other headers left out, nothing else
        kept = copy.copy(whole)
        kept._headers = [(n, v) for n, v in whole._headers if n.lower() in MIME_HEADERS]
        _same_tree(quick, kept)
    assert body_text(quick) == body_text(whole)
    assert message_text(data) == body_text(whole)


def test_the_quick_multipart_path_is_taken_for_plain_shapes():
    # the comparison above tests something: most generated messages, and Gmail's shape, go the quick way
    import re

    from netlog.capture.mail import _multipart

    data = [_GMAIL] + list(_random_multiparts())
    quick = [d for d in data if b"\r" not in d and _multipart(d, re.search(rb"\n\n", d).end()) is not None]
    assert _GMAIL in quick
    assert len(quick) > len(data) // 5
    assert len(quick) < len(data) * 4 // 5  # and many do not: the parser's way is compared too


def _thread_mbox(path: Path, messages: list[bytes]) -> Path:
    with open(path, "wb") as out:
        for data in messages:
            out.write(b"From x Mon Nov  9 09:00:00 2026\n" + data + b"\n")
    return path


def test_the_rejection_is_the_first_message_read_that_says_a_phrase(log, run, tmp_path):
    # the messages' text is read when the draft is made, not as the mailbox is read: the same rule holds
    ref = "References: <t1@acme.example>\n"
    box = _thread_mbox(tmp_path / "t.mbox", [
        message("Role", sender="Me <me@example.com>", to="Jane Doe <jane@acme.example>", message_id="<t1@acme.example>",
                body="We have decided not to proceed, I wrote."),  # yours: never a rejection
        message("Re: Role", sender="Jane Doe <jane@acme.example>", date="Mon, 9 Nov 2026 11:00:00 +0000",
                headers=ref, message_id="<t2@acme.example>", body="Thanks, we will talk soon."),
        message("Re: Role", sender="Priya <priya@marlowe-stroud.example>", date="Mon, 9 Nov 2026 12:00:00 +0000",
                headers=ref, message_id="<t3@acme.example>", body="The position has been filled."),
        message("Re: Role: not be moving forward", sender="Jane Doe <jane@acme.example>",
                date="Mon, 9 Nov 2026 13:00:00 +0000", headers=ref, message_id="<t4@acme.example>", body="Sorry."),
    ])
    assert run_mail(run, box).exit_code == 0
    [text] = drafts(log).values()
    assert front(text)["kind"] == "rejection"
    assert "the message from Priya <priya@marlowe-stroud.example> says “position has been filled”" in text
    assert "decided not to proceed, I wrote" in text  # the first message's text in the notes, read once


def test_a_subject_read_after_a_message_to_be_read_does_not_jump_the_queue(log, run, tmp_path):
    ref = "References: <u1@acme.example>\n"
    box = _thread_mbox(tmp_path / "u.mbox", [
        message("Role", sender="Jane Doe <jane@acme.example>", message_id="<u1@acme.example>",
                body="We have chosen someone else."),
        message("Re: Role -- position has been filled", sender="Priya <priya@marlowe-stroud.example>",
                date="Mon, 9 Nov 2026 11:00:00 +0000", headers=ref, message_id="<u2@acme.example>", body="Bye."),
    ])
    assert run_mail(run, box, "--no-body").exit_code == 0
    [text] = drafts(log).values()
    assert "the message from Jane Doe <jane@acme.example> says “chosen someone else”" in text
    assert "We have chosen" not in text  # --no-body: the text decides the kind but stays out of the notes


def test_an_intro_that_says_a_phrase_stays_an_intro(log, run, tmp_path):
    box = _thread_mbox(tmp_path / "i.mbox", [
        message("Intro: Ana <> Jane", sender="Jane Doe <jane@acme.example>",
                to="Me <me@example.com>, Ana Ruiz <ana.ruiz@nordhavn.example>", body="Ana chose someone else."),
    ])
    assert run_mail(run, box).exit_code == 0
    [text] = drafts(log).values()
    assert front(text)["kind"] == "intro"


_ODD_BLOCKS = [
    b"Subject: x\n\n", b"Subject:\n\n", b"A: b\n c\n\td\nE:f\n\n", b"A: b\n\n", b" lead: x\nA: b\n\n",
    b"From x Mon Nov  9 09:00:00 2026\nA: b\n\n", b"A: b\nFrom x\n\n", b":x\nA: b\n\n", b"A: b\r\nC: d\r\n\r\n",
    b"A: b\rC: d\n\n", b"A: \xe9\xff\nB:  spaced  \t\n\n", b"no header\n\n", b"A b: c\n\n", b"A: b\n \n\n",
    b"A: b\nC: d\n\x0c\n\n", b"A: b\x0bc\x1cd\xe2\x80\xa8\n\n", b"\n", b"A: b\n\t\n C\n\n",
]


def _random_blocks(count: int = 400):
    import random

    rng = random.Random(7)
    pieces = [b"A", b"Subject", b"X-Y", b":", b": ", b" ", b"\t", b"\n", b"\r", b"\r\n", b"From ", b"v", b"\xe9",
              b"=?utf-8?q?x?=", b"\x0c", b"\x85", b"<a@b>", b","]
    for _ in range(count):
        body = b"".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        yield b"Subject: s\n" + body + b"\n\n" if rng.random() < 0.5 else body + b"\n\n"
    starts = [b"Subject:", b"X-A:", b"To: ", b" ", b"\t", b"  \t", b"From:", b"~!:", b"a b:", b"From "]
    for _ in range(count):  # blocks of lines, most of them plain (the quick path), some not
        lines = [rng.choice(starts) + b"".join(rng.choice(pieces[3:]) for _ in range(rng.randint(0, 6))).replace(
            b"\n", b"").replace(b"\r", b"" if rng.random() < 0.9 else b"\r") for _ in range(rng.randint(1, 8))]
        yield b"\n".join(lines) + b"\n\n"


@pytest.mark.parametrize("data", [p.read_bytes() for p in CORPUS] + _ODD_MESSAGES + _ODD_BLOCKS + list(_random_blocks()))
def test_reading_a_header_block_quickly_gives_the_parsers_headers(data):
    # header_items splits a block of plain lines itself; anything else goes through the parser
    import re
    from email import policy
    from email.parser import BytesParser

    from netlog.capture.mail import USED_HEADERS, header_items, parse_head

    end = re.search(rb"\r?\n\r?\n", data)
    if end is None:
        return
    block = data[:end.end()]
    whole = BytesParser(policy=policy.compat32).parsebytes(block, headersonly=True)
    assert header_items(block) == list(whole.raw_items())
    for names in (USED_HEADERS, frozenset({"subject"}), frozenset({"x-y", "a", "from"}), frozenset()):
        assert header_items(block, names) == [(n, v) for n, v in whole.raw_items() if n.lower() in names]
    quick = parse_head(block)  # the message object too: every attribute the parser sets
    assert {k: v for k, v in vars(quick).items() if k != "defects"} == \
        {k: v for k, v in vars(whole).items() if k != "defects"}
    assert [type(d) for d in quick.defects] == [type(d) for d in whole.defects]


@pytest.mark.parametrize("data, text", [
    (b"Subject: x\nContent-Type: multipart/alternative; boundary=\"b\"\n\n--b\n\nplain words\n--b\n"
     b"Content-Type: text/html\n\n<p>html <b>words</b></p>\n--b--\n", "plain words"),
    (b"Subject: x\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\n\nplain only\n--b--\n", "plain only"),
    (b"Subject: x\nContent-Type: multipart/alternative; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n\n--b\n"
     b"Content-Type: text/html\n\n<p>html</p>\n--b--\n", ""),
])
def test_a_text_part_without_headers_is_the_plain_text(data, text):
    # a part with no header lines is text/plain (RFC 2046); a Message with no headers is falsy,
    # which once made body_text pass it over and find no text at all
    from netlog.capture.mail import body_text, parse_message

    assert body_text(parse_message(data)) == text
