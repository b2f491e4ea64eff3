"""Imports of people that find the person you already have (docs/format.md §12, issue 25):
matching by name and aka, e-mail, phone and profile URL; honorifics; NICKNAME, BDAY and every
form of LinkedIn's Connected On; two files that are one person; values that would make a file
`check` rejects; problems through the one printer (escaped, and as JSON)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import person, tree
from netlog.capture.contacts import phone_key, url_key, without_honorifics
from netlog.capture.linkedin import parse_connected_on, parse_linkedin
from netlog.capture.vcard import birthday, parse_vcards
from netlog.load import load_log
from netlog.options import to_options

JON = person("Jonathan Smith", links="{email: jon@smith.example, phone: '+44 20 7946 0000', "
                                     "linkedin: 'https://www.linkedin.com/in/JonSmith/'}")
JAN = person("Jan Smit", links="{phone: '+31 6 1234 5678'}")
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def card(*lines: str) -> str:
    return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VCARD\r\n"


@pytest.fixture
def smiths(project):
    return project({"log/people/jonathan-smith.md": JON, "log/people/jan-smit.md": JAN})


def loaded(root):
    log, problems = load_log(str(root / "log"), to_options(None))
    return log, [p for p in problems if not (p.code == "unknown-key" and "'birthday'" in p.message)]


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize("line, reason", [
    ("EMAIL:JON@Smith.example", "same email as log/people/jonathan-smith.md (jon@smith.example)"),
    ("TEL:020 7946 0000", "same phone number as log/people/jonathan-smith.md (079460000)"),
    ("TEL;TYPE=cell:tel:+44-20-7946-0000", "same phone number as log/people/jonathan-smith.md (079460000)"),
    ("URL:http://linkedin.com/in/jonsmith", "same profile URL as log/people/jonathan-smith.md "
                                            "(linkedin.com/in/jonsmith)"),
    ("URL:HTTPS://WWW.LINKEDIN.COM/in/JonSmith//", "same profile URL as log/people/jonathan-smith.md "
                                                   "(linkedin.com/in/jonsmith)"),
])
def test_an_existing_person_is_found_by_a_link_and_the_reason_said(smiths, run, tmp_path, line, reason):
    vcf = tmp_path / "c.vcf"
    vcf.write_text(card("FN:Jon Smith", line), encoding="utf-8")
    before = tree(smiths)
    result = run("import", "vcard", str(vcf))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"skipped  Jon Smith (card 1): {reason}", "0 created, 1 skipped, 0 problems"]
    assert tree(smiths) == before


def test_short_numbers_and_other_links_match_no_one(smiths, run, tmp_path):
    vcf = tmp_path / "c.vcf"
    # 6 digits are too few to compare; the same path on another host is another profile
    vcf.write_text(card("FN:Jon Smith", "TEL:946 0000"[:7], "URL:https://linkedin.example/in/jonsmith"),
                   encoding="utf-8")
    result = run("import", "vcard", str(vcf))
    assert result.stdout.splitlines()[0] == "created  log/people/jon-smith.md  (Jon Smith)"


@pytest.mark.parametrize("value, key", [
    ("+44 20 7946 0000", "079460000"), ("(020) 7946-0000", "079460000"), ("tel:+1-555-0100", "15550100"),
    ("12345", None), ("https://x.example/123456789", None), ("jon@x.example", None),
])
def test_phone_key(value, key):
    assert phone_key(value) == key


@pytest.mark.parametrize("value, key", [
    ("https://www.LinkedIn.com/in/x/", "linkedin.com/in/x"), ("www.x.example/p", "x.example/p"),
    ("linkedin.com/in/x", "linkedin.com/in/x"), ("jon@x.example", None), ("+44 20 7946 0000", None),
])
def test_url_key(value, key):
    assert url_key(value) == key


def test_a_card_matching_two_files_names_netlog_merge(smiths, run, tmp_path):
    vcf = tmp_path / "c.vcf"
    vcf.write_text(card("FN:J. Smith", "EMAIL:jon@smith.example", "TEL:+31 6 1234 5678"), encoding="utf-8")
    result = run("import", "vcard", str(vcf), "--dry-run")
    assert result.stdout.splitlines()[0] == ("skipped  J. Smith (card 1): same email as "
                                             "log/people/jonathan-smith.md (jon@smith.example)")
    assert result.stderr.splitlines() == [
        "c.vcf:1: warning: card 1 (J. Smith) matches log/people/jonathan-smith.md and log/people/jan-smit.md: "
        "they look like one person; if so, merge them with `netlog merge jan-smit jonathan-smith`"]


def test_repeats_in_one_file_are_found_by_address_too(project, run, tmp_path):
    project({})
    csv = tmp_path / "Connections.csv"
    csv.write_text(HEADER + "Jon,Smith,,jon@x.example,,,\nJonathan,Smith,,JON@x.example,,,\n", encoding="utf-8")
    result = run("import", "linkedin", str(csv))
    assert result.stdout.splitlines() == [
        "created  log/people/jon-smith.md  (Jon Smith)",
        "skipped  Jonathan Smith (row 2): same person as row 1 ('Jon Smith') in this file",
        "1 created, 1 skipped, 0 problems"]


def test_a_name_that_is_an_aka_is_the_person(project, run, tmp_path):
    project({"log/people/ana-ruiz.md": person("Ana Ruiz", aka="[Ana María Ruiz]")})
    csv = tmp_path / "Connections.csv"
    csv.write_text(HEADER + "Ana María,Ruiz,,,,,\n", encoding="utf-8")
    assert run("import", "linkedin", str(csv)).stdout.splitlines()[0] == (
        "skipped  Ana María Ruiz (row 1): already in the log: log/people/ana-ruiz.md (aka 'Ana María Ruiz')")


# --------------------------------------------------------------------------- names, nicknames, birthdays


@pytest.mark.parametrize("name, kept", [
    ("Dr. Joël Müller-Lüdenscheidt", "Joël Müller-Lüdenscheidt"), ("Prof. Dr. Ana Ruiz", "Ana Ruiz"),
    ("Sam Lee, PhD", "Sam Lee"), ("Martin Luther King Jr.", "Martin Luther King"), ("MR BEAN", "BEAN"),
    ("Dr.", "Dr."), ("Drew Barry", "Drew Barry"),
])
def test_without_honorifics(name, kept):
    assert without_honorifics(name) == kept


def test_a_vcard_name_is_n_without_its_honorifics_and_nicknames_become_aka(project, run, tmp_path):
    root = project({})
    vcf = tmp_path / "c.vcf"
    vcf.write_text(card("N:Müller-Lüdenscheidt;Joël;;Dr.;", "FN:Dr. Joël Müller-Lüdenscheidt", "NICKNAME:Jo,Joe",
                        "BDAY:--0423")
                   + card("FN:Dr. Marc Durand", "NICKNAME:Marc") + card("FN:Ann Lee", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29")
                   + card("FN:Bo Li", "BDAY:19850423") + card("FN:Cy Ng", "BDAY:1985-02-30"),
                   encoding="utf-8")
    result = run("import", "vcard", str(vcf))
    assert result.stdout.splitlines()[:2] == ["created  log/people/joel-muller-ludenscheidt.md  (Joël Müller-Lüdenscheidt)",
                                              "created  log/people/marc-durand.md  (Marc Durand)"]
    assert result.stderr.splitlines() == [
        "c.vcf:26: warning: card 5: BDAY '1985-02-30' is not a date such as 1985-04-23 or --04-23; "
        "imported without `birthday`"]
    log, problems = loaded(root)
    assert problems == []
    joel = log.people["joel-muller-ludenscheidt"]
    assert joel.aka == ("Jo", "Joe")
    text = (root / "log/people/joel-muller-ludenscheidt.md").read_text(encoding="utf-8")
    assert "\nbirthday: 04-23\n" in text or "\nbirthday: '04-23'\n" in text
    assert log.people["marc-durand"].aka == ("Marc",)  # so `Marc` names him
    assert "birthday: 1985-04-23" in (root / "log/people/bo-li.md").read_text(encoding="utf-8")
    assert "birthday" in (root / "log/people/ann-lee.md").read_text(encoding="utf-8")
    assert "1604" not in (root / "log/people/ann-lee.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("value, omit, expected", [
    ("1985-04-23", "", "1985-04-23"), ("19850423", "", "1985-04-23"), ("--0423", "", "04-23"),
    ("--04-23", "", "04-23"), ("1604-02-29", "1604", "02-29"), ("1985-04-23T00:00:00Z", "", "1985-04-23"),
    ("1985-13-01", "", None), ("April", "", None), ("2001-02-29", "", None), ("--0229", "", "02-29"),
])
def test_birthday_forms(value, omit, expected):
    assert birthday(value, omit) == expected


def test_a_nickname_another_person_has_is_left_out_with_a_warning(project, run, tmp_path):
    root = project({"log/people/marc-lee.md": person("Marc Lee", aka="[Marc]")})
    vcf = tmp_path / "c.vcf"
    vcf.write_text(card("FN:Marcus Aurel", "NICKNAME:Marc,Aurel"), encoding="utf-8")
    result = run("import", "vcard", str(vcf))
    assert result.exit_code == 0
    assert "nickname 'Marc' left out: another person already has that name or aka" in result.stderr
    log, problems = loaded(root)
    assert problems == [] and log.people["marcus-aurel"].aka == ("Aurel",)


@pytest.mark.parametrize("text, expected", [
    ("23 Apr 2023", dt.date(2023, 4, 23)), ("23-Apr-23", dt.date(2023, 4, 23)), ("4/23/23", dt.date(2023, 4, 23)),
    ("1/8/18, 6:14 PM", dt.date(2018, 1, 8)), ("01/08/2018 18:14", dt.date(2018, 1, 8)),
    ("Apr 23, 2023", dt.date(2023, 4, 23)), ("2023-04-23", dt.date(2023, 4, 23)), ("23 April 2023", dt.date(2023, 4, 23)),
    ("2/30/23", None), ("23-Foo-23", None),
])
def test_connected_on_in_every_form(text, expected):
    assert parse_connected_on(text) == expected


def test_linkedin_names_lose_their_honorifics():
    found, problems = parse_linkedin(HEADER + "Dr. Joël,Müller-Lüdenscheidt,,,,,\"1/8/18, 6:14 PM\"\n", "c.csv")
    assert problems == []
    assert [(c.name, c.met) for c in found] == [("Joël Müller-Lüdenscheidt", dt.date(2018, 1, 8))]


# --------------------------------------------------------------------------- never a file check rejects


def test_a_long_org_and_a_huge_note_are_cut_so_check_passes(project, run, tmp_path):
    root = project({})
    vcf = tmp_path / "c.vcf"
    vcf.write_text(card("FN:Ada Long", "ORG:" + "Very Long Organisation " * 12, "TITLE:" + "x" * 300,
                        "NOTE:" + "n" * (3 * 1024 * 1024)), encoding="utf-8")
    result = run("import", "vcard", str(vcf))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "created  log/people/ada-long.md  (Ada Long)"
    [warning] = result.stderr.splitlines()
    assert "org cut to" in warning and "role cut to 200 of its 300 characters" in warning
    assert "notes cut to the first 100,000 of their 3,145,728 characters" in warning
    log, problems = loaded(root)
    assert [p for p in problems if p.severity == "error"] == []
    assert len(log.people["ada-long"].org) <= 200
    assert run("check").exit_code == 0


def test_a_name_too_long_for_a_file_is_refused_with_a_reason(project, run, tmp_path):
    root = project({})
    vcf = tmp_path / "c.vcf"
    vcf.write_text(card("FN:" + "Name " * 80), encoding="utf-8")
    result = run("import", "vcard", str(vcf))
    assert "its person file would not pass `netlog check`" in result.stdout
    assert not list((root / "log").rglob("*.md"))


def test_a_card_refused_by_the_check_between_others_is_skipped_in_its_place(project, run, tmp_path):
    root = project({})
    vcf = tmp_path / "c.vcf"
    vcf.write_text(card("FN:Ann Lee") + card("FN:" + "Name " * 80) + card("FN:Bob Roe"), encoding="utf-8")
    result = run("import", "vcard", str(vcf))
    lines = result.stdout.splitlines()
    assert lines[0] == "created  log/people/ann-lee.md  (Ann Lee)"
    assert lines[1].startswith("skipped  Name Name") and "(card 2): its person file would not pass `netlog check`: " \
        "the name is too long for a file name" in lines[1]
    assert lines[2] == "created  log/people/bob-roe.md  (Bob Roe)"
    assert lines[-1] == "2 created, 1 skipped, 0 problems"
    assert sorted(p.name for p in (root / "log" / "people").iterdir()) == ["ann-lee.md", "bob-roe.md"]


def test_files_checked_together_give_each_file_the_problems_it_gives_alone():
    from netlog.capture.contacts import file_problems, files_problems

    files = [("log/people/ann-lee.md", "---\nname: Ann Lee\n---\n"),
             ("log/people/bad-date.md", "---\nname: Bad Date\nmet: someday\n---\n"),
             ("log/people/" + "n" * 300 + ".md", "---\nname: " + "N" * 300 + "\n---\n"),
             ("log/people/no-yaml.md", "---\nname: [unclosed\n---\n"),
             ("log/people/wrong-file.md", "---\nname: Someone Else\n---\n"),
             ("log/people/bob-roe.md", "---\nname: Bob Roe\nlinks:\n  email: bob@example.com\n---\n")]
    together = files_problems(files)
    assert together == [file_problems(path, text) for path, text in files]
    assert together[0] == [] and together[-1] == []
    assert [any(p.severity == "error" for p in problems) for problems in together] == [False, True, True, True,
                                                                                     False, False]
    # two files of one name (never planned) are checked one by one, not as a clash with each other
    twice = [files[0], ("elsewhere/people/ann-lee.md", files[0][1])]
    assert files_problems(twice) == [[], []]


def test_a_huge_linkedin_cell_is_read_and_cut(project, run, tmp_path):
    root = project({})
    csv = tmp_path / "Connections.csv"
    csv.write_text(HEADER + f"Ann,Lee,,,\"{'Acme ' * 60000}\",,\n", encoding="utf-8")
    result = run("import", "linkedin", str(csv))
    assert result.exit_code == 0 and "created  log/people/ann-lee.md" in result.stdout
    assert "org cut to" in result.stderr
    assert loaded(root)[1] == []


def test_a_cell_over_the_limit_is_named_not_called_not_csv(project, run, tmp_path):
    project({})
    csv = tmp_path / "Connections.csv"
    csv.write_text(HEADER + f"Ann,Lee,,,\"{'x' * (2 * 1024 * 1024)}\",,\n", encoding="utf-8")
    result = run("import", "linkedin", str(csv))
    assert result.exit_code == 1
    assert "Connections.csv:2: error: a cell is longer than 1 MiB of text" in result.stderr
    assert "not a CSV file" not in result.stderr


# --------------------------------------------------------------------------- the one printer


def test_hostile_names_reach_the_terminal_escaped_on_every_path(project, run, tmp_path):
    project({})
    vcf = tmp_path / "c.vcf"
    vcf.write_text(card("FN:Eve\x1b[31mRed", "BDAY:\x1b]0;title\x07") + card("FN:Eve\x1b[31mRed"), encoding="utf-8")
    result = run("import", "vcard", str(vcf))
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
    assert "\\x1b" in result.stdout and "\\x1b" in result.stderr
    broken = tmp_path / "broken.vcf"
    broken.write_text(card("FN;;;:\x1b[2J"), encoding="utf-8")
    result = run("import", "vcard", str(broken))
    assert result.exit_code == 1 and "\x1b" not in result.stderr


def test_format_json_gives_steps_and_problems_as_check_does(smiths, run, tmp_path):
    vcf = tmp_path / "c.vcf"
    vcf.write_text(card("FN:Jon Smith", "EMAIL:jon@smith.example") + card("FN:Ann Lee", "BDAY:soon"), encoding="utf-8")
    result = run("import", "vcard", str(vcf), "--format", "json", "--dry-run")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["dry_run"] is True
    assert data["created"] == [{"name": "Ann Lee", "where": "card 2", "line": 6, "path": "log/people/ann-lee.md"}]
    assert data["skipped"] == [{"name": "Jon Smith", "where": "card 1", "line": 1, "match": "log/people/jonathan-smith.md",
                                "reason": "same email as log/people/jonathan-smith.md (jon@smith.example)"}]
    assert data["problems"] == [{"path": "c.vcf", "line": 9, "severity": "warning", "code": "contacts-bad-date",
                                 "message": "card 2: BDAY 'soon' is not a date such as 1985-04-23 or --04-23; "
                                            "imported without `birthday`"}]
    assert not (smiths / "log/people/ann-lee.md").exists()


def test_every_import_problem_has_a_registered_code(tmp_path):
    from netlog.checks import CHECKS

    _, problems = parse_vcards(card("FN:A", "X:1", "PHOTO:x", "BDAY:no", "BROKEN") + card("N:;;;;")
                               + "BEGIN:VCARD\nFN:B\n", "c.vcf")
    _, more = parse_linkedin(HEADER + ",,,,,,\nA,B,,,,,never\n", "c.csv")
    assert {p.code for p in problems + more} <= set(CHECKS)
    assert all(CHECKS[p.code].severity == p.severity for p in problems + more)


@pytest.mark.slow
def test_an_imported_long_org_and_huge_note_build(project, run, tmp_path):
    # issue 20: a 260-character ORG made `build` fail with "File name too long" (orgs/<slug>.html)
    root = project({})
    vcf = tmp_path / "c.vcf"
    vcf.write_text(card("FN:Ada Long", "ORG:" + "x" * 260, "NOTE:" + "n " * (1536 * 1024))
                   + card("FN:Bo Wide", "ORG:" + "組織" * 130), encoding="utf-8")
    assert run("import", "vcard", str(vcf)).exit_code == 0
    assert run("check").exit_code == 0
    result = run("build", "--today", "2026-11-25", "-d", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "people" / "ada-long" / "index.html").exists()
    assert len(list((tmp_path / "site" / "orgs").iterdir())) >= 2  # each org has its page


# --------------------------------------------------------------------------- vobject, driven cheaply


#: Cards that take every road of vcard._content_line: quoted-printable values (an ENCODING
#: parameter in any case, the bare 2.1 form, a charset, a bad charset, bad escapes), BDAY with
#: and without parameters, grouped and quoted parameters, escapes, lines vobject cannot read.
_TRICKY = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Lef=C3=A8vre;=C3=89li=\r\n"
    "se\r\nNOTE:line one\\nline two\\, three\r\nNOTE;QUOTED-PRINTABLE:caf=C3=A9=0D=0Aau lait\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\nVERSION:2.1\nFN;encoding=quoted-printable;charset=ISO-8859-1:Ren=E9e Dupr=E9\n"
    "TITLE;ENCODING=QUOTED-PRINTABLE;CHARSET=NOT-A-CHARSET:Chef=E9\nORG;ENCODING=8BIT:Caf\u00e9 Ltd\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:broken =ZZ escape\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nN:Quill;Ann;;;\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-03-09\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Day\nBDAY;VALUE=date:--0412\nBDAY:1990-01-01\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:4.0\nFN:Cy Param\nitem1.TEL;TYPE=\"voice,cell\";PREF=1:+1 555 0100\n"
    "item1.X-ABLabel:mobile\nEMAIL;type=INTERNET;type=pref:cy@example.com\nADR;TYPE=home:;;1 Main St\\, Apt 2;Town;;;\n"
    "ORG:A\\;B;Dept\\\\;Team\nNICKNAME:Cyc,C\\,Y\nURL;VALUE=uri:https\\://example.com/cy\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Dee Bad\nX-BROKEN-LINE-WITHOUT-A-COLON\n;NOPE:value\nPHOTO;ENCODING=b;TYPE=JPEG:!!!\n"
    "TEL;;;:123\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nN;LANGUAGE=de:M\u00fcller;J\u00f6rg;;Dr.;\nTITLE;CHARSET=UTF-8:VP, Sales\nEND:VCARD\n"
)


def _reference_line(text, number):
    """What vobject's own ContentLine makes of a line: the plain road _content_line spares."""
    from vobject.base import textLineToContentLine

    line = textLineToContentLine(text, number)
    return line.name.upper(), line.value, line.params


