"""One base error for user mistakes; the CLI prints its message and exits with its code.

Anything that is not a KgError is a bug and may show a traceback.
The exit codes are documented in README.md (section "Exit codes").
"""

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_BAD_INPUT = 2
EXIT_SERVER = 3
EXIT_OUTPUT = 4
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class KgError(Exception):
    """A mistake the user can fix; the message says where and how."""

    exit_code = EXIT_BAD_INPUT


class SourceError(KgError):
    """A curated source (facts file, article text, folder) is wrong."""


class RdfInputError(KgError):
    """A Turtle (or other RDF) input cannot be read."""


class QueryError(KgError):
    """A SPARQL query, its name or its parameters are wrong."""


class NonConformingError(KgError):
    """The graph breaks the SHACL shapes."""

    exit_code = EXIT_NONCONFORMING


class ServerError(KgError):
    """A SPARQL server is unreachable or refused the request."""

    exit_code = EXIT_SERVER


class OutputError(KgError):
    """An output file cannot be written; earlier outputs are left as they were."""

    exit_code = EXIT_OUTPUT


class RenderError(KgError):
    """A page or table cannot be made as asked (an entity to focus on is unknown or ambiguous)."""


class OptionError(KgError):
    """A command-line option or setting is wrong (a size limit, a URL, credentials)."""


class TooLargeError(KgError):
    """An input or a rendering is beyond the documented limits."""


class DraftError(KgError):
    """`kg draft` cannot read the article text it is given, or its folder already holds a draft."""


class Terminated(KeyboardInterrupt):
    """SIGTERM (kill, a scheduler's time limit), handled like Ctrl-C: the earlier outputs stay."""

    exit_code = EXIT_TERMINATED
