"""Generate a deterministic synthetic netlog project for the benchmarks.

    python benchmarks/genlog.py OUTDIR --entries 10000 --people 1000 [--seed 1]

writes ``OUTDIR/mkdocs.yml``, an empty ``OUTDIR/overrides/`` folder and
``OUTDIR/log/``: people in ``log/people/<slug>.md`` and entries in
``log/<year>/<date>-<kind>-<slug>.md`` (docs/format.md §2, §3, §5). The same
arguments always give byte-identical files.

The log is meant to be valid: ``netlog check`` on it should report nothing.
It uses every kind of docs/format.md §5 (about 10% of the visibility group),
refs written as slugs, display names and aka, ``via``, every form of
``follow_up`` (date, offset, both mapping forms, ``false``), ``direction``,
``tags``, ``audience``, ``channel``, ``outcome`` and ``private``; people carry
``org``, ``role``, ``tags`` (some ``mentor``, which the plugin option
``cadence`` maps to 60d), ``cadence``, ``met``, ``met_via``, ``aka`` and
``links``. Entry dates spread over 2016-01-01 .. 2026-11-25, with a few
planned entries after that date.

Use :func:`generate` from other scripts; ``netlog_plugin=False`` leaves the
``netlog`` plugin out of ``mkdocs.yml`` (the plain MkDocs baseline).

Only the standard library is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import unicodedata
from pathlib import Path

# "Today" of the benchmarks (bench_core/bench_build pass it as --today).
TODAY = dt.date(2026, 11, 25)
FIRST_DAY = dt.date(2016, 1, 1)

CONVERSATION_KINDS = [
    # (kind, weight)
    ("coffee", 14), ("meal", 6), ("call", 12), ("video", 10), ("meeting", 10),
    ("email", 12), ("message", 10), ("offer", 1), ("thank-you", 5),
    ("follow-up", 5), ("event", 5), ("interview", 2), ("rejection", 1),
    ("intro", 3), ("referral", 2),
]
VISIBILITY_KINDS = [
    "talk", "panel", "workshop", "lunch-and-learn", "volunteer", "report",
    "article", "project", "takeaways", "focus-group",
]
VISIBILITY_SHARE = 0.10

FIRST_NAMES = [
    "Jane", "John", "Amira", "Anne-Marie", "Björn", "Carlos", "Chloé", "Dev",
    "Elena", "Fatima", "François", "Grace", "Hiroshi", "Ingrid", "Jamal",
    "José", "Kateřina", "Liam", "Lucía", "Mei", "Mohammed", "Nadia", "Noah",
    "Olivia", "Øystein", "Pablo", "Priya", "Rafael", "Renée", "Samuel",
    "Siobhán", "Sofia", "Tariq", "Thomas", "Uma", "Victor", "Wanjiru",
    "Xavier", "Yusuf", "Zoë", "Aisha", "Ben", "Camille", "Dmitri", "Emma",
    "Felix", "Gabriel", "Hannah", "Isaac", "Julia",
]
LAST_NAMES = [
    "Doe", "Smith", "Núñez", "O'Neil", "García", "Müller", "Nguyen", "Okafor",
    "Kowalski", "Rossi", "Dubois", "Tanaka", "Patel", "Johansson", "Haddad",
    "Fernández", "Ivanova", "Kim", "Larsen", "Mensah", "Novak", "Oliveira",
    "Papadopoulos", "Quinn", "Schmidt", "Svoboda", "Takahashi", "Van der Berg",
    "Wójcik", "Yilmaz", "Zhang", "Abebe", "Brown", "Chen", "Da Silva",
    "El-Amin", "Fischer", "Grey", "Hernández", "Ibrahim", "Jensen", "Khan",
    "Lefèvre", "MacDonald", "Moreau", "Ng", "Olsen", "Park", "Reyes", "Sato",
]
# A few names whose slug keeps non-Latin letters (docs/format.md §3: 王伟 -> 王伟).
EXTRA_NAMES = ["王伟", "李娜", "佐藤 花子", "Ελένη Παππά"]

ORGS = [
    "Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Industries",
    "Wayne Foundation", "City Council", "State University", "Open Data Lab",
    "Northwind Traders", "Contoso", "Fabrikam", "Hooli", "Pied Piper",
    "Ministry of Transport", "Red Cross", "Public Library", "Blue Sky Ventures",
    "Tech for Good", "Harbor Legal",
]
ROLES = [
    "Engineering manager", "Data scientist", "Recruiter", "Product manager",
    "Professor", "Policy advisor", "CTO", "Designer", "Consultant", "Analyst",
    "Journalist", "Founder", "Lawyer", "Librarian", "Research fellow",
    "Program officer", "Software engineer", "Director",
]
PERSON_TAGS = [
    "mentor", "alumni", "recruiter", "python", "data", "policy", "design",
    "conference", "former-colleague", "hiring-manager", "investor", "friend",
]
ENTRY_TAGS = [
    "job-search", "advice", "python", "data", "conference", "hiring",
    "research", "policy", "side-project", "writing", "speaking", "community",
]
CADENCES = ["30d", "6w", "2m", "3m", "6m", "1y"]
OFFSETS = ["1d", "3d", "1w", "2w", "1m", "3m"]
CHANNELS = ["in-person", "video", "phone", "email", "chat"]
OUTCOMES = [
    "Agreed to meet again", "Sent me two contacts", "Will review my CV",
    "Invited me to speak", "No news yet", "Offered a trial project",
]
ACTIONS = [
    "Send the slides", "Share the article we discussed", "Ask about the role",
    "Send my CV", "Introduce them to a colleague", "Check in on the project",
]
EVENTS = [
    "PyCon", "the data meetup", "the policy forum", "the hearing",
    "the alumni dinner", "the open-data conference", "the hackathon",
]
TOPICS = [
    "data pipelines", "career changes", "open data", "hiring in tech",
    "public policy", "writing for a wider audience", "team leadership",
    "machine learning in practice", "negotiation", "volunteering",
]
SENTENCES = [
    "Talked about {topic} and what they look for in a candidate.",
    "They suggested I read more about {topic}.",
    "Good energy; they asked me to keep them posted.",
    "Mentioned an opening on their team later this year.",
    "We compared notes on {topic}.",
    "They recommended two people I should meet.",
    "I promised to send a short summary of my work on {topic}.",
    "They were candid about what went wrong on their last project.",
    "Follow the thread on {topic} next time.",
    "Useful feedback on my portfolio.",
]

_PLAIN = re.compile(r"^[^\W\d_][\w .'()-]*[\w.)]$|^[^\W\d_]$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def slugify(text: str) -> str:
    """Return the slug form of ``text`` as docs/format.md §3 defines it."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "-".join(re.findall(r"[^\W_]+", stripped.lower()))


