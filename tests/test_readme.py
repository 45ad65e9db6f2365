"""The README documents the real CLI: every command it tours exists, and every command is toured."""

from __future__ import annotations

import re
from pathlib import Path

from typer.main import get_command

from kg.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"


def test_tour_lists_exactly_the_commands() -> None:
    text = README.read_text(encoding="utf-8")
    tour = text.split("## A short tour of the CLI", 1)[1].split("##", 1)[0]
    documented = set(re.findall(r"^kg ([\w-]+)", tour, re.MULTILINE))  # export-akn
    command = get_command(app)
    real = set(command.commands)  # type: ignore[attr-defined]
    assert documented == real


def test_readme_gives_the_two_setup_commands_and_ci_runs_the_test_one() -> None:
    text = README.read_text(encoding="utf-8")
    assert ".venv/bin/kg build" in text
    assert "bash scripts/test" in text
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "exec bash scripts/test" in ci
