"""HTML documentation of the ontology, generated with pyLODE 3.x.

pyLODE is an optional (development) dependency, imported only when documentation is written.
Around pyLODE's ``OntPub`` profile:

* the ontology is parsed here with rdflib and handed over as a graph, because pyLODE's own
  loader prints parse errors and calls ``exit()``;
* OntPub is monolingual and concatenates every ``rdfs:label`` into one heading, so the
  documentation graph keeps English labels and definitions as the main text and moves the
  French ones (and the ``skos:closeMatch`` alignments, which OntPub does not show) into a
  ``skos:note`` of each term;
* OntPub treats every ``skos:ConceptScheme`` as if it were the ontology and does not show SKOS
  concepts, so schemes and concepts are left out of its input and rendered here as an extra
  "Concept schemes" section (with the ``skos:notation`` strings that queries return);
* pyLODE's changes to the root logger are undone, and pyLODE 3.4.1's failing import (it looks
  for a ``pyproject.toml`` its wheel lacks) is worked around.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path
from types import ModuleType

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.errors import InputError, KgError, SourceLocation

__all__ = ["DOCS_FILE_NAME", "write_ontology_docs"]

DOCS_FILE_NAME = "ontology.html"
"""Name of the HTML file written into the output directory."""

_PYLODE_REQUIREMENT = "pylode>=3.3.4,<4"
_MAIN_LANGUAGE = "en"
_LABELS = (RDFS.label, SKOS.prefLabel, DCTERMS.title)
_DEFINITIONS = (SKOS.definition, RDFS.comment, DCTERMS.description)
_SECTION_ID = "conceptschemes"


def write_ontology_docs(ontology_path: Path, out_dir: Path) -> Path:
    """Write the HTML documentation of an OWL ontology to ``out_dir/ontology.html``.

    Uses pyLODE's ``OntPub`` profile (the profile for OWL ontologies) with subjects sorted, so
    the page is stable from one run to the next, plus a section for the SKOS concept schemes.

    Args:
        ontology_path: the ontology, in Turtle.
        out_dir: the directory to write into; created if missing.

    Returns:
        The path of the HTML file written.

    Raises:
        InputError: the ontology file cannot be read or is not valid Turtle.
        KgError: pyLODE is not installed, or refuses the ontology (for example no title).
    """
    graph = _parse(ontology_path)
    with _root_logging_preserved():
        pylode = _import_pylode()
        try:
            html = str(
                pylode.OntPub(ontology=_documentation_graph(graph), sort_subjects=True).make_html()
            )
        except pylode.PylodeError as exc:
            raise KgError(f"pyLODE cannot document {ontology_path}: {exc}") from exc
    html = _add_concept_schemes(html, graph)

    out_dir.mkdir(parents=True, exist_ok=True)
    destination = out_dir / DOCS_FILE_NAME
    destination.write_text(html, encoding="utf-8")
    return destination


def _parse(ontology_path: Path) -> Graph:
    graph = Graph()
    location = SourceLocation(str(ontology_path))
    try:
        graph.parse(ontology_path, format="turtle")
    except OSError as exc:
        raise InputError(location, "a readable ontology file", str(exc)) from exc
    except SyntaxError as exc:  # rdflib's Turtle parser raises BadSyntax, a SyntaxError
        raise InputError(location, "valid Turtle", str(exc)) from exc
    return graph


@contextmanager
def _root_logging_preserved() -> Iterator[None]:
    """Undo what pyLODE does to the root logger.

    pyLODE 3.x calls ``logging.basicConfig(level=DEBUG)`` when imported and logs through the
    module-level ``logging.info``, which installs a stderr handler on a root logger that has
    none. A temporary null handler makes both calls no-ops; the root logger's level and
    handlers are restored on exit.
    """
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    if not handlers:
        root.addHandler(logging.NullHandler())
    try:
        yield
    finally:
        root.setLevel(level)
        root.handlers[:] = handlers


def _import_pylode() -> ModuleType:
    try:
        return importlib.import_module("pylode")
    except ModuleNotFoundError as exc:
        raise KgError(
            f"pyLODE is needed to write the ontology documentation: "
            f"pip install '{_PYLODE_REQUIREMENT}'"
        ) from exc
    except FileNotFoundError:
        # pyLODE 3.4.1 (the last release for Python 3.11) reads its own version from a
        # pyproject.toml that its wheel does not ship (RDFLib/pyLODE#260). Give it the
        # installed version and import again.
        for name in [n for n in sys.modules if n == "pylode" or n.startswith("pylode.")]:
            del sys.modules[name]
        shim = ModuleType("pylode.version")
        shim.__dict__["__version__"] = importlib.metadata.version("pylode")
        sys.modules["pylode.version"] = shim
        return importlib.import_module("pylode")


def _skos_subjects(graph: Graph) -> set[Node]:
    return set(graph.subjects(RDF.type, SKOS.ConceptScheme)) | set(
        graph.subjects(RDF.type, SKOS.Concept)
    )


def _in_language(graph: Graph, subject: Node, predicates: tuple[URIRef, ...], lang: str) -> str:
    for predicate in predicates:
        for value in graph.objects(subject, predicate):
            if isinstance(value, Literal) and value.language == lang:
                return str(value)
    return ""


def _documentation_graph(graph: Graph) -> Graph:
    """Copy of the ontology shaped for OntPub (see the module docstring)."""
    skos_subjects = _skos_subjects(graph)
    doc = Graph()
    for prefix, namespace in graph.namespaces():
        doc.bind(prefix, namespace, override=True)
    notes: dict[Node, list[str]] = {}
    for s, p, o in graph:
        if s in skos_subjects:
            continue
        other_language = (
            p in _LABELS + _DEFINITIONS
            and isinstance(o, Literal)
            and o.language not in (None, _MAIN_LANGUAGE)
        )
        if other_language:
            continue
        if p == SKOS.closeMatch:
            notes.setdefault(s, []).append(f"Close match: <{o}>")
            continue
        doc.add((s, p, o))
    for subject in set(graph.subjects()) - skos_subjects:
        label = _in_language(graph, subject, _LABELS, "fr")
        definition = _in_language(graph, subject, _DEFINITIONS, "fr")
        if label or definition:
            french = " — ".join(part for part in (label, definition) if part)
            notes.setdefault(subject, []).insert(0, f"Français : {french}")
    for subject, texts in notes.items():
        doc.add((subject, SKOS.note, Literal("\n\n".join(texts), lang=_MAIN_LANGUAGE)))
    return doc


def _local_name(iri: Node) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _concept_schemes_html(graph: Graph) -> tuple[str, str]:
    """Return the HTML of the concept scheme section and of its table-of-contents entry."""
    schemes = sorted(graph.subjects(RDF.type, SKOS.ConceptScheme), key=_local_name)
    blocks: list[str] = []
    toc_items: list[str] = []
    for scheme in schemes:
        anchor = _local_name(scheme)
        label = _in_language(graph, scheme, _LABELS, _MAIN_LANGUAGE) or anchor
        rows = [
            ("IRI", f"<code>{escape(str(scheme))}</code>"),
            ("Label (fr)", escape(_in_language(graph, scheme, _LABELS, "fr"))),
            ("Definition", escape(_in_language(graph, scheme, _DEFINITIONS, _MAIN_LANGUAGE))),
            ("Définition (fr)", escape(_in_language(graph, scheme, _DEFINITIONS, "fr"))),
        ]
        table = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
        concepts = sorted(graph.subjects(SKOS.inScheme, scheme), key=_local_name)
        if concepts:
            lines = "".join(
                "<tr>"
                f"<td><code>{escape(str(graph.value(c, SKOS.notation) or ''))}</code></td>"
                f"<td><code>unkg:{escape(_local_name(c))}</code></td>"
                f"<td>{escape(_in_language(graph, c, _LABELS, _MAIN_LANGUAGE))}</td>"
                f"<td>{escape(_in_language(graph, c, _LABELS, 'fr'))}</td>"
                f"<td>{escape(_in_language(graph, c, _DEFINITIONS, _MAIN_LANGUAGE))}</td>"
                "</tr>"
                for c in concepts
            )
            concept_table = (
                "<table><tr><th>Notation</th><th>Concept</th><th>Label</th>"
                f"<th>Libellé (fr)</th><th>Definition</th></tr>{lines}</table>"
            )
        else:
            concept_table = "<p>No concepts yet.</p>"
        blocks.append(
            f'<div class="entity" id="{escape(anchor)}"><h3>{escape(label)}</h3>'
            f"<table>{table}</table>{concept_table}</div>"
        )
        toc_items.append(f'<li><a href="#{escape(anchor)}">{escape(label)}</a></li>')
    section = (
        f'<div class="section" id="{_SECTION_ID}"><h2>Concept schemes</h2>{"".join(blocks)}</div>'
    )
    toc = (
        f'<li><h4><a href="#{_SECTION_ID}">Concept schemes</a></h4>'
        f'<ul class="second">{"".join(toc_items)}</ul></li>'
    )
    return section, toc


def _add_concept_schemes(html: str, graph: Graph) -> str:
    """Insert the concept scheme section before OntPub's namespaces (or at the end)."""
    if (None, RDF.type, SKOS.ConceptScheme) not in graph:
        return html
    section, toc = _concept_schemes_html(graph)
    body_marker = '<div id="namespaces">'
    if body_marker in html:
        html = html.replace(body_marker, section + body_marker, 1)
    else:
        html = html.replace("</body>", section + "</body>", 1)
    toc_entry = re.search(r'<li>\s*<h4>\s*<a href="#namespaces">', html)
    if toc_entry is not None:
        html = html[: toc_entry.start()] + toc + html[toc_entry.start() :]
    return html
