"""The PDF front-end (kg/parse/pdf.py) against the text extraction of the same documents.

The oracle is the `pdftotext` extraction shipped beside each PDF: with its page furniture and
footnote blocks removed by simple patterns here, in the test, its body and its footnotes must
say what the PDF front-end read from the layout. Where the two differ, the text extraction
carries a known artefact (stray space inside a word, lost line-end hyphen, call printed after
a space), and the PDF reading is asserted to be the better one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from kg.errors import InputError
from kg.parse.issued import normalize_issued_text
from kg.parse.lexicon import ENGLISH
from kg.parse.normalize import NormalizedDocument, decode, join_lines
from kg.parse.pdf import normalize_pdf
from kg.parse.resolution import parse_adopted_resolution

CORPUS = Path(__file__).parent / "fixtures" / "corpus"

# stem, symbol, lines of the running title (A/RES/73/3 prints it beside the symbol)
DOCUMENTS = {
    "A_RES_73_6": ("A/RES/73/6", ()),
    "A_RES_73_3": (
        "A/RES/73/3",
        (
            "Political declaration of the high-level meeting of the General Assembly",
            "on the fight against tuberculosis",
        ),
    ),
}
# Page furniture as pdftotext prints it: job number (with `(E)` on the first page), page
# counter, the release date code and the barcode.
TEXT_FURNITURE = re.compile(r"^(?:\d{2}-\d{5}(?: \(E\))?|\d{1,3}/\d{1,3}|\d{6}|\*\d{7}\*)$")
RULE = re.compile(r"^_{5,}$")


@cache
def pdf_document(stem: str) -> NormalizedDocument:
    return normalize_pdf(f"{stem}-EN.pdf", (CORPUS / f"{stem}-EN.pdf").read_bytes())


@dataclasses.dataclass(frozen=True)
class TextExtraction:
    body: tuple[str, ...]  # body lines, furniture and footnote blocks removed
    footnote_lines: tuple[str, ...]  # lines of the footnote blocks, numbers and furniture removed
    footnote_numbers: frozenset[int]  # the numbers printed alone in the footnote blocks


@cache
def text_extraction(stem: str) -> TextExtraction:
    symbol, titles = DOCUMENTS[stem]
    text = (CORPUS / f"{stem}.en.txt").read_text(encoding="utf-8")
    body: list[str] = []
    notes: list[str] = []
    numbers: set[int] = set()
    for page in text.split("\f"):  # a footnote block runs from its rule to the end of the page
        in_notes = False
        for raw in page.splitlines():
            line = raw.strip()
            if not line or line == symbol or line in titles or TEXT_FURNITURE.match(line):
                continue
            if RULE.match(line):
                in_notes = True
            elif in_notes and line.isdigit():
                numbers.add(int(line))
            else:
                (notes if in_notes else body).append(line)
    return TextExtraction(tuple(body), tuple(notes), frozenset(numbers))


def squash(text: str) -> str:
    """Text without whitespace or hyphens: blind to stray spaces, lost hyphens, call spacing."""
    return re.sub(r"[\s\-]+", "", text)


def operative_paragraphs(text: str) -> list[str]:
    """`1. Notes ...`, `2. Invites ...`: the numbered paragraphs, found in sequence."""
    starts: list[int] = []
    number = 1
    while match := re.compile(rf"(?<![\d/.]){number}\. (?=[A-Z“])").search(
        text, starts[-1] + 1 if starts else 0
    ):
        starts.append(match.start())
        number += 1
    return [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def body_text(lines: list[str] | tuple[str, ...]) -> str:
    return join_lines(list(lines))


# --- Both PDFs normalise ------------------------------------------------------------------------


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_pdf_normalises_with_running_header_and_line_numbers(stem: str) -> None:
    document = pdf_document(stem)
    symbol, _ = DOCUMENTS[stem]
    assert document.running_header == symbol
    assert document.name == f"{stem}-EN.pdf"
    numbers = [line.number for line in document.lines]
    assert numbers == sorted(set(numbers))
    assert numbers[0] >= 1
    assert numbers[-1] <= document.total_lines
    assert all(line.text == line.text.strip() and line.text for line in document.lines)
    spans = [(f.span.start_line, f.span.end_line) for f in document.footnotes]
    assert all(1 <= a <= b <= document.total_lines for a, b in spans)
    assert not set(numbers) & {n for a, b in spans for n in (a, b)}


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_no_page_furniture_survives(stem: str) -> None:
    symbol, titles = DOCUMENTS[stem]
    for line in pdf_document(stem).lines:
        assert not re.search(r"\b\d{2}-\d{5}\b", line.text), line  # job number
        assert not re.fullmatch(r"\d{1,3}/\d{1,3}", line.text), line  # page counter
        assert not re.search(r"\*\d{7}\*", line.text), line  # barcode
        assert not re.fullmatch(r"\d{6}", line.text), line  # release date code
        assert line.text != symbol and line.text not in titles, line
        assert not RULE.match(line.text), line
    for note in pdf_document(stem).footnotes:
        assert not re.search(r"\b\d{2}-\d{5}\b|\*\d{7}\*|\b\d{1,3}/\d{1,3}$|_{5,}", note.text), note
        assert symbol not in note.text and not any(title in note.text for title in titles), note


def test_header_block_reads_column_by_column_and_label_stands_alone() -> None:
    texts = [line.text for line in pdf_document("A_RES_73_6").lines[:14]]
    assert texts == [
        "United Nations",
        "General Assembly",
        "Distr.: General",
        "31 October 2018",
        "Seventy-third session",
        "Agenda item 30",
        "Resolution adopted by the General Assembly on",
        "26 October 2018",
        "[without reference to a Main Committee (A/73/L.6 and A/73/L.6/Add.1)]",
        "73/6.",
        "Fiftieth anniversary of the first United Nations Conference on the",
        "Exploration and Peaceful Uses of Outer Space: space as a driver of",
        "sustainable development",
        "The General Assembly,",
    ]


def test_header_block_lines_match_the_text_extraction() -> None:
    """Up to the formula, the PDF gives exactly the lines of the text extraction."""
    for stem in DOCUMENTS:
        pdf_lines = [line.text for line in pdf_document(stem).lines]
        end = next(i for i, t in enumerate(pdf_lines) if t.startswith("The General Assembly"))
        assert pdf_lines[:end] == list(text_extraction(stem).body[:end])


def test_indentation_marks_paragraph_first_lines() -> None:
    lines = {line.text: line for line in pdf_document("A_RES_73_6").lines}
    assert lines["The General Assembly,"].indented
    first_lines = [t for t in lines if t.startswith(("Recalling its", "1. Notes", "14. Invites"))]
    assert len(first_lines) == 3
    assert all(lines[t].indented for t in first_lines)
    assert not lines["of 7 December 2017,"].indented
    assert not lines["73/6."].indented
    assert not lines["sustainable development"].indented
    body = [line for line in pdf_document("A_RES_73_6").lines if line.number > 15]
    assert 0.1 < sum(line.indented for line in body) / len(body) < 0.3


# --- Footnotes --------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_footnotes_are_numbered_1_to_n_as_in_the_text(stem: str) -> None:
    expected = text_extraction(stem).footnote_numbers
    assert expected == set(range(1, len(expected) + 1))
    assert [note.number for note in pdf_document(stem).footnotes] == sorted(expected)


def test_a_res_73_6_has_six_footnotes() -> None:
    notes = pdf_document("A_RES_73_6").footnotes
    assert [(n.number, n.text) for n in notes[:5]] == [
        (1, "See A/AC.105/1137."),
        (2, "Resolution 70/1."),
        (3, "Resolution 69/283, annex II."),
        (4, "See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex."),
        (5, "United Nations, Treaty Series, vol. 610, No. 8843."),
    ]
    # footnote 6 runs from the foot of page 3 to the foot of page 4
    assert notes[5].text.startswith("Related documents include A/AC.105/1129, A/AC.105/1131,")
    assert "A/AC.105/1166, A/AC.105/1168," in notes[5].text
    assert notes[5].text.endswith("A/AC.105/1180 and A/AC.105/1181.")


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_footnote_texts_match_the_text_extraction(stem: str) -> None:
    """In the text extraction the numbers are displaced but the texts come in order."""
    notes = pdf_document(stem).footnotes
    text = " ".join(" ".join(text_extraction(stem).footnote_lines).split())
    assert " ".join(note.text for note in notes) == text
    assert all(" ".join(note.text.split()) in text for note in notes)


# --- Body text -----------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_operative_paragraphs_match_the_text_extraction(stem: str) -> None:
    from_pdf = operative_paragraphs(body_text([line.text for line in pdf_document(stem).lines]))
    from_text = operative_paragraphs(body_text(text_extraction(stem).body))
    assert len(from_pdf) == len(from_text) == {"A_RES_73_6": 14, "A_RES_73_3": 53}[stem]
    for number, (pdf, text) in enumerate(zip(from_pdf, from_text, strict=True), start=1):
        assert squash(pdf) == squash(text), number


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_whole_body_matches_the_text_extraction(stem: str) -> None:
    from_pdf = body_text([line.text for line in pdf_document(stem).lines])
    assert squash(from_pdf) == squash(body_text(text_extraction(stem).body))


@pytest.mark.parametrize(
    ("stem", "artefact", "repaired"),
    [
        ("A_RES_73_6", "United Nations Confere nce", "United Nations Conference"),
        ("A_RES_73_6", "benefit peopl e and", "benefit people and"),
        ("A_RES_73_6", "in the Interest of All St ates,", "in the Interest of All States,"),
        ("A_RES_73_6", "Developing Countries ”,", "Developing Countries”,"),
        ("A_RES_73_6", "for the twentyfirst century", "for the twenty-first century"),
        ("A_RES_73_6", "including capacity building activities", "capacity-building activities"),
        ("A_RES_73_6", "(UN -SPIDER)", "(UN-SPIDER)"),
        ("A_RES_73_3", "its drug resistant forms", "its drug-resistant forms"),
        ("A_RES_73_3", "Women ’s,", "Women’s,"),
        ("A_RES_73_3", "accountability framew ork,", "accountability framework,"),
    ],
)
def test_pdf_repairs_the_artefacts_of_the_text_extraction(
    stem: str, artefact: str, repaired: str
) -> None:
    text = " ".join(body_text(text_extraction(stem).body).split())
    pdf = body_text([line.text for line in pdf_document(stem).lines])
    assert artefact in text
    assert artefact not in pdf
    assert repaired in pdf


def test_footnote_calls_are_digits_glued_to_the_word_before() -> None:
    texts = [line.text for line in pdf_document("A_RES_73_6").lines]
    assert any(t.endswith("of outer space activities,1") for t in texts)
    assert any(t.startswith("Sustainable Development Goals2 for the benefit") for t in texts)
    assert any("Paris Agreement4 requires" in t for t in texts)
    # after a number, one space keeps the call apart: 2030 then call 3
    assert any(
        "Development,2 of the Sendai Framework" in t and "2015–2030 3 and" in t for t in texts
    )
    # a call printed in the body size on the baseline is left as printed
    assert any(t.endswith("thematic priorities of UNISPACE+50,1") for t in texts)


def test_links_point_at_the_lines_that_carry_them() -> None:
    document = pdf_document("A_RES_73_6")
    by_number = {line.number: line.text for line in document.lines}
    assert len(document.links) == 30
    for link in document.links:
        printed = link.url.removeprefix("https://undocs.org/").removeprefix("A/RES/")
        if link.line in by_number:
            assert printed in by_number[link.line], link
        else:  # a footnote line
            assert any(
                n.span.start_line <= link.line <= n.span.end_line and printed in n.text
                for n in document.footnotes
            ), link


# --- Same parser, same model --------------------------------------------------------------------


def comparable(value: Any) -> Any:
    """A model as nested tuples, without source positions, its strings squashed.

    Squashing (no whitespace, no hyphens) keeps the comparison blind to the artefacts of the
    text extraction (`Confere nce`, `twentyfirst`) that the PDF does not have.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple(
                (f.name, comparable(getattr(value, f.name)))
                for f in dataclasses.fields(value)
                if f.name not in {"span", "source_name"} and not f.name.endswith("_span")
            ),
        )
    if isinstance(value, tuple | list):
        return tuple(comparable(v) for v in value)
    if isinstance(value, str):
        return squash(value)
    return value


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_resolution_parser_reads_the_pdf_as_the_text(stem: str) -> None:
    """The same parser gives the same model from the PDF and from its text extraction."""
    parse = parse_adopted_resolution
    prepare = normalize_issued_text
    name = f"{stem}.en.txt"
    from_text = parse(prepare(name, decode(name, (CORPUS / name).read_bytes())), ENGLISH)
    from_pdf = parse(pdf_document(stem), ENGLISH)
    assert comparable(from_pdf) == comparable(from_text)


