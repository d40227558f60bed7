"""Tooling for the tests, the benchmark and the scripts: never imported by a build."""
