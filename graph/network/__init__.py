"""Network stage: the RDF graph projected onto entities and links, shown as a page or a table.

The constant lives here, import-light, so the CLI can show it as a default without loading NetworkX.
"""

#: Pages with more entities than this are refused (kg render) or skipped (kg build): beyond it
#: the browser needs more than a few seconds to become interactive on a modest laptop.
DEFAULT_MAX_NODES = 2000
