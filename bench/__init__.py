"""Benchmarks: ``python -m bench`` prints each figure and its ratio against DuckDB doing
the same raw work. Results are recorded in docs/benchmarks.md."""
