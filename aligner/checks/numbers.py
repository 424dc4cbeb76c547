"""T502 — numbers: a reference chapter's (or summary's) numbers missing or changed in the variant's."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from aligner import langdata
from aligner.checks.base import Check, Docs, EpisodeContext, register
from aligner.contentmatrix import collapsed
from aligner.model import Chapter, Finding, Severity, Variant
from aligner.numbercompare import NumberDiff, compare
from aligner.numbers import NumberMention, extract_lines
from aligner.textdamage import may_be_mojibake, repaired

MAX_LISTED = 4


def _text(chapter: Chapter) -> str:
    return "\n".join([chapter.title, chapter.body, *(q.text for q in chapter.quotes)])


def _prose(chapter: Chapter) -> str:
    """A chapter's title and body, without its quotes."""
    return "\n".join([chapter.title, chapter.body])


def _listing(mentions: Iterable[NumberMention]) -> str:
    labels = list(dict.fromkeys(m.text for m in mentions))
    shown = ", ".join(f"`{label}`" for label in labels[:MAX_LISTED])
    return shown + (f" and {len(labels) - MAX_LISTED} more" if len(labels) > MAX_LISTED else "")


# Scales a language without a table may write in a word the tool cannot read: thousand, lakh,
# million, crore, billion, trillion (``٥ ملايين`` is 5 million).
_UNREAD_SCALES = (
    Decimal(10) ** 3,
    Decimal(10) ** 5,
    Decimal(10) ** 6,
    Decimal(10) ** 7,
    Decimal(10) ** 9,
    Decimal(10) ** 12,
)


def _unread_words(
    ref: Sequence[NumberMention], found: Sequence[NumberMention]
) -> tuple[list[NumberMention], list[NumberMention]]:
    """The numbers of a chapter pair whose variant language has no table (its number and scale
    words are unknown): a reference number written in words is not required (`three` may be in
    the variant as a word), and a variant numeral may stand for itself times a scale it wrote in a
    word (`٥ ملايين` for `5 million`). Numerals written in digits still must match: a changed year
    or count is still reported."""
    loose = [_not_required(m) if not m.exact else m for m in ref]
    scaled = [
        replace(m, values=(*m.values, *(v * scale for v in m.values for scale in _UNREAD_SCALES)))
        if m.exact
        else m
        for m in found
    ]
    return loose, scaled


def _not_required(mention: NumberMention) -> NumberMention:
    return replace(mention, required=False) if mention.required else mention


