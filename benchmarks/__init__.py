"""The performance benchmark: `.venv/bin/python -m benchmarks.run` prints every figure beside
its target and exits non-zero when a target is missed."""
