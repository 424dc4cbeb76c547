"""Safe episode page names and HTML ids from hostile scraped text."""

from __future__ import annotations

import hashlib

import pytest

from aligner.report.filenames import MAX_STEM, RESERVED, safe_stem, safe_token, unique_stems


def stems_hash(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


STEM_CASES: list[tuple[str, str]] = [
    (
        "Yann LeCun sobre lo que viene después de los LLMs",
        "yann-lecun-sobre-lo-que-viene-despues-de-los-llms",
    ),
    ("../../etc/passwd", "etc-passwd"),
    ("..\\..\\Windows\\System32", "windows-system32"),
    ("CON", "con-episode"),
    ("nul", "nul-episode"),
    ("Com1", "com1-episode"),
    ("LPT9", "lpt9-episode"),
    ("con.txt", "con-txt"),  # no longer a device name once the dot is gone
    ("", "episode"),
    ("...", "episode"),
    ('\x00\x01/\\:*?"<>|', "episode"),
    ("<script>alert(1)</script>", "script-alert-1-script"),
    ("ヤン・ルカンが語るLLMの先にあるもの", "yan-rukangayurullmnoxianniarumono"),
    ("Ｆｕｌｌ　Ｗｉｄｔｈ", "full-width"),
    (".hidden", "hidden"),
    ("-leading-dash", "leading-dash"),
]


@pytest.mark.parametrize(("text", "expected"), STEM_CASES, ids=[repr(c[0])[:30] for c in STEM_CASES])
def test_safe_stem(text: str, expected: str) -> None:
    stem = safe_stem(text)
    assert stem == expected
    assert stem and len(stem) <= MAX_STEM
    assert set(stem) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert stem not in RESERVED and not stem.startswith("-") and not stem.endswith("-")


def test_long_names_are_bounded() -> None:
    stem = safe_stem("word " * 500)
    assert len(stem) <= MAX_STEM and not stem.endswith("-")


def test_unique_stems_are_unique_deterministic_and_order_independent_for_hashes() -> None:
    names = ["Episode One", "episode one", "EPISODE-ONE", "Episode One", "x" * 300, "x" * 301]
    stems = unique_stems(names)
    assert len(set(stems)) == len(stems) == 6
    assert stems[0] == "episode-one"
    assert all(len(s) <= MAX_STEM for s in stems)
    assert stems == unique_stems(names)  # deterministic
    assert unique_stems(["A", "A", "A"]) == ["a", f"a-{stems_hash('A')}", f"a-{stems_hash('A')}-2"]
    # a collision's suffix comes from the name itself, not from its position
    assert unique_stems(["a b", "A-B"])[1] == unique_stems(["a_b", "zzz", "A-B"])[2]


def test_every_stem_is_distinct_case_insensitively() -> None:
    stems = unique_stems(["Ab", "aB", "AB", "ab"])
    assert len({s.casefold() for s in stems}) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ja", "ja"), ("zh-Hans", "zh-Hans"), ("", "x"), ('"><x', "x"), ("a b/c", "a-b-c"), ("und", "und")],
)
def test_safe_token(text: str, expected: str) -> None:
    assert safe_token(text) == expected
