"""The normalisation guarantees written in kg/parse/normalize.py, one test each."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.parse.normalize import decode, join_lines, normalize

PAGE = """\
1. À sa 3e séance plénière, le 16 septembre 2022, l’Assemblée a décidé

de renvoyer la question1.

__________________

 1  A/C.3/77/SR.5, A/C.3/77/SR.6 et

A/C.3/77/SR.51.

 2  Voir A/C.3/77/SR.46.

https://undocs.org/fr/A/C.3/77/SR.5
A/77/464

\x20

15/80 22-27149

 donner au quatorzième Congrès

2. Suite du texte.
A/77/464
22-27149 20/80
"""


@pytest.fixture()
def page() -> object:
    return normalize("page.txt", PAGE)


def test_line_numbers_are_those_of_the_original(page: object) -> None:
    lines = {line.text: line.number for line in page.lines}  # type: ignore[attr-defined]
    assert lines["de renvoyer la question1."] == 3
    assert lines["2. Suite du texte."] == 22
    assert [x.number for x in page.lines] == sorted(x.number for x in page.lines)  # type: ignore[attr-defined]


def test_furniture_and_links_are_removed(page: object) -> None:
    texts = [line.text for line in page.lines]  # type: ignore[attr-defined]
    assert "A/77/464" not in texts
    assert not any("22-27149" in t or t.startswith("http") for t in texts)
    assert [(link.line, link.url) for link in page.links] == [  # type: ignore[attr-defined]
        (13, "https://undocs.org/fr/A/C.3/77/SR.5")
    ]
    assert page.running_header == "A/77/464"  # type: ignore[attr-defined]


def test_footnotes_are_kept_aside_with_numbers_and_spans(page: object) -> None:
    notes = [(f.number, f.text, f.span.start_line, f.span.end_line) for f in page.footnotes]  # type: ignore[attr-defined]
    assert notes == [
        (1, "A/C.3/77/SR.5, A/C.3/77/SR.6 et A/C.3/77/SR.51.", 7, 9),
        (2, "Voir A/C.3/77/SR.46.", 11, 11),
    ]


def test_indented_line_after_a_footnote_resumes_the_text() -> None:
    text = (
        "Texte\n__________________\n 4  Note quatre.\n 5  Note cinq.\n justice traditionnelle ;\n"
    )
    document = normalize("x.txt", text)
    assert [f.number for f in document.footnotes] == [4, 5]
    assert document.lines[-1].text == "justice traditionnelle ;"
    assert document.lines[-1].indented


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (
            ["Royaume-Uni de Grande-", "Bretagne et d’Irlande du Nord"],
            "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
        ),
        (
            ["sera saisie à sa trente -", "deuxième session"],
            "sera saisie à sa trente-deuxième session",
        ),
        (["le budget-", "programme"], "le budget-programme"),
        (["de l ’ampleur", "et d ’améliorer"], "de l’ampleur et d’améliorer"),
        (["  deux   espaces ", "ici"], "deux espaces ici"),
    ],
)
def test_join_lines(parts: list[str], joined: str) -> None:
    assert join_lines(parts) == joined


def test_nfc_and_nbsp() -> None:
    document = normalize("x.txt", "Te\u0301le\u0301phone\u00a0fixe\n")
    assert document.lines[0].text == "Téléphone fixe"


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"", "an empty file"),
        (b"   \n\n", "an empty file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a binary file"),
        (b"\x00\x01\x02binary", "a binary file"),
        ("Résolution de l’Assemblée".encode("latin-1", "replace"), "another or unknown encoding"),
    ],
)
def test_decode_refuses_what_is_not_utf8_text(data: bytes, found: str) -> None:
    with pytest.raises(InputError) as error:
        decode("bad.txt", data)
    assert "bad.txt" in str(error.value)
    assert found in str(error.value)


def test_decode_accepts_a_bom() -> None:
    assert decode("ok.txt", "\ufeffTexte".encode()) == "Texte"
