"""Cross-script name similarity: is ``ヤン・ルカン`` a transliteration of ``Yann LeCun``?

Both names are romanized (kana and Japanese kanji with pykakasi's offline Hepburn dictionary,
everything else with anyascii), then folded into a rough *phonetic key* so that English spelling
and katakana pronunciation meet (``LeCun`` → ``rekun``, ``ルカン`` → ``rukan``): ``th`` → ``s``,
``ph`` → ``f``, ``c`` → ``k``/``s``, ``l`` → ``r``, ``v`` → ``b``, an ``r`` before a consonant
dropped (``World`` → ``wold``), long and doubled letters once. The *skeleton* is the key without
vowels (``rkn``): katakana adds vowels English does not write (``ワールドモデル`` = ``waarudomoderu``),
so long names are compared on skeletons, short ones (``Yann`` / ``ヤン``) on the whole key.

Greek, Devanagari and Thai are read two ways, by how their letters sound in foreign names
(``Ντέιβιντ`` = ``deivind``, not ``nteivint``; ``लंदन`` = ``lndn``, not ``lmdn``; ``แซม`` = ``saem``, not
``aesm``) and letter by letter as anyascii spells them (``Κεντ`` = ``kent``); two names compare on
the better reading.

Chinese renderings of foreign names are partly semantic (``辛顿`` for Hinton) and often fail: the
glossary is the answer there.
"""

from __future__ import annotations

import functools
import re

from anyascii import anyascii
from rapidfuzz import fuzz

from aligner.names import unaccented

MIN_SKELETON = 3  # shorter skeletons are compared on the whole key
SHORT_WHOLE_MIN = 0.6  # a three-consonant skeleton also needs this much whole-key similarity
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SEPARATORS = re.compile(r"[\s\u30fb\uff65\u00b7=\uff1d\-‐_/.,]+")  # ・ ･ · = - …
# Spelling → sound, applied in order to lower-case ASCII.
_RULES: tuple[tuple[str, str], ...] = (
    (r"[^a-z ]", ""),
    (r"r(?=[^aeiouy ]|$| )", ""),  # non-rhotic: Zuckerberg = zakkaabaagu (before l → r below)
    (r"sch", "sh"),
    (r"tch", "ch"),
    (r"ph", "f"),
    (r"th", "s"),
    (r"sh", "s"),  # katakana renders si as shi: Silicon = shirikon
    (r"ch|ts", "t"),  # and ti/tu as chi/tsu: Turing = chuuringu
    (r"ck", "k"),
    (r"qu", "k"),
    (r"q", "k"),
    (r"x", "ks"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"dg", "j"),
    (r"g(?=[eiy])", "j"),
    (r"gh", ""),
    (r"wh", "w"),
    (r"(?<=[a-z])y(?![aeiou])", "i"),  # Jeffrey, Tapestry
    (r"l", "r"),
    (r"v", "b"),
    (r"z", "s"),
    (r"ou", "o"),
    (r"ei", "e"),
    (r"ee", "i"),
    (r"oo", "u"),
    (r"([a-z])\1+", r"\1"),
)
# Loanword digraphs that pykakasi spells the old way (ジェ → jie).
_KANA_DIGRAPHS: dict[str, str] = {
    "ジェ": "je",
    "チェ": "che",
    "シェ": "she",
    "ティ": "ti",
    "ディ": "di",
    "トゥ": "tu",
    "ドゥ": "du",
    "デュ": "du",
    "ファ": "fa",
    "フィ": "fi",
    "フェ": "fe",
    "フォ": "fo",
    "ウィ": "wi",
    "ウェ": "we",
    "ウォ": "wo",
    "ヴァ": "va",
    "ヴィ": "vi",
    "ヴェ": "ve",
    "ヴォ": "vo",
}
# How Modern Greek writes the sounds of foreign names: `Ντέιβιντ` is David, `Χασάμπης` Hassabis,
# `Τζέικομπ` Jacob, `Λεγκ` Legg, `Μουσταφά` Mustafa. anyascii spells the letters (`nteivint`, `ch`),
# and names read 0.64–0.69 alike: a Greek entity retyped was "missing" (found by QA of the gate in el).
# `ντ`, `μπ` and `γκ` open a word as d, b and g, and inside one are nd, mb and ng as often as d, b
# and g (`Χίντον` is Hinton, `Αμοντέι` Amodei): the nasal kept costs one letter either way.
_GREEK_DIGRAPHS: dict[str, str] = {
    "γγ": "ng",
    "τζ": "j",
    "ου": "u",
    "χ": "h",
    "ντ": "nd",
    "μπ": "mb",
    "γκ": "ng",
}
_GREEK_OPENING = {"ντ": "d", "μπ": "b", "γκ": "g"}
_GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
_GREEK_DIGRAPH = re.compile("(?<![^\\W\\d_])(ντ|μπ|γκ)|" + "|".join(_GREEK_DIGRAPHS))
# Thai: anyascii spells the letters in written order, and a vowel `เ แ โ ใ ไ` is written before the
# consonant it follows (`แซม` Sam: `aesm`); it spells the aspirated stops `kh` `th` `ph`, which the
# English rules read as other sounds (`th` → `s`, `ph` → `f`; `เจค็อบ` Jacob read `etkhob`); `จ` is
# an English j; `อ` opening a word only carries its vowel.
_THAI = re.compile("[\u0e01-\u0e4e]")
_THAI_PREPOSED = re.compile("([\u0e40-\u0e44])([\u0e01-\u0e2e])")
_THAI_CARRIER = re.compile("(?<![\u0e01-\u0e4e])\u0e2d")
_THAI_SOUNDS = str.maketrans(
    {
        **dict.fromkeys("\u0e02\u0e03\u0e04\u0e05\u0e06", "k"),  # ข ฃ ค ฅ ฆ
        **dict.fromkeys("\u0e10\u0e11\u0e12\u0e16\u0e17\u0e18", "t"),  # ฐ ฑ ฒ ถ ท ธ
        **dict.fromkeys("\u0e1c\u0e1e\u0e20", "p"),  # ผ พ ภ
        "\u0e08": "j",  # จ
    }
)
_COMPILED = tuple((re.compile(pattern), repl) for pattern, repl in _RULES)
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"([a-z])\1+")
# anyascii writes Devanagari by ISO 15919 letters, not by sound: the anusvara (and candrabindu) `m`
# before any consonant, `च` `c` — `लंदन` lmdn (London 0.75), `चीन` cin (China 0.46). Spelled as heard
# instead: the nasal of the consonant after it (`m` before a labial: `कंपनी` kampani), `च` `ch`.
_DEVANAGARI_NASAL = re.compile("[\u0901\u0902](?![\u092a-\u092e])")
_DEVANAGARI = re.compile("[\u0900-\u097f]")
_READ_BY_SOUND = re.compile("[\u0370-\u03ff\u1f00-\u1fff\u0900-\u097f\u0e01-\u0e4e]")


