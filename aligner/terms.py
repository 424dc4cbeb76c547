"""Names and terms of a reference text, and whether a translation keeps them (T503).

Terms of a reference chapter:

* **entities** of the reference list that the chapter mentions (``aligner.mentions``: whole name,
  surname or given name for persons, acronym of a multi-word name);
* **acronyms and brand-cased words**: two capitals or more (``JEPA``, ``LLMs`` → ``LLM``,
  ``OpenAI``, ``LeCun``);
* **names**: runs of capitalized words that do not open a sentence (``Sun Microsystems``,
  ``Silicon Valley``); in a CJK reference every capitalized Latin word is a name.

A translation keeps a term when its text holds one of the term's *forms*: the term, the name parts
of a person, the acronym words of an organization (``AMI Labs`` → ``AMI``), the paired entity's
name in the variant's list (``World Model`` → ``ワールドモデル``), the glossary's renderings, the
reversed acronym (Romance languages put the modifier last: ``AI`` = ``IA``, ``NATO`` = ``OTAN``), or
a transliteration of any of these (``Yann`` ≈ ``ヤン``, see ``aligner.translit``). Acronyms match
case-sensitively (``US`` is not ``us``), everything else case-, width- and accent-insensitively.

A term counts as *missing* from a chapter only when the variant uses it elsewhere (its title,
summary, another chapter): a term it never uses is a consistent localization the tool cannot read,
or an entity-level problem (E306). Names in the episode title are not required per chapter:
translators refer to an episode's subject as "he" freely.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from aligner import langdata
from aligner.glossary import Glossary, contains_folded, fold, term_pattern
from aligner.guarded import ALNUM_BOUNDARY, BoundedWords
from aligner.mentions import LINE_CACHE, MentionIndex, name_forms
from aligner.model import Chapter, EntityPair
from aligner.phonetic import KANA_OR_HANGUL, phonetic_runs
from aligner.translit import has_foreign_script, similarity

TRANSLIT_MIN = 0.8  # transliteration similarity that counts as the same name
MIN_NAME = 3  # shortest single capitalized word taken as a name
# The left boundary is a look-behind after the first capital, so that the regex engine can scan for
# capitals (a pattern opening with a look-behind is tried at every position of the text).
_ACRONYM = re.compile(r"[A-Z](?<![A-Za-z0-9][A-Z])[A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?![A-Za-z0-9])")
_UPPER = "A-ZÀ-ÖØ-Þ"
_CAP_RUN = re.compile(rf"[{_UPPER}][\w’'-]*(?:[ \u00a0]+[{_UPPER}][\w’'-]*)*")
_POSSESSIVE = re.compile(r"['’]s?$")  # `Google's`, and a name ending in s: `Demis'`
_SENTENCE_END = tuple('.!?:;¿¡"“«(—–*>\n')


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # as in the reference
    kind: str  # "entity", "acronym", "name"
    forms: tuple[str, ...]  # renderings a translation may use


@dataclass(frozen=True, slots=True)
class TermIndex:
    """A text prepared for many term look-ups."""

    folded: str
    phonetic: tuple[str, ...]  # katakana, hangul and alphabet-word runs, and their parts
    raw: str = ""  # NFKC text, for case-sensitive acronyms (``US`` is not ``us``)
    # Whether the text keeps a term, by the term's forms: a variant's whole text is asked about the
    # same entity terms by each of its chapters.
    _kept: dict[tuple[str, ...], bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, texts: Iterable[str]) -> TermIndex:
        # Line by line: normalizing and folding never join across a line break, and no run crosses
        # one; a variant's chapters are indexed alone and again in the whole variant.
        lines = [_index_line(line) for line in "\n".join(t for t in texts if t).split("\n")]
        return cls(
            " ".join(folded for folded, _raw, _runs in lines if folded),
            tuple(dict.fromkeys(run for _folded, _raw, runs in lines for run in runs)),
            "\n".join(raw for _folded, raw, _runs in lines),
        )

    def has(self, form: str) -> bool:
        return self._has_literally(form) or self._sounds_like(form)

    def without_runs(self, runs: frozenset[str]) -> TermIndex:
        """This index with ``runs`` no longer compared by sound (``self`` when it has none of them)."""
        kept = tuple(run for run in self.phonetic if run not in runs)
        return self if len(kept) == len(self.phonetic) else TermIndex(self.folded, kept, self.raw)

    def keeps(self, term: Term) -> bool:
        # ``any(has(f))`` = ``any(literally) or any(sounds like)``: every form is looked up as
        # written before any is compared by sound, which is slower.
        kept = self._kept.get(term.forms)
        if kept is None:
            kept = self._keeps_literally(term.forms) or (
                bool(self.phonetic) and any(self._sounds_alike(f) for f in _transliterable_forms(term.forms))
            )
            self._kept[term.forms] = kept
        return kept

    def _keeps_literally(self, forms: tuple[str, ...]) -> bool:
        """``any(self._has_literally(f) for f in forms)``, as a plain loop: it runs ~100k times."""
        raw, folded = self.raw, self.folded
        for search, on_raw in _literal_searches(forms):  # noqa: SIM110
            if search(raw if on_raw else folded):
                return True
        return False

    def _has_literally(self, form: str) -> bool:
        if is_acronym(form):
            return _acronym_pattern(form).found(self.raw)
        return contains_folded(self.folded, form)

    def _sounds_like(self, form: str) -> bool:
        """Whether a phonetic run transliterates ``form`` (never for an acronym: case-sensitive)."""
        if not self.phonetic or is_acronym(form) or not _transliterable(form):
            return False
        return self._sounds_alike(form)

    def _sounds_alike(self, form: str) -> bool:
        """Whether a phonetic run transliterates ``form``, a transliterable form."""
        # A plain loop, not ``any`` over a generator: ~250k comparisons per 1,000 variants.
        # A run of an alphabet is one word (Russian writes `Нобелевская премия`): a name of several
        # words is never one, and compared whole with one it met ordinary words (`Nobel Prize` ~
        # `небольшой`). Its parts are forms of their own (a person's surname, given name).
        # `US-China` is two names as much as `US China` is. A run of a cased alphabet (Cyrillic,
        # Greek) that opens in lower case is an ordinary word, no name: `год` ("year") sounds like
        # `God`, `сама` ("herself") like `Sam`, `στον` like `US-China`.
        several = " " in form or "-" in form
        for run in self.phonetic:
            if several and run[0] not in KANA_OR_HANGUL:
                continue
            if run[0] != run[0].upper():
                continue
            if similarity(form, run) >= TRANSLIT_MIN:
                return True
        return False

    def renderings(self, term: Term) -> tuple[str, ...]:
        """The phonetic runs that transliterate one of ``term``'s forms (``_sounds_alike``)."""
        found: list[str] = []
        for form in _transliterable_forms(term.forms):
            several = " " in form or "-" in form
            found.extend(
                run
                for run in self.phonetic
                if not (several and run[0] not in KANA_OR_HANGUL)
                and run[0] == run[0].upper()
                and similarity(form, run) >= TRANSLIT_MIN
            )
        return tuple(dict.fromkeys(found))


