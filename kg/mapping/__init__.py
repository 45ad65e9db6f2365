"""Mapping: the typed model -> RDF. Pure functions; each call returns a new graph.

`map_report` gives the graph of one committee report (its named graph in the store);
`map_reference` gives the graph of States, groups, bodies and sessions that reports point to.
"""

from kg.mapping.reference import map_reference
from kg.mapping.report import map_report

__all__ = ["map_reference", "map_report"]
