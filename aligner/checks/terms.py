"""T503, T506 — names and terms: missing from a chapter, or not rendered as the glossary says."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from aligner import langdata
from aligner.checks.base import Check, Docs, EpisodeContext, register
from aligner.glossary import Glossary, GlossaryEntry, contains_folded, fold
from aligner.guarded import LATIN_CHAR
from aligner.misspelled import (
    alphabet_surname,
    alphabet_words,
    is_katakana,
    kana_misspelling,
    kana_surname,
    kana_words,
    known_words,
    misspelling,
    spelled_in,
    suffixed_misspelling,
    surname,
)
from aligner.model import Alignment, Chapter, ChapterPair, Finding, Severity, Variant
from aligner.renderings import given_names, keeps_inflected, keeps_word, page_aliases, sentence_openers
from aligner.terms import (
    ReferenceText,
    Term,
    TermIndex,
    VariantTerms,
    chapter_text,
    missing_terms,
)
from aligner.untranslated import latin_runs, non_latin, quoted_runs

MAX_LISTED = 4  # terms named in one message


def _variant_text(variant: Variant, copied: frozenset[str] = frozenset()) -> list[str]:
    """The variant's text, but the segments (summary, bodies, quotes) that are copies of a
    reference segment (``copied``: ``_segments`` of the reference): text left untranslated is
    not the variant using a term. An English quote kept on the Portuguese page made its
    `Nobel Prize` count as used, and three chapters rightly saying `Prêmio Nobel` 'lacked' it."""
    chapters = [c for c in variant.chapters if _own_language(c, variant)]
    if not copied:
        return [variant.title, variant.summary, *(chapter_text(c) for c in chapters)]
    texts = [variant.title] + ([variant.summary] if _segment(variant.summary) not in copied else [])
    for chapter in chapters:
        texts.append(chapter.title)
        texts.extend(
            text for text in (chapter.body, *(q.text for q in chapter.quotes)) if _segment(text) not in copied
        )
    return texts


# A name's original form given once in brackets after a rendering in another script:
# `诺贝尔奖(Nobel Prize)`, `Нобелевская премия (Nobel Prize)`. The bracket is searched for (see
# ``aligner.renderings``); what precedes it is checked apart. A bracketed Latin mention after such
# text (`в компании (Google DeepMind)`) is taken for one too: T503 then asks nothing of that name
# on its account — a warning lost, never one made.
_BRACKETED_LATIN = re.compile(
    r"[(（\[［]"
    r"(?:[^\W\d_A-Za-z\u00c0-\u024f]{1,6}[:：]\s*)?"  # a label: `英语：`, `англ.:`
    r"[A-Za-z][A-Za-z0-9\u00c0-\u024f'’.\- ]{0,60}[)）\]］]"
)
_GLOSSED = "”」』》\"'*"  # a rendering in quotes or italics before its gloss: `“诺贝尔奖”（Nobel Prize）`


def _own_words(texts: list[str], whole: TermIndex, lang: str) -> TermIndex:
    """The variant's text as T503 asks whether it uses a term: without the Latin glosses that
    follow a rendering in another script — a translator who writes `诺贝尔奖(Nobel Prize)` once
    renders the name, and the chapters that say `诺贝尔奖` alone "lacked" `Nobel Prize` — and, in a
    variant of another script than Latin, without the sentences left in a Latin one: `Nobel Prizes`
    in an English sentence of one chapter made four translated chapters "lack" it (both found by
    QA of the gate in zh, ko and ru; L403 reports the sentence). ``whole``: the index of
    ``texts``, returned when nothing is left out."""
    own = [_drop_glosses(text) if any(mark in text for mark in "(（[［") else text for text in texts]
    # in a non-Latin variant every run of Latin words, quoted or not; in a Latin one, a quotation
    # kept as it was said: its `God` made the German chapters that say `Gott` "lack" it (found by
    # QA of the gate in de, fr, it, nl, pl, tr, vi, id)
    runs = (lambda text: latin_runs(text, quoted=True)) if non_latin(lang) else quoted_runs
    own = [_drop_runs(text, runs(text)) for text in own]
    # nor a word that only opens sentences, whose capital is no name's (``sentence_openers``): here
    # only, where a sound-alike makes a warning; in a chapter it would hide one
    return (whole if own == texts else TermIndex.of(own)).without_runs(sentence_openers(own))


def _drop_runs(text: str, runs: list[str]) -> str:
    for run in runs:
        text = text.replace(run, " ")
    return text


def _drop_glosses(text: str) -> str:
    kept: list[str] = []
    start = 0
    for match in _BRACKETED_LATIN.finditer(text):
        before = text[max(0, match.start() - 8) : match.start()].rstrip(" ")  # bounded: no rescan
        if before and (_non_latin_letter(before[-1]) or before[-1] in _GLOSSED):
            kept.append(text[start : match.start()])
            start = match.end()
    return "".join(kept) + text[start:] if kept else text


def _non_latin_letter(char: str) -> bool:
    return char.isalpha() and not ("a" <= char.lower() <= "z" or "\u00c0" <= char <= "\u024f")


def _own_language(chapter: Chapter, variant: Variant) -> bool:
    """Whether a chapter is written in its variant's language (or could not be told): a chapter in
    another one (L402, L403) does not make the variant use its terms — a Hebrew chapter on the
    Arabic page made `AI` "used", and five Arabic chapters rightly writing `الذكاء الاصطناعي`
    "lacked" it."""
    return chapter.lang in ("und", variant.lang) or variant.lang == "und"


def _segments(variant: Variant) -> frozenset[str]:
    """The summary, chapter bodies and quotes of ``variant`` (non-empty ones), as compared."""
    texts = [variant.summary, *(t for c in variant.chapters for t in (c.body, *(q.text for q in c.quotes)))]
    return frozenset(segment for text in texts if (segment := _segment(text)))


def _segment(text: str) -> str:
    """A segment as compared: a copy is the same text (a hash lookup; normalizing case and
    blanks of every body of every variant cost 3% of the check stage)."""
    return text.strip()


def _glossary(ctx: EpisodeContext) -> Glossary | None:
    glossary = ctx.resources.glossary
    return glossary if isinstance(glossary, Glossary) else None


def _pairs(alignment: Alignment) -> Iterator[tuple[Chapter, Chapter]]:
    for pair in alignment.chapters:
        if pair.ref is not None and pair.var is not None and _translated(alignment, pair):
            yield pair.ref, pair.var


def _translated(alignment: Alignment, pair: ChapterPair) -> bool:
    lang = alignment.variant.lang
    return pair.var is not None and (lang == "und" or pair.var.lang in ("und", lang))


def _listing(names: list[str]) -> str:
    shown = ", ".join(f"`{n}`" for n in names[:MAX_LISTED])
    return shown + (f" and {len(names) - MAX_LISTED} more" if len(names) > MAX_LISTED else "")


@register
class TermMissing(Check):
    code = "T503"
    name = "term-missing"
    severity = Severity.WARNING
    mqm = "Accuracy/Omission"
    docs = Docs(
        what="Reports names, acronyms and entity names of a reference chapter that the variant chapter lacks, "
        "although the variant uses them elsewhere (a name it never uses is a localization, or E306). Localized "
        "forms count: the paired entity's name, glossary renderings, a person's surname or given name alone, "
        "transliterations (`Yann LeCun` = `ヤン・ルカン`), a rendering the page glossed the name with once "
        "(`塞巴斯蒂安·馬拉比（Sebastian Mallaby）`), and a name with the case endings of a language that declines names "
        "(Polish `Hassabisa`). The episode's subject (named in its title) may be "
        "'he' in a chapter; glossary terms are T506's. A surname the chapter lacks next to a word spelled "
        "nearly like it (`Reid Hofman`, `Demis Hasabis`: the same first three letters, one letter in five "
        "changed) is reported even where the given name alone would count, even for the subject and for a "
        "name the variant uses nowhere else: a misspelling, not a shortening. So is a katakana surname of the "
        "variant's entity list, spelled so elsewhere in its text, beside a katakana word one kana off "
        "(`ハサピス` for `ハサビス`), and a Cyrillic, Hangul or Greek one beside a word opening one letter off it "
        "(`Хасабисом`, `하사피스는`, `Χασάπης`).",
        why="A dropped name changes who said or did what; a name the variant knows but leaves out of one "
        "chapter is usually an omission, not a localization.",
        example="Spanish `[58:00]` says `Yann, Zuckerberg y el CTO`; the Japanese chapter says `ヤンとCTO`, "
        "although its next chapter writes `Zuckerberg`.",
        instead="Keep the name (transliterated or in the form the variant uses elsewhere).",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        glossary = _glossary(ctx)
        ref_lang = ctx.episode.ref_lang
        aligned = [(alignment, list(_pairs(alignment))) for alignment in ctx.aligned()]
        references = _reference_texts([ref for _alignment, pairs in aligned for ref, _var in pairs], ref_lang)
        # A reference chapter object recurs in the alignment of every variant: its text is joined once.
        ref_texts = {id(ref): chapter_text(ref) for _alignment, pairs in aligned for ref, _var in pairs}
        copied = _segments(ctx.episode.reference)
        for alignment, pairs in aligned:
            variant = alignment.variant
            texts = _variant_text(variant, copied)
            whole = TermIndex.of(texts)
            uses = _own_words(texts, whole, variant.lang)
            subject = TermIndex.of([ctx.episode.reference.title, variant.title])
            entity_names = {fold(p.ref.name) for p in alignment.entities if p.ref is not None}
            aliases = page_aliases(texts, entity_names)
            endings = _name_endings(variant.lang)
            variant_terms = VariantTerms(alignment.entities, ref_lang, variant.lang, glossary, aliases)
            spelling = _Spelling(alignment, whole.raw)
            rendered = _Renderings(texts, uses, spelling.persons)
            for ref, var in pairs:
                terms = references[ref_texts[id(ref)]].terms(variant_terms)
                if glossary is not None:
                    terms = [
                        t for t in terms if not _glossary_covers(glossary, t.text, ref_lang, variant.lang)
                    ]
                chapter = TermIndex.of([chapter_text(var)])
                missing = missing_terms(terms, chapter, uses, subject)
                if missing and endings:
                    missing = [t for t in missing if not keeps_inflected(chapter, t, endings)]
                if missing:
                    missing = [t for t in missing if not rendered.kept(t, chapter)]
                misspelled = spelling.misspelled(terms, ref_texts[id(ref)], chapter_text(var), chapter.folded)
                missing += [t for t in misspelled if t not in missing]
                if missing:
                    names = [t.text for t in missing]
                    written = list(dict.fromkeys(misspelled.values()))
                    has = f" (has {_listing(written)})" if written else ""
                    yield self.finding(
                        ctx,
                        variant,
                        f"Chapter `[{ref.label}]` lacks {_listing(names)} in `{variant.lang}`{has}",
                        "; ".join(
                            f"{t.text} ({t.kind}"
                            + (f", written {misspelled[t]})" if t in misspelled else ")")
                            for t in missing
                        ),
                        ref,
                    )


class _Renderings:
    """The words a variant renders a term with, beyond its forms: the runs of its text that sound
    like one (`גוגל` for Google, then found after a prefix: `שגוגל`), and for a person the given
    name of the renderings of the whole name it writes (``renderings.given_names``). Worked out for
    a term some chapter lacks, once per variant."""

    def __init__(self, texts: list[str], uses: TermIndex, persons: frozenset[str]) -> None:
        self.texts = texts
        self.uses = uses
        self.persons = persons
        self._found: dict[Term, tuple[str, ...]] = {}

    def kept(self, term: Term, chapter: TermIndex) -> bool:
        """Whether ``chapter`` has one of the words the variant renders ``term`` with."""
        if term.kind == "acronym":
            return False
        found = self._found.get(term)
        if found is None:
            found = self.uses.renderings(term)
            if term.kind == "entity" and term.text in self.persons:
                found += given_names(self.texts, term.text, term.forms)
            self._found[term] = found
        return any(keeps_word(chapter, word) for word in found)


class _Spelling:
    """Misspelled names of one variant (``aligner.misspelled``): the surnames of the reference's
    listed persons and of the names of several words in a reference chapter."""

    def __init__(self, alignment: Alignment, text: str) -> None:
        self.persons = frozenset(
            p.ref.name for p in alignment.entities if p.ref is not None and p.ref_type == "Person"
        )
        self.variant = alignment.variant
        # reference person → the surname of its katakana rendering in the variant's entity list,
        # when the variant's text (``text``) writes it so too: a list that misspells the name is
        # the odd one out, not every chapter that spells it right
        self.kana = {
            p.ref.name: last
            for p in alignment.entities
            if p.ref is not None and p.var is not None and p.ref_type == "Person"
            if (last := kana_surname(p.var.name) or alphabet_surname(p.var.name)) is not None
            and spelled_in(last, text)
        }

    def misspelled(self, terms: Iterable[Term], ref_text: str, var_text: str, folded: str) -> dict[Term, str]:
        """Term → the word of the variant chapter that misspells its surname."""
        found: dict[Term, str] = {}
        known: list[frozenset[str]] = []

        def known_here() -> frozenset[str]:  # built for the first word nearly a surname only
            if not known:
                known.append(known_words([ref_text, *(e.name for e in self.variant.entities or ())]))
            return known[0]

        for term in terms:
            if term.kind == "entity":
                if term.text not in self.persons:
                    continue
            elif term.kind != "name" or " " not in term.text.strip():
                continue
            last = surname(term.text)
            if last is not None and last not in folded:
                word = misspelling(last, folded, var_text, known_here)
                if word is not None:
                    found[term] = word
            kana = self.kana.get(term.text)
            if kana is not None and term not in found:
                word = (
                    kana_misspelling(kana, var_text, self._kana_known)
                    if is_katakana(kana)
                    else suffixed_misspelling(kana, var_text, self._alphabet_known)
                )
                if word is not None:
                    found[term] = word
        return found

    def _alphabet_known(self) -> frozenset[str]:
        """Cyrillic, Hangul and Greek words of the variant's entity list: other names the episode has."""
        return alphabet_words(e.name for e in self.variant.entities or ())

    def _kana_known(self) -> frozenset[str]:
        """Katakana words of the variant's entity list: other names the episode really has."""
        return kana_words(e.name for e in self.variant.entities or ())


