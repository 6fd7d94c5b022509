"""Benchmarks: `make bench` runs every bench/bench_*.py `main()` in its own process."""
