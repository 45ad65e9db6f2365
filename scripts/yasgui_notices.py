#!/usr/bin/env python3
"""Write LICENSE and THIRD-PARTY-NOTICES.txt for the vendored YASGUI bundle, from npm tarballs.

Called by scripts/update-yasgui (standard library only; needs `npm` on PATH):

    yasgui_notices.py TARBALL TARGET_DIR WORK_DIR

TARBALL is the @zazuko/yasgui npm tarball. What is inside build/yasgui.min.js is read from the
source map that the tarball ships beside it (build/yasgui.min.js.map, not vendored):

- every source under node_modules/ names a third-party package; the text the map embeds for it
  (sourcesContent) is compared with the files of that package's npm tarballs, newest first among
  the versions in the declared dependency range published before the YASGUI release, until every
  bundled file is identical: that is the version bundled;
- packages imported only for their CSS (yasgui.min.css has no map, and its CSS is re-minified)
  are found from the CSS imports in YASGUI's own sources; their version is the newest in the
  declared range published before the release whose exact pins agree with the identified ones;
- sources outside node_modules are YASGUI's own (@zazuko/yasgui and the @zazuko/yasqe, yasr and
  yasgui-utils packages of the same monorepo and release, checked against their own maps).

Licence texts are the LICENSE/LICENCE/COPYING/NOTICE files at the root of each tarball; a package
that ships none gets the standard text of the SPDX id in its package.json `license` field (only
MIT is known here) with a copyright line from its `author` field, and the notice says so. Any
package that cannot be identified or given a licence text stops the run with an error.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

MAX_TRIES = 40
MAP = "build/yasgui.min.js.map"
RULE = "=" * 80
THIN = "-" * 80
STABLE = re.compile(r"\d+\.\d+\.\d+")
LICENCE_FILE = re.compile(r"(?i)(licen[cs]e|copying|notice)([-._ ].*)?")
# A file's opening comment, and "legal" comments anywhere (what minifiers are told to keep).
LEADING_COMMENT = re.compile(
    r"\A\s*(?:#![^\n]*\n\s*)?(/\*[\s\S]*?\*/|//[^\n]*(?:\n[ \t]*//[^\n]*)*)"
)
LEGAL_COMMENT = re.compile(r"/\*(?:!|\*!|\*?\s*@(?:license|preserve))[\s\S]*?\*/")
NOTICE_WORDS = re.compile(r"(?i)licen[cs]|copyright|\(c\)|©|@preserve")
CSS_IMPORT = re.compile(r"""(?m)^\s*import\s+["']([^"'./][^"']*\.css)["']""")

MIT_TEXT = """\
MIT License

{copyright}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


class NoticeError(Exception):
    """The bundle's contents or a licence could not be established."""


@dataclass
class Tarball:
    name: str
    version: str
    filename: str
    sha256: str
    files: dict[str, bytes]

    @property
    def manifest(self) -> dict[str, object]:
        data = json.loads(self.files["package.json"])
        assert isinstance(data, dict)
        return data

    @property
    def dependencies(self) -> dict[str, str]:
        found = self.manifest.get("dependencies")
        return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


@dataclass
class Licence:
    spdx: str
    texts: list[tuple[str, str]]  # (where the text comes from, the text)
    note: str = ""


@dataclass
class Bundled:
    tarball: Tarball
    licence: Licence
    evidence: str
    files: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    comments_source: str = "Notices in the bundled sources (minification removed them):"


# --- npm ---------------------------------------------------------------------------------------


