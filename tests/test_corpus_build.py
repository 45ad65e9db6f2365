"""A corpus, not a file (issue 9): `kg build DIR`, `--keep-going`, progress, the store's lock,
`--jobs`. Small adopted resolutions keep these fast; the sample serves where a rule across
documents must fail."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import BuildResult, Rejected, Settings, Source, build, sample_source
from kg.errors import KgError
from kg.lock import lock_path
from kg.store import named_graphs, open_store
from kg.update import add, remove

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
GRAPH = "https://w3id.org/unkg/graph/"
NOT_A_REPORT = b"Un texte en prose qui n'est pas un rapport.\n" * 30


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def folder_of(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in names:
        shutil.copy(CORPUS / name, folder / Path(name).name)
    return folder


def digests(directory: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.iterdir())
    }


def test_build_a_folder_reads_its_txt_and_pdf_files_and_lists_the_rest(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, "A_RES_73_3.en.txt", "A_RES_73_6-EN.pdf")
    (folder / "notes.md").write_text("not a document\n")
    (folder / "older").mkdir()
    shown = run_cli("build", "--jobs", "1", str(folder), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stderr.splitlines()
    assert f"skipped: {folder / 'notes.md'} (not a .txt or .pdf file)" in lines
    assert f"skipped: {folder / 'older'} (a folder)" in lines
    # Not a terminal: plain progress lines, documents counted.
    assert [x for x in lines if x.startswith("read")] == ["read 0/2", "read 1/2", "read 2/2"]
    assert "validate 2/2" in lines and "load" in lines and "dump" in lines
    with open_store(tmp_path / "var" / "store") as store:
        documents = [g for g in named_graphs(store) if "/A-RES-" in g]
    assert documents == [GRAPH + "A-RES-73-3/eng", GRAPH + "A-RES-73-6/eng"]
    quiet = run_cli("build", "--quiet", "--jobs", "1", str(folder), cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_keep_going_builds_the_others_and_prints_one_line_per_rejected(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, "A_RES_73_3.en.txt", "A_RES_73_6.en.txt")
    (folder / "broken.txt").write_bytes(NOT_A_REPORT)
    strict = run_cli("build", "--quiet", "--jobs", "1", str(folder), cwd=tmp_path)
    assert strict.returncode == 2
    assert (
        strict.stderr.startswith("error: broken.txt:1: ") and "without a UN symbol" in strict.stderr
    )
    assert not (tmp_path / "var").exists()  # all or nothing by default
    going = run_cli("build", "--quiet", "--keep-going", "--jobs", "1", str(folder), cwd=tmp_path)
    assert going.returncode == 2
    rejected = going.stderr.splitlines()
    assert len(rejected) == 1 and rejected[0].startswith("broken.txt: rejected: broken.txt:1: ")
    with open_store(tmp_path / "var" / "store") as store:
        documents = [g for g in named_graphs(store) if "/A-RES-" in g]
    assert documents == [GRAPH + "A-RES-73-3/eng", GRAPH + "A-RES-73-6/eng"]


def test_keep_going_sets_aside_every_document_a_rule_across_documents_involves(
    tmp_path: Path,
) -> None:
    """The sample and a copy that dates meeting 48 a day later disagree: both are set aside
    (neither can be preferred), the third document is built, and the exit code is 3."""
    text = sample_source().data.decode("utf-8")
    renamed = "\n".join("A/77/999" if x.strip() == "A/77/464" else x for x in text.splitlines())
    shifted = renamed.replace("À sa 48e séance, le 11 novembre", "À sa 48e séance, le 12 novembre")
    assert shifted != renamed
    sources = [
        Source("A_RES_73_6.en.txt", (CORPUS / "A_RES_73_6.en.txt").read_bytes()),
        sample_source(),
        Source("A_77_999.fr.txt", shifted.encode()),
    ]
    settings = Settings(store=tmp_path / "store", exports=tmp_path / "exports", keep_going=True)
    result = build(sources, settings)
    assert [r.source for r in result.rejected] == ["A_77_464.fr.txt", "A_77_999.fr.txt"]
    assert all("[meeting-dates-agree]" in r.reason for r in result.rejected)
    assert result.exit_code == 3
    with open_store(settings.store) as store:
        assert [g for g in named_graphs(store) if "/A-" in g] == [GRAPH + "A-RES-73-6/eng"]


def test_exit_code_of_a_build_with_rejected_documents() -> None:
    def result(*codes: int) -> BuildResult:
        return BuildResult((), (), 0, (), {}, tuple(Rejected(f"{c}.txt", "-", c) for c in codes))

    assert (result().exit_code, result(3).exit_code) == (0, 3)
    assert (result(2).exit_code, result(3, 2, 3).exit_code) == (2, 2)


def test_a_second_writer_waits_for_the_lock_or_fails_with_one_line(tmp_path: Path) -> None:
    store = tmp_path / "var" / "store"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from kg.lock import store_lock\n"
            f"with store_lock(Path({str(store)!r}), 0):\n"
            "    print('locked', flush=True); sys.stdin.readline()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        document = str(CORPUS / "A_RES_73_6.en.txt")
        refused = run_cli("build", "-q", "-j", "1", "--lock-timeout", "0.5", document, cwd=tmp_path)
        assert refused.returncode == 4
        assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
        assert f"another kg command (process {holder.pid}) is changing this store" in refused.stderr
        assert not store.exists()
        log = tmp_path / "waiting.log"
        with log.open("w") as stderr:
            waiting = subprocess.Popen(
                [sys.executable, "-m", "kg", "build", "-j", "1", "--lock-timeout", "120", document],
                cwd=tmp_path,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
            deadline = time.monotonic() + 120
            while "waiting for" not in log.read_text() and time.monotonic() < deadline:
                assert waiting.poll() is None, log.read_text()
                time.sleep(0.1)
            assert f"waiting for process {holder.pid} to finish with" in log.read_text()
            holder.communicate("\n", timeout=10)  # release
            assert waiting.wait(timeout=120) == 0, log.read_text()
    finally:
        holder.kill()
    with open_store(store) as opened:
        assert GRAPH + "A-RES-73-6/eng" in named_graphs(opened)
    assert not lock_path(store).exists()


@pytest.mark.parametrize("jobs", ["2"])
def test_the_result_depends_on_neither_order_nor_number_of_workers(
    tmp_path: Path, jobs: str
) -> None:
    names = [
        "A_RES_73_3.en.txt",
        "A_RES_73_6.en.txt",
        "en/A_77_L.34.en.txt",
        "en/A_RES_77_30.en.txt",
    ]
    files = [str(CORPUS / name) for name in names]
    one = run_cli(
        "build", "-q", "-j", "1", "--exports", "one", "--store", "s1", *files, cwd=tmp_path
    )
    assert one.returncode == 0, one.stderr
    many = run_cli(
        "build",
        "-q",
        "-j",
        jobs,
        "--exports",
        "many",
        "--store",
        "s2",
        *reversed(files),
        cwd=tmp_path,
    )
    assert many.returncode == 0, many.stderr
    assert digests(tmp_path / "one") == digests(tmp_path / "many")
    with open_store(tmp_path / "s2") as store:
        graphs = [g for g in named_graphs(store) if "/A-" in g]
    assert graphs == [GRAPH + g for g in ("A-77-L.34/eng", "A-RES-73-3/eng", "A-RES-73-6/eng")] + [
        GRAPH + "A-RES-77-30/eng"
    ]


def test_add_then_remove_gives_back_the_same_dumps_byte_for_byte(tmp_path: Path) -> None:
    """issue 9.3: `kg add` gives what a build of all the documents gives; `kg remove` of the
    added symbol gives back the dumps of before; adding a stored symbol and language again
    replaces it and says so."""
    first, second = (
        Source(name, (CORPUS / name).read_bytes())
        for name in ("A_RES_73_3.en.txt", "A_RES_73_6.en.txt")
    )
    settings = Settings(store=tmp_path / "store", exports=tmp_path / "exports")
    build([first], settings)
    before = digests(settings.exports)
    added = add([second], settings)
    assert (added.added, added.replaced) == (("A_RES_73_6.en.txt",), ())
    both = Settings(store=tmp_path / "both", exports=tmp_path / "both-exports")
    build([first, second], both)
    assert digests(settings.exports) == digests(both.exports)
    again = add([Source("copy.txt", second.data)], settings)
    assert again.replaced == (f"{GRAPH}A-RES-73-6/eng (was A_RES_73_6.en.txt)",)
    removed = remove(["A/RES/73/6"], settings)
    assert removed.removed == (f"{GRAPH}A-RES-73-6/eng",)
    assert digests(settings.exports) == before
    with pytest.raises(KgError, match=r"A/RES/73/6 in fr is not in the store"):
        remove(["A/RES/73/6"], settings, language="fr")
    assert not lock_path(settings.store).exists()