@functools.lru_cache(maxsize=8192)
def romanize(text: str) -> str:
    """Lower-case ASCII rendering: Japanese (any kana present) via pykakasi, else anyascii; Greek,
    Devanagari and Thai as their letters sound in foreign names (``letters`` is the other reading)."""
    if _KANA.search(text):
        return " ".join(_kakasi(part) for part in _SEPARATORS.split(text) if part).lower()
    if _GREEK.search(text):
        text = _GREEK_DIGRAPH.sub(_greek_sound, unaccented(text.lower()))
    if _DEVANAGARI.search(text):
        text = _DEVANAGARI_NASAL.sub("n", text).replace("\u091a", "ch")
    if _THAI.search(text):
        text = _THAI_CARRIER.sub("", _THAI_PREPOSED.sub(r"\2\1", text)).translate(_THAI_SOUNDS)
    return anyascii(text).lower()


def letters(text: str) -> str:
    """``romanize`` letter by letter, as anyascii spells them, where ``romanize`` reads by sound
    (Greek, Devanagari, Thai), else ``romanize`` itself. Both readings are compared
    (``similarity``): each script spells some names one way and some the other — Greek `Κεντ` is
    Kent, letter by letter, and `Ντέιβιντ` David, by sound."""
    if _KANA.search(text) or not _READ_BY_SOUND.search(text):
        return romanize(text)
    return anyascii(text).lower()


def _greek_sound(match: re.Match[str]) -> str:
    return _GREEK_OPENING[match.group(1)] if match.group(1) else _GREEK_DIGRAPHS[match.group()]


def _kakasi(text: str) -> str:
    for kana, latin in _KANA_DIGRAPHS.items():
        text = text.replace(kana, f" {latin} ")
    pieces = [item["hepburn"] for item in _converter().convert(text)]
    return "".join(p.strip() for p in pieces)


@functools.cache
def _converter():  # type: ignore[no-untyped-def]
    import pykakasi  # ships its dictionaries: works offline

    _defer_kanji_dictionary()
    return pykakasi.kakasi()


