"""A waivers file to start from (``aligner waive``): a ``[[waiver]]`` table per finding of a
report, its scraped text made inert for TOML and terminals (``aligner.waivers`` reads it back)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aligner.shown import is_unsafe


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes and backslashes escaped, and control and directional characters
    (``aligner.shown``) written as ``\\uNNNN``, so the template is inert on a terminal too."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif is_unsafe(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _comment(text: str, limit: int = 100) -> str:
    """Scraped text made safe for a one-line TOML comment (no control or directional character)."""
    flat = " ".join("".join(" " if is_unsafe(ch) else ch for ch in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def waiver_template(
    rows: Iterable[Mapping[str, str]], reason: str = "", expires: str = "", fingerprints: bool = True
) -> str:
    """A ``[[waiver]]`` table per findings.csv row (duplicates dropped), ready for a reason.

    Without ``reason`` every entry has ``reason = ""``, which does not load until an editor
    writes why the finding is acceptable.
    """
    out = [
        "# aligner waivers (schemas/waivers.schema.json). Each entry accepts the findings named above it:",
        "# fill in `reason` (required); `expires` (YYYY-MM-DD) is optional; with `fingerprint`",
        "# the waiver stops applying as soon as the finding's evidence changes.",
    ]
    # One entry per key; without fingerprints one entry may accept several findings (two E301 of
    # one variant): its comment names each of them.
    entries: dict[tuple[str, ...], list[Mapping[str, str]]] = {}
    for row in rows:
        fp = row.get("fingerprint", "") if fingerprints else ""
        entries.setdefault(
            (row["episode_id"], row["page_locale"], row["code"], row["chapter_ts"], fp), []
        ).append(row)
    for (_episode, _locale, _code, _chapter, fp), found in entries.items():
        row = found[0]
        comments = dict.fromkeys(_comment(f.get("code", "") + " " + f.get("message", "")) for f in found)
        out += ["", *(f"# {comment}" for comment in comments), "[[waiver]]"]
        out.append(f"episode = {_toml_string(row['episode_id'])}")
        out.append(f"locale = {_toml_string(row['page_locale'])}")
        out.append(f"code = {_toml_string(row['code'])}")
        out.append(f"chapter = {_toml_string(row['chapter_ts'])}")
        out.append(f"reason = {_toml_string(reason)}")
        if expires:
            out.append(f"expires = {_toml_string(expires)}")
        if fp:
            out.append(f"fingerprint = {_toml_string(fp)}")
    return "\n".join(out) + "\n"