# --- Bad inputs ----------------------------------------------------------------------------------


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A well-formed PDF file around the given objects (1 is the catalog), with its xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _one_page(content: bytes, extra: tuple[bytes, ...] = (), trailer: bytes = b"") -> bytes:
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
            *extra,
        ],
        trailer,
    )


TEXT_PAGE = (
    b"BT /F1 10 Tf 72 700 Td (The General Assembly, having considered the question,) Tj"
    b" 0 -12 Td (decides to remain seized of the matter.) Tj ET"
)
IMAGE_PAGE = (
    b"q 0 0 1 rg 50 50 100 100 re f Q"
    b" q 100 0 0 100 200 600 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q"
)
ENCRYPTION = b"<< /Filter /Standard /V 1 /R 2 /Length 40 /O <%s> /U <%s> /P -4 >>" % (
    b"11" * 32,
    b"22" * 32,
)
FILE_ID = b"/ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] "
PADDING = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _restricted_pdf(content: bytes) -> bytes:
    """A one-page PDF encrypted (RC4 40-bit, revision 2) with an owner password only."""
    owner = _rc4(hashlib.md5(b"owner" + PADDING[:27]).digest()[:5], PADDING)
    permissions = -44  # no printing, no copying
    file_id = bytes.fromhex("00112233445566778899aabbccddeeff")
    key = hashlib.md5(PADDING + owner + permissions.to_bytes(4, "little", signed=True) + file_id)
    file_key = key.digest()[:5]
    user = _rc4(file_key, PADDING)
    stream_key = hashlib.md5(file_key + (4).to_bytes(3, "little") + b"\x00\x00").digest()[:10]
    encrypted = _rc4(stream_key, content)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(encrypted), encrypted),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /O <%s> /U <%s> /P %d >>"
            % (owner.hex().encode(), user.hex().encode(), permissions),
        ],
        b"/Encrypt 6 0 R " + FILE_ID,
    )


