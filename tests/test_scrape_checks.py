"""S004/S005/S008 on the real scraped pages, clean and with scraping defects injected into them."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from aligner.checks.scrape import ending, text_units
from aligner.pipeline import check_paths
from aligner.results import RunResult
from aligner.settings import Settings
from tests.conftest import ES_PAGE, SAMPLES

ES_TEXT = ES_PAGE.read_text(encoding="utf-8")
LECUN_BODY = "Yann LeCun, ganador del Premio Turing"
SCRAPE = ("S004", "S005", "S008")


LANGUAGES = Path(__file__).parent / "data" / "languages"


def _run(tmp_path: Path, text: str) -> list[tuple[str, str, str, str]]:
    assert text != ES_TEXT, "the injection changed nothing"
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "page.txt").write_text(text, encoding="utf-8")
    result = check_paths([str(tmp_path)], Settings(select=SCRAPE))
    return sorted((f.code, f.episode_id.split("-")[0], f.chapter_ts, f.evidence) for f in result.findings)


def _merge_lines(first: int, second: int) -> str:
    """Glue physical line ``second`` (1-based) onto line ``first``, as a scraper losing a newline."""
    lines = ES_TEXT.split("\n")
    lines[first - 1] += lines[second - 1]
    del lines[second - 1]
    return "\n".join(lines)


def test_real_spanish_cards_each_have_the_channel_glued_to_the_date(samples_result: RunResult) -> None:
    found = [f for f in samples_result.findings if f.code in SCRAPE]
    by_page = Counter((f.code, f.source_path.rsplit("/", 1)[-1]) for f in found)
    assert by_page == Counter({("S005", "laidub-es-page.txt"): 3})  # no S004, no S008, nothing on ja
    es = [f for f in found if f.page_locale == "es"]
    assert {f.evidence for f in es} == {"Effron|hace"}
    assert sorted(f.episode_id.split("-")[0] for f in es) == ["a", "gemini", "yann"]


def test_real_pages_descriptions_without_final_period_are_a_style(samples_result: RunResult) -> None:
    endings: Counter[tuple[str, str, str]] = Counter()
    for variant in samples_result.variants:
        if variant.source_path.endswith(("laidub-es-page.txt", "laidub-ja-page.txt")):
            for unit in text_units(variant, {}):
                endings[(variant.page_locale, unit.group, ending(unit.text))] += 1
    # every summary and chapter body ends a sentence; the LeCun cards (es and ja) write all nine
    # entity descriptions without a final period — their style, so S008 stays silent
    assert endings == Counter(
        {
            ("es", "prose", "terminal"): 44,
            ("es", "description", "terminal"): 23,
            ("es", "description", "open"): 9,
            ("ja", "prose", "terminal"): 44,
            ("ja", "description", "terminal"): 23,
            ("ja", "description", "open"): 9,
        }
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هل كان سباق الذكاء الاصطناعي حتميًا؟", "terminal"),  # the Arabic question mark
        ("اردو میں ایک جملہ۔", "terminal"),  # the Arabic full stop (Urdu)
        ("यह एक वाक्य है।", "terminal"),  # the Devanagari danda
        ("مالابي، هسابيس،", "dangling"),  # the Arabic comma
        ("هسابيس؛", "dangling"),  # the Arabic semicolon
    ],
)
def test_sentence_ends_of_other_scripts(text: str, expected: str) -> None:
    # A Hindi body cut mid-sentence could never be S008, and an Arabic question was "cut"
    assert ending(text) == expected


@pytest.mark.parametrize(
    ("name", "edit", "expected"),
    [
        (
            "description cut among punctuated ones",
            lambda t: t.replace("from Google under Project Mario.", "from Google under Project", 1),
            ("S008", "a", "", "…nance DeepMind's potential spinout from Google under Project"),
        ),
        (
            "chapter body stops on a function word",
            lambda t: t.replace("safe enough to ship.", "safe enough to", 1),
            ("S008", "a", "04:03", "…ect, but it does adjudicate whether drugs are safe enough to"),
        ),
        (
            "period-less description stops on `de`",
            lambda t: t.replace("cocreador de JEPA", "cocreador de", 1),
            ("S008", "yann", "", "…entor de las redes neuronales convolucionales y cocreador de"),
        ),
        (
            "summary stops on a comma",
            lambda t: t.replace("he could not stop it.", "he could not stop it,", 1),
            ("S008", "a", "", "…e lab, even a Nobel Prize-winning one, he could not stop it,"),
        ),
        ("title glued to its duration", lambda t: _merge_lines(5, 6), ("S005", "a", "", "Biographer|56:10")),
        (
            "captions glued to the call to action",
            lambda t: _merge_lines(7, 8),
            ("S005", "a", "", "EN/ZH|Watch"),
        ),
        (
            "call to action glued to the channel",
            lambda t: _merge_lines(8, 9),
            ("S005", "a", "", "Captions|Unsupervised"),
        ),
        (
            "summary glued to the first chapter",
            lambda t: t.replace("stop it. ## [00:00]", "stop it.## [00:00]", 1),
            ("S005", "a", "", "it.|## [00:00] I"),
        ),
        (
            "entity glued to the next entity",
            lambda t: t.replace("Ventures. - **Reid", "Ventures.- **Reid", 1),
            ("S005", "a", "", "Ventures.|- **Reid Hof"),
        ),
        (
            "chapter body glued to its quote",
            lambda t: t.replace('ship. > *"', 'ship.> *"', 1),
            ("S005", "a", "04:03", "ship.|> *\"You can'"),
        ),
        (
            "tags glued to the next title",
            lambda t: _merge_lines(15, 16),
            (
                "S005",
                "gemini",
                "",
                "#ai-safety|Gemini",
            ),  # split again: reported on the card whose title ran in
        ),
        (
            "one card loses its duration and tags",
            lambda t: t.replace("1:21:56\n", "", 1).replace("#llm-critique#world-models#jepa", "", 1),
            ("S004", "yann", "", "duration"),
        ),
    ],
)
def test_injected_scraping_defects_on_the_real_spanish_page(
    tmp_path: Path, name: str, edit: Callable[[str], str], expected: tuple[str, str, str, str]
) -> None:
    found = _run(tmp_path, edit(ES_TEXT))
    assert expected in found, f"{name}: {found}"


def _repeat_lecun_card(edit: Callable[[str], str] = lambda card: card) -> str:
    """The real Spanish page with its LeCun card (lines 27–37) scraped a second time, ``edit``ed."""
    lines = ES_TEXT.split("\n")
    card = "\n".join(lines[26:37])
    assert card.startswith("Yann LeCun sobre") and card.endswith("#jepa")
    return ES_TEXT.rstrip("\n") + "\n" + edit(card) + "\n"


def _duplicates(tmp_path: Path, text: str) -> list[tuple[str, str, str, str]]:
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "page.txt").write_text(text, encoding="utf-8")
    result = check_paths([str(tmp_path)], Settings())
    assert len(result.variants) == 4  # the repeated card is still checked as a variant
    return [
        (f.episode_id.split("-")[0], f.severity.value, f.message, f.evidence)
        for f in result.findings
        if f.code == "S010"
    ]


def test_a_card_scraped_twice_is_reported_once_as_an_identical_copy(tmp_path: Path) -> None:
    assert _duplicates(tmp_path, _repeat_lecun_card()) == [
        (
            "yann",
            "warning",
            "The episode appears again on the `es` page: card 4 repeats card 3 (identical)",
            "identical copies",
        )
    ]


def test_a_second_differing_version_of_a_card_is_an_error_naming_what_differs(tmp_path: Path) -> None:
    def older(card: str) -> str:
        edited = card.replace("Premio Turing", "premio Turing", 1).replace("#jepa", "#jepa#ami-labs")
        assert edited.count("premio Turing") == card.count("premio Turing") + 1
        return edited

    [(episode, severity, message, evidence)] = _duplicates(tmp_path, _repeat_lecun_card(older))
    assert (episode, severity) == ("yann", "error")
    assert message.endswith("repeats card 3 with differences (summary): keep one")  # tags are not content
    assert evidence == "summary"


def test_regional_pages_stay_apart_after_a_parse_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A card on ``pt-BR/`` and one on ``pt-PT/`` are one per region, also when checked from the
    JSON that ``aligner parse`` wrote (its variants name their page after a ``#``,
    ``all.json#pt-BR/page.txt``): it was an S010 error."""
    from click.testing import CliRunner

    from aligner.cli import main

    monkeypatch.chdir(tmp_path)
    for region in ("pt-BR", "pt-PT"):
        Path(region).mkdir()
        (Path(region) / "page.txt").write_text(ES_TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "pt-BR", "pt-PT", "-o", "all.json"])
    assert result.exit_code == 0, result.output
    for paths in (["pt-BR", "pt-PT"], ["all.json"]):
        checked = check_paths(paths, Settings())
        assert len(checked.variants) == 6
        assert [f.message for f in checked.findings if f.code == "S010"] == [], paths