def _npm(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(["npm", *args], capture_output=True, text=True, cwd=cwd, check=False)
    if done.returncode != 0:
        raise NoticeError(f"npm {' '.join(args)} failed:\n{done.stderr.strip()}")
    return done.stdout


def _view(spec: str, *fields: str) -> object:
    out = _npm("view", spec, *fields, "--json").strip()
    return json.loads(out) if out else None


def _versions_in(name: str, spec: str) -> set[str]:
    found = _view(f"{name}@{spec}", "version")
    if isinstance(found, str):
        return {found}
    return {str(v) for v in found} if isinstance(found, list) else set()


def _publish_times(name: str) -> dict[str, str]:
    times = _view(name, "time")
    if not isinstance(times, dict):
        raise NoticeError(f"npm gave no publication times for {name}")
    return {str(k): str(v) for k, v in times.items()}


def _semver(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def pack(name: str, version: str, work: Path) -> Tarball:
    """The npm tarball of name@version, read into memory (paths relative to the package root)."""
    out = _npm("pack", "--silent", "--pack-destination", str(work), f"{name}@{version}", cwd=work)
    path = work / out.strip().splitlines()[-1]
    tarball = read_tarball(path)
    path.unlink()
    if (tarball.name, tarball.version) != (name, version):
        raise NoticeError(f"npm gave {tarball.name}@{tarball.version} for {name}@{version}")
    return tarball


def read_tarball(path: Path) -> Tarball:
    """An npm tarball read into memory, its paths relative to the package root."""
    data = path.read_bytes()
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            extracted = archive.extractfile(member) if member.isfile() else None
            if extracted is not None:
                files[member.name.split("/", 1)[-1]] = extracted.read()
    if "package.json" not in files:
        raise NoticeError(f"{path.name}: tarball without package.json")
    manifest = json.loads(files["package.json"])
    return Tarball(
        manifest["name"], manifest["version"], path.name, hashlib.sha256(data).hexdigest(), files
    )


# --- licences ----------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.removeprefix("\ufeff").replace("\r\n", "\n").rstrip() + "\n"


def _person(value: object) -> str | None:
    """The name of a package.json person: "Name <mail> (url)" or {"name": ...}."""
    if isinstance(value, dict):
        value = value.get("name")
    if not isinstance(value, str) or not value.strip():
        return None
    return re.sub(r"\s*[<(].*$", "", value).strip() or None


def _spdx(manifest: dict[str, object]) -> str | None:
    value = manifest.get("license")
    if isinstance(value, dict):
        value = value.get("type")
    old_style = manifest.get("licenses")  # the deprecated [{"type": ...}] form
    if value is None and isinstance(old_style, list):
        kinds = [_spdx({"license": item}) for item in old_style]
        value = " OR ".join(k for k in kinds if k) or None
    return value if isinstance(value, str) and value.strip() else None


def holders(manifests: Iterable[dict[str, object]]) -> list[str]:
    """Author and contributors of the packages, in order, without repeats."""
    found: list[str] = []
    for manifest in manifests:
        contributors = manifest.get("contributors")
        people = [manifest.get("author")]
        people += contributors if isinstance(contributors, list) else []
        for person in people:
            name = _person(person)
            if name and name not in found:
                found.append(name)
    return found


def standard_text(spdx: str, names: list[str], what: str) -> str:
    if spdx != "MIT":
        raise NoticeError(
            f"{what}: ships no licence file and declares {spdx!r}; no standard text "
            "is known here for it: add its text to scripts/yasgui_notices.py"
        )
    if not names:
        raise NoticeError(f"{what}: ships no licence file and names no author for the MIT notice")
    return MIT_TEXT.format(copyright="\n".join(f"Copyright (c) {n}" for n in names))


def _words(text: str) -> str:
    return " ".join(text.split())


MIT_TERMS = _words(MIT_TEXT[MIT_TEXT.index("Permission is hereby granted") :])


def licence_of(tarball: Tarball) -> Licence:
    what = f"{tarball.name}@{tarball.version}"
    spdx = _spdx(tarball.manifest)
    files = sorted(p for p in tarball.files if "/" not in p and LICENCE_FILE.fullmatch(p))
    if files:
        texts = [
            (f"{p} in the npm tarball {tarball.filename}", _decode(tarball.files[p])) for p in files
        ]
        if spdx is not None:
            return Licence(spdx, texts)
        if len(texts) == 1 and MIT_TERMS in _words(texts[0][1]):
            note = (
                "its package.json declares no licence; the MIT id is read from the text, "
                "which is the MIT licence word for word"
            )
            return Licence("MIT", texts, note)
        raise NoticeError(
            f"{what}: package.json declares no licence and the licence file is not "
            "one recognised here: name its SPDX id in scripts/yasgui_notices.py"
        )
    if spdx is None:
        raise NoticeError(f"{what}: no licence file in the tarball and no license in package.json")
    author = _person(tarball.manifest.get("author"))
    text = standard_text(spdx, [author] if author else [], what)
    source = (
        f"the npm tarball {tarball.filename} ships no licence file: standard {spdx} text "
        f'(SPDX {spdx}) for the "license": "{spdx}" of its package.json, with the '
        f'copyright holder from its "author" field ({author})'
    )
    return Licence(spdx, [(source, text)])


# --- what the bundle holds ---------------------------------------------------------------------


def _package_of(path: str) -> tuple[str, str]:
    rest = path.rsplit("node_modules/", 1)[1]
    parts = rest.split("/")
    size = 2 if rest.startswith("@") else 1
    return "/".join(parts[:size]), "/".join(parts[size:])


def read_map(main: Tarball) -> tuple[dict[str, dict[str, str | None]], dict[str, str | None]]:
    """The bundle's sources: {package: {file: text}} for node_modules, {path: text} for YASGUI's."""
    data = main.files.get(MAP)
    if data is None:
        raise NoticeError(f"{MAP} missing from {main.filename}: cannot tell what is bundled")
    source_map = json.loads(data)
    contents = source_map.get("sourcesContent") or []
    third: dict[str, dict[str, str | None]] = {}
    own: dict[str, str | None] = {}
    for index, source in enumerate(source_map["sources"]):
        text = contents[index] if index < len(contents) else None
        if "node_modules/" in source:
            name, file = _package_of(source)
            third.setdefault(name, {})[file] = text
        elif source.startswith("../"):
            own[source] = text
        else:
            raise NoticeError(
                f"unexpected source {source!r} in the source map: neither YASGUI's "
                "own nor from node_modules; decide whose it is before vendoring"
            )
    return third, own


def _own_path(source: str) -> str:
    return re.sub(r"^(\.\./)+", "", source)


def check_subpackage(tarball: Tarball, own: dict[str, str | None]) -> int:
    """How many of the sub-package's own sources are in the bundle, identical; fails on a change."""
    mine = {_own_path(p): t for p, t in own.items() if t is not None}
    same = 0
    for path, data in sorted(tarball.files.items()):
        if not re.fullmatch(r"build/[^/]*\.min\.js\.map", path):
            continue
        source_map = json.loads(data)
        contents = source_map.get("sourcesContent") or []
        for source, text in zip(source_map["sources"], contents, strict=False):
            if "node_modules/" in source or text is None:
                continue
            key = _own_path(source)
            there = {t for p, t in mine.items() if p == key or p.endswith("/" + key)}
            if not there:
                continue  # not in the bundle (CSS, or left out by the bundler)
            if text not in there:
                raise NoticeError(
                    f"{tarball.name}@{tarball.version}: {key} differs from the "
                    "copy in yasgui.min.js; it is not the release bundled"
                )
            same += 1
    return same


def _candidates(name: str, ranges: set[str], released: str) -> list[str]:
    times = _publish_times(name)
    versions = {v for v, t in times.items() if STABLE.fullmatch(v) and t <= released}
    if ranges:
        allowed: set[str] = set()
        for spec in sorted(ranges):
            allowed |= _versions_in(name, spec)
        versions &= allowed
    return sorted(versions, key=_semver, reverse=True)[:MAX_TRIES]


def _same(data: bytes | None, text: str) -> bool:
    return data is not None and _decode(data) == _decode(text.encode("utf-8"))


def identify(
    name: str, files: dict[str, str | None], ranges: set[str], released: str, work: Path
) -> tuple[Tarball, str]:
    known = {f: t for f, t in files.items() if t is not None}
    if not known:
        raise NoticeError(f"{name}: the source map embeds none of its files; cannot tell version")
    candidates = _candidates(name, ranges, released)
    for version in candidates:
        tarball = pack(name, version, work)
        if all(_same(tarball.files.get(f), t) for f, t in known.items()):
            count = f"all {len(known)} bundled files" if len(known) > 1 else "the bundled file"
            evidence = (
                f"{count} (as embedded in the source map of yasgui.min.js) identical "
                "to the npm tarball's"
            )
            return tarball, evidence
    wanted = " || ".join(sorted(ranges)) or "any"
    raise NoticeError(
        f"{name}: no version in range {wanted!r} published before the release "
        f"({len(candidates)} tried) has the files bundled in yasgui.min.js"
    )


def identify_css(
    name: str,
    ranges: set[str],
    released: str,
    pinned: dict[str, str],
    *,
    imported: list[str],
    work: Path,
) -> tuple[Tarball, str]:
    if not ranges:
        raise NoticeError(f"{name}: imported for its CSS but declared by no package")
    for version in _candidates(name, ranges, released):
        tarball = pack(name, version, work)
        deps = tarball.dependencies
        clash = [
            d
            for d, spec in deps.items()
            if d in pinned and STABLE.fullmatch(str(spec)) and spec != pinned[d]
        ]
        if clash or not all(f in tarball.files for f in imported):
            continue
        agreeing = [
            f"{d} {deps[d]}" for d in sorted(deps) if d in pinned and STABLE.fullmatch(deps[d])
        ]
        evidence = (
            f"CSS only ({', '.join(imported)}), so not in the source map: newest version "
            f"in range {' || '.join(sorted(ranges))!r} published before the release"
        )
        if agreeing:
            evidence += f"; it pins {', '.join(agreeing)}, the version bundled"
        return tarball, evidence
    raise NoticeError(f"{name}: no version in range fits the CSS import {imported}")


# --- the two files -----------------------------------------------------------------------------


def source_comments(texts: Iterable[str]) -> list[str]:
    """Copyright and licence comments of the bundled sources (minification removed them)."""
    found: list[str] = []
    for text in texts:
        lead = LEADING_COMMENT.match(text)
        comments = [lead.group(1)] if lead and NOTICE_WORDS.search(lead.group(1)) else []
        comments += LEGAL_COMMENT.findall(text)
        for comment in comments:
            cleaned = _decode(comment.encode("utf-8")).rstrip("\n")
            if cleaned not in found:
                found.append(cleaned)
    return found


def _main_file_notice(bundled: Bundled) -> None:
    """Where no bundled file carries a notice, the one of the package's entry file, if any."""
    manifest = bundled.tarball.manifest
    for key in ("main", "module"):
        entry = manifest.get(key)
        path = str(entry).removeprefix("./") if isinstance(entry, str) else "index.js"
        data = bundled.tarball.files.get(path) or bundled.tarball.files.get(path + ".js")
        comments = source_comments([_decode(data)]) if data else []
        if comments:
            bundled.comments = comments
            bundled.comments_source = (
                f"Notice in the package's entry file {path} (not itself "
                "bundled; the bundled files carry none):"
            )
            return


def _files_line(files: list[str]) -> str:
    shown = ", ".join(files[:6])
    return shown + (f" and {len(files) - 6} more" if len(files) > 6 else "")


def render_notices(version: str, bundled: list[Bundled]) -> str:
    width = max(len(b.tarball.name) for b in bundled)
    vwidth = max(len(b.tarball.version) for b in bundled)
    lines = [
        f"THIRD-PARTY NOTICES for YASGUI (@zazuko/yasgui {version}): yasgui.min.js, yasgui.min.css",
        "",
        "YASGUI's own licence is in LICENSE beside this file. The bundle also holds code from the",
        f"{len(bundled)} npm packages below, each under its own licence, reproduced in full here.",
        "Generated by scripts/update-yasgui (scripts/yasgui_notices.py) from the npm registry;",
        "do not edit by hand.",
        "",
        "How it is made: the packages are those whose sources the source map of yasgui.min.js",
        "(shipped in the @zazuko/yasgui tarball, not vendored) lists under node_modules/, plus",
        "those imported only for their CSS. The version of each is the one whose npm tarball has",
        "every bundled file identical to the text embedded in the map (CSS-only packages: see",
        "their entry). Licence texts are the licence files of that tarball, verbatim but for line",
        "endings; where a tarball ships none, the entry says which standard text was used and",
        "where its copyright line comes from. The copyright and licence comments of the bundled",
        "sources, which minification removed, are quoted too. Runtime glue written by the",
        "bundler itself is not listed.",
        "",
        "Packages:",
    ]
    lines += [
        f"  {b.tarball.name:<{width}}  {b.tarball.version:<{vwidth}}  {b.licence.spdx}"
        for b in bundled
    ]
    for b in bundled:
        lines += [
            "",
            RULE,
            f"{b.tarball.name} {b.tarball.version}",
            f"Licence: {b.licence.spdx}",
            f"Version: {b.evidence}",
            f"npm tarball: {b.tarball.filename} (sha256 {b.tarball.sha256})",
        ]
        if b.licence.note:
            lines.append(f"Licence note: {b.licence.note}")
        if b.files:
            lines.append(f"Bundled files ({len(b.files)}): {_files_line(b.files)}")
        if b.comments:
            lines += [b.comments_source, THIN]
            lines += b.comments
            lines.append(THIN)
        for source, text in b.licence.texts:
            lines += [f"Licence text: {source}", THIN, text.rstrip("\n"), THIN]
    return "\n".join(lines) + "\n"


def render_licence(version: str, own: list[Tarball]) -> str:
    main = own[0]
    parts = ", ".join(f"{t.name} {t.version}" for t in own[1:])
    spdx = {_spdx(t.manifest) for t in own}
    if len(spdx) != 1 or None in spdx:
        declared_ids = sorted(map(str, spdx))
        raise NoticeError(f"YASGUI's packages declare different or no licences: {declared_ids}")
    (declared,) = spdx
    assert declared is not None
    head = [
        f"YASGUI: @zazuko/yasgui {version}, vendored here as yasgui.min.js and yasgui.min.css.",
        *([f"Built from the same release of {parts}."] if parts else []),
        "The third-party libraries in the bundle and their licences: THIRD-PARTY-NOTICES.txt.",
        "",
    ]
    shipped = [
        (t, p) for t in own for p in sorted(t.files) if "/" not in p and LICENCE_FILE.fullmatch(p)
    ]
    if shipped:
        tarball, path = shipped[0]
        head.append(f"Source of this text: {path} in the npm tarball {tarball.filename}.")
        text = _decode(tarball.files[path])
    else:
        names = holders(t.manifest for t in own)
        head += [
            f'Source of this text: these npm packages declare "license": "{declared}" in their',
            "package.json and ship no licence file, so this is the standard text of that licence",
            f"(SPDX {declared}) with the copyright holders their package.json files name as",
            f'"author" and "contributors": {", ".join(names)}.',
        ]
        text = standard_text(declared, names, main.name)
    return "\n".join(head) + f"\n{THIN}\n\n{text}"


def own_packages(main: Tarball, own: dict[str, str | None], work: Path) -> list[Tarball]:
    """YASGUI's sub-packages of the same scope and release (@zazuko/yasqe, ...), checked."""
    scope = main.name.split("/")[0] + "/"
    found: list[Tarball] = []
    for dep, spec in sorted(main.dependencies.items()):
        if not dep.startswith(scope):
            continue
        if main.version not in _versions_in(dep, spec):
            raise NoticeError(f"{dep}: the release {main.version} is not in the declared {spec!r}")
        sub = pack(dep, main.version, work)
        if check_subpackage(sub, own) == 0:
            raise NoticeError(f"{dep}@{main.version}: none of its sources found in the bundle")
        found.append(sub)
    return found


def css_imports(own: dict[str, str | None], skip: Iterable[str]) -> dict[str, list[str]]:
    """{package: [file]} of the CSS that YASGUI's sources import from packages not in `skip`."""
    known = set(skip)
    found: dict[str, set[str]] = {}
    for text in own.values():
        for spec in CSS_IMPORT.findall(text or ""):
            dep = "/".join(spec.split("/")[: 2 if spec.startswith("@") else 1])
            if dep not in known:
                found.setdefault(dep, set()).add(spec.removeprefix(dep + "/"))
    return {dep: sorted(files) for dep, files in found.items()}


def generate(main: Tarball, target: Path, work: Path) -> list[Bundled]:
    released = _publish_times(main.name).get(main.version)
    if released is None:
        raise NoticeError(f"npm knows no publication time of {main.name}@{main.version}")
    third, own = read_map(main)
    subpackages = own_packages(main, own, work)
    ranges: dict[str, set[str]] = {}

    def declare(tarball: Tarball) -> None:
        for dep, spec in tarball.dependencies.items():
            ranges.setdefault(dep, set()).add(spec)

    for tarball in [main, *subpackages]:
        declare(tarball)
    found: dict[str, Bundled] = {}
    todo = sorted(third)
    while todo:
        # Packages with a declared range first: they give the ranges of their own dependencies.
        for dep in [p for p in todo if p in ranges] or todo[:1]:
            tarball, evidence = identify(dep, third[dep], ranges.get(dep, set()), released, work)
            comments = source_comments(t for _, t in sorted(third[dep].items()) if t)
            bundled = Bundled(tarball, licence_of(tarball), evidence, sorted(third[dep]), comments)
            if not comments:
                _main_file_notice(bundled)
            found[dep] = bundled
            declare(tarball)
            todo.remove(dep)
    pinned = {dep: b.tarball.version for dep, b in found.items()}
    skip = [*third, *(t.name for t in subpackages)]
    for dep, files in sorted(css_imports(own, skip).items()):
        tarball, evidence = identify_css(
            dep, ranges.get(dep, set()), released, pinned, imported=files, work=work
        )
        comments = source_comments(_decode(tarball.files[f]) for f in files)
        found[dep] = Bundled(tarball, licence_of(tarball), evidence, files, comments)

    listed = [found[dep] for dep in sorted(found)]
    licence = render_licence(main.version, [main, *subpackages])
    (target / "LICENSE").write_text(licence, encoding="utf-8")
    notices = render_notices(main.version, listed)
    (target / "THIRD-PARTY-NOTICES.txt").write_text(notices, encoding="utf-8")
    return listed


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: yasgui_notices.py TARBALL TARGET_DIR WORK_DIR", file=sys.stderr)
        return 2
    tarball, target, work = (Path(a) for a in argv)
    try:
        bundled = generate(read_tarball(tarball), target, work)
    except NoticeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for b in bundled:
        print(f"  {b.tarball.name} {b.tarball.version} ({b.licence.spdx})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
