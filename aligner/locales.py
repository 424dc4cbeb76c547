"""Locale tags and their languages: ``pt-BR`` and ``pt_br`` are the tag ``pt-br`` of ``pt``."""

from __future__ import annotations


def language_of(code: str) -> str:
    """The language of a locale tag: ``zh-Hans`` → ``zh``, ``pt_BR`` → ``pt``, ``EN`` → ``en``;
    ``""`` and ``und`` stay as they are."""
    return code.strip().lower().replace("_", "-").split("-")[0]
