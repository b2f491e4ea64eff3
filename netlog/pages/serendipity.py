"""The serendipity page (docs/format.md §9 and §11) and the introductions block of person pages.

``serendipity.md`` draws the introductions graph as inline SVG (no script, no
outside resource), lists each opening with the chain of introductions behind
it and the state of its ``loop`` follow-ups, and keeps the ledger of doors
opened each way. :func:`person_section` is the block a person page shows:
their chain, the people they introduced, the doors each way and their tie
strength with its four parts. The rules themselves live in
``netlog/serendipity.py``; this module only lays them out.

The graph's layout is netlog's own, small and deterministic, because no
well-kept Python library lays out a tree as SVG without a system binary
(Graphviz) or a browser script (D3, ELK): the introductions form a forest
(everyone has at most one introducer), so a layered "tidy tree" drawn left
to right is enough. Each person gets a row (a parent sits midway between
its first and last child), each generation a column as wide as its longest
name, so the drawing stays legible from 5 to 500 people: it grows downwards
and scrolls sideways on a narrow screen instead of shrinking the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..items import Source
from ..people import by_name
from ..serendipity import Network
from . import Site, add
from .md import block, block_line, day, empty, escape, h, markup, p, plural, table, ul, unmark
from .parts import entry_link, people_links, person_link

HERE = "serendipity.md"

# geometry of the graph, in SVG user units (px at 100 %)
ROW = 26
RADIUS = 6
CHAR = 7.4  # average advance of a 13 px system-font character: labels are measured, not rendered
LABEL_GAP = 8
COLUMN_GAP = 44
MARGIN = 12
MAX_LABEL = 30  # longer names are cut with "…" (the full name is the node's tooltip)


def network(site: Site) -> Network:
    """The introductions data (docs/format.md §11) of the site's log, computed once per build."""
    net = site.cache.get("serendipity")
    if net is None:
        net = site.cache["serendipity"] = Network.of(site.log, site.today)
    return net


def add_pages(site: Site) -> None:
    add(site, HERE, "Serendipity", page(site))


# --------------------------------------------------------------------------- the page


def page(site: Site) -> str:
    net = network(site)
    out = ["# Serendipity\n",
           p(Markup("Who opened which door: the people who introduced you to others, the openings that came "
                    "of it, and the doors you opened in return. As of "
                    f"<strong>{site.today.isoformat()}</strong>."))]
    out.append("## Introductions\n")
    graph = graph_svg(site, net)
    if graph:
        marked = sum(1 for s in _opening_people(net) if s in site.log.people)
        out.append(p(f"Each line runs from the person who introduced someone to the person they introduced "
                     f"(who you met them through, else who brought about your first entry with them). "
                     f"A ringed node ({plural(marked, 'person', 'people')}) was part of an opening. "
                     "Every name links to its page."))
        out.append(graph + "\n")
    else:
        out.append(empty("No introductions recorded yet: note on a person's file who you met them through, "
                         "or on an entry who brought it about."))

    out.append(f"## Openings ({len(net.openings)})\n")
    out.append(p("Offers, referrals and other openings, newest first, each with the chain of introductions "
                 "that led to it. Close the loop: tell the people on the chain what came of it."))
    out.append(_openings(site, net) if net.openings else empty("No openings yet."))

    out.append("## Ledger\n")
    out.extend(_ledger(site, net))
    return "\n".join(out)


def chain_html(site: Site, net: Network, slug: str, here: str) -> Markup:
    """``you ← P ← X1 ← X2`` with each person linked."""
    return Markup(" ← ").join(["you"] + [person_link(site, s, here) for s in [slug, *net.chain(slug)]])


def _openings(site: Site, net: Network) -> str:
    loops: dict[str, list] = {}
    for i in site.items:
        if i.source == Source.LOOP:
            loops.setdefault(i.entry, []).append(i)
    rows = []
    for e in reversed(net.openings):
        chain = chain_html(site, net, e.with_[0], HERE) if e.with_ else "you"
        state = []
        for i in sorted(loops.get(e.path, []), key=lambda i: (i.name or "", i.person or "")):
            what = "told" if i.closed else f"{i.status}, due {day(i.due)}"
            state.append(person_link(site, i.person, HERE) + f" ({what})")
        rows.append([day(e.date), h(e.kind), entry_link(site, e, HERE), chain,
                     Markup(", ").join(state) if state else "—"])
    return table(["Date", "Kind", "Opening", "Chain", "Loop"], rows)


