"""``netlog serve``: the live preview (being split by job)."""
