"""Runs of the scripts that write foreign names by sound — katakana, hangul, and the alphabets
whose words are runs (Cyrillic, Greek, Hebrew, Arabic, Devanagari, Thai) — which
``aligner.terms`` compares with a name by sound (``aligner.translit.similarity``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aligner.scripts import RTL_AND_INDIC_WORD

# Words of the scripts that write foreign names by sound: katakana, hangul, and the alphabets whose
# words a run is (Cyrillic, Greek, Hebrew, Arabic, Devanagari, Thai — letters and marks, no digits or
# punctuation: `मैलाबी` is Mallaby, `هسابيس` Hassabis).
_KANA_HANGUL = r"\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f\uac00-\ud7af"
_ALPHABET_WORD = (
    r"\u0400-\u04ff"  # Cyrillic
    r"\u0386\u0388-\u03ff\u1f00-\u1fff"  # Greek
    + RTL_AND_INDIC_WORD  # Hebrew, Arabic, Devanagari
    + r"\u0e01-\u0e3a\u0e40-\u0e4e"  # Thai
)
_PHONETIC_RUN = re.compile(
    rf"[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]{{2,}}|[\uac00-\ud7af]{{2,}}|[{_ALPHABET_WORD}]{{2,}}"
)
_PHONETIC_SPAN = re.compile(f"[{_KANA_HANGUL}{_ALPHABET_WORD}]{{2,}}")
# The characters a katakana or hangul run starts with, as a set: asked once per run per form.
KANA_OR_HANGUL = frozenset(
    chr(code)
    for first, last in ((0x30A0, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F), (0xAC00, 0xD7AF))
    for code in range(first, last + 1)
)
_RUN_PARTS = re.compile(r"[\u30fb\uff65=]")
_ALPHABET_RUN = re.compile(f"[{_ALPHABET_WORD}]{{2,}}")


def phonetic_runs(text: str) -> tuple[str, ...]:
    """Katakana, hangul and alphabet-word runs (``_ALPHABET_WORD``) of ``text``, and the parts of
    a katakana name (``・``)."""
    runs: list[str] = []
    # A run lies within a span of such letters: spans are found fast, the three scripts in them.
    for span in _PHONETIC_SPAN.findall(text):
        for run in _PHONETIC_RUN.findall(span):
            parts = [p for p in _RUN_PARTS.split(run) if len(p) >= 2]
            runs.extend([run, *parts] if len(parts) > 1 else [run])
            if run[0] in _HANGUL_START and (bare := _without_particles(run)) != run:
                runs.append(bare)
    return tuple(dict.fromkeys(runs))


def alphabet_pairs(text: str) -> Iterator[tuple[str, str]]:
    """Two words of the alphabets of ``_ALPHABET_WORD`` side by side, a space between them (a
    name's rendering: `ایلان ماسک`, `แซม อัลต์แมน`)."""
    previous: re.Match[str] | None = None
    for match in _ALPHABET_RUN.finditer(text):
        if previous is not None and text[previous.end() : match.start()] in (" ", "\u00a0"):
            yield previous[0], match[0]
        previous = match


# Korean writes its particles onto the word they follow: `알파고가` is 알파고 (AlphaGo) + 가 (subject),
# `일론과의` 일론 + 과 + 의. A hangul run is also compared without up to two of them.
_HANGUL_START = frozenset(chr(code) for code in range(0xAC00, 0xD7B0))
_KOREAN_PARTICLES = tuple(
    sorted(
        (
            "이",
            "가",
            "은",
            "는",
            "을",
            "를",
            "의",
            "에",
            "에서",
            "에게",
            "께서",
            "와",
            "과",
            "도",
            "로",
            "으로",
            "만",
            "까지",
            "부터",
            "처럼",
            "보다",
            "한테",
            "이나",
            "나",
            "랑",
            "이랑",
            "하고",
            "이다",
            "라는",
            "이라는",
        ),
        key=len,
        reverse=True,
    )
)


def _without_particles(run: str) -> str:
    """A hangul run without up to two particles at its end, keeping a word of two syllables."""
    for _ in range(2):
        for particle in _KOREAN_PARTICLES:
            if run.endswith(particle) and len(run) - len(particle) >= 1:
                run = run[: -len(particle)]
                break
        else:
            break
    return run
