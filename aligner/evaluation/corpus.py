"""Labelled runs on the real sample pages: which variant to edit, how, and the run on the result.

A :class:`Target` names one variant of the sample pages (page file + a marker unique to the
episode's text). An :class:`Edit` receives the page text and the target's :class:`Chapters`
(titles and bodies of the variant and of its reference, from parsing the clean pages) and returns
the edited text. :func:`run_edits` copies the pages to a temporary folder, applies the edits and
runs the pipeline up to the alignments (``analysis``) or all the way (``result``).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from aligner.model import Alignment, Chapter, Episode, Variant
from aligner.pipeline import Analysis, analyse, build_result, load
from aligner.results import RunResult
from aligner.settings import Settings

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLES = ROOT / "samples" / "pages"

MARKER_LECUN = "チューリング賞受賞者でAMI Labs創業者"
MARKER_HASSABIS = "Sebastian Mallaby spent three years"
MARKER_VINYALS = "Oriol Vinyals(Google DeepMind VP of Research、Gemini 联合负责人)在 Google I/O"


@dataclass(frozen=True, slots=True)
class Target:
    name: str  # e.g. "es→ja LeCun"
    page: str  # page file relative to the samples folder
    marker: str  # text unique to the episode (its summary or a chapter body)


LECUN_JA = Target("es→ja LeCun", "ja/laidub-ja-page.txt", MARKER_LECUN)
HASSABIS_ES = Target("en→es-copy Hassabis", "es/laidub-es-page.txt", MARKER_HASSABIS)
HASSABIS_JA = Target("en→ja-copy Hassabis", "ja/laidub-ja-page.txt", MARKER_HASSABIS)
VINYALS_ES = Target("zh→es-copy Vinyals", "es/laidub-es-page.txt", MARKER_VINYALS)
VINYALS_JA = Target("zh→ja-copy Vinyals", "ja/laidub-ja-page.txt", MARKER_VINYALS)
TARGETS: tuple[Target, ...] = (LECUN_JA, HASSABIS_ES, HASSABIS_JA, VINYALS_ES, VINYALS_JA)


@dataclass(frozen=True, slots=True)
class Chapters:
    """The target variant's chapters and its reference's, by timestamp text (clean pages)."""

    var: dict[str, Chapter]
    ref: dict[str, Chapter]

    @property
    def timestamps(self) -> list[str]:
        return list(self.var)

    def title(self, ts: str) -> str:
        return self.var[ts].title

    def body(self, ts: str) -> str:
        return self.var[ts].body

    def ref_body(self, ts: str) -> str:
        return self.ref[ts].body


Edit = Callable[[str, Chapters], str]


def is_target(variant: Variant, target: Target) -> bool:
    if not variant.source_path.replace("\\", "/").endswith(target.page):
        return False
    return target.marker in variant.summary or any(target.marker in c.body for c in variant.chapters)


def find(analysis: Analysis, target: Target) -> tuple[Episode, Alignment]:
    for episode in analysis.episodes:
        for variant in episode.others:
            if is_target(variant, target):
                return episode, analysis.alignments[variant.key]
    raise LookupError(f"target {target.name} not found among the aligned variants")


@cache
def _clean_analysis(samples: str) -> Analysis:
    settings = Settings()
    return analyse(load([samples], settings), settings)


def chapters(target: Target, samples: Path = SAMPLES) -> Chapters:
    episode, alignment = find(_clean_analysis(str(samples)), target)
    return Chapters(
        var={c.ts_text: c for c in alignment.variant.chapters},
        ref={c.ts_text: c for c in episode.reference.chapters},
    )


def _materialize(edits: Sequence[tuple[Target, Edit]], root: Path, samples: Path) -> Path:
    pages = root / "pages"
    shutil.copytree(samples, pages)
    for target, edit in edits:
        path = pages / target.page
        path.write_text(edit(path.read_text(encoding="utf-8"), chapters(target, samples)), encoding="utf-8")
    return pages


def run_analysis(
    edits: Sequence[tuple[Target, Edit]], settings: Settings | None = None, samples: Path = SAMPLES
) -> Analysis:
    settings = settings or Settings()
    with tempfile.TemporaryDirectory(prefix="aligner-eval-") as tmp:
        pages = _materialize(edits, Path(tmp), samples)
        return analyse(load([str(pages)], settings), settings)


def run_result(
    edits: Sequence[tuple[Target, Edit]], settings: Settings | None = None, samples: Path = SAMPLES
) -> RunResult:
    settings = settings or Settings()
    with tempfile.TemporaryDirectory(prefix="aligner-eval-") as tmp:
        pages = _materialize(edits, Path(tmp), samples)
        return build_result(load([str(pages)], settings), settings)
