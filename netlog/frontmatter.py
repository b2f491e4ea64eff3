"""Split a file into YAML front matter and body; parse the YAML keeping key lines.

First stage of the pipeline, used by ``load.py``. Nothing here raises on bad
input: every failure becomes a :class:`~netlog.model.Problem`.

Limits (documented in docs/format.md): front matter of at most 64 KiB and at
most 50 levels of nesting; files of at most 2 MiB.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
import re
from dataclasses import dataclass, field

import yaml

from . import readfile
from .model import ERROR, Problem

try:  # PyYAML's C loader; the pure one only where libyaml is missing
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader

MAX_FILE_BYTES = readfile.limit_of("entry")
MAX_FRONT_MATTER = 64 * 1024
MAX_DEPTH = 50

_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_OPEN = re.compile(r"---[ \t]*")


class InvalidTimestamp(str):
    """A YAML timestamp that is not a real date (``2026-02-30``), kept as text."""


def _day(value) -> dt.date | InvalidTimestamp | None:
    """A ``YYYY-MM-DD`` timestamp (nearly every timestamp of a log) as the date PyYAML would make,
    without its regex, or as an :class:`InvalidTimestamp` when there is no such day; None for
    any other text."""
    if (type(value) is str and len(value) == 10 and value[4] == "-" == value[7] and value.isascii()
            and value[:4].isdigit() and value[5:7].isdigit() and value[8:].isdigit()):
        try:
            return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            return InvalidTimestamp(value)
    return None


class _Loader(_BaseLoader):
    """The safe loader, but an impossible date is a value to report, not an exception."""

    def construct_yaml_timestamp(self, node):  # noqa: D102 - PyYAML hook
        day = _day(node.value)
        if day is not None:
            return day
        try:
            return super().construct_yaml_timestamp(node)
        except Exception:  # noqa: BLE001 - ValueError, OverflowError, or no match at all
            return InvalidTimestamp(node.value)


def _reported(construct):
    """A scalar constructor whose plain exceptions become YAML errors with the node's line
    (PyYAML's int, float, bool and binary constructors raise ValueError, KeyError ...)."""

    def wrapper(loader, node):
        try:
            return construct(loader, node)
        except yaml.YAMLError:
            raise
        except Exception:  # noqa: BLE001 - see above
            tag = node.tag.rsplit(":", 1)[-1]
            shown = node.value if isinstance(node, yaml.ScalarNode) else "..."
            if len(shown) > 40:
                shown = shown[:37] + "..."
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {shown!r} as !!{tag}", node.start_mark) from None

    return wrapper


# only the scalar constructors that can fail are wrapped: strings, mappings and sequences
# (nearly every node) keep PyYAML's own, so parsing stays as fast as yaml.load
for _tag in ("int", "float", "bool", "binary", "null"):
    _full = f"tag:yaml.org,2002:{_tag}"
    _Loader.add_constructor(_full, _reported(_Loader.yaml_constructors[_full]))
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


#: The plain scalars whose tags :func:`_fast_resolver` remembers: at most this long, this many.
_KNOWN_LENGTH = 16
_KNOWN_MOST = 50_000


def _fast_resolver(loader_class) -> None:
    """Give ``loader_class`` PyYAML's tag resolution at less cost per node (issue 27).

    The parser asks the loader for every node's tag (``resolve``) and calls two hooks around
    it (``descend_resolver``, ``ascend_resolver``) that only matter for path resolvers, which
    netlog never adds. PyYAML's ``resolve`` builds a list of candidate patterns per scalar;
    here they are joined once per first character, in PyYAML's order (the patterns for the
    character, then those for any character), so every node gets the tag PyYAML would give,
    and the tags of short plain texts are remembered (:data:`_KNOWN_LENGTH`).
    The hooks become C built-ins that take the same arguments and do nothing, which saves
    a Python call per node. Both are left alone if the class has path resolvers.
    """
    if loader_class.yaml_path_resolvers:  # pragma: no cover - netlog adds none
        return
    implicit = loader_class.yaml_implicit_resolvers
    anywhere = tuple(implicit.get(None, ()))
    by_first = {first: tuple(patterns) + anywhere for first, patterns in implicit.items() if first is not None}
    scalar_node, sequence_node = yaml.ScalarNode, yaml.SequenceNode
    scalar_tag, sequence_tag, mapping_tag = (loader_class.DEFAULT_SCALAR_TAG, loader_class.DEFAULT_SEQUENCE_TAG,
                                             loader_class.DEFAULT_MAPPING_TAG)

    # a plain scalar's tag depends on its text alone: short texts (keys, dates, kinds, tags) recur
    # in every file, so their tags are remembered, up to a bound
    known: dict[str, str] = {}

    def resolve(self, kind, value, implicit):
        if kind is scalar_node:
            if implicit[0]:
                tag = known.get(value)
                if tag is not None:
                    return tag
                tag = scalar_tag
                for candidate, regexp in by_first.get(value[:1], anywhere):
                    if regexp.match(value):
                        tag = candidate
                        break
                if len(value) <= _KNOWN_LENGTH and len(known) < _KNOWN_MOST:
                    known[value] = tag
                return tag
            return scalar_tag
        return sequence_tag if kind is sequence_node else mapping_tag

    loader_class.resolve = resolve
    loader_class.descend_resolver = staticmethod(operator.is_)  # (node, index) -> a bool nobody reads
    loader_class.ascend_resolver = staticmethod(tuple)  # () -> ()
    return resolve


#: The tag PyYAML gives a plain scalar's text (``_plain_tag(None, ScalarNode, text, (True, False))``;
#: the loader argument is not used), for :func:`parse_written`; None when the loader kept PyYAML's.
_plain_tag = _fast_resolver(_Loader)


_STR, _SEQ, _MAP = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class _Fallback(Exception):
    """The document needs PyYAML's full constructor (aliases, merge keys, odd tags)."""


def _construct(loader, node, aliases: bool = True):
    """The document's data: what ``construct_document`` gives, built directly for plain
    front matter (strings, lists, mappings) and by PyYAML itself for anything else.
    ``aliases`` is False when the text has no ``*``, so no node can occur twice.

    PyYAML's constructor is general (generators, anchors, merge keys) and costs about
    as much as the C parser; plain front matter does not need it. A node seen twice
    (an alias) falls back, so shared nodes stay shared and an alias bomb stays small.
    """
    try:
        return _plain(loader, node, set()) if aliases else _tree(loader, node)
    except _Fallback:
        _bounded(node)
        return loader.construct_document(node)


#: The most values front matter may hold once its aliases are expanded. 64 KiB of front matter
#: without aliases holds fewer than 33,000; aliases (``*a``) repeat a value without writing it
#: again, so a few KB can stand for billions of values, which every reader downstream (pages,
#: JSON, the search index) would write out in full.
MAX_EXPANDED = 100_000


def _bounded(node) -> None:
    """ConstructorError at the line of the first top-level key past :data:`MAX_EXPANDED` values
    when ``node`` expanded (aliases followed) holds more; counting costs one visit per node."""
    sizes: dict[int, int] = {}

    def size(n) -> int:
        known = sizes.get(id(n))
        if known is not None:
            return known
        sizes[id(n)] = 1  # a node inside itself (a recursive alias) counts once
        if isinstance(n, yaml.SequenceNode):
            total = 1 + sum(size(item) for item in n.value)
        elif isinstance(n, yaml.MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in n.value)
        else:
            total = 1
        sizes[id(n)] = total
        return total

    pairs = node.value if isinstance(node, yaml.MappingNode) else [(node, node)]
    total = 0
    for key, value in pairs:
        total += size(key) + size(value)
        if total > MAX_EXPANDED:
            raise yaml.constructor.ConstructorError(
                None, None, f"aliases (*name) expand the front matter to more than {MAX_EXPANDED:,} values; "
                            "netlog reads at most that many (write the values out, or fewer of them)",
                key.start_mark)


def _plain(loader, node, seen: set):
    if id(node) in seen:
        raise _Fallback
    seen.add(id(node))
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag == _STR:
            return node.value
        return loader.construct_object(node)  # ints, dates ... through the safe constructors
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        return [_plain(loader, item, seen) for item in node.value]
    if kind is yaml.MappingNode and node.tag == _MAP:
        out = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE or type(key_node) is not yaml.ScalarNode:
                raise _Fallback
            out[_plain(loader, key_node, seen)] = _plain(loader, value_node, seen)
        return out
    raise _Fallback


_SCALAR, _SEQUENCE, _MAPPING = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


def _tree(loader, node):
    """:func:`_plain` for a document without aliases (no ``*`` in its text): every node occurs
    once, so none is tracked. Values are built before their keys, as in :func:`_plain`."""
    kind = type(node)
    if kind is _SCALAR:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _TIMESTAMP:  # every date: the constructor itself (no node occurs twice to remember)
            return loader.construct_yaml_timestamp(node)
        return loader.construct_object(node)
    if kind is _MAPPING and node.tag == _MAP:
        out = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE or type(key_node) is not _SCALAR:
                raise _Fallback
            if type(value_node) is _SCALAR and value_node.tag == _STR:
                value = value_node.value
            else:
                value = _tree(loader, value_node)
            out[key_node.value if key_node.tag == _STR else loader.construct_object(key_node)] = value
        return out
    if kind is _SEQUENCE and node.tag == _SEQ:
        return [item.value if type(item) is _SCALAR and item.tag == _STR else _tree(loader, item)
                for item in node.value]
    raise _Fallback


@dataclass(slots=True)
class FrontMatter:
    """A parsed file. ``data`` is None when the front matter could not be read."""

    data: dict | None
    lines: dict = field(default_factory=dict)  # key -> 1-based line in the file
    written: dict = field(default_factory=dict)  # non-string key -> its text (`yes`, `on`, `1`)
    source: str = ""  # the front matter's text, for typed_forms()
    _typed: dict | None = None
    body: str = ""
    problems: list[Problem] = field(default_factory=list)
    body_line: int = 1  # the file line the body starts on

    def typed_forms(self) -> dict:
        """(key, sub) -> yamltext.Typed for the plain scalars YAML did not read as text,
        computed on first use (only values that are not text need it)."""
        if self._typed is None:
            self._typed = {}
            if self.data and self.source:
                # composed again (cheap, and rare): keeping every file's nodes would cost memory
                from . import yamltext  # only for values YAML did not read as text (start-up, issue 27)

                loader = _Loader(self.source)
                try:
                    node = loader.get_single_node()
                    if isinstance(node, yaml.MappingNode):
                        self._typed = yamltext.scan(node, self.source, _line_counter(self.source))
                except yaml.YAMLError:
                    pass
                finally:
                    loader.dispose()
        return self._typed

    def line(self, key) -> int:
        """The line of ``key``, else the front matter's first line."""
        return self.lines.get(key, 1)


def decode(path: str, raw: bytes, size: int | None = None) -> tuple[str | None, list[Problem]]:
    """Bytes to text by the one policy of ``readfile`` (size, BOM, UTF-8); CRLF and CR line
    ends become LF.

    ``size`` is the file's real size when ``raw`` was cut at the limit.
    """
    if len(raw) > MAX_FILE_BYTES:
        return None, [readfile.too_large(path, "entry", size or len(raw))]
    text, problems = readfile.decode(path, raw)
    if text is None:
        return None, problems
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def parse(path: str, text: str) -> FrontMatter:
    """Split ``text`` (already decoded) and parse its front matter."""
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if not _OPEN.fullmatch(first):
        if "\x00" in text:
            return _fail(path, 1, "binary file, not Markdown text", "binary-file")
        return _fail(path, 1, "no front matter: the file must start with a '---' line, "
                              "then YAML keys, then another '---' line", "no-front-matter")
    close = _CLOSE.search(text, first_end + 1) if first_end >= 0 else None
    if close is None:
        return _fail(path, 1, "front matter is not closed: no '---' line after line 1",
                     "unclosed-front-matter")
    source = text[first_end + 1:close.start()]
    body = text[close.end() + 1:]
    if len(source) > MAX_FRONT_MATTER:
        return _fail(path, 1, "front matter is larger than 64 KiB; netlog reads at most that much",
                     "front-matter-too-large")
    if "\t" in source:
        # YAML forbids tabs in indentation; name the line before PyYAML's vaguer message
        for number, line in enumerate(source.split("\n"), start=2):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                return _fail(path, number, "tab used for indentation in front matter; YAML needs spaces",
                                 "tab-indent")
    # nesting needs a bracket, a new line or a "- " per level: most front matter has too
    # few of those to reach the limit, and skips the (slower) event scan
    if (source.count("\n") + source.count("[") + source.count("{") + source.count("- ")
            + source.count("?")) > MAX_DEPTH:
        deep = _too_deep(source)
        if deep is not None:
            return _fail(path, deep, f"front matter is nested more than {MAX_DEPTH} levels deep", "too-deep")

    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        data = _construct(loader, node, "*" in source) if node is not None else None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line_of = _line_counter(source)
        end = source.count("\n") + 2  # the closing '---' line
        if mark is not None and e.context_mark is not None and line_of(mark) >= end:
            # the problem shows only at the end (an unclosed [, { or quote): name where it opened,
            # not the closing '---' line
            mark = e.context_mark
        line = line_of(mark) if mark is not None else 1
        if "flow" in (e.context or "") or line >= end:
            # an unclosed [ or { runs on into the next key or the closing line: name the key it
            # belongs to
            line = _key_line_before(source, min(line, end - 1), line_of(e.context_mark) if e.context_mark else line)
        what = e.problem or e.context or "cannot be read"
        if "nesting depth" in what:  # libyaml's own limit (newer builds)
            return _fail(path, line, f"front matter is nested more than {MAX_DEPTH} levels deep", "too-deep")
        kind = "YAML error" if isinstance(e, yaml.constructor.ConstructorError) else "YAML syntax error"
        return _fail(path, line, f"{kind}: {what}", "yaml-syntax")
    except yaml.YAMLError as e:  # reader errors: control characters and the like
        position = getattr(e, "position", None)
        line = source.count("\n", 0, position) + 2 if position is not None else 1
        reason = getattr(e, "reason", None) or "cannot be read"
        return _fail(path, line, f"YAML error: {reason}", "yaml-syntax")
    except RecursionError:
        return _fail(path, 1, f"front matter is nested more than {MAX_DEPTH} levels deep", "too-deep")
    finally:
        loader.dispose()

    body_line = text.count("\n", 0, close.end()) + 2
    if data is None:
        return FrontMatter({}, body=body, body_line=body_line)
    if not isinstance(data, dict):
        return _fail(path, 1, "front matter must be a mapping of keys to values "
                              f"(`key: value` lines), not {_shape(data)}", "not-a-mapping")
    fm = FrontMatter(data, body=body, body_line=body_line)
    line_of = _line_counter(source)
    fm.source = source
    if "#" in source:  # a value emptied by a comment needs a `#`: most front matter has none
        from . import yamltext

        fm.problems = yamltext.comments(path, node, source, line_of)
    for key_node, value_node in node.value:
        line = line_of(key_node.start_mark)
        key = key_node.value if key_node.tag == _STR else _key_of(key_node, loader)
        if key in fm.lines:
            fm.problems.append(Problem(path, line, ERROR,
                                       f"duplicate key {_shown(key_node)!r} (first on line {fm.lines[key]})",
                                       "duplicate-key"))
        else:
            fm.lines[key] = line
            if key_node.tag != _STR:
                fm.written[key] = _shown(key_node)
        if type(value_node) is not _SCALAR:
            _nested_duplicates(path, _shown(key_node), value_node, loader, line_of, fm.problems)
    return fm


def parse_written(path: str, text: str) -> FrontMatter:
    """:func:`parse` of a file netlog itself has just made (the person files of an import, checked
    before they are written): the same FrontMatter, read without PyYAML when the front matter
    has the simple form of netlog's person files (:func:`_simple`), else by :func:`parse`.

    ``check`` keeps to :func:`parse`: files people edit by hand seldom keep that form, and trying
    it first would cost them a scan (issue 27: importing 5,000 people spent about a third of its
    time parsing the files it had just made).
    """
    fm = _simple(text)
    return fm if fm is not None else parse(path, text)


#: A key or label of :func:`_simple`'s form (its tag is still the resolver's).
_SIMPLE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_IMPLICIT = (True, False)  # a plain scalar: its tag is resolved from its text
#: Keys and labels already asked about (a few recur in every file): whether they have the form.
_simple_keys: dict[str, bool] = {}


def _simple_key(key: str) -> bool:
    """True when ``key`` is a key of the simple form that YAML reads as that text."""
    known = _simple_keys.get(key)
    if known is None:
        known = bool(_SIMPLE_KEY.fullmatch(key)) and _plain_tag(None, _SCALAR, key, _IMPLICIT) == _STR
        if len(_simple_keys) < _KNOWN_MOST:
            _simple_keys[key] = known
    return known


def _simple_value(value: str):
    """``value``, the text after ``key: ``, as YAML reads it when it is a plain scalar that is read
    as that very text or as a ``YYYY-MM-DD`` date; :data:`_NOT_SIMPLE` otherwise.

    It starts with a letter, digit or ``+`` (no indicator, no space), holds no ``: `` or `` #``
    (which would end it) and ends with neither ``:`` nor a space (which YAML would drop), on a
    line of printable characters only, so the scanner reads it whole as one plain scalar."""
    if not (value[:1].isalnum() or value[:1] == "+") or value[-1] in ": " or ": " in value or " #" in value:
        return _NOT_SIMPLE
    tag = _plain_tag(None, _SCALAR, value, _IMPLICIT)
    if tag == _STR:
        return value
    if tag == _TIMESTAMP:
        day = _day(value)
        if day is not None:
            return day
    return _NOT_SIMPLE


_NOT_SIMPLE = object()


def _simple(text: str) -> FrontMatter | None:
    """What :func:`parse` gives ``text`` when its front matter has the simple form, else None.

    The form: a ``---`` line first, the first ``---`` line after it closes the front matter, and
    each line between them, printable characters only (no tab, none of YAML's other line breaks)
    and at most :data:`MAX_FRONT_MATTER` characters in all, is one of

    - a comment: ``#`` in the first column;
    - ``key: value``: a key of ASCII letters, digits, ``_`` and ``-`` (a letter first) that YAML
      reads as text, and a value :func:`_simple_value` reads;
    - ``key:`` followed at once by lines ``  label: value`` (two spaces; labels as keys, values as
      above): a mapping;

    with at least one key and no key, nor a label of one mapping, twice. Such front matter has
    nothing PyYAML's parse would report (no duplicate, nothing a comment empties, no key that is
    not text, two levels deep) and its data is what :func:`_tree` builds, in the same order.
    """
    if _plain_tag is None or not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        if not text.endswith("\n---"):
            return None
        end = len(text) - 4
    source = text[4:end + 1]
    if not source or len(source) > MAX_FRONT_MATTER:
        return None
    data: dict = {}
    lines: dict = {}
    inner: dict | None = None  # the mapping a `key:` line opened, while its label lines follow
    for number, line in enumerate(source[:-1].split("\n"), start=2):
        if not line.isprintable():
            return None
        first = line[:1]
        if first == "#":
            if inner is not None and not inner:
                return None  # `key:` without a label line right after it
            inner = None
            continue
        if first == " ":
            if inner is None or line[1:2] != " " or line[2:3] == " ":
                return None
            label, colon, value = line[2:].partition(": ")
        else:
            if inner is not None and not inner:
                return None
            inner = None
            label, colon, value = line.partition(": ")
            if not colon and line.endswith(":"):
                label, colon = line[:-1], ":"
                if label in data or not _simple_key(label):
                    return None
                inner = data[label] = {}
                lines[label] = number
                continue
        if not colon or not value or not _simple_key(label):
            return None
        read = _simple_value(value)
        if read is _NOT_SIMPLE:
            return None
        if first == " ":
            if label in inner:
                return None
            inner[label] = read
        else:
            if label in data:
                return None
            data[label] = read
            lines[label] = number
    if not data or inner is not None and not inner:
        return None
    fm = FrontMatter(data, body=text[end + 5:], body_line=text.count("\n", 0, end + 4) + 2)
    fm.lines = lines
    fm.source = source
    return fm


_TOP_KEY = r"(?:[^\s#\-?:\[\]{},][^:\n]*|-[^\s:][^:\n]*)\s*:(?:\s|$)"  # compiled when a file needs it


def _key_line_before(source: str, line: int, opened: int) -> int:
    """The file line of the top-level key (a line ``key: …`` at no indent) at or before file line
    ``opened`` (where an unclosed flow collection began) and ``line``; ``line`` when there is none."""
    lines = source.split("\n")
    top_key = re.compile(_TOP_KEY)
    for number in range(min(line, opened), 1, -1):
        if top_key.match(lines[number - 2]):  # file line 2 is the front matter's first
            return number
    return line


def _shown(node) -> str:
    """A key as written in the file."""
    return node.value if isinstance(node, yaml.ScalarNode) else "?"


def _nested_duplicates(path, where, top, loader, line_of, problems) -> None:
    """Report keys written twice in mappings below a top-level key (YAML keeps the last)."""
    if type(top) is _SEQUENCE and all(type(item) is _SCALAR for item in top.value):
        return  # a list of values (`with`, `tags`): no mapping in it
    seen_nodes: set[int] = set()
    stack = [top]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:  # aliases: each node once, however often it is referred to
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict = {}
            for k, v in node.value:
                try:
                    key = _key_of(k, loader)
                    hash(key)
                except TypeError:
                    key = id(k)
                if key in first:
                    problems.append(Problem(path, line_of(k.start_mark), ERROR,
                                            f"duplicate key {_shown(k)!r} in {where!r} "
                                            f"(first on line {first[key]})", "duplicate-key"))
                else:
                    first[key] = line_of(k.start_mark)
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _line_counter(source: str):
    """A function from a YAML mark in ``source`` to its 1-based line in the file.

    The front matter starts on the file's line 2. YAML also breaks lines at NEL,
    U+2028 and U+2029, which editors show inside a line, so where those occur the
    line is counted from the mark's (character) index with ``\\n`` only.
    """
    if "\x85" not in source and "\u2028" not in source and "\u2029" not in source:
        return lambda mark: mark.line + 2
    newlines = [i for i, c in enumerate(source) if c == "\n"]
    return lambda mark: bisect.bisect_left(newlines, mark.index) + 2


def _key_of(node, loader):
    """The key as the constructor made it (``1``, ``None``, ``True`` for a bare ``on``)."""
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    try:
        return loader.construct_object(node, deep=True)
    except Exception:  # noqa: BLE001 - construct_document already accepted this key
        return node.value


def _shape(data) -> str:
    if isinstance(data, list):
        return "a list"
    return "a single value"


def _too_deep(source: str) -> int | None:
    """The line where nesting passes MAX_DEPTH, else None (event scan, no recursion)."""
    depth = 0
    line_of = _line_counter(source)
    try:
        for event in yaml.parse(source, Loader=_BaseLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return line_of(event.start_mark)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as e:
        # newer libyaml builds stop at their own nesting limit, and may do so while
        # scanning ahead, before the events above reach ours
        mark = getattr(e, "problem_mark", None)
        if "nesting depth" in str(e) and mark is not None:
            return line_of(mark)
        return None  # the real parse reports it with its line
    return None


def _fail(path: str, line: int, message: str, code: str) -> FrontMatter:
    return FrontMatter(None, problems=[Problem(path, line, ERROR, message, code)])