def yaml_str(text: str) -> str:
    """Quote ``text`` for YAML only when a plain scalar would not read back."""
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def yaml_list(items: list[str]) -> str:
    """A YAML flow list ``[a, b]``."""
    return "[" + ", ".join(yaml_str(i) for i in items) + "]"


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _weighted(rng: random.Random, pairs):
    names, weights = zip(*pairs)
    return rng.choices(names, weights=weights)[0]


def make_names(rng: random.Random, count: int) -> list[str]:
    """``count`` display names, unique by slug form."""
    combos = [f"{f} {l}" for f in FIRST_NAMES for l in LAST_NAMES]
    rng.shuffle(combos)
    pool = EXTRA_NAMES + combos
    names, seen = [], set()
    suffix = 1
    while len(names) < count:
        for base in pool:
            name = base if suffix == 1 else f"{base} {suffix}"
            slug = slugify(name)
            if slug in seen or slug == "index":
                continue
            seen.add(slug)
            names.append(name)
            if len(names) == count:
                break
        suffix += 1
    return names


class Person:
    """What the generator needs to know about a person to write refs."""

    def __init__(self, name: str):
        self.name = name
        self.slug = slugify(name)
        self.aka: list[str] = []

    def ref(self, rng: random.Random) -> str:
        """A ref to this person: mostly the slug, else the name or an aka."""
        r = rng.random()
        if r < 0.55:
            return self.slug
        if self.aka and r < 0.65:
            return self.aka[0]
        return self.name


def make_people(rng: random.Random, count: int) -> list[Person]:
    people = [Person(n) for n in make_names(rng, count)]
    taken = {p.slug for p in people}
    for p in people:
        # An aka such as "J. Doe"; kept only when its slug form is unused.
        parts = p.name.split(" ", 1)
        if rng.random() < 0.08 and len(parts) == 2:
            aka = f"{parts[0][0]}. {parts[1]}"
            if slugify(aka) not in taken:
                taken.add(slugify(aka))
                p.aka.append(aka)
    return people


