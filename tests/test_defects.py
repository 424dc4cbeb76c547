"""Defect injection: edit the real scraped pages and check each defect is reported with the
right code at the right chapter, and that untouched variants stay clean."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from aligner.model import Finding, Severity
from aligner.pipeline import check_paths
from aligner.settings import Settings
from tests import defects
from tests.checkedpages import JA_LECUN, checked_with
from tests.conftest import JA_PAGE, SAMPLES

# Codes whose findings a defect may cause (language and L401 are not what these defects change).
STRUCTURAL = ("S009", "C101", "C102", "C103", "C104", "C105", "Q201", "Q202", "E301", "E302", "E303", "E304")

EN_HASSABIS = "Sebastian Mallaby spent three years"
ES_LECUN = "Jacob Effron abre con un avance"  # the reference of LeCun's episode (it has no English card)

Inject = Callable[[str], str]

# (id, page to edit, marker of the episode's body line, edit, expected {(code, chapter_ts)})
CASES: list[tuple[str, str, str, Inject, set[tuple[str, str]]]] = [
    (
        "ja-dropped-chapter",
        "ja",
        JA_LECUN,
        lambda t: defects.drop_chapter(t, JA_LECUN, "15:55"),
        {("C101", "15:55")},
    ),
    (
        "ja-dropped-quote",
        "ja",
        JA_LECUN,
        lambda t: defects.drop_quote(t, JA_LECUN, "12:07"),
        {("Q201", "12:07")},
    ),
    (
        "ja-removed-entity",
        "ja",
        JA_LECUN,
        lambda t: defects.drop_entity(t, JA_LECUN, "Tapestry"),
        {("E301", "")},
    ),
    (
        "ja-retyped-entity",
        "ja",
        JA_LECUN,
        lambda t: defects.retype_entity(t, JA_LECUN, "JEPA", "人物"),
        {("E303", "")},
    ),
    (
        "ja-no-entity-section",
        "ja",
        JA_LECUN,
        lambda t: defects.drop_entity_section(t, JA_LECUN),
        {("E304", "")},
    ),
    (
        "ja-drift",
        "ja",
        JA_LECUN,
        lambda t: defects.retime(t, JA_LECUN, "20:37", "20:40"),
        {("C103", "20:37")},
    ),
    (
        "ja-shifted",
        "ja",
        JA_LECUN,
        lambda t: defects.retime(t, JA_LECUN, "20:37", "23:00"),
        {("C103", "20:37")},
    ),
    (
        "ja-duplicated-timestamp",
        "ja",
        JA_LECUN,
        lambda t: defects.duplicate_chapter(t, JA_LECUN, "28:18"),
        {("S009", "28:18")},
    ),
    (
        # the repeat is S009 on the reference alone; the Japanese card had "lacked" it (C101)
        "es-reference-duplicated-chapter",
        "es",
        ES_LECUN,
        lambda t: defects.duplicate_chapter(t, ES_LECUN, "20:37"),
        {("S009", "20:37")},
    ),
    (
        "ja-swapped-order",
        "ja",
        JA_LECUN,
        lambda t: defects.swap_chapters(t, JA_LECUN, "07:51", "12:07"),
        {("C104", "07:51")},
    ),
    (
        "es-page-english-extra-chapter",
        "es",
        EN_HASSABIS,
        lambda t: defects.add_chapter(
            t,
            EN_HASSABIS,
            "23:46",
            "30:00",
            "A Bonus Segment Jacob closes the segment with a listener question about compute budgets.",
        ),
        {("C102", "30:00")},
    ),
    (
        "es-page-english-dropped-chapter",
        "es",
        EN_HASSABIS,
        lambda t: defects.drop_chapter(t, EN_HASSABIS, "34:08"),
        {("C101", "34:08")},
    ),
    (
        "es-page-english-retyped-and-removed",
        "es",
        EN_HASSABIS,
        lambda t: defects.drop_entity(
            defects.retype_entity(t, EN_HASSABIS, "DeepMind", "Person"), EN_HASSABIS, "Elon Musk"
        ),
        {("E303", ""), ("E301", "")},
    ),
    (
        "es-page-english-dropped-quote-and-offset",
        "es",
        EN_HASSABIS,
        lambda t: defects.drop_quote(defects.retime(t, EN_HASSABIS, "11:27", "11:29"), EN_HASSABIS, "42:39"),
        {("Q201", "42:39"), ("C103", "11:27")},
    ),
]


def _run(tmp_path: Path, locale: str, edit: Inject) -> list[Finding]:
    return checked_with(tmp_path, locale, edit)


def _structural(findings: list[Finding], page_locale: str, marker_lang: str) -> set[tuple[str, str]]:
    return {
        (f.code, f.chapter_ts)
        for f in findings
        if f.code in STRUCTURAL and f.page_locale == page_locale and f.lang == marker_lang
    }


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> list[Finding]:
    return _run(tmp_path_factory.mktemp("clean"), "ja", lambda t: t)


def test_clean_samples_have_no_structural_findings(clean: list[Finding]) -> None:
    assert [f for f in clean if f.code in STRUCTURAL] == []


@pytest.mark.parametrize(("case", "locale", "marker", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_injected_defect_is_reported_at_its_chapter(
    tmp_path: Path,
    clean: list[Finding],
    case: str,
    locale: str,
    marker: str,
    edit: Inject,
    expected: set[tuple[str, str]],
) -> None:
    findings = _run(tmp_path, locale, edit)
    lang = {JA_LECUN: "ja", ES_LECUN: "es"}.get(marker, "en")
    assert _structural(findings, locale, lang) == expected
    # every other variant is untouched: exactly the findings of the clean run
    others = sorted(
        (f.code, f.source_path.split("/pages/")[-1], f.chapter_ts, f.message)
        for f in findings
        if not (f.page_locale == locale and f.lang == lang)
    )
    clean_others = sorted(
        (f.code, f.source_path.split("/pages/")[-1], f.chapter_ts, f.message)
        for f in clean
        if not (f.page_locale == locale and f.lang == lang)
    )
    assert others == clean_others


@pytest.mark.parametrize("offset", [3, 8, 30])
def test_a_constant_offset_is_one_finding(tmp_path: Path, offset: int) -> None:
    """Within the tolerance (3 s) or beyond it (8 s, 30 s: an intro added to one locale's audio).
    LeCun's titles differ, so beyond the tolerance only the shift pairs it (``aligner.pairshift``):
    before, the Japanese card became an episode of its own that nothing was compared with."""
    text = JA_PAGE.read_text(encoding="utf-8")
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if JA_LECUN in line)

    def shifted(match: re.Match[str]) -> str:
        parts = [int(p) for p in match[1].split(":")]
        seconds = 0
        for p in parts:
            seconds = seconds * 60 + p
        seconds += offset
        h, rest = divmod(seconds, 3600)
        m, s = divmod(rest, 60)
        return f" ## [{h:02d}:{m:02d}:{s:02d}]" if h else f" ## [{m:02d}:{s:02d}]"

    lines[index] = re.sub(r" ## \[([\d:]+)\]", shifted, lines[index])
    findings = _run(tmp_path, "ja", lambda _t: "\n".join(lines))
    drift = [f for f in findings if f.code == "C103" and f.lang == "ja"]
    assert len(drift) == 1 and drift[0].chapter_ts == "" and f"+{offset} s" in drift[0].message
    assert drift[0].ref_lang == "es"  # compared with the Spanish LeCun, its episode
    assert not [f for f in findings if f.lang == "ja" and f.severity is Severity.ERROR]


def test_without_a_source_variant_the_most_complete_variant_is_the_pivot(tmp_path: Path) -> None:
    """Spanish and Japanese LeCun, no English: an omission in Spanish is reported on Spanish."""
    marker = "Yann LeCun, ganador del Premio Turing"
    findings = _run(tmp_path, "es", lambda t: defects.drop_chapter(t, marker, "40:51"))
    assert _structural(findings, "es", "es") == {("C101", "40:51")}
    assert _structural(findings, "ja", "ja") == set()


def test_a_low_score_names_only_components_below_one(tmp_path: Path) -> None:
    """The English Hassabis `[15:51]` emptied: its counterparts score low on length alone (their
    timestamps are equal), and T504 must not name the perfect timestamp score as weak."""
    shutil.copytree(SAMPLES, tmp_path / "pages")
    page = tmp_path / "pages" / "en" / "hassabis.md"
    text = page.read_text(encoding="utf-8")
    body = text.split("## [15:51] Project Mario: The Secret Spinout Plan\n", 1)[1].split("\n", 1)[0]
    page.write_text(text.replace(body, "Mario.", 1), encoding="utf-8")
    result = check_paths([str(tmp_path / "pages")], Settings())
    low = [f for f in result.findings if f.code == "T504" and f.chapter_ts == "15:51"]
    assert low
    for finding in low:
        row = next(
            r
            for r in result.chapters
            if r.ref_ts == "15:51" and r.source_path == finding.source_path and r.lang == finding.lang
        )
        values = dict(row.components)
        named = finding.evidence.removeprefix("weakest: ").split(", ")
        assert named and all(values[name] < 1.0 for name in named), (finding.evidence, values)


def test_an_episode_keeps_its_id_when_its_reference_changes(tmp_path: Path) -> None:
    """Spanish and Japanese LeCun, no English: an extra quote in the Japanese card makes it the
    most complete, so the reference — but the episode id (in every fingerprint) stays."""
    clean = check_paths([str(SAMPLES)], Settings())
    marker = next(v for v in clean.variants if v.page_locale == "ja" and "ルカン" in v.title)
    before = next(e for e in clean.episodes if any(v.key == marker.key for v in e.variants))
    assert before.reference.page_locale == "es"

    def extra_quote(text: str) -> str:
        return defects.replace_in_chapter(text, JA_LECUN, "07:51", "。", "。 > *「もう一つの引用。」*")

    _run(tmp_path, "ja", extra_quote)
    after = check_paths([str(tmp_path / "pages")], Settings())
    episode = next(
        e for e in after.episodes if any("ja" in v.key and "ルカン" in v.title for v in e.variants)
    )
    assert episode.reference.page_locale == "ja"  # the pivot is the most complete variant
    assert episode.episode_id == before.episode_id


def test_a_note_after_a_quote_left_in_the_reference_language_is_l403(tmp_path: Path) -> None:
    """A Spanish sentence after a quote of the Japanese LeCun (reference: Spanish) was invisible to
    every check; the zh sample's Chinese gloss of a quote stays unreported."""
    note = "(Nota del editor: este párrafo quedó en español, con la cita de Bill Gates sin traducir.)"

    def spanish_note(text: str) -> str:
        return defects.replace_in_chapter(text, JA_LECUN, "35:49", "」*", "」*" + note)

    findings = _run(tmp_path, "ja", spanish_note)
    notes = [f for f in findings if f.code == "L403" and f.message.startswith("Note after the quote")]
    assert [(f.page_locale, f.chapter_ts, f.evidence) for f in notes] == [("ja", "35:49", note)]
    assert not [f for f in check_paths([str(SAMPLES)], Settings()).findings if f.code == "L403"]


def test_a_heading_glued_to_the_quote_before_it_is_s005(tmp_path: Path) -> None:
    """`…ことだ。」*## [01:45]`: the heading trails the quote of `[00:00]` on its line, so its chapter
    is missing (C101) — and S005 now names the seam that explains it."""
    findings = _run(tmp_path, "ja", lambda t: t.replace("」* ## [01:45]", "」*## [01:45]", 1))
    glued = [f for f in findings if f.code == "S005" and f.page_locale == "ja"]
    assert [(f.chapter_ts, f.evidence.split("|")[1]) for f in glued] == [("00:00", "## [01:45] L")]
    assert glued[0].message.startswith("Chapter `[00:00]` quote and next chapter heading run together")
    assert ("C101", "01:45") in _structural(findings, "ja", "ja")


def test_tags_glued_to_the_next_title_are_split_and_named(tmp_path: Path) -> None:
    """`#demis-hassabis#deepmind#ai-safetyGemini Co-Lead…` on one line of the real Spanish page: the
    tags stay with the Hassabis card and the Gemini card keeps its title — before, the line became a
    phantom card (an L401 error) and both real cards lost a field (S004)."""
    seam = "#ai-safety\nGemini Co-Lead on World Models"
    findings = _run(tmp_path, "es", lambda t: t.replace(seam, seam.replace("\n", ""), 1))
    clean_result = check_paths([str(SAMPLES)], Settings())
    es_findings = sorted((f.code, f.episode_id, f.message) for f in findings if f.page_locale == "es")
    clean_es = sorted(
        (f.code, f.episode_id, f.message) for f in clean_result.findings if f.page_locale == "es"
    )
    added = [f for f in es_findings if f not in clean_es]
    assert [(code, message) for code, _episode, message in added] == [
        ("S005", "Tags and title run together: `#ai-safety|Gemini`")
    ]
    assert [f for f in clean_es if f not in es_findings] == []  # nothing lost, no phantom card


def _drop_body(title: str) -> Callable[[str, str, str], str]:
    """An edit that leaves a flattened chapter its heading ``title`` and quote, its body gone."""

    def edit(text: str, marker: str, ts: str) -> str:
        def cut(line: str) -> str:
            start, end = line.index(f" ## [{ts}] {title} "), line.find(" > *", line.index(f" ## [{ts}]"))
            return line[: start + len(f" ## [{ts}] {title}")] + line[end:]

        return defects._edit(text, marker, cut)

    return edit


@pytest.mark.parametrize(
    ("locale", "marker", "ts", "title"),
    [
        ("es", "Yann LeCun, ganador del Premio Turing", "58:00", "Por qué Yann dejó Meta"),
        ("ja", JA_LECUN, "35:49", "OpenAIは次のSun Microsystems"),
    ],
)
def test_a_flattened_chapter_with_its_body_gone_is_empty(
    tmp_path: Path, locale: str, marker: str, ts: str, title: str
) -> None:
    """The title/body splitter used to cut a bare title in two (`Por qué` + `Yann dejó Meta`), so
    the empty chapter was an S008 'stops mid-sentence' warning instead of a C105 error."""
    findings = _run(tmp_path, locale, lambda t: _drop_body(title)(t, marker, ts))
    mine = [f for f in findings if f.page_locale == locale and f.chapter_ts == ts and f.lang == locale]
    assert ("C105", ts) in _structural(findings, locale, locale)
    assert [f.evidence for f in mine if f.code == "C105"] == [title]
    assert not [f for f in mine if f.code == "S008"]


def test_a_reference_entity_list_written_twice_costs_its_copies_nothing(
    tmp_path: Path, clean: list[Finding]
) -> None:
    """The English page repeats its entity list whole: the English copies on the es and ja pages
    had each "lacked" the 13 entities of the repeat (26 E301 errors)."""
    shutil.copytree(SAMPLES, tmp_path / "pages")
    page = tmp_path / "pages" / "en" / "hassabis.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("\n", text.index("## Entities")) + 1
    end = text.index("\n#demis")
    page.write_text(text[:end] + "\n" + text[start:end] + text[end:], encoding="utf-8")
    findings = check_paths([str(tmp_path / "pages")], Settings()).findings

    def structural(found: list[Finding] | tuple[Finding, ...]) -> list[tuple[str, str, str]]:
        return sorted((f.code, f.page_locale, f.message) for f in found if f.code in STRUCTURAL)

    assert structural(findings) == structural(clean) == []


def test_a_translation_cut_off_mid_card_is_still_compared(tmp_path: Path) -> None:
    """The Spanish page ends in the 8th of LeCun's 13 chapters (entities gone): its card no longer
    paired with the Japanese one (7 of 13 timestamps, no entities), so it was checked against
    nothing — no finding, a pass. Its chapters are the start of the other's: one episode."""

    def cut(text: str) -> str:
        line = next(line for line in text.split("\n") if ES_LECUN in line)
        at = line.index(" ## [28:18]") + 40  # mid-chapter
        return text[: text.index(line)] + line[:at] + "\n"

    shutil.copytree(SAMPLES, tmp_path / "pages")
    page = tmp_path / "pages" / "es" / "laidub-es-page.txt"
    page.write_text(cut(page.read_text(encoding="utf-8")), encoding="utf-8")
    result = check_paths([str(tmp_path / "pages")], Settings())
    lecun = next(
        e for e in result.episodes if any(v.lang == "ja" and v.page_locale == "ja" for v in e.variants)
    )
    assert sorted((v.page_locale, v.lang) for v in lecun.variants) == [("es", "es"), ("ja", "ja")]
    found = {(f.code, f.chapter_ts) for f in result.findings if f.page_locale == "es" and f.lang == "es"}
    assert {("E304", "")} | {("C101", ts) for ts in ("35:49", "40:51", "44:32", "58:00")} <= found


def test_a_translation_that_lost_its_entities_and_chapters_is_still_compared(tmp_path: Path) -> None:
    """The Japanese LeCun card loses its entity list and 3 of its 13 chapters: it had paired with
    nothing (10 of 13 timestamps, and a missing list counted as no shared entity), so the worse
    the translation, the likelier the gate passed it. A missing list is no evidence either way."""

    def damaged(text: str) -> str:
        lines = text.split("\n")
        at = next(i for i, line in enumerate(lines) if "## [35:49]" in line and "## [40:51]" in line)
        card = lines[at][: lines[at].index(" ## 登場人物")]
        for start, end in (("35:49", "40:51"), ("12:07", "15:55"), ("58:00", "01:00:26")):
            card = card[: card.index(f" ## [{start}]")] + card[card.index(f" ## [{end}]") :]
        lines[at] = card
        return "\n".join(lines)

    shutil.copytree(SAMPLES, tmp_path / "pages")
    page = tmp_path / "pages" / "ja" / "laidub-ja-page.txt"
    page.write_text(damaged(page.read_text(encoding="utf-8")), encoding="utf-8")
    result = check_paths([str(tmp_path / "pages")], Settings())
    assert len(result.episodes) == 3  # as with the intact page: no lone Japanese card
    found = {(f.code, f.chapter_ts) for f in result.findings if f.page_locale == "ja" and f.lang == "ja"}
    assert {("E304", "")} | {("C101", ts) for ts in ("12:07", "35:49", "58:00")} <= found


def test_swapped_bodies_are_reported_on_both_chapters(tmp_path: Path) -> None:
    """The Japanese bodies of [28:18] and [35:49] exchanged: C106 reported [28:18] only, the
    Japanese [28:18] text having too few anchors for the Spanish chapter to claim it clearly.
    A clear misalignment's partner whose content fits the first chapter as well is its swap."""
    from aligner.parse import parse_page
    from aligner.read import read_page

    shutil.copytree(SAMPLES, tmp_path / "pages")
    page = tmp_path / "pages" / "ja" / "laidub-ja-page.txt"
    text = page.read_text(encoding="utf-8")
    lecun = next(v for v in parse_page(read_page(str(JA_PAGE))).variants if JA_LECUN in v.summary)
    a, b = (next(c.body for c in lecun.chapters if c.ts_text == ts) for ts in ("28:18", "35:49"))
    assert text.count(a) == text.count(b) == 1
    page.write_text(text.replace(a, "\0").replace(b, a).replace("\0", b), encoding="utf-8")
    findings = check_paths([str(tmp_path / "pages")], Settings()).findings
    found = {(f.chapter_ts, f.message) for f in findings if f.code == "C106" and f.page_locale == "ja"}
    assert {ts for ts, _message in found} == {"28:18", "35:49"}
    assert any("swapped with `[28:18]`" in message for _ts, message in found)


def test_a_reference_page_whose_headings_are_lost_is_no_reference(tmp_path: Path) -> None:
    """The English page's headings written `**[00:00] Intro**` are read as no chapter at all: the
    English card stayed the reference, and each translation had 11 extra chapters (C102), a
    truncated summary (T505) and changed numbers, while the page that broke had nothing (found by
    QA of layout variations). A source page without chapters is passed over for the pivot."""
    shutil.copytree(SAMPLES, tmp_path / "pages")
    page = tmp_path / "pages" / "en" / "hassabis.md"
    page.write_text(re.sub(r"^## (\[[\d:]+\] .*)$", r"**\1**", page.read_text(encoding="utf-8"), flags=re.M))
    findings = check_paths([str(tmp_path / "pages")], Settings()).findings
    hassabis = [f for f in findings if f.episode_id.startswith("a-conversation-with-demis")]
    assert {(f.page_locale, f.code) for f in hassabis if f.code in ("C101", "C102", "T505")} == {
        ("en", "C101")
    }
    assert sum(f.code == "C101" for f in hassabis) == 11
