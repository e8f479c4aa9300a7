"""Query stage: named and ad-hoc SPARQL over a Turtle file or an endpoint.

The constants live here, import-light, so the CLI can offer them as choices without loading engines.
"""

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "table")
FORMATS = (*SELECT_FORMATS, "turtle")
ENGINES = ("oxigraph", "rdflib")
