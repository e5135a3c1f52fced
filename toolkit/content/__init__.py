"""Content: the model authors write to, and the loader that validates it."""


def __getattr__(name: str):
    # The loader (YAML, Markdown, phone numbers: a quarter of a second) is imported when first
    # asked for: the command line reads the model's names on every run, and a build with nothing
    # changed needs nothing else from here.
    if name in __all__:
        from . import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Content", "load_content"]
