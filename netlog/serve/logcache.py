"""The log, read incrementally for ``netlog serve``: only the files a change touched are read again.

:class:`LogCache` gives the same ``(log, problems)`` as ``load.load_log``
(``load.read_files`` per file, then ``load.build_log`` over the cached parsed
files, which keeps the entries and people of unchanged files as the same objects).
It knows nothing of MkDocs.
"""

from __future__ import annotations

from ..model import Problem


class LogCache:
    """The log's parsed files, kept between changes; only changed files are read again.

    :meth:`load` returns what ``load.load_log`` returns for the folder as it is
    now (same log, same problems in the same order), given the set of paths
    (relative to the log, ``/``-separated) that changed since the last call,
    or None to read every file.
    """

    def __init__(self, docs_dir: str, options) -> None:
        self.docs_dir = docs_dir
        self.options = options
        self._files: dict[str, tuple[object | None, list[Problem]]] = {}
        self.read_count = 0  # files read by the last load
        self._memo: dict = {}  # load.build_log's: unchanged files give the same people and entries

    def load(self, changed: set[str] | None = None):
        from ..load import load_log, read_files

        def read(docs_dir: str, paths: list[str]):
            fresh: dict[str, tuple[object | None, list[Problem]]] = {}
            self.read_count = 0
            for path in paths:
                cached = self._files.get(path)
                if cached is None or changed is None or path in changed:
                    files, read_problems = read_files(docs_dir, [path])
                    cached = (files[0] if files else None, read_problems)
                    self.read_count += 1
                fresh[path] = cached
            self._files = fresh
            sources, problems = [], []
            for src, read_problems in fresh.values():
                problems.extend(read_problems)
                if src is not None:
                    sources.append(src)
            return sources, problems

        return load_log(self.docs_dir, self.options, read=read, memo=self._memo)

    def person_files(self) -> list:
        """The parsed ``people/*.md`` of the last :meth:`load`, in name order, as
        ``load.read_person_files`` gives them (unreadable ones left out)."""
        return [src for path, (src, _problems) in sorted(self._files.items())
                if src is not None and path.startswith("people/") and path.count("/") == 1]
