"""Imported once by the forkserver of kg.workers, before it forks the workers: the pipeline's
modules, the reference (for the default base) and the shapes, which every worker then shares
instead of loading its own copy."""

from __future__ import annotations

from kg.build import Settings
from kg.context import load_reference
from kg.validate import prepare_shacl

load_reference(Settings.base)
prepare_shacl()