def _ledger(site: Site, net: Network) -> list[str]:
    people = site.log.people
    doors = net.doors

    def name_key(slug):
        return by_name(people[slug])

    out = []
    opened = sorted((s for s, d in doors.items() if d.for_you),
                    key=lambda s: (-doors[s].for_you, *name_key(s)))
    out.append(f"### Doors opened for you ({len(opened)})\n")
    out.append(p("The people they introduced you to, and the openings that came with them or through them; "
                 "most doors first."))
    rows = []
    for s in opened:
        d = doors[s]
        intro = people_links(site, sorted(d.introduced, key=name_key), HERE) or "—"
        opens = Markup(", ").join(entry_link(site, e, HERE) for e in d.openings) or "—"
        rows.append([person_link(site, s, HERE), str(d.for_you), intro, opens, str(d.by_you)])
    out.append(table(["Person", "Doors", "Introduced you to", "Openings", "Doors you opened"], rows)
               if rows else empty("No one yet."))

    yours = sorted((s for s, d in doors.items() if d.by_you), key=lambda s: (-doors[s].by_you, *name_key(s)))
    out.append(f"### Doors you opened ({len(yours)})\n")
    out.append(p(Markup("People you introduced to each other (your <em>introduced</em> entries).")))
    rows = [[person_link(site, s, HERE), str(doors[s].by_you),
             Markup(", ").join(entry_link(site, e, HERE) + f" ({day(e.date)})" for e in doors[s].yours),
             str(doors[s].for_you)] for s in yours]
    out.append(table(["Person", "Doors", "Introductions", "Doors they opened for you"], rows)
               if rows else empty("None yet: an introduced entry records a door you opened for someone."))

    lopsided = sorted((s for s, d in doors.items() if d.one_sided),
                      key=lambda s: (-abs(doors[s].for_you - doors[s].by_you), *name_key(s)))
    out.append(f"### One-sided ({len(lopsided)})\n")
    out.append(p("Where one side opened at least two more doors than the other."))
    lines = []
    for s in lopsided:
        d = doors[s]
        lead = ("opened more doors for you: think of one you could open for them"
                if d.for_you > d.by_you else "you opened more doors for them")
        lines.append(person_link(site, s, HERE) + f": {d.for_you} for you, {d.by_you} by you ({lead})")
    out.append(ul(lines) if lines else empty("Balanced: no one is two or more doors ahead."))
    return out


# --------------------------------------------------------------------------- the graph


@dataclass(slots=True)
class _Node:
    slug: str
    depth: int
    row: float
    parent: str | None
    back: str | None = None  # the introducer of a cycle's first person, drawn as a dashed line


def _opening_people(net: Network) -> set[str]:
    """People marked on the graph: the first `with` person of each opening."""
    return {e.with_[0] for e in net.openings if e.with_}


def layout(site: Site, net: Network) -> dict[str, _Node]:
    """Rows and columns of the introductions forest: deterministic, roots and children by name.

    Nodes are the people with an introducer or who introduced someone, plus the
    first person of each opening. A cycle of introducers (A met via B, B via A)
    is cut before its first person by name, whose introducer is kept as a back edge.
    """
    people = site.log.people
    intros = {p: x for p, x in net.intros.items() if p in people and x in people}
    nodes = set(intros) | set(intros.values()) | {s for s in _opening_people(net) if s in people}
    children: dict[str, list[str]] = {}
    for child, parent in intros.items():
        children.setdefault(parent, []).append(child)

    def key(s):
        return by_name(people[s])

    for kids in children.values():
        kids.sort(key=key)
    roots = sorted((s for s in nodes if s not in intros), key=key)
    placed: dict[str, _Node] = {}
    next_row = [0]

    def place(root: str, back: str | None) -> None:
        # iterative post-order: a leaf takes the next row, a parent the middle of its children
        stack = [(root, None, 0, False)]
        while stack:
            slug, parent, depth, done = stack.pop()
            if done:
                kids = [k for k in children.get(slug, ()) if placed.get(k) and placed[k].parent == slug]
                row = (placed[kids[0]].row + placed[kids[-1]].row) / 2 if kids else next_row[0]
                if not kids:
                    next_row[0] += 1
                placed[slug].row = row
                continue
            placed[slug] = _Node(slug, depth, 0, parent, back if slug == root else None)
            stack.append((slug, parent, depth, True))
            for k in reversed(children.get(slug, ())):
                if k not in placed:
                    stack.append((k, slug, depth + 1, False))

    for r in roots:
        place(r, None)
    for s in sorted(nodes - placed.keys(), key=key):  # only cycles are left
        if s in placed:
            continue
        seen, cur = [], s
        while cur not in seen:
            seen.append(cur)
            cur = intros[cur]
        cycle = seen[seen.index(cur):]
        first = min(cycle, key=key)
        place(first, intros[first])
    return placed


