"""UN document symbols: parsing, printing back, and what they tell (property tests)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.symbols import DocumentSymbol, SymbolError, find_symbols

components = st.from_regex(r"[A-Z0-9][A-Za-z0-9]{0,4}(?:[.\-][A-Za-z0-9]{1,3})?", fullmatch=True)
suffixes = st.lists(
    st.tuples(st.sampled_from(["Rev", "Add", "Corr"]), st.integers(1, 20)), max_size=2
)


@given(
    prefix=st.from_regex(r"[A-Z]{1,4}", fullmatch=True),
    rest=st.lists(components, min_size=1, max_size=4),
    suffix=suffixes,
)
def test_parse_gives_back_the_printed_symbol(
    prefix: str, rest: list[str], suffix: list[tuple[str, int]]
) -> None:
    text = "/".join([prefix, *rest]) + "".join(f"/{k}.{n}" for k, n in suffix)
    symbol = DocumentSymbol.parse(text)
    assert str(symbol) == text
    assert symbol.suffixes == tuple(suffix)


@pytest.mark.parametrize(
    ("text", "body", "session", "kind", "revision"),
    [
        ("A/C.3/77/L.7/Rev.1", "un-ga-c3", 77, "draft", 1),
        ("A/77/464", "un-ga", 77, "document", None),
        ("A/C.3/77/SR.45", "un-ga-c3", 77, "summary_record", None),
        ("E/RES/2022/12", "un-ecosoc", None, "resolution", None),
        ("E/CN.15/2022/11", "un-ccpcj", None, "document", None),
        ("A/RES/ES-11/1", "un-ga", None, "resolution", None),
        ("S/RES/2719 (2023)", "un-sc", None, "resolution", None),
        ("CAC/COSP/2019/17", "un-cosp-uncac", None, "document", None),
    ],
)
def test_symbol_facts(
    text: str, body: str, session: int | None, kind: str, revision: int | None
) -> None:
    symbol = DocumentSymbol.parse(text)
    assert (symbol.issuing_body, symbol.session, symbol.document_type, symbol.revision) == (
        body,
        session,
        kind,
        revision,
    )
    assert str(symbol) == text


def test_base_drops_the_revision() -> None:
    assert str(DocumentSymbol.parse("A/C.3/77/L.11/Rev.1").base) == "A/C.3/77/L.11"


@pytest.mark.parametrize("text", ["", "résolution", "A", "a/77/464", "A//77"])
def test_not_a_symbol(text: str) -> None:
    with pytest.raises(SymbolError):
        DocumentSymbol.parse(text)


def test_find_symbols_in_running_text_drops_sentence_full_stop() -> None:
    found = find_symbols("(A/C.3/77/L.11/Rev.1), puis A/C.3/77/SR.51. Voir E/CN.15/2022/11.")
    assert [str(s) for s, _, _ in found] == [
        "A/C.3/77/L.11/Rev.1",
        "A/C.3/77/SR.51",
        "E/CN.15/2022/11",
    ]
