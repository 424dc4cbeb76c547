"""Locale tags and their languages: ``pt-BR`` and ``pt_br`` are the tag ``pt-br`` of ``pt``."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1024)  # asked ~100k times per 1,000 variants, about a few tags
def language_of(code: str) -> str:
    """The language of a locale tag: ``zh-Hans`` → ``zh``, ``pt_BR`` → ``pt``, ``EN`` → ``en``;
    ``""`` and ``und`` stay as they are."""
    return code.strip().lower().replace("_", "-").split("-")[0]


# Chinese regions written in Traditional characters; any other Chinese page is Simplified.
_TRADITIONAL_REGIONS = frozenset({"tw", "hk", "mo"})


def script_and_region(tag: str) -> tuple[str, str]:
    """The script and region subtags of a locale tag (``""`` for none): ``pt-br`` → (``""``,
    ``br``), ``sr-latn`` → (``latn``, ``""``). Chinese always has a script, written or implied:
    ``zh-hant-tw`` and ``zh-tw`` → (``hant``, ``tw``), ``zh`` and ``zh-cn`` → Simplified (``hans``)."""
    parts = tag.strip().lower().replace("_", "-").split("-")
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    region = next(
        (p for p in parts[1:] if (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit())), ""
    )
    if parts[0] == "zh" and not script:
        script = "hant" if region in _TRADITIONAL_REGIONS else "hans"
    return script, region


# Languages written right to left: Arabic, Persian, Urdu, Pashto, Sindhi, Central Kurdish, Uyghur,
# Hebrew, Yiddish, Dhivehi, Syriac.
_RIGHT_TO_LEFT = frozenset({"ar", "fa", "ur", "ps", "sd", "ckb", "ug", "he", "iw", "yi", "dv", "syr"})


def direction(code: str) -> str:
    """The HTML ``dir`` of text in the language ``code``: ``rtl``, ``ltr``, or ``auto`` when the
    language is unknown (``und``: let the text's first strong letter decide)."""
    language = language_of(code)
    if language in _RIGHT_TO_LEFT:
        return "rtl"
    return "auto" if language in ("", "und") else "ltr"
