"""The shape of one language's data table, and the text normalization every lookup uses."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# Canonical entity types; every ``type_labels`` value must be one of these.
CANONICAL_TYPES: tuple[str, ...] = (
    "Person",
    "Organization",
    "Concept",
    "Software",
    "Product",
    "Place",
    "Event",
    "Work",
    "Technology",
)

# Scripts a table may declare (what ``aligner.langid`` gates on).
SCRIPTS: tuple[str, ...] = (
    "Latin",
    "Han",
    "Japanese",
    "Hangul",
    "Cyrillic",
    "Arabic",
    "Hebrew",
    "Devanagari",
    "Thai",
    "Greek",
)

_SPACES = re.compile(r"\s+")


def words(text: str) -> frozenset[str]:
    """A word set written as one whitespace-separated string (keeps tables compact)."""
    return frozenset(text.split())


def normalize(text: str) -> str:
    """NFKC, casefold, collapse whitespace, strip: the key form of every lookup."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberFormat:
    """How a language writes numbers, beyond its number and scale words (see ``aligner.numbers``)."""

    decimal_mark: str = "."  # "1.5" (en); "1,5" (es)
    group_marks: str = ","  # thousands separators: "1,000" (en); "1.000", "1 000" (es)
    scale_articles: frozenset[str] = frozenset()  # "one" before a scale word only: "a million", "un millón"
    bare_scales: frozenset[str] = frozenset()  # scale words that are one of it alone: "миллиард долларов"
    joiners: frozenset[str] = frozenset()  # between number words: "treinta y cinco", "hundred and five"
    vague: frozenset[str] = frozenset()  # make the numeral they precede indefinite: 数十億 (billions)
    percent_words: tuple[str, ...] = ()  # removed before numerals are read: 百分之五十 = 50
    # False when the number words stand inside longer words, unspaced (Thai `ใช้เวลาสามปี`): the
    # reader finds whole words only, so T502 requires only the numbers written in digits there.
    reads_words: bool = True
    # Whether "two things" is one dual noun, no number word (Arabic `طريقان`, Hebrew `שנתיים`): a
    # reference `two` written in words is then no number the translation must show.
    duals: bool = False
    # Word endings a number word opens a compound with (German `zweistündigen`, `dreifach`; Dutch
    # `tweejarig`): such a word reads as its number. Only these endings: `Dreieck` is no three.
    compound_endings: tuple[str, ...] = ()
    # Markers of a year of another era → what turns it into the common era (Thai `พ.ศ.`: -543).
    eras: Mapping[str, int] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class LanguageTable:
    """Everything the tool knows about one language. Adding a language is adding a table.

    Mappings are stored read-only with normalized keys (see :func:`normalize`), so tables
    may be written with natural capitalisation.
    """

    code: str  # ISO 639-1
    name: str  # English name
    script: str  # one of SCRIPTS
    entity_headings: tuple[str, ...]  # headings an entity list stands under on this locale's pages
    type_labels: Mapping[str, str] = field(hash=False)  # localized type label -> canonical type
    ui_strings: tuple[str, ...]  # site chrome lines that identify the page locale
    call_to_action: tuple[str, ...]  # CTA lines (not locale evidence: pages show other locales' CTAs)
    relative_date: str  # regex, no anchors, no leading word boundary: "hace 3 días"
    sentence_starters: frozenset[str]  # lowercase words that often open a sentence, rarely end a title
    small_words: frozenset[str]  # lowercase function words found inside titles
    number_words: Mapping[str, int] = field(hash=False)  # cardinal words: "three" -> 3
    scale_words: Mapping[str, int] = field(hash=False)  # multipliers: "million" -> 10**6, "億" -> 10**8
    length_prior: float  # typical character length relative to English (en = 1.0)
    # Share of the Latin letters of running text that carry a diacritic, for a language that puts
    # one in nearly every sentence (Vietnamese 0.25); 0 when whole paragraphs often have none
    # (Spanish, French). A text with a tenth of it has lost its accents (S006).
    accented_letters: float = 0.0
    # Case endings a foreign name takes (Polish `Hassabisa`, `Altmanem`, `Google'a` aside): T503 and
    # E306 accept a name with one of them.
    name_endings: tuple[str, ...] = ()
    # Whether headings are written in Title Case (`Why Google Doesn't Make Concentrated Bets`): a
    # capital then starts no sentence inside a flattened chapter heading.
    title_case: bool = False
    numbers: NumberFormat = NumberFormat()  # separators, articles, joiners, vague markers
    # Names the language renders by meaning or by a fixed form, not by sound (Chinese `谷歌` for
    # Google, Japanese `グーグル`): T503 accepts them as it accepts a glossary's renderings. Keys are
    # the names as written in English; ``exonyms_of`` looks them up folded.
    exonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if self.script not in SCRIPTS:
            raise ValueError(f"{self.code}: unknown script {self.script!r}")
        unknown = sorted(set(self.type_labels.values()) - set(CANONICAL_TYPES))
        if unknown:
            raise ValueError(f"{self.code}: unknown canonical types {unknown}")
        re.compile(self.relative_date)  # fail at import, not mid-run
        for name in ("type_labels", "number_words", "scale_words"):
            value: Mapping[str, object] = getattr(self, name)
            object.__setattr__(self, name, MappingProxyType({normalize(k): v for k, v in value.items()}))
        object.__setattr__(
            self, "exonyms", MappingProxyType({k.casefold(): v for k, v in self.exonyms.items()})
        )

    def exonyms_of(self, name: str) -> tuple[str, ...]:
        """The language's fixed renderings of ``name`` (``exonyms``), or ()."""
        return self.exonyms.get(name.casefold(), ()) if self.exonyms else ()

    def type_of(self, label: str) -> str | None:
        """Canonical type of a localized label in this language, or None."""
        return self.type_labels.get(normalize(label))
