"""The people index: the one home of how refs name people (docs/format.md §3).

A person claims the slug forms of their file name, name and every aka; a
ref names the people whose claims include its slug form (more than one: the
ref is ambiguous). Loading (``load.py``), ``netlog new``/``person``, the
imports, ``netlog due --person`` and shell completion all ask this index, and
so should every later feature that matches people (paths, e-mail matching: :func:`email_address`).
``load.load_people`` reads just the person files of a log into an index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Person
from .slug import slugify
from .suggest import NAME_CUTOFF, closest


@dataclass(frozen=True, slots=True)
class Clash:
    """A claim that another person made first: ``what`` ("name 'X'", "aka 'Y'", "file name")
    of the newcomer has the slug ``form`` that ``first`` already claims."""

    key: str | None  # the front matter key of the claim (None for the file name)
    what: str
    form: str
    first: Person


@dataclass(slots=True)
class PeopleIndex:
    """People by slug, and the slug forms they claim: form -> [(slug, how)] in claim order."""

    people: dict[str, Person] = field(default_factory=dict)
    forms: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _names: dict[str, str] | None = None
    _hints: dict[str, str | None] = field(default_factory=dict)
    _emails: dict[str, list[str]] | None = None  # address (case-folded) -> slugs

    @classmethod
    def of(cls, people) -> PeopleIndex:
        """An index of ``people`` (an iterable of Person), clashes allowed."""
        index = cls()
        for p in people:
            index.add(p)
        return index

    def add(self, person: Person) -> list[Clash]:
        """Add ``person`` and their claims; the claims someone else made first."""
        self.people[person.slug] = person
        self._names = None
        self._emails = None
        self._hints.clear()
        claims = [(None, "file name", person.slug), ("name", f"name {person.name!r}", slugify(person.name))]
        claims += [("aka", f"aka {a!r}", slugify(a)) for a in person.aka]
        clashes: list[Clash] = []
        mine: set[str] = set()
        for key, how, form in claims:
            if not form or form in mine:
                continue
            mine.add(form)
            owners = self.forms.setdefault(form, [])
            if owners:
                clashes.append(Clash(key, how, form, self.people[owners[0][0]]))
            owners.append((person.slug, how))
        return clashes

    def slugs(self, ref: str) -> list[str]:
        """The slugs of the people ``ref`` names (more than one: the ref is ambiguous)."""
        return self.slugs_of_form(slugify(ref))

    def slugs_of_form(self, form: str) -> list[str]:
        """:meth:`slugs` of a ref whose slug form (``slugify``) is ``form``."""
        return [s for s, _how in self.forms.get(form, ())]

    def resolve(self, ref: str) -> list[Person]:
        """The people ``ref`` names (more than one: the ref is ambiguous)."""
        return [self.people[s] for s in self.slugs(ref)]

    def claimant(self, name: str) -> tuple[Person, str] | None:
        """The first person whose slug, name or aka shares ``name``'s slug form, and which of them."""
        owners = self.forms.get(slugify(name))
        if not owners:
            return None
        slug, how = owners[0]
        return self.people[slug], how

    def _suggestion_names(self) -> dict[str, str]:
        if self._names is None:
            names: dict[str, str] = {}
            for p in self.people.values():
                for word in (p.name, p.slug, *p.aka):
                    names.setdefault(word, p.name)
            self._names = names
        return self._names

    def suggest(self, ref: str) -> str | None:
        """The display name of the person whose name, aka or slug is closest to ``ref``, or None
        (computed once per ref). A ref that is part of one person's name only ("Sam" for
        "Sam Adeyemi", "Nunez" for "José Núñez") names them before any spelling is compared;
        part of several people's names, it names none of them (:meth:`no_match` lists them)."""
        if ref not in self._hints:
            named = self.named_in_part(ref)
            if named:
                self._hints[ref] = named[0] if len(named) == 1 else None
            else:
                names = self._suggestion_names()
                best = closest(ref, names, cutoff=NAME_CUTOFF)
                self._hints[ref] = names[best] if best else None
        return self._hints[ref]

    def named_in_part(self, ref: str) -> list[str]:
        """The names (sorted) of the people whose slug forms hold every word of ``ref``'s."""
        words = set(slugify(ref).split("-")) - {""}
        if not words:
            return []
        found = {slug for form, owners in self.forms.items() if words <= set(form.split("-"))
                 for slug, _how in owners}
        return sorted(self.people[s].name for s in found)

    def no_match(self, ref: str) -> str:
        """``no person matches 'Sam' (did you mean 'Sam Adeyemi'?)``: the message for a ref that
        names nobody, the same for every command that takes one (up to 5 names offered)."""
        named = self.named_in_part(ref)
        if len(named) > 1:
            shown = [repr(n) for n in named[:5]]
            return f"no person matches {ref!r} (did you mean {', '.join(shown[:-1])} or {shown[-1]}?)"
        best = self.suggest(ref)
        return f"no person matches {ref!r}" + (f" (did you mean {best!r}?)" if best else "")

    def by_email(self, address: str | None) -> list[Person]:
        """The people with ``address`` among their ``links`` (any label; ``mailto:`` and case
        ignored; see :func:`email_address`), for matching calendar invitations and e-mail to people."""
        key = email_address(address)
        if key is None:
            return []
        return [self.people[s] for s in self._email_index().get(key, ())]

    def shared_emails(self) -> list[tuple[str, list[Person]]]:
        """The addresses in the ``links`` of more than one person, each with those people."""
        return [(key, [self.people[s] for s in slugs])
                for key, slugs in self._email_index().items() if len(slugs) > 1]

    def _email_index(self) -> dict[str, list[str]]:
        if self._emails is None:
            emails: dict[str, list[str]] = {}
            for p in self.people.values():
                for _label, value in p.links:
                    key = email_address(value)
                    if key is not None and p.slug not in emails.get(key, ()):
                        emails.setdefault(key, []).append(p.slug)
            self._emails = emails
        return self._emails

    def complete(self, incomplete: str) -> list[Person]:
        """People whose slug form or name (or aka) starts with what was typed, by slug."""
        typed = incomplete.lower()
        form = slugify(incomplete)
        out = []
        for slug, p in sorted(self.people.items()):
            words = [slug, slugify(p.name), *map(slugify, p.aka)]
            texts = [p.name.lower(), *(a.lower() for a in p.aka)]
            if (not incomplete or any(w.startswith(form) for w in words if form)
                    or any(t.startswith(typed) for t in texts)):
                out.append(p)
        return out


