"""Benchmarks: a synthetic catalog generator (generate.py) and the timing harness (run.py)."""