def test_regional_pages_are_two_locales_for_reports_settings_waivers_and_baselines(tmp_path: Path) -> None:
    """``pt-BR/`` and ``pt-PT/`` were both `pt` pages: a finding accepted for one region (waiver,
    baseline: same key, same fingerprint) hid the same new defect in the other, and
    ``[locales.pt-BR]`` applied to nothing. The page locale keeps its region now; settings for
    the language (``[locales.pt]``) still apply to both."""
    for region in ("pt-BR", "pt-PT", "pt"):
        (tmp_path / region).mkdir()
        (tmp_path / region / "page.txt").write_text(ES_TEXT, encoding="utf-8")
    checked = check_paths([str(tmp_path / r) for r in ("pt-BR", "pt-PT")], Settings())
    assert sorted({v.page_locale for v in checked.variants}) == ["pt-br", "pt-pt"]
    from aligner.baseline import finding_key

    s005 = [f for f in checked.findings if f.code == "S005"]
    # a baseline tells the regions apart (the fingerprint is the language's, so entries written
    # when both were `pt` still match; the locale in the key separates them)
    assert len(s005) == 6 and len({finding_key(f) for f in s005}) == 6
    assert len({f.fingerprint for f in s005}) == 3
    settings = Settings(
        locales={"pt": {"severity": {"S005": "error"}}, "pt-br": {"severity": {"S005": "info"}}}
    )
    assert settings.severity_for("S005", "pt-br") == "info"  # the region's own setting first
    assert settings.severity_for("S005", "pt-pt") == "error"  # then its language's
    both = check_paths([str(tmp_path / r) for r in ("pt-BR", "pt")], Settings())
    # a page naming no region may hold a copy of a regional one: one S010 per episode
    assert len([f for f in both.findings if f.code == "S010"]) == 3


