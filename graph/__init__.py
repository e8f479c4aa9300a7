"""News knowledge graph: curated article facts → RDF (rdflib) → Turtle, SPARQL, HTML."""

__version__ = "0.1.0"
