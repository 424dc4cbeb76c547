"""Fingerprints are worked out once, by the episode workers that make the findings, sent back
(and cached) with them, and looked up by their inputs afterwards — so never stale."""

from __future__ import annotations

from dataclasses import replace

import pytest

import aligner.fingerprint
from aligner.execution import EpisodeOutcome, evaluate
from aligner.fingerprint import FingerprintInputs
from aligner.pipeline import analyse, check_paths, load
from aligner.results import RunResult
from aligner.settings import Settings
from benchmarks.generate import generate


def _hashed(inputs: FingerprintInputs) -> str:
    aligner.fingerprint._KNOWN.pop(inputs, None)
    return aligner.fingerprint.fingerprint(*inputs)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("catalog")
    generate(folder, 48, per_page=6, defect_rate=0.3, seed=11)  # 18 episodes: checked in workers
    return str(folder)


@pytest.mark.parametrize("cached", [False, True])
def test_outcomes_carry_their_findings_fingerprints(
    catalog: str, tmp_path_factory: pytest.TempPathFactory, cached: bool
) -> None:
    settings = Settings(glossary="samples/glossary.csv")
    analysis = analyse(load([catalog], settings), settings)
    cache = str(tmp_path_factory.mktemp("cache")) if cached else None
    if cached:
        evaluate(analysis, settings, ["E306", "L401", "C106"], 2, cache)  # fills it
    _, outcomes, _ = evaluate(analysis, settings, ["E306", "L401", "C106"], 2, cache)
    findings = [(f, known) for o in outcomes for f, known in zip(o.findings, o.fingerprints, strict=True)]
    assert len(findings) > 10 and all(isinstance(o, EpisodeOutcome) for o in outcomes)
    assert all(known == _hashed(f.fingerprint_inputs) for f, known in findings)


def test_a_run_looks_up_what_the_workers_hashed_and_hashes_what_changed(
    catalog: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aligner.fingerprint, "_KNOWN", {})
    result: RunResult = check_paths([catalog], Settings(severity={"E306": "info"}), jobs=2)
    from_workers = [f for f in result.findings if f.variant_key]
    assert len(from_workers) > 10
    assert all(f.fingerprint_inputs in aligner.fingerprint._KNOWN for f in from_workers)
    hashing = aligner.fingerprint.normalize_evidence

    def no_hashing(text: str) -> str:
        raise AssertionError("hashed again")

    monkeypatch.setattr(aligner.fingerprint, "normalize_evidence", no_hashing)
    looked_up = [f.fingerprint for f in from_workers]
    hashed = next(f for f in from_workers if f.code not in aligner.fingerprint.TEXT_SAMPLED)
    edited = replace(hashed, evidence=hashed.evidence + " (edited)")
    with pytest.raises(AssertionError, match="hashed again"):
        edited.fingerprint  # noqa: B018 — other inputs: worked out, not looked up
    monkeypatch.setattr(aligner.fingerprint, "normalize_evidence", hashing)
    assert looked_up == [_hashed(f.fingerprint_inputs) for f in from_workers]
