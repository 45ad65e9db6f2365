"""The structure of resolution texts: title, formula, preamble, operative paragraphs, sub-points
and footnotes, from normalised lines.

Two kinds of input give the same model (`ResolutionText`):

* the texts a committee recommends in Part III of its report (`Projet de résolution I` ...),
  read by `parse_recommended_texts` from the lines of the report's Part III;
* a resolution issued under its own symbol (`A/RES/73/6`), read by `parse_adopted_resolution`
  from a `NormalizedDocument`: the header block (symbol, issue date, session, agenda items,
  adoption date, committee report), the numbered title (`73/6.`), the text, and the closing
  `26th plenary meeting` + date. `kg.parse.issued.normalize_issued_text` turns the `pdftotext`
  extraction of such a resolution into that document (page furniture, running title, footnotes
  at the page foot with their numbers printed apart from their texts); the PDF front-end
  (`kg.parse.pdf`) produces the same lines from the PDF itself.

How a text is divided (each rule is tested in tests/test_resolution_texts.py):

1. The title is every line between the heading (recommended texts) or the number `73/6.`
   (adopted resolutions) and the formula (`L’Assemblée générale,` / `The General Assembly,`).
2. A preambular paragraph starts where the previous one ended with a comma (or at the formula),
   on a line that starts with a capital letter -- and is indented, when the document marks
   indentation at all (the French extraction and the PDF front-end do; `pdftotext` of an English
   resolution does not) -- and with an opening phrase of the language's table
   (`kg/parse/phrases`). A line there that looks like an opening (a capitalised word followed by
   a lower-case one) but matches no phrase is an error, not a continuation: the tables must
   cover the corpus. Inside an open quotation (« ... », “ ... ”) nothing starts.
3. Operative paragraphs are numbered 1..n without gaps; the number may stand alone on its line
   (`pdftotext` prints `1.` to `9.` so). A numbered line after the end of a clause that is not
   the next number is an error naming the line. A text with a single operative paragraph prints
   it unnumbered (`Adopts the following political declaration ...:`): an operative phrase at
   the start of a paragraph gives it number 1.
4. Sub-points (`a)` in French, `(a)` in English) follow a clause ending with `:` and run a, b,
   c ...; a roman `i)` inside a sub-point whose text ends with `:` stays in that sub-point.
5. In an adopted resolution, an operative paragraph that ends with `:` and is not followed by
   sub-points introduces an annexed text (the political declaration of A/RES/73/3): its
   heading, introductory paragraph(s) and numbered paragraphs are read into an `AnnexedText`.
6. Footnotes are those whose lines lie in the text's line range; their numbers run 1..n in each
   text. A "footnote" whose number repeats an earlier one of the same text is a content line
   that the normaliser took for a footnote (a page that starts with `21 octobre 2016, ...`
   right after a footnote block): it is put back into the text.
7. Footnote calls are removed from the paragraph text and recorded in `footnote_calls`. A first
   call is the next footnote number not yet called: glued to a word (`Congrès1`,
   `Mandela)4`, `activities,1`, `Development;2`), glued to a year or a resolution number where
   the number would otherwise be impossible (`20302` = 2030 + 2, `76/18742` = 76/187 + 42), or
   standing alone (`l’horizon 2030 2 ,`, `activities, 1`) unless the words around it make it a
   quantity, a date or a reference (`du 7 au 12 mars`, `under 5 years`, `paragraphe 29`). A
   number already called may be called again (`Goals 2 for`). Every footnote of a text must be
   called at least once, which checks these rules on every input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from functools import cache, cached_property

from kg.errors import InputError, SourceLocation
from kg.model import (
    AnnexedText,
    DraftResolution,
    Footnote,
    Paragraph,
    ParagraphKind,
    ParseWarning,
    ResolutionText,
    SourceSpan,
    SubParagraph,
    TextKind,
)
from kg.parse.issued import normalize_issued_text
from kg.parse.lexicon import Lexicon
from kg.parse.normalize import NormalizedDocument, SourceLine, decode, join_lines
from kg.parse.phrases import PhraseTable, load_phrases
from kg.parse.segment import Part, roman_to_int
from kg.parse.wording import ResolutionWording
from kg.symbols import SYMBOL_PATTERN, find_symbols

# --- wording of each language ------------------------------------------------------------------

_NUMBERED = re.compile(r"^(?P<number>\d{1,3})\.(?:\s+(?P<text>\S.*))?$")
_LABEL = re.compile(r"^(?P<label>\d{1,3}/\d{1,3}(?:\s?[A-Z])?)\.(?:\s+(?P<title>\S.*))?$")
_CLOSERS = ")]»”’"
_OPENING_WORD = re.compile(r"^[^\W\d_][^\W\d_’'\-]*,?$")
_NOT_PATTERNS = frozenset({"name", "sub_label", "decision"})
_FULL_LINE = 0.85  # a line at least this share of the filled width was wrapped by the layout
_MIN_LINES_FOR_WIDTH = 10
_CLOSING_REACH = 3  # lines around the plenary meeting line where its date may be printed


@dataclass(frozen=True)
class TextLanguage:
    """The wording, phrases and compiled patterns of one language."""

    wording: ResolutionWording
    lexicon: Lexicon
    phrases: PhraseTable

    @cached_property
    def formula(self) -> re.Pattern[str]:
        return re.compile(self.wording.formula)

    @cached_property
    def draft_heading(self) -> re.Pattern[str]:
        return re.compile(self.wording.draft_heading)

    @cached_property
    def sub_point(self) -> re.Pattern[str]:
        return re.compile(self.wording.sub_point)

    def pattern(self, name: str) -> re.Pattern[str]:
        return self._patterns[name]

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern[str]]:
        months = self.lexicon.month_pattern
        compiled = {
            name: self.wording.compiled(name, months)
            for name in (f.name for f in fields(ResolutionWording))
            if name not in _NOT_PATTERNS and isinstance(getattr(self.wording, name), str)
        }
        compiled["date_line"] = re.compile(f"^{compiled['date'].pattern}$")
        compiled["plenary_start"] = re.compile(compiled["plenary"].pattern.removesuffix("$"))
        return compiled

    def is_month(self, word: str) -> bool:
        return self.lexicon.month_number(word) is not None


@cache
def text_language(lexicon: Lexicon) -> TextLanguage:
    return TextLanguage(lexicon.resolution, lexicon, load_phrases(lexicon.language))


# --- the annexed text of an adopted resolution (not in the model yet) --------------------------


@dataclass(frozen=True)
class AdoptedDocument:
    resolution: ResolutionText
    annexes: tuple[AnnexedText, ...] = ()


# --- lines and paragraph blocks ---------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    """A content line; a footnote put back into the text spans several source lines."""

    start: int
    end: int
    text: str
    indented: bool

    @classmethod
    def of(cls, line: SourceLine) -> _Line:
        return cls(line.number, line.number, line.text, line.indented)


@dataclass
class _Block:
    kind: ParagraphKind
    number: int
    lines: list[_Line] = field(default_factory=list)
    points: list[tuple[str, list[_Line]]] = field(default_factory=list)

    @property
    def every_line(self) -> list[_Line]:
        return [*self.lines, *(line for _, lines in self.points for line in lines)]

    @property
    def tail(self) -> list[_Line]:
        return self.points[-1][1] if self.points else self.lines


@dataclass
class _Body:
    preamble: list[_Block]
    operative: list[_Block]
    rest: list[_Line]  # lines after an operative paragraph ending with `:` (an annexed text)


@dataclass(frozen=True)
class _Context:
    """What the rules of one text need: where it is, its language and its footnote numbers."""

    document: str
    what: str  # `draft resolution III`, `A/RES/73/6`: for error messages
    language: TextLanguage
    footnotes: frozenset[int]
    marks_indentation: bool
    full_width: int = 0  # the length of a line the layout filled (0: unknown)
    warnings: list[ParseWarning] = field(default_factory=list, compare=False)

    def location(self, line: int) -> SourceLocation:
        return SourceLocation(self.document, line)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ParseWarning(line, message))

    def is_full(self, line: _Line) -> bool:
        """Whether the layout filled the line, so the sentence goes on on the next one."""
        return self.full_width > 0 and len(line.text) >= self.full_width * _FULL_LINE


def _full_width(lines: Sequence[_Line]) -> int:
    """The width of a filled line of the text: the length most long lines reach."""
    lengths = sorted(len(line.text) for line in lines)
    return lengths[int(len(lengths) * 0.9)] if len(lengths) >= _MIN_LINES_FOR_WIDTH else 0


def _clause_end(lines: list[_Line], context: _Context) -> str:
    """The punctuation that ends the text so far (`,` `;` `:` `.`), past a footnote call."""
    if not lines:
        return ""
    text = lines[-1].text.rstrip()
    call = re.search(r"(?<!\d)(\d{1,3})$", text)
    if call and int(call[1]) in context.footnotes:
        text = text[: call.start()].rstrip()
    return text[-1:]


def _in_quotation(lines: list[_Line]) -> bool:
    text = " ".join(line.text for line in lines)
    return text.count("«") > text.count("»") or text.count("“") > text.count("”")


def _looks_like_opening(text: str) -> bool:
    """A capitalised word then a lower-case one (`Alarmed by`, `Se félicitant`), or a word and a
    comma: the shape of an opening phrase, unlike `United Nations` or `Nations Unies`."""
    words = text.split(maxsplit=2)
    if not words or not _OPENING_WORD.match(words[0]) or not words[0][:1].isupper():
        return False
    if words[0].endswith(","):
        return True
    return len(words) > 1 and words[1][:1].islower()


def _segment(
    lines: Sequence[_Line], context: _Context, *, with_preamble: bool, with_annex: bool
) -> _Body:
    """Divide the lines after the formula into paragraphs and sub-points (rules 2-5)."""
    return _Segmenter(context, with_preamble=with_preamble, with_annex=with_annex).run(lines)


class _Segmenter:
    """One pass over the lines; each line continues the current paragraph or starts a new
    paragraph or sub-point."""

    def __init__(self, context: _Context, *, with_preamble: bool, with_annex: bool) -> None:
        self.context = context
        self.with_preamble = with_preamble
        self.with_annex = with_annex
        self.preamble: list[_Block] = []
        self.operative: list[_Block] = []
        self.current: _Block | None = None
        self.expected = 1  # the next operative number
        self.expected_point = "a"
        self.pending_text = False  # the number (or sub-point label) just read stood alone
        self.deferred: _Line | None = None  # a line printed before the start of its sub-point

    def run(self, lines: Sequence[_Line]) -> _Body:
        for index, line in enumerate(lines):
            current = self.current
            if self.pending_text and current is not None:
                if current.points and not current.tail and line.text[:1].islower():
                    # `(a)` / `people;` / `An assessment ... Palestinian`: the extraction put
                    # the end of the sub-point's first line before its start.
                    self.deferred = line
                    continue
                current.tail.extend([line, self.deferred] if self.deferred else [line])
                self.pending_text, self.deferred = False, None
                continue
            tail = current.tail if current else []
            end = _clause_end(tail, self.context)
            boundary = current is None or (end in ",;:." and not _in_quotation(current.every_line))
            if boundary and self._numbered(line):
                continue
            if current is not None and self._point(line, current, end, boundary):
                continue
            if self._annex_starts(line, current, end):
                return _Body(self.preamble, self.operative, list(lines[index:]))
            if boundary and (current is None or end == ",") and self._opening(line):
                continue
            if current is None:
                raise InputError(
                    self.context.location(line.start),
                    f"a preambular or operative paragraph after the formula of {self.context.what}",
                    line.text[:60],
                )
            current.tail.append(line)
        if self.pending_text:
            raise InputError(
                self.context.location(lines[-1].end),
                f"the text of operative paragraph {self.expected - 1} of {self.context.what}",
            )
        return _Body(self.preamble, self.operative, [])

    def _start(self, kind: ParagraphKind, line: _Line) -> None:
        if kind is ParagraphKind.PREAMBULAR:
            self.current = _Block(kind, len(self.preamble) + 1, [line])
            self.preamble.append(self.current)
        else:
            self.current = _Block(kind, self.expected, [line])
            self.operative.append(self.current)
            self.expected += 1
        self.expected_point = "a"

    def _numbered(self, line: _Line) -> bool:
        """Rule 3: `12. Prie ...`, or `1.` alone with the text on the next line."""
        numbered = _NUMBERED.match(line.text)
        if numbered is None:
            return False
        number, rest = int(numbered["number"]), numbered["text"] or ""
        if number == self.expected:
            self._start(ParagraphKind.OPERATIVE, _Line(line.start, line.end, rest, line.indented))
            self.pending_text = not rest
            return True
        if not rest or rest[:1].isupper():
            raise InputError(
                self.context.location(line.start),
                f"operative paragraph {self.expected} of {self.context.what} (paragraphs are "
                "numbered 1, 2, 3 ... without gaps)",
                line.text[:60],
            )
        return False

    def _point(self, line: _Line, current: _Block, end: str, boundary: bool) -> bool:
        """Rule 4: `a)` / `(a)` after a clause ending with `:`, then b, c ..."""
        point = self.context.language.sub_point.match(line.text)
        alone = None if point else self.context.language.pattern("sub_point_alone").match(line.text)
        if point is None and alone is None:
            return False
        tail = current.tail
        joiners = self.context.language.wording.list_joiners
        joined = bool(tail) and tail[-1].text.rsplit(maxsplit=1)[-1] in joiners
        if not (boundary or joined):
            return False
        found = point or alone
        assert found is not None
        label = found["label"]
        opens = label == "a" and not current.points and end == ":"
        nested = bool(current.points) and end == ":"  # `i)` inside a sub-point
        follows = bool(current.points) and label == self.expected_point and not nested
        if not (opens or follows):
            return False
        if point is not None:
            text = _Line(line.start, line.end, point["text"], line.indented)
            current.points.append((label, [text]))
        else:  # `(a)` alone: the extraction printed its text on the next line
            current.points.append((label, []))
            self.pending_text = True
        self.expected_point = chr(ord(label) + 1)
        return True

    def _annex_starts(self, line: _Line, current: _Block | None, end: str) -> bool:
        """Rule 5: an operative paragraph ending with `:` followed by no sub-point."""
        return (
            self.with_annex
            and current is not None
            and current.kind is ParagraphKind.OPERATIVE
            and end == ":"
            and not current.points
            and not _in_quotation(current.every_line)
            and line.text[:1].isupper()
        )

    def _opening(self, line: _Line) -> bool:
        """Rule 2: a preambular paragraph (or the single unnumbered operative one) starts."""
        text = line.text
        if not (
            self.with_preamble
            and not self.operative
            and (line.indented or not self.context.marks_indentation)
            and text[:1].isupper()
        ):
            return False
        found = self.context.language.phrases.find(text)
        if found is not None:
            self._start(found.kind, line)
            return True
        # An opening that is in no table still starts a paragraph (its phrase is unclassified,
        # `_paragraph` warns), unless the previous line was filled by the layout: then the
        # capitalised word goes on with the sentence (`held in Rio de Janeiro,` / `Brazil, in`).
        current = self.current
        if current is None or (
            _looks_like_opening(text)
            and (self.context.marks_indentation or not self.context.is_full(current.tail[-1]))
        ):
            self._start(ParagraphKind.PREAMBULAR, line)
            return True
        return False


# --- footnote calls (rule 7) -------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")
_NEIGHBOURHOOD = 120  # characters around a number where its neighbour words are read
_TRAILING_PUNCTUATION = re.compile(r"[,;:.)\]»”’]+$")
_GLUED = re.compile(r"^(?P<head>.*?\D)(?P<number>\d{1,3})$")
_GLUED_TO_NUMBER = re.compile(r"^(?P<head>\d{1,4}[/–-])?(?P<digits>\d{5,7})$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_RESOLUTION_NUMBER = re.compile(r"^\d{1,3}/\d{1,3}$")
_ELISION = re.compile(r"^[^\W\d_]{1,3}['’](?=\w)")  # `l’article` -> `article`


def _digit_tokens(text: str) -> list[tuple[int, str]]:
    """The whitespace-separated tokens of `text` that contain a digit, with their offsets."""
    tokens: list[tuple[int, str]] = []
    end = 0
    for digits in _DIGITS.finditer(text):
        if digits.start() < end:
            continue  # a second run of digits in the same token
        start = digits.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = digits.end()
        while end < len(text) and not text[end].isspace():
            end += 1
        tokens.append((start, text[start:end]))
    return tokens


class _Calls:
    """Reads the footnote calls of one text, paragraph after paragraph, in reading order."""

    def __init__(self, context: _Context) -> None:
        self.context = context
        self.next = 1
        self.called: set[int] = set()

    def strip(self, text: str) -> tuple[str, list[int]]:
        """The text without its calls, and the numbers called, in order."""
        cuts: list[tuple[int, int]] = []
        calls: list[int] = []
        for start, token in _digit_tokens(text):
            found = self._call(text, start, token)
            if found is None:
                continue
            number, cut_start, cut_end = found
            if number == self.next:
                self.next += 1
            self.called.add(number)
            calls.append(number)
            cuts.append((cut_start, cut_end))
        for start, end in reversed(cuts):
            text = text[:start] + text[end:]
        return re.sub(r"  +", " ", text).strip(), calls

    def _known(self, number: int, *, first_only: bool = False) -> bool:
        if number not in self.context.footnotes:
            return False
        return number == self.next or (not first_only and number in self.called)

    def _call(self, text: str, start: int, token: str) -> tuple[int, int, int] | None:
        """The number called by the token at `start` and the characters to cut, if any."""
        core = _TRAILING_PUNCTUATION.sub("", token)
        if core.isdigit() and len(core) <= 3:
            number = int(core)
            if not self._known(number) or not self._alone(text, start, start + len(token)):
                return None
            cut_start = start
            while cut_start > 0 and text[cut_start - 1].isspace():
                cut_start -= 1
            cut_end = start + len(core)
            following = text[cut_end:]
            if core == token and re.match(r"\s+[,.]", following):
                cut_end += len(following) - len(following.lstrip())
            return number, cut_start, cut_end
        glued = _GLUED.match(core)
        kind = self._glued(glued["head"]) if glued else None
        if glued and kind and self._known(int(glued["number"]), first_only=kind == "first"):
            return int(glued["number"]), start + len(glued["head"]), start + len(core)
        to_number = _GLUED_TO_NUMBER.match(core)
        if to_number and self.next in self.context.footnotes:
            digits, call = to_number["digits"], str(self.next)
            rest = digits[: -len(call)]
            slash = (to_number["head"] or "").endswith("/")
            plausible = 1 <= len(rest) <= 3 if slash else bool(_YEAR.match(rest))
            if digits.endswith(call) and plausible:
                return self.next, start + len(core) - len(call), start + len(core)
        return None

    @staticmethod
    def _glued(head: str) -> str | None:
        """Whether digits after `head` can be a call (`any`: a first call or a repeated one;
        `first`: only the next footnote): after a word in lower case (`Congrès1`, not `G20`),
        a closing bracket or quote (`Mandela)4`), a semicolon or a comma (`activities,1`);
        after a comma that follows a digit only as a first call (`UNISPACE+50,6` calls 6, the
        `UNISPACE+50,1` printed in body type after 1 was called is left as it is)."""
        last = head[-1]
        if last in _CLOSERS or last == ";":
            return "any"
        if last == ",":
            return "first" if len(head) > 1 and head[-2].isdigit() else "any"
        if not last.isalpha():
            return None
        word = re.search(r"[^\W\d_]+$", head)
        return "any" if word is not None and any(c.islower() for c in word.group()) else None

    def _alone(self, text: str, start: int, end: int) -> bool:
        """A number standing alone is a call only between a word (or a year, or punctuation)
        and the end of the paragraph, punctuation or a lower-case word -- never a quantity,
        a date, a range or a reference (`du 7 au 12 mars`, `under 5 years`, `paragraphe 29`)."""
        wording, language = self.context.language.wording, self.context.language
        before = text[max(0, start - _NEIGHBOURHOOD) : start].split()
        if not before:
            return False  # a paragraph does not start with a call
        previous = _ELISION.sub("", before[-1])
        previous_core = _TRAILING_PUNCTUATION.sub("", previous)
        # `rules 5`, `session 3` are references; `(the Bangkok Rules), 17` and `session, 1`
        # are calls: a comma, semicolon or bracket ends the word's phrase.
        closed = bool(set(previous[len(previous_core) :]) & set(",;)]"))
        if previous.casefold() in wording.number_words or (
            previous_core.casefold() in wording.number_words and not closed
        ):
            return False
        if previous_core.isdigit() and len(previous_core) <= 3 and previous != previous_core:
            return False  # a list of numbers: `les 4, 11 et 15` (not a year: `2014, 5 and`)
        if not (previous[-1].isalnum() or previous[-1] in _CLOSERS or previous[-1] in ",;"):
            return False
        after = text[end : end + _NEIGHBOURHOOD].split(maxsplit=2)[:2]
        if not after:
            return True
        following_core = _TRAILING_PUNCTUATION.sub("", after[0])
        if not following_core:
            return True  # punctuation: `2030 2 ,`
        if _RESOLUTION_NUMBER.match(following_core):
            return True  # a list of resolutions: `44/7 of 16 July 2020, 8 45/17 of ...`
        word = following_core.casefold()
        if word in wording.unit_words or language.is_month(following_core) or word.isdigit():
            return False
        if (
            word in wording.range_words
            and len(after) > 1
            and after[1][:1].isdigit()
            and not _RESOLUTION_NUMBER.match(_TRAILING_PUNCTUATION.sub("", after[1]))
        ):
            # `du 7 au 12` is a range; not `2020 10 and 46/7 of ...`, nor `at its 2021 16 and
            # 2022 sessions`, where a number between two years is a call.
            following_number = _TRAILING_PUNCTUATION.sub("", after[1])
            if not (_YEAR.match(previous_core) and _YEAR.match(following_number)):
                return False
        return after[0][:1].islower()

    def check(self, footnotes: Sequence[Footnote]) -> None:
        """Every footnote of the text is called at least once."""
        for footnote in footnotes:
            if footnote.number not in self.called:
                raise InputError(
                    self.context.location(footnote.span.start_line),
                    f"a call of footnote {footnote.number} in the text of {self.context.what} "
                    f"(after footnote {footnote.number - 1})",
                    f"footnote {footnote.number} {footnote.text[:40]!r} is never called",
                )


# --- paragraphs --------------------------------------------------------------------------------


def _span(lines: Sequence[_Line]) -> SourceSpan:
    return SourceSpan(min(line.start for line in lines), max(line.end for line in lines))


def _paragraph(
    block: _Block, calls: _Calls, context: _Context, *, phrase_required: bool = True
) -> Paragraph:
    language = context.language
    if not block.lines:
        start = block.points[0][1][0].start if block.points else 1
        raise InputError(context.location(start), f"the text of a paragraph of {context.what}")
    chapeau, found = calls.strip(join_lines([line.text for line in block.lines]))
    points = []
    for label, lines in block.points:
        text, point_calls = calls.strip(join_lines([line.text for line in lines]))
        found.extend(point_calls)
        points.append(SubParagraph(label, text, _span(lines)))
    text = " ".join(
        [chapeau, *(f"{language.wording.sub_label.format(p.label)} {p.text}" for p in points)]
    )
    match = language.phrases.find(chapeau)
    first = block.lines[0].start
    where = f"{block.kind} paragraph {block.number} of {context.what}"
    if match is None and phrase_required:
        table = f"kg/parse/phrases/phrases_{language.lexicon.language}.tsv"
        context.warn(
            first,
            f"{where} opens with {' '.join(chapeau.split()[:4])!r}, which is not in {table}: "
            "its opening phrase is left unclassified",
        )
    if match is not None and match.kind is not block.kind and phrase_required:
        context.warn(
            first,
            f"{where} opens with the {match.kind} phrase {match.printed!r}: its opening phrase "
            "is left unclassified",
        )
        match = None
    opening = match.printed if match else chapeau.split(maxsplit=1)[0].rstrip(",;:")
    return Paragraph(
        kind=block.kind,
        number=block.number,
        opening_phrase=match.key if match else None,
        opening_modifiers=match.modifiers if match else (),
        opening_text=opening,
        text=text,
        span=_span(block.every_line),
        footnote_calls=tuple(dict.fromkeys(found)),
        sub_paragraphs=tuple(points),
    )


def _own_footnotes(
    footnotes: Sequence[Footnote], document: str, what: str
) -> tuple[list[Footnote], list[_Line]]:
    """The footnotes of one text, numbered 1..n, and the content lines taken for footnotes."""
    kept: list[Footnote] = []
    content: list[_Line] = []
    for footnote in sorted(footnotes, key=lambda f: (f.span.start_line, f.number)):
        if footnote.number == len(kept) + 1:
            kept.append(footnote)
        elif any(k.number == footnote.number for k in kept):
            text = f"{footnote.number} {footnote.text}"
            content.append(_Line(footnote.span.start_line, footnote.span.end_line, text, True))
        else:
            raise InputError(
                SourceLocation(document, footnote.span.start_line),
                f"footnote {len(kept) + 1} of {what} (footnotes are numbered 1, 2, 3 ... in "
                "each text)",
                f"footnote {footnote.number}",
            )
    return kept, content


@dataclass(frozen=True)
class _Text:
    preamble: tuple[Paragraph, ...]
    operative: tuple[Paragraph, ...]
    annexes: tuple[AnnexedText, ...]
    last_line: int


def _read_text(
    lines: Sequence[_Line],
    footnotes: Sequence[Footnote],
    context: _Context,
    *,
    title: str,
    with_annex: bool,
) -> _Text:
    """Paragraphs, sub-points, calls (and annexed texts) of the lines after the formula."""
    if not lines:
        raise InputError(
            context.location(1), f"the preamble and operative paragraphs of {context.what}"
        )
    body = _segment(lines, context, with_preamble=True, with_annex=with_annex)
    if not body.operative:
        raise InputError(
            context.location(lines[-1].end),
            f"at least one operative paragraph in {context.what} "
            f"({context.language.wording.example('operative')})",
        )
    calls = _Calls(context)
    preamble = tuple(_paragraph(block, calls, context) for block in body.preamble)
    operative = tuple(_paragraph(block, calls, context) for block in body.operative)
    annexes = (_annex(body.rest, calls, context, title),) if body.rest else ()
    calls.check(footnotes)
    last = next((a.paragraphs[-1] for a in annexes if a.paragraphs), operative[-1])
    if last.text.rstrip(_CLOSERS)[-1:] != ".":
        context.warn(
            last.span.end_line,
            f"the text of {context.what} ends without its final full stop (its last paragraph "
            f"ends {last.text[-30:]!r}): the file may be truncated",
        )
    return _Text(preamble, operative, annexes, max(line.end for line in lines))


def _annex(lines: list[_Line], calls: _Calls, context: _Context, title: str) -> AnnexedText:
    """Rule 5: heading lines (no comma), introductory paragraph(s), numbered paragraphs."""
    heading: list[_Line] = []
    for line in lines:
        if (
            "," in line.text
            or _NUMBERED.match(line.text)
            or context.language.phrases.find(line.text)
        ):
            break
        heading.append(line)
    remaining = lines[len(heading) :]
    first = next((i for i, line in enumerate(remaining) if _NUMBERED.match(line.text)), None)
    introduction_lines = remaining if first is None else remaining[:first]
    blocks: list[_Block] = []
    for line in introduction_lines:
        if not blocks or blocks[-1].lines[-1].text.rstrip()[-1:] in ".:":
            blocks.append(_Block(ParagraphKind.PREAMBULAR, len(blocks) + 1))
        blocks[-1].lines.append(line)
    introduction = tuple(
        _paragraph(block, calls, context, phrase_required=False) for block in blocks
    )
    paragraphs: tuple[Paragraph, ...] = ()
    if first is not None:
        body = _segment(remaining[first:], context, with_preamble=False, with_annex=False)
        paragraphs = tuple(_paragraph(block, calls, context) for block in body.operative)
    heading_text = join_lines([line.text for line in heading])
    subtitle: str | None = None
    if title and heading_text.startswith(title) and heading_text != title:
        heading_text, subtitle = title, heading_text[len(title) :].strip()
    return AnnexedText(heading_text, subtitle, introduction, paragraphs, _span(lines))


# --- Part III of a committee report: the recommended texts -------------------------------------


def parse_recommended_texts(
    document: NormalizedDocument,
    part3: Part,
    drafts: tuple[DraftResolution, ...],
    lexicon: Lexicon,
) -> tuple[ResolutionText, ...]:
    """The texts of Part III (`Projet de résolution I` ... `VII`), each tied to the draft of
    Part II adopted as that numeral. A Part III without text headings gives no texts."""
    language = text_language(lexicon)
    lines = part3.lines
    heads = [
        (index, match["numeral"])
        for index, line in enumerate(lines)
        if (match := language.draft_heading.match(line.text))
    ]
    if not heads:
        return _unnumbered_text(document, language, part3, drafts)
    by_numeral = {draft.recommended_as: draft for draft in drafts if draft.recommended_as}
    texts = []
    for position, (index, numeral) in enumerate(heads):
        heading = lines[index]
        location = SourceLocation(document.name, heading.number)
        try:
            value = roman_to_int(numeral)
        except ValueError:
            value = 0
        if value != position + 1:
            raise InputError(
                location, f"draft resolution number {position + 1} in Roman numerals", numeral
            )
        draft = by_numeral.get(numeral)
        if draft is None:
            raise InputError(
                location,
                f"a draft of Part II adopted as draft resolution {numeral} "
                f"({language.wording.example('recommended_as').format(numeral=numeral)})",
                heading.text,
            )
        stop = heads[position + 1][0] if position + 1 < len(heads) else len(lines)
        last = lines[stop].number - 1 if stop < len(lines) else document.total_lines
        own = [f for f in document.footnotes if heading.number <= f.span.start_line <= last]
        texts.append(
            _recommended_text(
                document,
                language=language,
                heading=heading,
                numeral=numeral,
                lines=lines[index + 1 : stop],
                footnotes=own,
                draft=draft,
            )
        )
    missing = sorted(set(by_numeral) - {numeral for _, numeral in heads}, key=roman_to_int)
    if missing:
        raise InputError(
            SourceLocation(document.name, part3.span.start_line),
            f"the text of draft resolution {missing[0]} in Part III",
        )
    return tuple(texts)


def _unnumbered_text(
    document: NormalizedDocument,
    language: TextLanguage,
    part3: Part,
    drafts: tuple[DraftResolution, ...],
) -> tuple[ResolutionText, ...]:
    """A last part recommending one text prints no `Draft resolution I` heading: the text
    follows the recommendation (`... the adoption of the following draft resolution:`) and is
    the one draft adopted; its label is empty."""
    adopted = [draft for draft in drafts if draft.adoption is not None]
    lines = part3.lines
    intro = next((i for i, line in enumerate(lines) if line.text.endswith(":")), None)
    if len(adopted) != 1 or intro is None:
        return ()
    heading = lines[intro]
    own = [f for f in document.footnotes if f.span.start_line >= heading.number]
    text = _recommended_text(
        document,
        language=language,
        heading=heading,
        numeral="",
        lines=lines[intro + 1 :],
        footnotes=own,
        draft=adopted[0],
    )
    return (text,)


def _recommended_text(
    document: NormalizedDocument,
    *,
    language: TextLanguage,
    heading: SourceLine,
    numeral: str,
    lines: Sequence[SourceLine],
    footnotes: Sequence[Footnote],
    draft: DraftResolution,
) -> ResolutionText:
    what = f"draft resolution {numeral}".rstrip()
    formula = next((i for i, line in enumerate(lines) if language.formula.match(line.text)), None)
    if formula is None or formula == 0:
        raise InputError(
            SourceLocation(document.name, heading.number),
            f"the title of {what} then the formula {language.wording.example('formula')}",
            lines[0].text[:60] if lines else heading.text,
        )
    title = join_lines([line.text for line in lines[:formula]])
    text = _read_lines(document.name, footnotes, lines[formula + 1 :], what, language, title=title)
    return ResolutionText(
        kind=TextKind.RECOMMENDED,
        source_name=document.name,
        language=language.lexicon.language,
        symbol=draft.symbol,
        label=numeral,
        title=title,
        formula=lines[formula].text,
        preamble=text.preamble,
        operative=text.operative,
        footnotes=text.footnotes,
        span=SourceSpan(heading.number, text.last_line),
        warnings=text.warnings,
    )


def _start(line: _Line) -> int:
    return line.start


# --- adopted resolutions -----------------------------------------------------------------------


def parse_adopted_resolution(document: NormalizedDocument, lexicon: Lexicon) -> ResolutionText:
    """A resolution issued under its own symbol (`A/RES/73/6`): header block, text, closing."""
    return parse_adopted_document(document, lexicon).resolution


def parse_adopted_document(document: NormalizedDocument, lexicon: Lexicon) -> AdoptedDocument:
    """The resolution and the texts it adopts inline (A/RES/73/3's political declaration)."""
    language = text_language(lexicon)
    name, lines = document.name, document.lines
    if not lines:
        raise InputError(SourceLocation(name, 1), "the text of a resolution", "no content lines")
    formula = next((i for i, line in enumerate(lines) if language.formula.match(line.text)), None)
    if formula is None:
        raise InputError(
            SourceLocation(name, lines[0].number),
            "an adopted resolution: header, number and title, then the formula "
            f"{language.wording.example('formula')}",
            lines[0].text[:60],
        )
    numbered_title = next(
        ((i, match) for i in range(formula - 1, -1, -1) if (match := _LABEL.match(lines[i].text))),
        None,
    )
    if numbered_title is None:
        raise InputError(
            SourceLocation(name, lines[formula].number),
            "the number of the resolution ('73/6.') before its title",
        )
    label_index, label_match = numbered_title
    label = label_match["label"]
    title_parts = [
        label_match["title"] or "",
        *(line.text for line in lines[label_index + 1 : formula]),
    ]
    title = join_lines(title_parts)
    if not title:
        raise InputError(
            SourceLocation(name, lines[label_index].number), f"the title of resolution {label}"
        )
    header = _read_header(document, lines[:label_index], label, language)
    closing = _closing_lines(lines, formula, language)
    warnings: list[ParseWarning] = []
    if closing is None:
        warnings.append(
            ParseWarning(
                lines[-1].number,
                f"{header.symbol} ends without its closing lines ("
                f"{language.wording.example('closing')} and the date of adoption): the file may "
                "be truncated",
            )
        )
        adoption_date, meeting, end, after = header.adopted, None, len(lines), len(lines)
    else:
        adoption_date, meeting = closing.date, closing.meeting
        end, after = closing.first, closing.last + 1
    if adoption_date != header.adopted:
        raise InputError(
            SourceLocation(name, lines[end].number),
            f"the date of adoption of the header ({header.adopted.isoformat()})",
            adoption_date.isoformat(),
        )
    text = read_text_after_formula(
        document, lines[formula + 1 : end], header.symbol, language, title=title, with_annex=True
    )
    annexes = (*text.annexes, *_annexes_after_closing(lines[after:], language))
    resolution = ResolutionText(
        kind=TextKind.ADOPTED,
        source_name=name,
        language=lexicon.language,
        symbol=header.symbol,
        label=label,
        title=title,
        formula=lines[formula].text,
        preamble=text.preamble,
        operative=text.operative,
        footnotes=text.footnotes,
        span=SourceSpan(1, max(document.total_lines, lines[-1].number)),
        session=header.session,
        agenda_items=header.agenda_items,
        adopted_on_report=header.on_report,
        without_reference_to_committee=header.without_reference,
        draft_symbols=header.draft_symbols,
        plenary_meeting=meeting,
        adoption_date=adoption_date,
        issue_date=header.issued,
        annexes=annexes,
        warnings=(*text.warnings, *warnings),
    )
    return AdoptedDocument(resolution, annexes)


@dataclass(frozen=True)
class IssuedText:
    """The paragraphs of a text issued under its own symbol, read after its formula."""

    preamble: tuple[Paragraph, ...]
    operative: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...]
    annexes: tuple[AnnexedText, ...]
    warnings: tuple[ParseWarning, ...]
    last_line: int


