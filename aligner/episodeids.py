"""Episode ids without an explicit one: the slug of a title chosen by language and page alone
(``aligner.pair`` gives each episode its id)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

from anyascii import anyascii

from aligner.locales import language_of
from aligner.model import Variant


def episode_slug(variants: Sequence[Variant], source_lang: str) -> str:
    """The id of an episode without an explicit one: the slug of a title chosen by language and
    page alone — the source-language variant (on its own locale's page first), else the lowest
    language code — never by completeness, as the reference is. A quote added to one page can make
    it the reference of a two-variant episode; its id, and so every fingerprint and baseline entry
    of the episode, must not change with it."""
    ordered = sorted(
        variants,
        key=lambda v: (
            v.lang != language_of(source_lang),
            language_of(v.page_locale) != v.lang,
            v.lang,
            v.source_path,
            v.position,
        ),
    )
    return next((slug for v in ordered if (slug := slugify(v.title))), "episode")


def slugify(title: str, limit: int = 60) -> str:
    """The title in ASCII lower case and hyphens; one longer than ``limit`` is cut there and ends
    with six hex digits of the whole slug. Titles of a series share long beginnings (``Unsupervised
    Learning with Jacob Effron — Episode 41: …``): cut alone they collided, and ``_unique_ids``
    numbered them ``-2``, ``-3`` in the order of pages and cards, so an episode leaving the catalog
    passed its id, and its waivers, to the next."""
    ascii_title = anyascii(unicodedata.normalize("NFKC", title)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")
    if len(slug) <= limit:
        return slug
    return f"{slug[:limit].rstrip('-')}-{hashlib.sha256(slug.encode()).hexdigest()[:6]}"