def _label(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[:MAX_LABEL - 1] + "…"


def graph_svg(site: Site, net: Network) -> str:
    """The introductions forest as an inline SVG block ("" when there is nothing to draw)."""
    nodes = layout(site, net)
    if not nodes:
        return ""
    people = site.log.people
    marked = _opening_people(net)
    depth_count = max(n.depth for n in nodes.values()) + 1
    widths = [0.0] * depth_count
    for n in nodes.values():
        widths[n.depth] = max(widths[n.depth], len(_label(people[n.slug].name)) * CHAR)
    xs = [MARGIN + RADIUS]
    for d in range(1, depth_count):
        xs.append(xs[-1] + RADIUS + LABEL_GAP + widths[d - 1] + COLUMN_GAP + RADIUS)
    rows = max(n.row for n in nodes.values()) + 1
    width = int(xs[-1] + RADIUS + LABEL_GAP + widths[-1] + MARGIN + 0.5)
    height = int(rows * ROW + 2 * MARGIN - ROW + 2 * RADIUS + 8)

    def y(n: _Node) -> float:
        return round(MARGIN + RADIUS + 4 + n.row * ROW, 1)

    def label_end(n: _Node) -> float:
        return xs[n.depth] + RADIUS + LABEL_GAP + len(_label(people[n.slug].name)) * CHAR + 4

    edges, dots = [], []
    for n in sorted(nodes.values(), key=lambda n: (n.depth, n.row)):
        if n.parent is not None:
            par = nodes[n.parent]
            x1, y1 = round(label_end(par), 1), y(par)
            x2, y2 = round(xs[n.depth] - RADIUS - 2, 1), y(n)
            xm = round((x1 + x2) / 2, 1)
            edges.append(f'<path class="nl-sg-edge" d="M{x1} {y1}C{xm} {y1} {xm} {y2} {x2} {y2}"/>')
        if n.back is not None and n.back in nodes:
            other = nodes[n.back]
            edges.append(f'<path class="nl-sg-edge nl-sg-back" d="M{xs[n.depth] - RADIUS} {y(n)}'
                         f'C{xs[n.depth] - 30} {y(n)} {xs[other.depth] - 30} {y(other)} '
                         f'{xs[other.depth] - RADIUS} {y(other)}"/>')
        p_ = people[n.slug]
        intro = nodes[n.parent].slug if n.parent else (n.back or None)
        tip = [p_.name]
        if intro:
            tip.append(f"introduced by {people[intro].name}")
        kids = len(net.children.get(n.slug, ()))
        if kids:
            tip.append(f"introduced {plural(kids, 'person', 'people')}")
        if n.slug in marked:
            tip.append("part of an opening")
        cls = "nl-sg-node nl-sg-opening" if n.slug in marked else "nl-sg-node"
        cx, cy = xs[n.depth], y(n)
        ring = (f'<circle class="nl-sg-ring" cx="{cx}" cy="{cy}" r="{RADIUS + 4}"/>'
                if n.slug in marked else "")
        dots.append(f'<a class="{cls}" href="{h(site.href(HERE, p_.page))}" data-slug="{h(n.slug)}">'
                    f'<title>{h(" · ".join(tip))}</title>{ring}'
                    f'<circle cx="{cx}" cy="{cy}" r="{RADIUS}"/>'
                    f'<text x="{cx + RADIUS + LABEL_GAP}" y="{cy}" dy="0.35em">{h(_label(p_.name))}</text></a>')
    style = ("<style>"
             ".nl-sg{overflow-x:auto;margin:1em 0}"
             ".nl-sg svg{max-width:none;display:block}"
             ".nl-sg text{font-size:13px;fill:var(--md-default-fg-color,#222)}"
             ".nl-sg-edge{fill:none;stroke:var(--md-default-fg-color--lighter,#aaa);stroke-width:1.5}"
             ".nl-sg-back{stroke-dasharray:4 3}"
             ".nl-sg-node circle{fill:var(--md-typeset-a-color,#3949ab);stroke:var(--md-default-bg-color,#fff);stroke-width:1.5}"
             ".nl-sg-node circle.nl-sg-ring{fill:none;stroke:var(--md-accent-fg-color,#009485);stroke-width:2.5}"
             ".nl-sg-opening text{font-weight:700}"
             ".nl-sg-node:hover text,.nl-sg-node:focus text{text-decoration:underline}"
             ".nl-sg-node:focus{outline:none}"
             ".nl-sg-node:focus circle{stroke:var(--md-accent-fg-color,#009485);stroke-width:3}"
             ".nl-sg-hint{display:none;font-size:.75rem;margin:0}"
             f"@media (max-width:{width + 40}px){{.nl-sg-hint{{display:block}}}}"
             "</style>")
    # on a screen narrower than the drawing (its labels never shrink), say that it scrolls
    hint = '<p class="nl-sg-hint">The graph is wider than the screen: scroll it sideways to see everyone.</p>'
    svg = (f'<div class="nl-sg">{style}{hint}<svg xmlns="http://www.w3.org/2000/svg" role="group" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'aria-label="Introductions graph: {plural(len(nodes), "person", "people")}">'
           + "".join(edges) + "".join(dots) + "</svg></div>")
    return block(svg)


# --------------------------------------------------------------------------- person pages


def person_section(site: Site, slug: str) -> str:
    """The introductions block of a person page (docs/format.md §11), as Markdown with HTML blocks:
    their chain, whom they introduced, the doors each way, and tie strength with its parts."""
    net = network(site)
    person = site.log.people[slug]
    here = person.page
    doors = net.doors.get(slug)
    out = ["## Introductions and tie strength {#ties}\n"]
    pairs: list[tuple[str, str]] = []
    chain = net.chain(slug)
    pairs.append(("Chain", chain_html(site, net, slug, here) if chain
                  else "you ← " + person_link(site, slug, here) + " (no introducer recorded)"))
    kids = net.children.get(slug, [])
    pairs.append(("Introduced to you", people_links(site, sorted(kids, key=lambda k: by_name(site.log.people[k])),
                                                    here) or "no one recorded"))
    if doors is not None and doors.openings:
        pairs.append(("Openings", Markup(", ").join(entry_link(site, e, here) + f" ({day(e.date)})"
                                                    for e in doors.openings)))
    for_you = doors.for_you if doors else 0
    by_you = doors.by_you if doors else 0
    pairs.append(("Doors for you", f"{for_you} (people introduced and openings)"))
    yours = Markup(", ").join(entry_link(site, e, here) + f" ({day(e.date)})" for e in doors.yours) if doors else ""
    pairs.append(("Doors you opened", f"{by_you}" + (": " + yours if yours else "")))
    s = net.strength[slug]
    pairs.append(("Tie strength", markup(f"<strong>{s.value}</strong> / 100")))
    body = "\n".join(f"<dt>{h(label)}</dt><dd>{escape(value)}</dd>" for label, value in pairs)
    out.append(block_line(f'<div class="nl-profile nl-ties">\n<dl>\n{body}\n</dl>\n</div>'))
    out.append(strength_table(s))
    return "\n".join(out)


def strength_table(s) -> str:
    """The four parts of a :class:`~netlog.serendipity.Strength` in plain words, then their
    weights and values in a collapsed block (docs/format.md §11)."""
    recency = (f"your last entry with them was {plural(s.days, 'day')} ago, on {day(s.last)} "
               "(this counts half as much every 180 days)" if s.last is not None else "no entry with them yet")
    often = (f"{plural(s.n, 'entry', 'entries')} with them in the last 365 days (a dozen counts in full)"
             if s.n else "no entry with them in the last 365 days")
    depth = (f"{s.in_person} of them in person" if s.n else "nothing in person in the last 365 days")
    mutual = (f"{s.answered} of {s.directed} entries with a direction came from them or went both ways"
              if s.directed else "no entry says who reached out (counted as even)")
    words = (f"<p>Tie strength is how recent, how frequent, how deep and how mutual your contact is: "
             f"{h(recency)}; {h(often)}; {h(depth)}; {h(mutual)}.</p>")
    rows = [["How recent", "40%", f"{s.recency:.2f}"], ["How frequent", "30%", f"{s.frequency:.2f}"],
            ["How deep (in person)", "15%", f"{s.depth:.2f}"], ["How mutual", "15%", f"{s.mutuality:.2f}"]]
    numbers = ("<details class=\"nl-strength-numbers\"><summary>The numbers</summary>\n"
               + unmark(str(table(["Part", "Weight", "Value (0 to 1)"], rows)))
               + f"<p>{s.value} = 100 × the weighted sum of the values, rounded.</p></details>")
    return block_line(words + "\n" + numbers)
