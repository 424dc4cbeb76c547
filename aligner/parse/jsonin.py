"""JSON input: a document, list or single variant per ``schemas/episode.schema.json``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from aligner.model import RawPage, Variant
from aligner.parse.items import timestamp_fault
from aligner.read import as_page_text, is_output_head, without_surrogates
from aligner.schema import variant_errors
from aligner.serialize import variant_from_dict
from aligner.textdamage import FIELD_SEPARATOR, direction_damage

if TYPE_CHECKING:
    from aligner.parse import PageProblem


def parse_json_page(page: RawPage) -> tuple[list[Variant], list[PageProblem]]:
    from aligner.parse import PageProblem

    try:
        return _parse(page)
    except RecursionError:  # `[[[[…` a thousand deep: the JSON reader or the schema validator recurses
        return [], [PageProblem("S003", f"`{page.path}`: invalid JSON (nested too deeply to read)")]


def _parse(page: RawPage) -> tuple[list[Variant], list[PageProblem]]:
    from aligner.parse import PageProblem

    assert page.text is not None
    try:
        data: Any = json.loads(page.text)
    except json.JSONDecodeError as exc:
        return [], [PageProblem("S003", f"`{page.path}`: invalid JSON ({exc.msg} at line {exc.lineno})")]
    if is_output_head(page.text[:256].encode()):
        return [], [
            PageProblem("S003", f"`{page.path}`: an aligner report, not episode JSON (see `aligner parse`)")
        ]
    problems: list[PageProblem] = []
    if "\\u" in page.text:  # an escape may hide what reading a page removes (see ``_mended``)
        strings = FIELD_SEPARATOR.join(map(without_surrogates, _strings(data)))
        if (damage := direction_damage(strings, numbered=False)) is not None:
            problems.append(PageProblem("S006", *damage))  # as reading reports them unescaped
        data = _mended(data)
    if isinstance(data, dict) and "variants" in data:
        items = data["variants"]
    elif isinstance(data, list):
        items = data
    else:
        items = [data]
    if not isinstance(items, list):
        return [], [*problems, PageProblem("S003", f"`{page.path}`: `variants` must be a list")]
    variants: list[Variant] = []
    for position, item in enumerate(items):
        errs = variant_errors(item)
        if errs and not variant_errors(_clock_times_mended(item)):
            errs = []  # only times no clock shows (`12:75`): checked as read, each an S003 (parse_page)
        if errs:
            title = item.get("title", "") if isinstance(item, dict) else ""
            named = f"{title[:60]} — " if isinstance(title, str) else ""  # `"title": 5` is one of errs
            problems.append(
                PageProblem(
                    "S003",
                    # the first fault in the message: a gate's log shows messages, not evidence
                    f"`{page.path}` variant {position} violates the episode schema ({errs[0][:100]})",
                    named + "; ".join(errs),
                )
            )
            continue
        variants.append(variant_from_dict(item, _origin(page.path, item), page.locale, position))
    return variants, problems


_CLOCK_SHAPED = re.compile(r"\d{1,3}(?::\d{2}){1,2}")


def _clock_times_mended(item: Any) -> Any:
    """``item`` with each chapter time and duration that has the shape of a time but shows none a
    clock does (``12:75``) as ``00:00``: what the schema would then still reject is a real fault.
    On a page such a card is checked with the time as read (``13:15``); so is it in JSON."""
    if not isinstance(item, dict):
        return item

    def mended(value: Any) -> Any:
        faulty = isinstance(value, str) and _CLOCK_SHAPED.fullmatch(value) and timestamp_fault(value)
        return "00:00" if faulty else value

    copy = dict(item)
    if "duration" in item:
        copy["duration"] = mended(item["duration"])
    chapters = item.get("chapters")
    if isinstance(chapters, list):
        copy["chapters"] = [
            dict(c, ts=mended(c.get("ts"))) if isinstance(c, dict) and "ts" in c else c for c in chapters
        ]
    return copy


def _origin(path: str, item: dict[str, Any]) -> str:
    """Where a variant of this file comes from: the file, or ``FILE#PAGE`` when the variant names
    the page it was parsed from (``aligner parse`` writes ``source_path``). A file that holds the
    cards of several pages must not make them one page: cards of one page never pair on their
    chapter timestamps, and S004 compares a card with the others of its page."""
    declared = item.get("source_path")
    return f"{path}#{declared}" if isinstance(declared, str) and declared and declared != path else path


def _mended(value: Any) -> Any:
    """``value`` with its strings (keys too) as a page's text reads (``as_page_text``): an escape
    may be half a surrogate pair (``"\\ud800"``, which no report encodes: U+FFFD, reported by S006
    as a replacement character anywhere) or a character reading removes (``"\\u202e"``, ``"\\u00ad"``:
    a soft hyphen in a name made it no name of the reference's)."""
    if isinstance(value, str):
        return as_page_text(value)
    if isinstance(value, list):
        return [_mended(item) for item in value]
    if isinstance(value, dict):
        return {_mended(key): _mended(item) for key, item in value.items()}
    return value


def _strings(value: Any) -> Iterator[str]:
    """Every string of a JSON value (keys too), in document order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