def read_text_after_formula(
    document: NormalizedDocument,
    lines: Sequence[SourceLine],
    what: str,
    language: TextLanguage,
    *,
    title: str,
    with_annex: bool,
) -> IssuedText:
    """Preamble, operative paragraphs, footnotes (and an annexed text) of `lines`, the lines
    between the formula and the closing lines of an adopted resolution or a draft."""
    return _read_lines(
        document.name, document.footnotes, lines, what, language, title=title, with_annex=with_annex
    )


def _read_lines(
    document: str,
    footnotes: Sequence[Footnote],
    lines: Sequence[SourceLine],
    what: str,
    language: TextLanguage,
    *,
    title: str,
    with_annex: bool = False,
) -> IssuedText:
    kept, content = _own_footnotes(footnotes, document, what)
    body = sorted([*(_Line.of(line) for line in lines), *content], key=_start)
    context = _Context(
        document,
        what,
        language,
        frozenset(f.number for f in kept),
        marks_indentation=any(line.indented for line in body),
        full_width=_full_width(body),
    )
    text = _read_text(body, kept, context, title=title, with_annex=with_annex)
    return IssuedText(
        text.preamble,
        text.operative,
        tuple(kept),
        text.annexes,
        tuple(context.warnings),
        text.last_line,
    )