# ``keeps`` is asked ~50k times per 1,000 variants, nearly always about a new text: the per-form
# decisions of ``_has_literally``/``_sounds_like`` (acronym or not, which pattern, transliterable or
# not) depend on the forms alone, and are taken once per forms tuple, not once per text.
_Search = Callable[[str], bool]  # whether a form occurs in a text


@functools.lru_cache(maxsize=1 << 13)
def _literal_searches(forms: tuple[str, ...]) -> tuple[tuple[_Search, bool], ...]:
    """For each form with a pattern, its pattern's ``found`` and whether it reads the raw text
    (an acronym, case-sensitive) rather than the folded text: ``search(raw if on_raw else folded)``
    is ``TermIndex._has_literally(form)``; a form with no pattern (empty when folded) never matches."""
    searches: list[tuple[_Search, bool]] = []
    for form in forms:
        if is_acronym(form):
            searches.append((_acronym_pattern(form).found, True))
        elif (pattern := term_pattern(form)) is not None:
            searches.append((pattern.found, False))
    return tuple(searches)


@functools.lru_cache(maxsize=1 << 13)
def _transliterable_forms(forms: tuple[str, ...]) -> tuple[str, ...]:
    """The forms ``_sounds_like`` compares by sound: no acronym, letters, no kana or Han."""
    return tuple(form for form in forms if not is_acronym(form) and _transliterable(form))


