"""aligner: translation alignment and consistency checker for a multilingual podcast-summary site."""

__version__ = "0.1.0"
