"""netlog import vcard / linkedin: person files from contacts, existing people left alone.

The samples in tests/fixtures are shaped like real exports: an iPhone/macOS
vCard 3.0 card with grouped properties and a folded note, a vCard 4.0 card
with a ``tel:`` URI, and LinkedIn's Connections.csv with its "Notes:" lines
before the header row (CRLF line ends, as LinkedIn writes them).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from helpers import person, tree
from netlog.capture.linkedin import parse_connected_on, parse_linkedin
from netlog.capture.vcard import parse_vcards
from netlog.load import load_log
from netlog.options import to_options

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VCF = str(FIXTURES / "contacts.vcf")
CSV = str(FIXTURES / "Connections.csv")
# problem lines name a file far from the current folder by its absolute path
VCF_SHOWN, CSV_SHOWN = VCF, CSV


@pytest.fixture
def log_with_jane(project):
    return project({"log/people/jane-doe.md": person("Jane Doe", aka="[Jane D.]", org="Acme LLP")})


def people_of(root: Path):
    log, problems = load_log(str(root / "log"), to_options(None))
    # `birthday` is a person key of docs/format.md §3 (check reads it on the branch that adds
    # birthdays; until the merge, its only problem here is being unknown)
    problems = [p for p in problems if not (p.code == "unknown-key" and "'birthday'" in p.message)]
    return log.people, problems


# --------------------------------------------------------------------------- vCard


def test_vcard_import_writes_new_people_and_skips_the_rest(log_with_jane, run):
    root = log_with_jane
    jane = (root / "log/people/jane-doe.md").read_bytes()
    result = run("import", "vcard", VCF)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "created  log/people/adaeze-okonkwo.md  (Adaeze Okonkwo)",
        "created  log/people/søren-lindqvist.md  (Søren Lindqvist)",
        "created  log/people/maya-li-brennan-wu.md  (Maya Li Brennan-Wu)",
        "skipped  ADAEZE OKONKWO (card 5): same person as card 1 ('Adaeze Okonkwo') in this file",
        "skipped  Jane D. (card 6): already in the log: log/people/jane-doe.md (aka 'Jane D.')",
        "created  log/people/tomas-ferreira.md  (Tomás Ferreira)",
        "4 created, 2 skipped, 3 problems",
    ]
    problems = result.stderr.splitlines()
    assert problems == [
        f"{VCF_SHOWN}:35: error: card 4: cannot read it (line 37: 'FN;;;:' is not a property (NAME;PARAM=x:value) "
        "that can be read); skipped",
        f"{VCF_SHOWN}:50: warning: card 7: not imported (netlog keeps name, nickname, birthday, org, title, "
        "email, phone, URL and note): PHOTO",
        f"{VCF_SHOWN}:50: warning: card 7: some lines could not be read and were left out "
        "(line 55: 'X-BROKEN-LINE-WITHOUT-A-COLON' is not a property (NAME:value: it has no colon))",
    ]
    assert (root / "log/people/jane-doe.md").read_bytes() == jane

    people, check = people_of(root)
    assert check == []
    ada = people["adaeze-okonkwo"]
    assert (ada.org, ada.role) == ("Harbour & Vale LLP, Litigation", "Practice Manager")
    assert ada.links == (("email", "adaeze@harbourvale.example"), ("email-2", "ada.okonkwo@mail.example"),
                         ("phone", "+44 20 7946 0000"))
    assert ada.body == ("Met at the Legal Ops Forum, table 6. Wants to compare matter-intake forms.\n"
                        "Ask about the shared-services idea.\n")
    assert ada.met is None  # BDAY is not when you met: it is the birthday
    assert "\nbirthday: 1985-04-12\n" in (root / "log/people/adaeze-okonkwo.md").read_text(encoding="utf-8")
    soren = people["søren-lindqvist"]
    assert soren.role == "Head of Knowledge Management and Legal Technology, Copenhagen and Aarhus offices"
    assert soren.links == (("email", "soren@nordhavn.example"), ("phone", "+45-3312-3456"),
                           ("url", "https://nordhavn.example/people/soren"))
    maya = people["maya-li-brennan-wu"]
    assert maya.name == "Maya Li Brennan-Wu"  # from N: no FN
    assert maya.role == "VP, Client Services"  # an unescaped comma keeps what follows it
    assert maya.links == (("email", "maya@brennanwu.example"), ("url", "http://brennanwu.example/maya"))
    assert people["tomas-ferreira"].org == "Ferreira & Filhos"
    assert run("check").exit_code == 0


def test_vcard_dry_run_writes_nothing(log_with_jane, run):
    root = log_with_jane
    before = tree(root)
    result = run("import", "vcard", VCF, "--dry-run")
    assert result.exit_code == 0
    assert tree(root) == before
    out = result.stdout.splitlines()
    assert "would create  log/people/adaeze-okonkwo.md  (Adaeze Okonkwo)" in out
    assert out[-1] == "4 created, 2 skipped, 3 problems (dry run: nothing was written)"


def test_a_second_import_skips_everyone(log_with_jane, run):
    run("import", "vcard", VCF)
    before = tree(log_with_jane)
    result = run("import", "vcard", VCF)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "0 created, 6 skipped, 3 problems"
    assert tree(log_with_jane) == before


def test_vcard_values_yaml_would_misread_round_trip(log_with_jane, run, tmp_path):
    vcf = tmp_path / "odd.vcf"
    vcf.write_text('BEGIN:VCARD\nVERSION:3.0\nFN:O\'Neil: "x"\nORG:- [a]\nTITLE:yes\n'
                   "NOTE:---\\nnot front matter\nEND:VCARD\n", encoding="utf-8")
    assert run("import", "vcard", str(vcf)).exit_code == 0
    people, problems = people_of(log_with_jane)
    assert problems == []
    p = people["o-neil-x"]
    assert (p.name, p.org, p.role, p.body) == ('O\'Neil: "x"', "- [a]", "yes", "---\nnot front matter\n")


def test_a_contact_named_index_is_skipped(log_with_jane, run, tmp_path):
    vcf = tmp_path / "index.vcf"
    vcf.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Index\nEND:VCARD\n", encoding="utf-8")
    result = run("import", "vcard", str(vcf))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "0 created, 1 skipped, 0 problems"
    assert not (log_with_jane / "log/people/index.md").exists()


def test_parse_vcards_reads_several_cards_and_versions():
    contacts, notes = parse_vcards((FIXTURES / "contacts.vcf").read_text(encoding="utf-8"))
    assert [c.name for c in contacts] == ["Adaeze Okonkwo", "Søren Lindqvist", "Maya Li Brennan-Wu",
                                          "ADAEZE OKONKWO", "Jane D.", "Tomás Ferreira"]
    assert [(n.line, n.severity, n.code) for n in notes] == [
        (35, "error", "contacts-skipped"), (50, "warning", "contacts-not-imported"),
        (50, "warning", "contacts-line-unread")]


def test_an_unfinished_card_and_an_organisation_card_are_problems():
    text = ("BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Acme LLP\nEND:VCARD\n"
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEND:VCARD\n"
            "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\n")
    contacts, notes = parse_vcards(text)
    assert [c.name for c in contacts] == ["Ann Lee"]
    assert [(n.line, n.severity, n.message) for n in notes] == [
        (10, "error", "card 3: no END:VCARD; skipped"),
        (1, "warning", "card 1: 'Acme LLP' is not a person (KIND:org); skipped"),
    ]


def test_vcard_2_1_quoted_printable_notes_and_an_unfinished_card_before_another():
    text = ("BEGIN:VCARD\nVERSION:3.0\nFN:Never Ends\n"
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Lef=C3=A8vre;=C3=89li=\r\n"
            "se\r\nNOTE:line one\\nline two\\, three\r\nNOTE:second note\r\nEND:VCARD\r\n")
    contacts, notes = parse_vcards(text)
    assert [(c.where, c.name, c.note) for c in contacts] == [
        ("card 2", "Élise Lefèvre", "line one\nline two, three\n\nsecond note")]
    assert [(n.line, n.message) for n in notes] == [
        (1, "card 1: no END:VCARD before the next card (line 4); skipped")]


def test_a_utf16_export_is_named_as_such(log_with_jane, run, tmp_path):
    # one policy for every file netlog reads (readfile.py, issue 19): UTF-8; UTF-16 is named
    vcf = tmp_path / "outlook.vcf"
    vcf.write_bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Hart\r\nEND:VCARD\r\n".encode("utf-16"))
    result = run("import", "vcard", str(vcf))
    assert result.exit_code == 1
    assert f"{os.path.relpath(vcf)}:1: error: the file is UTF-16 text, not UTF-8; save it as UTF-8" in result.stderr


# --------------------------------------------------------------------------- LinkedIn


def test_linkedin_import_reads_the_real_export_shape(log_with_jane, run):
    root = log_with_jane
    result = run("import", "linkedin", CSV)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "created  log/people/priyanka-deshmukh.md  (Priyanka Deshmukh)",
        "skipped  Jane Doe (row 2): already in the log: log/people/jane-doe.md",
        "created  log/people/liam-o-connell.md  (Liam O'Connell)",
        "skipped  Liam O'Connell (row 5): same person as row 3 (\"Liam O'Connell\") in this file",
        "created  log/people/chen-wei.md  (Chen Wei)",
        "3 created, 2 skipped, 2 problems",
    ]
    assert result.stderr.splitlines() == [
        f"{CSV_SHOWN}:8: error: row 4: no name (First Name, Last Name); skipped",
        f"{CSV_SHOWN}:10: warning: row 6: Connected On '31 Foo 2024' is not a date such as 23 Apr 2023; "
        "imported without `met`",
    ]
    people, problems = people_of(root)
    assert problems == []
    p = people["priyanka-deshmukh"]
    assert (p.org, p.role, p.met) == ("Marlowe, Stroud & Co", "Director of Legal Operations", dt.date(2024, 3, 12))
    assert p.links == (("linkedin", "https://www.linkedin.com/in/priyanka-deshmukh-0a1b2c"),
                       ("email", "priyanka@example.com"))
    liam = people["liam-o-connell"]
    assert (liam.role, liam.met, liam.links) == (
        "Partner, Disputes", dt.date(2025, 2, 28), (("linkedin", "https://www.linkedin.com/in/liamoconnell"),))
    assert people["chen-wei"].met is None and people["chen-wei"].org is None
    assert people["jane-doe"].org == "Acme LLP"  # left untouched
    assert run("check", "--strict").exit_code == 0


def test_linkedin_dry_run_writes_nothing(log_with_jane, run):
    before = tree(log_with_jane)
    result = run("import", "linkedin", CSV, "--dry-run")
    assert result.exit_code == 0
    assert tree(log_with_jane) == before
    assert result.stdout.splitlines()[-1] == "3 created, 2 skipped, 2 problems (dry run: nothing was written)"


def test_linkedin_with_a_bom_and_lf_line_ends_and_no_notes():
    text = "\ufeffFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Lee,,,,,1 Sept 2023\n"
    contacts, notes = parse_linkedin(text.lstrip("\ufeff"))
    assert [(c.name, c.met) for c in contacts] == [("Ann Lee", dt.date(2023, 9, 1))]
    assert notes == []


@pytest.mark.parametrize("text, expected", [
    ("12 Mar 2024", dt.date(2024, 3, 12)), ("1 march 2024", dt.date(2024, 3, 1)),
    ("2024-03-12", dt.date(2024, 3, 12)), ("31 Feb 2024", None), ("12 Mars 2024", None), ("", None),
])
def test_parse_connected_on(text, expected):
    assert parse_connected_on(text) == expected


# --------------------------------------------------------------------------- files that cannot be read


@pytest.mark.parametrize("kind, content, message", [
    ("vcard", None, "cannot read"),
    ("linkedin", None, "cannot read"),
    ("vcard", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not valid UTF-8 (byte 0x89 on line 1)"),
    ("linkedin", b"\x00\x01\x02 binary", "a binary file (a NUL byte)"),
    ("vcard", b"just some text\nno cards here\n", "no vCard in the file"),
    ("linkedin", b"Notes:\nsomething else entirely\n", "no header row with First Name and Last Name"),
    ("vcard", b"BEGIN:VCARD\nVERSION:3.0\nFN;;;:\nEND:VCARD\n", "nothing in"),
])
def test_a_file_that_cannot_be_read_exits_1_without_a_traceback(log_with_jane, run, tmp_path, kind, content,
                                                                 message):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    before = tree(log_with_jane)
    result = run("import", kind, str(path))
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert tree(log_with_jane) == before


def test_import_commands_have_help_with_examples(run):
    for kind in ("vcard", "linkedin"):
        result = run("import", kind, "--help")
        assert result.exit_code == 0 and "Example" in result.stdout and "--dry-run" in result.stdout


# --------------------------------------------------------------------------- issue 9, kind 8


def test_an_apple_company_card_is_skipped_like_kind_org():
    text = ("BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:Acme Corp\nORG:Acme Corp;\nX-ABShowAs:COMPANY\nEND:VCARD\n"
            "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Lee\nEND:VCARD\n")
    contacts, notes = parse_vcards(text)
    assert [c.name for c in contacts] == ["Sam Lee"]
    assert [n.message for n in notes] == [
        "card 1: 'Acme Corp' is not a person (a company card: X-ABShowAs:COMPANY); skipped"]


def test_excel_semicolon_connections_csv_is_read():
    text = ("Notes:\n\"x; y\"\n\nFirst Name;Last Name;URL;Email Address;Company;Position;Connected On\n"
            "Priya;Desh;https://l.example/p;p@example.com;\"Marlowe, Stroud; Co\";Director;12 Mar 2024\n")
    contacts, notes = parse_linkedin(text)
    assert notes == []
    (c,) = contacts
    assert (c.name, c.org, c.role) == ("Priya Desh", "Marlowe, Stroud; Co", "Director")
    assert c.links == (("linkedin", "https://l.example/p"), ("email", "p@example.com"))


def test_older_linkedin_columns_are_read_and_unknown_ones_reported():
    text = ("First Name,Last Name,E-mail Address,Company,Job Title,Phone,Connected On\n"
            "Ana,Ruiz,ana@example.com,Acme,Counsel,+34 600,01 Feb 2020\n"
            "Bo,Li,,,,,\n")
    contacts, notes = parse_linkedin(text)
    assert [(c.name, c.org, c.role, c.links) for c in contacts] == [
        ("Ana Ruiz", "Acme", "Counsel", (("email", "ana@example.com"),)), ("Bo Li", None, None, ())]
    assert [(n.line, n.severity, n.message) for n in notes] == [
        (1, "warning", "columns not imported (netlog reads First Name, Last Name, URL, Email Address, Company, "
                       "Position, Connected On): Phone")]


def test_contacts_files_are_read_up_to_a_limit(log_with_jane, run, tmp_path, monkeypatch):
    from netlog import readfile

    monkeypatch.setitem(readfile.LIMITS, "contacts", (1024, "contacts files", "; export without photos"))
    big = tmp_path / "big.vcf"
    big.write_text("BEGIN:VCARD\nFN:A\nEND:VCARD\n" * 100)
    result = run("import", "vcard", str(big))
    assert result.exit_code == 1
    assert "file is 0.0 MiB; netlog reads contacts files of at most 0.0 MiB; export without photos" in result.output


def test_dev_zero_is_refused_without_reading_it_all(log_with_jane, run):
    result = run("import", "vcard", "/dev/zero")
    assert result.exit_code == 1
    assert "netlog reads contacts files of at most 64 MiB" in result.output
