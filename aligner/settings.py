"""Run settings and their signature (every setting that changes a report's numbers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aligner import __version__
from aligner.locales import language_of

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
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)  # code -> {name: value}
    # locale -> {"severity": {code: sev}, "thresholds": {code: {name: value}}, "quotes_untranslated_ok": bool, …}
    locales: dict[str, dict[str, Any]] = field(default_factory=dict)
    glossary: str | None = None  # CSV path: one column per language
    config_path: str | None = None  # where the settings came from (for messages only)
    fail_on: str = "error"  # exit 1 at or above this severity: error, warning or never
    waivers: str | None = None  # waivers file (TOML or CSV, schemas/waivers.schema.json)
    baseline: str | None = None  # a previous findings.csv: report only findings not in it
    history: str | None = None  # nightly history database

    def threshold(self, code: str, name: str, default: float, locale: str | None = None) -> float:
        """A check's threshold: per-locale override (the page's tag, then its language:
        ``[locales.pt-br]``, then ``[locales.pt]``), else global, else the check's default."""
        for local in self._local(locale):
            values = local.get("thresholds", {}).get(code, {})
            if name in values:
                return float(values[name])
        return float(self.thresholds.get(code, {}).get(name, default))

    def severity_for(self, code: str, locale: str | None = None) -> str | None:
        """Configured severity for a check (per-locale first, as ``threshold``), or None for the default."""
        for local in self._local(locale):
            if code in local.get("severity", {}):
                return str(local["severity"][code])
        return self.severity.get(code)

    def locale_option(self, locale: str, name: str, default: Any = None) -> Any:
        return next((local[name] for local in self._local(locale) if name in local), default)

    def _local(self, locale: str | None) -> list[dict[str, Any]]:
        """The ``[locales.*]`` entries for a page locale, most specific first."""
        if not locale:
            return []
        tag = locale.lower().replace("_", "-")
        keys = dict.fromkeys((tag, language_of(tag)))
        return [self.locales[key] for key in keys if key in self.locales]

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
            "thresholds": {k: dict(sorted(v.items())) for k, v in sorted(self.thresholds.items())},
            "locales": {k: self.locales[k] for k in sorted(self.locales)},
            "glossary": self.glossary or "",
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
