"""The fast paths of reading, parsing and language detection give what the plain code gives.

Each shortcut (issue 6: parsing must cost well under a millisecond per variant) is checked
against the straightforward computation it replaces: script counts through the tag table against
counting character by character, the BMP letter class against ``[^\\W\\d_]``, the marker scan of
flattened lines against the lookbehind split, the piece classifier against ``classify``, the
bounded token split of a heading against the full one, the one-character pre-test of a trailing
relative date against the full search, the positional copy of a chapter or variant against
``dataclasses.replace``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner import langdata, langid, scripts
from aligner.langdata import TABLES
from aligner.model import Chapter, Variant
from aligner.parse import lines, titles
from aligner.parse.lines import Kind
from aligner.pickling import replaced
from aligner.read import _looks_binary

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters of every script the profile tells apart, and those its fast path treats specially:
# ASCII letters, accented Latin, non-letters, BMP and astral letters, lone surrogates.
_SCRIPT_CHARS = "abcXYZ éñüß中文字かなカナ한글Кирилица αβγ 123 .,—“”ª²½ǅ\u0345\x00\x7f\x80\uffffعربיםहिไทย"
script_text = st.text(
    alphabet=st.sampled_from([*_SCRIPT_CHARS, "\U00020000", "\U0001d400", "\ud800", "\udfff"]),
    max_size=300,
)
_MARKER_BITS = [*' \t#>*-•"“「a[]0:\u3000\xa0【】', "## ", " ## [00:00] ", ' > *"', " - **", "###"]
marker_text = st.lists(st.sampled_from(_MARKER_BITS), max_size=40).map(
    lambda bits: "x ## [00:00] " + "".join(bits)
)

# The split points of flattened lines as first written (a heading's marks may be followed by a
# no-break space since): a whole blank run before a marker.
_OLD_SPLITS = {
    "heading": re.compile(r"(?<![ \t])[ \t]++(?=#{2,3}[ \t\u00a0])"),  # ``##&nbsp;[`` too
    "quote": re.compile(r"(?<![ \t])[ \t]++(?=>[ \t]*+(?:\*[ \t]*+)?[\"“「『«„])"),
    "item": re.compile(r"(?<![ \t])[ \t]++(?=[-•][ \t]++\*\*)"),
}
_MARKERS = {"heading": lines._HEADING_MARKER, "quote": lines._QUOTE_MARKER, "item": lines._ITEM_MARKER}


@FAST
@given(text=script_text)
def test_script_counts_match_counting_each_character(text: str) -> None:
    fast = scripts._script_counts(text)
    slow = scripts._script_counts_by_char(text)
    assert list(fast.items()) == list(slow.items())  # same counts, keyed in the same order


def test_tag_table_tags_every_bmp_character_by_its_script() -> None:
    table = scripts._tag_table()
    assert len(table) == 0x10000
    for code in range(0x10000):
        assert table[code] == scripts._TAGS[scripts._letter_script(chr(code))], hex(code)


def test_bmp_vote_word_class_is_every_word_letter_of_the_bmp() -> None:
    """The class built from per-character masks has exactly the ranges a loop over the BMP finds."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if langid._is_word_letter(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    letters = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    assert len(ranges) > 100  # many scripts, many gaps
    assert langid._bmp_vote_word().pattern == f"[{letters}]+(?:'[{letters}]+)?"


def test_word_letter_is_the_regex_letter_class_everywhere() -> None:
    letter = re.compile(r"[^\W\d_]")
    for code in range(0x110000):
        ch = chr(code)
        assert langid._is_word_letter(ch) == bool(letter.match(ch)), hex(code)


@FAST
@given(text=script_text)
def test_vote_words_match_the_plain_pattern(text: str) -> None:
    folded = text.casefold()
    assert langid._vote_words(folded) == langid._VOTE_WORD.findall(folded)


@FAST
@given(text=marker_text)
def test_marker_scan_splits_like_the_lookbehind_pattern(text: str) -> None:
    for kind, old in _OLD_SPLITS.items():
        assert lines._split_before(text, _MARKERS[kind]) == old.split(text)


@FAST
@given(text=marker_text)
def test_piece_classifier_agrees_with_classify(text: str) -> None:
    for piece in (p.strip() for p in text.split("  ")):
        if not piece:
            continue
        kind = lines._classify(piece)
        if kind in (Kind.DURATION, Kind.CAPTIONS, Kind.TAGS, Kind.CHANNEL, Kind.H1):
            kind = Kind.TEXT
        assert lines._classify_piece(piece) is kind