_EMAIL = r"[^@\s<>\"',;:]+@[^@\s<>\"',;:]+"  # compiled when first asked (start-up, issue 27)


def name_order(name: str, slug: str) -> tuple[str, str]:
    """The one order of people by name (docs/format.md §9): the display name casefolded
    ("alice Ames" before "Bob Bell"), then the slug. Every list of people sorts by it."""
    return (name.casefold(), slug)


def by_name(person: Person) -> tuple[str, str]:
    """:func:`name_order` of a person: ``sorted(people, key=by_name)``."""
    return name_order(person.name, person.slug)


def org_key(org: str | None) -> str | None:
    """The identity of an org (docs/format.md §3): its slug form, so "ACME Corp" and "Acme
    corp." are one org; ``org`` for a name with no letters or digits; None for no org. The
    org pages group by it (``orgs/<key>.md``) and introductions compare by it."""
    if not org:
        return None
    return slugify(org) or "org"


def email_address(value: object) -> str | None:
    """``value`` as an e-mail address is compared: no ``mailto:``, no surrounding spaces or angle
    brackets, case-folded; None when it is not an address (``"https://x.test/@sam"``, ``"mailto:"``,
    a number). The one rule for every address netlog matches: ``links``, the ``me`` option,
    a calendar's attendees."""
    if not isinstance(value, str):
        return None
    text = value.strip().strip("<>").strip()
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    text = text.casefold()
    return text if re.fullmatch(_EMAIL, text) else None
