"""Change an existing store: `kg add FILE...` and `kg remove SYMBOL...` (issue 9.3).

Only the given documents are read; the documents the store keeps take part in the rules across
documents (kg.validate.validate with `stored`), so an addition that contradicts the store, or a
removal that leaves a contradiction, is refused as a build would refuse it. All or nothing: the
new store and its dumps are staged and put in place together, under the store's lock, which is
held from the moment the store is read. A document whose symbol and language are already in the
store replaces them, and the result says so.

The store is written whole again (simple and safe; an incremental load and a dump refresh per
named graph are left to the streaming build of issue 9.1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.build import (
    SOURCES_FILE,
    Progress,
    Settings,
    Source,
    StageTimes,
    Step,
    check,
    parse_warnings,
    settle,
    write_store,
)
from kg.context import load_reference
from kg.errors import KgError
from kg.export import DumpFile
from kg.ids import GraphId
from kg.lifecycle import LIFECYCLE_GRAPH
from kg.lock import store_lock
from kg.parse.lexicon import LEXICONS
from kg.store import graph_ntriples, named_graphs, open_store
from kg.validate import DocumentGraph, validate_across
from kg.workers import Workers


@dataclass(frozen=True)
class UpdateResult:
    added: tuple[str, ...]  # sources read
    replaced: tuple[str, ...]  # the documents they replaced: `graph (was SOURCE)`
    removed: tuple[str, ...]  # named graphs removed
    warnings: tuple[str, ...]
    quads: int
    dumps: tuple[DumpFile, ...]
    times: dict[str, float]


def stored_documents(settings: Settings) -> list[DocumentGraph]:
    """The document graphs of the store (not the ontology, reference or derived ones), with the
    file each was read from."""
    sources = _sources_of(settings)
    own = {graph.name for graph in load_reference(settings.base).graphs}
    own |= _derived_names(settings)
    with open_store(settings.store) as store:
        return [
            DocumentGraph(sources.get(name, name), name, graph_ntriples(store, name))
            for name in named_graphs(store)
            if name not in own
        ]


def add(
    sources: Sequence[Source], settings: Settings, progress: Progress | None = None
) -> UpdateResult:
    say = progress or (lambda _step: None)
    times = StageTimes()
    with store_lock(settings.store, settings.lock_timeout, lambda why: say(Step(why))):
        stored = stored_documents(settings)
        with Workers(min(settings.jobs, len(sources))) as workers:
            checked = check(sources, settings, workers, progress=say, times=times, stored=stored)
        kept = {graph.name for graph in checked.stored}
        replaced = tuple(f"{g.name} (was {g.source})" for g in stored if g.name not in kept)
        checked, _ = settle(checked, keep_going=False)
        documents = [*checked.stored, *checked.graphs]
        quads, dumps = write_store(
            settings, checked.reference, documents, checked.report, times=times, say=say
        )
    warnings = parse_warnings(checked.documents)
    warnings += tuple(str(v) for v in checked.report.violations if not v.blocking)
    added = tuple(graph.source for graph in checked.graphs)
    return UpdateResult(added, replaced, (), warnings, quads, dumps, times.seconds)


def remove(
    symbols: Sequence[str],
    settings: Settings,
    language: str | None = None,
    progress: Progress | None = None,
) -> UpdateResult:
    """Remove every language version of each symbol (or only `language`, e.g. `fr`)."""
    say = progress or (lambda _step: None)
    times = StageTimes()
    reference = load_reference(settings.base)
    if language is not None and language not in LEXICONS:
        raise KgError(f"unknown language {language!r} (known: {', '.join(sorted(LEXICONS))})")
    languages = [language] if language else sorted(LEXICONS)
    with store_lock(settings.store, settings.lock_timeout, lambda why: say(Step(why))):
        stored = stored_documents(settings)
        names = {graph.name for graph in stored}
        gone: set[str] = set()
        for symbol in symbols:
            wanted = {
                str(reference.minter.iri(GraphId(symbol, LEXICONS[lang].akn_language)))
                for lang in languages
            }
            if not wanted & names:
                which = f" in {language}" if language else ""
                raise KgError(f"{symbol}{which} is not in the store {settings.store}")
            gone |= wanted & names
        kept = [graph for graph in stored if graph.name not in gone]
        with times.stage("validate"):
            report = validate_across(kept, reference)
        if not report.conforms:
            raise KgError(
                "the store would break a rule across documents: "
                + "; ".join(str(v) for v in report.violations if v.blocking)
            )
        quads, dumps = write_store(settings, reference, kept, report, times=times, say=say)
    warnings = tuple(str(v) for v in report.violations)
    return UpdateResult((), (), tuple(sorted(gone)), warnings, quads, dumps, times.seconds)


def _sources_of(settings: Settings) -> dict[str, str]:
    listing = settings.store / SOURCES_FILE
    if not listing.exists():
        return {}
    sources: dict[str, str] = {}
    for line in listing.read_text("utf-8").splitlines():
        name, _, source = line.partition("\t")
        sources[name] = source
    return sources


def _derived_names(settings: Settings) -> set[str]:
    minter = load_reference(settings.base).minter
    return {str(minter.iri(GraphId(LIFECYCLE_GRAPH)))}
