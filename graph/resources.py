"""Where the ontology and the bundled article live, installed or in a checkout.

A wheel carries them under graph/_bundled/; a checkout (editable install, tests)
has them at the repository's top level.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    bundled = _PACKAGE / "_bundled" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / name


def ontology_dir() -> Path:
    return _find("ontology")


def sources_dir() -> Path:
    return _find("sources")


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def queries_dir() -> Path:
    return ontology_dir() / "queries"


def bundled_article() -> Path:
    return sources_dir() / "troib-2024-11-16-sino-us-health"
