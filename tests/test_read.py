"""Reading: discovery, decoding and page locale."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aligner import langdata
from aligner.read import (
    decode,
    discover,
    is_aligner_output,
    is_output_head,
    locale_from_path,
    printable,
    read_page,
    without_surrogates,
)


@pytest.mark.parametrize(
    ("path", "locale"),
    [
        ("pages/es/listing.txt", "es"),
        ("snap/zh-Hans/page.md", "zh"),
        ("listing.ja.txt", "ja"),
        ("pt-BR/page.txt", "pt"),
        ("snap/zh-Hant-TW/page.md", "zh"),  # language, script and region
        ("pages/es-419/page.md", "es"),  # a UN M.49 region (Latin America)
        ("pages/in/listing.txt", None),  # "in" is no language code we accept
        ("pages/listing.txt", None),
        ("pages/en/it-ai.md", "en"),  # `it-ai` is no tag as tags are written: the folder's
        ("tr/en.md", "en"),  # a file name written as a tag beats a folder that looks like one
        ("/srv/it/pages/es.md", "es"),
        ("pages/es.md", "es"),  # the file name when no folder names one
        ("pages/en/index.fr.md", "fr"),  # a dotted part of the file name is explicit
    ],
)
def test_locale_from_path(path: str, locale: str | None) -> None:
    assert locale_from_path(path) == locale


def test_locale_from_ui_strings_when_the_path_has_none(tmp_path: Path) -> None:
    source = Path(__file__).parent.parent / "samples" / "pages"
    for name, expected in (("es/laidub-es-page.txt", "es"), ("ja/laidub-ja-page.txt", "ja")):
        target = tmp_path / name.split("/")[1]
        target.write_bytes((source / name).read_bytes())
        page = read_page(str(target), None, langdata.ui_locale)
        assert (page.locale, page.locale_source) == (expected, "ui-strings")


def test_forced_locale_wins(tmp_path: Path) -> None:
    (tmp_path / "es").mkdir()
    path = tmp_path / "es" / "p.txt"
    path.write_text("x", encoding="utf-8")
    assert read_page(str(path), "fr", langdata.ui_locale).locale == "fr"


@pytest.mark.parametrize(
    ("data", "ok", "problem"),
    [
        ("héllo".encode(), True, None),
        (b"\xef\xbb\xbfhello", True, None),
        ("日本語のテキスト".encode("utf-16"), True, None),
        ("日本語のテキストです".encode("shift_jis"), True, None),
        ("abcé".encode()[:-1], True, "truncated"),
        (b"\x00\x01\x02binary\x00", False, "binary"),
        (b"caf\xe9 au lait", False, "not valid UTF-8"),
    ],
)
def test_decode(data: bytes, ok: bool, problem: str | None) -> None:
    text, _encoding, found = decode(data)
    assert (text is not None) == ok
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_discover_is_sorted_recursive_and_reports_missing(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/2.md", "a.txt", "b/1.json", "c.png"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, missing = discover([str(tmp_path), str(tmp_path / "nope")])
    assert [Path(f).name for f in files] == ["a.txt", "1.json", "2.md"]
    assert missing == {str(tmp_path / "nope"): "no such file or folder"}


def test_a_folder_given_with_no_page_in_it_is_missing_not_skipped(tmp_path: Path) -> None:
    """`aligner check pages empty/`: the empty folder (or one of .py files) had been passed over in
    silence, so a gate over two folders, one of them wrong, passed on the other alone."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "x.py").write_text("x = 1", encoding="utf-8")
    (tmp_path / "dotted" / ".git").mkdir(parents=True)
    (tmp_path / "dotted" / ".git" / "HEAD.md").write_text("x", encoding="utf-8")
    given = [str(tmp_path / name) for name in ("pages", "empty", "code", "dotted")]
    files, missing = discover(given)
    assert [Path(f).name for f in files] == ["a.md"]
    assert sorted(missing) == sorted(given[1:])
    assert all(reason.startswith("a folder with no page in it") for reason in missing.values())


