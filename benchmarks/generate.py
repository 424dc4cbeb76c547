"""Synthesize a realistic catalog from the real sample pages, for benchmarks.

The real pages in ``samples/pages`` hold three episodes in four page layouts: the Spanish card
layout (flattened body, metadata lines, title repeated), the Japanese title/body layout
(flattened), a line-broken markdown card (``en/hassabis.md``) and a ``# Title`` markdown card
(``zh/vinyals.md``). This module cuts those pages into card blocks (using the parser's own card
boundaries) and copies them into ``N`` variants:

* episode ``k`` copies template episode ``k % 3`` in every locale the template has (8 variants per
  3 episodes: the LeCun template has different Spanish and Japanese titles, so it pairs on its
  chapter signature — exactly as on the real pages);
* every title gets the counter (``… · 123``), every chapter body ends with it (``… 123.``, so no
  two episodes share a chapter text and nothing keyed by text is reused across copies), every
  timestamp and duration is stretched and shifted by an amount unique to ``k`` (so signatures of
  different episodes do not collide), consistently in all variants of the episode;
* cards are laid out ``--per-page`` to a page, one folder per page locale (``es/``, ``ja/``,
  ``en/``, ``zh/``), pages keep their site chrome;
* about ``--defect-rate`` of the non-reference variants get one defect: a dropped chapter, a
  dropped quote, a dropped entity or a timestamp shifted by 40 s.

Deterministic: the same arguments give the same bytes. Usage::

    python -m benchmarks.generate --variants 10000 --out /tmp/catalog-10k
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aligner.parse.cards import read_cards
from aligner.parse.lines import logical_lines

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "pages"

# (sample file, page locale, card index on that page) per template episode and variant.
TEMPLATES: tuple[tuple[tuple[str, str, int], ...], ...] = (
    (("en/hassabis.md", "en", 0), ("es/laidub-es-page.txt", "es", 0), ("ja/laidub-ja-page.txt", "ja", 0)),
    (("es/laidub-es-page.txt", "es", 1), ("ja/laidub-ja-page.txt", "ja", 1), ("zh/vinyals.md", "zh", 0)),
    (("es/laidub-es-page.txt", "es", 2), ("ja/laidub-ja-page.txt", "ja", 2)),
)
VARIANTS_PER_ROUND = sum(len(t) for t in TEMPLATES)  # 8 variants per 3 episodes

_TS = re.compile(r"\[(?P<ts>(?:\d{1,2}:)?\d{1,3}:\d{2})\]")
_DURATION_LINE = re.compile(r"^(?P<d>\d{1,2}:\d{2}(?::\d{2})?)$", re.MULTILINE)
_CHAPTER = re.compile(r"(?:^|[ \t]|\n)## \[")
_QUOTE = re.compile(r"[ \t]*(?:\n\n)?> \*[\"「].*?[\"」]\*")
_ENTITY = re.compile(r"(?:[ \t]|\n)- \*\*[^*\n]+\*\*")
_BODY_END = re.compile(r"(\n\n|[ \t])(> \*[\"「])")  # where a chapter body meets its quote


@dataclass(frozen=True, slots=True)
class Card:
    locale: str
    title: str
    text: str  # the card's physical lines, ending with a newline


@dataclass(frozen=True, slots=True)
class PageSource:
    chrome: str  # lines before the first card (site chrome), ending with a newline or empty
    cards: tuple[Card, ...]


def cut_page(path: Path, locale: str) -> PageSource:
    """Split a real page into its chrome and its card blocks (physical line ranges)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    draft = read_cards(logical_lines(text))
    starts = [card.first_line for card in draft.cards]
    ends = [*starts[1:], len(lines)]
    cards = tuple(
        Card(locale, (card.title or "").strip(), "\n".join(lines[start:end]).rstrip("\n") + "\n")
        for card, start, end in zip(draft.cards, starts, ends, strict=True)
    )
    chrome = "\n".join(lines[: starts[0]]).rstrip("\n") if starts and starts[0] else ""
    return PageSource(chrome + "\n" if chrome else "", cards)


def _format_ts(seconds: int, hours: bool) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}" if hours or h else f"{m:02d}:{s:02d}"