@dataclass(frozen=True)
class _Closing:
    first: int  # index of the first closing line
    last: int  # index of the last one
    meeting: int
    date: dt.date


def _closing_lines(
    lines: Sequence[SourceLine], formula: int, language: TextLanguage
) -> _Closing | None:
    """The last `26th plenary meeting` after the formula and the date of adoption: on the same
    line, on the next line, or on a line near it (the extraction may put a footnote block or
    the issue date between them)."""
    plenary = language.pattern("plenary_start")
    found = next(
        (
            (i, match)
            for i in range(len(lines) - 1, formula, -1)
            if (match := plenary.match(lines[i].text))
        ),
        None,
    )
    if found is None:
        return None
    index, match = found
    meeting = int(match["number"])
    rest = lines[index].text[match.end() :].strip()
    if rest:
        same_line = read_date(language, rest, whole=True)
        return _Closing(index, index, meeting, same_line) if same_line else None
    nearby = [
        *range(index + 1, min(index + 1 + _CLOSING_REACH, len(lines))),
        *range(index - 1, max(formula, index - 1 - _CLOSING_REACH), -1),
    ]
    for other in nearby:
        date = read_date(language, lines[other].text, whole=True)
        if date is not None:
            return _Closing(min(index, other), max(index, other), meeting, date)
    return None