def _corpus() -> list[str]:
    from pathlib import Path

    return [(Path(__file__).parent / "fixtures" / "contacts.vcf").read_text(encoding="utf-8"), _TRICKY]


@pytest.mark.parametrize("text", _corpus(), ids=["fixture", "tricky"])
def test_vobject_lines_read_cheaply_give_the_people_and_problems_contentline_gives(text, monkeypatch):
    from netlog.capture import vcard

    fast = parse_vcards(text, "c.vcf")
    monkeypatch.setattr(vcard, "_content_line", _reference_line)
    assert fast == parse_vcards(text, "c.vcf")
    assert fast[0] and fast[1]  # people and problems both: the corpus tests something


def test_every_line_of_the_corpus_reads_as_contentline_reads_it():
    from netlog.capture.vcard import _content_line, logical_lines, split_cards

    seen = 0
    for text in _corpus():
        cards, _notes = split_cards(text)
        for _n, first, lines in cards:
            for number, line in logical_lines(lines, first):
                try:
                    expected = _reference_line(line, number)
                except Exception as e:  # noqa: BLE001 - whatever vobject raises, the cheap road raises too
                    with pytest.raises(type(e)):
                        _content_line(line, number)
                    continue
                name, value, params = _content_line(line, number)
                assert (name, value) == expected[:2]
                if name == "BDAY" or params:
                    assert params == expected[2]
                seen += 1
    assert seen > 60