def is_acronym(form: str) -> bool:
    """Whether ``form`` is matched as an acronym: ASCII capitals, case-sensitively."""
    return form.isupper() and form.isascii()


@functools.lru_cache(maxsize=LINE_CACHE)
def _index_line(line: str) -> tuple[str, str, tuple[str, ...]]:
    """A line's folded text, NFKC text and phonetic runs (NFKC is idempotent: fold(raw) = fold(line))."""
    raw = unicodedata.normalize("NFKC", line)
    return fold(raw), raw, phonetic_runs(line)


@functools.lru_cache(maxsize=1 << 14)
def _transliterable(form: str) -> bool:
    """Whether ``form`` may be found transliterated: it has letters, and no kana or Han."""
    return not has_foreign_script(form) and any(ch.isalpha() for ch in form)


@functools.lru_cache(maxsize=4096)
def _acronym_pattern(acronym: str) -> BoundedWords:
    """``acronym`` (a plural ``s`` allowed) between ASCII letters, digits and ``$``. The left boundary is a
    look-behind after the acronym: a pattern opening with a literal is scanned for quickly.
    Compiled when a text first holds the acronym (``aligner.guarded``)."""
    literal = re.escape(acronym)
    source = rf"{literal}(?<![A-Za-z0-9$]{literal})s?(?![A-Za-z0-9$])"
    return BoundedWords(source, (acronym,), (("s", ""),), "", _ACRONYM_BOUNDARY)


# A dollar sign joins an acronym: ``US$ 5 milhões`` (Brazilian) is an amount, not a use of `US`.
_ACRONYM_BOUNDARY = ALNUM_BOUNDARY | frozenset("$")


def chapter_text(chapter: Chapter) -> str:
    return "\n".join([chapter.title, chapter.body, *(q.text for q in chapter.quotes)])


def reference_terms(
    text: str,
    ref_lang: str,
    entities: Sequence[EntityPair],
    var_lang: str,
    glossary: Glossary | None = None,
) -> list[Term]:
    """The terms of a reference text (see the module docs), each with its acceptable forms."""
    return ReferenceText(text, ref_lang).terms(VariantTerms(entities, ref_lang, var_lang, glossary))