def test_a_stale_draft_is_the_copy_reported_whatever_its_file_name(tmp_path: Path) -> None:
    """``ja/a-draft.txt`` (the LeCun card without a chapter) sorts before ``ja/page.txt``: the
    complete card is the one kept, the draft the one reported - it was the other way round."""
    from tests import defects
    from tests.conftest import JA_PAGE, SAMPLES

    for name in ("en", "es"):
        (tmp_path / name).mkdir()
    (tmp_path / "es" / "page.txt").write_text(ES_TEXT, encoding="utf-8")
    (tmp_path / "en" / "hassabis.md").write_text((SAMPLES / "en" / "hassabis.md").read_text("utf-8"), "utf-8")
    (tmp_path / "ja").mkdir()
    ja = JA_PAGE.read_text(encoding="utf-8")
    (tmp_path / "ja" / "page.txt").write_text(ja, encoding="utf-8")
    draft = defects.drop_chapter(ja, "チューリング賞受賞者でAMI Labs創業者", "15:55")
    (tmp_path / "ja" / "a-draft.txt").write_text(draft, encoding="utf-8")
    found = [
        f
        for f in check_paths([str(tmp_path)], Settings()).findings
        if f.code == "S010" and f.severity.value == "error"
    ]
    assert [(f.source_path.rsplit("/", 1)[-1], f.episode_id.split("-")[0]) for f in found] == [
        ("a-draft.txt", "yann")
    ]
    assert "chapters at other times (13 → 12)" in found[0].message


