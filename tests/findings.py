"""A finding made by hand for the tests that need one without a run: every field a plain default,
the ones a test is about given."""

from __future__ import annotations

from typing import Any

from aligner.model import Finding, Severity


def make_finding(**fields: Any) -> Finding:
    """A C101 error at `[01:15]` of episode `ep` on the `es` page, but for ``fields``."""
    values: dict[str, Any] = {
        "episode_id": "ep",
        "page_locale": "es",
        "source_path": "es/p.txt",
        "chapter_sort": 75,
        "code": "C101",
        "message": "Chapter `[01:15]` missing in `es`",
        "episode_title": "T",
        "lang": "es",
        "ref_lang": "en",
        "chapter_ts": "01:15",
        "name": "missing-chapter",
        "severity": Severity.ERROR,
    }
    values.update(fields)
    return Finding(**values)