def _annexes_after_closing(
    lines: Sequence[SourceLine], language: TextLanguage
) -> tuple[AnnexedText, ...]:
    """What follows the closing lines: an annex (`Annex`, then its title), whose body is not
    read into paragraphs (a convention with its own articles and annexes is not part of the
    resolution's preamble or operative part). Kept as its heading and the lines it spans."""
    if not lines or not language.pattern("annex_heading").match(lines[0].text):
        return ()
    title: list[str] = []
    for line in lines[1:]:
        if line.text[-1:] in ",;:.":
            break  # the annex's own formula (`The States Parties to this Convention,`)
        title.append(line.text)
    heading = join_lines(title) if title else lines[0].text
    span = SourceSpan(lines[0].number, lines[-1].number)
    return (AnnexedText(heading, None, (), (), span),)


@dataclass(frozen=True)
class _Header:
    symbol: str
    issued: dt.date
    session: int
    agenda_items: tuple[int, ...]
    adopted: dt.date
    on_report: str | None
    without_reference: bool
    draft_symbols: tuple[str, ...]


def _read_header(
    document: NormalizedDocument, lines: Sequence[SourceLine], label: str, language: TextLanguage
) -> _Header:
    """The header block: symbol, `Distr.: General` + date, session, agenda items, adoption."""
    name, wording = document.name, language.wording
    first = lines[0].number if lines else 1
    text = " ".join(line.text for line in lines)

    def missing(expected: str, found: str | None = None) -> InputError:
        return InputError(SourceLocation(name, first), expected, found)

    symbol = next(
        (
            line.text
            for line in lines
            if SYMBOL_PATTERN.fullmatch(line.text) and "/RES/" in line.text
        ),
        document.running_header,
    )
    if symbol is None:
        raise missing("the symbol of the resolution ('A/RES/73/6') in the header")
    if not symbol.replace(" ", "").endswith("/" + label.replace(" ", "")):
        raise missing(f"a symbol ending with the number of the resolution {label}", symbol)
    issued = read_date(language, _group(language.pattern("distribution").search(text), "date"))
    if issued is None:
        raise missing(f"the issue date after the distribution ({wording.example('issued')})")
    session_match = language.pattern("session").search(text)
    session = language.lexicon.ordinal_value(session_match["ordinal"]) if session_match else None
    if session is None or str(session) != label.split("/", maxsplit=1)[0]:
        raise missing(
            f"the session of resolution {label} ({wording.example('session')})",
            session_match[0] if session_match else None,
        )
    agenda = language.pattern("agenda").search(text)
    if agenda is None:
        raise missing(f"the agenda item(s) ({wording.example('agenda')})")
    items = tuple(int(n) for n in re.findall(r"\d{1,3}(?!\s*\))", agenda["items"]))
    adopted = read_date(language, _group(language.pattern("adopted").search(text), "date"))
    if adopted is None:
        raise missing(f"the adoption date ({wording.example('adopted')})")
    report = language.pattern("on_report").search(text)
    without_match = language.pattern("without_reference").search(text)
    without = without_match is not None
    drafts = tuple(str(s) for s, _, _ in find_symbols(without_match[0])) if without_match else ()
    if report is None and not without:
        raise missing(
            f"how the resolution came before the Assembly ({wording.example('origin')} or "
            f"{wording.example('without_reference')})"
        )
    return _Header(
        symbol=symbol,
        issued=issued,
        session=session,
        agenda_items=items,
        adopted=adopted,
        on_report=report["report"].strip() if report else None,
        without_reference=without,
        draft_symbols=drafts,
    )


def _group(match: re.Match[str] | None, name: str) -> str | None:
    return match[name] if match else None


def read_date(language: TextLanguage, text: str | None, *, whole: bool = False) -> dt.date | None:
    if text is None:
        return None
    pattern = language.pattern("date_line" if whole else "date")
    match = pattern.match(text.strip()) if whole else pattern.search(text)
    if match is None:
        return None
    return language.lexicon.date(match["day"], match["month"], int(match["year"]))


def parse_adopted_file(name: str, data: bytes, lexicon: Lexicon) -> ResolutionText:
    """A `pdftotext` extraction of an adopted resolution, from its bytes."""
    return parse_adopted_resolution(normalize_issued_text(name, decode(name, data)), lexicon)