def _format_duration(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _seconds(text: str) -> int:
    total = 0
    for part in text.split(":"):
        total = total * 60 + int(part)
    return total


def retime(text: str, stretch: float, shift: int) -> str:
    """Stretch and shift every chapter timestamp and the duration line of a card."""

    def ts(match: re.Match[str]) -> str:
        value = _seconds(match["ts"])
        moved = round(value * stretch) + shift
        return f"[{_format_ts(moved, match['ts'].count(':') == 2)}]"

    def duration(match: re.Match[str]) -> str:
        return _format_duration(round(_seconds(match["d"]) * stretch) + shift)

    return _DURATION_LINE.sub(duration, _TS.sub(ts, text))


def mark_bodies(text: str, k: int) -> str:
    """End every chapter body with the episode number (``… 123.``): episodes never share a
    chapter text, so nothing keyed by text is reused across copies of a template."""
    return _BODY_END.sub(lambda m: f" {k}.{m[1]}{m[2]}", text)


def retitle(text: str, title: str, new_title: str) -> str:
    """Replace the card's title lines (``Title`` or ``# Title``) with ``new_title``."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped == title:
            line = new_title
        elif stripped == f"# {title}":
            line = f"# {new_title}"
        out.append(line)
    return "\n".join(out)


def _cut(text: str, pattern: re.Pattern[str], rng: random.Random, end_markers: tuple[str, ...]) -> str:
    matches = list(pattern.finditer(text))
    if len(matches) < 2:
        return text
    match = matches[rng.randrange(1, len(matches))]  # never the first: keep the card readable
    start = match.start()
    end = min((i for m in end_markers if (i := text.find(m, match.end())) >= 0), default=len(text))
    return text[:start] + text[end:]


def drop_chapter(text: str, rng: random.Random) -> str:
    return _cut(text, _CHAPTER, rng, (" ## ", "\n## ", "\n\n#"))


def drop_quote(text: str, rng: random.Random) -> str:
    matches = list(_QUOTE.finditer(text))
    if not matches:
        return text
    match = matches[rng.randrange(len(matches))]
    return text[: match.start()] + text[match.end() :]


def drop_entity(text: str, rng: random.Random) -> str:
    return _cut(text, _ENTITY, rng, (" - **", "\n- **", "\n\n", "\n#"))


def shift_timestamp(text: str, rng: random.Random) -> str:
    matches = list(_TS.finditer(text))
    if len(matches) < 3:
        return text
    match = matches[rng.randrange(1, len(matches) - 1)]
    moved = _seconds(match["ts"]) + 40
    return text[: match.start()] + f"[{_format_ts(moved, match['ts'].count(':') == 2)}]" + text[match.end() :]


DEFECTS: dict[str, Callable[[str, random.Random], str]] = {
    "dropped-chapter": drop_chapter,
    "dropped-quote": drop_quote,
    "dropped-entity": drop_entity,
    "shifted-timestamp": shift_timestamp,
}


@dataclass(frozen=True, slots=True)
class Catalog:
    pages: int
    variants: int
    episodes: int
    defects: dict[str, int]
    bytes: int


def load_templates() -> list[list[Card]]:
    pages: dict[str, PageSource] = {}
    templates: list[list[Card]] = []
    for template in TEMPLATES:
        cards = []
        for rel, locale, index in template:
            if rel not in pages:
                pages[rel] = cut_page(SAMPLES / rel, locale)
            cards.append(pages[rel].cards[index])
        templates.append(cards)
    return templates


def chrome_for(locale: str) -> str:
    source = {"es": "es/laidub-es-page.txt", "ja": "ja/laidub-ja-page.txt"}.get(locale)
    return cut_page(SAMPLES / source, locale).chrome if source else ""


def generate(
    out: Path, variants: int, per_page: int = 10, defect_rate: float = 0.05, seed: int = 1
) -> Catalog:
    """Write about ``variants`` variants (whole episodes only) into ``out``; returns a summary."""
    rng = random.Random(seed)
    templates = load_templates()
    by_locale: dict[str, list[str]] = {}
    defects: dict[str, int] = dict.fromkeys(DEFECTS, 0)
    count = episodes = 0
    while count < variants:
        k = episodes
        template = templates[k % len(templates)]
        stretch = 1.0 + (k // 997) * 0.031  # 997 distinct shifts per stretch step
        shift = 13 * (k % 997)
        for position, card in enumerate(template):
            text = retime(retitle(card.text, card.title, f"{card.title} · {k}"), stretch, shift)
            text = mark_bodies(text, k)
            if position > 0 and rng.random() < defect_rate:
                name = rng.choice(sorted(DEFECTS))
                edited = DEFECTS[name](text, rng)
                if edited != text:
                    defects[name] += 1
                    text = edited
            by_locale.setdefault(card.locale, []).append(text)
            count += 1
        episodes += 1
    if out.exists():
        shutil.rmtree(out)
    pages = size = 0
    for locale, cards in sorted(by_locale.items()):
        folder = out / locale
        folder.mkdir(parents=True)
        chrome = chrome_for(locale)
        for start in range(0, len(cards), per_page):
            body = chrome + "\n".join(cards[start : start + per_page])
            data = body.encode("utf-8")
            suffix = ".txt" if chrome else ".md"
            (folder / f"page-{start // per_page:05d}{suffix}").write_bytes(data)
            pages += 1
            size += len(data)
    return Catalog(pages, count, episodes, defects, size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variants", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-page", type=int, default=10)
    parser.add_argument("--defect-rate", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    catalog = generate(args.out, args.variants, args.per_page, args.defect_rate, args.seed)
    print(
        f"{catalog.variants} variants, {catalog.episodes} episodes, {catalog.pages} pages, "
        f"{catalog.bytes / 1e6:.1f} MB, defects: "
        + ", ".join(f"{k} {v}" for k, v in catalog.defects.items())
        + f" → {args.out}"
    )


if __name__ == "__main__":
    main()
