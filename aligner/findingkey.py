"""The stable identity of a finding across nights: ``episode|locale|code|chapter|fingerprint``.

``aligner.history`` stores findings under it; the HTML report marks the findings whose key is new
since the previous night. A page-level finding (no episode) is keyed by its page's file name.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from aligner.model import Finding


def finding_key(finding: Finding) -> str:
    """``finding``'s key (see the module docs)."""
    episode = finding.episode_id or f"page:{PurePosixPath(finding.source_path).name}"
    return "|".join((episode, finding.page_locale, finding.code, finding.chapter_ts, finding.fingerprint))
