"""``netlog serve``: an incremental live preview on MkDocs' own machinery (docs/commands.md).

One module a job, in the order a request meets them:

- ``access``: where it listens (``--dev-addr``) and whom it answers: the
  access rule every request, GET or POST, is checked against (docs/commands.md, `netlog serve`);
- ``server``: the HTTP server (MkDocs' live-reload server), its POST hook for
  actions (``PreviewServer.add_action``, bodies up to 64 KiB), the error page
  and the temporary site folder;
- ``loop``: build, watch, update, report (the ``serve`` function);
- ``builder``: the site kept alive and updated page by page;
- ``logcache``: the log, re-read file by file;
- ``actions``: Done, Snooze, Log, Drafts and Undo, added to served pages only;
- ``lan``: ``--lan``'s address and the QR code of its URL;
- ``adapter``: the one module that touches the engine's private names and
  Material's plugin internals (``adapter.check`` names any the installed
  engine lacks).

A preview action (Done, Snooze, Log) is a handler registered with
``server.add_action`` by the command that starts the loop (``actions.Actions.install``); it writes through
the same library functions as the command of the same name, and the watcher
turns what it wrote into a page update like any save.
"""