def test_paths_shown_by_folder_are_the_paths_shown(tmp_path, monkeypatch):
    import os

    from netlog.commands.imports import _shown_by_folder
    from netlog.report import shown

    (tmp_path / "log" / "people").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "log")
    shown_in = _shown_by_folder()
    for path in ["people/a.md", str(tmp_path / "log" / "people" / "b.md"), "c.md", "./c.md", "../d/e.md",
                 str(tmp_path / "f.md"), "people//g.md", "people/../h.md", os.sep + "i.md", "people/a.md"]:
        assert shown_in(path) == shown(path), path


@pytest.mark.parametrize("line", ["FN:Ada Brennan", "N:Brennan;Ada;;;", "NOTE:a: b\\, c", "x_custom-1:v", "TEL:",
                                  "item1.EMAIL:a@example.com", "EMAIL;TYPE=WORK:a@example.com", "fn:lower case",
                                  "ORG:Acme:Labs;Unit", "NOTE:two\nlines", "EMAIL;TYPE=INTERNET;TYPE=WORK:p1@x.example",
                                  "TEL;TYPE=CELL:+44 20 7946 0001", "item2.TEL;type=voice,cell;pref=1:+1 555",
                                  "EMAIL;INTERNET;PREF:a@b", "X-A_B;x_y=1=2,,3;Z:v:w", "URL;VALUE=uri:https://x/y",
                                  "TEL;TYPE=:1", "TEL;TYPE=a,:1", "N;LANGUAGE=de:M\u00fcller;J\u00f6rg;;;"])