class _DeferredKanwa:
    """pykakasi's kanji dictionary (a 10 MB pickle, most of a second to load), loaded by the
    first lookup: katakana names — most of what aligner romanizes — never look a kanji up."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._table: dict[int, object] | None = None

    def get(self, key: int, default: object = None) -> object:
        if self._table is None:
            import pickle

            with open(self._path, "rb") as handle:
                self._table = pickle.load(handle)  # pykakasi's own data file, as pykakasi reads it
        return self._table.get(key, default)


def _defer_kanji_dictionary() -> None:
    """Install ``_DeferredKanwa`` as the table pykakasi's ``Kanwa`` shares between its instances
    (``Kanwa.load`` only calls ``.get`` on it). Left alone if pykakasi's internals differ: then
    pykakasi loads its dictionary itself, as usual — same conversions, just slower to start."""
    try:
        from pykakasi.kanji import Kanwa
        from pykakasi.properties import Configurations

        state = Kanwa._shared_state
        path = Configurations.dictpath(Configurations.jisyo_kanwa)
    except (ImportError, AttributeError):
        return
    if isinstance(state, dict) and state.get("_jisyo_table") is None:
        state["_jisyo_table"] = _DeferredKanwa(str(path))


@functools.lru_cache(maxsize=16384)
def phonetic_key(text: str, by_letter: bool = False) -> str:
    """Spelling folded towards sound, word breaks kept as single spaces (see module docs); with
    ``by_letter``, of the ``letters`` reading."""
    key = " ".join(w for w in _SEPARATORS.split(letters(text) if by_letter else romanize(text)) if w)
    for pattern, repl in _COMPILED:
        key = pattern.sub(repl, key)
    return " ".join(key.split())


def skeleton(key: str) -> str:
    """Consonants of a phonetic key, a word-initial ``y``/``w`` kept (``yan`` → ``yn``)."""
    words = []
    for word in key.split():
        head, rest = (word[0], word[1:]) if word[:1] in ("y", "w") else ("", word)
        words.append(head + _VOWELS.sub("", rest))
    return _DOUBLED.sub(r"\1", "".join(words))


@functools.lru_cache(maxsize=1 << 16)  # entity names are compared again for every variant pair
def similarity(a: str, b: str) -> float:
    """0..1: how well two names (any scripts) sound alike after romanization: the better of the
    two readings of a script read both by sound and letter by letter (``letters``)."""
    return max(_similarity(key_a, key_b) for key_a in _readings(a) for key_b in _readings(b))


def _similarity(keys_a: tuple[str, str], keys_b: tuple[str, str]) -> float:
    (flat_a, skel_a), (flat_b, skel_b) = keys_a, keys_b
    if not flat_a or not flat_b:
        return 0.0
    whole = fuzz.ratio(flat_a, flat_b) / 100.0
    shortest = min(len(skel_a), len(skel_b))
    if shortest < MIN_SKELETON:
        return whole * (0.95 if skel_a == skel_b else 0.8)
    if shortest == MIN_SKELETON and whole < SHORT_WHOLE_MIN:
        return whole  # three consonants alone prove little: París ≠ プレッシャー (puresshaa)
    return max(whole, fuzz.ratio(skel_a, skel_b) / 100.0)


def sound_ratio(a: str, b: str) -> float:
    """0..1: how alike two names of one script sound, vowels included (``Hassabis`` ~ ``Hasabis``):
    ``similarity`` without its consonant skeleton, which is for names written in two scripts —
    between two Latin names it paired ``Contrastive Search`` with ``Control robusto`` (0.875)."""
    (flat_a, _skel_a), (flat_b, _skel_b) = _keys(a), _keys(b)
    if not flat_a or not flat_b:
        return 0.0
    return fuzz.ratio(flat_a, flat_b) / 100.0


@functools.lru_cache(maxsize=1 << 16)
def _keys(text: str, by_letter: bool = False) -> tuple[str, str]:
    """The phonetic key of ``text`` without word breaks, and its skeleton: what ``similarity``
    compares (a name is compared with many others)."""
    key = phonetic_key(text, by_letter)
    return key.replace(" ", ""), skeleton(key)


@functools.lru_cache(maxsize=1 << 16)
def _readings(text: str) -> tuple[tuple[str, str], ...]:
    """``_keys`` of each reading of ``text``: one, or two for a script read by sound too."""
    sound = _keys(text)
    if not _READ_BY_SOUND.search(text):
        return (sound,)
    by_letter = _keys(text, True)
    return (sound,) if by_letter == sound else (sound, by_letter)


def has_foreign_script(text: str) -> bool:
    """Whether ``text`` holds kana or Han characters (needs romanizing to compare with Latin)."""
    return bool(_KANA.search(text) or _HAN.search(text))
