"""Hypothesis property tests (a package so the modules can share strategies)."""