def test_a_small_made_pdf_is_read() -> None:
    """The made PDFs below are well formed: with text, the same file is accepted."""
    document = normalize_pdf("made.pdf", _one_page(TEXT_PAGE))
    assert [line.text for line in document.lines] == [
        "The General Assembly, having considered the question,",
        "decides to remain seized of the matter.",
    ]
    assert document.running_header is None
    assert document.footnotes == ()


def test_a_pdf_encrypted_only_against_printing_and_copying_is_read() -> None:
    document = normalize_pdf("restricted.pdf", _restricted_pdf(TEXT_PAGE))
    assert document.lines[1].text == "decides to remain seized of the matter."


def _real_pdf() -> bytes:
    return (CORPUS / "A_RES_73_6-EN.pdf").read_bytes()


@pytest.mark.parametrize(
    ("make", "expected", "found"),
    [
        (lambda: b"", "a PDF document", "an empty file"),
        (lambda: bytes(range(256)) * 40, "a PDF document", "not a PDF"),
        ("Résolution 73/6\n".encode, "a PDF document", "not a PDF"),
        (lambda: _real_pdf()[: len(_real_pdf()) // 2], "a complete PDF", "a truncated PDF"),
        (lambda: _real_pdf()[:-100], "a complete PDF", "a truncated PDF"),
        (
            lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n",
            "a readable PDF",
            "a damaged PDF",
        ),
        (
            lambda: _real_pdf()[:1000] + b"\x00" * 300_000 + _real_pdf()[301_000:],
            "a readable PDF",
            "a damaged PDF",
        ),
        (
            lambda: _one_page(TEXT_PAGE, (ENCRYPTION,), b"/Encrypt 6 0 R " + FILE_ID),
            "an unencrypted PDF",
            "a PDF that needs a password",
        ),
        (lambda: _one_page(IMAGE_PAGE), "a PDF with a text layer", "scanned or image-only"),
    ],
    ids=[
        "empty",
        "random-bytes",
        "plain-text",
        "truncated-half",
        "truncated-end",
        "damaged",
        "zeroed-middle",
        "encrypted",
        "image-only",
    ],
)
def test_bad_inputs_are_refused_with_one_clear_error(
    make: Callable[[], bytes], expected: str, found: str
) -> None:
    with pytest.raises(InputError) as error:
        normalize_pdf("bad.pdf", make())
    assert error.value.location.document == "bad.pdf"
    assert error.value.location.line is None
    assert expected in error.value.expected
    assert found in (error.value.found or "")
    assert str(error.value).startswith("bad.pdf: expected ")
