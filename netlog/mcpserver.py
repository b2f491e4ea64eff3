"""``netlog mcp``: the assistant's tools (:mod:`netlog.agent`) served over stdio with the
Model Context Protocol's official Python SDK (docs/format.md §14).

The SDK (the ``mcp`` package, ``pip install 'netlog[mcp]'``) is imported
only by :func:`serve`, so the rest of netlog does not need it. The
protocol's low-level server is used, rather than its decorator-based one,
because the tools' argument names are the format's own (``with`` is a
Python keyword) and an error result's text must be exactly the ``check``
lines.
"""

from __future__ import annotations

import os

from . import __version__
from .agent import TOOLS, Context, call, describe

#: What the server tells the assistant when it connects.
INSTRUCTIONS = (
    "netlog keeps the user's personal networking log: one Markdown file per interaction (an entry: date, "
    "kind, with, via, title, follow_up, notes) and one per person. Read with check, due, audit, path, find "
    "and person. You never change the log: draft_entry writes a draft into _drafts/ that waits for the "
    "user's `netlog drafts --accept`, and inbox_line appends a line to the inbox that the user's "
    "`netlog inbox` turns into an entry. Tell the user what you drafted and where."
)


def _kinds(ctx: Context):
    from .kinds import BUILTIN_KINDS

    try:
        return ctx.project().options.kinds
    except Exception:  # noqa: BLE001 - a broken config: the tools say so when called; list the built-in kinds
        return BUILTIN_KINDS


def serve(ctx: Context) -> None:
    """Serve the tools over stdin and stdout until the client closes stdin. Raises ImportError
    when the MCP SDK is not installed."""
    import anyio
    from mcp import types
    from mcp.server.lowlevel import Server
    from mcp.server.stdio import stdio_server

    async def list_tools(_request, _params) -> types.ListToolsResult:
        kinds = await anyio.to_thread.run_sync(_kinds, ctx)
        return types.ListToolsResult(tools=[
            types.Tool(name=t.name, description=describe(t, kinds), input_schema=t.schema,
                       annotations=types.ToolAnnotations(read_only_hint=t.read_only, destructive_hint=False,
                                                         open_world_hint=False))
            for t in TOOLS])

    async def call_tool(_request, params) -> types.CallToolResult:
        # the tools read files: off the event loop, so the server still answers pings meanwhile
        texts, is_error = await anyio.to_thread.run_sync(call, ctx, params.name, dict(params.arguments or {}))
        return types.CallToolResult(content=[types.TextContent(type="text", text=t) for t in texts],
                                    is_error=is_error)

    server = Server("netlog", version=__version__, instructions=INSTRUCTIONS,
                    on_list_tools=list_tools, on_call_tool=call_tool)

    async def main() -> None:
        async with stdio_server() as (read, write):
            await server.run(read, write, server.create_initialization_options())

    # The SDK reads standard input in a worker thread that no cancellation reaches, so after
    # Ctrl-C (or SIGTERM) the process would wait on it forever. Stopping at once loses nothing:
    # every tool's write is whole before its answer is sent (a draft is created atomically, an
    # inbox line appended in one write).
    import signal

    def stop(signum, _frame):
        os._exit(128 + signum)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    anyio.run(main)