def _name_endings(lang: str) -> tuple[str, ...]:
    """The case endings names take in ``lang`` (its table's ``name_endings``), folded as texts are."""
    table = langdata.table(lang)
    return tuple(dict.fromkeys(fold(e) for e in table.name_endings)) if table is not None else ()


def _reference_texts(chapters: list[Chapter], ref_lang: str) -> dict[str, ReferenceText]:
    """The reference chapters of an episode's pairs by text: each is compared with every variant,
    and what it mentions is worked out once."""
    texts = dict.fromkeys(chapter_text(chapter) for chapter in chapters)
    return {text: ReferenceText(text, ref_lang) for text in texts}


def _glossary_covers(glossary: Glossary, term: str, ref_lang: str, var_lang: str) -> bool:
    """T506 reports glossary terms that have an approved rendering in the variant's language."""
    entry = glossary.entry_of(term, ref_lang)
    return entry is not None and bool(entry.renderings(var_lang))


@register
class GlossaryViolation(Check):
    code = "T506"
    name = "glossary-violation"
    severity = Severity.WARNING
    mqm = "Terminology/Wrong term"
    docs = Docs(
        what="With a glossary (`--glossary FILE`, CSV with one column per language), reports a glossary term "
        "found in a reference chapter (or summary) whose approved rendering in the variant's language is "
        "absent from the variant chapter (or summary). Alternatives listed as `a|b` in a cell all count, and so does a "
        "Latin-script rendering with its words' last letters changed or the last word compounded (German "
        "`Nobelpreise`, `Nobelpreisträger`, `bestärkenden Lernens`; Italian `Premi Nobel`).",
        why="Approved terminology keeps a catalog consistent: readers and search should meet `ワールドモデル` "
        "everywhere, not a different rendering per episode.",
        example="The glossary row `World Model,Modelo de mundo,ワールドモデル`; the reference chapter says "
        "`world models`, the Japanese chapter `世界モデル`.",
        instead="Use the approved rendering, or add the new one to the glossary cell as an alternative.",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        glossary = _glossary(ctx)
        if glossary is None:
            return
        ref_lang = ctx.episode.ref_lang
        reference = ctx.episode.reference
        for alignment in ctx.aligned():
            variant = alignment.variant
            if variant.lang in ("und", ref_lang):
                continue
            for entry, term in _violations(
                glossary, reference.summary, variant.summary, ref_lang, variant.lang
            ):
                yield self._finding(ctx, variant, entry, term, None)
            for ref, var in _pairs(alignment):
                found = _violations(glossary, chapter_text(ref), chapter_text(var), ref_lang, variant.lang)
                for entry, term in found:
                    yield self._finding(ctx, variant, entry, term, ref)

    def _finding(
        self, ctx: EpisodeContext, variant: Variant, entry: GlossaryEntry, term: str, chapter: Chapter | None
    ) -> Finding:
        where = f"Chapter `[{chapter.label}]`" if chapter is not None else "Summary"
        approved = entry.approved(variant.lang) or ""
        return self.finding(
            ctx,
            variant,
            f"{where}: `{term}` is not rendered as `{approved}` in `{variant.lang}`",
            f"glossary line {entry.line}: {term} → {' | '.join(entry.renderings(variant.lang))}",
            chapter,
        )


def _violations(
    glossary: Glossary, ref_text: str, var_text: str, ref_lang: str, var_lang: str
) -> list[tuple[GlossaryEntry, str]]:
    if not ref_text.strip() or not var_text.strip():
        return []
    folded = fold(var_text)
    return [
        (entry, term)
        for entry, term in glossary.found_in(ref_text, ref_lang)
        if entry.renderings(var_lang)
        and not any(
            contains_folded(folded, r) or _inflected_rendering(r).search(folded) is not None
            for r in entry.renderings(var_lang)
        )
    ]


@functools.lru_cache(maxsize=1 << 12)
def _inflected_rendering(rendering: str) -> re.Pattern[str]:
    """The approved rendering with each word's last letters free (one of a word of five or six
    letters, two of a longer one) and the last word free to go on: the forms a language that
    inflects and compounds gives it — German `Nobelpreise`, `Nobelpreisträger`, `bestärkenden
    Lernens`, Italian `Premi Nobel` — each a T506 "not rendered" on a clean translation (found by
    QA of the pre-publish gate). A rendering in another script, or of short words, matches as
    written."""
    words = fold(rendering).split()
    if not words or not all(_LATIN_WORD.fullmatch(w) for w in words):
        return _NEVER
    stems = [w[: -2 if len(w) >= 7 else -1 if len(w) >= 5 else len(w)] for w in words]
    body = r"[\s\-‐]+".join(re.escape(stem) + _LETTERS for stem in stems)
    return re.compile(rf"(?<![{LATIN_CHAR}ß]){body}")  # the Latin word boundary of term patterns


_LETTER = "a-z\u00df-\u024f"  # folded Latin letters (ß, accents)
_LETTERS = f"[{_LETTER}]*"
_LATIN_WORD = re.compile(f"[{_LETTER}]+")
_NEVER = re.compile(r"(?!)")
