"""Faithful translations of the Hassabis page in twenty-two languages (QA sessions wrote them: ar,
fa, he, hi, th, tr, pl, vi, id, zh-TW; then de, fr, it, nl, pt-BR, which had 3 false warnings: a
number in a German compound, a Dutch possessive `Demis'`, `Chinese` for China; then ru, uk, ko,
el, which had 33: Ukrainian read as Russian, Greek type labels unknown, ordinary words taken for
names by sound, Korean particles; then es, ja, zh-CN, which had 3: `谷歌` for Google), checked
together with the English original, as a site would publish them. Before they had tables (and
scripts, and candidates) the run failed with 40 errors and about 250 warnings: unknown type labels
unpaired every name, numbers in words were "missing", the metadata was swallowed into the summary,
Arabic and Hebrew were `und`. The last 18 warnings (names written in fa, he, hi, ru, th and uk
script the way the English writes them, two Hindi chapter scores) went in stop 29: none is left."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from aligner.langid import detect_many
from aligner.model import Finding, Severity
from aligner.pipeline import check_paths
from aligner.results import RunResult
from aligner.settings import DEFAULT_LANGUAGES, Settings
from tests.translations import LANGUAGES, edit_body, with_source

TRANSLATIONS = (
    *("ar", "fa", "he", "hi", "th", "tr", "pl", "vi", "id", "zh-TW"),
    *("de", "fr", "it", "nl", "pt-BR"),
    *("ru", "uk", "ko", "el"),
    *("es", "ja", "zh-CN"),
)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    root = tmp_path_factory.mktemp("languages")
    for locale in ("en", *TRANSLATIONS):
        shutil.copytree(LANGUAGES / locale, root / locale)
    return check_paths([str(root)], Settings())


def _of(result: RunResult, locale: str, severity: Severity) -> list[Finding]:
    return [f for f in result.findings if f.page_locale == locale.lower() and f.severity is severity]


def test_one_episode_with_every_translation_paired(result: RunResult) -> None:
    [episode] = result.episodes
    assert sorted(v.page_locale for v in episode.variants) == sorted(
        ["en", *(t.lower() for t in TRANSLATIONS)]
    )


@pytest.mark.parametrize("locale", TRANSLATIONS)
def test_each_translation_is_read_in_its_language_with_its_metadata(result: RunResult, locale: str) -> None:
    [variant] = [v for v in result.variants if v.page_locale == locale.lower()]
    assert variant.lang == locale.split("-")[0].lower()
    assert variant.published and variant.channel == "Unsupervised Learning: With Jacob Effron"
    assert all(chapter.lang == variant.lang for chapter in variant.chapters)


@pytest.mark.parametrize("locale", TRANSLATIONS)
def test_a_faithful_translation_has_no_error_and_no_warning(result: RunResult, locale: str) -> None:
    """`zweistündigen` is two, `Demis'` is Demis, `de Chinese technologiestack` keeps China,
    `알파고가` is AlphaGo, `일론` is Elon, `του Μάλαμπι` is Mallaby (`Πρόσωπο` is a person), `谷歌`
    is Google; `Год спустя` ("a year later") is no `God`, `докторская диссертация` is a PhD, `लंदन`
    London, `डीपमाइंड` DeepMind, `ایلان` Elon, `שגוגל` "that Google", `เจค็อบชี้` "Jacob points"."""
    assert _of(result, locale, Severity.ERROR) == []
    assert _of(result, locale, Severity.WARNING) == [], [
        f.message for f in _of(result, locale, Severity.WARNING)
    ]


@pytest.mark.parametrize(
    ("locale", "rendering", "glossed"),
    [
        ("zh-CN", "诺贝尔奖", "诺贝尔奖 (Nobel Prize)"),
        ("ru", "Нобелевскую премию", "Нобелевскую премию (Nobel Prize)"),
        ("ko", "노벨상", "노벨상 (Nobel Prize)"),
        ("zh-CN", "诺贝尔奖", "诺贝尔奖（the Nobel Prize）"),
        ("zh-CN", "诺贝尔奖", "诺贝尔奖（英语：Nobel Prize）"),
        ("zh-CN", "诺贝尔奖", "“诺贝尔奖”（Nobel Prize）"),
        ("zh-CN", "诺贝尔奖", "诺贝尔奖 [Nobel Prize]"),
        ("zh-CN", "诺贝尔奖", "诺贝尔奖（nobel prize）"),
    ],
)
def test_a_name_glossed_once_in_brackets_is_rendered_not_missing(
    locale: str, rendering: str, glossed: str, tmp_path: Path
) -> None:
    """`诺贝尔奖(Nobel Prize)` once made the variant "use" `Nobel Prize`, and every chapter saying
    `诺贝尔奖` alone "lacked" it: three T503 on a faithful page (found by QA of the gate); so did
    the gloss with an article, a label, in quotes, in square brackets or in lower case (found by QA
    of new heuristics)."""
    page = with_source(tmp_path, locale)
    text = page.read_text(encoding="utf-8")
    assert rendering in text
    page.write_text(text.replace(rendering, glossed, 1), encoding="utf-8")
    findings = check_paths([str(tmp_path)], Settings()).findings
    assert [f.message for f in findings if f.code == "T503" and "Nobel" in f.message] == []


@pytest.mark.parametrize("locale", ["zh-CN", "ko", "ru", "pt-BR"])
def test_a_body_replaced_by_another_chapters_body_is_c106(locale: str, tmp_path: Path) -> None:
    """The body of `[38:21]` replaced by the body of `[04:03]`: the chapter keeps its quote,
    length and place, so it fit its own chapter nearly as well as the copied one, which fits its
    chapter better still — the gate passed, in every language tried (found by QA of the gate)."""
    from aligner.parse import parse_page
    from aligner.read import read_page

    path = with_source(tmp_path, locale)
    [variant] = parse_page(read_page(str(path))).variants
    bodies = {chapter.ts_text: chapter.body for chapter in variant.chapters}
    text = path.read_text(encoding="utf-8")
    assert text.count(bodies["38:21"]) == 1
    path.write_text(text.replace(bodies["38:21"], bodies["04:03"]), encoding="utf-8")
    findings = check_paths([str(tmp_path)], Settings()).findings
    lang = locale.split("-")[0].lower()
    assert [(f.chapter_ts, f.message) for f in findings if f.code == "C106"] == [
        ("38:21", f"Chapter `[38:21]` in `{lang}` has the body of `[04:03]` (pasted twice?)")
    ]


def test_a_summary_left_as_the_reference_wrote_it_is_l403_alone(tmp_path: Path) -> None:
    """The zh summary left in English: L403 says so, and T502 read the English `three` as Chinese
    and called it missing (found by QA of the gate)."""
    from aligner.parse import parse_page
    from aligner.read import read_page

    with_source(tmp_path, "zh-CN")
    [english] = parse_page(read_page(str(LANGUAGES / "en" / "hassabis.md"))).variants
    path = tmp_path / "zh-CN" / "hassabis.md"
    [chinese] = parse_page(read_page(str(path))).variants
    text = path.read_text(encoding="utf-8")
    assert text.count(chinese.summary) == 1 and "three" in english.summary
    path.write_text(text.replace(chinese.summary, english.summary), encoding="utf-8")
    findings = check_paths([str(tmp_path)], Settings()).findings
    said = [
        (f.code, f.message.split(":")[0]) for f in findings if f.page_locale == "zh-cn" and f.code != "E305"
    ]
    assert said == [("L403", "Summary of `zh` left untranslated")]


def test_a_mis_decoded_chapter_is_s006_not_a_changed_number(tmp_path: Path) -> None:
    """Cyrillic read as Latin-1 is full of `²` and `³`, which NFKC makes digits: T502 said the
    chapter "has `4`, `3`, `2`" beside the S006 (found by QA of the gate)."""
    from aligner.parse import parse_page
    from aligner.read import read_page

    path = with_source(tmp_path, "ru")
    [variant] = parse_page(read_page(str(path))).variants
    body = next(c.body for c in variant.chapters if c.ts_text == "23:46")
    third = body[: len(body) // 3]
    damaged = third.encode("utf-8").decode("latin-1")
    assert "²" in damaged or "³" in damaged
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(third, damaged, 1), encoding="utf-8")
    findings = check_paths([str(tmp_path)], Settings()).findings
    ru = [(f.code, f.chapter_ts) for f in findings if f.page_locale == "ru" and f.code in ("S006", "T502")]
    assert ru == [("S006", "23:46")]


@pytest.mark.parametrize(
    ("locale", "amount", "changed"),
    [
        ("es", "compromiso de 1000 millones de dólares", "compromiso de un millón de dólares"),
        ("ar", "بقيمة مليار دولار", "بقيمة مليون دولار"),
    ],
)
def test_an_amount_changed_in_the_body_is_not_hidden_by_the_quote(
    locale: str, amount: str, changed: str, tmp_path: Path
) -> None:
    """`[15:51]`'s body said `1000 millones` made `un millón`; its quote still says `mil millones`,
    which satisfied the chapter as a whole — PASS without a warning (found by QA of the gate)."""
    path = with_source(tmp_path, locale)
    edit_body(path, "15:51", _once(amount, changed))
    findings = check_paths([str(tmp_path)], Settings()).findings
    said = [(f.chapter_ts, f.message) for f in findings if f.code == "T502"]
    assert len(said) == 1 and said[0][0] == "15:51"
    assert said[0][1].startswith("Chapter `[15:51]` body: `1 billion` missing in ")


@pytest.mark.parametrize(
    ("locale", "right", "wrong"), [("ru", "Хассабисом", "Хасабисом"), ("ko", "허사비스와", "허사피스와")]
)
def test_a_surname_misspelled_before_its_ending_is_t503(
    locale: str, right: str, wrong: str, tmp_path: Path
) -> None:
    """`Хассабисом` typed `Хасабисом`, `하사비스는` typed `하사피스는` passed: misspellings were judged
    in Latin script and katakana only (found by QA of the gate in ru and ko). The entity list's
    rendering, with the case ending or particle the chapter adds, is the spelling to keep."""
    path = with_source(tmp_path, locale)
    edit_body(path, "00:00", _once(right, wrong))
    findings = check_paths([str(tmp_path)], Settings()).findings
    (said,) = [f.message for f in findings if f.code == "T503" and f.chapter_ts == "00:00"]
    assert "`Demis Hassabis`" in said and said.endswith(f" in `{locale}` (has `{wrong}`)")  # ru: and `God`


def test_a_mis_decoded_page_is_s006_not_another_language(tmp_path: Path) -> None:
    """A whole Greek page read as cp1252: its first line was "Episode is in `fr` on the `el` page"
    (L402, an error), the language read off the mojibake (found by QA of the gate)."""
    path = with_source(tmp_path, "el")
    path.write_text(path.read_bytes().decode("latin-1"), encoding="utf-8")
    findings = check_paths([str(tmp_path)], Settings()).findings
    codes = {f.code for f in findings if f.page_locale == "el"}
    assert "S006" in codes and "L402" not in codes


def _once(old: str, new: str) -> Callable[[str], str]:
    """A body edit: ``old``, which the line holds once, made ``new``."""

    def change(line: str) -> str:
        assert line.count(old) == 1
        return line.replace(old, new)

    return change


def test_a_ukrainian_paragraph_on_a_russian_page_is_l402(tmp_path: Path) -> None:
    """uk is no candidate of a ru page (the default languages hold ru alone of the Cyrillic ones),
    so the script gate read every Cyrillic body there as Russian (found by QA of the gate in uk)."""
    ukrainian = (LANGUAGES / "uk" / "hassabis.md").read_text(encoding="utf-8").split("\n")
    body = ukrainian[next(i for i, line in enumerate(ukrainian) if line.startswith("## [11:27]")) + 1]
    edit_body(with_source(tmp_path, "ru"), "11:27", lambda _line: body)
    findings = [f for f in check_paths([str(tmp_path)], Settings()).findings if f.code.startswith("L4")]
    assert [(f.code, f.chapter_ts, f.message) for f in findings] == [
        ("L402", "11:27", "Chapter `[11:27]` body is in `uk` on the `ru` page (expected `ru`)")
    ]
    assert detect_many([body[:600]], DEFAULT_LANGUAGES)[0][0] == "uk"