def test_discover_leaves_out_hidden_entries_of_a_folder_but_reads_them_by_name(tmp_path: Path) -> None:
    """A catalog kept in git has `.github/*.md` templates (and may have a `.venv`): not pages."""
    root = tmp_path / ".catalog"  # a walked root may itself be hidden
    for name in ("es/a.md", ".github/template.md", "es/.draft.md", "._a.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    files, missing = discover([str(root)])
    assert [Path(f).relative_to(root).as_posix() for f in files] == ["es/a.md"]
    named = discover([str(root / "es/.draft.md")])[0]
    assert named == [(root / "es/.draft.md").as_posix()]
    assert missing == {}


def test_discover_follows_linked_folders_once_and_reads_each_file_once(tmp_path: Path) -> None:
    shared = tmp_path / "shared" / "es"
    shared.mkdir(parents=True)
    (shared / "a.md").write_text("x", encoding="utf-8")
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    (catalog / "es").symlink_to(shared, target_is_directory=True)  # a locale folder kept elsewhere
    (catalog / "loop").symlink_to(catalog, target_is_directory=True)  # a link back up: no loop
    (catalog / "ja.md").write_text("y", encoding="utf-8")
    files, missing = discover([str(catalog), str(catalog / "es" / ".." / "es" / "a.md")])
    assert files == [(catalog / "es/a.md").as_posix(), (catalog / "ja.md").as_posix()]
    assert missing == {}
    # The same file by two paths is one page (else every variant of it is doubled), the shorter path.
    assert discover([str(catalog / "es/a.md"), str(shared / "a.md")])[0] == [(shared / "a.md").as_posix()]


@pytest.mark.parametrize("link", ["ja/mirror", "zz"])
def test_a_link_to_a_folder_of_the_input_does_not_take_its_place(tmp_path: Path, link: str) -> None:
    """A link deeper in the tree (`ja/mirror` → `es`), or one sorting after the folder (`zz`), was
    walked first: the folder was then "seen", so its pages were read only under the link — the
    Spanish page as a `ja` page (another locale, other findings, another episode id)."""
    for locale in ("es", "ja"):
        (tmp_path / locale).mkdir()
        (tmp_path / locale / f"{locale}.md").write_text(locale, encoding="utf-8")
    (tmp_path / link).symlink_to(tmp_path / "es", target_is_directory=True)
    files, missing = discover([str(tmp_path)])
    assert [Path(f).relative_to(tmp_path).as_posix() for f in files] == ["es/es.md", "ja/ja.md"]
    assert missing == {}


def test_discover_names_what_a_folder_holds_that_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "es.md").write_text("x", encoding="utf-8")
    (tmp_path / "gone.md").symlink_to(tmp_path / "deleted.md")
    os.mkfifo(tmp_path / "pipe.md")  # never opened: reading it would wait for a writer
    os.mkfifo(tmp_path / "pipe.png")  # not an input suffix: not a page at all
    (tmp_path / "notes").symlink_to(tmp_path / "nowhere")  # no suffix: not a page either
    files, missing = discover([str(tmp_path)])
    assert files == [(tmp_path / "es.md").as_posix()]
    assert missing == {
        (tmp_path / "gone.md").as_posix(): f"broken symbolic link (to {tmp_path / 'deleted.md'})",
        (tmp_path / "pipe.md").as_posix(): "not a regular file or folder",
    }


def test_only_aligners_own_reports_are_taken_for_reports(tmp_path: Path) -> None:
    parsed = b'{\n  "schema_version": 1,\n  "variants": [\n'  # what `aligner parse` writes: a page
    assert not is_output_head(parsed)
    assert not is_output_head(
        b'{"title": "X", "tool": "aligner", "chapters": []}'
    )  # not where the writer puts it
    assert is_output_head(b'{\n  "schema_version": 1,\n  "tool": "aligner",\n  "settings": {')
    assert is_output_head(b'{\n  "nights": [\n    {\n')
    page = tmp_path / "page.md"
    page.write_bytes(b'{\n  "nights": [')  # not JSON by its suffix: a page, whatever it holds
    assert not is_aligner_output(page)


def test_printable_shows_an_undecodable_byte_of_a_name_and_mends_other_surrogates() -> None:
    assert printable(os.fsdecode(b"pages/caf\xe9-\xff.md")) == "pages/caf\\xe9-\\xff.md"
    assert printable("x\ud800y") == "x\ufffdy"  # half a pair: nothing to show
    assert printable("café 日本") == "café 日本"
    assert without_surrogates(os.fsdecode(b"caf\xe9")) == "caf\ufffd"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(codec: str) -> None:
    # Before: "binary file (NUL or control bytes)" - an S001 for a page any editor opens.
    page = (Path(__file__).parent.parent / "samples" / "pages" / "ja" / "laidub-ja-page.txt").read_text(
        "utf-8"
    )
    assert decode(page.encode(codec)) == (page, "utf-16", None)


def test_binary_data_with_nul_bytes_is_still_binary() -> None:
    assert decode(bytes(range(256)) * 16)[0] is None
    assert decode(b"\x01\x00\x02\x00" * 500)[0] is None  # NULs on one side, but control characters