def _regional(tmp_path: Path, regions: tuple[str, ...], text: str = ES_TEXT) -> list[str]:
    for region in regions:
        (tmp_path / region).mkdir(parents=True)
        (tmp_path / region / "page.txt").write_text(text, encoding="utf-8")
    return [str(tmp_path / region) for region in regions]


def test_a_language_waiver_written_before_regional_locales_still_covers_each_region(tmp_path: Path) -> None:
    """A `pt` waiver with the fingerprint a `pt` page gave (what `aligner waive` wrote when every
    pt page was `pt`) covers pt-br and pt-pt findings: it went stale on upgrade day."""
    from datetime import date

    from aligner.waivers import Waiver, apply_waivers

    before = check_paths(_regional(tmp_path / "a", ("pt",)), Settings())
    old = next(f for f in before.findings if f.code == "S005")
    waiver = Waiver(
        old.episode_id, "pt", "S005", "", "the channel line is glued on purpose", None, old.fingerprint
    )
    now = check_paths(_regional(tmp_path / "b", ("pt-BR", "pt-PT")), Settings())
    s005 = [f for f in now.findings if f.code == "S005" and f.episode_id == old.episode_id]
    active, waived, stale = apply_waivers(s005, [waiver], date(2026, 12, 7))
    assert (len(active), len(waived), stale) == (0, 2, [])


def test_regional_tags_are_one_form_wherever_they_come_from(tmp_path: Path) -> None:
    """`--source-lang pt-BR` chose no reference (compared exactly with `pt`); a JSON variant's
    `"page_locale": "pt-BR"` stayed upper-case next to folder-derived `pt-br`; `--locale pt_BR`
    was refused."""
    import json

    from click.testing import CliRunner

    from aligner.cli import main

    paths = _regional(tmp_path, ("pt-BR", "en"))
    source = check_paths(paths, Settings(source_lang="es"))
    assert {e.ref_lang for e in source.episodes} >= {"es"}
    parsed = tmp_path / "parsed.json"
    assert CliRunner().invoke(main, ["parse", paths[0], "-o", str(parsed)]).exit_code == 0
    document = json.loads(parsed.read_text(encoding="utf-8"))
    for variant in document["variants"]:
        variant["page_locale"] = "pt-BR"
    parsed.write_text(json.dumps(document), encoding="utf-8")
    assert {v.page_locale for v in check_paths([str(parsed)], Settings()).variants} == {"pt-br"}
    result = CliRunner().invoke(
        main, ["check", paths[0], "--locale", "pt_BR", "--out", str(tmp_path / "o"), "--no-cache"]
    )
    assert result.exit_code in (0, 1), result.output
    with (tmp_path / "o" / "variants.csv").open(encoding="utf-8") as handle:
        assert {row["page_locale"] for row in csv.DictReader(handle)} == {"pt-br"}