def person_text(rng: random.Random, person: Person, people: list[Person]) -> str:
    lines = ["---", f"name: {yaml_str(person.name)}"]
    if person.aka:
        lines.append(f"aka: {yaml_list(person.aka)}")
    if rng.random() < 0.7:
        lines.append(f"org: {yaml_str(rng.choice(ORGS))}")
    if rng.random() < 0.6:
        lines.append(f"role: {yaml_str(rng.choice(ROLES))}")
    if rng.random() < 0.5:
        tags = rng.sample(PERSON_TAGS, rng.randint(1, 3))
        lines.append(f"tags: {yaml_list(tags)}")
    if rng.random() < 0.15:
        lines.append(f"cadence: {rng.choice(CADENCES)}")
    if rng.random() < 0.4:
        lines.append(f"met: {random_date(rng, dt.date(2010, 1, 1), dt.date(2026, 6, 30))}")
    if rng.random() < 0.05:
        other = rng.choice(people)
        if other is not person:
            lines.append(f"met_via: {yaml_str(other.ref(rng))}")
    if rng.random() < 0.2:
        lines.append("links:")
        lines.append(f"  email: {person.slug.replace('-', '.')}@example.org")
        if rng.random() < 0.5:
            lines.append(f"  profile: https://example.org/in/{person.slug}")
    if rng.random() < 0.02:
        lines.append("private: true")
    lines.append("---")
    lines.append("")
    lines.append(f"Met through {rng.choice(EVENTS)}. Interested in {rng.choice(TOPICS)}.")
    if rng.random() < 0.5:
        lines.append("")
        lines.append(f"- Ask about {rng.choice(TOPICS)}")
    return "\n".join(lines) + "\n"


def entry_date(rng: random.Random) -> dt.date:
    if rng.random() < 0.01:  # planned entries
        return random_date(rng, TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=60))
    return random_date(rng, FIRST_DAY, TODAY)


def body_lines(rng: random.Random, heading: str | None) -> list[str]:
    """A Markdown body of 3-10 lines: an optional ``# `` heading, a
    paragraph, then maybe a bullet list and a link."""
    def sentence() -> str:
        return rng.choice(SENTENCES).format(topic=rng.choice(TOPICS))

    lines = [f"# {heading}", ""] if heading else []
    lines += [sentence() for _ in range(rng.randint(1, 3))]
    link = rng.random() < 0.3
    room = 10 - len(lines) - (2 if link else 0) - 1  # 1: the blank line
    bullets = rng.randint(0, max(0, min(4, room)))
    if bullets:
        lines += [""] + [f"- {sentence()}" for _ in range(bullets)]
    if link:
        lines += ["", f"See [notes](https://example.org/notes/{rng.randint(1, 999)})."]
    while len(lines) < 3:
        lines.append(sentence())
    return lines


def follow_up_lines(rng: random.Random, date: dt.date) -> list[str]:
    r = rng.random()
    if r < 0.25:
        return [f"follow_up: {date + dt.timedelta(days=rng.randint(1, 60))}"]
    if r < 0.5:
        return [f"follow_up: {rng.choice(OFFSETS)}"]
    if r < 0.7:
        due = date + dt.timedelta(days=rng.randint(1, 60))
        return ["follow_up:", f"  due: {due}", f"  action: {yaml_str(rng.choice(ACTIONS))}"]
    if r < 0.85:
        lines = ["follow_up:", f"  in: {rng.choice(OFFSETS)}"]
        if rng.random() < 0.7:
            lines.append(f"  action: {yaml_str(rng.choice(ACTIONS))}")
        return lines
    return ["follow_up: false"]


