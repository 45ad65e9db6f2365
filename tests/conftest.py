"""Shared fixtures: the bundled sample, its reference data and resolver (built once per run)."""

from __future__ import annotations

import pytest

from kg.build import sample_source
from kg.reference.resolver import EntityResolver
from kg.reference.states import ReferenceData, load_reference_data


@pytest.fixture(scope="session")
def reference() -> ReferenceData:
    return load_reference_data()


@pytest.fixture(scope="session")
def resolver(reference: ReferenceData) -> EntityResolver:
    return EntityResolver(reference)


@pytest.fixture(scope="session")
def sample_text() -> str:
    return sample_source().data.decode("utf-8")
