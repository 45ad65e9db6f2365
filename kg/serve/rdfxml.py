"""RDF/XML for the pages and the endpoint, by Oxigraph's serialiser (never written by hand).

RDF/XML writes a predicate as an XML element, so its IRI must end with an XML name (`...#title`,
`.../_1`); Oxigraph writes an invalid document for one that does not (`http://example.org/1`),
so such graphs are refused here with a message instead. Imports only pyoxigraph: the query
workers use it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pyoxigraph as ox

MEDIA_TYPE = "application/rdf+xml"
# The end of an IRI that can be an element's local name (an XML NCName: a letter or `_`, then
# letters, digits, `_`, `-`, `.`).
_LOCAL_NAME = re.compile(r"[^\W\d][\w.\-]*\Z")


class NotXmlSerializableError(ValueError):
    """A graph with a predicate that RDF/XML cannot write."""


def rdf_xml_bytes(triples: Sequence[ox.Triple], prefixes: dict[str, str] | None = None) -> bytes:
    for triple in triples:
        if not _LOCAL_NAME.search(triple.predicate.value):
            raise NotXmlSerializableError(
                f"RDF/XML cannot write the predicate <{triple.predicate.value}> (its IRI does"
                " not end with an XML name); ask for Turtle, N-Triples or JSON-LD"
            )
    data = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=prefixes or {})
    assert data is not None
    return data
