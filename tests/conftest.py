"""Shared fixtures: the bundled sample, its reference data and resolver (built once per run)."""

from __future__ import annotations

import pytest

from kg.build import Settings, build, sample_source
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


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """`kg build` of the bundled sample, once per run, for tests that only read the store and
    the dumps (each test that changes a store builds its own)."""
    root = tmp_path_factory.mktemp("sample-build")
    settings = Settings(store=root / "store", exports=root / "exports")
    build([sample_source()], settings)
    return settings