@FAST
@given(text=st.text(alphabet=st.sampled_from(list("ab Cd ## x. 中?") + [" "] * 4), max_size=400))
def test_heading_tokens_are_the_leading_tokens(text: str) -> None:
    hints = titles.make_hints(["Ada Lovelace", "A B C D E F G H I J K L M N O P"], "", "en")
    head = titles._head_tokens(text, hints)
    full = text.split(" ")
    assert " ".join(head) == text
    assert head[:-1] == full[: len(head) - 1]
    assert len(head) == len(full) or len(head) > titles._HORIZON + len(hints.full_names[0]) - 1


def test_binary_sniffing_counts_control_bytes() -> None:
    assert not _looks_binary(b"plain text\twith\ttabs\r\n" * 100)
    assert _looks_binary(bytes([1, 2, 3]) * 10 + b"a" * 100)
    assert not _looks_binary(bytes([1]) * 5 + b"a" * 100)  # 5 % is the limit, exclusive


SAMPLE_PAGES = sorted(Path(__file__).resolve().parent.parent.joinpath("samples", "pages").rglob("*.*"))
_DATE_BITS = [" ", ".", "。", "\u3000", "\n", "x", "S", "ſ", "ago", "3", "前", "전", "назад", ":", "—"]


def _plain_split_relative_date(line: str) -> tuple[str, str, str | None] | None:
    """``split_relative_date`` without the pre-test: the full search on every line (no-break
    spaces read as spaces)."""
    line = line.translate(langdata._SPACE_LIKE)
    match = langdata._trailing_date().search(line)
    if match is None:
        return None
    date = match.group(0).strip().rstrip(".。").strip()
    codes = [code for code, pattern in langdata._date_patterns() if pattern.fullmatch(date)]
    return line[: match.start()].rstrip(langdata._CHANNEL_TRAIL), date, codes[0] if len(codes) == 1 else None


@functools.cache
def _date_strategy() -> st.SearchStrategy[str]:
    """Lines made of any table's relative date between arbitrary text and trailing blanks/dots."""
    dates = st.one_of(
        [st.from_regex(re.compile(t.relative_date, re.IGNORECASE), fullmatch=True) for t in TABLES.values()]
    )
    tail = st.lists(st.sampled_from(_DATE_BITS), max_size=6).map("".join)
    return st.tuples(st.text(max_size=30), dates, tail).map("".join)


def test_isspace_is_the_regex_blank_class_everywhere() -> None:
    """The date pre-test skips trailing blanks with ``str.isspace``, the pattern with ``\\s``."""
    blank = re.compile(r"\s")
    assert all(chr(c).isspace() == bool(blank.fullmatch(chr(c))) for c in range(0x110000))


@FAST
@given(data=st.data())
def test_every_relative_date_passes_the_last_letter_pre_test(data: st.DataObject) -> None:
    line = data.draw(_date_strategy())
    assert langdata.split_relative_date(line) == _plain_split_relative_date(line)


@FAST
@given(text=st.lists(st.sampled_from(_DATE_BITS), max_size=12).map("".join) | st.text(max_size=60))
def test_split_relative_date_matches_the_full_search(text: str) -> None:
    assert langdata.split_relative_date(text) == _plain_split_relative_date(text)


@pytest.mark.parametrize("path", SAMPLE_PAGES, ids=lambda p: p.name)
def test_split_relative_date_on_sample_lines(path: Path) -> None:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        for text in (line, line.strip()):
            assert langdata.split_relative_date(text) == _plain_split_relative_date(text)


_field_text = st.text(max_size=8)


@FAST
@given(
    chapter=st.builds(
        Chapter, ts=st.integers(0, 9999), ts_text=_field_text, title=_field_text, body=_field_text
    ),
    lang=_field_text,
)
def test_chapter_copy_is_dataclasses_replace(chapter: Chapter, lang: str) -> None:
    copied = replaced(chapter, lang=lang)
    assert repr(copied) == repr(dataclasses.replace(chapter, lang=lang))
    assert copied == dataclasses.replace(chapter, lang=lang)


def test_variant_copy_is_dataclasses_replace() -> None:
    from aligner.pipeline import load
    from aligner.settings import Settings

    pages = Path(__file__).resolve().parent.parent / "samples" / "pages"
    variants = [variant for page in load([str(pages)], Settings(), jobs=1) for variant in page.variants]
    assert variants
    for variant in variants:
        assert isinstance(variant, Variant)
        changes = {"lang": "xx", "lang_confidence": 0.5, "chapters": variant.chapters[:1]}
        assert repr(replaced(variant, **changes)) == repr(dataclasses.replace(variant, **changes))
