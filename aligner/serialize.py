"""Variants to and from plain JSON data (``schemas/episode.schema.json``)."""

from __future__ import annotations

from typing import Any

from aligner.locales import language_of
from aligner.model import Chapter, Entity, Layout, Quote, Variant
from aligner.numerals import ascii_digits
from aligner.parse.items import parse_ts
from aligner.read import locale_tag


def variant_to_dict(variant: Variant) -> dict[str, Any]:
    return {
        "episode_id": variant.episode_id,
        "title": variant.title,
        "page_locale": variant.page_locale,
        "lang": variant.lang,
        "source_path": variant.source_path,
        "position": variant.position,
        "layout": variant.layout.value,
        "summary": variant.summary,
        "duration": format_duration(variant.duration),
        "caption_langs": list(variant.caption_langs),
        "channel": variant.channel,
        "published": variant.published,
        "tags": list(variant.tags),
        "entity_heading": variant.entity_heading,
        # what S005 reads of the card, so that a check of this JSON finds what a check of the page does
        **({"call_to_action": variant.call_to_action} if variant.call_to_action is not None else {}),
        **({"title_repeated": True} if variant.title_repeated else {}),
        **({"glued": list(variant.glued)} if variant.glued else {}),
        "chapters": [_chapter_to_dict(c) for c in variant.chapters],
        "entities": None
        if variant.entities is None
        else [{"name": e.name, "type": e.type, "description": e.description} for e in variant.entities],
    }


def _ascii_timestamp(written: str) -> str:
    """A timestamp as written, in ASCII digits and colons (the schema's form): ``٢٣:٤٦`` and
    ``２３：４６`` are ``23:46`` (an Arabic variant parsed to JSON was S003 when read back)."""
    return written if written.isascii() else ascii_digits(written).replace("：", ":")


def _chapter_to_dict(chapter: Chapter) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ts": _ascii_timestamp(chapter.ts_text),
        "title": chapter.title,
        "body": chapter.body,
        "quotes": [q.text for q in chapter.quotes],
    }
    if any(q.note for q in chapter.quotes):  # text after a quote on its line: never dropped unseen
        data["quote_notes"] = [q.note for q in chapter.quotes]
    data["title_split"] = chapter.title_split
    return data


def _quotes(data: dict[str, Any]) -> tuple[Quote, ...]:
    notes = data.get("quote_notes") or []
    texts = data.get("quotes", [])
    return tuple(Quote(text, '"', notes[k] if k < len(notes) else "") for k, text in enumerate(texts))


def format_duration(seconds: int | None) -> str | None:
    if seconds is None:
        return None
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def variant_from_dict(data: dict[str, Any], source_path: str, page_locale: str, position: int) -> Variant:
    """Build a Variant from data that already validated against the schema."""
    entities = data.get("entities")
    duration = data.get("duration")
    return Variant(
        source_path=source_path,
        page_locale=_json_locale(data.get("page_locale") or page_locale, source_path),
        position=position,
        title=data.get("title", ""),
        summary=data.get("summary", ""),
        chapters=tuple(
            Chapter(
                ts=parse_ts(c["ts"]),
                ts_text=c["ts"],
                title=c.get("title", ""),
                body=c.get("body", ""),
                quotes=_quotes(c),
                title_split=c.get("title_split", "exact"),  # a flattened page's split stays a guess
            )
            for c in data.get("chapters", [])
        ),
        entities=None
        if entities is None
        else tuple(
            Entity(e["name"], e.get("type", ""), e.get("description", ""), i) for i, e in enumerate(entities)
        ),
        layout=Layout.JSON,
        episode_id=data.get("episode_id"),
        entity_heading=data.get("entity_heading"),
        duration=parse_ts(duration) if duration else None,
        duration_text=duration,
        caption_langs=tuple(data.get("caption_langs", [])),
        channel=data.get("channel"),
        published=data.get("published"),
        tags=tuple(data.get("tags", [])),
        call_to_action=data.get("call_to_action"),
        title_repeated=bool(data.get("title_repeated", False)),
        glued=tuple(data.get("glued", [])),
    )


def _json_locale(locale: str, source_path: str) -> str:
    """A JSON variant's page locale as a tag (``pt-BR`` → ``pt-br``). ``aligner parse`` wrote the
    language alone (``es``) for a page under ``es-MX/`` before page locales kept their region; its
    origin (``all.json#es-MX/page.txt``) still names the tag."""
    tag = locale.lower().replace("_", "-")
    if "-" not in tag and "#" in source_path:
        origin = locale_tag(source_path.split("#", 1)[1])
        if origin is not None and language_of(origin) == tag:
            return origin
    return tag
