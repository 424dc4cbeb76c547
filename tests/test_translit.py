"""Romanization with pykakasi's kanji dictionary loaded only when a kanji is looked up."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from aligner import translit
from aligner.align import TRANSLITERATION_MIN

TEXTS = ["東京の大学", "ヤン・ルカン", "ジェフリー・ヒントン", "深層学習のモデル", "ワールドモデル"]

_OURS = """
import json, sys
from pykakasi.kanji import Kanwa
from aligner import translit
texts = json.loads(sys.argv[1])
kana = translit.romanize(texts[1])
loaded_after_kana = Kanwa._shared_state["_jisyo_table"]._table is not None
print(json.dumps({"kana": kana, "loaded_after_kana": loaded_after_kana,
                  "hepburn": [[i["hepburn"] for i in translit._converter().convert(t)] for t in texts]}))
"""

_PYKAKASI = """
import json, sys
import pykakasi
texts = json.loads(sys.argv[1])
converter = pykakasi.kakasi()  # loads every dictionary up front, as pykakasi does
print(json.dumps([[i["hepburn"] for i in converter.convert(t)] for t in texts]))
"""


def _run(code: str) -> object:
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(TEXTS)], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout)


def test_katakana_names_never_load_the_kanji_dictionary() -> None:
    ours = _run(_OURS)
    assert isinstance(ours, dict)
    assert ours["kana"] == "yan rukan"
    assert ours["loaded_after_kana"] is False


def test_deferred_dictionary_converts_exactly_like_pykakasi() -> None:
    ours, theirs = _run(_OURS), _run(_PYKAKASI)
    assert isinstance(ours, dict)
    assert ours["hepburn"] == theirs
    assert theirs[0] == ["toukyou", "no", "daigaku"]  # the kanji were really looked up


@pytest.mark.parametrize(
    ("name", "greek"),
    [
        ("Demis Hassabis", "Ντέμης Χασάμπης"),
        ("Jacob Effron", "Τζέικομπ Έφρον"),
        ("Reid Hoffman", "Ριντ Χόφμαν"),
        ("David Silver", "Ντέιβιντ Σίλβερ"),
        ("Shane Legg", "Σέιν Λεγκ"),
        ("Mustafa Suleyman", "Μουσταφά Σουλεϊμάν"),
        ("Geoffrey Hinton", "Τζέφρι Χίντον"),  # `ντ` inside a word: nt as often as d
    ],
)
def test_greek_renderings_of_foreign_names_sound_like_them(name: str, greek: str) -> None:
    """Greek writes d as `ντ`, b as `μπ`, g as `γκ` (nd, mb, ng inside a word), j as `τζ`, u as
    `ου` and h as `χ`: spelled
    letter by letter these names read 0.64–0.69 alike, below the transliteration pass."""
    assert translit.similarity(name, greek) >= TRANSLITERATION_MIN
    assert translit.similarity("Sam Altman", greek) < TRANSLITERATION_MIN
