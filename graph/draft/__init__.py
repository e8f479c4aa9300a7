"""`kg draft`: the first draft of a facts file from an article's text, by rules over the text
(graph.draft.pipeline.draft). Loaded only when used, so that `kg --help` stays instant."""


def __getattr__(name: str):
    if name == "draft":
        from graph.draft.pipeline import draft

        return draft
    raise AttributeError(f"module 'graph.draft' has no attribute {name!r}")
