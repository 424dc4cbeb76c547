"""T503 on the faithful fa, he and th pages: a name written in the page's script, as the English
writes it (`ایلان`, `סם`, `שגוגל`, glued Thai `เจค็อบชี้`), is kept; taken out, it is missing, as is
a term taken out of a ru, uk or hi chapter (tests/test_faithful_renderings.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.pipeline import check_paths
from aligner.settings import Settings
from tests.translations import with_source


def _t503(root: Path, locale: str) -> list[tuple[str, str]]:
    findings = check_paths([str(root)], Settings()).findings
    return [(f.chapter_ts, f.message) for f in findings if f.code == "T503" and f.page_locale == locale]


def _edit_chapter(path: Path, ts: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in chapter ``[ts]`` (title, body and quote) of ``path``."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"## [{ts}]")
    end = text.index("\n## ", start + 1)
    assert old in text[start:end]
    path.write_text(text[:start] + text[start:end].replace(old, new) + text[end:], encoding="utf-8")


# The faithful pages themselves give no warning (10 false T503 before: fa `ایلان`, `سم`; he `סם`,
# `גוגל`, `שגוגל`; th `แซม`, `เจค็อบ`): tests/test_languages_end_to_end.py.


@pytest.mark.parametrize(
    ("locale", "ts", "old", "new", "name"),
    [
        ("fa", "00:00", "با ایلان", "با او", "Elon Musk"),
        ("fa", "38:21", "ایلان", "او", "Elon Musk"),
        ("he", "00:00", "סם", "הוא", "Sam Altman"),
        ("he", "38:21", "שגוגל", "שהחברה", "Google"),
        ("th", "00:00", "แซม", "เขา", "Sam Altman"),
        ("th", "11:27", "เจค็อบ", "เขา", "Jacob Effron"),
        ("ru", "42:39", "(буквально тема его докторской диссертации)", "(буквально)", "PhD"),
        ("uk", "42:39", "(буквально тема його докторської дисертації)", "(буквально)", "PhD"),
        ("hi", "02:04", "चीन की तकनीक", "उनकी तकनीक", "China"),
        ("hi", "11:27", "गूगल डीपमाइंड", "गूगल", "DeepMind"),
    ],
)
def test_the_name_taken_out_of_the_chapter_is_missing(
    tmp_path: Path, locale: str, ts: str, old: str, new: str, name: str
) -> None:
    _edit_chapter(with_source(tmp_path, locale), ts, old, new)
    assert [t for t, m in _t503(tmp_path, locale) if f"`{name}`" in m] == [ts]


def test_renderings_of_a_name_are_read_in_their_script() -> None:
    from aligner.langdata import table
    from aligner.renderings import given_names
    from aligner.terms import TRANSLIT_MIN
    from aligner.translit import similarity

    # `ו` inside a word is a vowel in `גוגל` but a consonant to the sound comparison: Google is one
    # of Hebrew's fixed spellings (its table's exonyms), not a rule that made `למנוע` sound like Altman
    assert similarity("Google", "גוגל") < TRANSLIT_MIN and similarity("Altman", "למנוע") < TRANSLIT_MIN
    assert table("he") is not None and table("he").exonyms_of("Google") == ("גוגל",)
    # a script read by sound is read letter by letter too: each spells some names the other way
    assert similarity("Trump", "Τραμπ") == 1.0 and similarity("Smith", "สมิธ") == 1.0
    assert similarity("Levin", "לוין") == 1.0
    assert similarity("Jacob", "เจค็อบ") >= TRANSLIT_MIN  # Thai: `เ` before its consonant, `ค` no `kh`
    assert given_names(["ایلان ماسک را"], "Elon Musk", ()) == ("ایلان",)
    assert given_names(["השקפתו על סם אלטמן"], "Sam Altman", ()) == ("סם",)
    assert given_names(["Anthropic แซม อัลต์แมนกำหนด"], "Sam Altman", ("อัลต์แมน",)) == ("แซม",)
    # a word before the surname is no given name without its consonants: "of Hoffman", "in Hoffman"
    assert given_names(["הכסף של הופמן", "در هافمن"], "Reid Hoffman", ()) == ()
