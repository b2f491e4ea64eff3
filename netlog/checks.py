"""The named checks of ``netlog check``: every problem's stable code (docs/format.md §10).

Each check has a code that never changes once released (``--format json``
consumers, editors and ``netlog check --only/--ignore`` rely on it), the
severity it reports with, the section of docs/format.md it enforces, and a
one-line summary. The checks themselves are small named functions where
the rule lives (``frontmatter.py``, ``load.py``, ``config.py``, ``capture/``); each passes
its code to the problem it makes. docs/format.md §10 lists the same codes
(a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import UnknownCode
from .model import ERROR, WARNING
from .suggest import did_you_mean


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    severity: str
    section: str  # "§2": the part of docs/format.md it enforces
    summary: str


_ALL = (
    # the config (§7)
    Check("config-unreadable", ERROR, "§7", "mkdocs.yml cannot be read or parsed"),
    Check("config-invalid", ERROR, "§7", "a setting of mkdocs.yml is not valid"),
    Check("config-warning", WARNING, "§7", "MkDocs warns about a setting of mkdocs.yml"),
    Check("plugin-not-enabled", WARNING, "§7", "the netlog plugin is not listed under `plugins:`"),
    Check("bad-option", ERROR, "§7", "a netlog plugin option has a wrong value"),
    Check("unknown-option", WARNING, "§7", "an option the netlog plugin does not know"),
    Check("action-without-rule", WARNING, "§5", "a `kinds` option gives an `action` to a kind with no rule"),
    Check("missing-docs-dir", ERROR, "§1", "docs_dir is not a folder"),
    # files and folders (§1)
    Check("unreadable-folder", ERROR, "§1", "a folder of the log cannot be read"),
    Check("unreadable-file", ERROR, "§1", "a file of the log cannot be read"),
    Check("unreadable-link", ERROR, "§1", "a symbolic link to a place this user may not look into"),
    Check("broken-link", ERROR, "§1", "a symbolic link leads nowhere"),
    Check("link-outside", ERROR, "§1", "a symbolic link leads outside the log"),
    Check("link-loop", ERROR, "§1", "a symbolic link to a folder that contains it"),
    Check("not-a-file", ERROR, "§1", "a pipe, socket or device in the log"),
    Check("reserved-path", ERROR, "§1", "a file where netlog generates a page or file"),
    Check("folder-named-md", WARNING, "§1", "a folder whose name ends in .md"),
    Check("not-read", WARNING, "§1", "a Markdown-like file that does not end in .md"),
    Check("person-subfolder", ERROR, "§1", "a person file in a subfolder of people/"),
    Check("name-not-utf8", ERROR, "§8", "a file or folder name that is not UTF-8"),
    Check("name-too-long", ERROR, "§8", "a page name (file stem, slug of a stub) over 250 bytes"),
    # reading a file (§2, §8)
    Check("file-too-large", ERROR, "§8", "a file larger than 2 MiB"),
    Check("not-utf8", ERROR, "§2", "a file that is not UTF-8 text"),
    Check("binary-file", ERROR, "§2", "a binary file with a .md name"),
    Check("no-front-matter", ERROR, "§2", "the file does not start with a '---' line"),
    Check("unclosed-front-matter", ERROR, "§2", "no '---' line closes the front matter"),
    Check("front-matter-too-large", ERROR, "§8", "front matter larger than 64 KiB"),
    Check("tab-indent", ERROR, "§2", "a tab used for indentation in front matter"),
    Check("too-deep", ERROR, "§8", "front matter nested more than 50 levels deep"),
    Check("yaml-syntax", ERROR, "§2", "front matter that YAML cannot read"),
    Check("not-a-mapping", ERROR, "§2", "front matter that is not `key: value` lines"),
    Check("duplicate-key", ERROR, "§2", "the same key twice in one mapping"),
    Check("hostile-notes", WARNING, "§8", "notes Markdown would take too long on, shown as plain text"),
    # keys and values (§2, §3)
    Check("unknown-key", WARNING, "§2", "a key netlog does not know (often a typo)"),
    Check("missing-key", ERROR, "§2", "a required key is missing"),
    Check("empty-value", ERROR, "§2", "a required key has no value"),
    Check("not-text", ERROR, "§2", "a value that must be text"),
    Check("not-list", ERROR, "§2", "a value that must be a list of text"),
    Check("bad-date", ERROR, "§4", "a value that must be a date YYYY-MM-DD"),
    Check("bad-offset", ERROR, "§4", "a value that must be an offset such as 2w"),
    Check("not-boolean", ERROR, "§2", "a value that must be true or false"),
    Check("yaml-reading", WARNING, "§2", "YAML reads a `links` value as other than its text (kept as typed)"),
    Check("yaml-null", WARNING, "§2", "a word YAML reads as no value (`Null`, `NULL`)"),
    Check("yaml-comment", WARNING, "§2", "a value left empty by a `#` comment (`tags: #mentor`)"),
    # people and refs (§3)
    Check("bad-file-name", ERROR, "§3", "a person file whose name is not a slug"),
    Check("old-slug-rule", ERROR, "§3", "a person file named by netlog's earlier slug rule"),
    Check("bad-links", ERROR, "§3", "`links` that is not a mapping of text to text"),
    Check("slug-clash", ERROR, "§3", "two people claim the same slug form"),
    Check("empty-ref", ERROR, "§3", "a ref with no letters or digits"),
    Check("ambiguous-ref", ERROR, "§3", "a ref that names more than one person"),
    Check("reserved-person", ERROR, "§3", "a ref that would be people/index.md"),
    Check("unknown-person", WARNING, "§3", "a ref that names no person file (a stub page is shown)"),
    # entries (§2, §5, §6)
    Check("unknown-kind", ERROR, "§5", "a kind that is neither built in nor in the `kinds` option"),
    Check("no-one-with", ERROR, "§2", "a conversation with no one in `with`"),
    Check("bad-follow-up", ERROR, "§6", "a `follow_up` value netlog cannot read"),
    Check("follow-up-outside-calendar", ERROR, "§4", "a follow-up that falls past 9999-12-31"),
    Check("follow-up-before-date", ERROR, "§6", "a follow-up due before the entry's date"),
    Check("follow-up-no-effect", WARNING, "§6", "a `follow_up` on an entry with no one in `with`"),
    Check("bad-direction", ERROR, "§2", "a `direction` other than out, in or mutual"),
    Check("bad-audience", ERROR, "§2", "an `audience` that is not a whole number"),
    # introductions (§11)
    Check("own-introducer", WARNING, "§11", "a `met_via` naming the person itself (it is skipped)"),
    # capture (§12): what `netlog import ics` and `netlog inbox` report about their input
    Check("ics-unreadable", ERROR, "§12", "a calendar file that is not iCalendar or cannot be read"),
    Check("ics-event-left-out", WARNING, "§12",
          "a calendar event whose timing cannot be read or expanded; the rest is imported"),
    Check("ics-unknown-zone", WARNING, "§12", "a calendar time zone (TZID) that is unknown; its times are read as written"),
    Check("ics-not-utf8", WARNING, "§12", "a calendar file that is not UTF-8; unreadable characters become U+FFFD"),
    Check("inbox-bad-line", ERROR, "§12",
          "an inbox line that does not follow the inbox grammar; it stays in the inbox"),
    # acting on the log (§13)
    Check("bad-birthday", ERROR, "§3", "a `birthday` that is not a day as MM-DD or YYYY-MM-DD"),
    Check("unsure-ref", ERROR, "§13",
          "an inbox line naming no one but close to a person (did you mean); --new-person writes it"),
    # imports of people and mail (§12): what `netlog import vcard|linkedin|mail` report about their input
    Check("contacts-unreadable", ERROR, "§12", "a contacts file that is not a vCard or Connections.csv export"),
    Check("contacts-skipped", ERROR, "§12", "a card or row that cannot be read as a person; the rest are imported"),
    Check("contacts-not-a-person", WARNING, "§12", "a card of an organisation or group; it is skipped"),
    Check("contacts-not-imported", WARNING, "§12", "properties or columns netlog does not keep"),
    Check("contacts-line-unread", WARNING, "§12", "lines of a card that cannot be read; the card is imported without them"),
    Check("contacts-bad-date", WARNING, "§12", "a BDAY or Connected On that is not a date; imported without it"),
    Check("contacts-value-cut", WARNING, "§12", "a value too long for a person file, cut (or a nickname another person has)"),
    Check("contacts-one-person-two-files", WARNING, "§12",
          "a contact that matches two person files: they look like one person (`netlog merge`)"),
    Check("contacts-not-written", ERROR, "§12", "a person file that could not be written"),
    Check("mail-unreadable", ERROR, "§12", "a mail file or folder that is not an .eml, mbox or Maildir"),
    Check("mail-message-left-out", WARNING, "§12", "a message that cannot be read; the rest are imported"),
)

#: code -> Check, in the order docs/format.md lists them.
CHECKS: dict[str, Check] = {c.code: c for c in _ALL}


def validate_codes(codes) -> list[str]:
    """``codes`` (strings, commas allowed inside one) as a list; UnknownCode for one that is not a check's."""
    out: list[str] = []
    for given in codes:
        for code in (c.strip() for c in given.split(",")):
            if not code:
                continue
            if code not in CHECKS:
                raise UnknownCode(f"unknown problem code {code!r}{did_you_mean(code, CHECKS)}; "
                                  "see docs/format.md §10 for the list")
            out.append(code)
    return out


def select(problems, only=(), ignore=()):
    """The problems whose code is in ``only`` (all when it is empty) and not in ``ignore``."""
    only, ignore = set(only), set(ignore)
    return [p for p in problems if (not only or p.code in only) and p.code not in ignore]
