"""Run settings and their signature (every setting that changes a report's numbers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from aligner import __version__

DEFAULT_SOURCE_LANG = "en"
DEFAULT_TOLERANCE_S = 5
DEFAULT_LANGUAGES: tuple[str, ...] = ("en", "es", "ja", "zh", "fr", "de", "pt", "it", "ko", "ru", "nl")


@dataclass(frozen=True, slots=True)
class Settings:
    source_lang: str = DEFAULT_SOURCE_LANG
    tolerance: int = DEFAULT_TOLERANCE_S  # seconds a chapter timestamp may drift and still match
    locale: str | None = None  # force the page locale of every input
    languages: tuple[str, ...] = DEFAULT_LANGUAGES  # candidate content languages for detection
    select: tuple[str, ...] = ()  # codes or prefixes; empty = all
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)  # code -> severity override

    def signature(self, checks: list[str]) -> dict[str, object]:
        """Everything that affects the numbers, so two reports can be compared honestly."""
        return {
            "version": __version__,
            "source_lang": self.source_lang,
            "tolerance_s": self.tolerance,
            "locale": self.locale or "",
            "languages": list(self.languages),
            "checks": sorted(checks),
            "severity_overrides": dict(sorted(self.severity.items())),
        }

    def signature_text(self, checks: list[str]) -> str:
        sig = self.signature(checks)
        return "|".join(
            [
                f"aligner:{sig['version']}",
                f"src:{sig['source_lang']}",
                f"tol:{sig['tolerance_s']}s",
                f"langs:{','.join(self.languages)}",
                f"checks:{len(checks)}",
            ]
        )