def entry_text(rng: random.Random, kind: str, date: dt.date,
               people: list[Person]) -> tuple[str, str]:
    """Return ``(file slug, text)`` of one entry."""
    visibility = kind in VISIBILITY_KINDS
    lines = ["---", f"date: {date}", f"kind: {kind}"]
    if visibility:
        with_ = rng.sample(people, rng.randint(1, 3)) if rng.random() < 0.4 else []
    else:
        with_ = rng.sample(people, rng.choices([1, 2, 3], weights=[70, 22, 8])[0])
    if with_:
        refs = [p.ref(rng) for p in with_]
        lines.append(f"with: {yaml_str(refs[0])}" if len(refs) == 1 and rng.random() < 0.3
                     else f"with: {yaml_list(refs)}")

    heading = None
    if visibility:
        title = f"{kind.replace('-', ' ').capitalize()} on {rng.choice(TOPICS)}"
        if rng.random() < 0.5:
            title += f" at {rng.choice(EVENTS)}"
        if rng.random() < 0.7:
            lines.append(f"title: {yaml_str(title)}")
        else:
            heading = title
        slug = slugify(title)[:40].strip("-")
    else:
        r = rng.random()
        if r < 0.2:
            title = f"{rng.choice(TOPICS).capitalize()}: {with_[0].name}"
            lines.append(f"title: {yaml_str(title)}")
        elif r < 0.35:
            heading = f"{rng.choice(TOPICS).capitalize()} with {with_[0].name}"
        slug = with_[0].slug

    via_p = 0.6 if kind in ("intro", "referral") else 0.07
    if rng.random() < via_p and len(people) > len(with_):
        others = [p for p in rng.sample(people, min(4, len(people))) if p not in with_]
        lines.append(f"via: {yaml_list([others[0].ref(rng)])}")
    if not visibility and rng.random() < 0.15:
        lines += follow_up_lines(rng, date)
    if not visibility and rng.random() < 0.5:
        lines.append(f"direction: {rng.choice(['out', 'out', 'in', 'mutual'])}")
    if visibility:
        audience = rng.choice([0, 5, 12, 20, 35, 60, 120, 400])
        lines.append(f"audience: {max(audience, len(with_))}")
    if rng.random() < 0.3:
        lines.append(f"channel: {rng.choice(CHANNELS)}")
    if rng.random() < 0.1:
        lines.append(f"outcome: {yaml_str(rng.choice(OUTCOMES))}")
    if rng.random() < 0.3:
        lines.append(f"tags: {yaml_list(rng.sample(ENTRY_TAGS, rng.randint(1, 3)))}")
    if rng.random() < 0.02:
        lines.append("private: true")
    lines += ["---", ""]
    lines += body_lines(rng, heading)
    return slug, "\n".join(lines) + "\n"


def mkdocs_yml(outdir: Path, netlog_plugin: bool) -> str:
    lines = [
        "site_name: Synthetic log",
        "docs_dir: log",
        "use_directory_urls: false",
        "theme:",
        "  name: material",
        "  font: false",
    ]
    if (outdir / "overrides").is_dir():
        lines.append("  custom_dir: overrides")
    lines += ["plugins:", "  - search", "  - tags"]
    if netlog_plugin:
        lines += ["  - netlog:", "      cadence:", "        mentor: 60d"]
    return "\n".join(lines) + "\n"


def generate(outdir, entries: int, people: int, seed: int = 1,
             netlog_plugin: bool = True) -> Path:
    """Write a synthetic netlog project into ``outdir`` and return its path.

    ``outdir`` may exist but should not already hold a log: existing files
    are overwritten, stale ones are left alone.
    """
    outdir = Path(outdir)
    rng = random.Random(seed)
    log = outdir / "log"
    (log / "people").mkdir(parents=True, exist_ok=True)
    (outdir / "overrides").mkdir(exist_ok=True)
    (outdir / "mkdocs.yml").write_text(mkdocs_yml(outdir, netlog_plugin), encoding="utf-8")

    folk = make_people(rng, people)
    for p in folk:
        (log / "people" / f"{p.slug}.md").write_text(
            person_text(rng, p, folk), encoding="utf-8")

    used: set[str] = set()
    for _ in range(entries):
        if rng.random() < VISIBILITY_SHARE:
            kind = rng.choice(VISIBILITY_KINDS)
        else:
            kind = _weighted(rng, CONVERSATION_KINDS)
        date = entry_date(rng)
        slug, text = entry_text(rng, kind, date, folk)
        stem = f"{date}-{kind}-{slug}"
        name, n = stem, 1
        while name in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name)
        folder = log / str(date.year)
        folder.mkdir(exist_ok=True)
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return outdir


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-netlog-plugin", dest="netlog_plugin", action="store_false",
                        help="leave the netlog plugin out of mkdocs.yml (plain MkDocs baseline)")
    args = parser.parse_args(argv)
    generate(args.outdir, args.entries, args.people, args.seed, args.netlog_plugin)
    print(f"wrote {args.entries} entries and {args.people} people to {args.outdir}")


if __name__ == "__main__":
    main()
