"""Benchmarks of the matching engine (``uv run python -m bench.engine --help``)."""
