"""The vendored YASGUI bundle is legally complete: its licence and the notices of the libraries
bundled in it are package data, recorded with checksums by `scripts/update-yasgui`, agree with
the bundle, and are linked from the query page and served over real HTTP."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from importlib.resources import files
from pathlib import Path

import httpx
import test_serve_pages
from live_server import serving

from kg.serve import ServeSettings, create_app

KG = Path(__file__).resolve().parents[1] / "kg"
YASGUI = KG / "serve" / "static" / "yasgui"
LICENCE_FILES = ("LICENSE", "THIRD-PARTY-NOTICES.txt")
RULE = "=" * 80
# Declared by @zazuko/yasgui but not in its bundle (absent from the source map of the release).
NOT_BUNDLED = {"choices.js", "blueimp-md5", "es6-object-assign"}
# Libraries that write their own version into the code: the bundle must hold the noticed one.
VERSIONED = ("codemirror", "jquery", "dompurify", "sortablejs", "store", "datatables.net")

built = test_serve_pages.built  # the fixture building the sample store (once for this module)


def _notices() -> str:
    return (YASGUI / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")


def _summary() -> dict[str, tuple[str, str]]:
    """The notices' list of packages: {name: (version, licence)}."""
    head = _notices().split(RULE, 1)[0]
    listing = head.split("\nPackages:\n", 1)[1]
    rows = [line.split(None, 2) for line in listing.splitlines() if line.strip()]
    return {name: (version, licence) for name, version, licence in rows}


def _sections() -> dict[str, str]:
    """The notices' sections, by package name."""
    found: dict[str, str] = {}
    for section in _notices().split(RULE)[1:]:
        title = section.strip().splitlines()[0]
        name, _, version = title.rpartition(" ")
        found[name] = section
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), title
    return found


def _recorded() -> dict[str, str]:
    text = (YASGUI / "VERSION").read_text(encoding="utf-8")
    return {m[2]: m[1] for m in re.finditer(r"^([0-9a-f]{64})  (\S+)$", text, flags=re.M)}


def test_licence_files_are_package_data() -> None:
    patterns = tomllib.loads((KG.parent / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = patterns["tool"]["setuptools"]["package-data"]["kg"]
    shipped = {p.relative_to(KG).as_posix() for pattern in package_data for p in KG.glob(pattern)}
    for name in LICENCE_FILES:
        assert f"serve/static/yasgui/{name}" in shipped
        resource = files("kg.serve").joinpath("static", "yasgui", name)
        assert resource.is_file() and resource.read_text(encoding="utf-8").strip()


def test_licence_is_yasgui_mit_with_its_holders() -> None:
    licence = (YASGUI / "LICENSE").read_text(encoding="utf-8")
    version = json.loads((YASGUI / "package.json").read_text(encoding="utf-8"))["version"]
    assert f"@zazuko/yasgui {version}" in licence
    assert "MIT License" in licence and "Permission is hereby granted" in licence
    assert "Copyright (c) Triply" in licence and "Copyright (c) Zazuko GmbH" in licence
    assert "THIRD-PARTY-NOTICES.txt" in licence
    assert "Source of this text:" in licence  # says where the text comes from


def test_notices_cover_every_bundled_library() -> None:
    summary, sections = _summary(), _sections()
    assert summary and set(summary) == set(sections)
    notices = _notices()
    assert "MIT License" in notices and "Apache License" in notices
    for name, (version, licence) in summary.items():
        section = sections[name]
        assert section.strip().startswith(f"{name} {version}\n")
        assert f"\nLicence: {licence}\n" in section
        assert re.search(r"^Version: \S", section, flags=re.M), name
        texts = re.findall(r"^Licence text: (.+)\n-{80}\n(.+?)\n-{80}$", section, re.M | re.S)
        assert texts, f"{name}: no licence text"
        for source, text in texts:
            assert "npm tarball" in source and len(text) > 100, name
        if licence == "MIT":
            assert any("Permission is hereby granted" in text for _, text in texts), name
    manifest = json.loads((YASGUI / "package.json").read_text(encoding="utf-8"))
    for dependency in manifest["dependencies"]:
        if not dependency.startswith("@zazuko/"):
            assert (dependency in summary) != (dependency in NOT_BUNDLED), dependency


def test_noticed_versions_are_the_bundled_ones() -> None:
    bundle = (YASGUI / "yasgui.min.js").read_text(encoding="utf-8")
    summary = _summary()
    for name in VERSIONED:
        assert f"`{summary[name][0]}`" in bundle, name


def test_recorded_checksums_match_the_files() -> None:
    recorded = _recorded()
    on_disk = {p.name for p in YASGUI.iterdir() if p.name != "VERSION"}
    assert set(recorded) == on_disk
    assert set(LICENCE_FILES) <= on_disk
    for name, digest in recorded.items():
        assert hashlib.sha256((YASGUI / name).read_bytes()).hexdigest() == digest, name


def test_licence_and_notices_are_linked_and_served(built: ServeSettings) -> None:
    with serving(create_app(built)) as url, httpx.Client(base_url=url, timeout=30) as http:
        page = http.get("/query")
        assert page.status_code == 200
        footer = re.search(r"<footer>(.*?)</footer>", page.text, flags=re.S)
        assert footer is not None
        assert re.sub(r"<[^>]+>", "", footer[1]) == "YASGUI licence and notices"
        links = re.findall(r'href="([^"]+)"', footer[1])
        assert links == [f"/static/yasgui/{name}" for name in LICENCE_FILES]
        for link, name in zip(links, LICENCE_FILES, strict=True):
            response = http.get(link)
            assert response.status_code == 200
            assert response.headers["content-type"] == "text/plain; charset=utf-8"
            assert response.content == (YASGUI / name).read_bytes()
            assert "MIT" in response.text
