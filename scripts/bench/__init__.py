"""The benchmark's measurements, one module each; scripts/benchmark.py runs them."""