def test_a_page_naming_no_region_is_the_copy_of_the_region_it_equals(tmp_path: Path) -> None:
    """`pt/` holds a byte copy of `pt-PT/`; `pt-BR/` differs. S010 named `pt-br` 'with differences'
    (an error); it is an identical copy of `pt-pt` (a warning)."""
    from tests import defects

    edited = defects.drop_quote(ES_TEXT, LECUN_BODY, "12:07")
    _regional(tmp_path, ("pt-BR",), edited)
    _regional(tmp_path, ("pt-PT", "pt"))
    found = [f for f in check_paths([str(tmp_path)], Settings()).findings if f.code == "S010"]
    lecun = [f for f in found if f.episode_id.startswith("yann")]
    assert [(f.page_locale, f.severity.value) for f in lecun] == [("pt", "warning")]
    assert "pt-PT/page.txt" in lecun[0].message and "(identical)" in lecun[0].message


@pytest.mark.parametrize(
    ("simplified", "traditional", "copies"),
    [("zh", "zh-Hant", 0), ("zh", "zh-TW", 0), ("zh-CN", "zh-HK", 0), ("zh-Hans", "zh", 1)],
)
def test_simplified_and_traditional_chinese_pages_are_two_locales(
    tmp_path: Path, simplified: str, traditional: str, copies: int
) -> None:
    # The Vinyals card on `zh/` and its Traditional rendering on `zh-Hant/`: S010 said "keep one"
    # (an error) and made the converted copy the original. A bare `zh` is Simplified.
    original = (SAMPLES / "zh" / "vinyals.md").read_bytes()
    converted = (LANGUAGES / "zh-Hant" / "vinyals.md").read_bytes()
    for locale, data in ((simplified, original), (traditional, converted if copies == 0 else original)):
        (tmp_path / locale).mkdir()
        (tmp_path / locale / "vinyals.md").write_bytes(data)
    found = [f for f in check_paths([str(tmp_path)], Settings()).findings if f.code == "S010"]
    assert len(found) == copies


def test_what_was_written_before_regional_locales_still_reads_the_same(tmp_path: Path) -> None:
    """(a reviewer session) A JSON variant written by `aligner parse` before page locales kept their
    region says `es` for a page under `es-MX/`: its origin names the tag. A waiver written for a
    page given `--locale es-MX` carries the fingerprint of the whole tag: it still matches."""
    from datetime import date

    from aligner.baseline import split_baseline
    from aligner.fingerprint import tag_fingerprint
    from aligner.serialize import _json_locale
    from aligner.waivers import Waiver, apply_waivers

    assert _json_locale("es", "all.json#es-MX/page.txt") == "es-mx"
    assert _json_locale("es", "all.json#ja/page.txt") == "es"  # another language's folder: not its tag
    assert _json_locale("pt-BR", "all.json#x.txt") == "pt-br"
    paths = _regional(tmp_path, ("es-MX",))
    finding = next(f for f in check_paths(paths, Settings()).findings if f.code == "S005")
    old_print = tag_fingerprint(*finding.fingerprint_inputs)
    assert old_print != finding.fingerprint and finding.fingerprints == (finding.fingerprint, old_print)
    waiver = Waiver(finding.episode_id, "es-mx", "S005", "", "glued on purpose", None, old_print)
    assert apply_waivers([finding], [waiver], date(2026, 12, 7))[1] == [finding]
    key = (finding.episode_id, "es-mx", "S005", "", old_print)
    assert split_baseline([finding], frozenset({key})) == ([], [finding])


def test_a_region_less_original_takes_the_region_of_its_first_copy(tmp_path: Path) -> None:
    """`es/` is complete, `es-MX/` and `es-ES/` both lack a chapter: one S010 (es-MX repeats es
    with differences), not two telling the editor to delete both regional cards."""
    from tests import defects

    short = defects.drop_chapter(ES_TEXT, LECUN_BODY, "15:55")
    _regional(tmp_path, ("es",))
    _regional(tmp_path, ("es-MX", "es-ES"), short)
    lecun = [
        f
        for f in check_paths([str(tmp_path)], Settings()).findings
        if f.code == "S010" and f.episode_id.startswith("yann")
    ]
    assert len(lecun) == 1 and lecun[0].severity.value == "error"
