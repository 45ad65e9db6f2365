"""Completeness is checked, never assumed (issue 8, point 7): missing pages, missing texts.

Page counters were read in the files: A/77/390 prints `2/7` at line 113, `3/7` at 176, `4/7` at
210, `5/7` at 266, `6/7` at 328, `7/7` at 353, each page ending in a form feed; the French sample
prints 8 of its 80 counters (`15/80 22-27149` at line 1318 ... `22-27149 64/80` at 6180, `75/80`
at 7319, `80/80` at 7834). Its paragraph 31 (line 409) recommends "les projets de résolution
suivants", numbered I to VII in Part II (lines 123-393), whose headings start at line 417.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest

from kg.build import sample_source
from kg.errors import InputError
from kg.model import Report
from kg.parse.completeness import (
    check_pages,
    check_recommended_texts,
    find_recommendation,
    page_counters,
)
from kg.parse.normalize import normalize
from kg.parse.pdf import normalize_pdf
from kg.parse.report import parse_report
from kg.reference.resolver import EntityResolver

CORPUS_EN = Path(__file__).parent / "fixtures" / "corpus" / "en"
SAMPLE = "A_77_464.fr.txt"


def english(name: str) -> str:
    return (CORPUS_EN / name).read_text(encoding="utf-8")


def sample_lines(count: int) -> str:
    return "\n".join(sample_source().data.decode("utf-8").split("\n")[:count]) + "\n"


def without_page(text: str, page: int, separator: str = "\f") -> str:
    pages = text.split("\f")
    return separator.join(pages[: page - 1] + pages[page:])


@pytest.mark.parametrize(
    ("name", "pages"),
    [
        ("A_77_390.en.txt", 7),
        ("A_77_411.en.txt", 4),
        ("A_77_463_Add.1.en.txt", 16),
        ("A_RES_77_30.en.txt", 6),
        ("A_77_L.34.en.txt", 6),
    ],
)
def test_complete_english_files_pass_and_print_every_counter(name: str, pages: int) -> None:
    text = english(name)
    check_pages(name, text)
    assert [c.page for c in page_counters(text.split("\n"))] == list(range(2, pages + 1))


def test_the_sample_passes_with_its_sparse_counters() -> None:
    text = sample_source().data.decode("utf-8")
    check_pages(SAMPLE, text)
    counters = page_counters(text.split("\n"))
    assert [(c.line, c.page) for c in counters] == [
        (1318, 15),
        (1734, 20),
        (4413, 47),
        (4824, 51),
        (5034, 53),
        (6180, 64),
        (7319, 75),
        (7834, 80),
    ]


def test_page_missing_between_form_feeds_names_its_line() -> None:
    text = without_page(english("A_77_390.en.txt"), 4)
    with pytest.raises(InputError) as error:
        check_pages("A_77_390.en.txt", text)
    # Page 5's counter now stands on the 4th page of the file, at line 230 of the cut text.
    assert str(error.value).startswith("A_77_390.en.txt:230: expected page 4/7 after page 3")
    assert "'5/7'" in str(error.value)


def test_page_missing_in_a_text_without_form_feeds_that_prints_every_counter() -> None:
    text = without_page(english("A_77_390.en.txt"), 4, separator="\n")
    check_pages("A_77_390.en.txt", english("A_77_390.en.txt").replace("\f", "\n"))
    with pytest.raises(InputError, match=r"^A_77_390.en.txt:233: expected page 4/7"):
        check_pages("A_77_390.en.txt", text)


def test_last_pages_missing_is_an_error_at_the_end_of_the_file() -> None:
    pages = english("A_77_390.en.txt").split("\f")
    text = "\f".join(pages[:5])
    with pytest.raises(InputError) as error:
        check_pages("A_77_390.en.txt", text)
    # The cut file ends with page 5's last line, 267 (the counter `5/7` is at 266).
    assert str(error.value).startswith("A_77_390.en.txt:267: expected 7 pages")
    assert "'5/7' at line 266 is the last" in str(error.value)


def test_a_stray_counter_of_another_total_is_not_furniture() -> None:
    lines = ["Texte", "3/5", "2/7", "x", "76/181", "3/7"]
    assert [(c.line, c.page, c.pages) for c in page_counters(lines)] == [(3, 2, 7), (6, 3, 7)]


def test_truncated_sample_fails_the_build_with_exit_2_naming_document_and_line(
    tmp_path: Path,
) -> None:
    """The issue's case: the first 7,000 of 7,892 lines built with 31 of the 85 operative
    paragraphs of text VII. The last counter left is `22-27149 64/80` (line 6180)."""
    truncated = tmp_path / SAMPLE
    truncated.write_text(sample_lines(7000), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kg", "build", "--quiet", str(truncated)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    message = result.stderr.strip()
    assert message.startswith(f"error: {SAMPLE}:7000: expected 80 pages"), message
    assert "'64/80' at line 6180 is the last" in message
    assert len(message.splitlines()) == 1
    assert not (tmp_path / "var").exists() and not (tmp_path / "exports").exists()


def test_report_cut_before_its_texts_fails_on_the_announced_count(
    resolver: EntityResolver,
) -> None:
    """Cut at line 416, before `Projet de résolution I` (line 417): no page counter is left, but
    Part II announced texts I to VII and paragraph 31 (line 409) announces several."""
    document = normalize(SAMPLE, sample_lines(416))
    check_pages(SAMPLE, sample_lines(416))  # nothing to see in the furniture
    report = parse_report(document, resolver)
    assert report.texts == ()
    with pytest.raises(InputError) as error:
        check_recommended_texts(report, document)
    message = str(error.value)
    assert message.startswith(f"{SAMPLE}:409: expected 7 recommended draft resolution text(s)")
    assert "(I, II, III, IV, V, VI, VII)" in message and "'0 text(s)'" in message


@pytest.fixture(scope="module")
def sample_report(resolver: EntityResolver) -> tuple[Report, object]:
    document = normalize(SAMPLE, sample_source().data.decode("utf-8"))
    return parse_report(document, resolver), document


def test_the_whole_sample_holds_what_it_announces(sample_report: tuple[Report, object]) -> None:
    report, document = sample_report
    check_recommended_texts(report, document)  # type: ignore[arg-type]
    assert [t.label for t in report.texts] == ["I", "II", "III", "IV", "V", "VI", "VII"]


def test_a_missing_last_text_is_an_error(sample_report: tuple[Report, object]) -> None:
    report, document = sample_report
    fewer = replace(report, texts=report.texts[:-1])
    with pytest.raises(InputError, match=r"^A_77_464.fr.txt:409: expected 7 .*found '6 text"):
        check_recommended_texts(fewer, document)  # type: ignore[arg-type]


def test_several_announced_without_numerals_needs_two_texts(
    sample_report: tuple[Report, object],
) -> None:
    report, document = sample_report
    drafts = tuple(replace(d, recommended_as=None) for d in report.drafts)
    one = replace(report, drafts=drafts, texts=report.texts[:1])
    with pytest.raises(InputError, match="expected 2 recommended"):
        check_recommended_texts(one, document)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "line", "several"),
    [
        # "10. The Sixth Committee recommends to the General Assembly the adoption of the" /
        # "following draft resolution:" (lines 87-88)
        ("A_77_411.en.txt", 87, False),
        # "14. The Third Committee recommends ..." / "following draft resolutions:" (138-139)
        ("A_77_463_Add.1.en.txt", 138, True),
    ],
)
def test_english_recommendation_says_one_or_several(name: str, line: int, several: bool) -> None:
    recommendation = find_recommendation(normalize(name, english(name)), "en")
    assert recommendation is not None
    assert (recommendation.line, recommendation.several) == (line, several)


def test_french_recommendation_is_found_over_two_lines() -> None:
    recommendation = find_recommendation(normalize(SAMPLE, sample_lines(420)), "fr")
    assert recommendation is not None and (recommendation.line, recommendation.several) == (
        409,
        True,
    )


def test_a_text_cut_inside_a_page_warns_that_it_may_be_truncated(
    resolver: EntityResolver,
) -> None:
    """Read without the page check, the first 7,000 lines give text VII with 31 operative
    paragraphs (of 85), the last cut at line 6999 ('... fondée sur le'; 7000 is blank): a
    warning."""
    report = parse_report(normalize(SAMPLE, sample_lines(7000)), resolver)
    last = report.texts[-1]
    assert (last.label, len(last.operative)) == ("VII", 31)
    assert [(w.line, w.message[:60]) for w in last.warnings] == [
        (6999, "the text of draft resolution VII ends without its final full")
    ]
    assert "fondée sur le'" in last.warnings[0].message
    assert all(not text.warnings for text in report.texts[:-1])


def test_the_whole_sample_has_no_unfinished_text(sample_report: tuple[Report, object]) -> None:
    report, _ = sample_report
    assert not any(text.warnings for text in report.texts)


def test_a_pdf_with_a_page_removed_fails_naming_the_visual_line() -> None:
    """A/RES/73/6's PDF has 5 pages, counters `2/5` to `5/5`; without its third page the counter
    `4/5` stands on the third page of the file."""
    pdf = pdfium.PdfDocument((CORPUS_EN.parent / "A_RES_73_6-EN.pdf").read_bytes())
    pdf.del_page(2)
    buffer = io.BytesIO()
    pdf.save(buffer)
    pdf.close()
    normalize_pdf("A_RES_73_6-EN.pdf", (CORPUS_EN.parent / "A_RES_73_6-EN.pdf").read_bytes())
    with pytest.raises(InputError) as error:
        normalize_pdf("A_RES_73_6-EN.pdf", buffer.getvalue())
    message = str(error.value)
    assert re.match(r"A_RES_73_6-EN\.pdf:\d+: expected page 3/5 after page 2 \(line \d+\)", message)
    assert message.endswith("found '4/5'")
