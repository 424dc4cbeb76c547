"""The fast paths of mentions (T503, E306) give what the per-call definitions give (issue 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner import terms
from aligner.checks import entities as check_entities
from aligner.checks.base import EpisodeContext
from aligner.glossary import Glossary
from aligner.mentions import MentionIndex
from aligner.pipeline import analyse, load
from aligner.settings import Settings
from aligner.terms import TermIndex
from tests.plain_terms import NAMES, WORDS, plain_has, plain_mentions, texts

_MENTION_NAMES = [
    *NAMES,
    "Reinforcement Learning",
    "Ludwig van Beethoven",
    "Memory / Continual Learning",
    "ヤン・ルカン",
    "世界模型",
    "Москва",
    "Al",
    "the",
    "A B",
    "(x)",
    "",
    "  ",
    "Gita Matarić",
    "e\u0301tica",
]
_mention_text = st.lists(
    st.one_of(st.sampled_from([*WORDS, *_MENTION_NAMES, "RL", "ルーカン", "モスクワ"]), st.text(max_size=6)),
    max_size=14,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_mention_text, max_size=3),
    st.lists(st.one_of(st.sampled_from(_MENTION_NAMES), st.text(max_size=8))),
)
def test_mentions_match_the_per_call_definition(texts: list[str], names_: list[str]) -> None:
    index = MentionIndex.of(texts)
    for name in names_:
        for is_person in (False, True):
            assert index.mentions(name, is_person) == plain_mentions(index, name, is_person), (
                name,
                is_person,
            )


_forms = st.lists(
    st.one_of(
        st.sampled_from([*WORDS, "", " ", "—", "LLM", "IA", "AMI", "ヤン", "Londres", "ロンドン", "x-y"]),
        st.text(max_size=6),
    ),
    max_size=5,
).map(tuple)


@settings(max_examples=400, deadline=None)
@given(st.lists(texts, max_size=3), st.lists(_forms, max_size=6))
def test_keeps_matches_the_form_by_form_definition(
    texts: list[str], forms_list: list[tuple[str, ...]]
) -> None:
    index = TermIndex.of(texts)
    for forms in forms_list:
        term = terms.Term("t", "name", forms)
        for _ in range(2):  # the second time from the index's memo
            assert index.keeps(term) == any(plain_has(index, f) for f in forms), forms
        assert all(index.has(f) == plain_has(index, f) for f in forms)


@pytest.mark.parametrize("with_glossary", [False, True])
def test_mentions_on_the_sample_pages_match_the_per_call_definition(with_glossary: bool) -> None:
    """Every entity name of the sample catalog (and its glossary renderings) in every variant's text,
    as E306 and T503 ask — and E306's findings equal a per-call E306."""
    root = Path(__file__).resolve().parent.parent / "samples"
    config = Settings(glossary=str(root / "glossary.csv")) if with_glossary else Settings()
    analysis = analyse(load([str(root / "pages")], config, jobs=1), config)
    variants = [v for e in analysis.episodes for v in (e.reference, *e.variants)]
    table = analysis.resources.glossary if isinstance(analysis.resources.glossary, Glossary) else None
    asked = {e.name for v in variants for e in v.entities}
    if table is not None:
        asked |= {
            r
            for n in list(asked)
            if (entry := table.entry_of(n))
            for lang in ("es", "ja", "zh")
            for r in entry.renderings(lang)
        }
    assert len(asked) > 10
    for variant in variants:
        text = [variant.title, variant.summary, *(terms.chapter_text(c) for c in variant.chapters)]
        for index in (
            MentionIndex.of(text),
            *(MentionIndex.of([terms.chapter_text(c)]) for c in variant.chapters),
        ):
            for name in sorted(asked):
                for is_person in (False, True):
                    assert index.mentions(name, is_person) == plain_mentions(index, name, is_person)
    for episode in analysis.episodes:
        ctx = EpisodeContext(episode, analysis.alignments, config, analysis.resources)
        fast = [(f.source_path, f.evidence) for f in check_entities.EntityNotMentioned().run(ctx)]
        assert fast == _plain_e306(ctx)


def _plain_e306(ctx: EpisodeContext) -> list[tuple[str, str]]:
    """E306 with the per-call mention definition."""
    found = []
    for variant in ctx.variants:
        alignment = ctx.alignments.get(variant.key)
        reference_name = {
            id(pair.var): pair.ref.name
            for pair in (alignment.entities if alignment is not None else ())
            if pair.var is not None and pair.ref is not None
        }
        parts = [variant.title, variant.summary]
        parts += [p for c in variant.chapters for p in (c.title, c.body, *(q.text for q in c.quotes))]
        index = MentionIndex.of(parts)
        for entity in variant.entities:
            if not entity.name.strip():
                continue
            is_person = check_entities._canonical_type(entity.type) == "Person"
            names = [entity.name, reference_name.get(id(entity), "")]
            names += check_entities._glossary_renderings(ctx, names, variant.lang)
            if not any(name and plain_mentions(index, name, is_person) for name in names):
                found.append((variant.source_path, f"{entity.name} ({entity.type})"))
    return found