def test_a_plain_line_reads_as_vobjects_line_parser_reads_it(line):
    from vobject.base import parseLine

    from netlog.capture.vcard import _content_line

    name, params, value, _group = parseLine(line, 1)
    got = _content_line(line, 1)
    assert got[0] == name.upper() and got[1] == value
    if not params:
        assert got[2] == {}


_HEAD_PARTS = st.sampled_from(["EMAIL", "TEL", "bday", "BDAY", "item1", "x_y", "-", "1", ".", ";", "=", ",", '"', " ",
                               "TYPE", "type", "WORK", "ENCODING", "encoding", "QUOTED-PRINTABLE", "quoted-printable",
                               "b", "8BIT", "CHARSET", "UTF-8", "é", "\t", "X-APPLE-OMIT-YEAR", "1604"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_HEAD_PARTS, min_size=1, max_size=8).map("".join),
       st.sampled_from(["", "a@b.example", "+44 20", "x:y", "1604-03-09", "caf=C3=A9", "a\\,b", '"q"']))
def test_any_line_reads_as_contentline_reads_it(head, value):
    """The line split without vobject's parser gives what vobject's ContentLine gives, or the same
    error (heads of names, groups, parameters, quotes and encodings in any order)."""
    from netlog.capture.vcard import _content_line

    line = f"{head}:{value}"
    try:
        expected = _reference_line(line, 1)
    except Exception as e:  # noqa: BLE001 - whatever vobject raises, the cheap road raises too
        with pytest.raises(type(e)):
            _content_line(line, 1)
        return
    name, got, params = _content_line(line, 1)
    assert (name, got) == expected[:2]
    if name == "BDAY" or params:
        assert params == expected[2]


def test_vobject_is_imported_only_for_a_line_that_needs_it():
    """Cards of plain and unquoted-parameter lines are read without importing vobject (it brings
    dateutil, pytz, socket and logging: start-up, issue 27); a quoted parameter brings it in."""
    import subprocess
    import sys

    probe = ("import sys\nfrom netlog.capture.vcard import parse_vcards\n"
             "card = 'BEGIN:VCARD\\nVERSION:3.0\\nN:Okafor;Ada;;;\\nitem1.EMAIL;TYPE=INTERNET,WORK:a@x.example\\n{}END:VCARD\\n'\n"
             "parse_vcards(card.format(''))\nprint('vobject' in sys.modules)\n"
             "parse_vcards(card.format('TEL;TYPE=\"voice,cell\":+44 20 7946 0001\\n'))\n"
             "print('vobject' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.split() == ["False", "True"]