@register
class NumberMismatch(Check):
    code = "T502"
    name = "number-mismatch"
    severity = Severity.WARNING
    mqm = "Accuracy/Mistranslation"
    docs = Docs(
        what="Compares the numbers of a reference chapter (title, body, quotes) with the variant chapter, each "
        "pull-quote with its counterpart, the body (with the title) alone when the variant's has another number in "
        "place of one, and the reference summary with the variant's summary, after "
        "locale-aware normalization: digits of any script, each language's decimal and thousands marks, "
        "number and scale words (`$1 billion` = `1000 millones de dólares` = `10億ドル`), decades (`los años 90` "
        "= `1990年代`). Reports a number missing from the variant, or a digit numeral replaced by another. For a "
        "variant language without a table (its number words unknown) or whose number words stand inside unspaced "
        "words (Thai), only numerals written in digits are "
        "required, and a variant numeral may carry a scale written in a word (`٥ ملايين` = `5 million`); for a "
        "language with dual nouns (Arabic, Hebrew) a `two` written in words is not required.",
        why="A changed year, amount or count is a factual error that reads fluently; nothing else catches it.",
        example="Reference `[20:37]`: `principios de 2027`; Japanese chapter: `2028年初頭`.",
        instead="Use the reference's number, converted to the locale's notation (`10億ドル` for `$1 billion`).",
    )

    def run(self, ctx: EpisodeContext) -> Iterable[Finding]:
        ref_lang = ctx.episode.ref_lang
        reference = ctx.episode.reference
        for alignment in ctx.aligned():
            variant = alignment.variant
            for pair in alignment.chapters:
                if pair.ref is None or pair.var is None:
                    continue
                var_lang = pair.var.lang if pair.var.lang != "und" else variant.lang
                if var_lang != variant.lang and may_be_mojibake(pair.var.body):
                    var_lang = variant.lang  # the language detected on mojibake is no language
                where = f"Chapter `[{pair.ref.label}]`"
                compared = _compared(_text(pair.ref), ref_lang, _text(pair.var), var_lang)
                if compared is None:
                    where, compared = (
                        f"{where} quote",
                        _quote_compared(pair.ref, ref_lang, pair.var, var_lang),
                    )
                if compared is None and pair.ref.quotes and pair.var.quotes:
                    # the body alone, when it has another number in place of one: its `1000
                    # millones` made `un millón` passed, the quote still saying `mil millones`
                    # (found by QA of the gate). A number the body only paraphrases (`五分五分`
                    # for `50/50`, said in the quote as `50%`) is no change.
                    where = f"Chapter `[{pair.ref.label}]` body"
                    compared = _compared(_prose(pair.ref), ref_lang, _prose(pair.var), var_lang)
                    if compared is not None and not compared[1].extra:
                        compared = None
                if compared is not None:
                    yield self._finding(ctx, variant, where, *compared, pair.ref)
            # a summary left as the reference wrote it is L403's: read as the variant's language, its
            # `three` was "missing" (found by QA of the gate: "`three` missing in `zh`")
            if (
                reference.summary
                and variant.summary
                and collapsed(reference.summary) != collapsed(variant.summary)
            ):
                compared = _compared(reference.summary, ref_lang, variant.summary, variant.lang)
                if compared is not None:
                    yield self._finding(ctx, variant, "Summary", *compared, None)

    def _finding(
        self,
        ctx: EpisodeContext,
        variant: Variant,
        where: str,
        ref: Sequence[NumberMention],
        diff: NumberDiff,
        chapter: Chapter | None,
    ) -> Finding:
        lost = diff.absent or diff.missing
        message = f"{where}: {_listing(lost)} missing in `{variant.lang}`"
        if diff.extra:
            message += f" (has {_listing(diff.extra)})"
        return self.finding(
            ctx,
            variant,
            message,
            f"reference: {', '.join(m.label for m in ref if m.required)}; "
            f"missing: {', '.join(m.label for m in diff.missing)}; "
            f"unmatched in variant: {', '.join(m.label for m in diff.extra) or '-'}",
            chapter,
        )


def _repaired_lines(text: str) -> str:
    """``text`` with each line's wrong decoding undone (ftfy repairs a damaged line, not a text
    whose other lines are sound); itself when no line may be mojibake (one class scan)."""
    if not may_be_mojibake(text):
        return text
    return "\n".join(map(repaired, text.split("\n")))


def _quote_compared(
    ref: Chapter, ref_lang: str, var: Chapter, var_lang: str
) -> tuple[list[NumberMention], NumberDiff] | None:
    """A quote whose number was replaced by one the chapter has elsewhere: `50%` → `15%` in the
    quote of a chapter that says `fifteen` in its body passes the chapter's count, each number
    being present somewhere. A quote is translated as a unit, so its own numbers must match
    (compared quote by quote when both chapters have as many quotes)."""
    if not ref.quotes or len(ref.quotes) != len(var.quotes):
        return None
    for ref_quote, var_quote in zip(ref.quotes, var.quotes, strict=True):
        compared = _compared(ref_quote.text, ref_lang, var_quote.text, var_lang)
        if compared is not None:
            return compared
    return None


def _compared(
    ref_text: str, ref_lang: str, var_text: str, var_lang: str
) -> tuple[list[NumberMention], NumberDiff] | None:
    """The reference's numbers and their diff with the variant's, when they mismatch. A variant
    text with its decoding gone wrong is read as it was (S006 reports the damage): Cyrillic
    mojibake is full of `²` and `³`, which NFKC makes `2` and `3` (found by QA of the gate: a
    Russian chapter "has `4`, `3`, `2`")."""
    ref = extract_lines(ref_text, ref_lang)
    found = extract_lines(_repaired_lines(var_text), var_lang)
    table = langdata.table(var_lang)
    if table is None or not table.numbers.reads_words:
        ref, found = _unread_words(ref, found)
    elif table.numbers.duals:
        ref = [_not_required(m) if not m.exact and m.values[0] == 2 else m for m in ref]
    diff = compare(ref, found)
    return (list(ref), diff) if diff.mismatch else None