class VariantTerms:
    """What a variant makes of reference terms: its entity terms (the reference entities with the
    variant's paired names and glossary renderings, in order, each with its key and the folded
    words of its forms), and its acronym and name terms, each built once — they recur in the
    chapters of an episode."""

    __slots__ = ("_made", "aliases", "entities", "glossary", "ref_lang", "var_lang")

    def __init__(
        self,
        entities: Sequence[EntityPair],
        ref_lang: str,
        var_lang: str,
        glossary: Glossary | None = None,
        aliases: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.ref_lang = ref_lang
        self.var_lang = var_lang
        self.glossary = glossary
        self.aliases = aliases or {}  # ``renderings.page_aliases`` of the variant's text
        self.entities = tuple(self._entity_terms(entities))
        self._made: dict[tuple[str, str], Term] = {}

    def _entity_terms(
        self, entities: Sequence[EntityPair]
    ) -> Iterator[tuple[str, bool, str, Term, frozenset[str]]]:
        for pair in entities:
            if pair.ref is None:
                continue
            person = pair.ref_type == "Person"
            paired = (pair.var.name, pair.var_type == "Person") if pair.var is not None else None
            glossed = _glossary_forms(self.glossary, pair.ref.name, self.ref_lang, self.var_lang)
            glossed += self.aliases.get(fold(pair.ref.name), ())
            key, term, words = _entity_term(pair.ref.name, person, paired, glossed)
            yield pair.ref.name, person, key, term, words

    def term(self, text: str, kind: str) -> Term:
        """The acronym or name term ``text`` (``kind``), with its glossary renderings."""
        made = self._made.get((text, kind))
        if made is None:
            glossed = _glossary_forms(self.glossary, text, self.ref_lang, self.var_lang)
            own = (text, *_reversed_acronym(text)) if kind == "acronym" else (text,)
            made = self._made[text, kind] = Term(text, kind, (*own, *glossed))
        return made


class ReferenceText:
    """A reference chapter's text and what depends on it alone — its acronyms, names and the
    entities it mentions — worked out once and shared by every variant the chapter is compared
    with."""

    __slots__ = ("_index", "_mentioned", "lang", "text")

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self._index: MentionIndex | None = None
        self._mentioned: dict[tuple[str, bool], bool] = {}

    def mentions(self, name: str, is_person: bool) -> bool:
        known = self._mentioned.get((name, is_person))
        if known is None:
            if self._index is None:
                self._index = _mention_index(self.text)
            known = self._index.mentions(name, is_person)
            self._mentioned[name, is_person] = known
        return known

    def terms(self, variant: VariantTerms) -> list[Term]:
        """The terms of this text for one variant."""
        terms: dict[str, Term] = {}
        covered: set[str] = set()
        for name, is_person, key, term, words in variant.entities:
            if self.mentions(name, is_person):
                covered.update(words)
                terms.setdefault(key, term)
        for word, key in _text_acronyms(self.text):
            if key not in covered and key not in terms:
                terms[key] = variant.term(word, "acronym")
        for name, key, words in _text_names(self.text, self.lang):
            if key in terms or all(w in covered for w in words):
                continue
            terms[key] = variant.term(name, "name")
        return list(terms.values())


# A reference chapter is read once per variant of its episode, and an entity recurs in the chapters
# and variants of its episode: what depends on the reference text, or on the entity, is memoized.


@functools.lru_cache(maxsize=256)
def _mention_index(text: str) -> MentionIndex:
    return MentionIndex.of([text])


@functools.lru_cache(maxsize=1 << 13)
def _entity_term(
    name: str, is_person: bool, paired: tuple[str, bool] | None, glossed: tuple[str, ...]
) -> tuple[str, Term, frozenset[str]]:
    """The term of a reference entity, its key (folded name) and the folded words of its forms.
    ``paired``: the variant entity's name and whether it is a person; ``glossed``: the glossary's
    renderings of the name in the variant's language."""
    forms = [name, *name_forms(name, is_person)]
    if not is_person:
        forms.extend(_acronyms(name))  # AMI Labs: the text may say just AMI
    if paired is not None:
        forms.extend([paired[0], *name_forms(*paired)])
    forms.extend(glossed)
    words = frozenset(word for form in forms for word in fold(form).split())
    return fold(name), Term(name, "entity", tuple(dict.fromkeys(forms))), words


@functools.lru_cache(maxsize=256)
def _text_acronyms(text: str) -> tuple[tuple[str, str], ...]:
    """The acronyms of a reference text, each with its key (folded)."""
    return tuple((word, fold(word)) for word in _acronyms(text))


@functools.lru_cache(maxsize=256)
def _text_names(text: str, lang: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The names of a reference text, each with its key (folded) and the key's words."""
    return tuple((name, key, tuple(key.split())) for name in _names(text, lang) for key in (fold(name),))


def _glossary_forms(glossary: Glossary | None, term: str, ref_lang: str, var_lang: str) -> tuple[str, ...]:
    """The glossary's renderings of ``term`` in the variant's language, and the language's own
    fixed renderings of it (``LanguageTable.exonyms``: `谷歌` for Google)."""
    entry = glossary.entry_of(term, ref_lang) if glossary is not None else None
    glossed = entry.renderings(var_lang) if entry is not None else ()
    data = langdata.table(var_lang)
    return (*glossed, *data.exonyms_of(term)) if data is not None and data.exonyms else glossed


def _reversed_acronym(word: str) -> tuple[str, ...]:
    """Romance languages put the modifier last, and so reverse acronyms: AI = IA, IMF = FMI, NATO = OTAN."""
    return (word[::-1],) if word.isalpha() and word.isupper() and len(word) <= 5 else ()


def _acronyms(text: str) -> tuple[str, ...]:
    found = []
    for match in _ACRONYM.finditer(text):
        word = match.group(0)
        if word.endswith("s") and word[:-1].isupper() and len(word) > 2:
            word = word[:-1]  # LLMs, VLAs
        found.append(word)
    return tuple(dict.fromkeys(found))


def _names(text: str, lang: str) -> tuple[str, ...]:
    data = langdata.table(lang)
    latin_text = data is None or data.script in ("Latin", "Cyrillic")
    common = _common_words(lang)
    found = []
    for line in text.split("\n"):
        for match in _CAP_RUN.finditer(line):
            # ``Google's`` is Google, ``Here's`` is here: a possessive or ``'s`` is no part of a name
            words = [_POSSESSIVE.sub("", word) for word in match.group(0).split()]
            # the first word may just open the sentence (but not `Great` of Great Man Theory)
            if (
                latin_text
                and opens_sentence(line, match.start())
                and (len(words) == 1 or words[0].lower() in common)
            ):
                words = words[1:]
            if not words or (len(words) == 1 and (len(words[0]) < MIN_NAME or words[0].lower() in common)):
                continue
            found.append(" ".join(words))
    return tuple(dict.fromkeys(found))


@functools.lru_cache(maxsize=64)
def _common_words(lang: str) -> frozenset[str]:
    """Words of ``lang`` that are no name alone: sentence starters and small words."""
    data = langdata.table(lang)
    return (data.sentence_starters | data.small_words) if data is not None else frozenset()


def opens_sentence(line: str, start: int) -> bool:
    """Whether only spaces, or a sentence end and spaces, precede ``start`` in ``line``."""
    end = start
    while end > 0 and line[end - 1].isspace():
        end -= 1
    return end == 0 or line[end - 1] in _SENTENCE_END


def missing_terms(
    terms: Sequence[Term], chapter: TermIndex, variant: TermIndex, subject: TermIndex | None = None
) -> list[Term]:
    """Terms the variant chapter lacks although the variant uses them elsewhere (a term it never
    uses is a consistent localization or an entity-level problem, E306). Names in ``subject`` (the
    episode title) are left out: translators refer to an episode's subject as "he" freely."""
    return [
        t
        for t in terms
        if not chapter.keeps(t)
        and variant.keeps(t)
        and not (subject is not None and t.kind != "acronym" and subject.keeps(t))
        and not derived_from(chapter.folded, t)
    ]


MIN_DERIVED = 5  # letters of a one-word name whose derived words count as it


def derived_from(folded: str, term: Term) -> bool:
    """Whether the chapter has a word derived from a one-word Latin name: its adjective or
    demonym, which opens with the name but for its last letter (`China` → `Chinese`, `chinesische`,
    `chinês`; `Europa` → `europäisch`). "China's stack" is "de Chinese technologiestack" in Dutch."""
    if term.kind == "acronym" or " " in term.text.strip():
        return False
    stem = fold(term.text)[:-1]
    return len(stem) + 1 >= MIN_DERIVED and stem.isascii() and stem.isalpha() and _opens_word(folded, stem)


def _opens_word(folded: str, stem: str) -> bool:
    start = folded.find(stem)
    while start >= 0:
        if start == 0 or not folded[start - 1].isalnum():
            return True
        start = folded.find(stem, start + 1)
    return False
